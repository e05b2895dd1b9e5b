//! Translation units and the round trip back: identity and toy translators over the seed
//! article, the dev corpus (when present) and generated text; translation problems; the
//! Reassemble RPC over a real socket and the `reassemble` CLI as a real process.

mod support;

use std::{
    collections::{BTreeSet, HashMap},
    io::Write as _,
    path::PathBuf,
    process::{Command, Stdio},
};

use api::v1;
use preprocessor::{config::Limits, handler};
use proptest::prelude::*;
use support::{CharIndex, SEED_ARTICLE, TestServer, text_request};
use tonic::Code;
use tonic_types::StatusExt as _;

const OPEN: char = '«';
const CLOSE: char = '»';

fn unit_options(style: v1::PlaceholderStyle) -> v1::PreprocessOptions {
    v1::PreprocessOptions {
        translation_units: Some(v1::TranslationUnitOptions {
            placeholder_style: style.into(),
            ..Default::default()
        }),
        include_summary: true,
        ..Default::default()
    }
}

/// Preprocesses `text` in-process, with units in `style`.
fn preprocess(text: &str, style: v1::PlaceholderStyle) -> v1::PreprocessResponse {
    let mut request = text_request("doc", text);
    request.options = Some(unit_options(style));
    let prepared = handler::prepare(&request, &Limits::default()).expect("valid request");
    handler::preprocess(&pipeline::Pipeline::new(), &prepared)
}

fn request_with(
    response: &v1::PreprocessResponse,
    translate: impl Fn(&v1::TranslationUnit) -> String,
) -> v1::ReassembleRequest {
    v1::ReassembleRequest {
        document_id: response.document_id.clone(),
        units: response.translation_units.clone(),
        translations: response
            .translation_units
            .iter()
            .map(|unit| v1::UnitTranslation {
                unit_id: unit.id.clone(),
                text: translate(unit),
            })
            .collect(),
        quotation_style: v1::QuotationStyle::Guillemets.into(),
        lenient: false,
    }
}

fn field_violations(rejection: handler::Rejection) -> Vec<handler::FieldViolation> {
    match rejection {
        handler::Rejection::InvalidArgument(violations) => violations,
        other => panic!("expected invalid argument, got {other}"),
    }
}

