//! The gRPC service: a thin shell that admits calls under a concurrency limit, runs the
//! handler on the blocking pool within the call's deadline, and records telemetry.

use std::{
    sync::{
        Arc,
        atomic::{AtomicBool, Ordering},
    },
    time::{Duration, Instant},
};

use api::v1::{
    self, ItemError, NormalizeRequest, NormalizeResponse, PreprocessRequest, PreprocessResponse,
    PreprocessStreamRequest, PreprocessStreamResponse, ReassembleRequest, ReassembleResponse,
    preprocess_service_server::PreprocessService,
};
use pipeline::Pipeline;
use tokio::{
    sync::{OwnedSemaphorePermit, Semaphore, mpsc},
    task::JoinSet,
};
use tokio_stream::{StreamExt as _, wrappers::ReceiverStream};
use tonic::{Code, Request, Response, Status, Streaming};
use tonic_types::{ErrorDetails, StatusExt as _};
use tracing::{Instrument as _, field::Empty};
use tracing_opentelemetry::OpenTelemetrySpanExt as _;

use crate::{
    config::{Limits, ServeConfig},
    handler::{self, Prepared, Rejection},
    metrics::Metrics,
    telemetry,
};

/// Items of one stream processed at once; the next item is read only when one finishes.
pub const STREAM_ITEMS_IN_FLIGHT: usize = 4;
/// Responses buffered per stream before the server stops reading (backpressure).
const STREAM_BUFFER: usize = 8;

/// What turns a prepared request into a response: the pipeline, or a stand-in in tests.
pub type Processor = Arc<dyn Fn(&Prepared) -> PreprocessResponse + Send + Sync>;

/// The `PreprocessService` implementation.
#[derive(Clone)]
pub struct Service {
    pipeline: Arc<Pipeline>,
    processor: Processor,
    limits: Limits,
    in_flight: Arc<Semaphore>,
    metrics: Metrics,
    request_timeout: Duration,
}

impl std::fmt::Debug for Service {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        formatter
            .debug_struct("Service")
            .field("limits", &self.limits)
            .field("available_permits", &self.in_flight.available_permits())
            .finish_non_exhaustive()
    }
}

impl Service {
    /// A service configured by `config`, recording into `metrics`.
    pub fn new(config: &ServeConfig, metrics: Metrics) -> Self {
        let pipeline = Arc::new(Pipeline::new());
        let for_processor = pipeline.clone();
        Self {
            pipeline,
            processor: Arc::new(move |prepared: &Prepared| {
                handler::preprocess(&for_processor, prepared)
            }),
            limits: config.limits,
            in_flight: Arc::new(Semaphore::new(config.max_in_flight.max(1))),
            metrics,
            request_timeout: config.request_timeout(),
        }
    }

    /// Replaces what processes articles (tests use it to inject failures).
    pub fn with_processor(mut self, processor: Processor) -> Self {
        self.processor = processor;
        self
    }

    fn admit(&self) -> Result<OwnedSemaphorePermit, Rejected> {
        self.in_flight.clone().try_acquire_owned().map_err(|_| {
            self.metrics.shed.inc();
            Rejected::Overloaded
        })
    }

    /// Validates, admits and processes one article on the blocking pool, within
    /// `deadline`. Work whose caller went away or whose deadline passed while it waited
    /// for a worker is skipped.
    async fn process(
        &self,
        request: PreprocessRequest,
        deadline: Instant,
    ) -> Result<PreprocessResponse, Rejected> {
        let prepared = handler::prepare(&request, &self.limits)?;
        let permit = self.admit()?;
        let _in_flight = InFlight::enter(&self.metrics.in_flight);
        self.metrics.input_bytes.observe(prepared.text.len() as f64);
        let processor = self.processor.clone();
        let abandoned = AbandonOnDrop::default();
        let flag = abandoned.0.clone();
        let span = tracing::Span::current();
        let work = tokio::task::spawn_blocking(move || {
            let _permit = permit;
            if flag.load(Ordering::Relaxed) || Instant::now() >= deadline {
                return None;
            }
            Some(span.in_scope(|| processor(&prepared)))
        });
        let outcome = tokio::time::timeout_at(deadline.into(), work).await;
        drop(abandoned);
        match outcome {
            Err(_) => Err(Rejected::DeadlineExceeded),
            Ok(Ok(Some(response))) => {
                self.metrics
                    .sentences
                    .inc_by(response.segments.len() as u64);
                self.metrics.quotations.inc_by(
                    response
                        .quotations
                        .iter()
                        .filter(|q| q.kind() == v1::QuotationKind::Direct)
                        .count() as u64,
                );
                Ok(response)
            }
            Ok(Ok(None)) => Err(Rejected::DeadlineExceeded),
            Ok(Err(error)) => {
                tracing::error!(%error, "pipeline task failed");
                Err(Rejected::Rejection(Rejection::Internal(
                    "the pipeline failed on this article".into(),
                )))
            }
        }
    }

