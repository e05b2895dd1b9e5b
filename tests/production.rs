//! Production behaviour over real sockets: load shedding, deadlines, panics, message
//! limits, compression, TLS and mutual TLS, Prometheus metrics.

mod support;

use std::{sync::Arc, time::Duration};

use api::v1::preprocess_service_client::PreprocessServiceClient;
use preprocessor::{config::ServeConfig, metrics::Metrics, service::Service};
use support::{SEED_ARTICLE, text_request};
use tokio::{net::TcpListener, sync::oneshot};
use tonic::{
    Code,
    codec::CompressionEncoding,
    transport::{Certificate, Channel, ClientTlsConfig, Endpoint, Identity},
};

/// A server with an injected processor, started in-process.
struct Custom {
    address: std::net::SocketAddr,
    stop: oneshot::Sender<()>,
    task: tokio::task::JoinHandle<anyhow::Result<()>>,
}

async fn start_custom(
    configure: impl FnOnce(&mut ServeConfig),
    processor: Option<preprocessor::service::Processor>,
) -> Custom {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    let mut config = ServeConfig::for_address(address);
    configure(&mut config);
    let metrics = Metrics::new();
    let mut service = Service::new(&config, metrics.clone());
    if let Some(processor) = processor {
        service = service.with_processor(processor);
    }
    let (stop, stopped) = oneshot::channel::<()>();
    let task = tokio::spawn(preprocessor::server::serve_with(
        service,
        metrics,
        config,
        listener,
        async {
            let _ = stopped.await;
        },
    ));
    Custom {
        address,
        stop,
        task,
    }
}

impl Custom {
    async fn client(&self) -> PreprocessServiceClient<Channel> {
        PreprocessServiceClient::connect(format!("http://{}", self.address))
            .await
            .unwrap()
    }

    async fn stop(self) {
        let _ = self.stop.send(());
        self.task.await.unwrap().unwrap();
    }
}

fn slow(delay: Duration) -> preprocessor::service::Processor {
    let pipeline = pipeline::Pipeline::new();
    Arc::new(move |prepared| {
        std::thread::sleep(delay);
        preprocessor::handler::preprocess(&pipeline, prepared)
    })
}

