//! Prometheus metrics and the small HTTP endpoint that serves them at `/metrics`.

use std::time::Duration;

use prometheus::{
    Encoder as _, Histogram, HistogramOpts, HistogramVec, IntCounter, IntCounterVec, IntGauge,
    Opts, Registry, TextEncoder,
};
use tokio::{
    io::{AsyncReadExt as _, AsyncWriteExt as _},
    net::TcpListener,
};

/// The service's metrics, registered in their own registry.
#[derive(Debug, Clone)]
pub struct Metrics {
    registry: Registry,
    /// Finished calls by method and gRPC code.
    pub requests: IntCounterVec,
    /// Call latency by method, in seconds.
    pub latency: HistogramVec,
    /// Calls being processed now.
    pub in_flight: IntGauge,
    /// Size of accepted articles, in bytes.
    pub input_bytes: Histogram,
    /// Calls refused at the concurrency limit.
    pub shed: IntCounter,
    /// Sentences (segments) produced.
    pub sentences: IntCounter,
    /// Direct quotations produced.
    pub quotations: IntCounter,
}

impl Default for Metrics {
    fn default() -> Self {
        Self::new()
    }
}

impl Metrics {
    /// Creates and registers every metric.
    pub fn new() -> Self {
        let registry = Registry::new();
        let requests = IntCounterVec::new(
            Opts::new(
                "preprocessor_requests_total",
                "Finished calls by method and code",
            ),
            &["method", "code"],
        )
        .expect("valid metric");
        let latency = HistogramVec::new(
            HistogramOpts::new("preprocessor_request_duration_seconds", "Call latency").buckets(
                vec![
                    0.0005, 0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1.0, 2.0, 5.0,
                ],
            ),
            &["method"],
        )
        .expect("valid metric");
        let in_flight =
            IntGauge::new("preprocessor_in_flight", "Calls being processed").expect("valid metric");
        let input_bytes = Histogram::with_opts(
            HistogramOpts::new("preprocessor_input_bytes", "Size of accepted articles")
                .buckets(prometheus::exponential_buckets(256.0, 4.0, 9).expect("buckets")),
        )
        .expect("valid metric");
        let shed = IntCounter::new(
            "preprocessor_shed_requests_total",
            "Calls refused at the concurrency limit",
        )
        .expect("valid metric");
        let sentences = IntCounter::new("preprocessor_sentences_total", "Segments produced")
            .expect("valid metric");
        let quotations = IntCounter::new(
            "preprocessor_quotations_total",
            "Direct quotations produced",
        )
        .expect("valid metric");
        for collector in [
            Box::new(requests.clone()) as Box<dyn prometheus::core::Collector>,
            Box::new(latency.clone()),
            Box::new(in_flight.clone()),
            Box::new(input_bytes.clone()),
            Box::new(shed.clone()),
            Box::new(sentences.clone()),
            Box::new(quotations.clone()),
        ] {
            registry.register(collector).expect("unique metric names");
        }
        Self {
            registry,
            requests,
            latency,
            in_flight,
            input_bytes,
            shed,
            sentences,
            quotations,
        }
    }

    /// Records a finished call.
    pub fn observe(&self, method: &str, code: tonic::Code, elapsed: Duration) {
        self.requests
            .with_label_values(&[method, code_name(code)])
            .inc();
        self.latency
            .with_label_values(&[method])
            .observe(elapsed.as_secs_f64());
    }

    /// The text exposition of every metric.
    pub fn render(&self) -> String {
        let mut out = Vec::new();
        let _ = TextEncoder::new().encode(&self.registry.gather(), &mut out);
        String::from_utf8(out).unwrap_or_default()
    }
}

/// The name of a gRPC code as metrics and logs label it (`Ok`, `InvalidArgument`, …),
/// without formatting a string on every call.
pub fn code_name(code: tonic::Code) -> &'static str {
    use tonic::Code::*;
    match code {
        Ok => "Ok",
        Cancelled => "Cancelled",
        Unknown => "Unknown",
        InvalidArgument => "InvalidArgument",
        DeadlineExceeded => "DeadlineExceeded",
        NotFound => "NotFound",
        AlreadyExists => "AlreadyExists",
        PermissionDenied => "PermissionDenied",
        ResourceExhausted => "ResourceExhausted",
        FailedPrecondition => "FailedPrecondition",
        Aborted => "Aborted",
        OutOfRange => "OutOfRange",
        Unimplemented => "Unimplemented",
        Internal => "Internal",
        Unavailable => "Unavailable",
        DataLoss => "DataLoss",
        Unauthenticated => "Unauthenticated",
    }
}

/// Serves `GET /metrics` on `address` until the task is dropped. A deliberately small
/// HTTP/1.1 responder: one request per connection, no keep-alive.
pub async fn serve(metrics: Metrics, listener: TcpListener) {
    loop {
        let Ok((mut stream, _)) = listener.accept().await else {
            continue;
        };
        let metrics = metrics.clone();
        tokio::spawn(async move {
            let mut request = Vec::with_capacity(512);
            let mut buffer = [0u8; 512];
            // Read the request head (bounded), enough to see the request line.
            while request.len() < 8192 && !request.windows(4).any(|w| w == b"\r\n\r\n") {
                match tokio::time::timeout(Duration::from_secs(5), stream.read(&mut buffer)).await {
                    Ok(Ok(0)) | Err(_) | Ok(Err(_)) => break,
                    Ok(Ok(n)) => request.extend_from_slice(&buffer[..n]),
                }
            }
            let head = String::from_utf8_lossy(&request);
            let path = head.split_whitespace().nth(1).unwrap_or("");
            let (status, body) = if head.starts_with("GET ") && path == "/metrics" {
                ("200 OK", metrics.render())
            } else {
                ("404 Not Found", "not found\n".to_owned())
            };
            let response = format!(
                "HTTP/1.1 {status}\r\ncontent-type: text/plain; version=0.0.4\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
                body.len()
            );
            let _ = stream.write_all(response.as_bytes()).await;
            let _ = stream.shutdown().await;
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn code_names_match_the_debug_names() {
        for value in 0..=16 {
            let code = tonic::Code::from_i32(value);
            assert_eq!(code_name(code), format!("{code:?}"));
        }
    }
}
