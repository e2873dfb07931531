//! Golden tests for the tokenizer: one row per kind and per tricky case, plus property tests of
//! the span invariants on arbitrary Unicode.

use earshot::tokenizer::{Flags, Token, TokenKind, TokenKind::*, tokenize};
use proptest::prelude::*;

/// Asserts that `input` tokenizes to exactly `want` (text, kind), printing both on failure.
#[track_caller]
fn assert_tokens(input: &str, want: &[(&str, TokenKind)]) {
    let got: Vec<(&str, TokenKind)> = tokenize(input).map(|t| (t.text, t.kind)).collect();
    assert_eq!(got, want, "tokens of {input:?}");
}

/// Asserts the flags of the token whose text is `text`.
#[track_caller]
fn assert_flags(input: &str, text: &str, want: Flags) {
    let tok = tokenize(input)
        .find(|t| t.text == text)
        .unwrap_or_else(|| panic!("no token {text:?} in {input:?}"));
    assert_eq!(tok.flags, want, "flags of {text:?} in {input:?}");
}

#[test]
fn words_and_contractions() {
    let rows: &[(&str, &[(&str, TokenKind)])] = &[
        // Plain words split on whitespace and punctuation.
        (
            "the app crashed.",
            &[
                ("the", Word),
                ("app", Word),
                ("crashed", Word),
                (".", Punct),
            ],
        ),
        // Contractions with a straight and a curly apostrophe are one word.
        ("don't can’t", &[("don't", Word), ("can’t", Word)]),
        // A trailing or leading apostrophe is punctuation, not part of the word.
        (
            "customers' 'cause",
            &[
                ("customers", Word),
                ("'", Punct),
                ("'", Punct),
                ("cause", Word),
            ],
        ),
        // Hyphens split words (UAX #29).
        (
            "well-known",
            &[("well", Word), ("-", Punct), ("known", Word)],
        ),
        // A full stop without a following space still splits (deliberate difference from UAX #29).
        (
            "great.thanks",
            &[("great", Word), (".", Punct), ("thanks", Word)],
        ),
        // Digits going on with letters form a word.
        (
            "3rd time 24hrs",
            &[("3rd", Word), ("time", Word), ("24hrs", Word)],
        ),
        // Underscores join (UAX #29 ExtendNumLet).
        ("snake_case", &[("snake_case", Word)]),
        // Words from other scripts, accents kept with their letters.
        (
            "café naïve Müller",
            &[("café", Word), ("naïve", Word), ("Müller", Word)],
        ),
        ("Ελληνικά Привет", &[("Ελληνικά", Word), ("Привет", Word)]),
        // A combining mark stays with its base letter.
        ("cafe\u{301} ok", &[("cafe\u{301}", Word), ("ok", Word)]),
        // CJK ideographs are one word each (UAX #29 has no dictionary).
        ("日本語", &[("日", Word), ("本", Word), ("語", Word)]),
        // Hangul syllables form one word.
        ("안녕하세요", &[("안녕하세요", Word)]),
    ];
    for (input, want) in rows {
        assert_tokens(input, want);
    }
}

#[test]
fn numbers() {
    let rows: &[(&str, &[(&str, TokenKind)])] = &[
        ("4.5 stars", &[("4.5", Number), ("stars", Word)]),
        ("$1,000", &[("$", Symbol), ("1,000", Number)]),
        ("50% off", &[("50%", Number), ("off", Word)]),
        // A time is one number, with no emoticon ":3" inside it.
        (
            "at 10:30 ok",
            &[("at", Word), ("10:30", Number), ("ok", Word)],
        ),
        (
            "order 12345.",
            &[("order", Word), ("12345", Number), (".", Punct)],
        ),
        // A separator needs a digit after it.
        ("5, 6", &[("5", Number), (",", Punct), ("6", Number)]),
        // Non-ASCII digits.
        ("٣٤", &[("٣٤", Number)]),
    ];
    for (input, want) in rows {
        assert_tokens(input, want);
    }
}

