//! The whole service path — `Pipeline::run` then `api::preprocess_response` — against the
//! segmentation-only throughput of `sentencex` (Arabic) and `icu_segmenter` on the same
//! texts in the same run, and its scaling from 1 KB to 10 MB.
//!
//! `cargo bench -p bench --bench whole`. The stage by stage figures are in
//! `cargo bench -p pipeline --bench stages`.

#[path = "../../pipeline/benches/common/mod.rs"]
mod common;

use divan::Bencher;
use divan::counter::{BytesCount, CharsCount};
use pipeline::{Options, Pipeline};

fn main() {
    divan::main();
}

/// One `Preprocess` request: every stage, then the protobuf response (code point spans).
fn request(pipeline: &Pipeline, options: &Options, text: &str) -> api::v1::PreprocessResponse {
    let article = pipeline.run(text, options);
    api::preprocess_response("bench", text, &article, false)
}

/// `Pipeline::run` + `api::preprocess_response`.
#[divan::bench(args = common::CORPUS)]
fn whole(bencher: Bencher, name: &str) {
    let pipeline = Pipeline::new();
    let options = Options::default();
    common::over_corpus(bencher, name, |text| request(&pipeline, &options, text));
}

/// `Pipeline::run` alone.
#[divan::bench(args = common::CORPUS)]
fn pipeline_run(bencher: Bencher, name: &str) {
    let pipeline = Pipeline::new();
    let options = Options::default();
    common::over_corpus(bencher, name, |text| pipeline.run(text, &options));
}

/// `api::preprocess_response` alone, for an article analysed beforehand.
#[divan::bench(args = common::CORPUS)]
fn response(bencher: Bencher, name: &str) {
    let pipeline = Pipeline::new();
    let options = Options::default();
    let texts = common::texts(name);
    let articles: Vec<_> = texts
        .iter()
        .map(|text| pipeline.run(text, &options))
        .collect();
    bencher
        .counter(BytesCount::new(common::bytes(&texts)))
        .counter(CharsCount::new(common::chars(&texts)))
        .bench(|| {
            for (text, article) in texts.iter().zip(&articles) {
                divan::black_box(api::preprocess_response("bench", text, article, false));
            }
        });
}

/// Our sentence stage alone (structure computed beforehand), for the ratio to the peers.
#[divan::bench(args = common::CORPUS)]
fn sentences(bencher: Bencher, name: &str) {
    common::sentence_stage(bencher, name);
}

/// `sentencex::segment("ar", …)`: segmentation only.
#[divan::bench(args = common::CORPUS)]
fn peer_sentencex(bencher: Bencher, name: &str) {
    common::peer_sentencex(bencher, name);
}

/// `icu_segmenter` sentence breaks (UAX #29, compiled data): segmentation only.
#[divan::bench(args = common::CORPUS)]
fn peer_icu(bencher: Bencher, name: &str) {
    common::peer_icu(bencher, name);
}

/// The whole request against input size: the time per byte must stay flat.
#[divan::bench(args = common::SIZES, sample_count = 5, sample_size = 1)]
fn scaling(bencher: Bencher, size: usize) {
    let text = common::sized(size);
    let pipeline = Pipeline::new();
    let options = Options::default();
    bencher
        .counter(BytesCount::new(text.len()))
        .bench(|| request(&pipeline, &options, divan::black_box(&text)));
}

/// A known quadratic case in `quotes` (reported, not ours to fix): one line made of a
/// repeated indirect-speech sentence; each indirect quotation runs to the sentence end
/// and they overlap. Doubling the size should double the time; it quadruples.
#[divan::bench(args = [15_000, 30_000, 60_000, 120_000], sample_count = 5, sample_size = 1)]
fn pathological_indirect_line(bencher: Bencher, size: usize) {
    const SENTENCE: &str = "وقال المسؤول إن المحادثات ستستأنف الأسبوع المقبل في جنيف، ";
    let text = SENTENCE.repeat(size.div_ceil(SENTENCE.len()));
    let blocks = std::slice::from_ref(&(0..text.len())).to_vec();
    bencher.counter(BytesCount::new(text.len())).bench(|| {
        quotes::analyze(divan::black_box(&text), &blocks)
            .quotations
            .len()
    });
}
