//! The alignment between an original text and its normalized form.
//!
//! Normalization is a left-to-right sequence of *steps*: each consumes a contiguous original
//! range and produces a contiguous normalized range. Most of the text is copied unchanged,
//! and in unchanged stretches an offset maps linearly with a constant delta. Only the
//! changed steps are stored, as a sorted list of (original, normalized) anchors with their
//! lengths; the unchanged stretches are the gaps between them. A lookup is a binary search.
//!
//! A changed step is atomic: any normalized byte inside it maps to the whole original range
//! of the step (an NFC composition, a lam-alef ligature expanded to two letters, a run of
//! spaces collapsed to one). A deletion is a step with an empty normalized range. A
//! replacement of one character by one character of the same UTF-8 length is not stored,
//! because the linear mapping of an unchanged stretch already maps it exactly.

use std::ops::Range;

/// One changed step: `orig_len` bytes of the original at `orig` became `norm_len` bytes of
/// the normalized text at `norm`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Step {
    pub(crate) orig: usize,
    pub(crate) norm: usize,
    pub(crate) orig_len: usize,
    pub(crate) norm_len: usize,
}

impl Step {
    fn orig_end(&self) -> usize {
        self.orig + self.orig_len
    }

    fn norm_end(&self) -> usize {
        self.norm + self.norm_len
    }
}

/// Sorted changed steps plus the lengths of both texts.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct OffsetMap {
    steps: Vec<Step>,
    orig_len: usize,
    norm_len: usize,
}

/// Where a byte of one side falls: inside a stored step, or in an unchanged stretch at a
/// linear position of the other side.
enum Located<'a> {
    InStep(&'a Step),
    Linear(usize),
}

impl OffsetMap {
    /// An empty map able to hold `capacity` steps without reallocating.
    pub(crate) fn with_capacity(capacity: usize) -> Self {
        Self {
            steps: Vec::with_capacity(capacity),
            orig_len: 0,
            norm_len: 0,
        }
    }

    /// The identity map of a text of `len` bytes.
    pub(crate) fn identity(len: usize) -> Self {
        Self {
            steps: Vec::new(),
            orig_len: len,
            norm_len: len,
        }
    }

    /// Records that `orig` became `norm`. Steps must arrive in order and never overlap.
    pub(crate) fn push(&mut self, orig: Range<usize>, norm: Range<usize>) {
        let orig_len = orig.end - orig.start;
        let norm_len = norm.end - norm.start;
        if orig_len == 0 && norm_len == 0 {
            return;
        }
        if norm_len == 0
            && let Some(last) = self.steps.last_mut()
            && last.norm_len == 0
            && last.orig_end() == orig.start
        {
            // Adjacent deletions carry no information apart: merging keeps the map compact.
            last.orig_len += orig_len;
            return;
        }
        self.steps.push(Step {
            orig: orig.start,
            norm: norm.start,
            orig_len,
            norm_len,
        });
    }

    /// Sets the total lengths once the pass is over.
    pub(crate) fn finish(&mut self, orig_len: usize, norm_len: usize) {
        self.orig_len = orig_len;
        self.norm_len = norm_len;
    }

    pub(crate) fn steps(&self) -> &[Step] {
        &self.steps
    }

    pub(crate) fn orig_len(&self) -> usize {
        self.orig_len
    }

    #[cfg(test)]
    pub(crate) fn norm_len(&self) -> usize {
        self.norm_len
    }

