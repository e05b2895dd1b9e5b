//! NFC (Unicode canonical composition) with an exact offset map.
//!
//! The hot path never runs a normalizer: it only reads each character's canonical combining
//! class and NFC quick-check value (from a small table for the Arabic block). Only text that
//! fails that check goes through [`nfc_with_map`], which composes one *segment* at a time: a
//! segment starts at a character that can never interact with what precedes it (a starter
//! whose NFC quick-check is Yes), so NFC of the text is the concatenation of the NFC of its
//! segments, and every changed segment becomes one atomic step of the map.

use std::sync::OnceLock;

use unicode_normalization::char::canonical_combining_class;
use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};

use crate::offset_map::OffsetMap;

/// What NFC needs to know about one character.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) struct NfcProps {
    /// Canonical combining class (0 for starters).
    pub(crate) ccc: u8,
    /// NFC quick-check is not Yes: the character may compose with what precedes it or
    /// never occurs in NFC.
    pub(crate) unstable: bool,
}

impl NfcProps {
    /// A starter that never composes with the preceding character: nothing before it can
    /// change because of it.
    pub(crate) fn is_boundary(self) -> bool {
        self.ccc == 0 && !self.unstable
    }
}

fn compute_props(c: char) -> NfcProps {
    if c < '\u{0300}' {
        return NfcProps::default();
    }
    NfcProps {
        ccc: canonical_combining_class(c),
        unstable: is_nfc_quick(std::iter::once(c)) != IsNormalized::Yes,
    }
}

fn arabic_block_props() -> &'static [NfcProps; 256] {
    static TABLE: OnceLock<[NfcProps; 256]> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut table = [NfcProps::default(); 256];
        for (offset, slot) in table.iter_mut().enumerate() {
            if let Some(c) = char::from_u32(0x0600 + offset as u32) {
                *slot = compute_props(c);
            }
        }
        table
    })
}

/// NFC properties of `c`, from a table for U+0600–U+06FF.
pub(crate) fn props(c: char) -> NfcProps {
    let cp = c as u32;
    if (0x0600..0x0700).contains(&cp) {
        arabic_block_props()[(cp - 0x0600) as usize]
    } else {
        compute_props(c)
    }
}

/// Properties of the Arabic block, indexed by `code point - 0x600`.
pub(crate) fn arabic_props_table() -> &'static [NfcProps; 256] {
    arabic_block_props()
}

/// Whether `text` is in NFC (a full check, used only off the hot path).
pub(crate) fn is_nfc(text: &str) -> bool {
    unicode_normalization::is_nfc(text)
}

/// NFC of `text`, with its map and the changed segments as (original, normalized) ranges.
pub(crate) fn nfc_with_map(text: &str) -> (String, OffsetMap, Vec<ChangedSegment>) {
    let mut out = String::with_capacity(text.len());
    let mut map = OffsetMap::default();
    let mut changed = Vec::new();
    let mut iter = text.char_indices().peekable();
    while let Some((start, _)) = iter.next() {
        // Extend the segment up to the next boundary.
        let mut end = text.len();
        while let Some(&(next_pos, next)) = iter.peek() {
            if props(next).is_boundary() {
                end = next_pos;
                break;
            }
            iter.next();
        }
        let segment = &text[start..end];
        let norm_start = out.len();
        if is_nfc_quick(segment.chars()) == IsNormalized::Yes {
            out.push_str(segment);
        } else {
            out.extend(segment.nfc());
            let composed = &out[norm_start..];
            if composed != segment {
                // Characters NFC left in place at either end of the segment (a space
                // before reordered marks, say) stay outside the atomic step.
                let prefix = common_prefix_len(segment, composed);
                let suffix = common_suffix_len(&segment[prefix..], &composed[prefix..]);
                let original = start + prefix..end - suffix;
                let normalized = norm_start + prefix..out.len() - suffix;
                map.push(original.clone(), normalized.clone());
                changed.push(ChangedSegment {
                    original,
                    normalized,
                });
            }
        }
    }
    map.finish(text.len(), out.len());
    (out, map, changed)
}

/// Length in bytes of the longest common prefix of whole characters.
fn common_prefix_len(a: &str, b: &str) -> usize {
    a.char_indices()
        .zip(b.chars())
        .find(|&((_, x), y)| x != y)
        .map_or_else(|| a.len().min(b.len()), |((i, _), _)| i)
}

/// Length in bytes of the longest common suffix of whole characters.
fn common_suffix_len(a: &str, b: &str) -> usize {
    let mut len = 0;
    for (x, y) in a.chars().rev().zip(b.chars().rev()) {
        if x != y {
            break;
        }
        len += x.len_utf8();
    }
    len
}

/// A segment that NFC changed.
#[derive(Debug, Clone)]
pub(crate) struct ChangedSegment {
    pub(crate) original: std::ops::Range<usize>,
    pub(crate) normalized: std::ops::Range<usize>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn composes_alef_with_combining_madda_as_one_step() {
        let text = "قال \u{0627}\u{0653}خر";
        let (out, map, changed) = nfc_with_map(text);
        assert_eq!(out, "قال آخر");
        assert_eq!(changed.len(), 1);
        let alef = out.find('آ').unwrap_or_default();
        assert_eq!(map.to_original(alef..alef + 2), alef..alef + 4);
    }

    #[test]
    fn reorders_marks_out_of_canonical_order() {
        // shadda (ccc 33) before fatha (ccc 30) is not canonical order.
        let text = "ب\u{0651}\u{064E}";
        let (out, _, changed) = nfc_with_map(text);
        assert_eq!(out, "ب\u{064E}\u{0651}");
        // ب is unchanged and stays outside the step.
        assert_eq!(changed[0].original, 2..text.len());
    }

    #[test]
    fn leaves_nfc_text_alone() {
        let text = "مرحباً بالعالم";
        let (out, map, changed) = nfc_with_map(text);
        assert_eq!(out, text);
        assert!(changed.is_empty());
        assert!(map.steps().is_empty());
    }

    #[test]
    fn arabic_props_match_the_library() {
        assert!(props('\u{0653}').unstable);
        assert_eq!(props('\u{064E}').ccc, 30);
        assert!(props('ب').is_boundary());
    }
}
