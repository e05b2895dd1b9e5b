//! Property tests of normalization and its offset map, on arbitrary Unicode and on
//! Arabic-heavy text built from the characters the rules touch.
//!
//! The round-trip property is stated for *token-aligned* spans: a normalized range that
//! is not empty, starts at the start of the text or right after a whitespace character,
//! ends at the end of the text or right before a whitespace character, and neither starts
//! nor ends with whitespace. For such a span, normalizing the original text it maps to
//! gives back exactly the span. It cannot hold for arbitrary spans: the whitespace rule
//! drops spaces at the edges of a text, and quotation marks take their direction from
//! their neighbours, so a span cut inside a word sees other neighbours than in its
//! sentence.

use std::ops::Range;

use arabic_text::{NormalizeOptions, Normalized, Normalizer, Profile, RuleOverrides};
use proptest::prelude::*;
use proptest::sample::select;

/// The characters the Arabic-heavy generator draws from.
const ARABIC_POOL: &[char] = &[
    // letters, with the variants the rules fold
    'ا', 'أ', 'إ', 'آ', 'ٱ', 'ب', 'ت', 'ة', 'ث', 'ج', 'ح', 'د', 'ر', 'س', 'ع', 'ف', 'ق', 'ك', 'ل',
    'م', 'ن', 'ه', 'و', 'ؤ', 'ي', 'ى', 'ئ', 'ء', // Persian and Urdu look-alikes
    'ی', 'ک', 'ۀ', 'ھ', 'ہ', // diacritics, dagger alef, Quranic marks, combining hamza/madda
    '\u{064B}', '\u{064E}', '\u{064F}', '\u{0650}', '\u{0651}', '\u{0652}', '\u{0670}', '\u{0653}',
    '\u{0654}', '\u{0655}', '\u{06D6}', '\u{0615}', '\u{0301}', // tatweel
    '\u{0640}', // presentation forms: letters, lam-alef, Farsi yeh forms, ligatures, harakat
    '\u{FE8D}', '\u{FE91}', '\u{FEE3}', '\u{FEFB}', '\u{FEF7}', '\u{FEF5}', '\u{FBFC}', '\u{FBFE}',
    '\u{FDF2}', '\u{FDFA}', '\u{FE70}', '\u{FE71}', '\u{FC5E}', '\u{FC5B}',
    // quotation marks
    '"', '\u{201C}', '\u{201D}', '\u{201E}', '\u{201F}', '«', '»', '‹', '›', '\u{2033}', '\u{301D}',
    '\u{301E}', '\u{FF02}', // digits and separators
    '٠', '١', '٢', '٩', '۰', '۴', '٫', '٬', '1', '2', // whitespace and line breaks
    ' ', ' ', ' ', '\u{00A0}', '\u{2009}', '\u{3000}', '\t', '\n', '\n', '\r', '\u{2028}',
    '\u{2029}', '\u{000C}', // invisible and control characters
    '\u{200B}', '\u{200C}', '\u{200D}', '\u{00AD}', '\u{FEFF}', '\u{200E}', '\u{200F}', '\u{061C}',
    '\u{202B}', '\u{202C}', '\u{2067}', '\u{2069}', '\u{0001}', '\u{0085}',
    '\u{FFFD}', // punctuation
    '،', '؛', '؟', ',', ';', '?', '!', '.', ':', '(', ')', '-', '٪', // Latin
    'a', 'b', 'e',
    'Z', // characters NFC changes or composes: Å sign, Devanagari qa, en quad,
    // ring above, grave below, Hangul L + V
    '\u{212B}', '\u{0958}', '\u{2000}', '\u{030A}', '\u{0316}', '\u{1100}', '\u{1161}',
];

fn arabic_text() -> impl Strategy<Value = String> {
    prop::collection::vec(select(ARABIC_POOL), 0..60).prop_map(|chars| chars.into_iter().collect())
}

fn any_text() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        arabic_text(),
        "[ -~\u{0600}-\u{06FF}\u{FB50}-\u{FEFF}]{0,40}"
    ]
}

fn profile() -> impl Strategy<Value = Profile> {
    prop_oneof![
        Just(Profile::Translation),
        Just(Profile::Matching),
        Just(Profile::None)
    ]
}

fn overrides() -> impl Strategy<Value = RuleOverrides> {
    let switch = || prop::option::of(any::<bool>());
    (
        (switch(), switch(), switch(), switch(), switch(), switch()),
        (switch(), switch(), switch(), switch(), switch()),
    )
        .prop_map(|((a, b, c, d, e, f), (g, h, i, j, k))| RuleOverrides {
            remove_tatweel: a,
            remove_diacritics: b,
            fold_alef: c,
            fold_alef_maqsura: d,
            fold_ta_marbuta: e,
            fold_hamza_carriers: f,
            ascii_digits: g,
            latin_punctuation: h,
            unify_quotes: i,
            collapse_whitespace: j,
            collapse_elongation: k,
        })
}

