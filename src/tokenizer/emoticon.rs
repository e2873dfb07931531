//! ASCII emoticons: `:)`, `:'(`, `<3`, `^_^`, `D:` and the other common ones.
//!
//! An emoticon is only recognised where it cannot be ordinary punctuation: never after a digit
//! (`10:30`, `2<3`), never followed by a letter or digit (`:Day`, `<30`), and the ones that begin
//! with a letter or a bracket (`xD`, `D:`, `(:`, `):`) only at the start of a word, so
//! "(see notes):" and "Vitamin D3" stay what they are.

use super::unicode::{ALNUM, BYTE_CLASS, DIGIT};

/// Emoticons grouped by first byte, each group longest first so `:-)` wins over `:-`.
fn candidates(first: u8) -> &'static [&'static str] {
    match first {
        b':' => &[
            ":'-(", ":'-)", ":-)", ":-]", ":-}", ":-3", ":->", ":o)", ":^)", ":-D", ":-P", ":-p",
            ":-(", ":-[", ":-<", ":-{", ":'(", ":')", ":-/", ":-\\", ":-|", ":-S", ":-O", ":-o",
            ":-*", ":-X", ":-#", ":)", ":]", ":}", ":3", ":>", ":D", ":P", ":p", ":(", ":[", ":<",
            ":{", ":/", ":\\", ":|", ":S", ":O", ":o", ":*", ":X", ":x", ":$", ":@", ":#",
        ],
        b';' => &[
            ";-)", ";-]", ";-D", ";-P", ";-(", ";_;", ";)", ";]", ";D", ";P", ";p", ";(", ";*",
        ],
        b'=' => &[
            "=)", "=]", "=D", "=P", "=p", "=(", "=[", "=/", "=\\", "=|", "=O",
        ],
        b'(' => &["(-:", "(:", "(="],
        b')' => &[")-:", "):", ")="],
        b'[' => &["[:"],
        b']' => &["]:"],
        b'<' => &["</3", "<\\3", "<3"],
        b'>' => &[
            ">:-(", ">:(", ">:[", ">:)", ">:D", ">:O", ">:/", ">_<", ">.<",
        ],
        b'^' => &["^_^", "^-^", "^.^", "^o^", "^_~", "^^"],
        b'-' => &["-__-", "-_-", "-.-"],
        b'.' => &["._."],
        b'*' => &["*_*"],
        b'x' => &["x-D", "xD", "xd", "xP", "x("],
        b'X' => &["X-D", "XD", "XP", "X("],
        b'D' => &["D-:", "D:", "D;", "D="],
        b'T' => &["T_T", "T.T", "T-T"],
        b'o' => &["o_O", "o.O", "o_o", "o.o"],
        b'O' => &["O_o", "O.o", "O_O", "O.O"],
        b'B' => &["B-)"],
        b'8' => &["8-)"],
        _ => &[],
    }
}

/// Whether `b` can begin an emoticon (a cheap filter before [`match_at`]).
pub(super) fn can_start(b: u8) -> bool {
    matches!(
        b,
        b':' | b';'
            | b'='
            | b'('
            | b')'
            | b'['
            | b']'
            | b'<'
            | b'>'
            | b'^'
            | b'-'
            | b'.'
            | b'*'
            | b'x'
            | b'X'
            | b'D'
            | b'T'
            | b'o'
            | b'O'
            | b'B'
            | b'8'
    )
}

/// The end of the emoticon starting at `pos`, if one starts there.
pub(super) fn match_at(bytes: &[u8], pos: usize) -> Option<usize> {
    let first = bytes[pos];
    let prev = if pos > 0 { Some(bytes[pos - 1]) } else { None };
    // Emoticons that begin like a word or a bracket must stand at a word start.
    let word_like = first.is_ascii_alphanumeric() || matches!(first, b'(' | b')' | b'[' | b']');
    match prev {
        Some(p) if word_like && !is_space_or_open(p) => return None,
        Some(p) if BYTE_CLASS[p as usize] & DIGIT != 0 => return None,
        _ => {}
    }
    let rest = &bytes[pos..];
    let second = *rest.get(1)?;
    for emo in candidates(first) {
        // Compare the second byte first: most candidate positions fail there, cheaply.
        let emo = emo.as_bytes();
        if emo[1] != second || !rest.starts_with(emo) {
            continue;
        }
        let mut end = pos + emo.len();
        let last = bytes[end - 1];
        // A repeated mouth (":)))", ":DDD", "<333") is one emoticon.
        if matches!(last, b')' | b'(' | b'D' | b'P' | b'3' | b']' | b'[') {
            while end < bytes.len() && bytes[end] == last {
                end += 1;
            }
        }
        if let Some(&next) = bytes.get(end) {
            if BYTE_CLASS[next as usize] & ALNUM != 0 || next == b'_' {
                continue;
            }
            if last == b'/' && next == b'/' {
                continue;
            }
        }
        return Some(end);
    }
    None
}

fn is_space_or_open(b: u8) -> bool {
    b.is_ascii_whitespace()
        || matches!(b, 0x0B | 0x1C..=0x1F | b'"' | b'\'' | b'(' | b'[')
        || b >= 0x80
}
