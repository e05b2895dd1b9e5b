//! Speaker noun phrases: where the mention of the one who speaks starts and, above all,
//! where it stops — before circumstance phrases («للصحفيين»، «يوم الجمعة»، «في مؤتمر
//! صحفي»), participial clauses («مشترطا …»), relative clauses («الذي يرأس …») and
//! trailing appositions after a name («…، رئيس برنامج …»). Titles before a name are kept
//! in the mention and reported as the speaker's role.

use std::ops::Range;

use crate::lexicon::{
    CueKind, class, is_anaphor, is_anon_head, is_descriptor, is_event, is_institution,
    is_plural_head, is_pronoun, is_stop, is_time, is_title, strip_al,
};
use crate::text::{Doc, TokKind, is_comma};

/// Longest speaker mention we extract, in words: attribution windows stay bounded.
const MAX_WORDS: usize = 8;

/// A speaker noun phrase.
#[derive(Debug, Clone)]
pub(crate) struct Np {
    /// Byte range of the mention (a fused preposition such as «لـ» left out).
    pub range: Range<usize>,
    /// Token range.
    pub toks: Range<usize>,
    /// Byte offset where the name starts, after the title or role words.
    pub name_start: Option<usize>,
    pub anonymous: bool,
    pub plural: bool,
    pub fem: bool,
    /// A free pronoun («هو»): resolve to an earlier speaker.
    pub pronoun: bool,
    /// A nominal anaphor («الأخير»).
    pub anaphor: bool,
}

pub(crate) fn is_def(w: &str) -> bool {
    w.starts_with("ال") && w.chars().count() > 3
}

/// A word that stops a noun phrase wherever it appears.
fn is_barrier(doc: &Doc, i: usize) -> bool {
    let w = doc.word(i);
    // Folding makes the preposition «على» and the name «علي» one word; the written
    // form tells them apart.
    if w == "علي" && doc.text[doc.toks[i].range()].ends_with('ي') {
        return false;
    }
    if doc.has_class(i, class::STOP | class::TIME)
        || w.chars()
            .all(|c| c.is_ascii_digit() || ('٠'..='٩').contains(&c))
    {
        return true;
    }
    if crate::cues::cue_form(doc, i).is_some_and(|f| f.kind != CueKind::Nominal) {
        return true;
    }
    // Adverbial participles («مشترطا»، «مؤكدا»): م…ا of five letters or more.
    let n = w.chars().count();
    n >= 5 && w.starts_with('م') && w.ends_with('ا') && !w.ends_with("يا")
}

/// A word that opens a prepositional or adverbial phrase, not a noun phrase.
pub(crate) fn is_preposition_like(doc: &Doc, i: usize) -> bool {
    let w = doc.word(i);
    let bare = w
        .strip_prefix('و')
        .or_else(|| w.strip_prefix('ف'))
        .unwrap_or(w);
    is_barrier(doc, i) || is_stop(bare) || is_fused_lam(doc, i)
}

/// A word with a fused preposition «لـ»/«لل» or a pronoun object: a circumstance
/// («لوكالة»، «للصحفيين»، «لنا»).
fn is_fused_lam(doc: &Doc, i: usize) -> bool {
    let raw = &doc.text[doc.toks[i].range()];
    let w = doc.word(i);
    raw.starts_with("لـ") || (w.starts_with("لل") && w.chars().count() > 3)
}

/// A noun with a possessive suffix («أولاده»، «زبائنها»): a possessed thing, not a name.
fn possessive(doc: &Doc, i: usize) -> bool {
    let raw = &doc.text[doc.toks[i].range()];
    let w = doc.word(i);
    let n = w.chars().count();
    n >= 4
        && !w.ends_with("الله")
        && (raw.ends_with('ه') || w.ends_with("ها") || w.ends_with("هم") || w.ends_with("هما"))
}

fn is_institution_or_marker(w: &str) -> bool {
    is_institution(w) || crate::lexicon::is_title_marker(w)
}

/// A short name in quotation marks starting at token `open`: the token range of its words
/// (the closing mark is the token after them).
fn quoted_name(doc: &Doc, open: usize, limit: usize) -> Option<(usize, usize)> {
    if !matches!(doc.toks.get(open)?.kind, TokKind::Mark(_)) {
        return None;
    }
    let mut j = open + 1;
    while j < limit.min(doc.toks.len()) && j - open <= 5 {
        match doc.toks[j].kind {
            TokKind::Word => j += 1,
            TokKind::Mark(_) if j > open + 1 => return Some((open + 1, j)),
            _ => return None,
        }
    }
    None
}

