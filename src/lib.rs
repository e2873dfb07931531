//! # earshot — listen to customers
//!
//! earshot reads what people write about a business — posts, reviews, replies, support
//! tickets — and says, fast and with reasons, how they feel and what kind of feedback it is.
//!
//! One call for the common case:
//!
//! ```
//! let text = "The app crashed AGAIN and I hate it :(";
//! let a = earshot::analyze(text);
//! assert_eq!(a.sentiment.label, earshot::Label::Negative);
//! let problem = a.categories.iter().find(|c| c.label == "problem").unwrap();
//! assert_eq!(problem.evidence[0].text(text), "crashed");
//! assert!(earshot::sentiment("Thanks, works great!").compound > 0.5);
//! ```
//!
//! and an [`Analyzer`] built once, with a builder, for anything else (another preset, your
//! lexicon terms and categories, the neutral band, per-sentence scores):
//!
//! ```
//! use earshot::{Analyzer, Preset};
//!
//! let vader = Analyzer::builder().preset(Preset::Vader).build()?;
//! assert_eq!(vader.sentiment("The book was good.").compound, 0.4404);
//! # Ok::<(), earshot::Error>(())
//! ```
//!
//! The pipeline is `text → read → sentiment → categories, aspects → Analysis`, one module per stage,
//! dependencies flowing one way (ARCHITECTURE.md describes each stage):
//!
//! * [`tokenizer`] — a zero-copy, social-media aware tokenizer (emoji sequences, emoticons,
//!   hashtags, mentions, URLs, contractions, ALL CAPS and elongation flags); the reading stage
//!   turns its tokens into words with one vocabulary id each, which every later stage reads;
//! * [`lexicon`] — VADER's lexicon built in, your own terms loaded from files and merged over it;
//! * [`scorer`] — VADER's valence rules: an exact VADER-compatible preset and earshot's own;
//! * [`classifier`] — feedback categories with evidence;
//! * [`aspects`] — what a text is about (the food, the price, the battery) and how the writer
//!   feels about each, with the words that say so; and the sentiment toward a named target
//!   ([`Analyzer::sentiment_toward`]);
//! * [`Analyzer`] — all of it behind one value, built once, shared across threads; results are
//!   plain values ([`Analysis`]), working space a separate [`Workspace`];
//! * [`report`] — many analyses aggregated into the listening report (a mergeable, bounded
//!   [`Report`](report::Report); its page with the `report` feature).
//!
//! ```
//! let words: Vec<&str> = earshot::tokenize("Soooo happy with @Acme :) #win")
//!     .map(|t| t.text)
//!     .collect();
//! assert_eq!(words, ["Soooo", "happy", "with", "@Acme", ":)", "#win"]);
//! ```
//!
//! Numbers are serialized at one precision: a compound score at 4 decimals, proportions and
//! confidences at 3 (see [`Sentiment`]).
#![forbid(unsafe_code)]
#![deny(missing_docs)]

mod analyzer;
pub mod aspects;
pub mod classifier;
pub mod config;
mod cues;
mod error;
pub mod lexicon;
mod read;
pub mod report;
pub mod risk;
pub mod scorer;
pub mod tokenizer;
mod util;

use std::sync::LazyLock;

pub use analyzer::{
    Analysis, Analyzer, AnalyzerBuilder, AspectColumns, CategoryColumns, Columns, Feedback,
    RiskColumns, SentimentColumns, Texts, WithText, Workspace,
};
pub use config::Config;
pub use error::{Error, ErrorKind};
pub use scorer::{Label, Preset, SentenceSentiment, Sentiment};
pub use tokenizer::{Flags, Token, TokenKind, Tokens, tokenize};
pub use util::Name;

/// The default analyzer of [`sentiment`] and [`analyze`], built on first use.
static DEFAULT: LazyLock<Analyzer> = LazyLock::new(Analyzer::default);

/// The sentiment of `text` with earshot's default preset: [`Analyzer::sentiment`] on an
/// analyzer built once per process.
///
/// ```
/// assert_eq!(earshot::sentiment("I hate waiting on hold").label, earshot::Label::Negative);
/// ```
pub fn sentiment(text: &str) -> Sentiment {
    DEFAULT.sentiment(text)
}

/// Sentiment and feedback categories of `text` with earshot's defaults: [`Analyzer::analyze`]
/// on an analyzer built once per process.
///
/// ```
/// let a = earshot::analyze("Please add a dark mode");
/// assert_eq!(a.categories[0].label, "idea");
/// ```
pub fn analyze(text: &str) -> Analysis {
    DEFAULT.analyze(text)
}

// The README's examples are compiled and run as doc tests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;
