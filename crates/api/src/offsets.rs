//! UTF-8 byte offsets to Unicode code point offsets: the one conversion of the project.

use std::ops::Range;

use crate::v1;

/// How many bytes each checkpoint covers: a lookup scans at most this many bytes.
const STRIDE: usize = 64;

/// Converts byte offsets of one text to code point offsets in O(STRIDE) per lookup,
/// with one `u32` per 64 bytes of text.
#[derive(Debug, Clone)]
pub struct CodePoints<'a> {
    text: &'a str,
    /// Code points before byte `i * STRIDE` (rounded down to a char boundary).
    checkpoints: Vec<u32>,
}

impl<'a> CodePoints<'a> {
    /// Indexes `text`.
    pub fn new(text: &'a str) -> Self {
        let bytes = text.as_bytes();
        let mut checkpoints = Vec::with_capacity(bytes.len() / STRIDE + 1);
        let mut count = 0u32;
        for chunk in bytes.chunks(STRIDE) {
            checkpoints.push(count);
            count += chunk.iter().filter(|&&b| !is_continuation(b)).count() as u32;
        }
        checkpoints.push(count);
        Self { text, checkpoints }
    }

    /// Code point offset of byte offset `byte` (which should be a char boundary; a
    /// byte inside a char counts that char as started).
    pub fn of(&self, byte: usize) -> u32 {
        let byte = byte.min(self.text.len());
        let chunk = byte / STRIDE;
        let start = chunk * STRIDE;
        let within = self.text.as_bytes()[start..byte]
            .iter()
            .filter(|&&b| !is_continuation(b))
            .count() as u32;
        self.checkpoints[chunk] + within
    }

    /// A protobuf span for a byte range; byte offsets filled when `with_bytes`.
    pub fn span(&self, range: &Range<usize>, with_bytes: bool) -> v1::Span {
        let (start_byte, end_byte) = if with_bytes {
            (range.start as u32, range.end as u32)
        } else {
            (0, 0)
        };
        v1::Span {
            start: self.of(range.start),
            end: self.of(range.end),
            start_byte,
            end_byte,
        }
    }

    /// Length of the text in code points.
    pub fn len(&self) -> u32 {
        *self.checkpoints.last().unwrap_or(&0)
    }

    /// Whether the text is empty.
    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }
}

fn is_continuation(byte: u8) -> bool {
    byte & 0xC0 == 0x80
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn agrees_with_char_indices(text in any::<String>()) {
            let index = CodePoints::new(&text);
            for (n, (byte, _)) in text.char_indices().enumerate() {
                prop_assert_eq!(index.of(byte), n as u32);
            }
            prop_assert_eq!(index.of(text.len()), text.chars().count() as u32);
            prop_assert_eq!(index.len(), text.chars().count() as u32);
        }
    }
}