/// «لبي بي سي»: a fused «ل» before a spelled acronym is a circumstance.
fn lam_acronym(doc: &Doc, i: usize) -> bool {
    doc.word(i).starts_with('ل')
        && doc.is_word(i + 1)
        && doc.word(i + 1).chars().count() <= 2
        && !is_barrier(doc, i + 1)
}

fn nisba(w: &str) -> bool {
    let w = strip_al(w);
    w.chars().count() >= 4
        && ["ي", "يه", "يون", "يين", "يان", "يتان", "يات"]
            .iter()
            .any(|s| w.ends_with(s))
}

/// Extracts the speaker noun phrase starting at token `start` (before `limit`).
pub(crate) fn noun_phrase(doc: &Doc, start: usize, limit: usize) -> Option<Np> {
    noun_phrase_inner(doc, start, limit, false)
}

/// Same, for the word after «وفقا»/«وفق» where a fused «ل» is part of the cue.
pub(crate) fn noun_phrase_after_lam(doc: &Doc, start: usize, limit: usize) -> Option<Np> {
    noun_phrase_inner(doc, start, limit, true)
}

fn noun_phrase_inner(doc: &Doc, start: usize, limit: usize, lam: bool) -> Option<Np> {
    let limit = limit.min(doc.toks.len());
    if start >= limit || !doc.is_word(start) {
        return None;
    }
    let first = doc.word(start);
    if is_pronoun(first) {
        let r = doc.toks[start].range();
        return Some(Np {
            range: r,
            toks: start..start + 1,
            name_start: None,
            anonymous: false,
            plural: first == "هم" || first == "هما",
            fem: first == "هي",
            pronoun: true,
            anaphor: false,
        });
    }
    if is_anaphor(first) {
        return Some(Np {
            range: doc.toks[start].range(),
            toks: start..start + 1,
            name_start: None,
            anonymous: true,
            plural: false,
            fem: first.ends_with('ه') || first.starts_with("احدا"),
            pronoun: false,
            anaphor: true,
        });
    }
    if (!lam
        && (is_barrier(doc, start)
            || is_fused_lam(doc, start)
            || is_time(first)
            || lam_acronym(doc, start)))
        || first.chars().count() < 2
        || possessive(doc, start)
    {
        return None;
    }
    // After «وفقا» the fused «ل» belongs to the cue; «للمتحدث» is «ل» + «المتحدث».
    let unfused;
    let head = if lam {
        unfused = match first.strip_prefix("لل") {
            Some(rest) => format!("ال{rest}"),
            None => first.strip_prefix('ل').unwrap_or(first).to_string(),
        };
        unfused.as_str()
    } else {
        first
    };
    let head_title = is_title(head);
    let head_anon = is_anon_head(head);
    let mut end = start + 1;
    let mut words = 1;
    let mut has_name = !(head_title || head_anon || is_def(head));
    let mut name_tok: Option<usize> = has_name.then_some(start);
    let mut all_def = is_def(head);
    let mut title_seen = head_title;
    // Inside a prepositional qualifier («باسم الشركة»، «في الإدارة») no name starts.
    let mut in_pp = false;
    // A definite word after the name («سلمى المرأة التونسية») closes the name part.
    let mut def_after_name = false;
    let mut name_words = usize::from(has_name);
    // An undetermined title or institution is in construct: the next word is its
    // genitive and belongs to the role («وزير خارجية فرنسا فلان»، «عمدة المدينة»).
    let mut genitive_next = !has_name && !is_def(head) && (head_title || is_institution(head));
    let mut i = start + 1;
    while i < limit && words < MAX_WORDS {
        let t = &doc.toks[i];
        match t.kind {
            TokKind::Word => {}
            TokKind::Punct(c) if is_comma(c) => {
                // «رئيس البعثة، مراد داوود»: a role, a comma, then the name. A comma
                // after a name opens an apposition or a list, which is not the mention.
                let next = i + 1;
                if !has_name
                    && head_title
                    && !is_plural_head(head)
                    && next < limit
                    && !doc.word(next).ends_with("وا")
                    && doc.is_word(next)
                    && !is_barrier(doc, next)
                    && !is_def(doc.word(next))
                    && !doc.has_class(next, class::TITLE)
                    && !doc.has_class(next, class::ANON_HEAD)
                    && !is_fused_lam(doc, next)
                {
                    i = next;
                    continue;
                }
                break;
            }
            _ => break,
        }
        let w = doc.word(i);
        // «الأمين العام للأمم المتحدة»، «المتحدث الرسمي للجيش»: a genitive with «لـ» after
        // a title and its adjective, before the name. After a bare title, or with a plural
        // of persons («للصحفيين»), it is the addressee: a circumstance.
        if w.starts_with('ل')
            && w.chars().count() > 3
            && !has_name
            && (head_title || title_seen)
            && !in_pp
            && words >= 2
            && is_def(doc.word(i - 1))
            && doc.is_word(i + 1)
            && !is_barrier(doc, i + 1)
            && !w.ends_with("ين")
            && !w.ends_with("ون")
            && !matches!(w, "له" | "لها" | "لهم" | "لنا")
        {
            end = i + 1;
            words += 1;
            i += 1;
            in_pp = true;
            continue;
        }
        if is_barrier(doc, i) || is_fused_lam(doc, i) || possessive(doc, i) {
            // «في» continues a description of an unnamed source («مسؤول … في الإدارة
            // الأمريكية») unless an occasion or a time follows («في مؤتمر صحفي»).
            if w == "في" && !has_name && head_anon && i + 1 < limit {
                let nw = doc.word(i + 1);
                if (is_def(nw) || is_institution(nw))
                    && !is_event(strip_al(nw))
                    && !is_event(nw)
                    && !is_time(nw)
                {
                    i += 2;
                    end = i;
                    words += 2;
                    in_pp = true;
                    continue;
                }
            }
            break;
        }
        // A word with «و» in the middle of the phrase starts a coordinated constituent.
        if w.starts_with('و') && w.chars().count() > 3 && !is_descriptor(w) {
            break;
        }
        let def = is_def(w);
        if w.starts_with('ل')
            && !has_name
            && !def
            && !genitive_next
            && (head_anon || head_title || all_def)
        {
            // «لرويترز»، «لوكالة فرانس برس»: the addressee, a circumstance. After a definite
            // title a name may begin with «ل» («الطبيبة ليلى عمر») when a second name word
            // follows and the word is no institution.
            let stem = &w['ل'.len_utf8()..];
            let next_name_like = doc.is_word(i + 1)
                && !is_barrier(doc, i + 1)
                && !is_def(doc.word(i + 1))
                && !doc.has_class(i + 1, class::TITLE)
                && !is_fused_lam(doc, i + 1);
            let name_ok = head_title
                && is_def(head)
                && next_name_like
                && !is_institution(stem)
                && !crate::lexicon::is_title_marker(stem);
            if !name_ok {
                break;
            }
        }
        if w.starts_with('ب') && w.chars().count() > 3 {
            // «بوزارة الخارجية»، «باسم الشركة» qualify an unnamed source; after a name a
            // «ب» phrase is a circumstance («بالأمم المتحدة»).
            if has_name || !head_anon {
                break;
            }
            end = i + 1;
            words += 1;
            i += 1;
            in_pp = true;
            continue;
        }
        if def {
            genitive_next = false;
            // «عبد العزيز»، «نصر الله»، «نور الدين»: compounds, part of the name.
            let prev = doc.word(i - 1);
            if has_name && (prev == "عبد" || matches!(w, "الله" | "الدين" | "الرحمن"))
            {
                end = i + 1;
                words += 1;
                i += 1;
                continue;
            }
            if !has_name && all_def && words >= 2 && !title_seen && !(nisba(w) || is_descriptor(w))
            {
                // «وتتهم الحكومة الأمريكية الأسد …»: past a noun and its adjective, a
                // definite word that is no adjective is the verb's object.
                break;
            }
            if has_name && (is_title(w) || is_anon_head(w) || is_descriptor(w) && words > 1) {
                // «كمال عيسى الخبير في …»: an apposition after the name.
                break;
            }
            if is_title(w) && !has_name {
                title_seen = true;
            }
            if has_name && name_words >= 2 && !doc.word(i - 1).starts_with("ال") {
                // «الوزير نبيل سمير القرار»: two name words and then a definite noun is
                // the verb's object, not a family name («يوسف العلي» has one).
                break;
            }
            if has_name {
                def_after_name = true;
            }
        } else {
            if genitive_next && !has_name {
                // The genitive of a title or institution in construct: part of the role.
                genitive_next = is_title(w) || is_institution(w);
                all_def = false;
                end = i + 1;
                words += 1;
                i += 1;
                continue;
            }
            if all_def && !title_seen && !head_anon {
                // «المرأة التونسية ضاحكة»: an indefinite word after a definite phrase is
                // not part of it.
                break;
            }
            if has_name && (is_title(w) || def_after_name) {
                // «كمال عيسى رئيس تحرير …», «سلمى المرأة التونسية زبائنها»
                break;
            }
            // Names after a title are two words in news prose, unless compound («عبد»،
            // «أبو»); a third word is the next constituent («… جاستن ترودو تذرّع …»).
            let prev = doc.word(i - 1);
            let compound = matches!(prev, "عبد" | "ابو" | "ابي" | "بن" | "ابن" | "ال");
            let cap = if head_title || title_seen { 2 } else { 3 };
            // A third word after a title is still the name when the phrase ends there
            // («عمدة المدينة رامي حسن خان،»), not when more words run on.
            let runs_on = doc.is_word(i + 1) && !is_barrier(doc, i + 1);
            if has_name && (name_words > cap || name_words >= cap && runs_on) && !compound {
                break;
            }
            if has_name && is_descriptor(w) {
                // «سلمى أولى أيامها»
                break;
            }
            if has_name {
                name_words += 1;
            }
            all_def = false;
            // An undetermined nisba describes an undetermined head («مسؤول أمريكي»); after
            // a definite word it cannot be its adjective, so it is a name («… الدولية سامي»).
            let nisba_adj = nisba(w) && !is_def(doc.word(i - 1));
            let descriptive = is_title(w) || is_anon_head(w) || is_descriptor(w) || nisba_adj;
            // «المتحدث باسم الأمم المتحدة فلان»: a name may follow the definite object of
            // the qualifier; «باسم فيسبوك» (the object itself) is not a name.
            if in_pp && is_def(doc.word(i - 1)) && !descriptive && (head_title || title_seen) {
                in_pp = false;
            }
            // «مسؤول أمريكي رفض الكشف عن اسمه»: an undetermined unnamed source is not
            // followed by a name; an undescribed word there opens a clause about it.
            if !has_name && head_anon && !is_def(head) && !descriptive && !in_pp {
                break;
            }
            if !has_name && !descriptive && !in_pp && (head_title || title_seen) {
                if is_institution(w) {
                    genitive_next = true;
                } else {
                    has_name = true;
                    name_tok = Some(i);
                    name_words = 1;
                }
            }
            if !has_name && is_title(w) {
                genitive_next = true;
            }
        }
        end = i + 1;
        words += 1;
        i += 1;
    }
    // «وقالت منظمة "…" إن»: an institution named in quotation marks right after its
    // noun. The name inside the marks is the mention (marks are never part of it); the
    // noun goes to the role.
    if end == start + 1
        && is_institution_or_marker(head)
        && let Some((a, b)) = quoted_name(doc, end, limit)
    {
        let range = doc.span(a, b);
        return Some(Np {
            range: range.clone(),
            toks: a..b + 1,
            name_start: Some(range.start),
            anonymous: false,
            plural: false,
            fem: head.ends_with('ه'),
            pronoun: false,
            anaphor: false,
        });
    }
    let toks = start..end;
    let mut range = doc.span(toks.start, toks.end);
    if lam {
        let raw = &doc.text[range.clone()];
        if raw.starts_with("لـ") {
            range.start += "لـ".len();
        } else if raw.starts_with('ل') {
            range.start += 'ل'.len_utf8();
        }
    }
    let plural = toks
        .clone()
        .find(|&j| doc.is_word(j))
        .map(|j| doc.word(j))
        .is_some_and(|w| is_plural_head(strip_al(w)) || is_plural_head(w));
    // A group named by its members («النواب فلان، وفلان») is reported as written.
    let name_tok = if plural { None } else { name_tok };
    let head_w = strip_al(head);
    let fem = !has_name && (head_w.ends_with('ه') || head_w == "امراه" || head_w == "مراه");
    let name_start = match name_tok {
        Some(j) if j == start => Some(range.start),
        Some(j) => Some(doc.toks[j].range().start),
        None => None,
    };
    let fem = fem || (name_tok.is_some() && doc.word(name_tok.unwrap_or(start)).ends_with('ه'));
    Some(Np {
        range,
        toks,
        name_start,
        anonymous: head_anon && !has_name,
        plural,
        fem,
        pronoun: false,
        anaphor: false,
    })
}

