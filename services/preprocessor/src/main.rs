//! `preprocessor serve` runs the gRPC service; `preprocessor preprocess FILE` and
//! `preprocessor normalize FILE` run the same pipeline in-process and print JSON;
//! `preprocessor reassemble FILE` puts translated units back together.

use std::process::ExitCode;

use clap::{Parser, Subcommand};
use preprocessor::{cli, config::ServeConfig, server, telemetry};

/// Arabic news text preprocessing: boilerplate, sentences, normalization, quotations.
#[derive(Debug, Parser)]
#[command(version, about)]
struct Command {
    #[command(subcommand)]
    action: Action,
}

#[derive(Debug, Subcommand)]
enum Action {
    /// Run the gRPC server.
    Serve(ServeConfig),
    /// Preprocess one article and print the PreprocessResponse as proto3 JSON.
    Preprocess(cli::PreprocessArgs),
    /// Normalize text and print the NormalizeResponse as proto3 JSON.
    Normalize(cli::NormalizeArgs),
    /// Read a ReassembleRequest as proto3 JSON and print the ReassembleResponse.
    Reassemble(cli::ReassembleArgs),
}

fn main() -> ExitCode {
    let command = Command::parse();
    let result = match command.action {
        Action::Serve(config) => serve(config),
        Action::Preprocess(args) => cli::preprocess(&args).map(|json| println!("{json}")),
        Action::Normalize(args) => cli::normalize(&args).map(|json| println!("{json}")),
        Action::Reassemble(args) => cli::reassemble(&args).map(|json| println!("{json}")),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: {error:#}");
            ExitCode::from(2)
        }
    }
}

fn serve(config: ServeConfig) -> anyhow::Result<()> {
    let workers = std::thread::available_parallelism().map_or(2, usize::from);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        // CPU-bound pipeline work runs on the blocking pool; sizing it to the cores keeps
        // a burst from oversubscribing the machine (the concurrency limit bounds the queue).
        .max_blocking_threads(workers)
        .build()?;
    runtime.block_on(async move {
        let telemetry = telemetry::init(config.log_format)?;
        let listener = tokio::net::TcpListener::bind(config.listen).await?;
        let served = server::serve(config, listener, server::shutdown_signal()).await;
        // Flushing the trace exporter blocks: keep it off the reactor.
        let _ = tokio::task::spawn_blocking(move || telemetry.shutdown()).await;
        served
    })
}
