//! Attribution: for each quotation, the cue, the speaker mention and the speaker entity;
//! indirect speech on the way. Everything is processed in text order so that a cue with
//! no subject («وأضاف»، «وقالوا»، «وتابعت») resolves to the most recent speaker whose
//! gender and number agree with it — including speakers of indirect speech.
//!
//! Windows are bounded (a sentence, and at most [`WINDOW`] tokens), so the whole stage is
//! linear in the length of the article.

use std::collections::HashSet;
use std::ops::Range;

use crate::classify::{content_words, ends_sentence, fills_block, static_kind};
use crate::cues::{CueHit, cue_at, cue_form, is_object_word};
use crate::entities::Registry;
use crate::indirect;
use crate::lexicon::{CueKind, FastHash, Gender, Number, class, is_descriptor, is_title};
use crate::marks::Pair;
use crate::speaker::{
    Np, Tail, is_def, noun_phrase, noun_phrase_after_lam, tail_after, titled_names,
};
use crate::text::{Doc, TokKind, is_comma, is_terminator};
use crate::{Attribution, Cue, Position, Quotation, QuotationKind, Speaker};

/// How far back from a quotation a cue is looked for, in tokens.
const WINDOW: usize = 60;
/// How many recent speakers a subject-less cue looks through.
const RECENT: usize = 40;

/// A top-level quotation (nested ones are inner spans).
struct Top {
    open: usize,
    close: Option<usize>,
    end: usize,
    nested: Vec<Range<usize>>,
    inner: Vec<usize>,
}

/// Who speaks, as found next to a cue.
enum Who {
    Explicit(Np),
    /// An entity found by name elsewhere in the sentence.
    Known(usize, Range<usize>),
    /// No subject: resolve by agreement.
    Implicit(Gender, Number),
}

struct Ctx<'a> {
    doc: &'a Doc<'a>,
    /// Per token, the first token of its sentence and the token after it (narrow:
    /// per-token tables are most of the memory a long article touches).
    sent_start: Vec<u32>,
    sent_end: Vec<u32>,
    in_quote: Vec<bool>,
    /// Last folded word of each name written after a title.
    titled: HashSet<&'a str, FastHash>,
    /// Names after titles: (title token, name tokens).
    titled_spans: Vec<(usize, Range<usize>)>,
    reg: Registry,
    recent: Vec<usize>,
    /// The description after the speaker phrase last resolved, for its attribution.
    description: Option<Range<usize>>,
}

fn content_range(doc: &Doc, open: usize, close: Option<usize>, end: usize) -> Range<usize> {
    let s = doc.toks[open].range().end;
    let e = match close {
        Some(c) => doc.toks[c].range().start,
        None if end > open + 1 => doc.toks[end.min(doc.toks.len()) - 1].range().end,
        None => s,
    };
    let slice = &doc.text[s..e.max(s)];
    let lead = slice.len() - slice.trim_start().len();
    let trimmed = slice.trim();
    s + lead..s + lead + trimmed.len()
}

/// Three or more spaces (no-break spaces included) between two tokens separate items,
/// as a full stop would.
fn wide_gap(gap: &str) -> bool {
    gap.chars().filter(|c| c.is_whitespace()).nth(2).is_some()
}

fn top_level(pairs: &[Pair], doc: &Doc) -> Vec<Top> {
    let mut tops: Vec<Top> = Vec::new();
    for p in pairs {
        if let Some(t) = tops.last_mut()
            && p.open < t.end
        {
            t.nested.push(content_range(doc, p.open, p.close, p.end));
            continue;
        }
        tops.push(Top {
            open: p.open,
            close: p.close,
            end: p.end,
            nested: Vec::new(),
            inner: p.inner_opens.clone(),
        });
    }
    tops
}

