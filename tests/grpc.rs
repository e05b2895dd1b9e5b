//! End to end over a real TCP socket: the real server in-process, a real tonic client.

mod support;

use api::v1;
use support::{SEED_ARTICLE, TestServer, check_spans, seed_gold, slice, text_request};
use tonic::Code;
use tonic_health::pb::{HealthCheckRequest, health_check_response::ServingStatus};
use tonic_types::StatusExt as _;

fn gold_span(value: &serde_json::Value) -> (u32, u32) {
    (
        value[0].as_u64().expect("start") as u32,
        value[1].as_u64().expect("end") as u32,
    )
}

fn overlaps(a: (u32, u32), b: (u32, u32)) -> bool {
    a.0 < b.1 && b.0 < a.1
}

fn span_pair(span: &Option<v1::Span>) -> (u32, u32) {
    let span = span.as_ref().expect("span present");
    (span.start, span.end)
}

async fn preprocess_seed(server: &TestServer) -> v1::PreprocessResponse {
    server
        .client()
        .await
        .preprocess(text_request("seed", SEED_ARTICLE))
        .await
        .expect("preprocess succeeds")
        .into_inner()
}

#[tokio::test(flavor = "multi_thread")]
async fn seed_article_spans_index_the_original_exactly() {
    let server = TestServer::start().await;
    let response = preprocess_seed(&server).await;
    assert_eq!(response.document_id, "seed");
    assert!(check_spans(SEED_ARTICLE, &response) > 50);
    server.stop().await.expect("clean stop");
}

#[tokio::test(flavor = "multi_thread")]
async fn seed_boilerplate_is_reported_and_kept_out_of_segments() {
    let server = TestServer::start().await;
    let response = preprocess_seed(&server).await;
    let gold = seed_gold();
    let removed: Vec<(u32, u32)> = response
        .removed_boilerplate
        .iter()
        .map(|block| span_pair(&block.span))
        .collect();
    for block in gold["boilerplate"].as_array().expect("boilerplate") {
        let gold_block = gold_span(&block["span"]);
        let covered: u32 = removed
            .iter()
            .map(|&(start, end)| {
                end.min(gold_block.1)
                    .saturating_sub(start.max(gold_block.0))
            })
            .sum();
        let length = gold_block.1 - gold_block.0;
        assert!(
            f64::from(covered) >= 0.99 * f64::from(length),
            "boilerplate {} ({}) only {covered}/{length} reported",
            block["kind"],
            slice(
                SEED_ARTICLE,
                &v1::Span {
                    start: gold_block.0,
                    end: gold_block.1,
                    ..Default::default()
                }
            )
            .chars()
            .take(40)
            .collect::<String>()
        );
        for segment in &response.segments {
            assert!(
                !overlaps(span_pair(&segment.span), gold_block),
                "segment {:?} overlaps boilerplate {}",
                segment.text,
                block["kind"]
            );
        }
    }
    assert!(
        response
            .removed_boilerplate
            .iter()
            .all(|block| !block.reason.is_empty())
    );
    server.stop().await.expect("clean stop");
}

#[tokio::test(flavor = "multi_thread")]
async fn seed_title_and_date_are_found() {
    let server = TestServer::start().await;
    let response = preprocess_seed(&server).await;
    let gold = seed_gold();
    let metadata = response.metadata.expect("metadata");
    assert_eq!(metadata.title, gold["metadata"]["title"].as_str().unwrap());
    assert_eq!(metadata.published, "2014-09-28");
    assert_eq!(
        response.segments[0].kind(),
        v1::SegmentKind::Title,
        "the first segment is the title"
    );
    server.stop().await.expect("clean stop");
}

