//! The commented data files under `data/`, parsed once into folded lookup tables.

use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

/// Grammatical gender carried by a cue form or a speaker.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Gender {
    Masc,
    Fem,
    Unknown,
}

/// Grammatical number carried by a cue form or a speaker.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Number {
    Sing,
    Plural,
    Dual,
    Unknown,
}

/// What kind of cue a form is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum CueKind {
    /// Finite verb: the subject follows (VS) or precedes (SV).
    Verb,
    /// Adverbial participle («قائلاً»): the speaker is the subject of the main verb.
    Participle,
    /// Nominal cue («بحسب»): the speaker follows.
    Nominal,
    /// «جاء في»: a document follows after «في».
    Document,
}

/// One form of a cue.
#[derive(Debug, Clone, Copy)]
pub(crate) struct CueForm {
    pub lemma: &'static str,
    pub kind: CueKind,
    pub gender: Gender,
    pub number: Number,
}

/// Folds a string for lexicon lookups (see [`arabic_text::fold_for_matching`]).
pub(crate) fn fold(s: &str) -> String {
    // Folding never lengthens a word: one allocation, not one per doubling.
    let mut out = String::with_capacity(s.len());
    out.extend(s.chars().filter_map(arabic_text::fold_for_matching));
    out
}

fn entries(data: &'static str) -> impl Iterator<Item = &'static str> {
    data.lines()
        .map(|l| l.split('#').next().unwrap_or("").trim())
        .filter(|l| !l.is_empty())
}

fn sections(data: &'static str) -> HashMap<&'static str, HashSet<String>> {
    let mut out: HashMap<&'static str, HashSet<String>> = HashMap::new();
    let mut current = "";
    for line in entries(data) {
        if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            current = name;
            continue;
        }
        let set = out.entry(current).or_default();
        for w in line.split_whitespace() {
            set.insert(fold(w));
        }
    }
    out
}

/// All cue forms, keyed by folded form without clitics.
static CUES: LazyLock<HashMap<String, CueForm, FastHash>> = LazyLock::new(|| {
    let mut map = HashMap::with_hasher(FastHash);
    for line in entries(include_str!("../data/cues.txt")) {
        let (tag, rest) = line.split_once(' ').unwrap_or((line, ""));
        let rest = rest.trim();
        match tag {
            "n" | "d" => {
                let kind = if tag == "n" {
                    CueKind::Nominal
                } else {
                    CueKind::Document
                };
                let lemma: &'static str = rest;
                map.insert(
                    fold(rest),
                    CueForm {
                        lemma,
                        kind,
                        gender: Gender::Unknown,
                        number: Number::Unknown,
                    },
                );
            }
            "v" => {
                let fields: Vec<&'static str> = rest.split('|').map(str::trim).collect();
                if fields.len() < 4 {
                    continue;
                }
                let lemma = fields[0];
                let tags = [
                    (Gender::Masc, Number::Sing),
                    (Gender::Fem, Number::Sing),
                    (Gender::Unknown, Number::Plural),
                    (Gender::Unknown, Number::Dual),
                ];
                let past: Vec<String> = fields[1].split_whitespace().map(fold).collect();
                let past = if past.len() == 1 {
                    let m = &past[0];
                    vec![
                        m.clone(),
                        format!("{m}ت"),
                        format!("{m}وا"),
                        format!("{m}ا"),
                    ]
                } else {
                    past
                };
                let pres: Vec<String> = fields[2].split_whitespace().map(fold).collect();
                let pres = if pres.len() == 1 {
                    let m = &pres[0];
                    let stem: String = m.chars().skip(1).collect();
                    vec![
                        m.clone(),
                        format!("ت{stem}"),
                        format!("{m}ون"),
                        format!("{m}ان"),
                    ]
                } else {
                    pres
                };
                for forms in [&past, &pres] {
                    for (form, (gender, number)) in forms.iter().zip(tags) {
                        map.entry(form.clone()).or_insert(CueForm {
                            lemma,
                            kind: CueKind::Verb,
                            gender,
                            number,
                        });
                    }
                }
                // Feminine dual of the past («قالتا») agrees like a dual.
                map.entry(format!("{}تا", past[0])).or_insert(CueForm {
                    lemma,
                    kind: CueKind::Verb,
                    gender: Gender::Fem,
                    number: Number::Dual,
                });
                let part = fold(fields[3]);
                if part != "-" && !part.is_empty() {
                    for (suffix, gender, number) in [
                        ("ا", Gender::Masc, Number::Sing),
                        ("ه", Gender::Fem, Number::Sing),
                        ("ين", Gender::Unknown, Number::Plural),
                        ("ات", Gender::Fem, Number::Plural),
                    ] {
                        map.entry(format!("{part}{suffix}")).or_insert(CueForm {
                            lemma,
                            kind: CueKind::Participle,
                            gender,
                            number,
                        });
                    }
                }
            }
            _ => {}
        }
    }
    map
});

static CIRCUMSTANCE: LazyLock<HashMap<&'static str, HashSet<String>>> =
    LazyLock::new(|| sections(include_str!("../data/circumstance.txt")));
static TITLE_MARKERS: LazyLock<HashMap<&'static str, HashSet<String>>> =
    LazyLock::new(|| sections(include_str!("../data/title_markers.txt")));
static ROLES: LazyLock<HashMap<&'static str, HashSet<String>>> =
    LazyLock::new(|| sections(include_str!("../data/roles.txt")));

fn has(map: &HashMap<&'static str, HashSet<String>>, section: &str, w: &str) -> bool {
    map.get(section).is_some_and(|s| s.contains(w))
}

/// Strips a leading «ال» (or «لل» → «ل» stays a preposition, not handled here).
pub(crate) fn strip_al(w: &str) -> &str {
    match w.strip_prefix("ال") {
        Some(rest) if rest.chars().count() >= 2 => rest,
        _ => w,
    }
}

/// Looks a noun up with and without «ال» and with the feminine ending taken off
/// («الباحثة» → «باحث»), so the lexicon lists masculine singulars only.
fn noun_in_slow(section: &str, w: &str) -> bool {
    let bare = strip_al(w);
    has(&ROLES, section, w)
        || has(&ROLES, section, bare)
        || bare
            .strip_suffix('ه')
            .is_some_and(|m| m.chars().count() >= 3 && has(&ROLES, section, m))
}

/// Word classes of the lexicon, one bit each in [`CLASSES`].
pub(crate) mod class {
    pub const STOP: u16 = 1 << 0;
    pub const TIME: u16 = 1 << 1;
    pub const EVENT: u16 = 1 << 2;
    pub const SELF: u16 = 1 << 3;
    pub const TITLE_MARKER: u16 = 1 << 4;
    pub const NAME_STARTER: u16 = 1 << 5;
    pub const TITLE: u16 = 1 << 6;
    pub const INSTITUTION: u16 = 1 << 7;
    pub const ANON_HEAD: u16 = 1 << 8;
    pub const DESCRIPTOR: u16 = 1 << 9;
    pub const PLURAL_HEAD: u16 = 1 << 10;
    pub const ANAPHOR: u16 = 1 << 11;
    pub const PRONOUN: u16 = 1 << 12;
}

/// Every class of a folded word as one answer: the section sets above define the classes
/// (with the «ال» and feminine variants the predicates allow), this table answers them
/// with one lookup instead of up to six. Keys are every word the definitions can accept —
/// each entry with «ال» and «ه» added — each classified by the definitions themselves, so
/// the table agrees with them on every string (a word outside the keys is in no class).
static CLASSES: LazyLock<HashMap<Box<str>, u16, FastHash>> = LazyLock::new(|| {
    let mut keys: Vec<String> = Vec::new();
    for map in [&*CIRCUMSTANCE, &*TITLE_MARKERS, &*ROLES] {
        for set in map.values() {
            for w in set {
                keys.push(w.clone());
                keys.push(format!("ال{w}"));
                keys.push(format!("{w}ه"));
                keys.push(format!("ال{w}ه"));
            }
        }
    }
    let mut out = HashMap::with_hasher(FastHash);
    for k in keys {
        let bits = classes_slow(&k);
        if bits != 0 {
            out.insert(k.into_boxed_str(), bits);
        }
    }
    out
});

/// The classes of a folded word by the definitions (the section sets), one lookup each.
fn classes_slow(w: &str) -> u16 {
    [
        (class::STOP, has(&CIRCUMSTANCE, "stop", w)),
        (class::TIME, has(&CIRCUMSTANCE, "time", w)),
        (class::EVENT, has(&CIRCUMSTANCE, "event", w)),
        (class::SELF, has(&CIRCUMSTANCE, "self", w)),
        (class::TITLE_MARKER, has(&TITLE_MARKERS, "title", w)),
        (class::NAME_STARTER, has(&TITLE_MARKERS, "name", w)),
        (class::TITLE, noun_in_slow("title", w)),
        (class::INSTITUTION, noun_in_slow("institution", w)),
        (class::ANON_HEAD, noun_in_slow("anon", w)),
        (
            class::DESCRIPTOR,
            has(&ROLES, "descriptor", w) || has(&ROLES, "descriptor", strip_al(w)),
        ),
        (
            class::PLURAL_HEAD,
            has(&ROLES, "plural", w) || has(&ROLES, "plural", strip_al(w)),
        ),
        (class::ANAPHOR, has(&ROLES, "anaphor", w)),
        (class::PRONOUN, has(&ROLES, "pronoun", w)),
    ]
    .iter()
    .filter(|(_, on)| *on)
    .fold(0, |acc, (bit, _)| acc | bit)
}

/// The lexicon classes of a folded word (bits of [`class`]).
pub(crate) fn classes(w: &str) -> u16 {
    CLASSES.get(w).copied().unwrap_or(0)
}

/// Words that end a speaker noun phrase.
pub(crate) fn is_stop(w: &str) -> bool {
    classes(w) & (class::STOP | class::TIME) != 0
}
/// Time words («اليوم»، «الجمعة»).
pub(crate) fn is_time(w: &str) -> bool {
    classes(w) & class::TIME != 0
}
/// Occasion nouns after «في» («مؤتمر»، «بيان»).
pub(crate) fn is_event(w: &str) -> bool {
    classes(w) & class::EVENT != 0
}
/// Title markers before quotation marks. Only the undetermined form names what follows
/// («عملية "…"» is an operation's name; in «نظم العملية "…"» speech follows).
pub(crate) fn is_title_marker(w: &str) -> bool {
    classes(w) & class::TITLE_MARKER != 0
}
/// Kunya starters («أبو»).
pub(crate) fn is_name_starter(w: &str) -> bool {
    classes(w) & class::NAME_STARTER != 0
}
/// Titles and roles that can stand before a name (with or without «ال», feminine too).
pub(crate) fn is_title(w: &str) -> bool {
    classes(w) & class::TITLE != 0
}
/// Institutions in construct after a title («وزير خارجية …»).
pub(crate) fn is_institution(w: &str) -> bool {
    classes(w) & class::INSTITUTION != 0
}
/// Heads of descriptions of unnamed sources.
pub(crate) fn is_anon_head(w: &str) -> bool {
    classes(w) & class::ANON_HEAD != 0
}
/// Adjectives of unnamed-source descriptions.
pub(crate) fn is_descriptor(w: &str) -> bool {
    classes(w) & class::DESCRIPTOR != 0
}
/// Plural and dual heads.
pub(crate) fn is_plural_head(w: &str) -> bool {
    classes(w) & class::PLURAL_HEAD != 0
}
/// Nominal anaphors («الأخير»).
pub(crate) fn is_anaphor(w: &str) -> bool {
    classes(w) & class::ANAPHOR != 0
}
/// Free personal pronouns.
pub(crate) fn is_pronoun(w: &str) -> bool {
    classes(w) & class::PRONOUN != 0
}

/// FxHash-style hasher for the lexicon's short folded keys. The tables are built from
/// our own data files, so std's SipHash (keyed against hash flooding) buys nothing here
/// and cost a fifth of the analysis.
#[derive(Clone, Copy, Default)]
pub(crate) struct FastHash;

pub(crate) struct FastHasher(u64);

impl std::hash::BuildHasher for FastHash {
    type Hasher = FastHasher;
    fn build_hasher(&self) -> FastHasher {
        FastHasher(0)
    }
}

const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

impl FastHasher {
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(SEED);
    }
}

