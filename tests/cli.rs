//! The command-line front end, run as a real process.

mod support;

use std::{
    io::Write as _,
    process::{Command, Stdio},
};

fn run(args: &[&str], stdin: &[u8]) -> std::process::Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_preprocessor"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("binary runs");
    child.stdin.take().unwrap().write_all(stdin).unwrap();
    child.wait_with_output().unwrap()
}

#[test]
fn preprocess_reads_stdin_and_prints_proto3_json() {
    let output = run(&["preprocess", "-"], support::SEED_ARTICLE.as_bytes());
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let response: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(response["documentId"], "stdin");
    // proto3 JSON: lowerCamelCase names and enum names.
    assert!(
        response["segments"][0]["kind"]
            .as_str()
            .unwrap()
            .starts_with("SEGMENT_KIND_")
    );
    assert!(response.get("removedBoilerplate").is_some());
    assert!(response.get("removed_boilerplate").is_none());
}

#[test]
fn normalize_reads_windows_1256_by_label() {
    let (bytes, _, _) = encoding_rs::WINDOWS_1256.encode("قال الوزير");
    let output = run(&["normalize", "--charset", "windows-1256", "-"], &bytes);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let response: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(response["normalizedText"], "قال الوزير");
}

#[test]
fn invalid_input_exits_2_with_the_field_named() {
    let output = run(&["preprocess", "--charset", "utf-8", "-"], &[0xD8, 0xFF]);
    assert_eq!(output.status.code(), Some(2));
    let message = String::from_utf8_lossy(&output.stderr);
    assert!(message.contains("raw"), "{message}");
    assert!(message.contains("byte offset 0"), "{message}");
    assert!(output.stdout.is_empty());
}

#[test]
fn missing_file_exits_2() {
    let output = run(&["preprocess", "/nonexistent/article.txt"], b"");
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("cannot read"));
}