#[tokio::test(flavor = "multi_thread")]
async fn seed_direct_quotations_are_found_with_their_cues() {
    let server = TestServer::start().await;
    let response = preprocess_seed(&server).await;
    let gold = seed_gold();
    let direct: Vec<&v1::Quotation> = response
        .quotations
        .iter()
        .filter(|quotation| quotation.kind() == v1::QuotationKind::Direct)
        .collect();
    let speakers: std::collections::HashMap<&str, &str> = response
        .speakers
        .iter()
        .map(|speaker| (speaker.id.as_str(), speaker.canonical_name.as_str()))
        .collect();
    for expected in gold["quotations"].as_array().expect("quotations") {
        let span = gold_span(&expected["span"]);
        let found = direct
            .iter()
            .find(|quotation| span_pair(&quotation.content_span) == span)
            .unwrap_or_else(|| panic!("quotation {} not found", expected["quote"]));
        let attribution = found.attribution.as_ref().expect("attribution");
        let cue = attribution.cue.as_ref().expect("cue");
        assert_eq!(cue.text, expected["cue"].as_str().unwrap());
        // The resolved speaker (continuation cues included: «وأضاف» after a report of
        // someone's indirect speech is that person) is a name the article uses for the
        // gold speaker.
        let speaker = speakers
            .get(attribution.speaker_id.as_str())
            .unwrap_or_else(|| panic!("no speaker for {:?}", found.text));
        let mut names = vec![expected["speaker_resolved"].as_str().unwrap().to_owned()];
        for mention in expected["speaker_mention_spans"].as_array().unwrap() {
            names.push(slice(
                SEED_ARTICLE,
                &v1::Span {
                    start: mention[0].as_u64().unwrap() as u32,
                    end: mention[1].as_u64().unwrap() as u32,
                    ..Default::default()
                },
            ));
        }
        assert!(
            names.iter().any(|name| name == speaker),
            "{:?} attributed to {speaker}, gold names {names:?}",
            found.text
        );
        if expected["speaker"].is_null() {
            assert_eq!(
                attribution.position(),
                v1::AttributionPosition::Continuation,
                "{} without a subject is a continuation",
                cue.text
            );
        }
        assert!(
            !found.segment_ids.is_empty(),
            "quotation linked to its segments"
        );
    }
    server.stop().await.expect("clean stop");
}

#[tokio::test(flavor = "multi_thread")]
async fn health_reports_serving_overall_and_per_service() {
    let server = TestServer::start().await;
    let channel = tonic::transport::Endpoint::from_shared(server.url())
        .unwrap()
        .connect()
        .await
        .unwrap();
    let mut health = tonic_health::pb::health_client::HealthClient::new(channel);
    for service in ["", api::SERVICE_NAME] {
        let status = health
            .check(HealthCheckRequest {
                service: service.into(),
            })
            .await
            .expect("health check")
            .into_inner()
            .status();
        assert_eq!(status, ServingStatus::Serving, "service {service:?}");
    }
    let unknown = health
        .check(HealthCheckRequest {
            service: "no.such.Service".into(),
        })
        .await
        .unwrap_err();
    assert_eq!(unknown.code(), Code::NotFound);
    server.stop().await.expect("clean stop");
}

#[tokio::test(flavor = "multi_thread")]
async fn reflection_v1_lists_the_service() {
    use tonic_reflection::pb::v1::{
        ServerReflectionRequest, server_reflection_client::ServerReflectionClient,
        server_reflection_request::MessageRequest, server_reflection_response::MessageResponse,
    };
    let server = TestServer::start().await;
    let channel = tonic::transport::Endpoint::from_shared(server.url())
        .unwrap()
        .connect()
        .await
        .unwrap();
    let mut client = ServerReflectionClient::new(channel);
    let request = ServerReflectionRequest {
        host: String::new(),
        message_request: Some(MessageRequest::ListServices(String::new())),
    };
    let mut responses = client
        .server_reflection_info(tokio_stream::iter([request]))
        .await
        .expect("reflection call")
        .into_inner();
    let response = responses.message().await.unwrap().expect("one response");
    let Some(MessageResponse::ListServicesResponse(list)) = response.message_response else {
        panic!("unexpected reflection response {response:?}");
    };
    let names: Vec<String> = list
        .service
        .into_iter()
        .map(|service| service.name)
        .collect();
    assert!(names.contains(&api::SERVICE_NAME.to_owned()), "{names:?}");
    assert!(
        names.contains(&"grpc.health.v1.Health".to_owned()),
        "{names:?}"
    );
    server.stop().await.expect("clean stop");
}