    /// The deadline of a call: the client's `grpc-timeout`, capped by the server's.
    fn deadline(&self, metadata: &tonic::metadata::MetadataMap) -> Instant {
        let cap = self.request_timeout;
        let timeout = metadata
            .get("grpc-timeout")
            .and_then(|value| value.to_str().ok())
            .and_then(parse_grpc_timeout)
            .map_or(cap, |client| client.min(cap));
        Instant::now() + timeout
    }

    fn finish<T>(
        &self,
        method: &str,
        span: &tracing::Span,
        started: Instant,
        result: &Result<T, Status>,
    ) {
        let elapsed = started.elapsed();
        let code = match result {
            Ok(_) => Code::Ok,
            Err(status) => status.code(),
        };
        self.metrics.observe(method, code, elapsed);
        span.record("code", crate::metrics::code_name(code));
        span.record("latency_ms", elapsed.as_secs_f64() * 1e3);
        match result {
            Ok(_) => tracing::info!(parent: span, "call done"),
            Err(status) => {
                tracing::warn!(parent: span, message = status.message(), "call failed")
            }
        }
    }
}

/// Counts a call in the in-flight gauge while it lives.
struct InFlight<'a>(&'a prometheus::IntGauge);

impl<'a> InFlight<'a> {
    fn enter(gauge: &'a prometheus::IntGauge) -> Self {
        gauge.inc();
        Self(gauge)
    }
}

impl Drop for InFlight<'_> {
    fn drop(&mut self) {
        self.0.dec();
    }
}

/// Marks work abandoned when the call's future is dropped (client gone, deadline hit).
#[derive(Default)]
struct AbandonOnDrop(Arc<AtomicBool>);

impl Drop for AbandonOnDrop {
    fn drop(&mut self) {
        self.0.store(true, Ordering::Relaxed);
    }
}

/// Parses a gRPC `grpc-timeout` header: up to 8 digits and a unit (H M S m u n).
pub fn parse_grpc_timeout(value: &str) -> Option<Duration> {
    let (digits, unit) = value.split_at(value.len().checked_sub(1)?);
    if digits.is_empty() || digits.len() > 8 {
        return None;
    }
    let amount: u64 = digits.parse().ok()?;
    Some(match unit {
        "H" => Duration::from_secs(amount * 3600),
        "M" => Duration::from_secs(amount * 60),
        "S" => Duration::from_secs(amount),
        "m" => Duration::from_millis(amount),
        "u" => Duration::from_micros(amount),
        "n" => Duration::from_nanos(amount),
        _ => return None,
    })
}

/// Why a call was not answered with a result.
#[derive(Debug)]
enum Rejected {
    Rejection(Rejection),
    Overloaded,
    DeadlineExceeded,
}

impl From<Rejection> for Rejected {
    fn from(rejection: Rejection) -> Self {
        Self::Rejection(rejection)
    }
}

impl From<Rejected> for Status {
    fn from(rejected: Rejected) -> Self {
        match rejected {
            Rejected::Rejection(Rejection::InvalidArgument(violations)) => {
                let message = Rejection::InvalidArgument(violations.clone()).to_string();
                let details = ErrorDetails::with_bad_request(
                    violations
                        .into_iter()
                        .map(|violation| {
                            tonic_types::FieldViolation::new(violation.field, violation.description)
                        })
                        .collect::<Vec<_>>(),
                );
                Status::with_error_details(Code::InvalidArgument, message, details)
            }
            Rejected::Rejection(rejection @ Rejection::Internal(_)) => {
                Status::internal(rejection.to_string())
            }
            Rejected::Overloaded => {
                Status::resource_exhausted("server is at its concurrency limit; retry with backoff")
            }
            Rejected::DeadlineExceeded => {
                Status::deadline_exceeded("the call's deadline passed before the article was done")
            }
        }
    }
}

