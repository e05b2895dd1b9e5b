//! The rules, one per file, and their resolution into a per-character action table.
//!
//! | rule | translation | matching | override |
//! |---|---|---|---|
//! | `nfc` | on | on | – |
//! | `presentation-form` | on | on | – |
//! | `persian-letter` | on | on | – |
//! | `invisible-character`, `control-character` | on | on | – |
//! | `tatweel` | on | on | `remove_tatweel` |
//! | `whitespace`, `punctuation-spacing` | on | on | `collapse_whitespace` |
//! | `quotation-mark` | on | on | `unify_quotes` |
//! | `ascii-digit` (with ٫ ٬) | on | on | `ascii_digits` |
//! | `latin-punctuation` | off | on | `latin_punctuation` |
//! | `diacritic` | off | on | `remove_diacritics` |
//! | `alef`, `alef-maqsura`, `ta-marbuta` | off | on | `fold_alef`, `fold_alef_maqsura`, `fold_ta_marbuta` |
//! | `hamza-carrier` | off | off | `fold_hamza_carriers` |
//! | `elongation` | off | off | `collapse_elongation` |
//!
//! The `none` profile turns every rule off; overrides can still turn single rules on.

pub(crate) mod digits;
pub(crate) mod elongation;
pub(crate) mod invisible;
pub(crate) mod letters;
pub(crate) mod presentation;
pub(crate) mod punctuation;
pub(crate) mod quotes;
pub(crate) mod whitespace;

use crate::{NormalizeOptions, Profile};

/// Identifies a rule; its [`RuleId::name`] is what [`crate::Edit::rule`] reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum RuleId {
    Nfc,
    PresentationForm,
    PersianLetter,
    Invisible,
    Control,
    Tatweel,
    Whitespace,
    PunctuationSpacing,
    Quote,
    AsciiDigit,
    LatinPunctuation,
    Diacritic,
    Alef,
    AlefMaqsura,
    TaMarbuta,
    HamzaCarrier,
    Elongation,
}

impl RuleId {
    pub(crate) const ALL: [RuleId; 17] = [
        RuleId::Nfc,
        RuleId::PresentationForm,
        RuleId::PersianLetter,
        RuleId::Invisible,
        RuleId::Control,
        RuleId::Tatweel,
        RuleId::Whitespace,
        RuleId::PunctuationSpacing,
        RuleId::Quote,
        RuleId::AsciiDigit,
        RuleId::LatinPunctuation,
        RuleId::Diacritic,
        RuleId::Alef,
        RuleId::AlefMaqsura,
        RuleId::TaMarbuta,
        RuleId::HamzaCarrier,
        RuleId::Elongation,
    ];

    /// The stable name reported in edits.
    pub(crate) const fn name(self) -> &'static str {
        match self {
            RuleId::Nfc => "nfc",
            RuleId::PresentationForm => "presentation-form",
            RuleId::PersianLetter => "persian-letter",
            RuleId::Invisible => "invisible-character",
            RuleId::Control => "control-character",
            RuleId::Tatweel => "tatweel",
            RuleId::Whitespace => "whitespace",
            RuleId::PunctuationSpacing => "punctuation-spacing",
            RuleId::Quote => "quotation-mark",
            RuleId::AsciiDigit => "ascii-digit",
            RuleId::LatinPunctuation => "latin-punctuation",
            RuleId::Diacritic => "diacritic",
            RuleId::Alef => "alef",
            RuleId::AlefMaqsura => "alef-maqsura",
            RuleId::TaMarbuta => "ta-marbuta",
            RuleId::HamzaCarrier => "hamza-carrier",
            RuleId::Elongation => "elongation",
        }
    }
}

