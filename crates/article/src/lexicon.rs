//! The rule data of the crate, kept in small commented files under `data/` and parsed once.
//!
//! Every entry is a rule of Arabic news text (an abbreviation, a month name, a boilerplate
//! phrase), never a string taken from a particular article.

use std::collections::HashMap;
use std::sync::OnceLock;

use aho_corasick::{AhoCorasick, MatchKind};

use crate::BoilerplateReason;
use crate::chars::folded;

/// Non-comment, non-empty lines of a data file.
fn entries(data: &'static str) -> impl Iterator<Item = &'static str> {
    data.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

/// Multi-letter abbreviations that never end a sentence (folded, inner dots kept).
pub(crate) fn abbreviations() -> &'static [String] {
    static CELL: OnceLock<Vec<String>> = OnceLock::new();
    CELL.get_or_init(|| {
        entries(include_str!("../data/abbreviations.txt"))
            .map(folded)
            .collect()
    })
}

/// Arabic spellings of web domain endings («نت», «كوم»), folded.
pub(crate) fn domain_suffixes() -> &'static [String] {
    static CELL: OnceLock<Vec<String>> = OnceLock::new();
    CELL.get_or_init(|| {
        entries(include_str!("../data/domain_suffixes.txt"))
            .map(folded)
            .collect()
    })
}

/// Month names: folded words → month number. Two-word names are stored with one space.
pub(crate) struct Months {
    pub(crate) names: HashMap<String, u8>,
}

/// The month-name table.
pub(crate) fn months() -> &'static Months {
    static CELL: OnceLock<Months> = OnceLock::new();
    CELL.get_or_init(|| {
        let mut names = HashMap::new();
        for line in entries(include_str!("../data/months.txt")) {
            if let Some((num, name)) = line.split_once(' ')
                && let Ok(n) = num.parse::<u8>()
            {
                names.insert(folded(name), n);
            }
        }
        Months { names }
    })
}

/// Folded weekday names.
pub(crate) fn weekdays() -> &'static [String] {
    static CELL: OnceLock<Vec<String>> = OnceLock::new();
    CELL.get_or_init(|| {
        entries(include_str!("../data/weekdays.txt"))
            .map(folded)
            .collect()
    })
}

/// Agency names, folded, with spaces and dots removed.
pub(crate) fn agencies() -> &'static [String] {
    static CELL: OnceLock<Vec<String>> = OnceLock::new();
    CELL.get_or_init(|| {
        entries(include_str!("../data/agencies.txt"))
            .map(compact)
            .collect()
    })
}

/// Folded form without spaces and dots, to compare agency credits («ا ف ب» = «أ.ف.ب»).
pub(crate) fn compact(s: &str) -> String {
    folded(s)
        .chars()
        .filter(|c| *c != ' ' && *c != '.')
        .collect()
}

/// Folded dateline cues («نشر في», «بتاريخ», …).
pub(crate) fn dateline_cues() -> &'static [String] {
    static CELL: OnceLock<Vec<String>> = OnceLock::new();
    CELL.get_or_init(|| {
        entries(include_str!("../data/dateline_cues.txt"))
            .map(folded)
            .collect()
    })
}

/// Folded openings of source-credit lines.
pub(crate) fn credits() -> &'static [String] {
    static CELL: OnceLock<Vec<String>> = OnceLock::new();
    CELL.get_or_init(|| {
        entries(include_str!("../data/credits.txt"))
            .map(folded)
            .collect()
    })
}

/// Folded clause-opening words.
pub(crate) fn conjunctions() -> &'static [String] {
    static CELL: OnceLock<Vec<String>> = OnceLock::new();
    CELL.get_or_init(|| {
        entries(include_str!("../data/conjunctions.txt"))
            .map(folded)
            .collect()
    })
}

/// Sentence openers and non-heading words for run-in subheadings (folded).
pub(crate) struct Openers {
    pub(crate) openers: Vec<String>,
    pub(crate) not_heading: Vec<String>,
}

