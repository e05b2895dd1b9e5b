//! Inputs built to hit the slow paths many times in a row: long runs of marks, deleted
//! characters between context-dependent ones, hundreds of thousands of quotation marks.
//! Each must finish in linear time (a quadratic path would take minutes here) and keep
//! the basic guarantees.

use arabic_text::{NormalizeOptions, Normalizer, Profile};

fn check_all_profiles(input: &str) {
    for profile in [Profile::Translation, Profile::Matching] {
        let normalizer = Normalizer::new(NormalizeOptions {
            record_edits: true,
            ..NormalizeOptions::new(profile)
        });
        let out = normalizer.normalize(input);
        let again = normalizer.normalize(out.text());
        assert_eq!(again.text(), out.text(), "not idempotent ({profile:?})");
        assert_eq!(out.to_normalized(0..input.len()), 0..out.text().len());
        assert!(out.to_original(0..out.text().len()).end <= input.len());
    }
}

#[test]
fn one_letter_with_a_huge_run_of_out_of_order_marks() {
    let input = format!("ب{}", "\u{0651}\u{064E}".repeat(50_000));
    check_all_profiles(&input);
}

#[test]
fn marks_each_after_a_deleted_joiner() {
    check_all_profiles(&"\u{200D}\u{0301}".repeat(50_000));
    check_all_profiles(&format!("ا{}", "\u{200D}\u{0653}".repeat(30_000)));
}

#[test]
fn quotes_and_punctuation_separated_by_deleted_characters() {
    let unit = format!("\"{}،", "\u{200B}".repeat(20));
    check_all_profiles(&unit.repeat(5_000));
    check_all_profiles(&"\"".repeat(100_000));
}

#[test]
fn farsi_yeh_before_long_runs_of_marks_and_whitespace() {
    let input = format!("ی{} ی", "\u{064E}".repeat(100_000));
    check_all_profiles(&input);
    check_all_profiles(&format!("قال{}نعم", " \u{200F}\u{00A0}\r\n".repeat(30_000)));
}

#[test]
fn long_elongation_runs() {
    let options = NormalizeOptions {
        overrides: arabic_text::RuleOverrides {
            collapse_elongation: Some(true),
            ..Default::default()
        },
        ..NormalizeOptions::new(Profile::Matching)
    };
    let input = format!("جمي{}ل", "يـ".repeat(100_000));
    let out = Normalizer::new(options).normalize(&input);
    assert_eq!(out.text(), "جميل");
    // The run covers every yeh and the tatweels between them, not the last tatweel
    // (deleted at its edge) nor the lam.
    let lam = input.len() - "ل".len();
    assert_eq!(out.to_original(4..6), 4..lam - "ـ".len());
}
