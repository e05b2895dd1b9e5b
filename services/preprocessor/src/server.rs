//! The tonic server: our service, health, reflection, metrics, graceful shutdown.

use std::{future::Future, time::Duration};

use api::v1::preprocess_service_server::PreprocessServiceServer;
use tokio::net::TcpListener;
use tokio_stream::{StreamExt as _, wrappers::TcpListenerStream};
use tonic::{
    codec::CompressionEncoding,
    codegen::http,
    transport::{Certificate, Identity, Server, ServerTlsConfig},
};
use tonic_health::ServingStatus;
use tower::util::MapResponseLayer;

use crate::{config::ServeConfig, metrics::Metrics, service::Service};

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
    let metrics = Metrics::new();
    let service = Service::new(&config, metrics.clone());
    serve_with(service, metrics, config, listener, shutdown).await
}

/// [`serve`] with a given service (tests inject failures through it).
pub async fn serve_with(
    service: Service,
    metrics: Metrics,
    config: ServeConfig,
    listener: TcpListener,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> anyhow::Result<()> {
    let (health_reporter, health_service) = tonic_health::server::health_reporter();
    health_reporter
        .set_service_status(api::SERVICE_NAME, ServingStatus::Serving)
        .await;

    let metrics_task = match config.metrics_listen.0 {
        Some(address) => {
            let listener = TcpListener::bind(address).await?;
            tracing::info!(address = %listener.local_addr()?, "serving metrics");
            Some(tokio::spawn(crate::metrics::serve(metrics, listener)))
        }
        None => None,
    };

    let reflection_v1 = reflection().build_v1()?;
    let reflection_v1alpha = reflection().build_v1alpha()?;
    let service = PreprocessServiceServer::new(service)
        .max_decoding_message_size(config.max_message_bytes)
        .max_encoding_message_size(usize::MAX)
        .accept_compressed(CompressionEncoding::Gzip)
        .accept_compressed(CompressionEncoding::Zstd)
        .send_compressed(CompressionEncoding::Gzip)
        .send_compressed(CompressionEncoding::Zstd);

    let mut builder = Server::builder().timeout(config.request_timeout());
    if config.max_connection_age_secs > 0 {
        builder = builder
            .max_connection_age(Duration::from_secs(config.max_connection_age_secs))
            .max_connection_age_grace(Duration::from_secs(config.max_connection_age_grace_secs));
    }
    if let (Some(cert), Some(key)) = (&config.tls.cert, &config.tls.key) {
        let mut tls = ServerTlsConfig::new().identity(Identity::from_pem(
            std::fs::read(cert)?,
            std::fs::read(key)?,
        ));
        if let Some(client_ca) = &config.tls.client_ca {
            tls = tls.client_ca_root(Certificate::from_pem(std::fs::read(client_ca)?));
        }
        builder = builder.tls_config(tls)?;
    }

    let (stop_accepting, stopped) = tokio::sync::oneshot::channel::<()>();
    let address = listener.local_addr()?;
    let server = tokio::spawn(
        builder
            .layer(MapResponseLayer::new(size_limit_is_resource_exhausted))
            .add_service(health_service)
            .add_service(reflection_v1)
            .add_service(reflection_v1alpha)
            .add_service(service)
            .serve_with_incoming_shutdown(incoming(listener), async {
                let _ = stopped.await;
            }),
    );
    tracing::info!(%address, tls = config.tls.cert.is_some(), "serving gRPC");

    shutdown.await;
    tracing::info!("shutdown requested: reporting NOT_SERVING and draining");
    health_reporter
        .set_service_status(api::SERVICE_NAME, ServingStatus::NotServing)
        .await;
    health_reporter
        .set_service_status(OVERALL, ServingStatus::NotServing)
        .await;
    let _ = stop_accepting.send(());
    let result = match tokio::time::timeout(config.shutdown_grace(), server).await {
        Ok(joined) => {
            joined??;
            tracing::info!("drained; exiting");
            Ok(())
        }
        Err(_) => {
            tracing::warn!(
                grace_secs = config.shutdown_grace_secs,
                "grace period over; cutting remaining calls"
            );
            Ok(())
        }
    };
    if let Some(task) = metrics_task {
        task.abort();
    }
    result
}

/// tonic answers a message over the decoding limit with OUT_OF_RANGE; the gRPC spec says
/// RESOURCE_EXHAUSTED. Such errors come back as trailers-only responses, so the status
/// is in the headers: rewrite the code there, keep tonic's message (it states the size
/// and the limit).
fn size_limit_is_resource_exhausted<B>(mut response: http::Response<B>) -> http::Response<B> {
    let headers = response.headers_mut();
    let out_of_range = headers
        .get("grpc-status")
        .is_some_and(|code| code.as_bytes() == b"11");
    let about_size = headers.get("grpc-message").is_some_and(|message| {
        let message = message.as_bytes();
        message.windows(9).any(|w| w == b"too large")
            || message.windows(11).any(|w| w == b"too%20large")
    });
    if out_of_range && about_size {
        headers.insert("grpc-status", http::HeaderValue::from_static("8"));
    }
    response
}

/// Accepted connections with Nagle's algorithm off: responses are written in a few
/// small frames, and waiting for the peer's delayed ACK would add ~40 ms to each call.
fn incoming(
    listener: TcpListener,
) -> impl tokio_stream::Stream<Item = std::io::Result<tokio::net::TcpStream>> {
    TcpListenerStream::new(listener).map(|accepted| {
        let stream = accepted?;
        stream.set_nodelay(true)?;
        Ok(stream)
    })
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