/// Checks that reassembling the untranslated units gives back the text of every block
/// the units cover, exactly, with the direct quotations' marks in the target style, and
/// every protected span restored. Returns the number of blocks checked.
fn check_identity_round_trip(text: &str, style: v1::PlaceholderStyle) -> usize {
    let response = preprocess(text, style);
    let translatable = response.segments.iter().filter(|s| s.translate).count();
    assert_eq!(response.translation_units.len(), translatable);
    let request = request_with(&response, |unit| unit.text.clone());
    let reassembled = handler::reassemble(&request, &Limits::default())
        .unwrap_or_else(|error| panic!("identity translation rejected: {error}"));
    let index = CharIndex::new(text);

    // Where marks go back, in code points: the direct quotations' own marks (from the
    // analysis) must all be among them.
    let mut opens = BTreeSet::new();
    let mut closes = BTreeSet::new();
    for unit in &response.translation_units {
        let span = unit.span.as_ref().expect("unit span");
        for part in &unit.quotation_parts {
            if part.mark_at_start {
                opens.insert(span.start);
            }
            if part.mark_at_end {
                closes.insert(span.end - 1);
            }
        }
        for placeholder in &unit.placeholders {
            let at = placeholder.span.as_ref().expect("placeholder span").start;
            match placeholder.kind() {
                v1::PlaceholderKind::QuoteOpen => {
                    opens.insert(at);
                }
                v1::PlaceholderKind::QuoteClose => {
                    closes.insert(at);
                }
                _ => {
                    let span = placeholder.span.as_ref().unwrap();
                    assert_eq!(index.slice(span), placeholder.text, "placeholder text");
                    assert!(unit.text.contains(&placeholder.token), "token in unit text");
                }
            }
        }
    }
    let covered = |at: u32| {
        response.translation_units.iter().any(|unit| {
            let span = unit.span.as_ref().unwrap();
            span.start <= at && at < span.end
        })
    };
    for quotation in &response.quotations {
        if quotation.kind() != v1::QuotationKind::Direct {
            continue;
        }
        if let Some(mark) = &quotation.open_mark_span
            && covered(mark.start)
        {
            assert!(
                opens.contains(&mark.start),
                "open mark of {quotation:?} not re-applied"
            );
        }
        if let Some(mark) = &quotation.close_mark_span
            && covered(mark.start)
        {
            assert!(
                closes.contains(&mark.start),
                "close mark of {quotation:?} not re-applied"
            );
        }
    }

    let mut blocks: Vec<(String, String)> = Vec::new();
    if !reassembled.title.is_empty() {
        let title_units: Vec<&v1::TranslationUnit> = response
            .translation_units
            .iter()
            .filter(|unit| unit.kind() == v1::SegmentKind::Title)
            .collect();
        blocks.push((
            expected(&index, &title_units, &opens, &closes),
            reassembled.title.clone(),
        ));
    }
    for paragraph in &reassembled.paragraphs {
        let units: Vec<&v1::TranslationUnit> = response
            .translation_units
            .iter()
            .filter(|unit| paragraph.unit_ids.contains(&unit.id))
            .collect();
        assert_eq!(units.len(), paragraph.unit_ids.len());
        blocks.push((
            expected(&index, &units, &opens, &closes),
            paragraph.text.clone(),
        ));
    }
    for (want, got) in &blocks {
        assert_eq!(got, want);
    }
    // Every body paragraph comes back, in order.
    let reassembled_blocks: Vec<u32> = reassembled
        .paragraphs
        .iter()
        .map(|p| p.block_index)
        .collect();
    let mut unit_blocks: Vec<u32> = response
        .translation_units
        .iter()
        .filter(|unit| unit.kind() != v1::SegmentKind::Title)
        .map(|unit| unit.block_index)
        .collect();
    unit_blocks.dedup();
    assert_eq!(reassembled_blocks, unit_blocks);
    // Single-paragraph quotations come back as their content, exactly.
    for translated in &reassembled.quotations {
        let original = &response.quotations[translated.quotation_id as usize];
        if translated.block_indexes.len() == 1 && original.close_mark_span.is_some() {
            assert_eq!(
                translated.text,
                original.text.trim(),
                "quotation {}",
                original.id
            );
        }
        assert_eq!(
            translated.speaker_id,
            original
                .attribution
                .as_ref()
                .map(|a| a.speaker_id.clone())
                .unwrap_or_default()
        );
    }
    blocks.len()
}

/// The original text under `units` (consecutive units of one block), with marks at
/// `opens`/`closes` in the target style.
fn expected(
    index: &CharIndex<'_>,
    units: &[&v1::TranslationUnit],
    opens: &BTreeSet<u32>,
    closes: &BTreeSet<u32>,
) -> String {
    let first = units.first().unwrap().span.as_ref().unwrap().start;
    let last = units.last().unwrap().span.as_ref().unwrap().end;
    let span = v1::Span {
        start: first,
        end: last,
        ..Default::default()
    };
    index
        .slice(&span)
        .chars()
        .enumerate()
        .map(|(offset, c)| {
            let at = first + offset as u32;
            if opens.contains(&at) {
                OPEN
            } else if closes.contains(&at) {
                CLOSE
            } else {
                c
            }
        })
        .collect()
}

#[test]
fn identity_round_trip_gives_back_the_seed_article() {
    for style in [v1::PlaceholderStyle::Bracket, v1::PlaceholderStyle::Xml] {
        assert!(check_identity_round_trip(SEED_ARTICLE, style) > 20);
    }
}

#[test]
fn identity_round_trip_gives_back_the_dev_corpus_when_present() {
    let dev = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus/dev");
    let Ok(entries) = std::fs::read_dir(&dev) else {
        return; // the shared corpus is not part of the repository
    };
    let mut checked = 0;
    for entry in entries.flatten() {
        let path = entry.path();
        if path.extension().is_some_and(|ext| ext == "txt") {
            let text = std::fs::read_to_string(&path).expect("dev article is UTF-8");
            for style in [v1::PlaceholderStyle::Bracket, v1::PlaceholderStyle::Xml] {
                check_identity_round_trip(&text, style);
            }
            checked += 1;
        }
    }
    assert!(checked > 0, "no .txt in {}", dev.display());
}

