//! Unit building, packing and reassembly on small Arabic texts, and properties over
//! arbitrary input.

use std::ops::Range;

use proptest::prelude::*;
use units::{
    Measure, PlaceholderKind, PlaceholderStyle, Problem, ProtectedKind, Protections, QuotationRole,
    QuotationStyle, ReassembleOptions, SourceQuotation, SourceSegment, Translation, UnitOptions,
    build_units, detect, pack, reassemble,
};

fn kinds(text: &str) -> Vec<(ProtectedKind, &str)> {
    detect(text, 0..text.len(), Protections::ALL)
        .into_iter()
        .map(|found| (found.kind, &text[found.span]))
        .collect()
}

#[test]
fn protected_kinds_are_found_with_punctuation_trimmed() {
    let text = "زوروا (https://example.org/a?b=1)، أو راسلوا info@example.org وتابعوا @AlArabiya_Eng و#غزة.";
    assert_eq!(
        kinds(text),
        [
            (ProtectedKind::Url, "https://example.org/a?b=1"),
            (ProtectedKind::Email, "info@example.org"),
            (ProtectedKind::Handle, "@AlArabiya_Eng"),
            (ProtectedKind::Hashtag, "#غزة"),
        ]
    );
}

#[test]
fn dates_times_and_numbers_with_neutral_units() {
    let text = "في 5-12-2025 الساعة 10:30 ارتفع 20% و٥٠٪ وبلغ 2.5 km بكلفة $3.5 و30 مليون دولار.";
    assert_eq!(
        kinds(text),
        [
            (ProtectedKind::Date, "5-12-2025"),
            (ProtectedKind::Date, "10:30"),
            (ProtectedKind::NumberWithUnit, "20%"),
            (ProtectedKind::NumberWithUnit, "٥٠٪"),
            (ProtectedKind::NumberWithUnit, "2.5 km"),
            (ProtectedKind::NumberWithUnit, "$3.5"),
        ],
        "Arabic unit words (مليون دولار) are translated, not protected"
    );
}

#[test]
fn adjacent_latin_words_form_one_span_and_code_is_told_apart() {
    let text = "برنامج \"Future Fighters\" ودالة parse_args() في BBC";
    assert_eq!(
        kinds(text),
        [
            (ProtectedKind::Latin, "Future Fighters"),
            (ProtectedKind::Code, "parse_args()"),
            (ProtectedKind::Latin, "BBC"),
        ]
    );
}

#[test]
fn unselected_kinds_are_left_in_the_text() {
    let text = "راجع https://example.org و BBC";
    let only_urls = Protections::NONE.with(ProtectedKind::Url);
    let found = detect(text, 0..text.len(), only_urls);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].kind, ProtectedKind::Url);
}

/// One paragraph of two sentences; the quotation opens in the first and closes in the
/// second.
fn two_sentence_quote() -> (String, Vec<SourceSegment>, Vec<SourceQuotation>) {
    let text = "وقال الوزير \"لن نتراجع. سنواصل العمل مع BBC.\" وانتهى.".to_owned();
    let open = text.find('"').unwrap();
    let close = text.rfind('"').unwrap();
    let first_end = text.find("نتراجع.").unwrap() + "نتراجع.".len();
    let second_start = first_end + 1;
    let third_start = close + 2;
    let segments = vec![
        SourceSegment {
            index: 0,
            span: 0..first_end,
            block: 1,
            title: false,
        },
        SourceSegment {
            index: 1,
            span: second_start..close + 1,
            block: 1,
            title: false,
        },
        SourceSegment {
            index: 2,
            span: third_start..text.len(),
            block: 1,
            title: false,
        },
    ];
    let quotations = vec![SourceQuotation {
        index: 4,
        content: open + 1..close,
        open_mark: Some(open..open + 1),
        close_mark: Some(close..close + 1),
        continuation_marks: Vec::new(),
        speaker: Some(2),
    }];
    (text, segments, quotations)
}

