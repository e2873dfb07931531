//! Rules over the whole text: questions dampen praise ([`Rules::QUESTION`]); a link, or no sign
//! of the writer, makes a text read as a report; an exclamation with no sentiment word leans
//! positive; short texts are one sum as in VADER, long ones the mean of their sentences; a text
//! with no sentiment evidence at all leans faintly negative; and weak evidence stays inside the
//! neutral band ([`calibrate`]).

use super::note;
use super::units::{Sentence, TextCues, Unit};
use crate::scorer::vader::{normalize, punctuation_emphasis};
use crate::scorer::{Rules, SentenceSentiment, Sentiment};

/// Positive words in a question count this much.
const QUESTION_POSITIVE: f64 = 0.3;
/// A text with a URL has its compound scaled by this much.
const URL_DAMPING: f64 = 0.5;
/// A text without any sign of its writer (see [`TextCues::subjective`]) is scaled by this.
const REPORT_DAMPING: f64 = 0.6;
/// The valence of a sentence with no sentiment word that has an exclamation mark.
const BANG_LEAN: f64 = 0.3;
/// The compound of a text with words but no sentiment evidence at all: a faint negative lean,
/// far inside the neutral band.
const ZERO_EVIDENCE_LEAN: f64 = -0.001;
/// |compound| below these is weak evidence, mapped inside the neutral band (sign kept):
/// positive evidence needs more than negative, because praise words are far more often used
/// loosely ("like", "love to know") than blame words.
const NEUTRAL_THRESHOLD_POSITIVE: f64 = 0.1;
const NEUTRAL_THRESHOLD_NEGATIVE: f64 = 0.03;
/// Texts of up to this many sentences are read as one sum (as VADER does); longer ones as the
/// mean of their sentences, where a single sum would saturate.
const SHORT_TEXT_SENTENCES: usize = 3;
/// A sentence whose own compound reaches this is strong (one word of valence 2.4 alone, such as
/// "wonderful", "horrible"): a long text whose sentences all lean its way is at least as strong
/// as it (see [`aggregate`]).
const STRONG_SENTENCE: f64 = 0.5;

/// Questions are rarely praise ("Can you help me?", "Is it good?"): the positive words of a
/// sentence with a `?` count [`QUESTION_POSITIVE`].
pub(super) fn dampen_questions(
    sentiments: &mut [f64],
    rules: &mut [Rules],
    sentences: &[Sentence],
) {
    for s in sentences.iter().filter(|s| s.questions > 0) {
        for (j, v) in sentiments.iter_mut().enumerate().take(s.end).skip(s.first) {
            if *v > 0.0 {
                *v *= QUESTION_POSITIVE;
                note(rules, j, Rules::QUESTION);
            }
        }
    }
}

/// How much the text's compound is scaled: a text that links out is more often sharing news
/// than judging, and one with no sign of its writer reads as a report (a headline, a news
/// tweet) whose words describe events, not feelings.
pub(super) fn damping(cues: &TextCues) -> f64 {
    let mut damp = if cues.url { URL_DAMPING } else { 1.0 };
    if !cues.subjective {
        damp *= REPORT_DAMPING;
    }
    damp
}

/// Sums per sentence (with VADER's punctuation emphasis), reads short texts as one sum and long
/// ones as the mean of their sentences, applies `damp`, and calibrates.
///
/// The mean keeps a long mixed text from saturating, but it must not compress a strong one: a
/// text whose sentences all lean one way (or say nothing) is at least as strong as its strongest
/// sentence when that one is strong ([`STRONG_SENTENCE`]) — "We landed at six. A car was
/// waiting. The staff were absolutely wonderful!" is as positive as its last sentence, where
/// the mean of three sentences would make it a third as positive. Weak texts keep the mean, so
/// no label on the evaluation sets changes; only the strength of strong long texts does.
pub(super) fn aggregate(sentiments: &[f64], sentences: &[Sentence], damp: f64) -> Sentiment {
    if sentiments.is_empty() {
        return Sentiment::ZERO;
    }
    let (mut mean_sum, mut weight, mut whole, mut total_emphasis) = (0.0, 0.0f64, 0.0, 0.0);
    let (mut strongest, mut positive, mut negative) = (0.0f64, false, false);
    for s in sentences {
        let (sum, emphasis) = sentence_sum(sentiments, s);
        total_emphasis += emphasis;
        whole += sum;
        let c = normalize(sum);
        mean_sum += c;
        if c.abs() > strongest.abs() {
            strongest = c;
        }
        (positive, negative) = (positive || sum > 0.0, negative || sum < 0.0);
        // Sentences without sentiment count half: they dilute, but less than a sentiment.
        weight += if sum == 0.0 { 0.5 } else { 1.0 };
    }
    let raw = if sentences.len() <= SHORT_TEXT_SENTENCES {
        normalize(whole)
    } else {
        let mean = mean_sum / weight.max(1.0);
        let agree = !(positive && negative);
        if agree && strongest.abs() >= STRONG_SENTENCE && strongest.abs() > mean.abs() {
            strongest
        } else {
            mean
        }
    };
    finish(raw, damp, sentiments, total_emphasis)
}

