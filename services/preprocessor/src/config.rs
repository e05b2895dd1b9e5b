//! The service's configuration: one typed module, read from flags and environment
//! variables, that tests can build directly without touching the environment.
//! Deployment files (k8s/, Containerfile) are checked against the constants here.

use std::{net::SocketAddr, path::PathBuf, time::Duration};

use clap::{Args, ValueEnum};

/// Environment variable of the gRPC listen address.
pub const ENV_LISTEN: &str = "PREPROCESSOR_LISTEN";
/// Environment variable of the Prometheus metrics listen address.
pub const ENV_METRICS_LISTEN: &str = "PREPROCESSOR_METRICS_LISTEN";
/// Environment variable of the shutdown grace period, in seconds.
pub const ENV_SHUTDOWN_GRACE: &str = "PREPROCESSOR_SHUTDOWN_GRACE_SECS";
/// Environment variable of the log format.
pub const ENV_LOG_FORMAT: &str = "PREPROCESSOR_LOG_FORMAT";
/// Environment variable of the article size limit, in bytes.
pub const ENV_MAX_ARTICLE_BYTES: &str = "PREPROCESSOR_MAX_ARTICLE_BYTES";
/// Environment variable of the gRPC message size limit, in bytes.
pub const ENV_MAX_MESSAGE_BYTES: &str = "PREPROCESSOR_MAX_MESSAGE_BYTES";
/// Environment variable of the concurrency limit.
pub const ENV_MAX_IN_FLIGHT: &str = "PREPROCESSOR_MAX_IN_FLIGHT";
/// Environment variable of the server-side cap on a call's processing time, in ms.
pub const ENV_REQUEST_TIMEOUT: &str = "PREPROCESSOR_REQUEST_TIMEOUT_MS";
/// Environment variable of the HTTP/2 maximum connection age, in seconds (0: none).
pub const ENV_MAX_CONNECTION_AGE: &str = "PREPROCESSOR_MAX_CONNECTION_AGE_SECS";
/// Environment variable of the grace after the maximum connection age, in seconds.
pub const ENV_MAX_CONNECTION_AGE_GRACE: &str = "PREPROCESSOR_MAX_CONNECTION_AGE_GRACE_SECS";
/// Environment variable of the TLS certificate chain (PEM); TLS is on when set.
pub const ENV_TLS_CERT: &str = "PREPROCESSOR_TLS_CERT";
/// Environment variable of the TLS private key (PEM).
pub const ENV_TLS_KEY: &str = "PREPROCESSOR_TLS_KEY";
/// Environment variable of the CA bundle (PEM) that client certificates must chain to;
/// mutual TLS is on when set.
pub const ENV_TLS_CLIENT_CA: &str = "PREPROCESSOR_TLS_CLIENT_CA";
/// Standard OpenTelemetry variables the server reads (traces go out over OTLP/gRPC when
/// the endpoint is set).
pub const OTEL_ENV: &[&str] = &[
    "OTEL_EXPORTER_OTLP_ENDPOINT",
    "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT",
    "OTEL_SERVICE_NAME",
    "OTEL_TRACES_SAMPLER",
    "OTEL_TRACES_SAMPLER_ARG",
    "OTEL_RESOURCE_ATTRIBUTES",
];
/// Every `PREPROCESSOR_*` variable the server reads.
pub const ENV_VARS: &[&str] = &[
    ENV_LISTEN,
    ENV_METRICS_LISTEN,
    ENV_SHUTDOWN_GRACE,
    ENV_LOG_FORMAT,
    ENV_MAX_ARTICLE_BYTES,
    ENV_MAX_MESSAGE_BYTES,
    ENV_MAX_IN_FLIGHT,
    ENV_REQUEST_TIMEOUT,
    ENV_MAX_CONNECTION_AGE,
    ENV_MAX_CONNECTION_AGE_GRACE,
    ENV_TLS_CERT,
    ENV_TLS_KEY,
    ENV_TLS_CLIENT_CA,
];
/// Signals that start a graceful shutdown.
pub const SHUTDOWN_SIGNALS: &[&str] = &["SIGTERM", "SIGINT"];

/// Default gRPC port.
pub const DEFAULT_GRPC_PORT: u16 = 50051;
/// Default Prometheus metrics port.
pub const DEFAULT_METRICS_PORT: u16 = 9090;
/// Default gRPC listen address.
pub const DEFAULT_LISTEN: &str = "0.0.0.0:50051";
/// Default metrics listen address.
pub const DEFAULT_METRICS_LISTEN: &str = "0.0.0.0:9090";
/// Default shutdown grace period, in seconds.
pub const DEFAULT_SHUTDOWN_GRACE_SECS: u64 = 20;

/// How log lines are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, ValueEnum)]
pub enum LogFormat {
    /// One JSON object per line, for log collectors.
    Json,
    /// Human-readable lines.
    #[default]
    Pretty,
}

