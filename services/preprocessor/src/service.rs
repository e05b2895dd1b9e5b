//! The gRPC service: a thin shell that runs the handler off the async reactor.

use std::{sync::Arc, time::Instant};

use api::v1::{
    self, ItemError, NormalizeRequest, NormalizeResponse, PreprocessRequest, PreprocessResponse,
    PreprocessStreamRequest, PreprocessStreamResponse,
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

use crate::{
    config::Limits,
    handler::{self, Rejection},
};

/// Items of one stream processed at once; the next item is read only when one finishes.
const STREAM_ITEMS_IN_FLIGHT: usize = 4;
/// Responses buffered per stream before the server stops reading (backpressure).
const STREAM_BUFFER: usize = 8;

/// The `PreprocessService` implementation.
#[derive(Debug, Clone)]
pub struct Service {
    pipeline: Arc<Pipeline>,
    limits: Limits,
    in_flight: Arc<Semaphore>,
}

impl Service {
    /// A service with the given limits and at most `max_in_flight` requests (stream
    /// items included) processed at once.
    pub fn new(limits: Limits, max_in_flight: usize) -> Self {
        Self {
            pipeline: Arc::new(Pipeline::new()),
            limits,
            in_flight: Arc::new(Semaphore::new(max_in_flight.max(1))),
        }
    }

    fn admit(&self) -> Result<OwnedSemaphorePermit, Rejected> {
        self.in_flight
            .clone()
            .try_acquire_owned()
            .map_err(|_| Rejected::Overloaded)
    }

    /// Validates, admits and processes one article on the blocking pool.
    async fn process(&self, request: PreprocessRequest) -> Result<PreprocessResponse, Rejected> {
        let prepared = handler::prepare(&request, &self.limits)?;
        let permit = self.admit()?;
        let pipeline = self.pipeline.clone();
        let document_id = prepared.document_id.clone();
        tokio::task::spawn_blocking(move || {
            let _permit = permit;
            handler::preprocess(&pipeline, &prepared)
        })
        .await
        .map_err(|error| {
            tracing::error!(document_id, %error, "pipeline task failed");
            Rejected::Rejection(Rejection::Internal(
                "the pipeline failed on this article".into(),
            ))
        })
    }
}

/// Why a call was not answered with a result.
#[derive(Debug)]
enum Rejected {
    Rejection(Rejection),
    Overloaded,
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
        }
    }
}

fn log_outcome<T>(method: &str, document_id: &str, started: Instant, result: &Result<T, Status>) {
    let latency_ms = started.elapsed().as_secs_f64() * 1e3;
    match result {
        Ok(_) => tracing::info!(method, document_id, latency_ms, code = "OK", "call done"),
        Err(status) => tracing::warn!(
            method,
            document_id,
            latency_ms,
            code = ?status.code(),
            message = status.message(),
            "call failed"
        ),
    }
}

#[tonic::async_trait]
impl PreprocessService for Service {
    async fn preprocess(
        &self,
        request: Request<PreprocessRequest>,
    ) -> Result<Response<PreprocessResponse>, Status> {
        let started = Instant::now();
        let request = request.into_inner();
        let document_id = request.document_id.clone();
        let result = self.process(request).await.map_err(Status::from);
        log_outcome("Preprocess", &document_id, started, &result);
        result.map(|response| {
            tracing::debug!(
                segments = response.segments.len(),
                quotations = response.quotations.len(),
                "article processed"
            );
            Response::new(response)
        })
    }

    type PreprocessStreamStream = ReceiverStream<Result<PreprocessStreamResponse, Status>>;

    async fn preprocess_stream(
        &self,
        request: Request<Streaming<PreprocessStreamRequest>>,
    ) -> Result<Response<Self::PreprocessStreamStream>, Status> {
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
                        running.spawn(async move { service.answer_item(item).await });
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
        let request = request.into_inner();
        let document_id = request.document_id.clone();
        let result = match self.admit() {
            Ok(permit) => {
                let pipeline = self.pipeline.clone();
                let limits = self.limits;
                tokio::task::spawn_blocking(move || {
                    let _permit = permit;
                    handler::normalize(&pipeline, &request, &limits)
                })
                .await
                .map_err(|_| {
                    Rejected::Rejection(Rejection::Internal("normalization failed".into()))
                })
                .and_then(|result| result.map_err(Rejected::from))
            }
            Err(rejected) => Err(rejected),
        }
        .map_err(Status::from);
        log_outcome("Normalize", &document_id, started, &result);
        result.map(Response::new)
    }
}

impl Service {
    async fn answer_item(&self, item: PreprocessStreamRequest) -> PreprocessStreamResponse {
        let started = Instant::now();
        let request = item.request.unwrap_or_default();
        let document_id = request.document_id.clone();
        let result = self.process(request).await.map_err(Status::from);
        log_outcome("PreprocessStream", &document_id, started, &result);
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
