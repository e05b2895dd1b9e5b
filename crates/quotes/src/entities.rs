//! Speakers as entities: mentions of one person merge into one speaker with the fullest
//! name form as its canonical name («مارتان» ↔ «جان مارتان»); titles go to roles.
//! Descriptions of unnamed sources merge only when the text makes them one: a definite
//! description whose words all come from an earlier one («المصدر» after «مصدر مطلع»).

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use crate::Speaker;
use crate::lexicon::{FastHash, Gender, Number, class, fold, strip_al};
use crate::speaker::{Np, is_def};
use crate::text::Doc;

/// A full name found after a title: folded words, where it is written, and its title.
type FullName = (Vec<String>, Range<usize>, Range<usize>);

/// How many recent entities a mention is compared with.
const SCAN: usize = 64;

/// A speaker being built.
#[derive(Debug, Clone)]
pub(crate) struct Entity {
    pub speaker: Speaker,
    /// Folded name words of the fullest name form (empty for unnamed sources).
    name: Vec<String>,
    /// Folded words (without «ال» and «ب/ل» clitics) of a description.
    desc: Vec<String>,
    pub gender: Gender,
    pub number: Number,
    /// The roles of `speaker.roles`, to tell a new one in one lookup.
    roles_seen: HashSet<Box<str>, FastHash>,
    /// The description words of each role in `speaker.roles`, folded once.
    role_words: Vec<Vec<String>>,
}

/// How many of a speaker's latest roles a bare title is compared with. News articles
/// give a speaker one or two; the bound keeps hostile input (one name with thousands of
/// titles) linear.
const ROLE_SCAN: usize = 16;

impl Entity {
    fn new(
        mut speaker: Speaker,
        name: Vec<String>,
        desc: Vec<String>,
        g: Gender,
        n: Number,
    ) -> Self {
        let roles = std::mem::take(&mut speaker.roles);
        let mut e = Entity {
            speaker,
            name,
            desc,
            gender: g,
            number: n,
            roles_seen: HashSet::default(),
            role_words: Vec::new(),
        };
        for r in roles {
            e.push_role(r);
        }
        e
    }

    /// Adds a role unless the speaker has it already.
    fn push_role(&mut self, role: String) {
        if role.is_empty() || self.roles_seen.contains(role.as_str()) {
            return;
        }
        self.roles_seen.insert(role.as_str().into());
        self.role_words
            .push(words(&role).iter().map(|w| desc_word(w)).collect());
        self.speaker.roles.push(role);
    }
}

/// All speakers of one article.
#[derive(Default)]
pub(crate) struct Registry {
    pub entities: Vec<Entity>,
    /// (entity, start, end) of every mention recorded while attributing, so "is this
    /// already a mention of that speaker" costs one lookup, not a scan of all its
    /// mentions (which made a speaker named thousands of times quadratic).
    seen: HashSet<(usize, usize, usize), FastHash>,
}

fn words(s: &str) -> Vec<String> {
    s.split(|c: char| {
        !crate::text::is_alnum(c) && !matches!(c, '\u{064B}'..='\u{065F}' | '\u{0640}')
    })
    .filter(|w| !w.is_empty())
    .map(fold)
    .filter(|w| !w.is_empty())
    .collect()
}

fn desc_word(w: &str) -> String {
    let w = w
        .strip_prefix('ب')
        .filter(|r| r.starts_with("ال"))
        .unwrap_or(w);
    strip_al(w).to_string()
}

impl Registry {
    /// Adds a mention; returns the entity index.
    pub fn add(&mut self, doc: &Doc, np: &Np, gender: Gender, number: Number) -> usize {
        let k = self.add_mention(doc, np, gender, number);
        self.seen.insert((k, np.range.start, np.range.end));
        k
    }

    /// Records mention `r` of entity `e` unless it is one already.
    pub fn add_known(&mut self, e: usize, r: Range<usize>) {
        if let Some(ent) = self.entities.get_mut(e)
            && self.seen.insert((e, r.start, r.end))
        {
            ent.speaker.mentions.push(r);
        }
    }