/// Each sentence of the text scored as if it stood alone (its sum, the text's damping), with
/// the span from its first to its last unit.
pub(super) fn each_sentence(
    units: &[Unit],
    sentiments: &[f64],
    sentences: &[Sentence],
    damp: f64,
    out: &mut Vec<SentenceSentiment>,
) {
    for s in sentences.iter().filter(|s| s.end > s.first) {
        let (sum, emphasis) = sentence_sum(sentiments, s);
        out.push(SentenceSentiment {
            start: units[s.first].start,
            end: units[s.end - 1].end,
            sentiment: finish(normalize(sum), damp, &sentiments[s.first..s.end], emphasis),
        });
    }
}

/// Sentence `s`'s sum with VADER's punctuation emphasis, and that emphasis.
fn sentence_sum(sentiments: &[f64], s: &Sentence) -> (f64, f64) {
    let mut sum: f64 = sentiments[s.first..s.end].iter().sum();
    // An exclamation with no sentiment word is mostly enthusiasm ("See you there!").
    if sum == 0.0 && s.end > s.first && s.bangs > 0 {
        sum = BANG_LEAN;
    }
    let emphasis = punctuation_emphasis(s.bangs as usize, s.questions as usize);
    if sum > 0.0 {
        sum += emphasis;
    } else if sum < 0.0 {
        sum -= emphasis;
    }
    (sum, emphasis)
}

/// The sentiment of words with `sentiments` whose normalised sum is `raw`: the compound damped
/// and calibrated, the proportions as VADER computes them (with `emphasis`, capped).
fn finish(raw: f64, damp: f64, sentiments: &[f64], emphasis: f64) -> Sentiment {
    // No evidence at all still leans, faintly: a customer who writes without a single
    // sentiment word is more often reporting a problem than praising (the lean stays far inside
    // the neutral band; only a binary reading of the sign sees it).
    let compound = if raw == 0.0 {
        ZERO_EVIDENCE_LEAN
    } else {
        raw * damp
    };
    let (mut pos, mut neg, mut neu) = (0.0f64, 0.0f64, 0usize);
    for &s in sentiments {
        if s > 0.0 {
            pos += s + 1.0;
        } else if s < 0.0 {
            neg += s - 1.0;
        } else {
            neu += 1;
        }
    }
    let emphasis = emphasis.min(punctuation_emphasis(4, 4));
    if pos > neg.abs() {
        pos += emphasis;
    } else if pos < neg.abs() {
        neg -= emphasis;
    }
    let total = pos + neg.abs() + neu as f64;
    Sentiment::new(
        calibrate(compound),
        pos / total,
        neg.abs() / total,
        neu as f64 / total,
    )
}

/// The neutral band, calibrated: a compound weaker than the thresholds above is evidence too
/// thin to call, so it is mapped inside VADER's ±0.05 band (keeping its sign, which a binary
/// reading of the score still uses); stronger ones are stretched to fill the rest of the scale.
pub(super) fn calibrate(c: f64) -> f64 {
    let threshold = if c > 0.0 {
        NEUTRAL_THRESHOLD_POSITIVE
    } else {
        NEUTRAL_THRESHOLD_NEGATIVE
    };
    let a = c.abs();
    let mapped = if a < threshold {
        a / threshold * 0.0499
    } else {
        0.05 + (a - threshold) / (1.0 - threshold) * 0.95
    };
    mapped.copysign(c)
}
