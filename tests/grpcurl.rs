//! The real grpcurl against the real server: what engineers do by hand. grpcurl 1.8.6
//! speaks reflection v1alpha (v1 is covered by grpc.rs with a tonic client).

mod support;

use std::{
    io::Write as _,
    process::{Command, Output, Stdio},
};

use support::{SEED_ARTICLE, TestServer};

/// Runs grpcurl with `args` (plaintext, against `server`) and `stdin`, off the runtime.
async fn grpcurl(server: &TestServer, args: &[&str], stdin: Option<String>) -> Output {
    let binary = support::grpcurl();
    let address = server.address.to_string();
    let args: Vec<String> = args
        .iter()
        .map(|arg| arg.replace("ADDR", &address))
        .collect();
    tokio::task::spawn_blocking(move || {
        let mut child = Command::new(&binary)
            .arg("-plaintext")
            .args(&args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap_or_else(|error| {
                panic!(
                    "cannot run {} ({error}); run the README's test command, which installs it",
                    binary.display()
                )
            });
        let mut input = child.stdin.take().expect("stdin");
        if let Some(stdin) = stdin {
            input.write_all(stdin.as_bytes()).expect("write stdin");
        }
        drop(input);
        child.wait_with_output().expect("grpcurl runs")
    })
    .await
    .expect("grpcurl task")
}

fn stdout(output: &Output) -> String {
    assert!(
        output.status.success(),
        "grpcurl failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout.clone()).expect("utf-8 output")
}

#[tokio::test(flavor = "multi_thread")]
async fn list_shows_the_service_and_health() {
    let server = TestServer::start().await;
    let listed = stdout(&grpcurl(&server, &["ADDR", "list"], None).await);
    assert!(
        listed.lines().any(|line| line == api::SERVICE_NAME),
        "{listed}"
    );
    assert!(
        listed.lines().any(|line| line == "grpc.health.v1.Health"),
        "{listed}"
    );
    let methods = stdout(&grpcurl(&server, &["ADDR", "list", api::SERVICE_NAME], None).await);
    for method in ["Preprocess", "PreprocessStream", "Normalize"] {
        assert!(
            methods
                .lines()
                .any(|line| line == format!("{}.{method}", api::SERVICE_NAME)),
            "{methods}"
        );
    }
    server.stop().await.expect("clean stop");
}

#[tokio::test(flavor = "multi_thread")]
async fn describe_shows_the_documented_messages() {
    let server = TestServer::start().await;
    let described = stdout(
        &grpcurl(
            &server,
            &["ADDR", "describe", "arabic.preprocess.v1.Segment"],
            None,
        )
        .await,
    );
    assert!(
        described.contains("Segment is one unit for translation"),
        "{described}"
    );
    assert!(described.contains("original[span]"), "{described}");
    let service = stdout(&grpcurl(&server, &["ADDR", "describe", api::SERVICE_NAME], None).await);
    assert!(service.contains("rpc PreprocessStream"), "{service}");
    assert!(service.contains("analyses one article"), "{service}");
    server.stop().await.expect("clean stop");
}

#[tokio::test(flavor = "multi_thread")]
async fn preprocess_with_the_seed_article_returns_quotations() {
    let server = TestServer::start().await;
    let request = serde_json::json!({ "documentId": "seed", "text": SEED_ARTICLE }).to_string();
    let output = grpcurl(
        &server,
        &[
            "-d",
            "@",
            "ADDR",
            "arabic.preprocess.v1.PreprocessService/Preprocess",
        ],
        Some(request),
    )
    .await;
    let response: serde_json::Value = serde_json::from_str(&stdout(&output)).expect("JSON");
    assert_eq!(response["documentId"], "seed");
    let quotations = response["quotations"].as_array().expect("quotations");
    assert!(
        quotations
            .iter()
            .filter(|quotation| quotation["kind"] == "QUOTATION_KIND_DIRECT")
            .count()
            >= 10
    );
    assert!(
        !response["speakers"]
            .as_array()
            .expect("speakers")
            .is_empty()
    );
    assert!(
        !response["removedBoilerplate"]
            .as_array()
            .expect("boilerplate")
            .is_empty()
    );
    server.stop().await.expect("clean stop");
}

#[tokio::test(flavor = "multi_thread")]
async fn health_check_answers_serving() {
    let server = TestServer::start().await;
    for request in [
        "{}".to_owned(),
        format!("{{\"service\": \"{}\"}}", api::SERVICE_NAME),
    ] {
        let output = grpcurl(
            &server,
            &["-d", "@", "ADDR", "grpc.health.v1.Health/Check"],
            Some(request),
        )
        .await;
        let response: serde_json::Value = serde_json::from_str(&stdout(&output)).unwrap();
        assert_eq!(response["status"], "SERVING");
    }
    server.stop().await.expect("clean stop");
}

#[tokio::test(flavor = "multi_thread")]
async fn bad_request_shows_status_and_field_details() {
    let server = TestServer::start().await;
    let output = grpcurl(
        &server,
        &[
            "-d",
            "@",
            "ADDR",
            "arabic.preprocess.v1.PreprocessService/Preprocess",
        ],
        Some(r#"{"documentId": "empty", "text": ""}"#.to_owned()),
    )
    .await;
    assert!(!output.status.success());
    let printed = String::from_utf8_lossy(&output.stderr).into_owned()
        + &String::from_utf8_lossy(&output.stdout);
    assert!(printed.contains("InvalidArgument"), "{printed}");
    assert!(printed.contains("google.rpc.BadRequest"), "{printed}");
    assert!(printed.contains(r#""field":"text""#), "{printed}");
    server.stop().await.expect("clean stop");
}

#[tokio::test(flavor = "multi_thread")]
async fn cli_prints_the_same_message_as_the_rpc() {
    let server = TestServer::start().await;
    let directory = std::env::temp_dir().join(format!("cli-vs-rpc-{}", std::process::id()));
    std::fs::create_dir_all(&directory).unwrap();
    let file = directory.join("seed.txt");
    std::fs::write(&file, SEED_ARTICLE).unwrap();
    let cli = Command::new(env!("CARGO_BIN_EXE_preprocessor"))
        .args(["preprocess", "--document-id", "same"])
        .arg(&file)
        .output()
        .expect("CLI runs");
    assert!(
        cli.status.success(),
        "{}",
        String::from_utf8_lossy(&cli.stderr)
    );
    let from_cli: serde_json::Value = serde_json::from_slice(&cli.stdout).expect("CLI JSON");

    // The CLI sends the file's bytes as raw with no charset; so does this request.
    let request = api::v1::PreprocessRequest {
        document_id: "same".into(),
        content: Some(api::v1::preprocess_request::Content::Raw(
            SEED_ARTICLE.as_bytes().to_vec(),
        )),
        charset: String::new(),
        options: Some(api::v1::PreprocessOptions {
            profile: api::v1::NormalizationProfile::Translation.into(),
            ..Default::default()
        }),
    };
    let output = grpcurl(
        &server,
        &[
            "-d",
            "@",
            "ADDR",
            "arabic.preprocess.v1.PreprocessService/Preprocess",
        ],
        Some(api::to_json(&request).unwrap()),
    )
    .await;
    let from_rpc: serde_json::Value = serde_json::from_str(&stdout(&output)).expect("JSON");
    assert_eq!(from_cli, from_rpc);
    std::fs::remove_dir_all(&directory).ok();
    server.stop().await.expect("clean stop");
}
