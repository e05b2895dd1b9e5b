//! NFC (Unicode canonical composition) with an exact offset map.
//!
//! The hot path never runs a normalizer: it only reads each character's canonical combining
//! class and NFC quick-check value (from a small table for the Arabic block). Only text that
//! fails that check goes through [`nfc_with_map`], which composes one *segment* at a time: a
//! segment starts at a character that can never interact with what precedes it (a starter
//! whose NFC quick-check is Yes), so NFC of the text is the concatenation of the NFC of its
//! segments, and every changed segment becomes one atomic step of the map.

use std::sync::OnceLock;

use unicode_normalization::char::{canonical_combining_class, decompose_canonical};
use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};

use crate::offset_map::OffsetMap;

/// What NFC needs to know about one character.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct NfcProps {
    /// Canonical combining class (0 for starters).
    pub(crate) ccc: u8,
    /// NFC quick-check is not Yes: the character may compose with what precedes it or
    /// never occurs in NFC.
    pub(crate) unstable: bool,
    /// Nothing before the character can change because of it: a starter that does not
    /// compose with what precedes it (for a character that never occurs in NFC, such as
    /// U+212B ANGSTROM SIGN, judged by the first character of its decomposition).
    boundary: bool,
}

impl Default for NfcProps {
    /// A plain starter, like every ASCII character.
    fn default() -> Self {
        Self {
            ccc: 0,
            unstable: false,
            boundary: true,
        }
    }
}

impl NfcProps {
    /// Whether an NFC segment starts at this character.
    pub(crate) fn is_boundary(self) -> bool {
        self.boundary
    }
}