#[test]
fn quotation_parts_say_where_the_quotation_opens_and_closes() {
    let (text, segments, quotations) = two_sentence_quote();
    let units = build_units(&text, &segments, &quotations, &UnitOptions::default());
    assert_eq!(units.len(), 3);
    assert_eq!(units[0].text, "وقال الوزير ⟦1⟧لن نتراجع.");
    assert_eq!(units[0].placeholders[0].kind, PlaceholderKind::QuoteOpen);
    assert_eq!(units[0].quotation_parts[0].role, QuotationRole::Opens);
    assert_eq!(
        units[1].text, "سنواصل العمل مع ⟦1⟧.",
        "closing mark at the end removed"
    );
    assert_eq!(units[1].quotation_parts[0].role, QuotationRole::Closes);
    assert!(units[1].quotation_parts[0].mark_at_end);
    assert_eq!(units[1].quotation_parts[0].speaker, Some(2));
    assert_eq!(units[1].separator, " ");
    assert!(units[2].quotation_parts.is_empty());
}

#[test]
fn identity_round_trip_restores_the_text_with_target_marks() {
    let (text, segments, quotations) = two_sentence_quote();
    for style in [PlaceholderStyle::Bracket, PlaceholderStyle::Xml] {
        let options = UnitOptions {
            style,
            ..UnitOptions::default()
        };
        let units = build_units(&text, &segments, &quotations, &options);
        let translations: Vec<Translation> = units
            .iter()
            .map(|unit| Translation {
                unit_id: unit.id.clone(),
                text: unit.text.clone(),
            })
            .collect();
        let options = ReassembleOptions {
            style: QuotationStyle::Guillemets,
            lenient: false,
        };
        let article = reassemble(&units, &translations, &options).unwrap();
        assert_eq!(article.blocks.len(), 1);
        assert_eq!(
            article.blocks[0].text,
            text.replacen('"', "«", 1).replacen('"', "»", 1)
        );
        assert_eq!(article.quotations[0].quotation, 4);
        assert_eq!(
            article.quotations[0].text,
            "لن نتراجع. سنواصل العمل مع BBC."
        );
    }
}

#[test]
fn a_lost_placeholder_is_named_with_its_unit_and_lenient_mode_appends_it() {
    let (text, segments, quotations) = two_sentence_quote();
    let units = build_units(&text, &segments, &quotations, &UnitOptions::default());
    let mut translations: Vec<Translation> = units
        .iter()
        .map(|unit| Translation {
            unit_id: unit.id.clone(),
            text: unit.text.clone(),
        })
        .collect();
    translations[1].text = "We will keep working with.".into();
    let problems = reassemble(&units, &translations, &ReassembleOptions::default()).unwrap_err();
    assert_eq!(
        problems,
        [Problem::MissingPlaceholder {
            translation: 1,
            unit_id: "u2".into(),
            placeholder: "⟦1⟧".into()
        }]
    );
    assert_eq!(problems[0].field(), "translations[1].text");
    assert!(problems[0].to_string().contains("u2"));
    assert!(problems[0].to_string().contains("⟦1⟧"));

    let lenient = ReassembleOptions {
        lenient: true,
        ..ReassembleOptions::default()
    };
    let article = reassemble(&units, &translations, &lenient).unwrap();
    assert!(
        article.blocks[0]
            .text
            .contains("We will keep working with. BBC”")
    );
    assert_eq!(article.problems.len(), 1);
}

