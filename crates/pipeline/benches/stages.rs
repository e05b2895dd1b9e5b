//! Throughput of each stage and of `Pipeline::run`, side by side with the fastest peer
//! sentence splitters (`sentencex` for Arabic, `icu_segmenter`) on the same texts in the
//! same run, and the scaling of the cost with the input size.
//!
//! `cargo bench -p pipeline --bench stages` (release, single thread). Inputs are in
//! `common/mod.rs`: `seed`, `dev` (the dev articles one request each), `long` (1 MB).
//! Every benchmark reports bytes/s and chars/s; the whole pipeline with response building
//! is in `crates/bench`.

mod common;

use divan::Bencher;
use divan::counter::{BytesCount, CharsCount};
use pipeline::{NormalizeOptions, Options, Pipeline};

fn main() {
    divan::main();
}

/// Blocks of the article that are not boilerplate, as the pipeline gives them to quotes.
fn text_blocks(structure: &article::Structure) -> Vec<std::ops::Range<usize>> {
    structure
        .blocks
        .iter()
        .filter(|block| !matches!(block.kind, article::BlockKind::Boilerplate(_)))
        .map(|block| block.span.clone())
        .collect()
}

mod stage {
    use super::*;

    /// Normalization (translation profile) with its offset map.
    #[divan::bench(args = common::CORPUS)]
    fn normalize(bencher: Bencher, name: &str) {
        let pipeline = Pipeline::new();
        common::over_corpus(bencher, name, |text| {
            pipeline.normalize(text, NormalizeOptions::default())
        });
    }

    /// Blocks, boilerplate and metadata.
    #[divan::bench(args = common::CORPUS)]
    fn structure(bencher: Bencher, name: &str) {
        common::over_corpus(bencher, name, article::analyze);
    }

    /// Sentence segmentation of every block (the structure is computed beforehand).
    #[divan::bench(args = common::CORPUS)]
    fn sentences(bencher: Bencher, name: &str) {
        common::sentence_stage(bencher, name);
    }

    /// Quotations, cues, speakers and attribution (the blocks are computed beforehand).
    #[divan::bench(args = common::CORPUS)]
    fn quotations(bencher: Bencher, name: &str) {
        let texts = common::texts(name);
        let blocks: Vec<_> = texts
            .iter()
            .map(|text| text_blocks(&article::analyze(text)))
            .collect();
        bencher
            .counter(BytesCount::new(common::bytes(&texts)))
            .counter(CharsCount::new(common::chars(&texts)))
            .bench(|| {
                for (text, blocks) in texts.iter().zip(&blocks) {
                    divan::black_box(quotes::analyze(divan::black_box(text), blocks));
                }
            });
    }

    /// `Pipeline::run`: every stage, no response building.
    #[divan::bench(args = common::CORPUS)]
    fn pipeline_run(bencher: Bencher, name: &str) {
        let pipeline = Pipeline::new();
        let options = Options::default();
        common::over_corpus(bencher, name, |text| pipeline.run(text, &options));
    }
}

mod peer {
    use super::*;

    /// `sentencex::segment("ar", …)`: segmentation only.
    #[divan::bench(args = common::CORPUS)]
    fn sentencex(bencher: Bencher, name: &str) {
        common::peer_sentencex(bencher, name);
    }

    /// `icu_segmenter` sentence breaks (UAX #29, compiled data): segmentation only.
    #[divan::bench(args = common::CORPUS)]
    fn icu(bencher: Bencher, name: &str) {
        common::peer_icu(bencher, name);
    }
}

/// Cost against input size (1 KB … 10 MB): the time per byte must stay flat.
mod scaling {
    use super::*;

    #[divan::bench(args = common::SIZES, sample_count = 10, sample_size = 1)]
    fn pipeline_run(bencher: Bencher, size: usize) {
        let text = common::sized(size);
        let pipeline = Pipeline::new();
        let options = Options::default();
        bencher
            .counter(BytesCount::new(text.len()))
            .bench(|| pipeline.run(divan::black_box(&text), &options));
    }

    #[divan::bench(args = common::SIZES, sample_count = 10, sample_size = 1)]
    fn sentencex(bencher: Bencher, size: usize) {
        let text = common::sized(size);
        bencher
            .counter(BytesCount::new(text.len()))
            .bench(|| ::sentencex::segment("ar", divan::black_box(&text)).len());
    }
}
