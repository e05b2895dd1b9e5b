//! Arabic text normalization by profile, with an exact offset map back to the original.
//!
//! A [`Normalizer`] turns an input string into a [`Normalized`] text plus an alignment:
//! every byte range of the normalized text maps to the exact byte range of the original
//! that produced it, so work done on normalized text can be reported in the original.
//!
//! ```
//! use arabic_text::{Normalizer, NormalizeOptions, Profile};
//!
//! let normalizer = Normalizer::new(NormalizeOptions::new(Profile::None));
//! let out = normalizer.normalize("قال الوزير");
//! assert_eq!(out.text(), "قال الوزير");
//! assert_eq!(out.to_original(0..6), 0..6);
//! ```

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
    /// Fold hamza carriers ؤ ئ to و ي.
    pub fold_hamza_carriers: Option<bool>,
    /// Map Arabic-Indic and extended Arabic-Indic digits to ASCII digits.
    pub ascii_digits: Option<bool>,
    /// Map Arabic punctuation (، ؛ ؟) to Latin punctuation.
    pub latin_punctuation: Option<bool>,
    /// Unify quotation marks to one canonical pair.
    pub unify_quotes: Option<bool>,
    /// Collapse whitespace runs and map exotic spaces to a space.
    pub collapse_whitespace: Option<bool>,
    /// Shorten letter elongation by repetition (ااااا → ا).
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
    const MATCHING: Rules = Rules::for_profile(Profile::Matching);
    match rules::resolve_action(&MATCHING, c) {
        Action::Delete(_) => None,
        Action::Map(m, _) | Action::Letter(m, _) | Action::Punct(m) => Some(m),
        Action::FarsiYeh => Some(rules::letters::YEH),
        Action::Keep | Action::Space | Action::Break | Action::Quote(_) | Action::Expand => Some(c),
    }
}
