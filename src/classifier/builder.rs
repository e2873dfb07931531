//! Building a [`Classifier`]: the built-in categories, or yours, with cues added, categories
//! switched off and competitor and product names.

use super::model::Classifier;
use crate::config::{CategorySpec, Config, CueGroup, builtin_specs, config_error};
use crate::cues;
use crate::error::Error;
use crate::read::Vocabulary;

/// Configures a [`Classifier`]; starts from the built-in categories. Setters take and return
/// `&mut self`; [`build`](Self::build) checks everything and compiles.
///
/// ```
/// use earshot::classifier::{CategorySpec, Classifier, CueGroup};
///
/// let classifier = Classifier::builder()
///     .competitors(["Globex"])
///     .cue("idea", CueGroup::new("ours", 2.5, ["needs a tablet mode"]))
///     .category(CategorySpec::new("billing", "invoices").with_cues(CueGroup::new("invoice", 3.0, ["invoice*"])))
///     .disable("policy")
///     .build()?;
/// assert!(classifier.labels().any(|l| l == "billing"));
/// assert!(!classifier.labels().any(|l| l == "policy"));
/// # Ok::<(), earshot::Error>(())
/// ```
#[derive(Clone, Debug)]
pub struct ClassifierBuilder {
    categories: Vec<CategorySpec>,
    competitors: Vec<String>,
    products: Vec<String>,
    /// Cue groups for labels not (yet) defined, checked at build.
    pending: Vec<(String, CueGroup)>,
    disabled: Vec<String>,
}

impl Default for ClassifierBuilder {
    fn default() -> Self {
        ClassifierBuilder {
            categories: builtin_specs(),
            competitors: Vec::new(),
            products: Vec::new(),
            pending: Vec::new(),
            disabled: Vec::new(),
        }
    }
}

impl Classifier {
    /// A builder starting from the built-in categories.
    pub fn builder() -> ClassifierBuilder {
        ClassifierBuilder::new()
    }
}

impl ClassifierBuilder {
    /// A builder with the built-in categories.
    pub fn new() -> ClassifierBuilder {
        ClassifierBuilder::default()
    }

    /// Removes every category (built-in or added so far).
    pub fn clear(&mut self) -> &mut ClassifierBuilder {
        self.categories.clear();
        self
    }

    /// Adds a category, or replaces the one with the same label.
    pub fn category(&mut self, spec: CategorySpec) -> &mut ClassifierBuilder {
        match self.categories.iter_mut().find(|c| c.label == spec.label) {
            Some(existing) => *existing = spec,
            None => self.categories.push(spec),
        }
        self
    }

    /// Adds a cue group to the category `label` (which must exist when building).
    pub fn cue(&mut self, label: &str, group: CueGroup) -> &mut ClassifierBuilder {
        self.pending.push((label.to_string(), group));
        self
    }

    /// Switches the category `label` off.
    pub fn disable(&mut self, label: &str) -> &mut ClassifierBuilder {
        self.disabled.push(label.to_string());
        self
    }

    /// Names competitors: a mention is evidence for `competitor`.
    pub fn competitors<I, S>(&mut self, names: I) -> &mut ClassifierBuilder
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.competitors.extend(names.into_iter().map(Into::into));
        self
    }

    /// Names your products: a mention is weak evidence that a post is about you.
    pub fn products<I, S>(&mut self, names: I) -> &mut ClassifierBuilder
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.products.extend(names.into_iter().map(Into::into));
        self
    }

    /// Applies the categories part of a configuration file (see [`Config`]).
    pub fn config(&mut self, config: &Config) -> &mut ClassifierBuilder {
        if config.replace_builtin {
            self.categories.clear();
        }
        for spec in &config.categories {
            self.category(spec.clone());
        }
        for c in &config.cues {
            self.pending.push((c.label.clone(), c.group.clone()));
        }
        self.disabled.extend(config.disable.iter().cloned());
        self.competitors.extend(config.competitors.iter().cloned());
        self.products.extend(config.products.iter().cloned());
        self
    }

    /// Compiles the categories. Errors name the category, the group and the pattern that is
    /// wrong, or the unknown label.
    pub fn build(&self) -> Result<Classifier, Error> {
        let mut categories = self.categories.clone();
        for (label, group) in &self.pending {
            let Some(spec) = categories.iter_mut().find(|c| &c.label == label) else {
                return Err(config_error(format!("cues for unknown category {label:?}")));
            };
            spec.cues.push(group.clone());
        }
        for label in &self.disabled {
            let Some(spec) = categories.iter_mut().find(|c| &c.label == label) else {
                return Err(config_error(format!(
                    "cannot disable unknown category {label:?}"
                )));
            };
            spec.enabled = false;
        }
        let names = |names: &[String]| -> Vec<String> {
            names
                .iter()
                .filter_map(|n| cues::literal_phrase(n))
                .collect()
        };
        let competitors = names(&self.competitors);
        if !competitors.is_empty()
            && let Some(spec) = categories.iter_mut().find(|c| c.label == "competitor")
        {
            spec.cues
                .push(CueGroup::new("competitor_named", 3.0, competitors));
        }
        let products = names(&self.products);
        if !products.is_empty() {
            for spec in categories
                .iter_mut()
                .filter(|c| matches!(c.label.as_str(), "problem" | "idea" | "praise" | "new_use"))
            {
                spec.cues
                    .push(CueGroup::new("product_named", 0.5, products.clone()));
            }
        }
        Classifier::compile(&categories, Vocabulary::new())
    }
}
