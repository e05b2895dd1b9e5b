//! Rules `invisible-character` and `control-character`: characters that render as nothing
//! (or as a box) and only break word matching, search and tokenization.

/// Format characters with no visible effect on Arabic news text, removed by
/// `invisible-character`:
///
/// - U+00AD soft hyphen: a hyphenation hint, invisible unless a line breaks there.
/// - U+061C ARABIC LETTER MARK, U+200E LRM, U+200F RLM: bidi marks inserted by editors.
/// - U+180E Mongolian vowel separator: a legacy zero-width space.
/// - U+200B zero-width space, U+200C ZWNJ, U+200D ZWJ: word-processor residue inside words
///   (ZWNJ matters in Persian, not in Arabic).
/// - U+202A–U+202E LRE, RLE, PDF, LRO, RLO and U+2066–U+2069 LRI, RLI, FSI, PDI: bidi
///   embeddings, overrides and isolates pasted from web pages.
/// - U+2060–U+2064 word joiner and invisible operators; U+206A–U+206F deprecated format
///   controls.
/// - U+FEFF byte order mark / zero-width no-break space, often left at the start of files.
pub(crate) fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}'
            | '\u{061C}'
            | '\u{180E}'
            | '\u{200B}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{2064}'
            | '\u{2066}'..='\u{206F}'
            | '\u{FEFF}'
    )
}

/// C0 and C1 control characters removed by `control-character`: everything in
/// U+0000–U+001F, U+007F and U+0080–U+009F except the ones that structure text, which the
/// whitespace rule handles: tab U+0009, line feed U+000A, vertical tab U+000B, form feed
/// U+000C, carriage return U+000D and next line U+0085.
pub(crate) fn is_removable_control(c: char) -> bool {
    matches!(
        c,
        '\u{0000}'..='\u{0008}' | '\u{000E}'..='\u{001F}' | '\u{007F}'..='\u{0084}' | '\u{0086}'..='\u{009F}'
    )
}