impl std::hash::Hasher for FastHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut b = [0u8; 8];
            b.copy_from_slice(c);
            self.add(u64::from_le_bytes(b));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut b = [0u8; 8];
            b[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(b) ^ (rest.len() as u64) << 56);
        }
    }
    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }
    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }
    fn finish(&self) -> u64 {
        self.0
    }
}

/// Each folded cue word's number in the table of forms.
type CueNumbers = HashMap<&'static str, u16, FastHash>;

/// The cue forms by number, and each folded cue word's number: a document keeps one
/// `u16` per token instead of a whole [`CueForm`].
static CUE_IDS: LazyLock<(CueNumbers, Vec<CueForm>)> = LazyLock::new(|| {
    // Documents store a form's number + 1 in a `u16` (0: no cue); the data file makes
    // about a thousand forms.
    assert!(
        CUES.len() < usize::from(u16::MAX),
        "too many cue forms for u16 numbers"
    );
    let mut ids = HashMap::with_capacity_and_hasher(CUES.len(), FastHash);
    let mut forms = Vec::with_capacity(CUES.len());
    for (w, f) in CUES.iter() {
        ids.insert(w.as_str(), forms.len() as u16);
        forms.push(*f);
    }
    (ids, forms)
});

/// The cue form numbered `id` by [`lookup_cue_id`].
pub(crate) fn cue_form_by_id(id: u16) -> CueForm {
    CUE_IDS.1[usize::from(id)]
}