impl<'a> Ctx<'a> {
    fn new(doc: &'a Doc<'a>, tops: &[Top]) -> Self {
        let n = doc.toks.len();
        let mut in_quote = vec![false; n];
        for t in tops {
            let last = t
                .close
                .unwrap_or(t.end.saturating_sub(1))
                .min(n.saturating_sub(1));
            for q in in_quote.iter_mut().take(last + 1).skip(t.open) {
                *q = true;
            }
        }
        let close_marks: Vec<usize> = tops.iter().filter_map(|t| t.close).collect();
        let mut sent_start = vec![0u32; n];
        // Closing marks come in text order: a cursor walks them along with `i`.
        let mut next_close = 0;
        let mut cur = 0;
        let mut block = u32::MAX;
        for i in 0..n {
            if doc.toks[i].block != block {
                block = doc.toks[i].block;
                cur = i;
            } else if i > 0
                && wide_gap(&doc.text[doc.toks[i - 1].range().end..doc.toks[i].range().start])
            {
                // Items of a headline ticker are joined by runs of spaces, not stops.
                cur = i;
            }
            sent_start[i] = cur as u32;
            if !in_quote[i] && doc.punct(i).is_some_and(is_terminator) {
                cur = i + 1;
            }
            // «"… عنصري." ورد النائب …»: the quotation's own full stop ends the sentence
            // when a word follows the closing mark.
            while close_marks.get(next_close).is_some_and(|&c| c < i) {
                next_close += 1;
            }
            if close_marks.get(next_close) == Some(&i)
                && i > 0
                && doc.punct(i - 1).is_some_and(is_terminator)
                && doc.is_word(i + 1)
            {
                cur = i + 1;
            }
        }
        let mut sent_end = vec![n as u32; n];
        let mut next = n;
        for i in (0..n).rev() {
            if i + 1 < n && sent_start[i + 1] as usize == i + 1 {
                next = i + 1;
            }
            sent_end[i] = next as u32;
        }
        let titled_spans = titled_names(doc);
        let titled: HashSet<&'a str, FastHash> = titled_spans
            .iter()
            .map(|(_, r)| doc.word(r.end - 1))
            .collect();
        Ctx {
            doc,
            sent_start,
            sent_end,
            in_quote,
            titled,
            titled_spans,
            reg: Registry::default(),
            recent: Vec::new(),
            description: None,
        }
    }

    /// The nearest cue before token `before` in its sentence, outside quotations.
    fn cue_before(&self, before: usize) -> Option<CueHit> {
        let s0 = self.sent_start[before.min(self.sent_start.len() - 1)] as usize;
        let lo = s0.max(before.saturating_sub(WINDOW));
        for j in (lo..before).rev() {
            if self.in_quote[j] {
                continue;
            }
            if let Some(h) = cue_at(self.doc, j) {
                if h.form.kind == CueKind::Participle {
                    // «وأضاف قائلا»، «وعلّق عليها قائلاً»: the verb and its participle.
                    for back in 1..=2 {
                        if j >= back + lo
                            && let Some(v) = cue_at(self.doc, j - back)
                            && v.form.kind == CueKind::Verb
                            && v.last == j
                        {
                            return Some(v);
                        }
                    }
                }
                return Some(h);
            }
        }
        None
    }

    /// A cue right after a closing mark: «"…"، قال فلان»، «"…"، حسب فلان»، «هكذا تتذكر …».
    fn cue_after(&self, close: usize) -> Option<CueHit> {
        let doc = self.doc;
        let n = doc.toks.len();
        let mut k = close + 1;
        let mut skipped = 0;
        while k < n && skipped < 2 && doc.toks[k].block == doc.toks[close].block {
            match doc.toks[k].kind {
                TokKind::Punct(c) if is_comma(c) || c == '-' || c == '–' => {
                    k += 1;
                    skipped += 1;
                }
                _ => break,
            }
        }
        for _ in 0..4 {
            if k >= n || !doc.is_word(k) || doc.toks[k].block != doc.toks[close].block {
                return None;
            }
            if let Some(h) = cue_at(doc, k)
                && matches!(h.form.kind, CueKind::Verb | CueKind::Nominal)
            {
                return Some(h);
            }
            if !matches!(
                doc.word(k),
                "كما" | "هكذا" | "وهكذا" | "كانت" | "كان" | "قد" | "وكما"
            ) {
                return None;
            }
            k += 1;
        }
        None
    }