fn call_span(
    method: &'static str,
    metadata: &tonic::metadata::MetadataMap,
    document_id: &str,
    bytes: usize,
) -> tracing::Span {
    let span = tracing::info_span!(
        "rpc",
        method,
        document_id,
        input_bytes = bytes,
        segments = Empty,
        quotations = Empty,
        code = Empty,
        latency_ms = Empty,
    );
    if let Some(parent) = telemetry::parent_context(metadata) {
        let _ = span.set_parent(parent);
    }
    span
}

fn content_len(request: &PreprocessRequest) -> usize {
    match &request.content {
        Some(v1::preprocess_request::Content::Text(text)) => text.len(),
        Some(v1::preprocess_request::Content::Raw(raw)) => raw.len(),
        None => 0,
    }
}

#[tonic::async_trait]
impl PreprocessService for Service {
    async fn preprocess(
        &self,
        request: Request<PreprocessRequest>,
    ) -> Result<Response<PreprocessResponse>, Status> {
        let started = Instant::now();
        let deadline = self.deadline(request.metadata());
        let span = call_span(
            "Preprocess",
            request.metadata(),
            &request.get_ref().document_id,
            content_len(request.get_ref()),
        );
        let result = self
            .process(request.into_inner(), deadline)
            .instrument(span.clone())
            .await
            .map_err(Status::from);
        if let Ok(response) = &result {
            span.record("segments", response.segments.len());
            span.record("quotations", response.quotations.len());
        }
        self.finish("Preprocess", &span, started, &result);
        result.map(Response::new)
    }

    type PreprocessStreamStream = ReceiverStream<Result<PreprocessStreamResponse, Status>>;

    async fn preprocess_stream(
        &self,
        request: Request<Streaming<PreprocessStreamRequest>>,
    ) -> Result<Response<Self::PreprocessStreamStream>, Status> {
        let parent = telemetry::parent_context(request.metadata());
        let mut inbound = request.into_inner();
        let (sender, receiver) = mpsc::channel(STREAM_BUFFER);
        let service = self.clone();
        tokio::spawn(async move {
            let mut running = JoinSet::new();
            loop {
                if running.len() >= STREAM_ITEMS_IN_FLIGHT {
                    if let Some(Ok(answer)) = running.join_next().await
                        && sender.send(Ok(answer)).await.is_err()
                    {
                        return;
                    }
                    continue;
                }
                let item = tokio::select! {
                    item = inbound.next() => item,
                    Some(Ok(answer)) = running.join_next(), if !running.is_empty() => {
                        if sender.send(Ok(answer)).await.is_err() {
                            return;
                        }
                        continue;
                    }
                };
                match item {
                    Some(Ok(item)) => {
                        let service = service.clone();
                        let parent = parent.clone();
                        running.spawn(async move { service.answer_item(item, parent).await });
                    }
                    Some(Err(status)) => {
                        let _ = sender.send(Err(status)).await;
                        return;
                    }
                    None => break,
                }
            }
            while let Some(joined) = running.join_next().await {
                if let Ok(answer) = joined
                    && sender.send(Ok(answer)).await.is_err()
                {
                    return;
                }
            }
        });
        Ok(Response::new(ReceiverStream::new(receiver)))
    }

