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
    s.chars()
        .filter_map(arabic_text::fold_for_matching)
        .collect()
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
pub(crate) static CUES: LazyLock<HashMap<String, CueForm>> = LazyLock::new(|| {
    let mut map = HashMap::new();
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

/// Words that end a speaker noun phrase.
pub(crate) fn is_stop(w: &str) -> bool {
    has(&CIRCUMSTANCE, "stop", w) || has(&CIRCUMSTANCE, "time", w)
}
/// Time words («اليوم»، «الجمعة»).
pub(crate) fn is_time(w: &str) -> bool {
    has(&CIRCUMSTANCE, "time", w)
}
/// Occasion nouns after «في» («مؤتمر»، «بيان»).
pub(crate) fn is_event(w: &str) -> bool {
    has(&CIRCUMSTANCE, "event", w)
}
/// «تعبيره»، «قوله» after «بحسب».
pub(crate) fn is_self_reference(w: &str) -> bool {
    has(&CIRCUMSTANCE, "self", w)
}
/// Title markers before quotation marks. Only the undetermined form names what follows
/// («عملية "…"» is an operation's name; in «نظم العملية "…"» speech follows).
pub(crate) fn is_title_marker(w: &str) -> bool {
    has(&TITLE_MARKERS, "title", w)
}
/// Kunya starters («أبو»).
pub(crate) fn is_name_starter(w: &str) -> bool {
    has(&TITLE_MARKERS, "name", w)
}
/// Looks a noun up with and without «ال» and with the feminine ending taken off
/// («الباحثة» → «باحث»), so the lexicon lists masculine singulars only.
fn noun_in(section: &str, w: &str) -> bool {
    let bare = strip_al(w);
    has(&ROLES, section, w)
        || has(&ROLES, section, bare)
        || bare
            .strip_suffix('ه')
            .is_some_and(|m| m.chars().count() >= 3 && has(&ROLES, section, m))
}
/// Titles and roles that can stand before a name.
pub(crate) fn is_title(w: &str) -> bool {
    noun_in("title", w)
}
/// Institutions in construct after a title («وزير خارجية …»).
pub(crate) fn is_institution(w: &str) -> bool {
    noun_in("institution", w)
}
/// Heads of descriptions of unnamed sources.
pub(crate) fn is_anon_head(w: &str) -> bool {
    noun_in("anon", w)
}
/// Adjectives of unnamed-source descriptions.
pub(crate) fn is_descriptor(w: &str) -> bool {
    has(&ROLES, "descriptor", w) || has(&ROLES, "descriptor", strip_al(w))
}
/// Plural and dual heads.
pub(crate) fn is_plural_head(w: &str) -> bool {
    has(&ROLES, "plural", w) || has(&ROLES, "plural", strip_al(w))
}
/// Nominal anaphors («الأخير»).
pub(crate) fn is_anaphor(w: &str) -> bool {
    has(&ROLES, "anaphor", w)
}
/// Free personal pronouns.
pub(crate) fn is_pronoun(w: &str) -> bool {
    has(&ROLES, "pronoun", w)
}

/// Looks a folded word up as a cue, stripping clitics («و»، «ف»، «س»، «ل») and object
/// suffixes («ه»، «ها»، «هم»، «نا»). Returns the form and how many leading chars were clitics.
///
/// `suffixes` allows the object suffixes; callers pass `false` when the word as written
/// ends in «ة», which folding made look like the pronoun «ه» («إضافة» is not «أضاف»+«ه»).
pub(crate) fn lookup_cue(w: &str, suffixes: bool) -> Option<CueForm> {
    let try_one = |s: &str| -> Option<CueForm> {
        if let Some(f) = CUES.get(s) {
            return Some(*f);
        }
        if !suffixes {
            return None;
        }
        for suffix in ["ها", "هم", "نا", "ه"] {
            if let Some(stem) = s.strip_suffix(suffix)
                && stem.chars().count() >= 3
                && let Some(f) = CUES.get(stem)
                && f.kind == CueKind::Verb
            {
                return Some(*f);
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
            if matches!(c, 'س' | 'ل') && f.kind != CueKind::Verb {
                return None;
            }
            return Some(f);
        }
    }
    None
}
