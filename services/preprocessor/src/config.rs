//! The service's configuration: one typed module, read from flags and environment
//! variables, that tests can build directly without touching the environment.

use std::{net::SocketAddr, time::Duration};

use clap::{Args, ValueEnum};

/// Environment variable of the listen address.
pub const ENV_LISTEN: &str = "PREPROCESSOR_LISTEN";
/// Environment variable of the shutdown grace period, in seconds.
pub const ENV_SHUTDOWN_GRACE: &str = "PREPROCESSOR_SHUTDOWN_GRACE_SECS";
/// Environment variable of the log format.
pub const ENV_LOG_FORMAT: &str = "PREPROCESSOR_LOG_FORMAT";
/// Environment variable of the article size limit, in bytes.
pub const ENV_MAX_ARTICLE_BYTES: &str = "PREPROCESSOR_MAX_ARTICLE_BYTES";
/// Environment variable of the concurrency limit.
pub const ENV_MAX_IN_FLIGHT: &str = "PREPROCESSOR_MAX_IN_FLIGHT";

/// Default listen address.
pub const DEFAULT_LISTEN: &str = "0.0.0.0:50051";

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

/// Configuration of `serve`.
#[derive(Debug, Clone, PartialEq, Eq, Args)]
pub struct ServeConfig {
    /// Address to listen on.
    #[arg(long, env = ENV_LISTEN, default_value = DEFAULT_LISTEN)]
    pub listen: SocketAddr,
    /// Seconds in-flight calls get to finish after SIGTERM/SIGINT.
    #[arg(long, env = ENV_SHUTDOWN_GRACE, default_value_t = 20)]
    pub shutdown_grace_secs: u64,
    /// Log format.
    #[arg(long, env = ENV_LOG_FORMAT, value_enum, default_value_t = LogFormat::Pretty)]
    pub log_format: LogFormat,
    /// Requests processed at once; more fail fast with RESOURCE_EXHAUSTED.
    #[arg(long, env = ENV_MAX_IN_FLIGHT, default_value_t = 256)]
    pub max_in_flight: usize,
    /// Request limits.
    #[command(flatten)]
    pub limits: Limits,
}

impl ServeConfig {
    /// A configuration for tests: listen on `addr`, everything else default.
    pub fn for_address(listen: SocketAddr) -> Self {
        Self {
            listen,
            shutdown_grace_secs: 20,
            log_format: LogFormat::Pretty,
            max_in_flight: 256,
            limits: Limits::default(),
        }
    }

    /// The shutdown grace period.
    pub fn shutdown_grace(&self) -> Duration {
        Duration::from_secs(self.shutdown_grace_secs)
    }
}