fn compute_props(c: char) -> NfcProps {
    if c < '\u{0300}' {
        return NfcProps::default();
    }
    let ccc = canonical_combining_class(c);
    let quick_check = is_nfc_quick(std::iter::once(c));
    let boundary = ccc == 0
        && match quick_check {
            IsNormalized::Yes => true,
            IsNormalized::Maybe => false,
            IsNormalized::No => {
                let mut first = None;
                decompose_canonical(c, |d| {
                    first.get_or_insert(d);
                });
                first.is_some_and(|d| {
                    canonical_combining_class(d) == 0
                        && is_nfc_quick(std::iter::once(d)) != IsNormalized::Maybe
                })
            }
        };
    NfcProps {
        ccc,
        unstable: quick_check != IsNormalized::Yes,
        boundary,
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

fn arabic_block_boundaries() -> &'static [bool; 256] {
    static TABLE: OnceLock<[bool; 256]> = OnceLock::new();
    TABLE.get_or_init(|| arabic_block_props().map(NfcProps::is_boundary))
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

/// NFC properties of the character starting at byte `i` of `text`, with its length; ASCII
/// and the Arabic block come from tables.
#[inline]
fn props_at(text: &str, i: usize) -> Option<(NfcProps, usize)> {
    let bytes = text.as_bytes();
    let b = *bytes.get(i)?;
    if b < 0x80 {
        return Some((NfcProps::default(), 1));
    }
    if (0xD8..=0xDB).contains(&b)
        && let Some(&b1) = bytes.get(i + 1)
    {
        let offset = ((usize::from(b) & 0x03) << 6) | (usize::from(b1) & 0x3F);
        return Some((arabic_block_props()[offset], 2));
    }
    let c = text.get(i..)?.chars().next()?;
    Some((props(c), c.len_utf8()))
}

/// NFC of `text` with its map and the changed segments, or `None` when `text` is already
/// in NFC (the common case, found with one scan and no allocation).
///
/// Only *trouble spots* are composed: a character that may compose with what precedes it
/// or never occurs in NFC, or a mark out of canonical order. Each is composed within its
/// segment, from the last boundary before it to the next boundary after it.
pub(crate) fn nfc_with_map(text: &str) -> Option<(String, OffsetMap, Vec<ChangedSegment>)> {
    let bytes = text.as_bytes();
    let mut out: Option<String> = None;
    let mut map = OffsetMap::default();
    let mut changed = Vec::new();
    let mut copy_from = 0;
    let mut prev_ccc = 0u8;
    let arabic = arabic_block_props();
    let boundary = arabic_block_boundaries();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b < 0x80 {
            // Eight ASCII bytes at a time: they are all boundaries.
            if let Some(chunk) = bytes.get(i..i + 8)
                && let Ok(word) = <[u8; 8]>::try_from(chunk)
                && u64::from_le_bytes(word) & 0x8080_8080_8080_8080 == 0
            {
                i += 8;
            } else {
                i += 1;
            }
            prev_ccc = 0;
            continue;
        }
        let (p, len) = if (0xD8..=0xDB).contains(&b)
            && let Some(&b1) = bytes.get(i + 1)
        {
            let offset = ((usize::from(b) & 0x03) << 6) | (usize::from(b1) & 0x3F);
            if boundary[offset] {
                // Arabic letters: a tight loop over the run.
                i += 2;
                while let Some(&[lead, second]) = bytes.get(i..i + 2)
                    && (0xD8..=0xDB).contains(&lead)
                    && boundary[((usize::from(lead) & 0x03) << 6) | (usize::from(second) & 0x3F)]
                {
                    i += 2;
                }
                prev_ccc = 0;
                continue;
            }
            (arabic[offset], 2)
        } else {
            match props_at(text, i) {
                Some(found) => found,
                None => break,
            }
        };
        if p.is_boundary() && !p.unstable {
            prev_ccc = 0;
            i += len;
            continue;
        }
        if !p.unstable && p.ccc != 0 && prev_ccc <= p.ccc {
            prev_ccc = p.ccc;
            i += len;
            continue;
        }
        let last_boundary = if p.is_boundary() {
            i
        } else {
            last_boundary_before(text, i).max(copy_from)
        };
        // A trouble spot: compose its whole segment.
        let mut end = i + len;
        while let Some((next, next_len)) = props_at(text, end) {
            if next.is_boundary() {
                break;
            }
            end += next_len;
        }
        let segment = &text[last_boundary..end];
        let composed: String = segment.nfc().collect();
        if composed != segment {
            let buffer = out.get_or_insert_with(|| String::with_capacity(text.len()));
            buffer.push_str(&text[copy_from..last_boundary]);
            // When the starter does not combine with the marks after it (a space changed
            // by NFC before reordered marks), the two halves are aligned apart.
            let first_len = segment.chars().next().map_or(0, char::len_utf8);
            let head: String = segment[..first_len].nfc().collect();
            let split = composed.starts_with(&head)
                && composed[head.len()..]
                    .chars()
                    .eq(segment[first_len..].nfc());
            let parts = if split {
                [
                    (0..first_len, 0..head.len()),
                    (first_len..segment.len(), head.len()..composed.len()),
                ]
            } else {
                [
                    (0..segment.len(), 0..composed.len()),
                    (segment.len()..segment.len(), composed.len()..composed.len()),
                ]
            };
            let base = buffer.len();
            buffer.push_str(&composed);
            for (from, to) in parts {
                let (from_text, to_text) = (&segment[from.clone()], &composed[to.clone()]);
                if from_text == to_text {
                    continue;
                }
                // Characters NFC left in place at either end stay outside the step.
                let prefix = common_prefix_len(from_text, to_text);
                let suffix = common_suffix_len(&from_text[prefix..], &to_text[prefix..]);
                let original =
                    last_boundary + from.start + prefix..last_boundary + from.end - suffix;
                let normalized = base + to.start + prefix..base + to.end - suffix;
                map.push(original.clone(), normalized.clone());
                changed.push(ChangedSegment {
                    original,
                    normalized,
                });
            }
            copy_from = end;
        }
        prev_ccc = 0;
        i = end;
    }
    let mut buffer = out?;
    buffer.push_str(&text[copy_from..]);
    map.finish(text.len(), buffer.len());
    Some((buffer, map, changed))
}

/// Start of the last boundary character at or before `pos` (0 if none): where the NFC
/// segment holding the character at `pos` begins.
pub(crate) fn last_boundary_before(text: &str, pos: usize) -> usize {
    let mut start = pos.min(text.len());
    while start > 0 && !text.is_char_boundary(start) {
        start -= 1;
    }
    while start > 0 {
        let Some(c) = text.get(..start).and_then(|head| head.chars().next_back()) else {
            break;
        };
        start -= c.len_utf8();
        if props(c).is_boundary() {
            return start;
        }
    }
    0
}

/// Whether `text` is in NFC around each of `positions` (byte offsets): the segment from
/// the last boundary at or before the position to the next boundary after it is checked.
pub(crate) fn is_nfc_around(text: &str, positions: &[usize]) -> bool {
    // Positions inside a segment already checked are skipped, so that many positions in
    // one long run of marks cost one check, not one each.
    let mut checked_upto = 0;
    for &pos in positions {
        if pos < checked_upto {
            continue;
        }
        let start = last_boundary_before(text, pos);
        let mut end = pos.min(text.len());
        while end < text.len() && !text.is_char_boundary(end) {
            end += 1;
        }
        while let Some((p, len)) = props_at(text, end) {
            if p.is_boundary() && end > pos {
                break;
            }
            end += len;
        }
        if !text.get(start..end).is_none_or(is_nfc) {
            return false;
        }
        checked_upto = end;
    }
    true
}

/// Length in bytes of the longest common prefix of whole characters.
pub(crate) fn common_prefix_len(a: &str, b: &str) -> usize {
    a.char_indices()
        .zip(b.chars())
        .find(|&((_, x), y)| x != y)
        .map_or_else(|| a.len().min(b.len()), |((i, _), _)| i)
}

/// Length in bytes of the longest common suffix of whole characters.
pub(crate) fn common_suffix_len(a: &str, b: &str) -> usize {
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
        let Some((out, map, changed)) = nfc_with_map(text) else {
            panic!("not composed")
        };
        assert_eq!(out, "قال آخر");
        assert_eq!(changed.len(), 1);
        let alef = out.find('آ').unwrap_or_default();
        assert_eq!(map.to_original(alef..alef + 2), alef..alef + 4);
    }

    #[test]
    fn reorders_marks_out_of_canonical_order() {
        // shadda (ccc 33) before fatha (ccc 30) is not canonical order.
        let text = "ب\u{0651}\u{064E}";
        let Some((out, _, changed)) = nfc_with_map(text) else {
            panic!("not reordered")
        };
        assert_eq!(out, "ب\u{064E}\u{0651}");
        // ب is unchanged and stays outside the step.
        assert_eq!(changed[0].original, 2..text.len());
    }

    #[test]
    fn singletons_form_their_own_segments() {
        let text = "\u{2000}\u{212B}";
        let Some((out, _, changed)) = nfc_with_map(text) else {
            panic!("not composed")
        };
        assert_eq!(out, "\u{2002}\u{00C5}");
        let spans: Vec<_> = changed.iter().map(|c| c.original.clone()).collect();
        assert_eq!(spans, vec![0..3, 3..6]);
    }

    #[test]
    fn leaves_nfc_text_alone() {
        assert!(nfc_with_map("مرحباً بالعالم").is_none());
        // A quick-check Maybe that turns out to be NFC changes nothing either.
        assert!(nfc_with_map("ب\u{0653}").is_none());
    }

    #[test]
    fn arabic_props_match_the_library() {
        assert!(props('\u{0653}').unstable);
        assert_eq!(props('\u{064E}').ccc, 30);
        assert!(props('ب').is_boundary());
        // The Angstrom sign never occurs in NFC but composes with nothing before it.
        assert!(props('\u{212B}').unstable && props('\u{212B}').is_boundary());
        assert!(!props('\u{1161}').is_boundary()); // Hangul vowel jamo composes backward
    }
}