/// Pieces of news text with everything units care about: quotation marks, protected
/// spans, the placeholder syntax itself.
const PIECES: &[&str] = &[
    "وقال",
    " الوزير ",
    " ",
    "\"",
    "«",
    "»",
    "“",
    "”",
    ":",
    "،",
    ".",
    "\n",
    "\n\n",
    "https://example.org/a?b=1",
    "info@example.org",
    "@handle",
    "#وسم",
    "5-12-2025",
    "20%",
    "50 km",
    "BBC News",
    "parse_args()",
    "⟦1⟧",
    "<x id=\"1\"/>",
    "&amp;",
    "<",
    "وأضاف",
    " إن ",
    "لم يتغير شيء",
    "عنوان الخبر\n",
];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn identity_round_trip_over_generated_articles(
        pieces in prop::collection::vec(prop::sample::select(PIECES), 1..60),
        xml in any::<bool>(),
    ) {
        let text = pieces.concat();
        let style = if xml { v1::PlaceholderStyle::Xml } else { v1::PlaceholderStyle::Bracket };
        check_identity_round_trip(&text, style);
    }
}

/// A toy translator: reverses the order of the words between placeholders, which stay
/// where they are (as a real MT system keeps tags anchored to the words around them).
fn reverse_words(unit: &v1::TranslationUnit) -> String {
    let reverse = |text: &str| text.split(' ').rev().collect::<Vec<_>>().join(" ");
    let mut out = String::new();
    let mut rest = unit.text.as_str();
    loop {
        let next = unit
            .placeholders
            .iter()
            .filter_map(|p| rest.find(&p.token).map(|at| (at, p.token.len())))
            .min();
        let Some((at, length)) = next else {
            out.push_str(&reverse(rest));
            return out;
        };
        out.push_str(&reverse(&rest[..at]));
        out.push_str(&rest[at..at + length]);
        rest = &rest[at + length..];
    }
}

fn sorted_words(text: &str) -> Vec<&str> {
    let mut words: Vec<&str> = text.split_whitespace().collect();
    words.sort_unstable();
    words
}

#[test]
fn word_reversing_translator_keeps_every_quotation_with_its_speaker() {
    let response = preprocess(SEED_ARTICLE, v1::PlaceholderStyle::Bracket);
    let request = request_with(&response, reverse_words);
    let reassembled = handler::reassemble(&request, &Limits::default()).expect("placeholders kept");
    let direct: Vec<&v1::Quotation> = response
        .quotations
        .iter()
        .filter(|q| q.kind() == v1::QuotationKind::Direct)
        .collect();
    assert!(direct.len() >= 4, "the seed has direct quotations");
    assert_eq!(reassembled.quotations.len(), direct.len());
    for (translated, original) in reassembled.quotations.iter().zip(&direct) {
        assert_eq!(translated.quotation_id, original.id);
        let attribution = original
            .attribution
            .as_ref()
            .expect("seed quotations are attributed");
        assert_eq!(translated.speaker_id, attribution.speaker_id);
        assert_eq!(
            translated.cue.as_ref().map(|c| &c.text),
            attribution.cue.as_ref().map(|c| &c.text)
        );
        // The translated quotation holds exactly the words of the original content.
        assert_eq!(
            sorted_words(&translated.text),
            sorted_words(&original.text),
            "{translated:?} vs {original:?}"
        );
        assert!(
            reassembled
                .paragraphs
                .iter()
                .any(|p| p.text.contains(&format!("{OPEN}")) && p.text.contains(&translated.text))
        );
    }
}

const WITH_URL: &str = "عنوان الخبر\nوقال الوزير \"زرت https://example.org و BBC أمس.\" وانتهى الاجتماع.\nوأضاف أن الزيارة ناجحة.\n";