/// Looks a folded word up as a cue; see [`lookup_cue_id`].
pub(crate) fn lookup_cue(w: &str, suffixes: bool) -> Option<CueForm> {
    lookup_cue_id(w, suffixes).map(cue_form_by_id)
}

/// Looks a folded word up as a cue, stripping clitics («و»، «ف»، «س»، «ل») and object
/// suffixes («ه»، «ها»، «هم»، «نا»). Returns the form and how many leading chars were clitics.
///
/// `suffixes` allows the object suffixes; callers pass `false` when the word as written
/// ends in «ة», which folding made look like the pronoun «ه» («إضافة» is not «أضاف»+«ه»).
pub(crate) fn lookup_cue_id(w: &str, suffixes: bool) -> Option<u16> {
    let (ids, forms) = &*CUE_IDS;
    let kind = |id: u16| forms[usize::from(id)].kind;
    let try_one = |s: &str| -> Option<u16> {
        if let Some(&f) = ids.get(s) {
            return Some(f);
        }
        if !suffixes {
            return None;
        }
        for suffix in ["ها", "هم", "نا", "ه"] {
            if let Some(stem) = s.strip_suffix(suffix)
                && stem.chars().count() >= 3
                && let Some(&f) = ids.get(stem)
                && kind(f) == CueKind::Verb
            {
                return Some(f);
            }
        }
        None
    };
    if let Some(f) = try_one(w) {
        return Some(f);
    }
    let mut rest = w;
    for _ in 0..2 {
        let Some(c) = rest.chars().next() else { break };
        if !matches!(c, 'و' | 'ف' | 'س' | 'ل') {
            break;
        }
        rest = &rest[c.len_utf8()..];
        if rest.chars().count() < 2 {
            return None;
        }
        if let Some(f) = try_one(rest) {
            // «س»/«ل» only go before the present tense, never before a participle.
            if matches!(c, 'س' | 'ل') && kind(f) != CueKind::Verb {
                return None;
            }
            return Some(f);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn class_table_agrees_with_the_section_sets() {
        let mut probes: Vec<String> = Vec::new();
        for map in [&*CIRCUMSTANCE, &*TITLE_MARKERS, &*ROLES] {
            for set in map.values() {
                for w in set {
                    for p in ["", "ال", "و", "ب", "ل", "وال", "بال"] {
                        for x in ["", "ه", "ين", "ون", "ها", "ا"] {
                            probes.push(format!("{p}{w}{x}"));
                        }
                    }
                    let cut: String = w.chars().skip(1).collect();
                    probes.push(cut);
                }
            }
        }
        probes.extend(["", "ا", "ال", "اله", "اب", "به", "x", "الx"].map(String::from));
        let mut classified = 0;
        for w in &probes {
            assert_eq!(classes(w), classes_slow(w), "{w}");
            classified += usize::from(classes(w) != 0);
        }
        // The probes do reach the classes (the comparison is not all zeros).
        assert!(classified > 300, "{classified}");
    }
}