#[tokio::test(flavor = "multi_thread")]
async fn invalid_request_gets_invalid_argument_with_field_violations() {
    let server = TestServer::start().await;
    let mut client = server.client().await;
    let mut request = text_request(&"x".repeat(300), "");
    request.options = Some(v1::PreprocessOptions {
        max_segment_chars: 2,
        ..Default::default()
    });
    let status = client.preprocess(request).await.unwrap_err();
    assert_eq!(status.code(), Code::InvalidArgument);
    let bad_request = status
        .get_details_bad_request()
        .expect("BadRequest details");
    let mut fields: Vec<String> = bad_request
        .field_violations
        .into_iter()
        .map(|violation| violation.field)
        .collect();
    fields.sort();
    assert_eq!(fields, ["document_id", "options.max_segment_chars", "text"]);

    let raw = v1::PreprocessRequest {
        document_id: "raw".into(),
        content: Some(v1::preprocess_request::Content::Raw(vec![0xD8, 0xA7, 0xFF])),
        charset: "utf-8".into(),
        options: None,
    };
    let status = client.preprocess(raw).await.unwrap_err();
    assert_eq!(status.code(), Code::InvalidArgument);
    assert!(
        status.message().contains("byte offset 2"),
        "{}",
        status.message()
    );

    // The server is unharmed: the next good request succeeds.
    let fine = client
        .preprocess(text_request("ok", "قال الوزير إن الاجتماع انتهى."))
        .await
        .expect("good request after bad ones");
    assert_eq!(fine.into_inner().document_id, "ok");
    server.stop().await.expect("clean stop");
}

#[tokio::test(flavor = "multi_thread")]
async fn raw_windows_1256_is_decoded_and_spans_index_the_decoded_text() {
    let server = TestServer::start().await;
    let text = "عنوان الخبر\nوقال الوزير \"الاجتماع كان مثمرا.\"\n";
    let (bytes, _, unmappable) = encoding_rs::WINDOWS_1256.encode(text);
    assert!(!unmappable);
    let bytes = bytes.into_owned();
    let response = server
        .client()
        .await
        .preprocess(v1::PreprocessRequest {
            document_id: "cp1256".into(),
            content: Some(v1::preprocess_request::Content::Raw(bytes)),
            charset: "windows-1256".into(),
            options: None,
        })
        .await
        .expect("decoded")
        .into_inner();
    assert!(check_spans(text, &response) > 0);
    server.stop().await.expect("clean stop");
}

#[tokio::test(flavor = "multi_thread")]
async fn normalize_rpc_returns_text_and_profile() {
    let server = TestServer::start().await;
    let response = server
        .client()
        .await
        .normalize(v1::NormalizeRequest {
            document_id: "n".into(),
            content: Some(v1::normalize_request::Content::Text(
                "قال\u{00A0}الوزير".into(),
            )),
            profile: v1::NormalizationProfile::Matching.into(),
            include_edits: true,
            ..Default::default()
        })
        .await
        .expect("normalize")
        .into_inner();
    assert_eq!(response.profile(), v1::NormalizationProfile::Matching);
    assert!(!response.normalized_text.is_empty());
    for edit in &response.edits {
        let span = edit.original_span.as_ref().expect("edit span");
        assert!(span.end as usize <= "قال\u{00A0}الوزير".chars().count());
        assert!(!edit.rule.is_empty());
    }
    server.stop().await.expect("clean stop");
}
