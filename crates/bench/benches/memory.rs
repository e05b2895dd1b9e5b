//! Allocations of one request and peak memory, counted by a global allocator that wraps
//! the system allocator.
//!
//! `cargo bench -p bench --bench memory` prints, for `Pipeline::run` and
//! `api::preprocess_response` separately and together: allocations per 100 input bytes
//! on the seed article (and on the dev articles), and the peak live heap bytes while
//! processing the 10 MB synthetic input as a multiple of the input size (the input
//! itself not counted).

#![allow(unsafe_code)]

#[path = "../../pipeline/benches/common/mod.rs"]
mod common;

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};

use pipeline::{Options, Pipeline};

/// The system allocator, counting allocations, live bytes and the peak of live bytes.
struct Counting;

static ALLOCATIONS: AtomicUsize = AtomicUsize::new(0);
static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

fn grew(size: usize) {
    let live = LIVE.fetch_add(size, Relaxed) + size;
    PEAK.fetch_max(live, Relaxed);
}

// SAFETY: every call forwards to `System` with the same arguments; the counters are
// atomics and never allocate.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, Relaxed);
        grew(layout.size());
        // SAFETY: forwarded as is.
        unsafe { System.alloc(layout) }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, Relaxed);
        grew(layout.size());
        // SAFETY: forwarded as is.
        unsafe { System.alloc_zeroed(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        LIVE.fetch_sub(layout.size(), Relaxed);
        // SAFETY: forwarded as is.
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, Relaxed);
        if new_size >= layout.size() {
            grew(new_size - layout.size());
        } else {
            LIVE.fetch_sub(layout.size() - new_size, Relaxed);
        }
        // SAFETY: forwarded as is.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

/// Allocations made by `f`, and the peak live bytes above those live before it.
fn measure<R>(f: impl FnOnce() -> R) -> (R, usize, usize) {
    let before = ALLOCATIONS.load(Relaxed);
    let base = LIVE.load(Relaxed);
    PEAK.store(base, Relaxed);
    let result = f();
    let allocations = ALLOCATIONS.load(Relaxed) - before;
    let peak = PEAK.load(Relaxed) - base;
    (result, allocations, peak)
}

fn per_100(allocations: usize, bytes: usize) -> f64 {
    allocations as f64 * 100.0 / bytes as f64
}

fn report(label: &str, texts: &[&str]) {
    let pipeline = Pipeline::new();
    let options = Options::default();
    // Warm up once: lazily built tables (automata, lexicons) are not per request.
    for text in texts {
        let article = pipeline.run(text, &options);
        drop(api::preprocess_response("bench", text, &article, false));
    }
    let bytes = common::bytes(texts);
    let (mut run, mut response, mut peak) = (0, 0, 0);
    for text in texts {
        let (article, a_run, p_run) = measure(|| pipeline.run(text, &options));
        let (reply, a_response, p_response) =
            measure(|| api::preprocess_response("bench", text, &article, false));
        drop(reply);
        drop(article);
        run += a_run;
        response += a_response;
        peak = peak.max(p_run).max(p_response);
    }
    println!(
        "{label:<14} {bytes:>10} B  run {run:>7} allocs ({:>5.2}/100 B)  response {response:>7} ({:>5.2}/100 B)  total {:>7} ({:>5.2}/100 B)",
        per_100(run, bytes),
        per_100(response, bytes),
        run + response,
        per_100(run + response, bytes),
    );
    let _ = peak;
}

/// Allocations of each stage alone on `text`, as `Pipeline::run` calls them.
fn stages(text: &str) {
    let pipeline = Pipeline::new();
    let options = pipeline::NormalizeOptions::default();
    let (normalized, normalize, normalize_peak) =
        measure(|| pipeline.normalize(text, options.clone()));
    drop(normalized);
    let (structure, analyze, structure_peak) = measure(|| article::analyze(text));
    let sentence_options = article::SentenceOptions::default();
    let (_, sentences, sentences_peak) = measure(|| {
        structure
            .blocks
            .iter()
            .map(|block| article::split_sentences(text, block, &sentence_options))
            .collect::<Vec<_>>()
    });
    let blocks: Vec<_> = structure
        .blocks
        .iter()
        .filter(|block| !matches!(block.kind, article::BlockKind::Boilerplate(_)))
        .map(|block| block.span.clone())
        .collect();
    let (_, quotations, quotations_peak) = measure(|| quotes::analyze(text, &blocks));
    let ratio = |bytes: usize| bytes as f64 / text.len() as f64;
    println!(
        "  allocations by stage: normalize {normalize}, structure {analyze}, sentences {sentences}, quotations {quotations}"
    );
    println!(
        "  peak by stage: normalize {:.2}x, structure {:.2}x, sentences {:.2}x, quotations {:.2}x",
        ratio(normalize_peak),
        ratio(structure_peak),
        ratio(sentences_peak),
        ratio(quotations_peak),
    );
}

fn main() {
    // `cargo bench` passes `--bench`; anything else (a filter) is ignored.
    println!("allocations per request (after one warm-up request)");
    report("seed", &common::texts("seed"));
    stages(common::SEED);
    let dev = common::texts("dev");
    report(&format!("dev ({})", dev.len()), &dev);

    println!("\npeak live heap bytes above the input, one request at a time");
    for &size in &[1_000_000, 10_000_000] {
        let text = common::sized(size);
        stages(&text);
        let pipeline = Pipeline::new();
        let options = Options::default();
        let base = LIVE.load(Relaxed);
        let (article, run_allocations, run_peak) = measure(|| pipeline.run(&text, &options));
        let article_live = LIVE.load(Relaxed) - base;
        let (reply, response_allocations, response_peak) =
            measure(|| api::preprocess_response("bench", &text, &article, false));
        let reply_live = LIVE.load(Relaxed) - base - article_live;
        drop((article, reply));
        let peak = run_peak.max(article_live + response_peak);
        let allocations = run_allocations + response_allocations;
        let ratio = |bytes: usize| bytes as f64 / text.len() as f64;
        println!(
            "{:>10} B input: peak {:>11} B = {:>5.2}x the input ({} allocations, {:.2}/100 B)",
            text.len(),
            peak,
            ratio(peak),
            allocations,
            per_100(allocations, text.len()),
        );
        println!(
            "{:>20} run peak {:.2}x, Article kept {:.2}x, response building peak {:.2}x (response kept {:.2}x)",
            "",
            ratio(run_peak),
            ratio(article_live),
            ratio(response_peak),
            ratio(reply_live),
        );
    }
}