#[tokio::test(flavor = "multi_thread")]
async fn past_the_concurrency_limit_calls_fail_fast_and_health_stays_responsive() {
    let server = start_custom(
        |config| config.max_in_flight = 2,
        Some(slow(Duration::from_millis(600))),
    )
    .await;
    let mut calls = Vec::new();
    for n in 0..8 {
        let mut client = server.client().await;
        calls.push(tokio::spawn(async move {
            client
                .preprocess(text_request(
                    &format!("d{n}"),
                    "قال الوزير إن الاجتماع انتهى.",
                ))
                .await
                .map(|_| ())
                .map_err(|status| status.code())
        }));
    }
    // While the two admitted calls run, health answers at once.
    tokio::time::sleep(Duration::from_millis(100)).await;
    let channel = Endpoint::from_shared(format!("http://{}", server.address))
        .unwrap()
        .connect()
        .await
        .unwrap();
    let mut health = tonic_health::pb::health_client::HealthClient::new(channel);
    let started = std::time::Instant::now();
    health
        .check(tonic_health::pb::HealthCheckRequest::default())
        .await
        .expect("health under load");
    assert!(started.elapsed() < Duration::from_millis(500));
    let mut outcomes = Vec::new();
    for call in calls {
        outcomes.push(call.await.unwrap());
    }
    let ok = outcomes.iter().filter(|outcome| outcome.is_ok()).count();
    let shed = outcomes
        .iter()
        .filter(|outcome| **outcome == Err(Code::ResourceExhausted))
        .count();
    assert_eq!(ok + shed, 8, "{outcomes:?}");
    assert!(ok >= 2 && shed >= 1, "{outcomes:?}");
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_panicking_request_gets_internal_and_harms_no_other() {
    let pipeline = pipeline::Pipeline::new();
    let processor: preprocessor::service::Processor = Arc::new(move |prepared| {
        assert!(prepared.document_id != "boom", "injected failure");
        preprocessor::handler::preprocess(&pipeline, prepared)
    });
    let server = start_custom(|_| {}, Some(processor)).await;
    let mut client = server.client().await;
    let mut other = client.clone();
    let (boom, fine) = tokio::join!(
        other.preprocess(text_request("boom", "نص")),
        client.preprocess(text_request("fine", SEED_ARTICLE)),
    );
    assert_eq!(boom.unwrap_err().code(), Code::Internal);
    assert_eq!(fine.unwrap().into_inner().document_id, "fine");
    let again = client.preprocess(text_request("again", "نص آخر")).await;
    assert!(again.is_ok());
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn client_deadline_is_honoured() {
    let server = start_custom(|_| {}, Some(slow(Duration::from_secs(3)))).await;
    let mut client = server.client().await;
    let mut request = tonic::Request::new(text_request("late", "نص"));
    request.set_timeout(Duration::from_millis(200));
    let started = std::time::Instant::now();
    let status = client.preprocess(request).await.unwrap_err();
    assert!(
        matches!(status.code(), Code::DeadlineExceeded | Code::Cancelled),
        "{status:?}"
    );
    assert!(started.elapsed() < Duration::from_secs(2));
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn server_cap_on_processing_time_gives_deadline_exceeded() {
    let server = start_custom(
        |config| config.request_timeout_ms = 150,
        Some(slow(Duration::from_secs(2))),
    )
    .await;
    let status = server
        .client()
        .await
        .preprocess(text_request("slow", "نص"))
        .await
        .unwrap_err();
    assert!(
        matches!(status.code(), Code::DeadlineExceeded | Code::Cancelled),
        "{status:?}"
    );
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn oversize_message_gets_resource_exhausted_with_the_limit() {
    let server = start_custom(|config| config.max_message_bytes = 64 * 1024, None).await;
    let big = "كلمة ".repeat(20_000);
    let status = server
        .client()
        .await
        .preprocess(text_request("big", &big))
        .await
        .unwrap_err();
    assert_eq!(status.code(), Code::ResourceExhausted, "{status:?}");
    assert!(status.message().contains("65536"), "{}", status.message());
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn gzip_and_zstd_are_accepted_and_used_when_asked() {
    let server = start_custom(|_| {}, None).await;
    for encoding in [CompressionEncoding::Gzip, CompressionEncoding::Zstd] {
        let mut client = server
            .client()
            .await
            .send_compressed(encoding)
            .accept_compressed(encoding);
        let response = client
            .preprocess(text_request("c", SEED_ARTICLE))
            .await
            .expect("compressed call");
        assert!(!response.into_inner().segments.is_empty());
    }
    server.stop().await;
}

struct Pki {
    ca: String,
    server_cert: String,
    server_key: String,
    client_cert: String,
    client_key: String,
}

fn pki() -> Pki {
    use rcgen::{BasicConstraints, CertificateParams, IsCa, KeyPair};
    let ca_key = KeyPair::generate().unwrap();
    let mut ca_params = CertificateParams::new(Vec::<String>::new()).unwrap();
    ca_params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    let ca = ca_params.self_signed(&ca_key).unwrap();
    let issuer = rcgen::Issuer::new(ca_params, ca_key);
    let server_key = KeyPair::generate().unwrap();
    let server_cert = CertificateParams::new(vec!["localhost".into()])
        .unwrap()
        .signed_by(&server_key, &issuer)
        .unwrap();
    let client_key = KeyPair::generate().unwrap();
    let client_cert = CertificateParams::new(vec!["client".into()])
        .unwrap()
        .signed_by(&client_key, &issuer)
        .unwrap();
    Pki {
        ca: ca.pem(),
        server_cert: server_cert.pem(),
        server_key: server_key.serialize_pem(),
        client_cert: client_cert.pem(),
        client_key: client_key.serialize_pem(),
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn mutual_tls_admits_only_clients_with_a_certificate() {
    let pki = pki();
    let directory = std::env::temp_dir().join(format!("mtls-{}", std::process::id()));
    std::fs::create_dir_all(&directory).unwrap();
    let write = |name: &str, content: &str| {
        let path = directory.join(name);
        std::fs::write(&path, content).unwrap();
        path
    };
    let (cert, key, ca) = (
        write("server.pem", &pki.server_cert),
        write("server.key", &pki.server_key),
        write("ca.pem", &pki.ca),
    );
    let server = start_custom(
        |config| {
            config.tls.cert = Some(cert);
            config.tls.key = Some(key);
            config.tls.client_ca = Some(ca);
        },
        None,
    )
    .await;
    let url = format!("https://localhost:{}", server.address.port());
    let with_identity = ClientTlsConfig::new()
        .ca_certificate(Certificate::from_pem(&pki.ca))
        .domain_name("localhost")
        .identity(Identity::from_pem(&pki.client_cert, &pki.client_key));
    let channel = Endpoint::from_shared(url.clone())
        .unwrap()
        .tls_config(with_identity)
        .unwrap()
        .connect()
        .await
        .expect("mTLS connection");
    let response = PreprocessServiceClient::new(channel)
        .preprocess(text_request("tls", "قال الوزير إن الاجتماع انتهى."))
        .await
        .expect("call over mTLS");
    assert_eq!(response.into_inner().document_id, "tls");

    let without_identity = ClientTlsConfig::new()
        .ca_certificate(Certificate::from_pem(&pki.ca))
        .domain_name("localhost");
    let refused = async {
        let channel = Endpoint::from_shared(url)
            .unwrap()
            .tls_config(without_identity)
            .unwrap()
            .connect()
            .await
            .map_err(|error| error.to_string())?;
        PreprocessServiceClient::new(channel)
            .preprocess(text_request("anonymous", "نص"))
            .await
            .map(|_| ())
            .map_err(|status| status.to_string())
    }
    .await;
    assert!(
        refused.is_err(),
        "a client without a certificate got through"
    );
    server.stop().await;
    std::fs::remove_dir_all(&directory).ok();
}

async fn scrape(address: std::net::SocketAddr, path: &str) -> String {
    use tokio::io::{AsyncReadExt as _, AsyncWriteExt as _};
    let mut stream = tokio::net::TcpStream::connect(address).await.unwrap();
    stream
        .write_all(format!("GET {path} HTTP/1.1\r\nhost: test\r\n\r\n").as_bytes())
        .await
        .unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).await.unwrap();
    response
}

#[tokio::test(flavor = "multi_thread")]
async fn metrics_are_scraped_over_http() {
    let metrics_address = {
        let probe = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        probe.local_addr().unwrap()
    };
    let server = start_custom(
        |config| config.metrics_listen.0 = Some(metrics_address),
        None,
    )
    .await;
    let mut client = server.client().await;
    client
        .preprocess(text_request("m1", SEED_ARTICLE))
        .await
        .unwrap();
    let _ = client.preprocess(text_request("m2", "")).await.unwrap_err();
    let response = scrape(metrics_address, "/metrics").await;
    assert!(response.starts_with("HTTP/1.1 200"), "{response}");
    assert!(
        response.contains(r#"preprocessor_requests_total{code="Ok",method="Preprocess"} 1"#),
        "{response}"
    );
    assert!(
        response.contains(
            r#"preprocessor_requests_total{code="InvalidArgument",method="Preprocess"} 1"#
        ),
        "{response}"
    );
    assert!(response.contains("preprocessor_request_duration_seconds_bucket"));
    assert!(response.contains("preprocessor_in_flight 0"));
    assert!(response.contains("preprocessor_shed_requests_total 0"));
    let quotations = response
        .lines()
        .find_map(|line| line.strip_prefix("preprocessor_quotations_total "))
        .and_then(|value| value.parse::<u64>().ok())
        .expect("quotations counter");
    assert!(quotations >= 1);
    assert!(
        scrape(metrics_address, "/other")
            .await
            .starts_with("HTTP/1.1 404")
    );
    server.stop().await;
}