fn options() -> impl Strategy<Value = NormalizeOptions> {
    prop_oneof![
        profile().prop_map(NormalizeOptions::new),
        (profile(), overrides()).prop_map(|(profile, overrides)| NormalizeOptions {
            profile,
            overrides,
            record_edits: true,
        }),
    ]
}

fn char_spans(text: &str) -> Vec<Range<usize>> {
    text.char_indices()
        .map(|(i, c)| i..i + c.len_utf8())
        .collect()
}

fn is_boundary(text: &str, pos: usize) -> bool {
    text.is_char_boundary(pos)
}

/// The starts and ends of token-aligned spans (see the module doc).
fn token_edges(text: &str) -> (Vec<usize>, Vec<usize>) {
    let mut starts = Vec::new();
    let mut ends = Vec::new();
    let mut prev: Option<char> = None;
    for (i, c) in text.char_indices() {
        let ws = c.is_whitespace();
        if !ws && prev.is_none_or(char::is_whitespace) {
            starts.push(i);
        }
        if ws && prev.is_some_and(|p| !p.is_whitespace()) {
            ends.push(i);
        }
        prev = Some(c);
    }
    if prev.is_some_and(|p| !p.is_whitespace()) {
        ends.push(text.len());
    }
    (starts, ends)
}

/// Checks every map property that holds for any text and options.
fn check_map(input: &str, out: &Normalized) -> Result<(), TestCaseError> {
    let text = out.text();
    prop_assert_eq!(out.original_len(), input.len());
    // The whole maps onto the whole.
    prop_assert_eq!(out.to_normalized(0..input.len()), 0..text.len());
    let whole = out.to_original(0..text.len());
    prop_assert!(whole.end <= input.len());
    let mut prev: Option<Range<usize>> = None;
    let mut covered_upto = 0;
    for span in char_spans(text) {
        let orig = out.to_original(span.clone());
        prop_assert!(
            orig.start < orig.end,
            "char {:?} maps to empty {:?}",
            span,
            orig
        );
        prop_assert!(is_boundary(input, orig.start) && is_boundary(input, orig.end));
        prop_assert!(orig.end <= input.len());
        // Round trip: the char lies within what its original maps back to.
        let back = out.to_normalized(orig.clone());
        prop_assert!(
            back.start <= span.start && span.end <= back.end,
            "{:?} {:?} {:?}",
            span,
            orig,
            back
        );
        if let Some(p) = &prev {
            // Monotone: same atomic step, or strictly after.
            prop_assert!(
                *p == orig || p.end <= orig.start,
                "not monotone: {:?} then {:?}",
                p,
                orig
            );
            // What lies between two consecutive chars' originals was deleted.
            let gap = p.end.min(orig.start)..orig.start;
            prop_assert!(
                out.to_normalized(gap.clone()).is_empty(),
                "gap {:?} not deleted",
                gap
            );
        } else {
            prop_assert!(out.to_normalized(0..orig.start).is_empty());
        }
        covered_upto = covered_upto.max(orig.end);
        prev = Some(orig);
    }
    prop_assert!(out.to_normalized(covered_upto..input.len()).is_empty());
    Ok(())
}

fn check_token_round_trip(
    normalizer: &Normalizer,
    input: &str,
    out: &Normalized,
) -> Result<(), TestCaseError> {
    let text = out.text();
    let (starts, ends) = token_edges(text);
    for (k, &a) in starts.iter().enumerate() {
        // Every token, and every span of up to three tokens.
        for &b in ends.iter().filter(|&&b| b > a).take(3) {
            let _ = k;
            let orig = out.to_original(a..b);
            let again = normalizer.normalize(&input[orig.clone()]);
            prop_assert_eq!(
                again.text(),
                &text[a..b],
                "span {:?} → original {:?} = {:?}",
                a..b,
                orig.clone(),
                &input[orig]
            );
        }
    }
    Ok(())
}

fn check_edits_tile(input: &str, out: &Normalized) -> Result<(), TestCaseError> {
    let text = out.text();
    let mut orig_pos = 0;
    let mut norm_pos = 0;
    for edit in out.edits() {
        prop_assert!(
            edit.original.start >= orig_pos,
            "edits overlap: {:?}",
            out.edits()
        );
        prop_assert_eq!(
            &input[orig_pos..edit.original.start],
            &text[norm_pos..edit.normalized.start]
        );
        prop_assert_ne!(
            &input[edit.original.clone()],
            &text[edit.normalized.clone()]
        );
        prop_assert!(arabic_text::rule_names().any(|name| name == edit.rule));
        orig_pos = edit.original.end;
        norm_pos = edit.normalized.end;
    }
    prop_assert_eq!(&input[orig_pos..], &text[norm_pos..]);
    Ok(())
}