fn url_unit(response: &v1::PreprocessResponse) -> (usize, &v1::TranslationUnit) {
    response
        .translation_units
        .iter()
        .enumerate()
        .find(|(_, unit)| {
            unit.placeholders
                .iter()
                .any(|p| p.kind() == v1::PlaceholderKind::Url)
        })
        .expect("a unit protects the URL")
}

#[test]
fn a_dropped_placeholder_is_named_with_its_unit() {
    let response = preprocess(WITH_URL, v1::PlaceholderStyle::Bracket);
    let (position, unit) = url_unit(&response);
    let url = unit
        .placeholders
        .iter()
        .find(|p| p.kind() == v1::PlaceholderKind::Url)
        .unwrap();
    let dropped = url.token.clone();
    let request = request_with(&response, |u| u.text.replace(&dropped, ""));
    let violations =
        field_violations(handler::reassemble(&request, &Limits::default()).unwrap_err());
    assert_eq!(violations.len(), 1, "{violations:?}");
    assert_eq!(
        violations[0].field,
        format!("translations[{position}].text")
    );
    assert!(
        violations[0].description.contains(&unit.id),
        "{}",
        violations[0].description
    );
    assert!(
        violations[0].description.contains(&dropped),
        "{}",
        violations[0].description
    );
    assert!(violations[0].description.contains("missing"));
}

#[test]
fn duplicated_placeholder_and_unknown_and_missing_units_are_rejected() {
    let response = preprocess(WITH_URL, v1::PlaceholderStyle::Bracket);
    let (position, unit) = url_unit(&response);
    let token = unit.placeholders[0].token.clone();
    let mut request = request_with(&response, |u| u.text.clone());
    request.translations[position].text = format!("{} {token}", unit.text);
    let violations =
        field_violations(handler::reassemble(&request, &Limits::default()).unwrap_err());
    assert_eq!(
        violations[0].field,
        format!("translations[{position}].text")
    );
    assert!(
        violations[0].description.contains("2 times"),
        "{}",
        violations[0].description
    );

    let mut request = request_with(&response, |u| u.text.clone());
    let missing = request.translations.remove(0);
    request.translations.push(v1::UnitTranslation {
        unit_id: "u999".into(),
        text: "x".into(),
    });
    let last = request.translations.len() - 1;
    let violations =
        field_violations(handler::reassemble(&request, &Limits::default()).unwrap_err());
    let fields: Vec<&str> = violations.iter().map(|v| v.field.as_str()).collect();
    assert!(
        fields.contains(&format!("translations[{last}].unit_id").as_str()),
        "{fields:?}"
    );
    assert!(fields.contains(&"translations"), "{fields:?}");
    assert!(violations.iter().any(|v| v.description.contains("u999")));
    assert!(
        violations
            .iter()
            .any(|v| v.description.contains(&missing.unit_id))
    );
}

#[test]
fn a_malformed_xml_tag_is_rejected_with_the_unit_named() {
    let response = preprocess(WITH_URL, v1::PlaceholderStyle::Xml);
    let (position, unit) = url_unit(&response);
    assert!(unit.text.contains("<x id=\"1\"/>"), "{}", unit.text);
    let request = request_with(&response, |u| u.text.replace("\"/>", "\">"));
    let violations =
        field_violations(handler::reassemble(&request, &Limits::default()).unwrap_err());
    let ours = violations
        .iter()
        .find(|v| v.field == format!("translations[{position}].text"))
        .expect("the URL unit is named");
    assert!(
        ours.description.contains("malformed"),
        "{}",
        ours.description
    );
    assert!(ours.description.contains(&unit.id));
}