    /// The subject of the sentence's main verb, for participial cues («وقلل فلان …
    /// معتبرا») and conjoined verbs without a subject («شكك فلان … وقال»).
    fn sentence_subject(&self, s0: usize, limit: usize) -> Option<Who> {
        let doc = self.doc;
        let mut i = s0;
        let mut guard = 0;
        let mut topic = false;
        while i < limit && guard < 8 {
            guard += 1;
            if !doc.is_word(i) || self.in_quote[i] {
                i += 1;
                continue;
            }
            let w = doc.word(i);
            if matches!(w, "اما" | "واما") {
                // «أما فلان، فذهب …»: the topic is the subject.
                topic = true;
            }
            if matches!(
                w,
                "لكن"
                    | "ولكن"
                    | "بدوره"
                    | "بدورها"
                    | "ثم"
                    | "بل"
                    | "اما"
                    | "واما"
                    | "اذ"
                    | "حيث"
                    | "وقد"
                    | "فقد"
                    | "قد"
                    | "بينما"
                    | "فيما"
                    | "كما"
                    | "وكما"
                    | "كذلك"
                    | "وكذلك"
            ) {
                i += 1;
                continue;
            }
            break;
        }
        let mut found = None;
        if i < limit && doc.is_word(i) {
            let w = doc.word(i);
            let bare = w
                .strip_prefix('و')
                .or_else(|| w.strip_prefix('ف'))
                .unwrap_or(w);
            let prep = matches!(
                bare,
                "في" | "من"
                    | "على"
                    | "عن"
                    | "مع"
                    | "بعد"
                    | "قبل"
                    | "خلال"
                    | "منذ"
                    | "عند"
                    | "حول"
                    | "رغم"
            );
            if !prep {
                let verbish = cue_form(doc, i).is_some()
                    || ((w.starts_with('و') || w.starts_with('ف')) && w.chars().count() >= 4)
                    || (w.chars().count() == 3 && !is_def(w))
                    || matches!(w, "كان" | "كانت");
                let np = if verbish {
                    noun_phrase(doc, i + 1, limit)
                } else {
                    noun_phrase(doc, i, limit)
                };
                if let Some(np) = np {
                    let head = doc.word(np.toks.start);
                    let words = np.toks.clone().filter(|&j| doc.is_word(j)).count();
                    let good = np.name_start.is_some()
                        || np.anonymous
                        || np.pronoun
                        || np.anaphor
                        || is_title(head)
                        || is_def(head);
                    // A lone undetermined word opening a sentence is as likely a flattened
                    // subheading or an adjective as a name: only a known name counts.
                    let lone =
                        !verbish && words == 1 && !is_def(head) && !np.pronoun && !np.anaphor;
                    if good
                        && !is_descriptor(head)
                        && (!lone || topic || self.reg.by_surname(head).is_some())
                    {
                        found = Some(Who::Explicit(np));
                    }
                }
            }
        }
        if found.is_some() {
            return found;
        }
        // A name the article gives in full elsewhere, or a known speaker's surname.
        for j in (s0.max(limit.saturating_sub(WINDOW))..limit).rev() {
            if !doc.is_word(j) || self.in_quote[j] {
                continue;
            }
            let w = doc.word(j);
            if let Some(k) = self.reg.by_surname(w) {
                return Some(Who::Known(k, doc.toks[j].range()));
            }
            // The surname of a name written in full after a title elsewhere.
            if self.titled.contains(w)
                && let Some(np) = noun_phrase(doc, j, j + 1)
                && np.name_start.is_some()
            {
                return Some(Who::Explicit(np));
            }
        }
        None
    }