/// Names written after a title anywhere in the article («وزير الخارجية الفرنسي جان
/// مارتان» → «جان مارتان»), as token ranges. They give fuller forms of a surname that
/// speaks later, and let a subject-less cue find a subject named earlier in its sentence.
/// Each comes with the token where its title starts.
pub(crate) fn titled_names(doc: &Doc) -> Vec<(usize, Range<usize>)> {
    let mut out = Vec::new();
    let n = doc.toks.len();
    let mut i = 0;
    while i < n {
        if !doc.is_word(i)
            || !doc.has_class(i, class::TITLE)
            || doc.has_class(i, class::ANON_HEAD) && !is_def(doc.word(i))
        {
            i += 1;
            continue;
        }
        let mut j = i + 1;
        let mut defs = 0;
        while j < n && doc.is_word(j) && is_def(doc.word(j)) && !is_barrier(doc, j) && defs < 4 {
            j += 1;
            defs += 1;
        }
        if j < n && doc.punct(j).is_some_and(is_comma) {
            j += 1;
        }
        let s = j;
        while j < n
            && j - s < 3
            && doc.is_word(j)
            && !is_barrier(doc, j)
            && !is_fused_lam(doc, j)
            && !possessive(doc, j)
            && !doc.has_class(j, class::TITLE)
            && !doc.has_class(j, class::ANON_HEAD)
            && !doc.has_class(j, class::DESCRIPTOR)
            && (j == s && !is_def(doc.word(j)) || j > s)
            && doc.toks[j].block == doc.toks[i].block
        {
            if j > s && is_def(doc.word(j)) {
                // A family name with «ال» after a first name («بشار الأسد») ends the name.
                j += 1;
                break;
            }
            j += 1;
        }
        if j > s {
            out.push((i, s..j));
        }
        i = j.max(i + 1);
    }
    out
}

