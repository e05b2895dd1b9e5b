//! Scores the pipeline on gold corpora, computing exactly what `shared/tools/score.py`
//! computes, in-process (no server, no subprocess per document).
//!
//! ```text
//! cargo run --release -p eval -- CORPUS [CORPUS ...] [--per-doc] [--flatten]
//! ```
//!
//! CORPUS is a gold file (`seed/gold.json`), a folder of `*.gold.json` (`dev/`), or a
//! `.jsonl` of `{"text", "boundaries"}` documents (`ud-pud/pud_docs.jsonl`, sentence
//! boundaries only). `--flatten` replaces every newline of the texts by a space (scrapers
//! often lose line breaks) and ignores the boundary after the title line, so the figure
//! is about body sentences.

mod score;

use std::{
    collections::HashMap,
    path::{Path, PathBuf},
};

use anyhow::{Context as _, bail};
use api::v1;
use pipeline::{Options, Pipeline};
use score::{Counts, PredictedQuotation, Prediction, Span};
use serde_json::Value;

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let per_doc = args.iter().any(|arg| arg == "--per-doc");
    let flatten = args.iter().any(|arg| arg == "--flatten");
    let corpora: Vec<&String> = args.iter().filter(|arg| !arg.starts_with("--")).collect();
    if corpora.is_empty() {
        bail!("usage: eval CORPUS [CORPUS ...] [--per-doc] [--flatten]");
    }
    let pipeline = Pipeline::new();
    let mut golds = Vec::new();
    for corpus in corpora {
        let path = PathBuf::from(corpus);
        if corpus.ends_with(".jsonl") {
            score_jsonl(&pipeline, &path, flatten)?;
        } else if path.is_dir() {
            let mut found: Vec<PathBuf> = std::fs::read_dir(&path)?
                .filter_map(|entry| entry.ok().map(|entry| entry.path()))
                .filter(|file| file.to_string_lossy().ends_with(".gold.json"))
                .collect();
            found.sort();
            golds.extend(found);
        } else {
            golds.push(path);
        }
    }
    if golds.is_empty() {
        return Ok(());
    }
    let mut total = Counts::default();
    for gold_path in &golds {
        let mut gold: Value = serde_json::from_str(
            &std::fs::read_to_string(gold_path)
                .with_context(|| format!("cannot read {}", gold_path.display()))?,
        )?;
        let document = gold["document"].as_str().context("gold has no document")?;
        let text_path = gold_path.parent().unwrap_or(Path::new(".")).join(document);
        let mut text = std::fs::read_to_string(&text_path)
            .with_context(|| format!("cannot read {}", text_path.display()))?;
        if flatten {
            text = text.replace('\n', " ");
            if let Some(title) = gold["sentences"].get_mut(0) {
                title["optional_end"] = Value::Bool(true);
            }
        }
        let prediction = predict(&pipeline, &text);
        let chars: Vec<char> = text.chars().collect();
        let counts = score::score_document(&chars, &gold, &prediction);
        if per_doc {
            println!("{} {}", gold_path.display(), counts.summary().join(" | "));
        }
        total.add(&counts);
    }
    for line in total.summary() {
        println!("{line}");
    }
    Ok(())
}

/// Runs the pipeline and reads the response as `convert_response.py` does.
fn predict(pipeline: &Pipeline, text: &str) -> Prediction {
    let article = pipeline.run(text, &Options::default());
    let response = api::preprocess_response("eval", text, &article, false);
    let span = |span: &Option<v1::Span>| -> Option<Span> {
        span.as_ref()
            .map(|span| (span.start as usize, span.end as usize))
    };
    let mut prediction = Prediction::default();
    for segment in &response.segments {
        let Some(segment_span) = span(&segment.span) else {
            continue;
        };
        if segment.kind() == v1::SegmentKind::Boilerplate {
            prediction.boilerplate.push(segment_span);
        } else {
            prediction.sentences.push(segment_span);
        }
    }
    prediction.boilerplate.extend(
        response
            .removed_boilerplate
            .iter()
            .filter_map(|b| span(&b.span)),
    );
    let speakers: HashMap<&str, &str> = response
        .speakers
        .iter()
        .map(|speaker| (speaker.id.as_str(), speaker.canonical_name.as_str()))
        .collect();
    for quotation in &response.quotations {
        if !matches!(
            quotation.kind(),
            v1::QuotationKind::Direct | v1::QuotationKind::Unspecified
        ) {
            continue;
        }
        let Some(content) = span(&quotation.content_span) else {
            continue;
        };
        let attribution = quotation.attribution.as_ref();
        let speaker = attribution
            .and_then(|a| speakers.get(a.speaker_id.as_str()).copied())
            .filter(|name| !name.is_empty())
            .map(str::to_owned)
            .or_else(|| {
                attribution
                    .and_then(|a| a.speaker_mention.as_ref())
                    .map(|mention| mention.text.clone())
            });
        prediction.quotations.push(PredictedQuotation {
            span: content,
            speaker,
        });
    }
    prediction
}

/// Sentence boundaries of `{"text", "boundaries"}` documents, as evaluate.py scores them.
fn score_jsonl(pipeline: &Pipeline, path: &Path, flatten: bool) -> anyhow::Result<()> {
    let (mut tp, mut fp, mut false_negatives) = (0, 0, 0);
    let content =
        std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
    for line in content.lines().filter(|line| !line.trim().is_empty()) {
        let document: Value = serde_json::from_str(line)?;
        let mut text = document["text"].as_str().context("no text")?.to_owned();
        if flatten {
            text = text.replace('\n', " ");
        }
        let chars: Vec<char> = text.chars().collect();
        let gold = score::boundaries(
            &chars,
            document["boundaries"]
                .as_array()
                .context("no boundaries")?
                .iter()
                .filter_map(Value::as_u64)
                .map(|b| (0, b as usize)),
        );
        let predicted = score::boundaries(&chars, predict(pipeline, &text).sentences);
        tp += gold.intersection(&predicted).count();
        fp += predicted.difference(&gold).count();
        false_negatives += gold.difference(&predicted).count();
    }
    let (p, r, f) = score::f1(tp, fp, false_negatives);
    println!(
        "{} sentences: P {p:.4} R {r:.4} F1 {f:.4} (tp {tp} fp {fp} fn {false_negatives})",
        path.file_name().unwrap_or_default().to_string_lossy()
    );
    Ok(())
}