/// Which rules are on, after applying the overrides to the profile.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Rules {
    pub(crate) nfc: bool,
    pub(crate) presentation: bool,
    pub(crate) persian: bool,
    pub(crate) invisible: bool,
    pub(crate) tatweel: bool,
    pub(crate) whitespace: bool,
    pub(crate) quotes: bool,
    pub(crate) digits: bool,
    pub(crate) latin_punctuation: bool,
    pub(crate) diacritics: bool,
    pub(crate) alef: bool,
    pub(crate) alef_maqsura: bool,
    pub(crate) ta_marbuta: bool,
    pub(crate) hamza_carriers: bool,
    pub(crate) elongation: bool,
}

impl Rules {
    /// The rules of a profile without overrides.
    pub(crate) const fn for_profile(profile: Profile) -> Self {
        let (base, matching) = match profile {
            Profile::Translation => (true, false),
            Profile::Matching => (true, true),
            Profile::None => (false, false),
        };
        Self {
            nfc: base,
            presentation: base,
            persian: base,
            invisible: base,
            tatweel: base,
            whitespace: base,
            quotes: base,
            digits: base,
            latin_punctuation: matching,
            diacritics: matching,
            alef: matching,
            alef_maqsura: matching,
            ta_marbuta: matching,
            hamza_carriers: false,
            elongation: false,
        }
    }

    /// The rules of `options`: the profile's, with each override that is set replacing it.
    pub(crate) fn resolve(options: &NormalizeOptions) -> Self {
        let mut rules = Self::for_profile(options.profile);
        let o = &options.overrides;
        let set = |slot: &mut bool, value: Option<bool>| {
            if let Some(value) = value {
                *slot = value;
            }
        };
        set(&mut rules.tatweel, o.remove_tatweel);
        set(&mut rules.diacritics, o.remove_diacritics);
        set(&mut rules.alef, o.fold_alef);
        set(&mut rules.alef_maqsura, o.fold_alef_maqsura);
        set(&mut rules.ta_marbuta, o.fold_ta_marbuta);
        set(&mut rules.hamza_carriers, o.fold_hamza_carriers);
        set(&mut rules.digits, o.ascii_digits);
        set(&mut rules.latin_punctuation, o.latin_punctuation);
        set(&mut rules.quotes, o.unify_quotes);
        set(&mut rules.whitespace, o.collapse_whitespace);
        set(&mut rules.elongation, o.collapse_elongation);
        rules
    }

    /// Whether no rule at all is on: normalization is the identity.
    pub(crate) fn is_identity(&self) -> bool {
        *self == Self::for_profile(Profile::None)
    }
}

/// What the main pass does with one character.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Action {
    /// Copy unchanged.
    Keep,
    /// Remove.
    Delete(RuleId),
    /// Replace by one character.
    Map(char, RuleId),
    /// Horizontal whitespace (whitespace rule on).
    Space,
    /// Line break (whitespace rule on).
    Break,
    /// Double quotation mark (quote rule on).
    Quote(quotes::QuoteHint),
    /// Punctuation with spacing rules, possibly mapped to Latin.
    Punct(char),
    /// Farsi yeh: ي or ى depending on what follows.
    FarsiYeh,
    /// Presentation form expanding to more than one character.
    Expand,
    /// An Arabic letter (possibly mapped) subject to the elongation rule.
    Letter(char, Option<RuleId>),
}

impl Action {
    /// The character this action outputs when it outputs exactly one character whatever
    /// the context; used by look-ahead so that context is judged as the normalized text
    /// will show it.
    pub(crate) fn surface(self, c: char) -> char {
        match self {
            Action::Keep | Action::Delete(_) | Action::Quote(_) | Action::Expand => c,
            Action::Map(m, _) | Action::Punct(m) | Action::Letter(m, _) => m,
            Action::Space => ' ',
            Action::Break => '\n',
            Action::FarsiYeh => letters::YEH,
        }
    }
}

