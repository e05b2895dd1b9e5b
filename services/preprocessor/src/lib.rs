//! The preprocessing service: a thin shell around [`pipeline::Pipeline`].
//!
//! - [`server::serve`] runs the tonic gRPC server (our service, `grpc.health.v1`,
//!   reflection v1 and v1alpha) and drains gracefully on shutdown;
//! - [`cli`] runs the same handler in-process and prints canonical proto3 JSON;
//! - [`config`] is the one typed configuration, from flags and environment variables.

pub mod cli;
pub mod config;
pub mod handler;
pub mod metrics;
pub mod server;
pub mod service;
pub mod telemetry;
