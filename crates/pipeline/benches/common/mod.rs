//! The benchmark corpus, shared by `crates/pipeline/benches` and `crates/bench/benches`.
//!
//! - `seed`: `examples/seed-article.txt`;
//! - `dev`: every `../shared/corpus/dev/*.txt` next to the workspace, read at run time and
//!   never copied into the repository (the seed alone when the directory is absent);
//! - `long`: the seed and the dev articles concatenated, repeated and cut at a line end
//!   to 1 MB, one synthetic article.
//!
//! [`sized`] cuts the same concatenation to any size for the scaling benchmarks.
#![allow(dead_code)]

use std::path::PathBuf;
use std::sync::OnceLock;

/// The example article.
pub const SEED: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../examples/seed-article.txt"
));

/// Names of the corpus inputs, for `#[divan::bench(args = CORPUS)]`.
pub const CORPUS: &[&str] = &["seed", "dev", "long"];

/// Sizes of the scaling inputs: 1 KB, 10 KB, 100 KB, 1 MB, 10 MB.
pub const SIZES: &[usize] = &[1_000, 10_000, 100_000, 1_000_000, 10_000_000];

/// The workspace root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The dev articles in file-name order, or the seed alone when the corpus is absent.
pub fn dev() -> &'static [String] {
    static DEV: OnceLock<Vec<String>> = OnceLock::new();
    DEV.get_or_init(|| {
        let dir = root().join("../shared/corpus/dev");
        let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
            .map(|entries| {
                entries
                    .filter_map(|entry| entry.ok().map(|entry| entry.path()))
                    .filter(|path| path.extension().is_some_and(|ext| ext == "txt"))
                    .collect()
            })
            .unwrap_or_default();
        paths.sort();
        let texts: Vec<String> = paths
            .iter()
            .filter_map(|path| std::fs::read_to_string(path).ok())
            .collect();
        if texts.is_empty() {
            eprintln!("bench corpus: {} not found, using the seed", dir.display());
            vec![SEED.to_owned()]
        } else {
            texts
        }
    })
}

/// The seed and every dev article, blank-line separated, repeated to at least `size`
/// bytes and cut at the last line end before `size` (at a char boundary when there is no
/// line end in the second half).
pub fn sized(size: usize) -> String {
    let mut one = String::from(SEED);
    for text in dev() {
        one.push_str("\n\n");
        one.push_str(text);
    }
    one.push_str("\n\n");
    let mut text = String::with_capacity(size + one.len());
    while text.len() < size {
        text.push_str(&one);
    }
    let mut cut = size;
    while !text.is_char_boundary(cut) {
        cut -= 1;
    }
    if let Some(line) = text[..cut].rfind('\n')
        && line >= cut / 2
    {
        cut = line + 1;
    }
    text.truncate(cut);
    text
}

/// The 1 MB synthetic article.
pub fn long() -> &'static str {
    static LONG: OnceLock<String> = OnceLock::new();
    LONG.get_or_init(|| sized(1_000_000))
}

/// The texts of one corpus input: one article, or the dev articles one after another.
pub fn texts(name: &str) -> Vec<&'static str> {
    match name {
        "seed" => vec![SEED],
        "dev" => dev().iter().map(String::as_str).collect(),
        "long" => vec![long()],
        other => panic!("unknown corpus input {other}"),
    }
}

/// Total bytes of `texts`.
pub fn bytes(texts: &[&str]) -> usize {
    texts.iter().map(|text| text.len()).sum()
}

/// Total chars (code points) of `texts`.
pub fn chars(texts: &[&str]) -> usize {
    texts.iter().map(|text| text.chars().count()).sum()
}

/// Runs `f` over every text of the corpus input `name`, counting bytes and chars.
pub fn over_corpus<R>(bencher: divan::Bencher, name: &str, f: impl Fn(&str) -> R + Sync) {
    let texts = texts(name);
    bencher
        .counter(divan::counter::BytesCount::new(bytes(&texts)))
        .counter(divan::counter::CharsCount::new(chars(&texts)))
        .bench(|| {
            for text in &texts {
                divan::black_box(f(divan::black_box(text)));
            }
        });
}

/// Our sentence stage alone over the corpus input `name` (the structure is computed
/// beforehand), shared by the stage and whole-request benchmarks.
pub fn sentence_stage(bencher: divan::Bencher, name: &str) {
    let texts = texts(name);
    let structures: Vec<_> = texts.iter().map(|text| article::analyze(text)).collect();
    let options = article::SentenceOptions::default();
    bencher
        .counter(divan::counter::BytesCount::new(bytes(&texts)))
        .counter(divan::counter::CharsCount::new(chars(&texts)))
        .bench(|| {
            let mut n = 0;
            for (text, structure) in texts.iter().zip(&structures) {
                for block in &structure.blocks {
                    n += article::split_sentences(divan::black_box(text), block, &options).len();
                }
            }
            n
        });
}

/// `sentencex::segment("ar", …)` over the corpus input `name`: segmentation only.
pub fn peer_sentencex(bencher: divan::Bencher, name: &str) {
    over_corpus(bencher, name, |text| sentencex::segment("ar", text).len());
}

/// `icu_segmenter` sentence breaks (UAX #29, compiled data) over the corpus input `name`.
pub fn peer_icu(bencher: divan::Bencher, name: &str) {
    let segmenter = icu_segmenter::SentenceSegmenter::new(Default::default());
    over_corpus(bencher, name, |text| segmenter.segment_str(text).count());
}