    /// «بدا أن الرئيس الأمريكي … . وكتب: "…"»: a sentence-initial cue without a subject
    /// continues with the person the previous sentence of narration was about — a definite
    /// title («الرئيس …») as its subject or after «أن/إن» — when that sentence reports
    /// nobody (no cue, no quotation) and the person agrees with the cue.
    fn narrated_subject(&self, s0: usize, h: &CueHit) -> Option<Np> {
        let doc = self.doc;
        if s0 == 0 || doc.toks[s0 - 1].block != doc.toks[s0].block {
            return None;
        }
        let ps = self.sent_start[s0 - 1] as usize;
        if s0 - ps > 2 * WINDOW || (ps..s0).any(|j| self.in_quote[j] || cue_at(doc, j).is_some()) {
            return None;
        }
        let first_word = (ps..s0).find(|&j| doc.is_word(j))?;
        for j in ps..s0 {
            let at_subject = j == first_word || matches!(doc.word(j), "ان" | "بان");
            if !at_subject {
                continue;
            }
            let k = if j == first_word && !matches!(doc.word(j), "ان" | "بان") {
                j
            } else {
                j + 1
            };
            let Some(np) = noun_phrase(doc, k, s0) else {
                continue;
            };
            let head = doc.word(np.toks.start);
            let agrees = match h.form.gender {
                Gender::Fem => np.fem,
                Gender::Masc => !np.fem,
                Gender::Unknown => true,
            } && !np.plural
                && h.form.number != Number::Plural;
            if is_def(head) && is_title(head) && agrees {
                return Some(np);
            }
        }
        None
    }

    /// Subject–verb order, as in headlines («صاحبة الفيديو تكشف تفاصيل …: "…"»): a noun
    /// phrase opens the sentence and ends right before the cue (a quoted name may sit
    /// between). The phrase after such a verb is its object.
    fn preverbal_subject(&self, s0: usize, first: usize) -> Option<Np> {
        let doc = self.doc;
        // A verb with «و/ف» starts a clause of its own («خصومة ويقول فلان»); a subject
        // further than the window from its verb is not adjacent anyway.
        if doc.word(first).starts_with('و')
            || doc.word(first).starts_with('ف')
            || first > s0 + WINDOW
        {
            return None;
        }
        let i = (s0..first).find(|&j| doc.is_word(j) && !self.in_quote[j])?;
        let w = doc.word(i);
        let verbish = cue_form(doc, i).is_some()
            || ((w.starts_with('و') || w.starts_with('ف')) && w.chars().count() >= 4)
            || (w.chars().count() == 3 && !is_def(w));
        if verbish || crate::speaker::is_preposition_like(doc, i) {
            return None;
        }
        let np = noun_phrase(doc, i, first)?;
        let head = doc.word(np.toks.start);
        let clear = np.name_start.is_some() || np.anonymous || is_title(head) || is_def(head);
        let adjacent = (np.toks.end..first).all(|j| self.in_quote[j]);
        // A lone undetermined word may be a flattened subheading, not a subject.
        let words = np.toks.clone().filter(|&j| doc.is_word(j)).count();
        let lone = words == 1 && !is_def(head) && self.reg.by_surname(head).is_none();
        (clear && adjacent && !np.pronoun && !lone).then_some(np)
    }

    /// Who speaks for a cue, the speaker phrase searched before `limit`.
    fn who(&self, h: &CueHit, limit: usize, after_quote: bool) -> Who {
        let doc = self.doc;
        let s0 = self.sent_start[h.tok] as usize;
        let implicit = Who::Implicit(h.form.gender, h.form.number);
        match h.form.kind {
            CueKind::Nominal | CueKind::Document => {
                if doc.has_class(h.np_start, class::SELF) {
                    return implicit;
                }
                let np = if h.lam {
                    noun_phrase_after_lam(doc, h.np_start, limit)
                } else {
                    noun_phrase(doc, h.np_start, limit)
                };
                np.map_or(implicit, Who::Explicit)
            }
            CueKind::Verb => {
                let first = self.first_cue_tok(h);
                if !after_quote && let Some(np) = self.preverbal_subject(s0, first) {
                    return Who::Explicit(np);
                }
                if let Some(np) = subject_after(doc, h, limit) {
                    return Who::Explicit(np);
                }
                let words_before = doc.prev_word(first).is_some_and(|j| j >= s0);
                if words_before && !after_quote {
                    return self.sentence_subject(s0, first).unwrap_or(implicit);
                }
                if !after_quote && let Some(np) = self.narrated_subject(s0, h) {
                    return Who::Explicit(np);
                }
                implicit
            }
            CueKind::Participle => {
                let first = self.first_cue_tok(h);
                self.sentence_subject(s0, first).unwrap_or(implicit)
            }
        }
    }

