//! PreprocessStream over a real socket: many articles in, one answer each, matched by
//! document_id; a bad item fails alone.

mod support;

use std::collections::HashMap;

use api::v1::{PreprocessStreamRequest, preprocess_stream_response::Result as Answer};
use support::{SEED_ARTICLE, TestServer, check_spans, text_request};
use tonic::Code;

/// Fifty distinct articles: the seed article and paragraphs of it in different orders.
fn articles() -> Vec<(String, String)> {
    let paragraphs: Vec<&str> = SEED_ARTICLE
        .lines()
        .filter(|line| line.trim().chars().count() > 40)
        .collect();
    (0..50)
        .map(|n| {
            let text = if n == 0 {
                SEED_ARTICLE.to_owned()
            } else {
                let start = n % paragraphs.len();
                let count = 1 + n % 7;
                paragraphs
                    .iter()
                    .cycle()
                    .skip(start)
                    .take(count)
                    .copied()
                    .collect::<Vec<_>>()
                    .join("\n")
            };
            (format!("doc-{n:02}"), text)
        })
        .collect()
}

#[tokio::test(flavor = "multi_thread")]
async fn fifty_articles_one_bad_item_fails_alone() {
    let server = TestServer::start().await;
    let mut client = server.client().await;
    let articles = articles();
    let bad_id = "doc-17";
    let requests: Vec<PreprocessStreamRequest> = articles
        .iter()
        .map(|(id, text)| PreprocessStreamRequest {
            request: Some(text_request(id, if id == bad_id { "" } else { text })),
        })
        .collect();
    let mut answers = client
        .preprocess_stream(tokio_stream::iter(requests))
        .await
        .expect("stream opens")
        .into_inner();
    let mut by_id: HashMap<String, Answer> = HashMap::new();
    while let Some(answer) = answers.message().await.expect("stream item") {
        let previous = by_id.insert(answer.document_id.clone(), answer.result.expect("result"));
        assert!(previous.is_none(), "two answers for {}", answer.document_id);
    }
    assert_eq!(by_id.len(), 50);
    for (id, text) in &articles {
        match &by_id[id] {
            Answer::Response(response) if id != bad_id => {
                assert_eq!(&response.document_id, id);
                check_spans(text, response);
                assert!(!response.segments.is_empty());
            }
            Answer::Error(error) if id == bad_id => {
                assert_eq!(error.code, Code::InvalidArgument as i32);
                assert_eq!(error.field_violations.len(), 1);
                assert_eq!(error.field_violations[0].field, "text");
            }
            other => panic!("unexpected answer for {id}: {other:?}"),
        }
    }
    server.stop().await.expect("clean stop");
}

#[tokio::test(flavor = "multi_thread")]
async fn empty_stream_ends_cleanly() {
    let server = TestServer::start().await;
    let mut client = server.client().await;
    let mut answers = client
        .preprocess_stream(tokio_stream::iter(Vec::<PreprocessStreamRequest>::new()))
        .await
        .expect("stream opens")
        .into_inner();
    assert!(answers.message().await.expect("clean end").is_none());
    server.stop().await.expect("clean stop");
}

#[tokio::test(flavor = "multi_thread")]
async fn item_without_request_is_an_item_error() {
    let server = TestServer::start().await;
    let mut client = server.client().await;
    let requests = vec![
        PreprocessStreamRequest { request: None },
        PreprocessStreamRequest {
            request: Some(text_request("good", "قال الوزير إن المحادثات مستمرة.")),
        },
    ];
    let mut answers = client
        .preprocess_stream(tokio_stream::iter(requests))
        .await
        .unwrap()
        .into_inner();
    let mut seen = Vec::new();
    while let Some(answer) = answers.message().await.unwrap() {
        seen.push(match answer.result.unwrap() {
            Answer::Response(response) => format!("ok:{}", response.document_id),
            Answer::Error(error) => format!("error:{}", error.code),
        });
    }
    seen.sort();
    assert_eq!(seen, ["error:3", "ok:good"]);
    server.stop().await.expect("clean stop");
}
