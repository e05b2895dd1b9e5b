//! Shared by the end-to-end tests: a real server on a real socket, the seed article and
//! its gold annotation, and span checks in code points.

#![allow(dead_code)]

use std::{net::SocketAddr, path::PathBuf};

use api::v1;
use preprocessor::config::ServeConfig;
use tokio::{net::TcpListener, sync::oneshot, task::JoinHandle};

/// The seed article shipped with the project.
pub const SEED_ARTICLE: &str = include_str!("../../examples/seed-article.txt");

/// The gold annotation of the seed article.
pub fn seed_gold() -> serde_json::Value {
    serde_json::from_str(include_str!("../fixtures/seed-gold.json")).expect("gold parses")
}

/// A server running in this process on 127.0.0.1 and an ephemeral port.
pub struct TestServer {
    pub address: SocketAddr,
    shutdown: Option<oneshot::Sender<()>>,
    handle: JoinHandle<anyhow::Result<()>>,
}

impl TestServer {
    /// Starts the real server with the default configuration.
    pub async fn start() -> Self {
        Self::start_with(|_| {}).await
    }

    /// Starts the real server after `configure` adjusts its configuration.
    pub async fn start_with(configure: impl FnOnce(&mut ServeConfig)) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
        let address = listener.local_addr().expect("address");
        let mut config = ServeConfig::for_address(address);
        configure(&mut config);
        let (shutdown, stop) = oneshot::channel::<()>();
        let handle = tokio::spawn(preprocessor::server::serve(config, listener, async {
            let _ = stop.await;
        }));
        Self {
            address,
            shutdown: Some(shutdown),
            handle,
        }
    }

    /// `http://127.0.0.1:PORT`
    pub fn url(&self) -> String {
        format!("http://{}", self.address)
    }

    /// A connected client of our service.
    pub async fn client(
        &self,
    ) -> v1::preprocess_service_client::PreprocessServiceClient<tonic::transport::Channel> {
        v1::preprocess_service_client::PreprocessServiceClient::connect(self.url())
            .await
            .expect("connect")
            .max_decoding_message_size(64 << 20)
    }

    /// Asks the server to drain and waits for it to exit.
    pub async fn stop(mut self) -> anyhow::Result<()> {
        if let Some(shutdown) = self.shutdown.take() {
            let _ = shutdown.send(());
        }
        (&mut self.handle).await.expect("server task")
    }
}

/// A `Preprocess` request carrying `text`.
pub fn text_request(document_id: &str, text: &str) -> v1::PreprocessRequest {
    v1::PreprocessRequest {
        document_id: document_id.into(),
        content: Some(v1::preprocess_request::Content::Text(text.into())),
        ..Default::default()
    }
}

/// `text[span]` in code points.
pub fn slice(text: &str, span: &v1::Span) -> String {
    CharIndex::new(text).slice(span).to_owned()
}

/// Code point offsets of a text to byte offsets, built once, for linear-time checks.
pub struct CharIndex<'a> {
    text: &'a str,
    starts: Vec<usize>,
}

impl<'a> CharIndex<'a> {
    pub fn new(text: &'a str) -> Self {
        let mut starts: Vec<usize> = text.char_indices().map(|(byte, _)| byte).collect();
        starts.push(text.len());
        Self { text, starts }
    }

    /// Number of code points.
    pub fn len(&self) -> u32 {
        (self.starts.len() - 1) as u32
    }

    /// `text[span]` with `span` in code points.
    pub fn slice(&self, span: &v1::Span) -> &'a str {
        &self.text[self.starts[span.start as usize]..self.starts[span.end as usize]]
    }
}

/// Checks that every span of the response indexes `text` exactly; returns the number of
/// spans checked.
pub fn check_spans(text: &str, response: &v1::PreprocessResponse) -> usize {
    let index = CharIndex::new(text);
    let length = index.len();
    let mut checked = 0;
    let mut check = |span: Option<&v1::Span>, expected: Option<&str>, what: &str| {
        let Some(span) = span else { return };
        assert!(
            span.start <= span.end && span.end <= length,
            "{what}: span {span:?} out of range (text has {length} code points)"
        );
        if let Some(expected) = expected {
            assert_eq!(
                index.slice(span),
                expected,
                "{what}: text differs from original[span]"
            );
        }
        checked += 1;
    };
    assert_eq!(response.text_length, length);
    for segment in &response.segments {
        check(segment.span.as_ref(), Some(&segment.text), "segment");
        assert!(!segment.text.trim().is_empty(), "empty segment {segment:?}");
    }
    for quotation in &response.quotations {
        check(
            quotation.content_span.as_ref(),
            Some(&quotation.text),
            "quotation",
        );
        check(quotation.open_mark_span.as_ref(), None, "open mark");
        check(quotation.close_mark_span.as_ref(), None, "close mark");
        if let Some(attribution) = &quotation.attribution {
            if let Some(mention) = &attribution.speaker_mention {
                check(
                    mention.span.as_ref(),
                    Some(&mention.text),
                    "speaker mention",
                );
            }
            if let Some(cue) = &attribution.cue {
                check(cue.span.as_ref(), Some(&cue.text), "cue");
            }
            if !attribution.speaker_id.is_empty() {
                assert!(
                    response
                        .speakers
                        .iter()
                        .any(|speaker| speaker.id == attribution.speaker_id),
                    "attribution names unknown speaker {}",
                    attribution.speaker_id
                );
            }
        }
    }
    for speaker in &response.speakers {
        for mention in &speaker.mentions {
            check(
                mention.span.as_ref(),
                Some(&mention.text),
                "speaker mention",
            );
        }
    }
    for block in &response.removed_boilerplate {
        check(block.span.as_ref(), Some(&block.text), "boilerplate");
    }
    for block in &response.blocks {
        check(block.span.as_ref(), None, "block");
    }
    for diagnostic in &response.diagnostics {
        check(diagnostic.span.as_ref(), None, "diagnostic");
    }
    if let Some(metadata) = &response.metadata {
        check(metadata.title_span.as_ref(), Some(&metadata.title), "title");
        check(metadata.dateline_span.as_ref(), None, "dateline");
    }
    checked
}

/// The grpcurl binary: `$GRPCURL`, else the project's `.venv` (installed by the test
/// script), else `grpcurl` on the PATH.
pub fn grpcurl() -> PathBuf {
    if let Some(path) = std::env::var_os("GRPCURL") {
        return PathBuf::from(path);
    }
    let venv = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../.venv/bin/grpcurl");
    if venv.exists() {
        return venv;
    }
    PathBuf::from("grpcurl")
}