    fn locate_norm_byte(&self, x: usize) -> Located<'_> {
        let idx = self.steps.partition_point(|s| s.norm_end() <= x);
        if let Some(step) = self.steps.get(idx)
            && step.norm <= x
        {
            return Located::InStep(step);
        }
        let linear = match idx.checked_sub(1).and_then(|i| self.steps.get(i)) {
            Some(prev) => x - prev.norm_end() + prev.orig_end(),
            None => x,
        };
        Located::Linear(linear)
    }

    fn locate_orig_byte(&self, x: usize) -> Located<'_> {
        let idx = self.steps.partition_point(|s| s.orig_end() <= x);
        if let Some(step) = self.steps.get(idx)
            && step.orig <= x
        {
            return Located::InStep(step);
        }
        let linear = match idx.checked_sub(1).and_then(|i| self.steps.get(i)) {
            Some(prev) => x - prev.orig_end() + prev.norm_end(),
            None => x,
        };
        Located::Linear(linear)
    }

    /// Normalized byte range → smallest original range covering every original byte that
    /// produced it. An empty range maps to an empty range: inside a step, at the step's
    /// start; elsewhere, right after the original of the byte before it (so deletions that
    /// precede the position are not crossed).
    pub(crate) fn to_original(&self, range: Range<usize>) -> Range<usize> {
        let start = range.start.min(self.norm_len);
        let end = range.end.clamp(start, self.norm_len);
        if start == end {
            let pos = self.norm_boundary_to_orig(start);
            return pos..pos;
        }
        let orig_start = match self.locate_norm_byte(start) {
            Located::InStep(step) => step.orig,
            Located::Linear(pos) => pos,
        };
        let orig_end = match self.locate_norm_byte(end - 1) {
            Located::InStep(step) => step.orig_end(),
            Located::Linear(pos) => pos + 1,
        };
        orig_start..orig_end.min(self.orig_len)
    }

    fn norm_boundary_to_orig(&self, pos: usize) -> usize {
        if pos == 0 {
            return 0;
        }
        if let Located::InStep(step) = self.locate_norm_byte(pos)
            && step.norm < pos
        {
            return step.orig;
        }
        match self.locate_norm_byte(pos - 1) {
            Located::InStep(step) => step.orig_end(),
            Located::Linear(p) => (p + 1).min(self.orig_len),
        }
    }

    /// Original byte range → normalized range it became (empty when it was deleted).
    pub(crate) fn to_normalized(&self, range: Range<usize>) -> Range<usize> {
        let start = range.start.min(self.orig_len);
        let end = range.end.clamp(start, self.orig_len);
        if start == end {
            let pos = self.orig_boundary_to_norm(start);
            return pos..pos;
        }
        let norm_start = match self.locate_orig_byte(start) {
            Located::InStep(step) => step.norm,
            Located::Linear(pos) => pos,
        };
        let norm_end = match self.locate_orig_byte(end - 1) {
            Located::InStep(step) => step.norm_end(),
            Located::Linear(pos) => pos + 1,
        };
        norm_start..norm_end.clamp(norm_start, self.norm_len)
    }

    fn orig_boundary_to_norm(&self, pos: usize) -> usize {
        if pos == 0 {
            return 0;
        }
        if let Located::InStep(step) = self.locate_orig_byte(pos)
            && step.orig < pos
        {
            return step.norm;
        }
        match self.locate_orig_byte(pos - 1) {
            Located::InStep(step) => step.norm_end(),
            Located::Linear(p) => (p + 1).min(self.norm_len),
        }
    }

    /// The map of `second ∘ self`: `self` maps A → B and `second` maps B → C.
    ///
    /// Steps of the two maps that overlap in B merge into one atomic step, so the result
    /// is still the smallest covering alignment that the two maps can express.
    pub(crate) fn then(&self, second: &OffsetMap) -> OffsetMap {
        let mut first_pieces = Pieces::new(self);
        let mut second_pieces = Pieces::new(second);
        let mut out = OffsetMap::with_capacity(self.steps.len() + second.steps.len());
        let (mut a, mut c) = (0usize, 0usize);
        loop {
            // Pieces with no extent in B (deletions of the first map, insertions of the
            // second) stand alone when no cluster is open.
            if let Some(p) = first_pieces.peek()
                && p.dst == 0
            {
                out.push(a..a + p.src, c..c);
                a += p.src;
                first_pieces.advance_whole();
                continue;
            }
            if let Some(p) = second_pieces.peek()
                && p.src == 0
            {
                out.push(a..a, c..c + p.dst);
                c += p.dst;
                second_pieces.advance_whole();
                continue;
            }
            let (Some(p1), Some(p2)) = (first_pieces.peek(), second_pieces.peek()) else {
                break;
            };
            if !p1.atomic && !p2.atomic {
                let n = p1.dst.min(p2.src);
                a += n;
                c += n;
                first_pieces.advance_linear(n);
                second_pieces.advance_linear(n);
                continue;
            }
            // A cluster: grow its end in B until neither side has an atomic piece
            // crossing it.
            let (start_a, start_c) = (a, c);
            let mut b1 = 0usize;
            let mut b2 = 0usize;
            let mut end = 0usize;
            if p1.atomic {
                end = end.max(p1.dst);
            }
            if p2.atomic {
                end = end.max(p2.src);
            }
            loop {
                let mut progressed = false;
                while b1 < end {
                    let Some(p) = first_pieces.peek() else { break };
                    progressed = true;
                    if p.atomic || p.dst == 0 {
                        a += p.src;
                        b1 += p.dst;
                        first_pieces.advance_whole();
                    } else {
                        let n = p.dst.min(end - b1);
                        a += n;
                        b1 += n;
                        first_pieces.advance_linear(n);
                    }
                    end = end.max(b1);
                }
                while b2 < end {
                    let Some(p) = second_pieces.peek() else { break };
                    progressed = true;
                    if p.atomic || p.src == 0 {
                        c += p.dst;
                        b2 += p.src;
                        second_pieces.advance_whole();
                    } else {
                        let n = p.src.min(end - b2);
                        c += n;
                        b2 += n;
                        second_pieces.advance_linear(n);
                    }
                    end = end.max(b2);
                }
                // Done when both sides reached the end; no progress means the maps
                // disagree on B's length, which cannot happen, but must not hang.
                if (b1 >= end && b2 >= end) || !progressed {
                    break;
                }
            }
            out.push(start_a..a, start_c..c);
        }
        out.finish(self.orig_len, second.norm_len);
        out
    }
}

/// A piece of a map seen as a full partition: `src` bytes became `dst` bytes, either
/// linearly (an unchanged stretch, which may be split) or atomically (a stored step).
#[derive(Debug, Clone, Copy)]
struct Piece {
    src: usize,
    dst: usize,
    atomic: bool,
}