/// Limits every request is checked against.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Args)]
pub struct Limits {
    /// Largest article accepted, in bytes of UTF-8 text (or of raw input).
    #[arg(long, env = ENV_MAX_ARTICLE_BYTES, default_value_t = 1 << 20)]
    pub max_article_bytes: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            max_article_bytes: 1 << 20,
        }
    }
}

/// Longest document_id accepted, in bytes.
pub const MAX_DOCUMENT_ID_BYTES: usize = 256;
/// Bounds of `options.max_segment_chars` when it is set (0 means unset).
pub const MAX_SEGMENT_CHARS_RANGE: std::ops::RangeInclusive<u32> = 16..=100_000;

/// TLS files; TLS is on when `cert` is set.
#[derive(Debug, Clone, Default, PartialEq, Eq, Args)]
pub struct TlsConfig {
    /// Certificate chain, PEM.
    #[arg(long = "tls-cert", env = ENV_TLS_CERT, requires = "key")]
    pub cert: Option<PathBuf>,
    /// Private key, PEM.
    #[arg(long = "tls-key", env = ENV_TLS_KEY, requires = "cert")]
    pub key: Option<PathBuf>,
    /// CA bundle, PEM: when set, clients must present a certificate chaining to it.
    #[arg(long = "tls-client-ca", env = ENV_TLS_CLIENT_CA, requires = "cert")]
    pub client_ca: Option<PathBuf>,
}

/// A socket address, or nothing when given as an empty string.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OptionalAddress(pub Option<SocketAddr>);

impl std::str::FromStr for OptionalAddress {
    type Err = std::net::AddrParseError;

    fn from_str(value: &str) -> Result<Self, Self::Err> {
        if value.trim().is_empty() {
            Ok(Self(None))
        } else {
            value.trim().parse().map(|address| Self(Some(address)))
        }
    }
}

/// Configuration of `serve`.
#[derive(Debug, Clone, PartialEq, Eq, Args)]
pub struct ServeConfig {
    /// Address to listen on for gRPC.
    #[arg(long, env = ENV_LISTEN, default_value = DEFAULT_LISTEN)]
    pub listen: SocketAddr,
    /// Address to serve Prometheus metrics on (`/metrics`); empty to disable.
    #[arg(long, env = ENV_METRICS_LISTEN, default_value = DEFAULT_METRICS_LISTEN)]
    pub metrics_listen: OptionalAddress,
    /// Seconds in-flight calls get to finish after SIGTERM/SIGINT.
    #[arg(long, env = ENV_SHUTDOWN_GRACE, default_value_t = DEFAULT_SHUTDOWN_GRACE_SECS)]
    pub shutdown_grace_secs: u64,
    /// Log format.
    #[arg(long, env = ENV_LOG_FORMAT, value_enum, default_value_t = LogFormat::Pretty)]
    pub log_format: LogFormat,
    /// Requests processed or queued at once; more fail fast with RESOURCE_EXHAUSTED.
    #[arg(long, env = ENV_MAX_IN_FLIGHT, default_value_t = 64)]
    pub max_in_flight: usize,
    /// Largest gRPC message accepted, in bytes; larger ones get RESOURCE_EXHAUSTED.
    #[arg(long, env = ENV_MAX_MESSAGE_BYTES, default_value_t = 4 << 20)]
    pub max_message_bytes: usize,
    /// Server-side cap on one call's processing time, in milliseconds (a shorter
    /// grpc-timeout from the client wins).
    #[arg(long, env = ENV_REQUEST_TIMEOUT, default_value_t = 10_000)]
    pub request_timeout_ms: u64,
    /// Close HTTP/2 connections after this many seconds so clients reconnect and new
    /// pods get traffic (0: never).
    #[arg(long, env = ENV_MAX_CONNECTION_AGE, default_value_t = 300)]
    pub max_connection_age_secs: u64,
    /// Seconds a connection past its maximum age gets to finish its calls.
    #[arg(long, env = ENV_MAX_CONNECTION_AGE_GRACE, default_value_t = 30)]
    pub max_connection_age_grace_secs: u64,
    /// Request limits.
    #[command(flatten)]
    pub limits: Limits,
    /// TLS.
    #[command(flatten)]
    pub tls: TlsConfig,
}

impl ServeConfig {
    /// A configuration for tests: gRPC on `listen`, no metrics listener, everything
    /// else default.
    pub fn for_address(listen: SocketAddr) -> Self {
        Self {
            listen,
            metrics_listen: OptionalAddress(None),
            shutdown_grace_secs: DEFAULT_SHUTDOWN_GRACE_SECS,
            log_format: LogFormat::Pretty,
            max_in_flight: 64,
            max_message_bytes: 4 << 20,
            request_timeout_ms: 10_000,
            max_connection_age_secs: 300,
            max_connection_age_grace_secs: 30,
            limits: Limits::default(),
            tls: TlsConfig::default(),
        }
    }

    /// The shutdown grace period.
    pub fn shutdown_grace(&self) -> Duration {
        Duration::from_secs(self.shutdown_grace_secs)
    }

    /// The server-side cap on a call's processing time.
    pub fn request_timeout(&self) -> Duration {
        Duration::from_millis(self.request_timeout_ms)
    }
}