/// The run-in subheading lexicon.
pub(crate) fn openers() -> &'static Openers {
    static CELL: OnceLock<Openers> = OnceLock::new();
    CELL.get_or_init(|| {
        let mut o = Openers {
            openers: Vec::new(),
            not_heading: Vec::new(),
        };
        let mut section = "";
        for line in entries(include_str!("../data/sentence_openers.txt")) {
            if line.starts_with('[') {
                section = line;
                continue;
            }
            match section {
                "[opener]" => o.openers.push(folded(line)),
                "[not_heading]" => o.not_heading.push(folded(line)),
                _ => {}
            }
        }
        o
    })
}

/// Words that continue a sentence after an ellipsis or a question mark (folded).
pub(crate) struct Continuations {
    pub(crate) after_ellipsis: Vec<String>,
    pub(crate) after_question: Vec<String>,
}

/// The continuation-word lexicon.
pub(crate) fn continuations() -> &'static Continuations {
    static CELL: OnceLock<Continuations> = OnceLock::new();
    CELL.get_or_init(|| {
        let mut o = Continuations {
            after_ellipsis: Vec::new(),
            after_question: Vec::new(),
        };
        let mut section = "";
        for line in entries(include_str!("../data/continuations.txt")) {
            if line.starts_with('[') {
                section = line;
                continue;
            }
            match section {
                "[after_ellipsis]" => o.after_ellipsis.push(folded(line)),
                "[after_question]" => o.after_question.push(folded(line)),
                _ => {}
            }
        }
        o
    })
}

/// What a boilerplate-lexicon phrase marks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum PhraseKind {
    /// Page furniture for the given reason.
    Boilerplate(BoilerplateReason),
    /// A caption line.
    Caption,
}

/// One phrase of the boilerplate lexicon.
pub(crate) struct Phrase {
    pub(crate) kind: PhraseKind,
    /// The phrase must open the line.
    pub(crate) anchored: bool,
    /// Words in the phrase.
    pub(crate) words: usize,
}

/// The boilerplate phrase lexicon with its matcher (over folded text).
pub(crate) struct PhraseLexicon {
    pub(crate) phrases: Vec<Phrase>,
    pub(crate) matcher: AhoCorasick,
}

/// The boilerplate phrase lexicon.
pub(crate) fn phrases() -> &'static PhraseLexicon {
    static CELL: OnceLock<PhraseLexicon> = OnceLock::new();
    CELL.get_or_init(|| {
        let mut phrases = Vec::new();
        let mut patterns = Vec::new();
        for line in entries(include_str!("../data/boilerplate.txt")) {
            let Some((reason, phrase)) = line.split_once(' ') else {
                continue;
            };
            let kind = match reason {
                "widget" => PhraseKind::Boilerplate(BoilerplateReason::Widget),
                "source_link" => PhraseKind::Boilerplate(BoilerplateReason::SourceLink),
                "share_prompt" => PhraseKind::Boilerplate(BoilerplateReason::SharePrompt),
                "copyright" => PhraseKind::Boilerplate(BoilerplateReason::Copyright),
                "app_promotion" => PhraseKind::Boilerplate(BoilerplateReason::AppPromotion),
                "related_articles" => PhraseKind::Boilerplate(BoilerplateReason::RelatedArticles),
                "caption" => PhraseKind::Caption,
                _ => continue,
            };
            let (anchored, phrase) = match phrase.strip_prefix('^') {
                Some(p) => (true, p),
                None => (false, phrase),
            };
            phrases.push(Phrase {
                kind,
                anchored,
                words: crate::chars::word_count(phrase),
            });
            patterns.push(folded(phrase));
        }
        let matcher = AhoCorasick::builder()
            .match_kind(MatchKind::Standard)
            .build(&patterns)
            .unwrap_or_else(|_| AhoCorasick::new(Vec::<String>::new()).expect("empty matcher"));
        PhraseLexicon { phrases, matcher }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn data_files_parse() {
        assert!(abbreviations().iter().any(|a| a == "ا.د"));
        assert_eq!(months().names.get("كانون الثاني"), Some(&1));
        assert_eq!(months().names.get("جانفي"), Some(&1));
        assert_eq!(months().names.get("ايلول"), Some(&9));
        assert!(agencies().iter().any(|a| a == "افب"));
        assert!(!phrases().phrases.is_empty());
        assert_eq!(phrases().phrases.len(), phrases().matcher.patterns_len());
    }
}
