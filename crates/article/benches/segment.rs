//! Throughput of the two stages on the seed page (repeated to a realistic batch size).
//!
//! `cargo bench -p article` — divan reports time per iteration and bytes/s; the input is
//! mostly two-byte Arabic characters, so chars/s ≈ bytes/s ÷ 1.9.

use article::{SentenceOptions, analyze, split_sentences};
use divan::counter::BytesCount;

const SEED: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../examples/seed-article.txt"
));

fn main() {
    divan::main();
}

fn input() -> String {
    SEED.repeat(20)
}

#[divan::bench]
fn sentences(bencher: divan::Bencher) {
    let text = input();
    let structure = analyze(&text);
    let options = SentenceOptions::default();
    bencher.counter(BytesCount::new(text.len())).bench(|| {
        let mut n = 0;
        for block in &structure.blocks {
            n += split_sentences(divan::black_box(&text), block, &options).len();
        }
        n
    });
}

#[divan::bench]
fn structure(bencher: divan::Bencher) {
    let text = input();
    bencher
        .counter(BytesCount::new(text.len()))
        .bench(|| analyze(divan::black_box(&text)).blocks.len());
}
