//! The seed page as a fixture: a headline ticker, an image-report widget, the title, a
//! «نشر في … يوم» dateline, the story with starred subheadings and a "read at source" link.

use article::{BlockKind, BoilerplateReason, SentenceOptions, analyze, split_sentences};

const SEED: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../examples/seed-article.txt"
));

#[test]
fn seed_has_three_boilerplate_blocks_with_reasons() {
    let s = analyze(SEED);
    let boiler: Vec<_> = s
        .blocks
        .iter()
        .filter_map(|b| match b.kind {
            BlockKind::Boilerplate(r) => Some((r, b.span.clone())),
            _ => None,
        })
        .collect();
    let reasons: Vec<_> = boiler.iter().map(|(r, _)| *r).collect();
    assert_eq!(
        reasons,
        [
            BoilerplateReason::HeadlineList,
            BoilerplateReason::Widget,
            BoilerplateReason::SourceLink
        ]
    );
    // The ticker opens the page; the source link closes it.
    assert_eq!(boiler[0].1.start, 0);
    assert_eq!(boiler[2].1.end, SEED.trim_end().len());
}

#[test]
fn seed_ticker_gives_one_sentence_per_headline() {
    let s = analyze(SEED);
    let ticker = &s.blocks[0];
    let headlines = split_sentences(SEED, ticker, &SentenceOptions::default());
    assert_eq!(headlines.len(), 58);
}

#[test]
fn seed_title_date_and_outlet() {
    let s = analyze(SEED);
    let title = s.metadata.title.clone().expect("title");
    let title_text = &SEED[title];
    assert!(title_text.starts_with("الارتياب"));
    assert!(title_text.ends_with("سوريا"));
    let date = s.metadata.published.expect("date");
    assert_eq!((date.year, date.month, date.day), (2014, 9, 28));
    assert_eq!(s.metadata.outlet.as_deref(), Some("البوابة"));
    let dateline = s.metadata.dateline.clone().expect("dateline");
    assert!(SEED[dateline].ends_with("2014"));
}

#[test]
fn seed_has_fifty_non_boilerplate_sentences() {
    let s = analyze(SEED);
    let mut kinds = Vec::new();
    for b in &s.blocks {
        if matches!(b.kind, BlockKind::Boilerplate(_)) {
            continue;
        }
        for _ in split_sentences(SEED, b, &SentenceOptions::default()) {
            kinds.push(b.kind);
        }
    }
    assert_eq!(kinds.len(), 50);
    assert_eq!(kinds.iter().filter(|k| **k == BlockKind::Title).count(), 1);
    assert_eq!(
        kinds.iter().filter(|k| **k == BlockKind::Dateline).count(),
        1
    );
    assert_eq!(
        kinds
            .iter()
            .filter(|k| **k == BlockKind::Subheading)
            .count(),
        2
    );
    assert_eq!(
        kinds.iter().filter(|k| **k == BlockKind::Paragraph).count(),
        46
    );
}

#[test]
fn seed_sentences_respect_max_chars() {
    let s = analyze(SEED);
    let opts = SentenceOptions {
        max_chars: Some(120),
    };
    for b in &s.blocks {
        let pieces = split_sentences(SEED, b, &opts);
        for p in &pieces {
            assert!(SEED[p.span.clone()].chars().count() <= 120);
        }
        if let Some(first) = pieces.first() {
            assert!(!first.continuation);
        }
    }
}
