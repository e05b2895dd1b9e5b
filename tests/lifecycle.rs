//! The real binary as a process: graceful drain on SIGTERM with a stream in flight, and
//! OpenTelemetry traces exported over OTLP/gRPC to a real receiver, joined to the
//! caller's trace.

mod support;

use std::{
    net::SocketAddr,
    process::{Child, Command, Stdio},
    sync::{Arc, Mutex},
    time::{Duration, Instant},
};

use api::v1::{
    PreprocessStreamRequest, preprocess_service_client::PreprocessServiceClient,
    preprocess_stream_response::Result as Answer,
};
use opentelemetry_proto::tonic::collector::trace::v1::{
    ExportTraceServiceRequest, ExportTraceServiceResponse,
    trace_service_server::{TraceService, TraceServiceServer},
};
use support::text_request;
use tokio::sync::mpsc;
use tokio_stream::wrappers::ReceiverStream;
use tonic::transport::{Channel, Endpoint};
use tonic_health::pb::{
    HealthCheckRequest, health_check_response::ServingStatus, health_client::HealthClient,
};

fn free_address() -> SocketAddr {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
}

/// The real server binary on a free loopback port, killed if the test fails.
struct Process {
    child: Child,
    address: SocketAddr,
}

impl Process {
    async fn start(env: &[(&str, String)]) -> Self {
        let address = free_address();
        let mut command = Command::new(env!("CARGO_BIN_EXE_preprocessor"));
        command
            .args([
                "serve",
                "--listen",
                &address.to_string(),
                "--metrics-listen",
                "",
            ])
            .env_remove("OTEL_EXPORTER_OTLP_ENDPOINT")
            .env_remove("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null());
        for (name, value) in env {
            command.env(name, value);
        }
        let child = command.spawn().expect("server starts");
        let process = Self { child, address };
        process.wait_serving().await;
        process
    }

    async fn channel(&self) -> Channel {
        Endpoint::from_shared(format!("http://{}", self.address))
            .unwrap()
            .connect()
            .await
            .expect("connect")
    }

    async fn wait_serving(&self) {
        let started = Instant::now();
        loop {
            if let Ok(channel) = Endpoint::from_shared(format!("http://{}", self.address))
                .unwrap()
                .connect()
                .await
                && let Ok(response) = HealthClient::new(channel)
                    .check(HealthCheckRequest::default())
                    .await
                && response.into_inner().status() == ServingStatus::Serving
            {
                return;
            }
            assert!(
                started.elapsed() < Duration::from_secs(30),
                "server did not become ready"
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    fn terminate(&self) {
        let status = Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status()
            .expect("kill runs");
        assert!(status.success());
    }

    /// Waits for the process to exit; returns its exit code.
    async fn wait_exit(&mut self, limit: Duration) -> Option<i32> {
        let started = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status.code();
            }
            assert!(
                started.elapsed() < limit,
                "server did not exit in {limit:?}"
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }
}

impl Drop for Process {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn sigterm_drains_a_stream_in_flight_and_exits_zero() {
    let mut server = Process::start(&[("PREPROCESSOR_SHUTDOWN_GRACE_SECS", "20".into())]).await;
    let channel = server.channel().await;
    let mut watch = HealthClient::new(channel.clone())
        .watch(HealthCheckRequest {
            service: api::SERVICE_NAME.into(),
        })
        .await
        .expect("watch")
        .into_inner();
    assert_eq!(
        watch.message().await.unwrap().unwrap().status(),
        ServingStatus::Serving
    );

    let (sender, receiver) = mpsc::channel::<PreprocessStreamRequest>(4);
    let mut answers = PreprocessServiceClient::new(channel)
        .preprocess_stream(ReceiverStream::new(receiver))
        .await
        .expect("stream opens")
        .into_inner();
    let item = |n: usize| PreprocessStreamRequest {
        request: Some(text_request(
            &format!("item-{n}"),
            "قال الوزير إن المحادثات مستمرة. وأضاف \"سنواصل العمل حتى النهاية.\"",
        )),
    };
    for n in 0..5 {
        sender.send(item(n)).await.unwrap();
    }
    let mut answered = 0;
    while answered < 5 {
        let answer = answers.message().await.unwrap().expect("answer");
        assert!(matches!(answer.result, Some(Answer::Response(_))));
        answered += 1;
    }

    server.terminate();
    // Health flips to NOT_SERVING at once.
    let flipped = tokio::time::timeout(Duration::from_secs(5), watch.message())
        .await
        .expect("health update in time")
        .unwrap()
        .unwrap();
    assert_eq!(flipped.status(), ServingStatus::NotServing);
    drop(watch);

    // The stream in flight goes on to the end.
    let feeder = tokio::spawn(async move {
        for n in 5..40 {
            sender.send(item(n)).await.unwrap();
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    });
    while let Some(answer) = answers.message().await.expect("no item cut") {
        assert!(
            matches!(answer.result, Some(Answer::Response(_))),
            "{answer:?}"
        );
        answered += 1;
    }
    feeder.await.unwrap();
    assert_eq!(answered, 40, "every item of the stream was answered");
    assert_eq!(server.wait_exit(Duration::from_secs(15)).await, Some(0));

    // Nothing listens any more.
    assert!(
        Endpoint::from_shared(format!("http://{}", server.address))
            .unwrap()
            .connect()
            .await
            .is_err()
    );
}

/// An OTLP/gRPC trace receiver, as a collector would run it.
#[derive(Clone, Default)]
struct Receiver {
    requests: Arc<Mutex<Vec<ExportTraceServiceRequest>>>,
}

#[tonic::async_trait]
impl TraceService for Receiver {
    async fn export(
        &self,
        request: tonic::Request<ExportTraceServiceRequest>,
    ) -> Result<tonic::Response<ExportTraceServiceResponse>, tonic::Status> {
        self.requests.lock().unwrap().push(request.into_inner());
        Ok(tonic::Response::new(ExportTraceServiceResponse {
            partial_success: None,
        }))
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn spans_reach_an_otlp_receiver_in_the_callers_trace() {
    let receiver = Receiver::default();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let collector = listener.local_addr().unwrap();
    let serving = receiver.clone();
    tokio::spawn(async move {
        tonic::transport::Server::builder()
            .add_service(TraceServiceServer::new(serving))
            .serve_with_incoming(tokio_stream::wrappers::TcpListenerStream::new(listener))
            .await
    });

    let mut server = Process::start(&[
        ("OTEL_EXPORTER_OTLP_ENDPOINT", format!("http://{collector}")),
        ("OTEL_SERVICE_NAME", "preprocessor-test".into()),
        ("OTEL_BSP_SCHEDULE_DELAY", "100".into()),
    ])
    .await;
    let trace_id = "4bf92f3577b34da6a3ce929d0e0e4736";
    let caller_span = "00f067aa0ba902b7";
    let mut request = tonic::Request::new(text_request("traced", support::SEED_ARTICLE));
    request.metadata_mut().insert(
        "traceparent",
        format!("00-{trace_id}-{caller_span}-01").parse().unwrap(),
    );
    PreprocessServiceClient::new(server.channel().await)
        .preprocess(request)
        .await
        .expect("traced call");
    server.terminate();
    assert_eq!(server.wait_exit(Duration::from_secs(15)).await, Some(0));

    let hex = |bytes: &[u8]| bytes.iter().map(|b| format!("{b:02x}")).collect::<String>();
    let requests = receiver.requests.lock().unwrap();
    let spans: Vec<_> = requests
        .iter()
        .flat_map(|request| &request.resource_spans)
        .flat_map(|resource| &resource.scope_spans)
        .flat_map(|scope| &scope.spans)
        .collect();
    let in_trace: Vec<_> = spans
        .iter()
        .filter(|span| hex(&span.trace_id) == trace_id)
        .collect();
    let rpc = in_trace
        .iter()
        .find(|span| hex(&span.parent_span_id) == caller_span)
        .unwrap_or_else(|| panic!("no span is a child of the caller's span: {spans:#?}"));
    for stage in ["normalize", "structure", "sentences", "quotations"] {
        assert!(
            in_trace
                .iter()
                .any(|span| span.name == stage && span.parent_span_id == rpc.span_id),
            "stage {stage} is not a child span of the call"
        );
    }
    let service_name = requests
        .iter()
        .flat_map(|request| &request.resource_spans)
        .filter_map(|resource| resource.resource.as_ref())
        .flat_map(|resource| &resource.attributes)
        .find(|attribute| attribute.key == "service.name")
        .and_then(|attribute| attribute.value.as_ref())
        .map(|value| format!("{value:?}"))
        .unwrap_or_default();
    assert!(service_name.contains("preprocessor-test"), "{service_name}");
}
