//! Stage 3b: aspects — what a text talks about, and how the writer feels about each thing.
//!
//! "The food was great but the service was painfully slow" is neither positive nor negative:
//! it praises the kitchen and blames the front of house. The aspect stage finds the aspects a
//! text names, attaches each opinion word to what it judges (by clause, proximity, copulas and
//! "but" structure, see `attach.rs`), and gives each aspect its own sentiment — from the
//! valences the scorer left on the words, so negation, contrast and emphasis count as they do
//! for the whole text, without scoring again — with the spans that name it and judge it.
//!
//! ```
//! let text = "The food was great but the service was painfully slow";
//! let a = earshot::analyze(text);
//! let labels: Vec<(&str, earshot::Label)> =
//!     a.aspects.iter().map(|x| (x.label.as_str(), x.sentiment.label)).collect();
//! assert_eq!(
//!     labels,
//!     [("food", earshot::Label::Positive), ("service", earshot::Label::Negative)]
//! );
//! ```
//!
//! # Built-in aspects
//!
//! Customer feedback (products, apps, services) and hospitality (restaurants, hotels); each
//! aspect's words, and what it covers, are in `src/aspects/data/aspects.json`, a file in the
//! same format as yours:
//!
//! | label | what it covers |
//! |---|---|
//! | `price` | what it costs and whether it is worth it: prices, fees, value, "overpriced", "cheap" |
//! | `quality` | how well made it is: build, materials, durability, defects ("broke after a week") |
//! | `service` | the people who serve and help: staff, waiters, front desk, customer service, support |
//! | `delivery` | getting it to the customer: shipping, couriers, packaging, arrival times |
//! | `billing` | charges, invoices, refunds, payments, subscriptions as money taken |
//! | `account` | the customer's account: logging in, passwords, sign-up, profile, locked accounts |
//! | `usability` | how easy it is to use: set-up, navigation, learning, "easy to use", "confusing" |
//! | `performance` | how fast it works: speed, lag, loading, freezing, processors and memory |
//! | `reliability` | whether it keeps working: crashes, outages, bugs, errors, "stopped working" |
//! | `design` | how it looks and is laid out: style, weight, size, keyboard and build layout |
//! | `software` | the programs on it: the operating system, apps, updates, drivers |
//! | `battery` | the battery: battery life, charging, "lasts all day", "drains" |
//! | `display` | the screen: resolution, brightness, colours, touchscreen |
//! | `connectivity` | connections: Wi-Fi, Bluetooth, ports, signal, network coverage |
//! | `food` | what is eaten: dishes, ingredients, taste, portions, the menu, breakfast |
//! | `drinks` | what is drunk: wine, beer, cocktails, coffee, the bar's drinks |
//! | `ambience` | how the place feels: atmosphere, decor, music, noise, crowd |
//! | `location` | where it is: neighbourhood, transport, views, walking distance |
//! | `cleanliness` | how clean it is: dirt, stains, smells, bugs, hygiene |
//! | `room` | the room to sleep in: bed, bathroom, shower, size, amenities |
//!
//! One word can belong to two aspects in context: "the screen froze" is performance ("froze"
//! judges how it works, whatever froze), "the screen is gorgeous" is display; "charged twice"
//! is billing, "holds a charge" battery. A hidden aspect, `general`, takes what is said of the
//! place or the product as a whole ("great place", "love this laptop") so that it does not
//! count for whatever is named next to it.
//!
//! # Your own aspects
//!
//! The `aspects` section of a [`Config`](crate::Config) adds aspects (a product line, a feature,
//! a store), replaces or extends built-in ones, or switches them off:
//!
//! ```
//! let config = earshot::Config::from_json(r#"{"aspects": [
//!     {"label": "cloud_sync", "terms": ["Acme Cloud Sync", "cloud sync", "syncing"]},
//!     {"label": "price", "extend": true, "terms": ["subscription fee"]},
//!     {"label": "billing", "enabled": false}
//! ]}"#)?;
//! let analyzer = earshot::Analyzer::builder().config(&config).build()?;
//! let a = analyzer.analyze("Acme Cloud Sync keeps losing my files, but the app is lovely");
//! let sync = a.aspects.iter().find(|x| x.label == "cloud_sync").unwrap();
//! assert_eq!(sync.sentiment.label, earshot::Label::Negative);
//! # Ok::<(), earshot::Error>(())
//! ```
//!
//! # A named target
//!
//! [`Analyzer::sentiment_toward`](crate::Analyzer::sentiment_toward) asks how a text feels
//! about the thing at a span ("Verizon" in a post that names three carriers), with the same
//! attachment: the target is one more mention, and the opinions said of the others are theirs.

mod attach;
mod model;
mod result;
mod words;

pub use crate::config::{AspectContext, AspectSpec, AspectValence};
pub(crate) use attach::AspectsScratch;
pub(crate) use model::Aspects;
pub use result::{Aspect, AspectEvidence, AspectEvidenceList, AspectSentiment, Role, Target};
