//! Batches of units under a size limit, for MT APIs with per-request limits.

use std::ops::Range;

use crate::TranslationUnit;

/// How a unit's size is measured.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Measure {
    /// Unicode code points of the unit text (Google recommends ≈ 30 000 per request).
    #[default]
    Chars,
    /// UTF-8 bytes of the unit text (DeepL accepts 128 KiB per request).
    Bytes,
}

impl Measure {
    /// The size of `text`.
    pub fn size(self, text: &str) -> usize {
        match self {
            Self::Chars => text.chars().count(),
            Self::Bytes => text.len(),
        }
    }
}

/// Consecutive units sent together.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Batch {
    /// Indexes of the units, consecutive.
    pub units: Range<usize>,
    /// Sum of the sizes of the units' texts.
    pub size: usize,
    /// The batch holds one unit larger than the limit on its own (a unit is never
    /// split; the caller must decide what to do with it).
    pub oversize: bool,
}

/// Groups `units` in order into batches whose texts add up to at most `limit` (as
/// measured by `measure`). A unit is never split: one larger than the limit gets a batch
/// of its own, flagged `oversize`. Greedy, linear time.
pub fn pack(units: &[TranslationUnit], limit: usize, measure: Measure) -> Vec<Batch> {
    let mut batches: Vec<Batch> = Vec::new();
    let mut current: Option<Batch> = None;
    for (index, unit) in units.iter().enumerate() {
        let size = measure.size(&unit.text);
        match &mut current {
            Some(batch) if batch.size + size <= limit => {
                batch.units.end = index + 1;
                batch.size += size;
            }
            _ => {
                batches.extend(current.take());
                current = Some(Batch {
                    units: index..index + 1,
                    size,
                    oversize: size > limit,
                });
            }
        }
    }
    batches.extend(current);
    batches
}