    fn first_cue_tok(&self, h: &CueHit) -> usize {
        let doc = self.doc;
        let mut j = h.tok;
        while j > 0 && doc.toks[j - 1].range().start >= h.span.start {
            j -= 1;
        }
        j
    }

    /// Turns a [`Who`] into (speaker mention, entity), registering the mention.
    fn resolve(
        &mut self,
        who: Who,
        cue: Option<&CueHit>,
    ) -> (Option<Range<usize>>, Option<usize>, bool) {
        self.description = None;
        let (g, n) = cue.map_or((Gender::Unknown, Number::Unknown), |h| {
            (h.form.gender, h.form.number)
        });
        match who {
            Who::Explicit(np) if np.pronoun => {
                let g = if np.fem { Gender::Fem } else { Gender::Masc };
                let num = if np.plural {
                    Number::Plural
                } else {
                    Number::Sing
                };
                let e = self.most_recent(g, num);
                (Some(np.range.clone()), e, true)
            }
            Who::Explicit(np) => {
                let limit = self.sent_end[np.toks.start.min(self.sent_end.len() - 1)] as usize;
                let tail = tail_after(self.doc, np.toks.end, limit);
                // In verb–subject order the verb agrees in gender; its number says little
                // («وقال المسؤولون»), so number comes from the phrase.
                let num = if matches!(n, Number::Plural | Number::Dual) {
                    n
                } else {
                    Number::Unknown
                };
                let e = self.reg.add(self.doc, &np, g, num);
                self.recent.push(e);
                match tail {
                    Some(Tail::Role(r)) => self.reg.add_role(e, &self.doc.text[r]),
                    Some(Tail::Description(r)) => self.description = Some(r),
                    None => {}
                }
                (Some(np.range), Some(e), false)
            }
            Who::Known(e, r) => {
                self.reg.add_known(e, r.clone());
                self.recent.push(e);
                (Some(r), Some(e), false)
            }
            Who::Implicit(g, n) => {
                let e = self.most_recent(g, n);
                if let Some(e) = e {
                    self.recent.push(e);
                }
                (None, e, true)
            }
        }
    }

    fn most_recent(&self, g: Gender, n: Number) -> Option<usize> {
        self.recent.iter().rev().take(RECENT).copied().find(|&e| {
            let ent = &self.reg.entities[e];
            let num_ok = match n {
                Number::Plural => ent.number == Number::Plural,
                Number::Dual => matches!(ent.number, Number::Plural | Number::Dual),
                Number::Sing => ent.number != Number::Plural,
                Number::Unknown => true,
            };
            let gen_ok = match g {
                Gender::Fem => ent.gender == Gender::Fem,
                Gender::Masc => ent.gender != Gender::Fem,
                Gender::Unknown => true,
            };
            num_ok && gen_ok
        })
    }
}

/// The explicit subject after a verb cue. «نقلت الوكالة عن مصدر عسكري قوله»: with
/// «نقل», the one quoted is the phrase after «عن», not the relaying agency.
fn subject_after(doc: &Doc, h: &CueHit, limit: usize) -> Option<Np> {
    // «قال فيه الأخير»، «قالت لنا المرأة»: a pronoun object may stand before the subject.
    let np = if is_object_word(doc.word(h.np_start)) {
        // After the object only a clear subject counts: a manner phrase may stand there
        // instead («قالت لنا بفخر»).
        let np = noun_phrase(doc, h.np_start + 1, limit)?;
        let head = doc.word(np.toks.start);
        if !(np.anaphor || np.anonymous || is_def(head) || is_title(head)) {
            return None;
        }
        np
    } else {
        noun_phrase(doc, h.np_start, limit)?
    };
    if h.form.lemma == "نقل" {
        let after = (np.toks.end..(np.toks.end + 4).min(limit)).find(|&j| doc.word(j) == "عن");
        if let Some(j) = after
            && let Some(src) = noun_phrase(doc, j + 1, limit)
        {
            return Some(src);
        }
    }
    Some(np)
}

