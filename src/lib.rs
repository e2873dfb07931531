//! # earshot — listen to customers
//!
//! earshot reads what people write about a business — posts, reviews, replies, support
//! tickets — and says, fast and with reasons, how they feel and what kind of feedback it is.
//!
//! ```
//! use earshot::{Analyzer, Label};
//!
//! let analyzer = Analyzer::default();
//! let a = analyzer.analyze("The app crashed AGAIN and I hate it :(");
//! assert_eq!(a.sentiment.label(), Label::Negative);
//! ```
//!
//! The pipeline is `text → tokenizer → lexicon scorer → feedback classifier`, one module per
//! stage, each usable on its own:
//!
//! * [`tokenizer`] — a zero-copy, social-media aware tokenizer (emoji sequences, emoticons,
//!   hashtags, mentions, URLs, contractions, ALL CAPS and elongation flags);
//! * [`lexicon`] — VADER's lexicon built in, your own terms loaded from files and merged over it;
//! * [`scorer`] — VADER's valence rules: an exact VADER-compatible preset and earshot's own;
//! * [`classifier`] — feedback categories with evidence;
//! * [`Analyzer`] — all of it behind one value, built once, shared across threads.
//!
//! ```
//! let words: Vec<&str> = earshot::tokenize("Soooo happy with @Acme :) #win")
//!     .map(|t| t.text)
//!     .collect();
//! assert_eq!(words, ["Soooo", "happy", "with", "@Acme", ":)", "#win"]);
//! ```
#![forbid(unsafe_code)]
#![deny(missing_docs)]

mod analyzer;
pub mod classifier;
mod error;
pub mod lexicon;
pub(crate) mod read;
pub mod scorer;
pub mod tokenizer;
mod util;

pub use analyzer::{Analysis, Analyzer, AnalyzerBuilder};
pub use error::{Error, ErrorKind};
pub use scorer::{Label, Preset, Sentiment};
pub use tokenizer::{Flags, Token, TokenKind, Tokens, tokenize};

// The README's examples are compiled and run as doc tests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;
