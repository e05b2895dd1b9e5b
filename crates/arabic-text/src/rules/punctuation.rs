//! Rules `latin-punctuation` and `punctuation-spacing`.
//!
//! `latin-punctuation` (matching profile) maps Arabic punctuation to the Latin marks that
//! search and entity matching treat alike: U+060C ، → `,`, U+061B ؛ → `;`, U+061F ؟ → `?`,
//! U+066A ٪ → `%`, U+06D4 ۔ → `.`.
//!
//! `punctuation-spacing` (with the whitespace rule) makes spacing regular: no space before
//! ، ؛ ؟ , ; ? ! (news copy often has "قال ، إن"), and one space after ، ؛ ؟ , ; ? ! : when an
//! Arabic letter follows directly ("قال،إن" → "قال، إن"). The period is left alone: it
//! joins the letters of abbreviations such as "أ.ف.ب".

/// The Latin counterpart of an Arabic punctuation mark.
pub(crate) fn latin_counterpart(c: char) -> Option<char> {
    Some(match c {
        '\u{060C}' => ',',
        '\u{061B}' => ';',
        '\u{061F}' => '?',
        '\u{066A}' => '%',
        '\u{06D4}' => '.',
        _ => return None,
    })
}

/// Punctuation that takes no space before it.
pub(crate) fn takes_no_space_before(c: char) -> bool {
    matches!(
        c,
        '\u{060C}' | '\u{061B}' | '\u{061F}' | ',' | ';' | '?' | '!'
    )
}

/// Punctuation followed by a space when an Arabic letter comes right after it.
pub(crate) fn takes_space_after(c: char) -> bool {
    takes_no_space_before(c) || c == ':'
}
