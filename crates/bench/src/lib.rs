//! Benchmarks only: `cargo bench -p bench`. See `benches/whole.rs` (throughput of the
//! whole pipeline with response building, side by side with `sentencex` and
//! `icu_segmenter`, and its scaling) and `benches/memory.rs` (allocations per request and
//! peak memory). The corpus is `crates/pipeline/benches/common/mod.rs`.