    async fn normalize(
        &self,
        request: Request<NormalizeRequest>,
    ) -> Result<Response<NormalizeResponse>, Status> {
        let started = Instant::now();
        let deadline = self.deadline(request.metadata());
        let span = call_span(
            "Normalize",
            request.metadata(),
            &request.get_ref().document_id,
            0,
        );
        let request = request.into_inner();
        let result = async {
            let permit = self.admit()?;
            let pipeline = self.pipeline.clone();
            let limits = self.limits;
            let work = tokio::task::spawn_blocking(move || {
                let _permit = permit;
                handler::normalize(&pipeline, &request, &limits)
            });
            match tokio::time::timeout_at(deadline.into(), work).await {
                Err(_) => Err(Rejected::DeadlineExceeded),
                Ok(Err(_)) => Err(Rejected::Rejection(Rejection::Internal(
                    "normalization failed".into(),
                ))),
                Ok(Ok(result)) => result.map_err(Rejected::from),
            }
        }
        .instrument(span.clone())
        .await
        .map_err(Status::from);
        self.finish("Normalize", &span, started, &result);
        result.map(Response::new)
    }

    async fn reassemble(
        &self,
        request: Request<ReassembleRequest>,
    ) -> Result<Response<ReassembleResponse>, Status> {
        let started = Instant::now();
        let deadline = self.deadline(request.metadata());
        let span = call_span(
            "Reassemble",
            request.metadata(),
            &request.get_ref().document_id,
            request
                .get_ref()
                .translations
                .iter()
                .map(|translation| translation.text.len())
                .sum(),
        );
        let request = request.into_inner();
        let result = async {
            let permit = self.admit()?;
            let limits = self.limits;
            let work = tokio::task::spawn_blocking(move || {
                let _permit = permit;
                if Instant::now() >= deadline {
                    return Err(Rejected::DeadlineExceeded);
                }
                handler::reassemble(&request, &limits).map_err(Rejected::from)
            });
            match tokio::time::timeout_at(deadline.into(), work).await {
                Err(_) => Err(Rejected::DeadlineExceeded),
                Ok(Err(_)) => Err(Rejected::Rejection(Rejection::Internal(
                    "reassembly failed".into(),
                ))),
                Ok(Ok(result)) => result,
            }
        }
        .instrument(span.clone())
        .await
        .map_err(Status::from);
        self.finish("Reassemble", &span, started, &result);
        result.map(Response::new)
    }
}

impl Service {
    async fn answer_item(
        &self,
        item: PreprocessStreamRequest,
        parent: Option<opentelemetry::Context>,
    ) -> PreprocessStreamResponse {
        let started = Instant::now();
        let request = item.request.unwrap_or_default();
        let document_id = request.document_id.clone();
        let span = tracing::info_span!(
            "rpc",
            method = "PreprocessStream",
            document_id,
            input_bytes = content_len(&request),
            code = Empty,
            latency_ms = Empty,
        );
        if let Some(parent) = parent {
            let _ = span.set_parent(parent);
        }
        let deadline = Instant::now() + self.request_timeout;
        let result = self
            .process(request, deadline)
            .instrument(span.clone())
            .await
            .map_err(Status::from);
        self.finish("PreprocessStream", &span, started, &result);
        PreprocessStreamResponse {
            document_id,
            result: Some(match result {
                Ok(response) => v1::preprocess_stream_response::Result::Response(response),
                Err(status) => v1::preprocess_stream_response::Result::Error(item_error(status)),
            }),
        }
    }
}

fn item_error(status: Status) -> ItemError {
    let field_violations = status
        .get_details_bad_request()
        .map(|bad_request| {
            bad_request
                .field_violations
                .into_iter()
                .map(|violation| v1::FieldViolation {
                    field: violation.field,
                    description: violation.description,
                })
                .collect()
        })
        .unwrap_or_default();
    ItemError {
        code: status.code() as i32,
        message: status.message().to_owned(),
        field_violations,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grpc_timeout_units() {
        assert_eq!(parse_grpc_timeout("100m"), Some(Duration::from_millis(100)));
        assert_eq!(parse_grpc_timeout("2S"), Some(Duration::from_secs(2)));
        assert_eq!(parse_grpc_timeout("1H"), Some(Duration::from_secs(3600)));
        assert_eq!(parse_grpc_timeout("5u"), Some(Duration::from_micros(5)));
        assert_eq!(parse_grpc_timeout("123456789S"), None);
        assert_eq!(parse_grpc_timeout("S"), None);
        assert_eq!(parse_grpc_timeout(""), None);
        assert_eq!(parse_grpc_timeout("10x"), None);
    }
}