#[test]
fn lenient_mode_returns_a_result_with_diagnostics() {
    let response = preprocess(WITH_URL, v1::PlaceholderStyle::Bracket);
    let (_, unit) = url_unit(&response);
    let url = unit
        .placeholders
        .iter()
        .find(|p| p.kind() == v1::PlaceholderKind::Url)
        .unwrap();
    let dropped = url.token.clone();
    let mut request = request_with(&response, |u| u.text.replace(&dropped, ""));
    request.lenient = true;
    request.translations.pop();
    let reassembled = handler::reassemble(&request, &Limits::default()).expect("lenient");
    let codes: Vec<&str> = reassembled
        .diagnostics
        .iter()
        .map(|d| d.code.as_str())
        .collect();
    assert!(codes.contains(&"missing-placeholder"), "{codes:?}");
    assert!(codes.contains(&"missing-translation"), "{codes:?}");
    let all_text: String = reassembled
        .paragraphs
        .iter()
        .map(|p| p.text.as_str())
        .collect();
    assert!(
        all_text.contains("https://example.org"),
        "the lost URL is appended: {all_text}"
    );
    assert!(
        all_text.contains("الزيارة ناجحة"),
        "a missing unit falls back to its source"
    );
}

#[test]
fn batches_hold_every_unit_once_under_the_limit() {
    let mut request = text_request("seed", SEED_ARTICLE);
    let mut options = unit_options(v1::PlaceholderStyle::Bracket);
    options.translation_units.as_mut().unwrap().batch = Some(v1::BatchOptions {
        max_size: 500,
        measure: v1::BatchMeasure::Bytes.into(),
    });
    request.options = Some(options);
    let prepared = handler::prepare(&request, &Limits::default()).unwrap();
    let response = handler::preprocess(&pipeline::Pipeline::new(), &prepared);
    let sizes: HashMap<&str, usize> = response
        .translation_units
        .iter()
        .map(|u| (u.id.as_str(), u.text.len()))
        .collect();
    let ids: Vec<&str> = response
        .batches
        .iter()
        .flat_map(|b| b.unit_ids.iter().map(String::as_str))
        .collect();
    let all: Vec<&str> = response
        .translation_units
        .iter()
        .map(|u| u.id.as_str())
        .collect();
    assert_eq!(ids, all, "every unit once, in order");
    assert!(response.batches.len() > 2);
    for batch in &response.batches {
        let size: usize = batch.unit_ids.iter().map(|id| sizes[id.as_str()]).sum();
        assert_eq!(size, batch.size as usize);
        assert!(
            size <= 500 || (batch.oversize && batch.unit_ids.len() == 1),
            "{batch:?}"
        );
    }
}