/// Walks a map as a sequence of pieces, allowing linear pieces to be consumed partly.
struct Pieces<'a> {
    map: &'a OffsetMap,
    next_step: usize,
    /// Original position up to which pieces have been consumed.
    src_pos: usize,
}

impl<'a> Pieces<'a> {
    fn new(map: &'a OffsetMap) -> Self {
        Self {
            map,
            next_step: 0,
            src_pos: 0,
        }
    }

    fn peek(&self) -> Option<Piece> {
        match self.map.steps.get(self.next_step) {
            Some(step) if self.src_pos < step.orig => Some(Piece {
                src: step.orig - self.src_pos,
                dst: step.orig - self.src_pos,
                atomic: false,
            }),
            Some(step) => Some(Piece {
                src: step.orig_len,
                dst: step.norm_len,
                atomic: true,
            }),
            None if self.src_pos < self.map.orig_len => Some(Piece {
                src: self.map.orig_len - self.src_pos,
                dst: self.map.orig_len - self.src_pos,
                atomic: false,
            }),
            None => None,
        }
    }

    fn advance_whole(&mut self) {
        match self.map.steps.get(self.next_step) {
            Some(step) if self.src_pos >= step.orig => {
                self.src_pos = step.orig_end();
                self.next_step += 1;
            }
            Some(step) => self.src_pos = step.orig,
            None => self.src_pos = self.map.orig_len,
        }
    }

    fn advance_linear(&mut self, n: usize) {
        self.src_pos += n;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn map(steps: &[(Range<usize>, Range<usize>)], orig_len: usize, norm_len: usize) -> OffsetMap {
        let mut m = OffsetMap::default();
        for (o, n) in steps {
            m.push(o.clone(), n.clone());
        }
        m.finish(orig_len, norm_len);
        m
    }

    #[test]
    fn identity_maps_every_range_to_itself() {
        let m = OffsetMap::identity(10);
        assert_eq!(m.to_original(2..7), 2..7);
        assert_eq!(m.to_normalized(0..10), 0..10);
        assert_eq!(m.to_original(3..3), 3..3);
    }

    #[test]
    fn deletion_inside_range_is_included_and_at_edges_excluded() {
        // "ab--cd" → "abcd": bytes 2..4 deleted.
        let m = map(&[(2..4, 2..2)], 6, 4);
        assert_eq!(m.to_original(1..3), 1..5);
        assert_eq!(m.to_original(2..4), 4..6);
        assert_eq!(m.to_original(0..2), 0..2);
        assert_eq!(m.to_original(2..2), 2..2);
        assert_eq!(m.to_normalized(2..4), 2..2);
        assert_eq!(m.to_normalized(1..5), 1..3);
        assert_eq!(m.to_normalized(3..3), 2..2);
    }

    #[test]
    fn atomic_step_maps_as_a_whole() {
        // "xABCy" → "xZZy": original 1..4 became normalized 1..3.
        let m = map(&[(1..4, 1..3)], 5, 4);
        assert_eq!(m.to_original(2..3), 1..4);
        assert_eq!(m.to_original(3..4), 4..5);
        assert_eq!(m.to_normalized(2..3), 1..3);
        assert_eq!(m.to_normalized(4..5), 3..4);
    }

    #[test]
    fn adjacent_deletions_merge() {
        let m = map(&[(1..2, 1..1), (2..4, 1..1)], 5, 2);
        assert_eq!(m.steps().len(), 1);
        assert_eq!(m.to_original(0..2), 0..5);
    }

    #[test]
    fn composition_merges_overlapping_steps() {
        // A = "abcde" → B = "aXde" (b,c → X, 2 bytes → 1), B → C = "aYe" (X,d → Y).
        let first = map(&[(1..3, 1..2)], 5, 4);
        let second = map(&[(1..3, 1..2)], 4, 3);
        let both = first.then(&second);
        assert_eq!(both.to_original(1..2), 1..4);
        assert_eq!(both.to_original(2..3), 4..5);
        assert_eq!(both.to_normalized(0..1), 0..1);
    }

    #[test]
    fn composition_extends_a_cluster_over_both_sides() {
        // A "Xm" (X 3 bytes, m 2 bytes) → B "lam" (X → 4 bytes), B → C: bytes 2..6 of B
        // compose into 2 bytes.
        let first = map(&[(0..3, 0..4)], 5, 6);
        let second = map(&[(2..6, 2..4)], 6, 4);
        let both = first.then(&second);
        assert_eq!(both.to_original(0..4), 0..5);
        assert_eq!(both.to_original(0..2), 0..5);
    }

    #[test]
    fn composition_keeps_deletions_of_either_side() {
        // A "abcd" → B "acd" (b deleted); B → C "ac" (d deleted).
        let first = map(&[(1..2, 1..1)], 4, 3);
        let second = map(&[(2..3, 2..2)], 3, 2);
        let both = first.then(&second);
        assert_eq!(both.to_original(0..2), 0..3);
        assert_eq!(both.to_normalized(3..4), 2..2);
        assert_eq!(both.orig_len(), 4);
        assert_eq!(both.norm_len(), 2);
    }
}