#[test]
fn unknown_duplicate_and_missing_units_are_reported() {
    let (text, segments, quotations) = two_sentence_quote();
    let units = build_units(&text, &segments, &quotations, &UnitOptions::default());
    let translations = vec![
        Translation {
            unit_id: "u1".into(),
            text: units[0].text.clone(),
        },
        Translation {
            unit_id: "u1".into(),
            text: units[0].text.clone(),
        },
        Translation {
            unit_id: "u9".into(),
            text: "x".into(),
        },
        Translation {
            unit_id: "u3".into(),
            text: "⟦1⟧ and ⟦1⟧".into(),
        },
    ];
    let problems = reassemble(&units, &translations, &ReassembleOptions::default()).unwrap_err();
    let codes: Vec<(&str, String)> = problems
        .iter()
        .map(|problem| (problem.code(), problem.field()))
        .collect();
    assert_eq!(
        codes,
        [
            ("duplicate-translation", "translations[1].unit_id".into()),
            ("unknown-unit", "translations[2].unit_id".into()),
            ("missing-translation", "translations".into()),
            ("unknown-placeholder", "translations[3].text".into()),
            ("unknown-placeholder", "translations[3].text".into()),
        ]
    );
}

#[test]
fn malformed_xml_tag_is_reported_with_its_offset() {
    let text = "زار https://example.org اليوم.";
    let segments = [SourceSegment {
        index: 0,
        span: 0..text.len(),
        block: 0,
        title: true,
    }];
    let options = UnitOptions {
        style: PlaceholderStyle::Xml,
        ..UnitOptions::default()
    };
    let units = build_units(text, &segments, &[], &options);
    assert_eq!(units[0].text, "زار <x id=\"1\"/> اليوم.");
    let translations = [Translation {
        unit_id: "u1".into(),
        text: "Visited <x id=\"1\" today.".into(),
    }];
    let problems = reassemble(&units, &translations, &ReassembleOptions::default()).unwrap_err();
    assert!(
        matches!(
            &problems[0],
            Problem::MalformedPlaceholder { offset: 8, unit_id, .. } if unit_id == "u1"
        ),
        "{problems:?}"
    );
}

#[test]
fn batches_never_split_a_unit_and_stay_under_the_limit() {
    let text = "أ ب ت ث ج ح خ";
    let segments: Vec<SourceSegment> = text
        .char_indices()
        .filter(|(_, c)| !c.is_whitespace())
        .enumerate()
        .map(|(index, (at, c))| SourceSegment {
            index,
            span: at..at + c.len_utf8(),
            block: index,
            title: false,
        })
        .collect();
    let units = build_units(text, &segments, &[], &UnitOptions::default());
    let batches = pack(&units, 3, Measure::Chars);
    assert_eq!(
        batches.iter().map(|b| b.units.clone()).collect::<Vec<_>>(),
        [0..3, 3..6, 6..7]
    );
    let by_bytes = pack(&units, 3, Measure::Bytes);
    assert!(
        by_bytes
            .iter()
            .all(|batch| batch.units.len() == 1 && !batch.oversize)
    );
    let tiny = pack(&units, 1, Measure::Bytes);
    assert!(tiny.iter().all(|batch| batch.oversize));
}

fn arbitrary_article() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "قال",
        "الوزير",
        " ",
        " ",
        "\"",
        "«",
        "»",
        "https://a.b/c",
        "x@y.zz",
        "@h",
        "#وسم",
        "5-12-2025",
        "20%",
        "50 km",
        "BBC",
        "snake_case",
        "⟦",
        "⟧",
        "<",
        "&",
        ".",
        "\n",
        "٥٠",
        "a",
        "é",
        "،",
    ]);
    prop::collection::vec(pieces, 0..40).prop_map(|pieces| pieces.concat())
}

