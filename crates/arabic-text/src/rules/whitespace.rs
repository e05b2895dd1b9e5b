//! Rule `whitespace`: one space between words, newlines kept as paragraph structure.
//!
//! A run of whitespace (and of characters the normalizer deletes, sitting between two
//! whitespace characters) becomes:
//! - nothing at the start or end of the text;
//! - `"\n\n"` if it holds two or more line breaks (a paragraph break: runs of blank lines
//!   collapse to one blank line), `"\n"` if it holds one (a line break; spaces around it are
//!   dropped);
//! - otherwise nothing before punctuation that takes no space before it (see
//!   [`super::punctuation::takes_no_space_before`]), and one U+0020 space elsewhere.

/// Horizontal whitespace mapped to U+0020 SPACE: tab U+0009, space U+0020, no-break space
/// U+00A0, Ogham space U+1680, the U+2000–U+200A spaces (en, em, thin, hair, figure,
/// punctuation …), narrow no-break space U+202F, medium mathematical space U+205F and
/// ideographic space U+3000.
pub(crate) fn is_horizontal_space(c: char) -> bool {
    matches!(
        c,
        '\t' | ' ' | '\u{00A0}' | '\u{1680}' | '\u{2000}'
            ..='\u{200A}' | '\u{202F}' | '\u{205F}' | '\u{3000}'
    )
}

/// Line breaks mapped to `\n`: LF, CR (CRLF counts as one break), vertical tab U+000B and
/// form feed U+000C (page breaks in converted documents), next line U+0085, line separator
/// U+2028 and paragraph separator U+2029.
pub(crate) fn is_line_break(c: char) -> bool {
    matches!(
        c,
        '\n' | '\r' | '\u{000B}' | '\u{000C}' | '\u{0085}' | '\u{2028}' | '\u{2029}'
    )
}

/// Whether `c` is whitespace of either kind (as seen by the context rules).
pub(crate) fn is_space_like(c: char) -> bool {
    is_horizontal_space(c) || is_line_break(c) || c.is_whitespace()
}