/// Resolves the action for `c` under `rules` (one source of truth for the tables, the
/// slow path and [`crate::fold_for_matching`]).
pub(crate) fn resolve_action(rules: &Rules, c: char) -> Action {
    let single = resolve_single(rules, c);
    if rules.elongation {
        match single {
            Action::Keep if letters::is_arabic_letter(c) => return Action::Letter(c, None),
            Action::Map(m, rule) if letters::is_arabic_letter(m) => {
                return Action::Letter(m, Some(rule));
            }
            _ => {}
        }
    }
    single
}

fn resolve_single(rules: &Rules, c: char) -> Action {
    if rules.invisible {
        if invisible::is_invisible(c) {
            return Action::Delete(RuleId::Invisible);
        }
        if invisible::is_removable_control(c) {
            return Action::Delete(RuleId::Control);
        }
    }
    if rules.whitespace {
        if whitespace::is_line_break(c) {
            return Action::Break;
        }
        if whitespace::is_horizontal_space(c) {
            return Action::Space;
        }
    }
    if c == letters::TATWEEL {
        return if rules.tatweel {
            Action::Delete(RuleId::Tatweel)
        } else {
            Action::Keep
        };
    }
    if rules.diacritics && letters::is_diacritic(c) {
        return Action::Delete(RuleId::Diacritic);
    }
    if rules.quotes
        && let Some(hint) = quotes::quote_hint(c)
    {
        return Action::Quote(hint);
    }
    if rules.presentation && presentation::is_presentation_form(c) {
        let Some(expansion) = resolved_expansion(rules, c) else {
            return Action::Keep;
        };
        let mut chars = expansion.chars();
        return match (chars.next(), chars.next()) {
            (None, _) => Action::Delete(RuleId::PresentationForm),
            (Some(single), None) => Action::Map(single, RuleId::PresentationForm),
            _ => Action::Expand,
        };
    }
    if rules.persian {
        if c == letters::FARSI_YEH {
            return if rules.alef_maqsura {
                Action::Map(letters::YEH, RuleId::PersianLetter)
            } else {
                Action::FarsiYeh
            };
        }
        if let Some(m) = letters::persian_lookalike(c) {
            let m = match resolve_single(rules, m) {
                Action::Map(folded, _) => folded,
                _ => m,
            };
            return Action::Map(m, RuleId::PersianLetter);
        }
    }
    if rules.alef
        && let Some(m) = letters::fold_alef(c)
    {
        return Action::Map(m, RuleId::Alef);
    }
    if rules.alef_maqsura && c == letters::ALEF_MAQSURA {
        return Action::Map(letters::YEH, RuleId::AlefMaqsura);
    }
    if rules.ta_marbuta && c == '\u{0629}' {
        return Action::Map('\u{0647}', RuleId::TaMarbuta);
    }
    if rules.hamza_carriers
        && let Some(m) = letters::fold_hamza_carrier(c)
    {
        return Action::Map(m, RuleId::HamzaCarrier);
    }
    if rules.digits
        && let Some(m) = digits::ascii_digit(c)
    {
        // ٬ becomes a comma, which the spacing rule must then see as one.
        if rules.whitespace && punctuation::takes_space_after(m) {
            return Action::Punct(m);
        }
        return Action::Map(m, RuleId::AsciiDigit);
    }
    let latin = if rules.latin_punctuation {
        punctuation::latin_counterpart(c)
    } else {
        None
    };
    let surface = latin.unwrap_or(c);
    if rules.whitespace && punctuation::takes_space_after(surface) {
        return Action::Punct(surface);
    }
    if let Some(m) = latin {
        return Action::Map(m, RuleId::LatinPunctuation);
    }
    Action::Keep
}

/// The text a presentation form becomes once the other rules have applied to the letters
/// of its expansion; `None` when the form is kept.
pub(crate) fn resolved_expansion(rules: &Rules, c: char) -> Option<String> {
    let expansion = presentation::expand(c)?;
    let mut out = String::with_capacity(expansion.len());
    for ch in expansion.chars() {
        match resolve_single(rules, ch) {
            Action::Delete(_) => {}
            action => out.push(action.surface(ch)),
        }
    }
    Some(out)
}