/// Segments: the non-blank lines split at full stops; quotations: marks paired in
/// order.
fn analyse(text: &str) -> (Vec<SourceSegment>, Vec<SourceQuotation>) {
    let mut segments = Vec::new();
    let mut offset = 0;
    for (block, line) in text.split('\n').enumerate() {
        let mut start = offset;
        for (at, c) in line
            .char_indices()
            .chain(std::iter::once((line.len(), '.')))
        {
            if c == '.' {
                let end =
                    (offset + at + if at < line.len() { 1 } else { 0 }).min(offset + line.len());
                let span = trim(text, start..end);
                if !span.is_empty() {
                    segments.push(SourceSegment {
                        index: segments.len(),
                        span,
                        block,
                        title: false,
                    });
                }
                start = end;
            }
        }
        offset += line.len() + 1;
    }
    let marks: Vec<Range<usize>> = text
        .char_indices()
        .filter(|(_, c)| matches!(c, '"' | '«' | '»'))
        .map(|(at, c)| at..at + c.len_utf8())
        .collect();
    let quotations = marks
        .chunks(2)
        .enumerate()
        .map(|(index, pair)| SourceQuotation {
            index,
            content: pair[0].end..pair.get(1).map_or(text.len(), |close| close.start),
            open_mark: Some(pair[0].clone()),
            close_mark: pair.get(1).cloned(),
            continuation_marks: Vec::new(),
            speaker: Some(index),
        })
        .collect();
    (segments, quotations)
}

fn trim(text: &str, mut span: Range<usize>) -> Range<usize> {
    let slice = &text[span.clone()];
    span.start += slice.len() - slice.trim_start().len();
    span.end -= slice.len() - slice.trim_end().len();
    span.end = span.end.max(span.start);
    span
}

proptest! {
    #[test]
    fn detection_never_panics_and_spans_are_ordered(text in any::<String>(), start in 0usize..64, length in 0usize..256) {
        let found = detect(&text, start..start + length, Protections::ALL);
        for pair in found.windows(2) {
            prop_assert!(pair[0].span.end <= pair[1].span.start);
        }
    }

    #[test]
    fn identity_round_trip_over_generated_text(text in arbitrary_article(), xml in any::<bool>()) {
        let (segments, quotations) = analyse(&text);
        let style = if xml { PlaceholderStyle::Xml } else { PlaceholderStyle::Bracket };
        let units = build_units(&text, &segments, &quotations, &UnitOptions { style, ..UnitOptions::default() });
        prop_assert_eq!(units.len(), segments.len());
        let translations: Vec<Translation> = units
            .iter()
            .map(|unit| Translation { unit_id: unit.id.clone(), text: unit.text.clone() })
            .collect();
        let options = ReassembleOptions { style: QuotationStyle::Straight, lenient: false };
        let article = reassemble(&units, &translations, &options).unwrap();
        // Straight style: every direct mark becomes '"'; everything else is as written.
        let mut mark_starts: Vec<usize> = quotations
            .iter()
            .flat_map(|q| q.open_mark.iter().chain(&q.close_mark).map(|m| m.start))
            .collect();
        mark_starts.sort();
        for block in &article.blocks {
            let ids: Vec<&units::TranslationUnit> =
                units.iter().filter(|unit| unit.block == block.block).collect();
            let span = ids[0].span.start..ids[ids.len() - 1].span.end;
            let expected: String = text[span.clone()]
                .char_indices()
                .map(|(at, c)| if mark_starts.binary_search(&(span.start + at)).is_ok() { '"' } else { c })
                .collect();
            prop_assert_eq!(&block.text, &expected);
        }
    }

    #[test]
    fn reassembly_never_panics_on_arbitrary_translations(text in arbitrary_article(), garbage in any::<String>(), xml in any::<bool>()) {
        let (segments, quotations) = analyse(&text);
        let style = if xml { PlaceholderStyle::Xml } else { PlaceholderStyle::Bracket };
        let units = build_units(&text, &segments, &quotations, &UnitOptions { style, ..UnitOptions::default() });
        let translations: Vec<Translation> = units
            .iter()
            .map(|unit| Translation { unit_id: unit.id.clone(), text: format!("{garbage}{}", unit.text) })
            .collect();
        let lenient = ReassembleOptions { lenient: true, ..ReassembleOptions::default() };
        prop_assert!(reassemble(&units, &translations, &lenient).is_ok());
    }
}