#[test]
fn emoji_sequences_are_one_token() {
    let rows: &[(&str, &[(&str, TokenKind)])] = &[
        ("😀", &[("😀", Emoji)]),
        // ZWJ sequences.
        ("👩‍💻 👨‍👩‍👧", &[("👩‍💻", Emoji), ("👨‍👩‍👧", Emoji)]),
        // Skin-tone modifier.
        ("👍🏽", &[("👍🏽", Emoji)]),
        // Flags: pairs of regional indicators, each flag its own token.
        ("🇯🇵🇬🇧", &[("🇯🇵", Emoji), ("🇬🇧", Emoji)]),
        // Keycaps with and without the variation selector.
        ("1️⃣ #️⃣ 2⃣", &[("1️⃣", Emoji), ("#️⃣", Emoji), ("2⃣", Emoji)]),
        // Variation selector after a text-default pictograph.
        ("❤️", &[("❤️", Emoji)]),
        // Tag sequence (flag of Scotland).
        (
            "🏴\u{E0067}\u{E0062}\u{E0073}\u{E0063}\u{E0074}\u{E007F}",
            &[(
                "🏴\u{E0067}\u{E0062}\u{E0073}\u{E0063}\u{E0074}\u{E007F}",
                Emoji,
            )],
        ),
        // Adjacent emoji without a joiner are separate tokens.
        ("😀😡", &[("😀", Emoji), ("😡", Emoji)]),
        // Emoji glued to words.
        ("great👍", &[("great", Word), ("👍", Emoji)]),
        // ©, ®, ™ are typography here, not emoji.
        ("Acme™ ©", &[("Acme", Word), ("™", Symbol), ("©", Symbol)]),
    ];
    for (input, want) in rows {
        assert_tokens(input, want);
    }
}

#[test]
fn emoticons() {
    let rows: &[(&str, &[(&str, TokenKind)])] = &[
        (
            ":) :-( :'( :D D: ;) :P xD <3 </3 :/ ^_^ -_-",
            &[
                (":)", Emoticon),
                (":-(", Emoticon),
                (":'(", Emoticon),
                (":D", Emoticon),
                ("D:", Emoticon),
                (";)", Emoticon),
                (":P", Emoticon),
                ("xD", Emoticon),
                ("<3", Emoticon),
                ("</3", Emoticon),
                (":/", Emoticon),
                ("^_^", Emoticon),
                ("-_-", Emoticon),
            ],
        ),
        // Glued to a word.
        ("thanks:)", &[("thanks", Word), (":)", Emoticon)]),
        // Repeated mouths are one emoticon.
        (":))) :DDD", &[(":)))", Emoticon), (":DDD", Emoticon)]),
        // Not before a letter: ":Day", ":Please".
        (":Day", &[(":", Punct), ("Day", Word)]),
        // Not after a digit or before a digit: "2<3", "<30".
        ("2<3", &[("2", Number), ("<", Symbol), ("3", Number)]),
        ("<30", &[("<", Symbol), ("30", Number)]),
        // Ordinary punctuation: a closing bracket then a colon is not a frown.
        (
            "(see notes):",
            &[
                ("(", Punct),
                ("see", Word),
                ("notes", Word),
                (")", Punct),
                (":", Punct),
            ],
        ),
        // A letter emoticon only at a word start: "Vitamin D3" has no "D:".
        ("Vitamin D3", &[("Vitamin", Word), ("D3", Word)]),
        // Words that begin like emoticons stay words.
        (
            "Do xDSL Tom",
            &[("Do", Word), ("xDSL", Word), ("Tom", Word)],
        ),
    ];
    for (input, want) in rows {
        assert_tokens(input, want);
    }
}

#[test]
fn social_tokens() {
    let rows: &[(&str, &[(&str, TokenKind)])] = &[
        (
            "#NotHappy @support",
            &[("#NotHappy", Hashtag), ("@support", Mention)],
        ),
        (
            "#café #2024goals",
            &[("#café", Hashtag), ("#2024goals", Hashtag)],
        ),
        // "#1" has no letter: not a hashtag.
        ("#1", &[("#", Punct), ("1", Number)]),
        // "C#" is not a hashtag start.
        ("C#", &[("C", Word), ("#", Punct)]),
        // URLs with scheme, with www, and bare domains with a known TLD.
        (
            "https://acme.com/a?b=1&c=2",
            &[("https://acme.com/a?b=1&c=2", Url)],
        ),
        (
            "see www.acme.com.",
            &[("see", Word), ("www.acme.com", Url), (".", Punct)],
        ),
        (
            "go to acme.com/help now",
            &[
                ("go", Word),
                ("to", Word),
                ("acme.com/help", Url),
                ("now", Word),
            ],
        ),
        // A closing bracket after a URL is given back unless the URL opened one.
        (
            "(https://x.co/a)",
            &[("(", Punct), ("https://x.co/a", Url), (")", Punct)],
        ),
        (
            "https://en.wikipedia.org/wiki/Foo_(bar)",
            &[("https://en.wikipedia.org/wiki/Foo_(bar)", Url)],
        ),
        // No emoticon inside a URL.
        ("http://x.co/:D", &[("http://x.co/:D", Url)]),
        // E-mail addresses.
        (
            "mail john.doe+x@mail.acme.com.",
            &[
                ("mail", Word),
                ("john.doe+x@mail.acme.com", Email),
                (".", Punct),
            ],
        ),
        // Not an address: no dot in the domain; an abbreviation; an unknown TLD.
        ("a@b", &[("a", Word), ("@", Punct), ("b", Word)]),
        (
            "e.g. it",
            &[
                ("e", Word),
                (".", Punct),
                ("g", Word),
                (".", Punct),
                ("it", Word),
            ],
        ),
        // A mention glued after a word is not a mention.
        ("hi@there", &[("hi", Word), ("@", Punct), ("there", Word)]),
    ];
    for (input, want) in rows {
        assert_tokens(input, want);
    }
}