/// Occasion nouns that act as a cue in a headline without a verb («… في بيان: "…"»),
/// with their dictionary form.
fn occasion_lemma(w: &str) -> Option<&'static str> {
    Some(match w {
        "بيان" | "بيانه" | "بيانها" | "بيانهم" => "بيان",
        "تصريح" | "تصريحات" | "تصريحه" | "تصريحها" => "تصريح",
        "تغريده" | "تغريدته" | "تغريدتها" => "تغريدة",
        "كلمه" | "كلمته" | "كلمتها" => "كلمة",
        "حديث" | "حديثه" | "حديثها" | "مقابله" | "مقابلته" => "حديث",
        _ => return None,
    })
}

fn make_cue(h: &CueHit) -> Cue {
    Cue {
        span: h.span.clone(),
        lemma: h.form.lemma,
    }
}

/// Runs attribution over the paired marks; returns quotations (in text order) and speakers.
pub(crate) fn run(doc: &Doc, pairs: &[Pair]) -> (Vec<Quotation>, Vec<Speaker>) {
    let tops = top_level(pairs, doc);
    let mut ctx = Ctx::new(doc, &tops);
    let n = doc.toks.len();
    let kinds: Vec<Option<QuotationKind>> = tops
        .iter()
        .map(|t| static_kind(doc, t.open, t.close.unwrap_or(t.end)))
        .collect();
    let mut speech_open = vec![false; n];
    for (t, k) in tops.iter().zip(&kinds) {
        if k.is_none() {
            speech_open[t.open] = true;
        }
    }
    // Events in text order: quotations at their opening mark, indirect speech at its cue.
    let mut out: Vec<Quotation> = Vec::new();
    let mut ti = 0;
    let mut last_direct: Option<(usize, Option<usize>)> = None; // (top index, speaker)
    let mut used_cues = vec![false; n + 1];
    // The last indirect report: its index in `out` and its content tokens.
    let mut prev_indirect: Option<(usize, Range<usize>)> = None;
    for i in 0..=n {
        while ti < tops.len() && tops[ti].open == i {
            let q = direct(
                &mut ctx,
                &tops,
                ti,
                kinds[ti],
                &mut last_direct,
                &mut used_cues,
            );
            out.push(q);
            ti += 1;
        }
        if i == n || ctx.in_quote[i] || !doc.is_word(i) {
            continue;
        }
        let Some(h) = cue_at(doc, i) else { continue };
        if h.form.kind == CueKind::Document || used_cues[h.tok] {
            continue;
        }
        let se = ctx.sent_end[i] as usize;
        let np = match h.form.kind {
            CueKind::Verb => subject_after(doc, &h, se),
            CueKind::Nominal if h.lam => noun_phrase_after_lam(doc, h.np_start, se),
            CueKind::Nominal => noun_phrase(doc, h.np_start, se),
            _ => None,
        };
        if h.form.kind == CueKind::Nominal && np.is_none() {
            continue;
        }
        let from = np
            .as_ref()
            .map_or(h.np_start, |np| np.toks.end.max(h.np_start));
        let Some((_comp, content)) = indirect::clause(doc, from, se, &speech_open) else {
            continue;
        };
        // Reports of one kind never overlap: a report whose cue stands inside the previous
        // clause ends that clause (the clause itself stops at the usual forms of a new
        // report; this covers the rest, so the output stays linear in the input).
        let cue_first = doc.toks[..=h.tok]
            .iter()
            .rposition(|t| t.range().start < h.span.start)
            .map_or(0, |j| j + 1);
        if let Some((q, toks)) = prev_indirect.as_mut()
            && toks.end > cue_first
        {
            toks.end = cue_first.max(toks.start);
            while toks.end > toks.start && doc.punct(toks.end - 1).is_some_and(is_comma) {
                toks.end -= 1;
            }
            // An emptied clause is marked and dropped at the end.
            out[*q].content = doc.span(toks.start, toks.end);
        }
        prev_indirect = Some((out.len(), content.clone()));
        let who = match np {
            Some(np) => Who::Explicit(np),
            None => ctx.who(&h, h.np_start, false),
        };
        let (mention, speaker, implicit) = ctx.resolve(who, Some(&h));
        let description = ctx.description.take();
        let content = doc.span(content.start, content.end);
        out.push(Quotation {
            kind: QuotationKind::Indirect,
            content,
            open_mark: None,
            close_mark: None,
            attribution: Some(Attribution {
                cue: Some(make_cue(&h)),
                speaker_mention: mention,
                speaker_description: description,
                speaker,
                position: if implicit {
                    Position::Continuation
                } else {
                    Position::Before
                },
                confidence: if implicit { 0.5 } else { 0.7 },
            }),
            nested: Vec::new(),
            continuation_marks: Vec::new(),
        });
    }
    ctx.reg.extend_names(
        doc,
        &ctx.titled_spans
            .iter()
            .map(|(t, r)| {
                let role = doc.span(*t, r.start);
                let role = role.start
                    ..role.start
                        + doc.text[role.clone()]
                            .trim_end_matches([' ', '،', ','])
                            .len();
                (role, doc.span(r.start, r.end))
            })
            .collect::<Vec<_>>(),
    );
    out.retain(|q| q.kind != QuotationKind::Indirect || !q.content.is_empty());
    out.sort_by_key(|q| (q.content.start, q.content.end));
    let speakers = ctx.reg.entities.into_iter().map(|e| e.speaker).collect();
    (out, speakers)
}