/// What follows a speaker phrase and describes the speaker without being the mention.
#[derive(Debug, Clone)]
pub(crate) enum Tail {
    /// A title or role in apposition («…، رئيس برنامج …»، «… الخبير في …»).
    Role(Range<usize>),
    /// A relative or circumstantial clause about the speaker («الذي يرأس …»، «وهي …»).
    Description(Range<usize>),
}

/// Longest description we report, in tokens.
const MAX_TAIL: usize = 25;

/// The apposition or relative clause right after a speaker phrase ending at token `end`.
pub(crate) fn tail_after(doc: &Doc, end: usize, limit: usize) -> Option<Tail> {
    let limit = limit.min(doc.toks.len());
    let mut i = end;
    let comma = doc.punct(i).is_some_and(is_comma);
    if comma {
        i += 1;
    }
    if i >= limit || !doc.is_word(i) {
        return None;
    }
    let w = doc.word(i);
    let relative = matches!(
        w,
        "الذي"
            | "التي"
            | "الذين"
            | "اللذان"
            | "اللتان"
            | "اللذين"
            | "اللتين"
            | "وهو"
            | "وهي"
    );
    let role = !relative && is_title(w);
    if !relative && !role {
        return None;
    }
    let mut j = i + 1;
    while j < limit && j - i < MAX_TAIL {
        match doc.toks[j].kind {
            TokKind::Word => {
                let x = doc.word(j);
                if matches!(
                    x,
                    "ان" | "انه" | "انها" | "انهم" | "بان" | "بانه" | "بانها" | "فان"
                ) || crate::cues::cue_form(doc, j).is_some_and(|f| f.kind == CueKind::Participle)
                    || (role && crate::cues::cue_form(doc, j).is_some())
                {
                    break;
                }
                j += 1;
            }
            TokKind::Punct(c) if !is_comma(c) && c != ':' && !crate::text::is_terminator(c) => {
                j += 1
            }
            _ => break,
        }
    }
    // Trailing punctuation (brackets, dashes) is not part of the description.
    while j > i + 1 && !doc.is_word(j - 1) {
        j -= 1;
    }
    let span = doc.span(i, j);
    Some(if relative {
        Tail::Description(span)
    } else {
        Tail::Role(span)
    })
}
