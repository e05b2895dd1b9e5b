//! Rule `quotation-mark`: every double quotation mark becomes « (opening) or » (closing)
//! when its direction can be told, and a straight `"` when it cannot.
//!
//! Marks handled: U+0022 `"`, U+201C “, U+201D ”, U+201E „, U+201F ‟, U+00AB «, U+00BB »,
//! U+2039 ‹, U+203A ›, U+2033 ″ (unless it follows a digit: then it is a unit of
//! seconds or inches), U+301D 〝, U+301E 〞, U+301F 〟 and U+FF02 ＂.
//!
//! Direction comes from context first, because Arabic text uses curly quotes either way
//! round (”…“ as often as “…”): a mark after the start of the text, whitespace, an opening
//! bracket, a dash or an opening quote, and before a word or another quote, opens; a mark
//! after a word and before the end, whitespace, closing punctuation or another quote,
//! closes. A mark after a one-letter prefix (و ف ب ل ك, or two of them) that itself
//! starts a word counts as after the start of the word: و"الساخر" opens. A mark after a
//! colon opens even before whitespace (قال:" at the end of a line). Only when the
//! context says nothing (space on both sides, or word characters on
//! both sides) does the glyph decide, for the marks whose glyph has a direction
//! (« ‹ „ 〝 open, » › 〞 〟 close).

/// Direction suggested by a quotation mark's glyph.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum QuoteHint {
    Open,
    Close,
    None,
}

/// The glyph's hint, or `None` when `c` is not a double quotation mark.
pub(crate) fn quote_hint(c: char) -> Option<QuoteHint> {
    Some(match c {
        '\u{00AB}' | '\u{2039}' | '\u{201E}' | '\u{301D}' => QuoteHint::Open,
        '\u{00BB}' | '\u{203A}' | '\u{301E}' | '\u{301F}' => QuoteHint::Close,
        '"' | '\u{201C}' | '\u{201D}' | '\u{201F}' | '\u{2033}' | '\u{FF02}' => QuoteHint::None,
        _ => return None,
    })
}

/// The canonical opening mark.
pub(crate) const OPEN: char = '\u{00AB}';
/// The canonical closing mark.
pub(crate) const CLOSE: char = '\u{00BB}';
/// The mark kept when the direction cannot be told.
pub(crate) const UNKNOWN: char = '"';

/// Double prime U+2033, a quote only when it does not follow a digit.
pub(crate) const DOUBLE_PRIME: char = '\u{2033}';

/// One-letter prefixes (conjunctions and prepositions) that Arabic writes against the next
/// word, quotation mark included.
pub(crate) fn is_prefix_letter(c: char) -> bool {
    matches!(
        c,
        '\u{0648}' | '\u{0641}' | '\u{0628}' | '\u{0644}' | '\u{0643}'
    )
}

/// Characters after which a quotation mark opens (besides whitespace and the start).
pub(crate) fn opens_after(c: char) -> bool {
    matches!(
        c,
        '(' | '[' | '{' | OPEN | '\u{2013}' | '\u{2014}' | '-' | '/' | ':'
    )
}

/// Punctuation before which a quotation mark closes (besides whitespace and the end).
pub(crate) fn closes_before(c: char) -> bool {
    matches!(
        c,
        '.' | ','
            | ';'
            | ':'
            | '?'
            | '!'
            | ')'
            | ']'
            | '}'
            | '\u{060C}'
            | '\u{061B}'
            | '\u{061F}'
            | '\u{2026}'
            | '\u{06D4}'
    )
}
