//! Letter rules.
//!
//! Both profiles:
//! - `persian-letter`: Persian and Urdu look-alikes typed by mistake in Arabic text, from
//!   Persian keyboards and converted documents: U+06A9 ک (keheh) → U+0643 ك,
//!   U+06C0 ۀ (heh with yeh above) → U+0629 ة, U+06BE ھ (heh doachashmee) and U+06C1 ہ
//!   (heh goal) → U+0647 ه, and U+06CC ی (Farsi yeh) → U+064A ي before a joining letter but
//!   U+0649 ى at the end of a word, because the final Farsi yeh is drawn without dots: "علی"
//!   is what a reader sees as "على".
//! - `tatweel`: U+0640 kashida, a justification stroke with no phonetic value.
//!
//! Matching profile only (they change what a translator reads as a different word):
//! - `diacritic`: tashkeel U+064B–U+065F, dagger alef U+0670, Quranic annotation marks
//!   U+0610–U+061A, U+06D6–U+06DC, U+06DF–U+06E4, U+06E7–U+06E8, U+06EA–U+06ED, and the
//!   extended marks U+08D3–U+08E1, U+08E3–U+08FF.
//! - `alef`: U+0623 أ, U+0625 إ, U+0622 آ, U+0671 ٱ → U+0627 ا (hamza and madda on alef are
//!   written inconsistently in news copy).
//! - `alef-maqsura`: U+0649 ى → U+064A ي (final yeh is often written dotless, in Egypt
//!   especially).
//! - `ta-marbuta`: U+0629 ة → U+0647 ه (the two are confused at the end of words).
//! - `hamza-carrier` (off unless asked for): U+0624 ؤ → U+0648 و, U+0626 ئ → U+064A ي.

/// Farsi yeh, whose Arabic replacement depends on its position in the word.
pub(crate) const FARSI_YEH: char = '\u{06CC}';
/// Arabic yeh.
pub(crate) const YEH: char = '\u{064A}';
/// Alef maqsura.
pub(crate) const ALEF_MAQSURA: char = '\u{0649}';
/// Tatweel / kashida.
pub(crate) const TATWEEL: char = '\u{0640}';

/// Persian look-alikes other than Farsi yeh.
pub(crate) fn persian_lookalike(c: char) -> Option<char> {
    Some(match c {
        '\u{06A9}' => '\u{0643}',
        '\u{06C0}' => '\u{0629}',
        '\u{06BE}' | '\u{06C1}' => '\u{0647}',
        _ => return None,
    })
}

/// Marks removed by the `diacritic` rule.
pub(crate) fn is_diacritic(c: char) -> bool {
    matches!(
        c,
        '\u{0610}'..='\u{061A}'
            | '\u{064B}'..='\u{065F}'
            | '\u{0670}'
            | '\u{06D6}'..='\u{06DC}'
            | '\u{06DF}'..='\u{06E4}'
            | '\u{06E7}'..='\u{06E8}'
            | '\u{06EA}'..='\u{06ED}'
            | '\u{08D3}'..='\u{08E1}'
            | '\u{08E3}'..='\u{08FF}'
    )
}

/// `alef` rule.
pub(crate) fn fold_alef(c: char) -> Option<char> {
    matches!(c, '\u{0622}' | '\u{0623}' | '\u{0625}' | '\u{0671}').then_some('\u{0627}')
}

/// `hamza-carrier` rule.
pub(crate) fn fold_hamza_carrier(c: char) -> Option<char> {
    match c {
        '\u{0624}' => Some('\u{0648}'),
        '\u{0626}' => Some(YEH),
        _ => None,
    }
}

/// Arabic letters (not marks, digits, punctuation or tatweel), base and presentation
/// forms: the characters that make a preceding Farsi yeh medial and that call for a space
/// after a comma.
pub(crate) fn is_arabic_letter(c: char) -> bool {
    matches!(
        c,
        '\u{0620}'..='\u{063F}'
            | '\u{0641}'..='\u{064A}'
            | '\u{066E}'..='\u{066F}'
            | '\u{0671}'..='\u{06D3}'
            | '\u{06D5}'
            | '\u{06EE}'..='\u{06EF}'
            | '\u{06FA}'..='\u{06FC}'
            | '\u{06FF}'
            | '\u{0750}'..='\u{077F}'
            | '\u{08A0}'..='\u{08C9}'
            | '\u{FB50}'..='\u{FBB1}'
            | '\u{FBD3}'..='\u{FD3D}'
            | '\u{FD50}'..='\u{FDC7}'
            | '\u{FDF0}'..='\u{FDFB}'
            | '\u{FE80}'..='\u{FEFC}'
    )
}