#[test]
fn summary_groups_quotations_by_speaker_with_roles_and_counts() {
    let response = preprocess(SEED_ARTICLE, v1::PlaceholderStyle::Bracket);
    let summary = response.summary.as_ref().expect("summary asked for");
    assert_eq!(summary.title, response.metadata.as_ref().unwrap().title);
    assert!(!summary.lead.is_empty());
    assert!(summary.lead[0].starts_with("ترى الولايات المتحدة"));
    let counts = summary.counts.as_ref().unwrap();
    let direct = response
        .quotations
        .iter()
        .filter(|q| q.kind() == v1::QuotationKind::Direct)
        .count();
    assert_eq!(counts.quotations as usize, direct);
    assert_eq!(counts.speakers as usize, response.speakers.len());
    let grouped: usize = summary.speakers.iter().map(|s| s.quotations.len()).sum();
    assert_eq!(grouped, direct, "every direct quotation in one group");
    for group in summary.speakers.iter().filter(|g| !g.speaker_id.is_empty()) {
        let speaker = response
            .speakers
            .iter()
            .find(|s| s.id == group.speaker_id)
            .unwrap();
        assert_eq!(group.roles, speaker.roles);
        for statement in group.quotations.iter().chain(&group.indirect_statements) {
            let quotation = &response.quotations[statement.quotation_id as usize];
            assert_eq!(
                quotation.attribution.as_ref().unwrap().speaker_id,
                group.speaker_id
            );
            assert_eq!(statement.text, quotation.text);
        }
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn reassemble_over_grpc_round_trips_and_rejects_a_lost_placeholder() {
    let server = TestServer::start().await;
    let mut client = server.client().await;
    let mut request = text_request("grpc", WITH_URL);
    request.options = Some(unit_options(v1::PlaceholderStyle::Xml));
    let response = client
        .preprocess(request)
        .await
        .expect("preprocess")
        .into_inner();
    assert!(!response.translation_units.is_empty());
    assert!(response.summary.is_some());

    let good = request_with(&response, reverse_words);
    let reassembled = client
        .reassemble(good)
        .await
        .expect("reassemble")
        .into_inner();
    assert_eq!(reassembled.document_id, "grpc");
    assert_eq!(reassembled.quotations.len(), 1);
    assert!(
        reassembled.quotations[0]
            .text
            .contains("https://example.org")
    );
    assert!(reassembled.quotations[0].text.contains("BBC"));
    assert!(!reassembled.quotations[0].speaker_id.is_empty());

    let (position, unit) = url_unit(&response);
    let token = unit
        .placeholders
        .iter()
        .find(|p| p.kind() == v1::PlaceholderKind::Url)
        .unwrap()
        .token
        .clone();
    let bad = request_with(&response, |u| u.text.replace(&token, ""));
    let status = client.reassemble(bad).await.expect_err("lost placeholder");
    assert_eq!(status.code(), Code::InvalidArgument);
    let details = status
        .get_details_bad_request()
        .expect("BadRequest details");
    assert_eq!(
        details.field_violations[0].field,
        format!("translations[{position}].text")
    );
    assert!(details.field_violations[0].description.contains(&unit.id));
    assert!(details.field_violations[0].description.contains(&token));

    let mut out_of_range = text_request("grpc", WITH_URL);
    let mut options = unit_options(v1::PlaceholderStyle::Bracket);
    options.translation_units.as_mut().unwrap().batch = Some(v1::BatchOptions {
        max_size: 1,
        measure: 0,
    });
    out_of_range.options = Some(options);
    let status = client
        .preprocess(out_of_range)
        .await
        .expect_err("batch size 1");
    assert_eq!(status.code(), Code::InvalidArgument);
    let details = status
        .get_details_bad_request()
        .expect("BadRequest details");
    assert_eq!(
        details.field_violations[0].field,
        "options.translation_units.batch.max_size"
    );
    server.stop().await.expect("clean stop");
}

fn run(args: &[&str], stdin: &[u8]) -> std::process::Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_preprocessor"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("binary runs");
    child.stdin.take().unwrap().write_all(stdin).unwrap();
    child.wait_with_output().unwrap()
}

#[test]
fn cli_preprocess_then_reassemble_round_trips_through_proto3_json() {
    let output = run(
        &["preprocess", "--translation-units", "--summary", "-"],
        WITH_URL.as_bytes(),
    );
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let response: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let units = response["translationUnits"]
        .as_array()
        .expect("units in JSON");
    assert!(response["summary"]["counts"].is_object());
    let translations: Vec<serde_json::Value> = units
        .iter()
        .map(|unit| serde_json::json!({"unitId": unit["id"], "text": unit["text"]}))
        .collect();
    let request = serde_json::json!({
        "documentId": "cli",
        "units": units,
        "translations": translations,
        "quotationStyle": "QUOTATION_STYLE_GERMAN",
    });
    let output = run(&["reassemble", "-"], request.to_string().as_bytes());
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let reassembled: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(reassembled["documentId"], "cli");
    assert_eq!(reassembled["title"], "عنوان الخبر");
    assert_eq!(
        reassembled["paragraphs"][0]["text"],
        "وقال الوزير „زرت https://example.org و BBC أمس.“ وانتهى الاجتماع."
    );
    assert_eq!(
        reassembled["quotations"][0]["text"],
        "زرت https://example.org و BBC أمس."
    );

    let mut broken = request.clone();
    broken["translations"][1]["text"] = serde_json::json!("no placeholders left");
    let output = run(&["reassemble", "-"], broken.to_string().as_bytes());
    assert_eq!(output.status.code(), Some(2));
    let message = String::from_utf8_lossy(&output.stderr);
    assert!(message.contains("translations[1].text"), "{message}");
    assert!(message.contains("u2"), "{message}");

    let output = run(&["reassemble", "-"], b"{\"units\": 5}");
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("ReassembleRequest"));
}
