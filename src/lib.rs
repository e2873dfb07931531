//! # earshot — listen to customers
//!
//! earshot reads what people write about a business — posts, reviews, replies, support
//! tickets — and says, fast and with reasons, how they feel and what kind of feedback it is.
//!
//! The pipeline is `text → tokenizer → lexicon scorer → feedback classifier`, one module per
//! stage, each usable on its own:
//!
//! * [`tokenizer`] — a zero-copy, social-media aware tokenizer (emoji sequences, emoticons,
//!   hashtags, mentions, URLs, contractions, ALL CAPS and elongation flags).
//!
//! ```
//! let words: Vec<&str> = earshot::tokenize("Soooo happy with @Acme :) #win")
//!     .map(|t| t.text)
//!     .collect();
//! assert_eq!(words, ["Soooo", "happy", "with", "@Acme", ":)", "#win"]);
//! ```
#![forbid(unsafe_code)]
#![deny(missing_docs)]

pub mod tokenizer;

pub use tokenizer::{Flags, Token, TokenKind, Tokens, tokenize};
