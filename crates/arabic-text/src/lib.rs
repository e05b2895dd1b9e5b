//! Arabic text normalization by profile, with an exact offset map back to the original.
//!
//! A [`Normalizer`] turns an input string into a [`Normalized`] text plus an alignment:
//! every byte range of the normalized text maps to the exact byte range of the original
//! that produced it, so work done on normalized text can be reported in the original.
//!
//! ```
//! use arabic_text::{NormalizeOptions, Normalizer, Profile};
//!
//! let original = "قال الرئيـــس  \"سنواصل\" عام ٢٠٢٤";
//! let normalizer = Normalizer::new(NormalizeOptions::new(Profile::Translation));
//! let out = normalizer.normalize(original);
//! assert_eq!(out.text(), "قال الرئيس «سنواصل» عام 2024");
//!
//! // A word of the normalized text maps back to what the reader saw, tatweel included.
//! let word = out.text().find("الرئيس").unwrap();
//! let span = out.to_original(word..word + "الرئيس".len());
//! assert_eq!(&original[span], "الرئيـــس");
//!
//! // The matching profile folds letters for search and entity matching.
//! let matching = Normalizer::new(NormalizeOptions::new(Profile::Matching));
//! assert_eq!(matching.normalize("إِنَّ الحكومةَ").text(), "ان الحكومه");
//! ```
//!
//! # Profiles and rules
//!
//! Each rule lives in its own file under `src/rules/`, documented with the code points it
//! touches and why. Rules marked ✓ are on in a profile; [`RuleOverrides`] switches single
//! rules on or off on top of any profile.
//!
//! | rule (name in [`Edit::rule`]) | translation | matching | override |
//! |---|---|---|---|
//! | `nfc`: canonical composition (only where the quick check fails) | ✓ | ✓ | |
//! | `presentation-form`: U+FB50–FDFF, U+FE70–FEFF to letters, lam-alef to two letters | ✓ | ✓ | |
//! | `persian-letter`: ی ک ۀ ھ ہ to Arabic letters | ✓ | ✓ | |
//! | `invisible-character`, `control-character`: ZW*, bidi marks, BOM, soft hyphen, C0/C1 | ✓ | ✓ | |
//! | `tatweel`: U+0640 | ✓ | ✓ | `remove_tatweel` |
//! | `whitespace`, `punctuation-spacing` | ✓ | ✓ | `collapse_whitespace` |
//! | `quotation-mark`: all double quotes to « » by direction, else `"` | ✓ | ✓ | `unify_quotes` |
//! | `ascii-digit`: ٠–٩ ۰–۹ and ٫ ٬ | ✓ | ✓ | `ascii_digits` |
//! | `latin-punctuation`: ، ؛ ؟ ٪ ۔ | | ✓ | `latin_punctuation` |
//! | `diacritic`: tashkeel, dagger alef, Quranic marks | | ✓ | `remove_diacritics` |
//! | `alef`, `alef-maqsura`, `ta-marbuta` | | ✓ | `fold_alef`, `fold_alef_maqsura`, `fold_ta_marbuta` |
//! | `hamza-carrier`: ؤ ئ | | | `fold_hamza_carriers` |
//! | `elongation`: three or more identical letters to one | | | `collapse_elongation` |
//!
//! [`Profile::None`] turns every rule off: the text and the map are the identity.
//!
//! Whitespace: horizontal runs become one space; a run holding one line break becomes
//! `\n` and one holding two or more becomes `\n\n` (runs of blank lines collapse to one
//! blank line, so paragraphs survive); whitespace at the start and end of the text and
//! before ، ؛ ؟ , ; ? ! is dropped.
//!
//! # The offset map
//!
//! Normalization is a sequence of steps, each turning a contiguous original range into a
//! contiguous normalized range. Only steps whose byte lengths differ are stored, as sorted
//! (original, normalized) anchors; between them offsets map with a constant delta. A
//! lookup is a binary search. A stored step is atomic: any part of its output maps to all
//! of its input (a ligature and the two letters it became, a run of spaces and the space
//! that replaced it). [`Normalized::to_original`] returns the smallest original range
//! covering every original character that produced the given normalized range, including
//! characters deleted strictly inside it; an empty range maps to an empty range.
//!
//! # Guarantees (tested by property tests)
//!
//! - Normalizing twice gives the same text as normalizing once, for every profile.
//! - The map is monotone, covers the input, and `to_normalized(to_original(r))` contains `r`.
//! - For a *token-aligned* normalized span (starting at the text start or after
//!   whitespace, ending at the text end or before whitespace, not starting or ending with
//!   whitespace), normalizing the original it maps to gives the span back exactly.
//!   Arbitrary spans do not have this property: quotation marks take their direction from
//!   their neighbours, and whitespace at the edges of a text is dropped.
//! - No input and no range makes any function panic.
//!
//! # Performance
//!
//! One pass over the input: runs of unchanged ASCII and Arabic letters are skipped in
//! tight loops and copied in bulk, everything else is classified by table, and NFC work
//! happens only where a mark is out of order or may compose. The output buffer and the
//! map are reserved up front; the edit list is built only when
//! [`NormalizeOptions::record_edits`] is set. `cargo bench -p arabic-text --bench
//! normalize` measures throughput on the shared corpus (or a synthetic text without it).

mod nfc;
mod normalizer;
mod offset_map;
mod rules;

use std::ops::Range;

pub use normalizer::{Normalized, Normalizer};

/// The names a rule can report in [`Edit::rule`], e.g. `"tatweel"` or `"quotation-mark"`.
pub fn rule_names() -> impl Iterator<Item = &'static str> {
    rules::RuleId::ALL.into_iter().map(rules::RuleId::name)
}
use rules::{Action, Rules};