/// Linear time: inputs that would expose a quadratic pass over spans, marks or parts.
#[test]
fn dense_marks_literals_and_protected_spans_stay_fast() {
    let text = "⟦ a \"https://x.org\" ".repeat(20_000);
    let segments = [SourceSegment {
        index: 0,
        span: 0..text.len(),
        block: 0,
        title: false,
    }];
    let marks: Vec<usize> = text.match_indices('"').map(|(at, _)| at).collect();
    let quotations: Vec<SourceQuotation> = marks
        .chunks(2)
        .enumerate()
        .map(|(index, pair)| SourceQuotation {
            index,
            content: pair[0] + 1..pair[1],
            open_mark: Some(pair[0]..pair[0] + 1),
            close_mark: Some(pair[1]..pair[1] + 1),
            continuation_marks: Vec::new(),
            speaker: None,
        })
        .collect();
    let started = std::time::Instant::now();
    let units = build_units(&text, &segments, &quotations, &UnitOptions::default());
    let translations = [Translation {
        unit_id: "u1".into(),
        text: units[0].text.clone(),
    }];
    let article = reassemble(&units, &translations, &ReassembleOptions::default()).unwrap();
    assert_eq!(article.quotations.len(), 20_000);
    // Per repeat: the literal ⟦, the Latin word, both marks (inside the unit), the URL.
    assert_eq!(units[0].placeholders.len(), 20_000 * 5);
    assert!(
        started.elapsed() < std::time::Duration::from_secs(5),
        "{:?}",
        started.elapsed()
    );
}

fn arbitrary_unit() -> impl Strategy<Value = units::TranslationUnit> {
    let placeholder = (0u32..6, 0usize..4, prop::option::of(0usize..4), ".{0,4}").prop_map(
        |(id, kind, quotation, original)| units::Placeholder {
            id,
            kind: [
                PlaceholderKind::QuoteOpen,
                PlaceholderKind::QuoteClose,
                PlaceholderKind::Literal,
                PlaceholderKind::Protected(ProtectedKind::Url),
            ][kind],
            quotation,
            span: 0..0,
            original,
        },
    );
    let part = (
        0usize..4,
        any::<bool>(),
        any::<bool>(),
        prop::option::of(0usize..3),
    )
        .prop_map(
            |(quotation, mark_at_start, mark_at_end, speaker)| units::QuotationPart {
                quotation,
                role: QuotationRole::Inside,
                mark_at_start,
                mark_at_end,
                speaker,
            },
        );
    (
        "u[0-9]",
        0usize..3,
        any::<bool>(),
        ".{0,3}",
        ".{0,12}",
        any::<bool>(),
        prop::collection::vec(placeholder, 0..4),
        prop::collection::vec(part, 0..3),
    )
        .prop_map(
            |(id, block, title, separator, text, xml, placeholders, quotation_parts)| {
                units::TranslationUnit {
                    id,
                    segment: 0,
                    block,
                    title,
                    span: 0..0,
                    separator,
                    text,
                    style: if xml {
                        PlaceholderStyle::Xml
                    } else {
                        PlaceholderStyle::Bracket
                    },
                    placeholders,
                    quotation_parts,
                }
            },
        )
}

proptest! {
    /// Units come back from clients: whatever they hold, reassembly answers.
    #[test]
    fn reassembly_never_panics_on_client_supplied_units(
        units in prop::collection::vec(arbitrary_unit(), 0..5),
        translations in prop::collection::vec(("u[0-9]", "(⟦[0-9 ]{0,2}⟧?|<x id=.[0-9].{0,3}|&[a-z#0-9]{0,4};?|.){0,8}"), 0..6),
        lenient in any::<bool>(),
    ) {
        let translations: Vec<Translation> = translations
            .into_iter()
            .map(|(unit_id, text)| Translation { unit_id, text })
            .collect();
        let options = ReassembleOptions { lenient, ..ReassembleOptions::default() };
        let _ = reassemble(&units, &translations, &options);
    }
}

