//! The one rule that shapes everything: for any input, every span of the response
//! indexes the original exactly, and nothing panics. Runs the whole pipeline and the
//! response conversion in-process (the same code the server runs).

mod support;

use api::v1;
use pipeline::{Options, Pipeline, Profile};
use proptest::prelude::*;
use support::check_spans;

fn response(text: &str, options: &Options) -> v1::PreprocessResponse {
    let article = Pipeline::new().run(text, options);
    api::preprocess_response("p", text, &article, true)
}

/// Pieces of Arabic news text and of what scrapers leave in it, to be shuffled.
const PIECES: &[&str] = &[
    "وقال",
    " مسؤول كبير ",
    "\"",
    "«",
    "»",
    "“",
    "”",
    ":",
    "،",
    ".",
    "..",
    "...",
    "؟",
    "!",
    "\n",
    "\n\n",
    "\u{00A0}\u{00A0}\u{00A0}\u{00A0}",
    "\r\n",
    "د.",
    "2.5",
    "28 - 09 - 2014",
    "وأضاف",
    " إن ",
    "ـــ",
    "\u{064E}\u{0651}",
    "\u{200F}",
    "\u{FEFB}",
    "*",
    "انقر هنا لقراءة الخبر من مصدره.",
    "http://example.com/a.b",
    "١٢٣",
    "\u{FFFD}",
    "e\u{0301}",
    " ",
];

fn news_like() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(PIECES), 0..80).prop_map(|pieces| pieces.concat())
}

fn options() -> impl Strategy<Value = Options> {
    (
        prop::sample::select(vec![Profile::Translation, Profile::Matching, Profile::None]),
        any::<bool>(),
        prop::option::of(16usize..200),
    )
        .prop_map(|(profile, keep_boilerplate, max_segment_chars)| Options {
            profile,
            keep_boilerplate,
            max_segment_chars,
            ..Options::default()
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn spans_index_arbitrary_unicode_exactly(text in any::<String>(), options in options()) {
        check_spans(&text, &response(&text, &options));
    }

    #[test]
    fn spans_index_news_like_text_exactly(text in news_like(), options in options()) {
        let response = response(&text, &options);
        check_spans(&text, &response);
        for segment in &response.segments {
            let span = segment.span.as_ref().unwrap();
            prop_assert_eq!(
                &text.as_bytes()[span.start_byte as usize..span.end_byte as usize],
                segment.text.as_bytes()
            );
        }
    }
}

#[test]
fn segments_cover_the_seed_body_in_order() {
    let response = response(support::SEED_ARTICLE, &Options::default());
    check_spans(support::SEED_ARTICLE, &response);
    let mut previous_end = 0;
    for segment in &response.segments {
        let span = segment.span.as_ref().unwrap();
        assert!(
            span.start >= previous_end,
            "segments overlap or go backwards"
        );
        previous_end = span.end;
    }
}