/// Which family of rules to apply.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Profile {
    /// Conservative: never changes what a translator reads as a different word.
    #[default]
    Translation,
    /// Aggressive folding for search and entity matching.
    Matching,
    /// No change at all: the normalized text is the original.
    None,
}

/// Per-rule switches that override what the profile would do. `None` keeps the profile's
/// choice.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RuleOverrides {
    /// Remove tatweel (U+0640).
    pub remove_tatweel: Option<bool>,
    /// Remove diacritics (tashkeel, dagger alef, Quranic marks).
    pub remove_diacritics: Option<bool>,
    /// Fold alef variants أ إ آ ٱ to ا.
    pub fold_alef: Option<bool>,
    /// Fold alef maqsura ى to ي.
    pub fold_alef_maqsura: Option<bool>,
    /// Fold ta marbuta ة to ه.
    pub fold_ta_marbuta: Option<bool>,
    /// Fold hamza carriers ؤ ئ to و ي. Off in every profile unless asked for.
    pub fold_hamza_carriers: Option<bool>,
    /// Map Arabic-Indic and extended Arabic-Indic digits to ASCII digits, and with them the
    /// Arabic decimal separator ٫ to `.` and thousands separator ٬ to `,`.
    pub ascii_digits: Option<bool>,
    /// Map Arabic punctuation (، ؛ ؟ ٪ ۔) to Latin punctuation.
    pub latin_punctuation: Option<bool>,
    /// Unify double quotation marks to « (opening) and » (closing), or `"` when the
    /// direction cannot be told.
    pub unify_quotes: Option<bool>,
    /// Collapse whitespace runs and map exotic spaces to a space, line breaks to `\n`,
    /// and make spacing around punctuation regular.
    pub collapse_whitespace: Option<bool>,
    /// Shorten letter elongation by repetition (three or more identical letters, ااااا → ا).
    /// Off in every profile unless asked for.
    pub collapse_elongation: Option<bool>,
}

/// Options of a [`Normalizer`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NormalizeOptions {
    /// The profile whose rules apply.
    pub profile: Profile,
    /// Per-rule overrides on top of the profile.
    pub overrides: RuleOverrides,
    /// Whether to record the list of edits (original span → replacement, rule name).
    pub record_edits: bool,
}

impl NormalizeOptions {
    /// Options for `profile` with no overrides and no edit list.
    pub fn new(profile: Profile) -> Self {
        Self {
            profile,
            ..Self::default()
        }
    }
}

/// One change made by normalization.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edit {
    /// Byte range of the original that was replaced.
    pub original: Range<usize>,
    /// Byte range of the normalized text that replaced it (empty for a deletion).
    pub normalized: Range<usize>,
    /// Name of the rule that made the change.
    pub rule: &'static str,
}

/// Something normalization noticed that the caller should know about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextDiagnostic {
    /// Stable machine-readable code, e.g. `replacement-character`.
    pub code: &'static str,
    /// Human-readable explanation.
    pub message: String,
    /// Byte range of the original it is about.
    pub original: Range<usize>,
}

/// Folds one character for lexicon matching: strips what the matching profile removes
/// (returns `None`) and maps letter variants to one form. Used by the analysis crates to
/// look words up in their lexicons without building a normalized copy.
///
/// This is exactly the matching profile's per-character rule table (diacritics, tatweel,
/// invisible and control characters removed; alef variants, alef maqsura, ta marbuta,
/// Persian look-alikes, single-letter presentation forms, Arabic digits and Arabic
/// punctuation mapped). Rules that depend on context are not applied and leave the
/// character as it is: whitespace, quotation marks, and presentation forms that expand to
/// several letters (the lam-alef ligatures).
///
/// ```
/// use arabic_text::fold_for_matching;
///
/// assert_eq!(fold_for_matching('أ'), Some('ا'));
/// assert_eq!(fold_for_matching('ة'), Some('ه'));
/// assert_eq!(fold_for_matching('\u{064E}'), None); // fatha
/// assert_eq!(fold_for_matching('ک'), Some('ك'));
/// ```
pub fn fold_for_matching(c: char) -> Option<char> {
    // The analysis crates fold every character of every article: below U+0800 (ASCII,
    // Latin, Arabic and Arabic Supplement) the answer comes from a table of the slow path,
    // built once; a `u32` that is no `char` stands for `None`.
    static TABLE: std::sync::LazyLock<Box<[u32]>> = std::sync::LazyLock::new(|| {
        (0..FOLD_TABLE_END)
            .map(|cp| {
                char::from_u32(cp)
                    .and_then(fold_for_matching_slow)
                    .map_or(u32::MAX, u32::from)
            })
            .collect()
    });
    match TABLE.get(c as usize) {
        Some(&folded) => char::from_u32(folded),
        None => fold_for_matching_slow(c),
    }
}

/// Characters below this code point are folded by table lookup.
const FOLD_TABLE_END: u32 = 0x800;

/// [`fold_for_matching`] from the rule tables.
fn fold_for_matching_slow(c: char) -> Option<char> {
    const MATCHING: Rules = Rules::for_profile(Profile::Matching);
    match rules::resolve_action(&MATCHING, c) {
        Action::Delete(_) => None,
        Action::Map(m, _) | Action::Letter(m, _) | Action::Punct(m) => Some(m),
        Action::FarsiYeh => Some(rules::letters::YEH),
        Action::Keep | Action::Space | Action::Break | Action::Quote(_) | Action::Expand => Some(c),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The table of [`fold_for_matching`] agrees with the rules on every character.
    #[test]
    fn fold_table_agrees_with_the_rules() {
        for c in (0..=0x10FFFF_u32).filter_map(char::from_u32) {
            assert_eq!(fold_for_matching(c), fold_for_matching_slow(c), "{c:?}");
        }
    }
}
