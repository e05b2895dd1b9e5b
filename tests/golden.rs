//! Golden files: the whole response for each article in `tests/golden/` (a `NAME.txt`
//! input beside its `NAME.json` expected output, proto3 JSON as the CLI prints it).
//! A change in the output fails the test with the first differing lines; after checking
//! the change is an improvement, rewrite the files with `UPDATE_GOLDEN=1`. A golden
//! file without its input is an error, so stale snapshots cannot pile up.

use std::path::{Path, PathBuf};

use pipeline::{Options, Pipeline};

fn golden_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/golden")
}

fn render(text: &str, document_id: &str) -> String {
    let article = Pipeline::new().run(text, &Options::default());
    let response = api::preprocess_response(document_id, text, &article, false);
    let json: serde_json::Value =
        serde_json::from_str(&api::to_json(&response).expect("JSON")).expect("valid JSON");
    serde_json::to_string_pretty(&json).expect("pretty JSON") + "\n"
}

#[test]
fn whole_article_output_matches_the_golden_files() {
    let update = std::env::var_os("UPDATE_GOLDEN").is_some();
    let mut inputs = 0;
    let mut failures = Vec::new();
    let mut entries: Vec<PathBuf> = std::fs::read_dir(golden_dir())
        .expect("tests/golden exists")
        .map(|entry| entry.unwrap().path())
        .collect();
    entries.sort();
    for path in &entries {
        match path.extension().and_then(|ext| ext.to_str()) {
            Some("txt") => {}
            Some("json") => {
                assert!(
                    path.with_extension("txt").exists(),
                    "{} has no input beside it: remove the stale golden file",
                    path.display()
                );
                continue;
            }
            _ => continue,
        }
        inputs += 1;
        let name = path.file_stem().unwrap().to_string_lossy().into_owned();
        let text = std::fs::read_to_string(path).unwrap();
        let actual = render(&text, &name);
        let expected_path = path.with_extension("json");
        if update {
            std::fs::write(&expected_path, &actual).unwrap();
            continue;
        }
        let expected = std::fs::read_to_string(&expected_path).unwrap_or_default();
        if expected != actual {
            let first_difference = expected
                .lines()
                .zip(actual.lines())
                .enumerate()
                .find(|(_, (e, a))| e != a)
                .map(|(line, (e, a))| format!("line {}:\n  expected {e}\n  actual   {a}", line + 1))
                .unwrap_or_else(|| "the files differ in length".into());
            failures.push(format!("{name}: {first_difference}"));
        }
    }
    assert!(inputs > 0, "no golden inputs in {}", golden_dir().display());
    assert!(
        failures.is_empty(),
        "output changed (rerun with UPDATE_GOLDEN=1 once the change is checked):\n{}",
        failures.join("\n")
    );
}