#[test]
fn punctuation_runs() {
    let rows: &[(&str, &[(&str, TokenKind)])] = &[
        // A run of ! and ? is one token, mixed or not.
        (
            "what?!?! no!!!",
            &[
                ("what", Word),
                ("?!?!", Punct),
                ("no", Word),
                ("!!!", Punct),
            ],
        ),
        // Ellipses, ASCII and Unicode.
        (
            "so... ok…",
            &[("so", Word), ("...", Punct), ("ok", Word), ("…", Punct)],
        ),
        // Different punctuation characters are separate tokens.
        (".,", &[(".", Punct), (",", Punct)]),
        // Curly quotes.
        ("“ok”", &[("“", Punct), ("ok", Word), ("”", Punct)]),
        // HTML character references from web APIs are one symbol each, not words.
        (
            "a &amp; b &gt;&#39;&#x2F;",
            &[
                ("a", Word),
                ("&amp;", Symbol),
                ("b", Word),
                ("&gt;", Symbol),
                ("&#39;", Symbol),
                ("&#x2F;", Symbol),
            ],
        ),
        (
            "R&D &",
            &[("R", Word), ("&", Punct), ("D", Word), ("&", Punct)],
        ),
        // Control characters are single symbols.
        (
            "a\u{0}\u{0}b",
            &[
                ("a", Word),
                ("\u{0}", Symbol),
                ("\u{0}", Symbol),
                ("b", Word),
            ],
        ),
        // A combining mark with nothing before it is a symbol.
        ("\u{301}x", &[("\u{301}", Symbol), ("x", Word)]),
    ];
    for (input, want) in rows {
        assert_tokens(input, want);
    }
    assert_eq!(tokenize("why?!?").nth(1).map(|t| t.char_len()), Some(3));
    assert_eq!(tokenize("……").next().map(|t| t.char_len()), Some(2));
}

#[test]
fn whitespace_is_python_whitespace() {
    // Non-breaking space, ideographic space and the information separators U+001C..U+001F
    // separate tokens, as in Python's str.split(). A zero-width space is not whitespace there,
    // but UAX #29 breaks words around it, so it is a symbol token of its own.
    assert_tokens(
        "a\u{A0}b\u{3000}c\u{1F}d",
        &[("a", Word), ("b", Word), ("c", Word), ("d", Word)],
    );
    assert_tokens(
        "a\u{200B}b",
        &[("a", Word), ("\u{200B}", Symbol), ("b", Word)],
    );
    // A soft hyphen (a format character) stays inside the word (UAX #29 WB4).
    assert_tokens("ex\u{AD}ample", &[("ex\u{AD}ample", Word)]);
    assert_tokens("", &[]);
    assert_tokens(" \t\r\n ", &[]);
}

#[test]
fn flags() {
    // CAPS: two or more letters, all capitals; a single capital is not shouting.
    assert_flags("this is GOOD", "GOOD", Flags::CAPS);
    assert_flags("I am", "I", Flags::EMPTY);
    assert_flags("MP3", "MP3", Flags::CAPS);
    // ELONGATED: one letter three times in a row, in any case.
    assert_flags("soooo", "soooo", Flags::ELONGATED);
    assert_flags("NOOOO", "NOOOO", Flags::CAPS | Flags::ELONGATED);
    assert_flags("sooO", "sooO", Flags::ELONGATED);
    assert_flags("too", "too", Flags::EMPTY);
    assert_flags("1000", "1000", Flags::EMPTY);
    // CAPITALIZED: a capital then lower case, also in hashtags.
    assert_flags("Great", "Great", Flags::CAPITALIZED);
    assert_flags("#NotHappy", "#NotHappy", Flags::CAPITALIZED);
    assert_flags("#FAIL", "#FAIL", Flags::CAPS);
    // CONTRACTION.
    assert_flags("won’t", "won’t", Flags::CONTRACTION);
    assert_flags("DON'T", "DON'T", Flags::CAPS | Flags::CONTRACTION);
    // JOINED: no whitespace before the token.
    assert_flags("good!", "!", Flags::JOINED);
    assert_flags("good !", "!", Flags::EMPTY);
    // Non-ASCII letters count for CAPS and elongation.
    assert_flags("ÉNORME", "ÉNORME", Flags::CAPS);
    assert_flags("ouiiii", "ouiiii", Flags::ELONGATED);
}

