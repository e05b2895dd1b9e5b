//! Inputs built to hurt: each completes (the test runner's timeout catches a hang or a
//! quadratic blow-up), nothing panics, and every span still indexes the original.

mod support;

use pipeline::{Options, Pipeline};

fn run(text: &str) -> api::v1::PreprocessResponse {
    let article = Pipeline::new().run(text, &Options::default());
    let response = api::preprocess_response("p", text, &article, false);
    support::check_spans(text, &response);
    response
}

#[test]
fn ten_megabyte_single_line() {
    let sentence = "وقال المسؤول إن المحادثات ستستأنف الأسبوع المقبل في جنيف، ";
    let text = sentence.repeat(10_000_000 / sentence.len());
    assert!(text.len() > 9_000_000);
    let response = run(&text);
    assert!(!response.segments.is_empty());
}

#[test]
fn hundred_thousand_quotation_marks() {
    let text = "\"".repeat(100_000);
    run(&text);
    let mixed = "قال \"نعم « لا » ”ربما“ ".repeat(20_000);
    run(&mixed);
}

#[test]
fn only_diacritics() {
    let text =
        "\u{064B}\u{064C}\u{064D}\u{064E}\u{064F}\u{0650}\u{0651}\u{0652}\u{0670}".repeat(50_000);
    run(&text);
}

#[test]
fn deep_nesting_of_brackets_and_quotes() {
    let depth = 50_000;
    let text = format!("{}قال{}", "(«\"“".repeat(depth), "”\"»)".repeat(depth));
    run(&text);
}

#[test]
fn every_code_point_class() {
    let text: String = (0u32..=0x10FFFF)
        .step_by(7)
        .filter_map(char::from_u32)
        .collect();
    run(&text);
}

#[test]
fn many_short_lines_and_blank_lines() {
    let text = "أ.\n\n*\n\u{00A0}\u{00A0}\u{00A0}\u{00A0}\n..\n".repeat(100_000);
    run(&text);
}
