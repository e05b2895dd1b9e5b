//! Invariants of the public API on arbitrary and Arabic-heavy input.

use article::{Block, BlockKind, SentenceOptions, analyze, split_sentences};
use proptest::prelude::*;

fn is_space(c: char) -> bool {
    c.is_whitespace() || matches!(c, '\u{200B}' | '\u{FEFF}')
}

/// Pieces Arabic news text is made of, including the awkward ones.
fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => "[\u{0621}-\u{064A}]{1,8}",
        1 => "[\u{064B}-\u{0652}\u{0640}]{1,2}",
        3 => Just(" ".to_string()),
        1 => Just("\u{A0}\u{A0}\u{A0}".to_string()),
        1 => Just("\u{2009}".to_string()),
        2 => Just("\n".to_string()),
        1 => Just("\r\n".to_string()),
        2 => prop::sample::select(vec![
            ".", "..", "...", "…", "!", "!!", "؟", "؟!", "?", "،", "؛", ":", "\"", "«", "»",
            "”", "“", "(", ")", "(...)", "-", "|", " | ", "*", "2.5", "17.00", "7ر2", "٢٫٥٪",
            "28 - 09 - 2014", "2014/09/28", "د.", "أ.د.", "ق.م", "www.example.com", "٣",
            "نشر في", "يوم", "اقرأ أيضا", "جميع الحقوق محفوظة", "(اف ب) -", "وقال", "1-",
            "أولا:", "\u{200B}", "\u{FEFF}", "x", "A.", "ديسمبر", "كانون الثاني", " .. ", " » ", "2014", ".و", "م.", "هـ.",
        ])
        .prop_map(str::to_string),
    ]
}

fn arabic_text() -> impl Strategy<Value = String> {
    prop::collection::vec(piece(), 0..80).prop_map(|v| v.concat())
}

fn check_span(text: &str, span: &std::ops::Range<usize>) {
    assert!(span.start < span.end, "empty span {span:?}");
    assert!(span.end <= text.len());
    assert!(text.is_char_boundary(span.start) && text.is_char_boundary(span.end));
    let s = &text[span.clone()];
    assert!(
        !s.starts_with(is_space) && !s.ends_with(is_space),
        "untrimmed {s:?}"
    );
}

/// Every non-whitespace char of `text[within]` lies in one of `spans`.
fn check_cover(text: &str, within: std::ops::Range<usize>, spans: &[std::ops::Range<usize>]) {
    let mut k = 0;
    for (i, c) in text[within.clone()].char_indices() {
        let i = i + within.start;
        if is_space(c) {
            continue;
        }
        while k < spans.len() && spans[k].end <= i {
            k += 1;
        }
        assert!(
            k < spans.len() && spans[k].start <= i,
            "char {c:?} at {i} not covered"
        );
    }
}

fn check(text: &str, options: &SentenceOptions) {
    let s = analyze(text);
    let mut prev_end = 0;
    for b in &s.blocks {
        check_span(text, &b.span);
        assert!(b.span.start >= prev_end, "blocks overlap or out of order");
        prev_end = b.span.end;
    }
    let spans: Vec<_> = s.blocks.iter().map(|b| b.span.clone()).collect();
    check_cover(text, 0..text.len(), &spans);
    for r in [
        &s.metadata.title,
        &s.metadata.dateline,
        &s.metadata.place,
        &s.metadata.agency,
    ]
    .into_iter()
    .flatten()
    {
        check_span(text, r);
    }
    for b in &s.blocks {
        let sentences = split_sentences(text, b, options);
        let mut prev = b.span.start;
        for (i, sent) in sentences.iter().enumerate() {
            check_span(text, &sent.span);
            assert!(sent.span.start >= prev, "sentences overlap or out of order");
            assert!(sent.span.end <= b.span.end, "sentence outside its block");
            prev = sent.span.end;
            if i == 0 {
                assert!(!sent.continuation);
            }
            if let Some(max) = options.max_chars {
                assert!(text[sent.span.clone()].chars().count() <= max.max(1));
            }
        }
        let sspans: Vec<_> = sentences.iter().map(|s| s.span.clone()).collect();
        check_cover(text, b.span.clone(), &sspans);
    }
}

proptest! {
    // 400 cases by default; PROPTEST_CASES raises it for a longer soak.
    #![proptest_config(ProptestConfig::with_cases(
        std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(400)
    ))]

    #[test]
    fn invariants_on_arabic_heavy_text(text in arabic_text()) {
        check(&text, &SentenceOptions::default());
    }

    #[test]
    fn invariants_with_max_chars(text in arabic_text(), max in 1usize..60) {
        check(&text, &SentenceOptions { max_chars: Some(max) });
    }

    #[test]
    fn invariants_on_arbitrary_unicode(text in "\\PC{0,200}") {
        check(&text, &SentenceOptions::default());
    }

    #[test]
    fn invariants_on_arbitrary_chars_with_newlines(text in "(\\PC|\n|\u{A0}|\r){0,200}", max in 1usize..40) {
        check(&text, &SentenceOptions { max_chars: Some(max) });
    }

    #[test]
    fn split_sentences_never_panics_on_bad_spans(text in arabic_text(), a in 0usize..400, b in 0usize..400) {
        let block = Block { kind: BlockKind::Paragraph, span: a..b };
        let out = split_sentences(&text, &block, &SentenceOptions::default());
        for s in out {
            check_span(&text, &s.span);
        }
    }
}

#[test]
fn regression_bad_span_inside_text() {
    let text = "  ءءءءءءءءء\r\n\n\nءءءءءءءءءءءء\nءءء  ءءء\r\n\u{64b}ـ  ءءءءءءء ديسمبر  ءءءءءء\u{64b} \r\nءءءءءءء \r\nءءءءءءءءءءءءءء |   أ.د.\r\n   ءءءءءءءء\u{a0}\u{a0}\u{a0}ءءءءءءءء\u{2009} \u{2009}\u{2009} ءء\r\n\u{2009} \u{a0}\u{a0}\u{a0}\u{a0}\u{a0}\u{a0}ءءءءءءءء  ءءءء ء\u{2009} ءءءءءءءءءءءء\u{a0}\u{a0}\u{a0}";
    let block = Block {
        kind: BlockKind::Paragraph,
        span: 69..265,
    };
    let _ = split_sentences(text, &block, &SentenceOptions::default());
}

/// Inputs that would expose a quadratic scan (abbreviation chains, endless words, dot
/// runs, one-headline-per-line pages) still finish quickly and keep the invariants.
#[test]
fn pathological_inputs_stay_linear() {
    let n = 20_000;
    let inputs = [
        "ب.".repeat(n),
        ".".repeat(n),
        format!("{}. {}", "ب".repeat(n), "ت".repeat(n)),
        "خبر\u{A0}\u{A0}\u{A0}".repeat(n / 4),
        "* ".repeat(n),
        "«ا.. ".repeat(n / 3),
        "ا\n".repeat(n),
        "انتهى. خصومة وقال ".repeat(n / 10),
        "…".repeat(n),
        "1.".repeat(n),
        "خبر .. ".repeat(n / 4),
    ];
    let start = std::time::Instant::now();
    for text in &inputs {
        check(
            text,
            &SentenceOptions {
                max_chars: Some(50),
            },
        );
    }
    // Generous even for a debug build on a loaded machine; a quadratic scan takes minutes.
    assert!(start.elapsed() < std::time::Duration::from_secs(60));
}