    fn add_mention(&mut self, doc: &Doc, np: &Np, gender: Gender, number: Number) -> usize {
        let text = &doc.text[np.range.clone()];
        let plural = np.plural || number == Number::Plural || number == Number::Dual;
        let gender = if np.fem { Gender::Fem } else { gender };
        if let Some(ns) = np.name_start {
            let name_text = &doc.text[ns.max(np.range.start)..np.range.end];
            let name = words(name_text);
            // The most recent named entity whose name ends like this one (a surname, or
            // the full name) is the same person.
            let found = self.recent_entities().rposition(|e| {
                !e.name.is_empty() && !name.is_empty() && {
                    let (short, long) = if e.name.len() <= name.len() {
                        (&e.name, &name)
                    } else {
                        (&name, &e.name)
                    };
                    // Same surname, or the same name with a definite apposition after it
                    // in the longer form («سلمى» ↔ «سلمى المرأة التونسية»).
                    long.ends_with(short)
                        || (long.starts_with(short)
                            && long[short.len()..].iter().all(|w| w.starts_with("ال")))
                }
            });
            let role = doc.text[np.range.start..ns.max(np.range.start)]
                .trim_matches(|c: char| c.is_whitespace() || c == '،' || c == ',')
                .to_string();
            let base = self.entities.len().saturating_sub(SCAN);
            // «وزير الصحة: «…»» and then «وزير الصحة فؤاد …»: the role-only speaker of the
            // headline is the person named with that role.
            let found = found.map(|k| k + base).or_else(|| {
                if role.is_empty() {
                    return None;
                }
                let role_desc: Vec<String> = words(&role).iter().map(|w| desc_word(w)).collect();
                self.recent_entities()
                    .rposition(|e| e.name.is_empty() && !e.speaker.anonymous && e.desc == role_desc)
                    .map(|k| k + base)
            });
            if let Some(k) = found {
                let e = &mut self.entities[k];
                e.speaker.mentions.push(np.range.clone());
                if e.name.is_empty() {
                    e.speaker.canonical_name.clear();
                    e.desc.clear();
                }
                if name.len() > e.name.len() {
                    e.name = name;
                    e.speaker.canonical_name = name_text.to_string();
                }
                e.push_role(role);
                if e.gender == Gender::Unknown {
                    e.gender = gender;
                }
                return k;
            }
            return self.push(Entity::new(
                Speaker {
                    canonical_name: name_text.to_string(),
                    mentions: vec![np.range.clone()],
                    roles: if role.is_empty() {
                        Vec::new()
                    } else {
                        vec![role]
                    },
                    anonymous: false,
                    plural,
                },
                name,
                Vec::new(),
                gender,
                if plural { Number::Plural } else { Number::Sing },
            ));
        }
        let desc: Vec<String> = words(text).iter().map(|w| desc_word(w)).collect();
        let head_def = doc.is_word(np.toks.start) && is_def(doc.word(np.toks.start));
        // «الحامدي» after «فؤاد الحامدي»: a definite family name alone is the surname of a
        // named speaker.
        if head_def && !np.anonymous && !np.anaphor && !doc.has_class(np.toks.start, class::TITLE) {
            let folded = words(text);
            let found = self
                .recent_entities()
                .rposition(|e| !e.name.is_empty() && e.name.ends_with(&folded));
            let base = self.entities.len().saturating_sub(SCAN);
            if let Some(k) = found.map(|k| k + base) {
                self.entities[k].speaker.mentions.push(np.range.clone());
                return k;
            }
        }
        if !np.anaphor {
            let found = self.recent_entities().rposition(|e| {
                e.name.is_empty()
                    && !e.desc.is_empty()
                    && (e.desc == desc || (head_def && desc.iter().all(|w| e.desc.contains(w))))
            });
            let base = self.entities.len().saturating_sub(SCAN);
            if let Some(k) = found.map(|k| k + base) {
                self.entities[k].speaker.mentions.push(np.range.clone());
                return k;
            }
        }
        // «وقال الوزير» after «وزير الخارجية جان مارتان»: a definite title alone names
        // the latest named speaker who holds that title.
        if head_def && !np.anonymous && !np.anaphor && doc.has_class(np.toks.start, class::TITLE) {
            let found = self.recent_entities().rposition(|e| {
                !e.name.is_empty()
                    && e.role_words
                        .iter()
                        .rev()
                        .take(ROLE_SCAN)
                        .any(|role| desc.iter().all(|w| role.contains(w)))
            });
            let base = self.entities.len().saturating_sub(SCAN);
            if let Some(k) = found.map(|k| k + base) {
                self.entities[k].speaker.mentions.push(np.range.clone());
                return k;
            }
        }
        let role = if np.anonymous || !doc.has_class(np.toks.start, class::TITLE) {
            Vec::new()
        } else {
            vec![text.to_string()]
        };
        self.push(Entity::new(
            Speaker {
                canonical_name: text.to_string(),
                mentions: vec![np.range.clone()],
                roles: role,
                anonymous: np.anonymous || np.anaphor,
                plural,
            },
            Vec::new(),
            desc,
            gender,
            if plural { Number::Plural } else { Number::Sing },
        ))
    }