fn all_properties(input: &str, options: NormalizeOptions) -> Result<(), TestCaseError> {
    let normalizer = Normalizer::new(options.clone());
    let out = normalizer.normalize(input);
    let twice = normalizer.normalize(out.text());
    prop_assert_eq!(twice.text(), out.text(), "not idempotent for {:?}", input);
    check_map(input, &out)?;
    // Recording edits takes another code path; it must not change the result.
    let other = Normalizer::new(NormalizeOptions {
        record_edits: !options.record_edits,
        ..options.clone()
    })
    .normalize(input);
    prop_assert_eq!(other.text(), out.text());
    for span in char_spans(out.text()) {
        prop_assert_eq!(other.to_original(span.clone()), out.to_original(span));
    }
    check_token_round_trip(&normalizer, input, &out)?;
    if options.record_edits {
        check_edits_tile(input, &out)?;
    }
    let replacements = input.matches('\u{FFFD}').count();
    let reported: usize = out
        .diagnostics()
        .iter()
        .map(|d| input[d.original.clone()].matches('\u{FFFD}').count())
        .sum();
    prop_assert_eq!(reported, replacements);
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn arabic_text_satisfies_all_properties(input in arabic_text(), options in options()) {
        all_properties(&input, options)?;
    }

    #[test]
    fn any_text_satisfies_all_properties(input in any_text(), options in options()) {
        all_properties(&input, options)?;
    }

    #[test]
    fn each_profile_is_idempotent_on_arabic_text(input in arabic_text()) {
        for profile in [Profile::Translation, Profile::Matching] {
            let normalizer = Normalizer::new(NormalizeOptions::new(profile));
            let once = normalizer.normalize(&input);
            let twice = normalizer.normalize(once.text());
            prop_assert_eq!(twice.text(), once.text());
        }
    }

    #[test]
    fn none_profile_is_the_identity(input in any_text()) {
        let out = Normalizer::new(NormalizeOptions::new(Profile::None)).normalize(&input);
        prop_assert_eq!(out.text(), input.as_str());
        prop_assert_eq!(out.anchor_count(), 0);
        prop_assert!(out.edits().is_empty());
        for (i, _) in input.char_indices() {
            prop_assert_eq!(out.to_original(i..input.len()), i..input.len());
            prop_assert_eq!(out.to_normalized(0..i), 0..i);
        }
    }

    #[test]
    fn map_round_trips_random_ranges(input in arabic_text(), profile in profile(), a in any::<prop::sample::Index>(), b in any::<prop::sample::Index>()) {
        let out = Normalizer::new(NormalizeOptions::new(profile)).normalize(&input);
        let text = out.text();
        let bounds: Vec<usize> = text.char_indices().map(|(i, _)| i).chain([text.len()]).collect();
        let (x, y) = (bounds[a.index(bounds.len())], bounds[b.index(bounds.len())]);
        let range = x.min(y)..x.max(y);
        let orig = out.to_original(range.clone());
        prop_assert!(orig.start <= orig.end && orig.end <= input.len());
        prop_assert!(input.is_char_boundary(orig.start) && input.is_char_boundary(orig.end));
        if range.is_empty() {
            // An empty range inside an atomic step has no exact original position: it
            // maps into the original of the step.
            // An empty range elsewhere maps between the originals of its neighbours.
            let p = range.start;
            let before = if p > 0 { out.to_original(0..p).end } else { 0 };
            let after = if p < text.len() { out.to_original(p..text.len()).start } else { input.len() };
            prop_assert!(orig.is_empty());
            prop_assert!(before.min(after) <= orig.start && orig.start <= before.max(after), "{:?} → {:?} ({}, {})", range, orig, before, after);
        } else {
            let back = out.to_normalized(orig.clone());
            prop_assert!(back.start <= range.start && range.end <= back.end, "{:?} → {:?} → {:?}", range, orig, back);
            // Mapping back and forth again is stable: the covering span is a fixed point.
            prop_assert_eq!(out.to_original(back.clone()), orig.clone());
        }
        // Splitting a range in two maps to two adjacent-or-overlapping original ranges.
        if range.len() > 1 {
            let mid = bounds.iter().copied().find(|&p| p > range.start && p < range.end);
            if let Some(mid) = mid {
                let left = out.to_original(range.start..mid);
                let right = out.to_original(mid..range.end);
                prop_assert_eq!(left.start, orig.start);
                prop_assert_eq!(right.end, orig.end);
                prop_assert!(left.end <= right.end && left.start <= right.start);
            }
        }
    }

    #[test]
    fn never_panics_on_any_range(input in any_text(), options in options(), a in 0usize..200, b in 0usize..200) {
        let out = Normalizer::new(options).normalize(&input);
        let orig = out.to_original(a..b);
        prop_assert!(orig.start <= orig.end && orig.end <= input.len());
        let norm = out.to_normalized(a..b);
        prop_assert!(norm.start <= norm.end && norm.end <= out.text().len());
    }
}

/// A long fuzz run over many more cases; run with
/// `cargo test -p arabic-text -- --ignored`.
#[test]
#[ignore = "long fuzz run"]
fn long_fuzz_all_properties() {
    let config = ProptestConfig::with_cases(50_000);
    let mut runner = proptest::test_runner::TestRunner::new(config);
    let strategy = (prop_oneof![arabic_text(), any_text()], options());
    let result = runner.run(&strategy, |(input, options)| {
        all_properties(&input, options)
    });
    if let Err(failure) = result {
        panic!("{failure}");
    }
}
