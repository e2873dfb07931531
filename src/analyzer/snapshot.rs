//! The built-in chain, compiled once at development time and loaded at the first build of an
//! analyzer: `builtin.postcard`, generated from the crate's data (the cue, category, risk,
//! aspect and lexicon files stay the source of truth) by `python3 scripts/gen_snapshot.py`.
//!
//! Compiling the chain — parsing 8,000 cue patterns, interning their words, building and
//! merging the stages' indexes, reading the lexicons — took 116 M instructions (19 ms) at the
//! first build; loading its result takes a fraction of that. The file starts with a header
//! ([`MAGIC`], [`FORMAT`], the crate's version) checked on loading; the vocabulary and the cue
//! index, which every stage shares, are held once and shared again on loading, so the loaded
//! chain is the compiled one, value for value. A test compiles the chain and compares its
//! bytes with the file: a stale snapshot fails it, with the command to run.

use std::sync::Arc;

use super::BuiltinChain;
use crate::aspects::Aspects;
use crate::classifier::Classifier;
use crate::cues;
use crate::read::{Vocabulary, WordId};
use crate::risk::RiskStage;
use crate::scorer::Scorer;

/// The snapshot of the built-in chain, generated (see the module's documentation).
pub(super) const BUILTIN: &[u8] = include_bytes!("builtin.postcard");

/// What a snapshot starts with.
const MAGIC: &[u8; 8] = b"earshot\0";

/// The layout of the snapshot: raised whenever a type inside the chain changes its fields (a
/// stale file then fails its header check, and its test, rather than decoding wrongly).
const FORMAT: u32 = 1;

/// The header after [`MAGIC`]: the format, and the version of the crate that wrote it.
#[derive(serde::Serialize, serde::Deserialize)]
struct Header<'a> {
    format: u32,
    version: &'a str,
}

/// The chain as written: the vocabulary and the shared index once, then the stages, which
/// point at them again on loading. The vocabulary's words, in id order, are one string (one
/// UTF-8 check, not one per word) cut by their lengths in bytes (one byte each: no built-in
/// word is longer than 255 bytes, checked when writing), which is cheaper than looking for a
/// separator.
#[cfg(test)]
#[derive(serde::Serialize)]
struct Written<'a> {
    words: &'a str,
    lengths: &'a [u8],
    commons: WordId,
    index: &'a cues::Index,
    classifier: &'a Classifier,
    aspects: &'a Aspects,
    risk: &'a RiskStage,
    scorer: &'a Scorer,
}

/// [`Written`], read back: the words are borrowed from the snapshot's bytes.
#[derive(serde::Deserialize)]
struct Read<'a> {
    words: &'a str,
    lengths: &'a [u8],
    commons: WordId,
    index: cues::Index,
    classifier: Classifier,
    aspects: Aspects,
    risk: RiskStage,
    scorer: Scorer,
}

/// The snapshot of `chain`, a compiled built-in chain whose stages share one index and one
/// vocabulary (written by its test, which `scripts/gen_snapshot.py` runs).
#[cfg(test)]
pub(super) fn write(chain: &BuiltinChain) -> Result<Vec<u8>, String> {
    let index = &**chain.classifier.cue_index().part().0;
    let vocabulary = chain
        .scorer
        .vocabulary()
        .ok_or("the built-in scorer reads words")?;
    if !Arc::ptr_eq(vocabulary, index.vocabulary()) {
        return Err("the built-in stages do not share one vocabulary".into());
    }
    let (words, commons) = vocabulary.words();
    let lengths = words
        .iter()
        .map(|w| u8::try_from(w.len()))
        .collect::<Result<Vec<u8>, _>>()
        .map_err(|_| "a word is longer than 255 bytes")?;
    let words = words.concat();
    let mut bytes = MAGIC.to_vec();
    let header = Header {
        format: FORMAT,
        version: env!("CARGO_PKG_VERSION"),
    };
    let written = Written {
        words: &words,
        lengths: &lengths,
        commons,
        index,
        classifier: &chain.classifier,
        aspects: &chain.aspects,
        risk: &chain.risk,
        scorer: &chain.scorer,
    };
    bytes = postcard::to_extend(&header, bytes).map_err(|e| e.to_string())?;
    postcard::to_extend(&written, bytes).map_err(|e| e.to_string())
}