#[test]
fn spans_are_byte_offsets() {
    let input = "ok 👍🏽 café";
    let spans: Vec<(usize, usize)> = tokenize(input).map(|t| (t.start, t.end)).collect();
    assert_eq!(spans, [(0, 2), (3, 11), (12, 17)]);
}

#[test]
fn public_types_are_send_sync_and_unwind_safe() {
    fn check<T: Send + Sync + std::panic::UnwindSafe + std::panic::RefUnwindSafe>() {}
    check::<Token<'static>>();
    check::<TokenKind>();
    check::<Flags>();
    check::<earshot::tokenizer::Tokens<'static>>();
}

/// Checks the invariants every tokenization must satisfy.
fn check_invariants(input: &str) -> Result<(), TestCaseError> {
    let mut pos = 0;
    for t in tokenize(input) {
        prop_assert!(t.start >= pos, "token {:?} overlaps or is out of order", t);
        prop_assert!(t.start < t.end && t.end <= input.len(), "bad span {:?}", t);
        prop_assert_eq!(&input[t.start..t.end], t.text);
        // Only whitespace lies between tokens: every other character belongs to a token.
        let gap = &input[pos..t.start];
        prop_assert!(
            gap.chars().all(earshot::tokenizer::is_python_space),
            "gap {:?} before {:?}",
            gap,
            t
        );
        prop_assert_eq!(t.flags.contains(Flags::JOINED), pos > 0 && gap.is_empty());
        pos = t.end;
    }
    prop_assert!(
        input[pos..]
            .chars()
            .all(earshot::tokenizer::is_python_space)
    );
    Ok(())
}

/// Characters that exercise the tricky paths: emoji parts, marks, joiners, apostrophes,
/// emoticon and address punctuation, digits, non-ASCII letters and spaces.
fn tricky_char() -> impl Strategy<Value = char> {
    prop_oneof![
        prop::sample::select(vec![
            'a',
            'Z',
            'x',
            'D',
            'o',
            'O',
            'T',
            'h',
            'w',
            '0',
            '3',
            '8',
            ' ',
            '\n',
            '\t',
            ':',
            ';',
            '\'',
            '’',
            '-',
            '_',
            '.',
            ',',
            '@',
            '#',
            '*',
            '/',
            '(',
            ')',
            '<',
            '>',
            '^',
            '=',
            '!',
            '?',
            '%',
            '+',
            '&',
            '\u{200D}',
            '\u{FE0F}',
            '\u{20E3}',
            '\u{301}',
            '\u{1F3FD}',
            '👍',
            '👩',
            '💻',
            '🇯',
            '🇵',
            '🏴',
            '\u{E0067}',
            '\u{E007F}',
            'é',
            'ж',
            '日',
            'で',
            '\u{A0}',
            '\u{3000}',
            '\u{1C}',
            '\u{200B}',
            '\u{AD}',
            '\0',
            '٣',
            '…',
            '“',
            '©',
        ]),
        any::<char>(),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn spans_hold_on_arbitrary_unicode(input in any::<String>()) {
        check_invariants(&input)?;
    }

    #[test]
    fn spans_hold_on_tricky_text(chars in prop::collection::vec(tricky_char(), 0..80)) {
        let input: String = chars.into_iter().collect();
        check_invariants(&input)?;
    }

    #[test]
    fn spans_hold_on_social_words(words in prop::collection::vec(
        prop::sample::select(vec![
            "https://a.co/x", "www.acme.com", "acme.com/help", "a@b.co", "@user", "#tag", ":)",
            ":'(", "<3", "10:30", "4.5", "1,000", "50%", "don't", "can’t", "👍🏽", "👩‍💻", "🇯🇵",
            "1️⃣", "soooo", "GOOD", "!!!", "?!", "...", "café", "cafe\u{301}", "日本", "e.g.",
        ]), 0..20),
        seps in prop::collection::vec(prop::sample::select(vec!["", " ", "  ", "\n", ".", ","]), 0..20),
    ) {
        let input: String = words.iter().zip(seps.iter().chain(std::iter::repeat(&" "))).flat_map(|(w, s)| [*w, *s]).collect();
        check_invariants(&input)?;
    }
}
