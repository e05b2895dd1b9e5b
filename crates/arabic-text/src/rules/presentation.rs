//! Rule `presentation-form`: Arabic presentation forms (U+FB50–U+FDFF and U+FE70–U+FEFF)
//! to the base letters they are glyphs of. They come from PDF extraction and old
//! typesetting software that stored shaped glyphs instead of letters; the lam-alef
//! ligatures U+FEF5–U+FEFC (ﻵ ﻷ ﻹ ﻻ …) become two letters (ل + آ/أ/إ/ا).
//!
//! The mapping is the Unicode compatibility decomposition recomposed to NFC, except that
//! forms whose decomposition contains a space are kept: the isolated harakat U+FE70–U+FE7E
//! (a spacing form of a mark, not a letter) and the phrase ligatures U+FDFA ﷺ, U+FDFB ﷻ and
//! U+FDFD ﷽, which a reader treats as one symbol. The final and isolated forms of Farsi
//! yeh (U+FBFC, U+FBFD) go to ى and its initial and medial forms (U+FBFE, U+FBFF) to ي,
//! following the shape the reader sees.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::decompose_compatible;

/// Whether `c` lies in the presentation-form blocks.
pub(crate) fn is_presentation_form(c: char) -> bool {
    matches!(c, '\u{FB50}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFF}')
}

/// The base-letter text of a presentation form, before the other rules apply to its
/// letters, or `None` to keep the character.
pub(crate) fn expand(c: char) -> Option<String> {
    match c {
        '\u{FBFC}' | '\u{FBFD}' => return Some('\u{0649}'.to_string()),
        '\u{FBFE}' | '\u{FBFF}' => return Some('\u{064A}'.to_string()),
        _ => {}
    }
    let mut decomposed = String::new();
    decompose_compatible(c, |d| decomposed.push(d));
    if decomposed.chars().eq(std::iter::once(c)) || decomposed.contains(' ') {
        return None;
    }
    Some(decomposed.nfc().collect())
}
