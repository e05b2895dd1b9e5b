//! The tonic server: our service, health, reflection, graceful shutdown.

use std::{future::Future, time::Duration};

use api::v1::preprocess_service_server::PreprocessServiceServer;
use tokio::net::TcpListener;
use tokio_stream::wrappers::TcpListenerStream;
use tonic::transport::Server;
use tonic_health::ServingStatus;

use crate::{config::ServeConfig, service::Service};

/// Name under which the overall server health is reported.
const OVERALL: &str = "";

/// Serves on `listener` until `shutdown` resolves, then drains: health goes
/// NOT_SERVING at once, the listener stops accepting, and in-flight calls get
/// `config.shutdown_grace()` to finish.
pub async fn serve(
    config: ServeConfig,
    listener: TcpListener,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> anyhow::Result<()> {
    let (health_reporter, health_service) = tonic_health::server::health_reporter();
    health_reporter
        .set_service_status(api::SERVICE_NAME, ServingStatus::Serving)
        .await;

    let reflection_v1 = reflection().build_v1()?;
    let reflection_v1alpha = reflection().build_v1alpha()?;
    let service = PreprocessServiceServer::new(Service::new(config.limits, config.max_in_flight))
        .max_decoding_message_size(config.max_message_bytes)
        .max_encoding_message_size(usize::MAX);

    let (stop_accepting, stopped) = tokio::sync::oneshot::channel::<()>();
    let address = listener.local_addr()?;
    let mut builder = Server::builder().timeout(config.request_timeout());
    if config.max_connection_age_secs > 0 {
        builder = builder
            .max_connection_age(Duration::from_secs(config.max_connection_age_secs))
            .max_connection_age_grace(Duration::from_secs(config.max_connection_age_grace_secs));
    }
    let server = tokio::spawn(
        builder
            .add_service(health_service)
            .add_service(reflection_v1)
            .add_service(reflection_v1alpha)
            .add_service(service)
            .serve_with_incoming_shutdown(TcpListenerStream::new(listener), async {
                let _ = stopped.await;
            }),
    );
    tracing::info!(%address, "serving");

    shutdown.await;
    tracing::info!("shutdown requested: reporting NOT_SERVING and draining");
    health_reporter
        .set_service_status(api::SERVICE_NAME, ServingStatus::NotServing)
        .await;
    health_reporter
        .set_service_status(OVERALL, ServingStatus::NotServing)
        .await;
    let _ = stop_accepting.send(());
    match tokio::time::timeout(config.shutdown_grace(), server).await {
        Ok(joined) => {
            joined??;
            tracing::info!("drained; exiting");
        }
        Err(_) => tracing::warn!(
            grace_secs = config.shutdown_grace_secs,
            "grace period over; cutting remaining calls"
        ),
    }
    Ok(())
}

fn reflection() -> tonic_reflection::server::Builder<'static> {
    tonic_reflection::server::Builder::configure()
        .register_encoded_file_descriptor_set(api::FILE_DESCRIPTOR_SET)
        .register_encoded_file_descriptor_set(tonic_health::pb::FILE_DESCRIPTOR_SET)
        .register_encoded_file_descriptor_set(tonic_types::pb::FILE_DESCRIPTOR_SET)
}

/// Resolves on SIGTERM or SIGINT.
pub async fn shutdown_signal() {
    let interrupt = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(error) => {
                tracing::error!(%error, "cannot listen for SIGTERM");
                std::future::pending::<()>().await;
            }
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = interrupt => {},
        () = terminate => {},
    }
}