fn direct(
    ctx: &mut Ctx,
    tops: &[Top],
    ti: usize,
    kind: Option<QuotationKind>,
    last_direct: &mut Option<(usize, Option<usize>)>,
    used_cues: &mut [bool],
) -> Quotation {
    let doc = ctx.doc;
    let t = &tops[ti];
    let content = content_range(doc, t.open, t.close, t.end);
    let base = Quotation {
        kind: kind.unwrap_or(QuotationKind::Term),
        content,
        open_mark: Some(doc.toks[t.open].range()),
        close_mark: t.close.map(|c| doc.toks[c].range()),
        attribution: None,
        nested: t.nested.clone(),
        continuation_marks: t.inner.iter().map(|&i| doc.toks[i].range()).collect(),
    };
    let content_end = t.close.unwrap_or(t.end);
    let s0 = ctx.sent_start[t.open] as usize;
    let starts_sentence = doc.prev_word(t.open).is_none_or(|j| j < s0);
    let mut before = ctx.cue_before(t.open);
    // «وقال الوزير في تصريح:» ¶ «"…"»: the cue ends the previous paragraph with a colon.
    let mut before_limit = t.open;
    if before.is_none()
        && doc.prev_word(t.open).is_none_or(|j| j < s0)
        && t.open > 0
        && doc.punct(t.open - 1) == Some(':')
        && doc.toks[t.open - 1].block + 1 == doc.toks[t.open].block
    {
        before = ctx.cue_before(t.open - 1);
        before_limit = t.open - 1;
    }
    let after = t.close.and_then(|c| ctx.cue_after(c));
    let mut pending_after: Option<CueHit> = None;
    let (hit, pos) = match (before, after) {
        (Some(b), Some(a)) if !starts_sentence => {
            // «قال: "…"، بحسب فلان»: the relaying source is a speaker later cues may
            // continue with, registered after this quotation's own speaker.
            pending_after = Some(a);
            (Some(b), Position::Before)
        }
        (Some(b), _) if !starts_sentence => (Some(b), Position::Before),
        (_, Some(a)) => (Some(a), Position::After),
        (Some(b), None) => (Some(b), Position::Before),
        (None, None) => (None, Position::Before),
    };
    if let Some(h) = hit {
        if kind.is_some() {
            // A title or a name stays one even next to a cue («قال إن مسلسل "…" سيعرض»),
            // but the cue is still free to introduce indirect speech.
            return base;
        }
        let limit = if pos == Position::Before {
            before_limit
        } else {
            ctx.sent_end[h.tok] as usize
        };
        let who = ctx.who(&h, limit, pos == Position::After);
        let (mention, speaker, implicit) = ctx.resolve(who, Some(&h));
        let description = ctx.description.take();
        if let Some(u) = used_cues.get_mut(h.tok) {
            *u = true;
        }
        // «"…"، تقول فلانة، وتضيف: "…"»: the cue stands between two quotations of one
        // sentence.
        let interrupting = pos == Position::Before
            && matches!(*last_direct, Some((p, _))
                if (ctx.sent_start[tops[p].open] as usize) == s0
                    && tops[p].close.is_some_and(|c| c < h.tok));
        let position = if interrupting {
            Position::Interrupting
        } else if implicit {
            Position::Continuation
        } else {
            pos
        };
        *last_direct = Some((ti, speaker));
        if let Some(a) = pending_after
            && a.form.kind == CueKind::Nominal
        {
            let limit = ctx.sent_end[a.tok] as usize;
            if let Who::Explicit(np) = ctx.who(&a, limit, true) {
                ctx.resolve(Who::Explicit(np), Some(&a));
            }
        }
        let confidence = match (implicit, speaker.is_some()) {
            (false, _) => 0.85,
            (true, true) => 0.6,
            (true, false) => 0.3,
        };
        return Quotation {
            kind: QuotationKind::Direct,
            attribution: Some(Attribution {
                cue: Some(make_cue(&h)),
                speaker_mention: mention,
                speaker_description: description,
                speaker,
                position,
                confidence,
            }),
            ..base
        };
    }
    if kind.is_some() {
        return base;
    }
    // Headline form: «فلان: «…»» — a speaker phrase, a colon and the quotation.
    if t.open >= 2 && doc.punct(t.open - 1) == Some(':') {
        let start = (s0..t.open).find(|&j| doc.is_word(j)).unwrap_or(t.open);
        // «الرئاسة في بيان: «…»»: an occasion noun after «في» is the cue.
        let occasion = |np: &Np| -> Option<Cue> {
            let (f, n) = (np.toks.end, np.toks.end + 1);
            if doc.word(f) != "في" || n + 1 != t.open - 1 {
                return None;
            }
            let lemma = occasion_lemma(doc.word(n))?;
            Some(Cue {
                span: doc.span(f, n + 1),
                lemma,
            })
        };
        if let Some(np) = noun_phrase(doc, start, t.open - 1)
            && (np.name_start.is_some()
                || np.anonymous
                || doc.has_class(np.toks.start, class::TITLE)
                || is_def(doc.word(np.toks.start)))
            && let Some(cue) = if np.toks.end == t.open - 1 {
                Some(None)
            } else {
                occasion(&np).map(Some)
            }
        {
            let (mention, speaker, _) = ctx.resolve(Who::Explicit(np), None);
            let description = ctx.description.take();
            *last_direct = Some((ti, speaker));
            return Quotation {
                kind: QuotationKind::Direct,
                attribution: Some(Attribution {
                    cue,
                    speaker_mention: mention,
                    speaker_description: description,
                    speaker,
                    position: Position::Before,
                    confidence: 0.7,
                }),
                ..base
            };
        }
    }
    // A paragraph made only of a quotation that goes on from the previous quotation.
    let punctuated = ends_sentence(doc, t.open, content_end)
        || doc.punct(content_end + 1).is_some_and(is_terminator)
        || (t.open + 1..content_end).any(|j| doc.punct(j).is_some_and(is_terminator));
    if fills_block(doc, t.open, content_end + 1) && punctuated {
        if let Some((p, spk)) = *last_direct
            && doc.toks[tops[p].open].block + 1 >= doc.toks[t.open].block
            && content_words(doc, t.open, content_end).count() >= 4
        {
            if let Some(e) = spk {
                ctx.recent.push(e);
            }
            *last_direct = Some((ti, spk));
            return Quotation {
                kind: QuotationKind::Direct,
                attribution: Some(Attribution {
                    cue: None,
                    speaker_mention: None,
                    speaker_description: None,
                    speaker: spk,
                    position: Position::Continuation,
                    confidence: 0.5,
                }),
                ..base
            };
        }
    } else if fills_block(doc, t.open, content_end + 1) {
        return Quotation {
            kind: QuotationKind::Title,
            ..base
        };
    }
    base
}
