//! Property tests: no panic on any input, and every range the analysis returns is sound.

use std::ops::Range;

use proptest::prelude::*;
use quotes::{Analysis, QuotationKind, analyze};

fn line_blocks(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut pos = 0;
    for line in text.split('\n') {
        if !line.trim().is_empty() {
            out.push(pos..pos + line.len());
        }
        pos += line.len() + 1;
    }
    out
}

fn check_range(text: &str, r: &Range<usize>, what: &str) {
    assert!(
        r.start <= r.end && r.end <= text.len(),
        "{what} {r:?} out of range"
    );
    assert!(
        text.is_char_boundary(r.start) && text.is_char_boundary(r.end),
        "{what} {r:?} not on char boundaries"
    );
}

fn inside_blocks(blocks: &[Range<usize>], r: &Range<usize>) -> bool {
    blocks.iter().any(|b| b.start <= r.start && r.end <= b.end)
}

/// The invariants every analysis must hold.
fn check(text: &str, blocks: &[Range<usize>], a: &Analysis) {
    let clamp: Vec<Range<usize>> = blocks
        .iter()
        .map(|b| b.start.min(text.len())..b.end.min(text.len()))
        .collect();
    for w in a.quotations.windows(2) {
        assert!(
            w[0].content.start <= w[1].content.start,
            "quotations out of order"
        );
    }
    // Reports of one kind never overlap (a report ends where the next one starts), so
    // the output stays linear in the input.
    let mut last_indirect_end = 0;
    for q in a
        .quotations
        .iter()
        .filter(|q| q.kind == QuotationKind::Indirect)
    {
        assert!(!q.content.is_empty(), "empty indirect content");
        assert!(
            last_indirect_end <= q.content.start,
            "indirect quotations overlap"
        );
        last_indirect_end = q.content.end;
    }
    for q in &a.quotations {
        check_range(text, &q.content, "content");
        if let Some(o) = &q.open_mark {
            check_range(text, o, "open mark");
            assert!(o.end <= q.content.start, "content before its opening mark");
            assert!(inside_blocks(&clamp, o), "opening mark outside the blocks");
        }
        if let Some(c) = &q.close_mark {
            check_range(text, c, "close mark");
            assert!(q.content.end <= c.start, "content after its closing mark");
        }
        for n in &q.nested {
            check_range(text, n, "nested");
        }
        if let Some(at) = &q.attribution {
            if let Some(s) = at.speaker {
                assert!(s < a.speakers.len(), "speaker index out of range");
            }
            if let Some(m) = &at.speaker_mention {
                check_range(text, m, "speaker mention");
                assert!(inside_blocks(&clamp, m), "mention outside the blocks");
            }
            if let Some(d) = &at.speaker_description {
                check_range(text, d, "speaker description");
                assert!(inside_blocks(&clamp, d), "description outside the blocks");
            }
            if let Some(c) = &at.cue {
                check_range(text, &c.span, "cue");
            }
            assert!((0.0..=1.0).contains(&at.confidence));
        }
    }
    for s in &a.speakers {
        assert!(!s.mentions.is_empty());
        for m in &s.mentions {
            check_range(text, m, "mention");
            assert!(inside_blocks(&clamp, m), "mention outside the blocks");
        }
    }
    for d in &a.diagnostics {
        check_range(text, &d.span, "diagnostic");
    }
}

/// Text made of the pieces that matter here: marks of every family, cues, names,
/// complementizers, punctuation, spaces and line breaks.
fn news_like() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "\"",
        "«",
        "»",
        "“",
        "”",
        "„",
        "‹",
        "›",
        "‘",
        "’",
        "'",
        "＂",
        " ",
        " ",
        " ",
        "\n",
        ":",
        "،",
        ".",
        "؟",
        "!",
        "وقال",
        "قالت",
        "وأضاف",
        "وتابعوا",
        "قائلا",
        "بحسب",
        "وفقا",
        "لـ",
        "جاء",
        "في",
        "إن",
        "أن",
        "مسؤول",
        "المسؤول",
        "كبير",
        "الوزير",
        "جان",
        "مارتان",
        "هو",
        "الذي",
        "فيلم",
        "بعنوان",
        "أبو",
        "ـ",
        "\u{064E}",
        "x",
        "(",
        ")",
        "-",
    ]);
    prop::collection::vec(pieces, 0..120).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn no_panic_on_arbitrary_unicode(text in "\\PC{0,300}") {
        let blocks = line_blocks(&text);
        let a = analyze(&text, &blocks);
        check(&text, &blocks, &a);
    }

    #[test]
    fn no_panic_on_mark_heavy_news_text(text in news_like()) {
        let blocks = line_blocks(&text);
        let a = analyze(&text, &blocks);
        check(&text, &blocks, &a);
    }

    #[test]
    fn no_panic_on_arbitrary_blocks(
        text in news_like(),
        raw in prop::collection::vec((0usize..400, 0usize..400), 0..8),
    ) {
        // Caller-given blocks may be out of range, unordered, overlapping or split chars.
        let blocks: Vec<Range<usize>> = raw.into_iter().map(|(a, b)| a..b).collect();
        let a = analyze(&text, &blocks);
        check(&text, &blocks, &a);
    }
}

#[test]
fn hundred_thousand_marks_stay_fast() {
    let mut text = String::from("وقال مسؤول كبير ");
    for i in 0..100_000 {
        text.push_str(match i % 5 {
            0 => "\"",
            1 => "«",
            2 => "”",
            3 => " \"قال ",
            _ => "“",
        });
    }
    let whole: Range<usize> = 0..text.len();
    let blocks = [whole];
    let start = std::time::Instant::now();
    let a = analyze(&text, &blocks);
    check(&text, &blocks, &a);
    // Linear work: well under a second even in a debug build on a shared machine.
    assert!(start.elapsed().as_secs() < 20, "took {:?}", start.elapsed());
}

#[test]
fn deep_nesting_and_unclosed_marks() {
    let mut text = String::from("وقال الوزير: ");
    for _ in 0..20_000 {
        text.push_str("«كلام ");
    }
    for _ in 0..10_000 {
        text.push('»');
    }
    text.push_str("\nوأضاف \"نص بلا إغلاق\n");
    let blocks = line_blocks(&text);
    let a = analyze(&text, &blocks);
    check(&text, &blocks, &a);
    assert!(
        a.diagnostics
            .iter()
            .all(|d| d.code == "unbalanced-quotation-mark")
    );
    assert!(a.diagnostics.len() >= 10_000);
}

#[test]
fn long_text_without_terminators_is_linear() {
    let unit = "وقال مسؤول كبير إن الوضع \"هادئ جدا الآن\" وأضاف أن ";
    let text = unit.repeat(20_000);
    let whole: Range<usize> = 0..text.len();
    let blocks = [whole];
    let start = std::time::Instant::now();
    let a = analyze(&text, &blocks);
    check(&text, &blocks, &a);
    assert!(start.elapsed().as_secs() < 20, "took {:?}", start.elapsed());
}