#[test]
fn a_quotation_over_two_paragraphs_reopens_and_comes_back_whole() {
    // News convention: the continuing paragraph reopens with a mark; only the last closes.
    let text = "وقال الوزير: «لن نتراجع.\n«وسنواصل العمل.» وانتهى.";
    let open = text.find('«').unwrap();
    let reopen = text.rfind('«').unwrap();
    let close = text.find('»').unwrap();
    let first_end = text.find('\n').unwrap();
    let segments = [
        SourceSegment {
            index: 0,
            span: 0..first_end,
            block: 0,
            title: false,
        },
        SourceSegment {
            index: 1,
            span: reopen..close + '»'.len_utf8(),
            block: 1,
            title: false,
        },
        SourceSegment {
            index: 2,
            span: close + '»'.len_utf8() + 1..text.len(),
            block: 1,
            title: false,
        },
    ];
    let quotations = [SourceQuotation {
        index: 0,
        content: open + '«'.len_utf8()..close,
        open_mark: Some(open..open + '«'.len_utf8()),
        close_mark: Some(close..close + '»'.len_utf8()),
        continuation_marks: std::iter::once(reopen..reopen + '«'.len_utf8()).collect(),
        speaker: Some(1),
    }];
    let units = build_units(text, &segments, &quotations, &UnitOptions::default());
    assert_eq!(units[0].quotation_parts[0].role, QuotationRole::Opens);
    assert_eq!(units[1].quotation_parts[0].role, QuotationRole::Closes);
    assert!(
        units[1].quotation_parts[0].mark_at_start,
        "the reopening mark is removed"
    );
    assert!(units[1].quotation_parts[0].mark_at_end);
    assert_eq!(units[1].text, "وسنواصل العمل.");
    assert!(units[2].quotation_parts.is_empty());
    let translations: Vec<Translation> = units
        .iter()
        .map(|unit| Translation {
            unit_id: unit.id.clone(),
            text: unit.text.clone(),
        })
        .collect();
    let article = reassemble(&units, &translations, &ReassembleOptions::default()).unwrap();
    assert_eq!(article.blocks[0].text, "وقال الوزير: “لن نتراجع.");
    assert_eq!(article.blocks[1].text, "“وسنواصل العمل.” وانتهى.");
    assert_eq!(article.quotations.len(), 1);
    assert_eq!(article.quotations[0].text, "لن نتراجع.\nوسنواصل العمل.");
    assert_eq!(article.quotations[0].blocks, [0, 1]);
    assert_eq!(article.quotations[0].speaker, Some(1));
}

#[test]
fn a_unit_inside_a_long_quotation_has_no_marks() {
    let text = "«أولا. ثانيا. ثالثا.»";
    let spans = ["«أولا.", "ثانيا.", "ثالثا.»"].map(|part| {
        let start = text.find(part).unwrap();
        start..start + part.len()
    });
    let segments: Vec<SourceSegment> = spans
        .iter()
        .enumerate()
        .map(|(index, span)| SourceSegment {
            index,
            span: span.clone(),
            block: 0,
            title: false,
        })
        .collect();
    let close = text.find('»').unwrap();
    let quotations = [SourceQuotation {
        index: 0,
        content: '«'.len_utf8()..close,
        open_mark: Some(0..'«'.len_utf8()),
        close_mark: Some(close..close + '»'.len_utf8()),
        continuation_marks: Vec::new(),
        speaker: None,
    }];
    let units = build_units(text, &segments, &quotations, &UnitOptions::default());
    let roles: Vec<QuotationRole> = units.iter().map(|u| u.quotation_parts[0].role).collect();
    assert_eq!(
        roles,
        [
            QuotationRole::Opens,
            QuotationRole::Inside,
            QuotationRole::Closes
        ]
    );
    let texts: Vec<&str> = units.iter().map(|u| u.text.as_str()).collect();
    assert_eq!(texts, ["أولا.", "ثانيا.", "ثالثا."]);
}