    /// The entities a new mention may merge with: the most recent ones. Articles name a
    /// few dozen speakers at most; the bound keeps hostile input linear.
    fn recent_entities(&self) -> impl DoubleEndedIterator<Item = &Entity> + ExactSizeIterator {
        self.entities[self.entities.len().saturating_sub(SCAN)..].iter()
    }

    /// Records a title written in apposition after a mention («…، رئيس برنامج …»).
    pub fn add_role(&mut self, e: usize, role: &str) {
        if let Some(ent) = self.entities.get_mut(e) {
            ent.push_role(role.trim().to_string());
        }
    }

    fn push(&mut self, e: Entity) -> usize {
        self.entities.push(e);
        self.entities.len() - 1
    }

    /// Extends one-word canonical names with a fuller form the article uses elsewhere
    /// (a name after a title: «وزير الخارجية الفرنسي جان مارتان»).
    pub fn extend_names(&mut self, doc: &Doc, names: &[(Range<usize>, Range<usize>)]) {
        let mut by_last: HashMap<String, Vec<FullName>> = HashMap::new();
        for (role, r) in names {
            let n = words(&doc.text[r.clone()]);
            if let Some(last) = n.last().cloned() {
                let v = by_last.entry(last).or_default();
                // A handful of full forms per surname is plenty.
                if v.len() < 8 {
                    v.push((n, r.clone(), role.clone()));
                }
            }
        }
        for e in &mut self.entities {
            let Some(last) = e.name.last() else { continue };
            let Some(cands) = by_last.get(last) else {
                continue;
            };
            for (n, r, role) in cands {
                if n.len() >= e.name.len() && n.ends_with(&e.name) {
                    e.push_role(doc.text[role.clone()].trim().to_string());
                }
                if n.len() > e.name.len() && n.ends_with(&e.name) {
                    e.name = n.clone();
                    e.speaker.canonical_name = doc.text[r.clone()].to_string();
                    if !e
                        .speaker
                        .mentions
                        .iter()
                        .any(|m| m.start <= r.start && r.end <= m.end)
                    {
                        e.speaker.mentions.push(r.clone());
                    }
                }
            }
            e.speaker.mentions.sort_by_key(|m| (m.start, m.end));
            e.speaker.mentions.dedup();
        }
    }

    /// Index of the entity whose name ends with the folded word `w`, most recent first.
    pub fn by_surname(&self, w: &str) -> Option<usize> {
        // Only the most recent entities count, so only they are searched: a scan of every
        // entity per lookup made articles with many speakers quadratic.
        let base = self.entities.len().saturating_sub(SCAN);
        self.recent_entities()
            .rposition(|e| e.name.last().is_some_and(|l| l == w))
            .map(|k| k + base)
    }
}