/// The chain of a snapshot: its stages pointed again at the one vocabulary and the one index
/// they share. Errors: a header that is not this crate's (format or version), bytes that do
/// not decode, or a chain whose parts do not fit together — what a stale or corrupt file
/// gives; the caller then compiles the chain instead.
pub(super) fn load(bytes: &'static [u8]) -> Result<BuiltinChain, String> {
    let body = bytes.strip_prefix(MAGIC).ok_or("not an earshot snapshot")?;
    let (header, body) =
        postcard::take_from_bytes::<Header<'_>>(body).map_err(|e| format!("header: {e}"))?;
    if header.format != FORMAT || header.version != env!("CARGO_PKG_VERSION") {
        return Err(format!(
            "written by earshot {} in format {}, not {} in format {FORMAT}",
            header.version,
            header.format,
            env!("CARGO_PKG_VERSION")
        ));
    }
    let (read, rest) =
        postcard::take_from_bytes::<Read<'static>>(body).map_err(|e| e.to_string())?;
    if !rest.is_empty() {
        return Err(format!("{} bytes after the chain", rest.len()));
    }
    let Read {
        words,
        lengths,
        commons,
        mut index,
        mut classifier,
        mut aspects,
        mut risk,
        mut scorer,
    } = read;
    let mut rest = words;
    let mut cut = true;
    let each = lengths.iter().map_while(|&len| {
        let word = rest.get(..len as usize);
        cut &= word.is_some();
        rest = rest.get(len as usize..).unwrap_or_default();
        word
    });
    let vocabulary = Arc::new(Vocabulary::from_words(each, lengths.len(), commons));
    if !cut || !rest.is_empty() {
        return Err("the vocabulary's words are not cut at their lengths".into());
    }
    if vocabulary.len() != lengths.len() {
        return Err("a word is in the vocabulary twice".into());
    }
    index.share_vocabulary(&vocabulary);
    let index = Arc::new(index);
    let attached = classifier.cue_index_mut().attach(&index)
        && risk.cue_index_mut().attach(&index)
        && aspects.cue_index_mut().attach(&index);
    scorer.share_vocabulary(&vocabulary);
    // The stages' parts must tile the index in the order an analyzer shares it.
    let shared = cues::already_shared(&[
        classifier.cue_index(),
        risk.cue_index(),
        aspects.cue_index(),
    ]);
    if !attached || !shared.is_some_and(|shared| Arc::ptr_eq(&shared, &index)) {
        return Err("the stages' patterns do not fit the shared index".into());
    }
    Ok(BuiltinChain {
        classifier,
        aspects,
        risk,
        scorer,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Where the snapshot is, from the crate's root.
    const PATH: &str = "src/analyzer/builtin.postcard";

    /// The snapshot loads, and writes back to the same bytes: the loaded chain holds what the
    /// compiled one held.
    #[test]
    fn the_snapshot_loads_as_written() {
        let loaded = load(BUILTIN).unwrap();
        assert_eq!(write(&loaded).unwrap(), BUILTIN);
    }

    /// A snapshot that is not this crate's, cut short, or with bytes changed is an error or a
    /// chain, never a panic (the analyzer then compiles the chain instead): another magic,
    /// format or version, cuts at many points, and single bytes flipped.
    #[test]
    fn a_bad_snapshot_is_an_error_not_a_panic() {
        let leak = |bytes: Vec<u8>| -> &'static [u8] { Box::leak(bytes.into_boxed_slice()) };
        let header_end = MAGIC.len() + 1 + 1 + env!("CARGO_PKG_VERSION").len();
        let mut other_magic = BUILTIN.to_vec();
        other_magic[0] ^= 1;
        let mut other_format = BUILTIN.to_vec();
        other_format[MAGIC.len()] = FORMAT as u8 + 1;
        let mut other_version = BUILTIN.to_vec();
        other_version[header_end - 1] ^= 1;
        for (bytes, why) in [
            (other_magic, "not an earshot snapshot"),
            (other_format, "in format 2"),
            (other_version, "written by earshot"),
            (Vec::new(), "not an earshot snapshot"),
            ([BUILTIN, &[0]].concat(), "1 bytes after the chain"),
        ] {
            let err = load(leak(bytes)).err().expect(why);
            assert!(err.contains(why), "{err}");
        }
        let mut state = 0x2545_f491_4f6c_dd1d_u64;
        for k in 0..40 {
            state = crate::util::xorshift64(state);
            let at = header_end + state as usize % (BUILTIN.len() - header_end);
            assert!(load(&BUILTIN[..at]).is_err(), "cut at {at}");
            // A few (each is a leaked copy): either result is fine, loading must return.
            if k % 4 == 0 {
                let mut flipped = BUILTIN.to_vec();
                flipped[at] ^= 1 << (state >> 61);
                let _ = load(leak(flipped));
            }
        }
    }

    /// The snapshot is what the chain compiled from the crate's data gives, byte for byte
    /// (with `EARSHOT_WRITE_SNAPSHOT=1`, as `scripts/gen_snapshot.py` runs it, a stale one is
    /// written anew instead of failing).
    #[test]
    fn the_snapshot_is_the_compiled_chain() {
        let compiled = write(&BuiltinChain::compile()).unwrap();
        if compiled == BUILTIN {
            return;
        }
        if std::env::var_os("EARSHOT_WRITE_SNAPSHOT").is_some() {
            let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(PATH);
            std::fs::write(&path, &compiled).unwrap();
            eprintln!("wrote {} ({} bytes)", path.display(), compiled.len());
            return;
        }
        panic!(
            "{PATH} is stale: the built-in data or the compiled types changed since it was \
             written ({} bytes, {} compiled). Run `python3 scripts/gen_snapshot.py` and commit \
             the file (raise `FORMAT` in src/analyzer/snapshot.rs if a type inside the chain \
             changed its fields).",
            BUILTIN.len(),
            compiled.len()
        );
    }
}
