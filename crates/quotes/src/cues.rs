//! Reporting cues found in the token stream: verbs with their clitics and agreement,
//! adverbial participles («قائلاً»), nominal cues («بحسب»، «وفقا لـ»، «على لسان»، «نقلا
//! عن») and document cues («جاء في»). Each hit says where its speaker phrase would start.

use std::ops::Range;

use crate::lexicon::{CueForm, CueKind};
use crate::text::Doc;

/// One cue in the text.
#[derive(Debug, Clone)]
pub(crate) struct CueHit {
    /// Token of the cue word (the verb, the participle or the nominal head).
    pub tok: usize,
    /// Byte span as written, clitics and companions («وأضاف قائلا») included.
    pub span: Range<usize>,
    /// Last token of the cue (inclusive).
    pub last: usize,
    pub form: CueForm,
    /// Token where the speaker phrase after the cue would start.
    pub np_start: usize,
    /// The speaker phrase starts with a fused «ل» that belongs to the cue («وفقا لفلان»).
    pub lam: bool,
}

/// Pronoun objects between a verb and what follows it («وعلّق عليها قائلاً»، «قال فيه
/// الأخير»).
pub(crate) fn is_object_word(w: &str) -> bool {
    matches!(
        w,
        "عليها"
            | "عليه"
            | "عليهم"
            | "له"
            | "لها"
            | "لهم"
            | "لنا"
            | "لي"
            | "فيه"
            | "فيها"
            | "عنه"
            | "عنها"
            | "منه"
            | "اليه"
            | "اليها"
    )
}

/// Looks token `i` up as a cue, with the object suffixes allowed only when the word as
/// written does not end in «ة».
pub(crate) fn cue_form(doc: &Doc, i: usize) -> Option<CueForm> {
    doc.cue(i)
}

/// The cue at token `i`, if the word there is one.
pub(crate) fn cue_at(doc: &Doc, i: usize) -> Option<CueHit> {
    if !doc.is_word(i) {
        return None;
    }
    let w = doc.word(i);
    let form = cue_form(doc, i)?;
    // «عدم ذكر اسمه»: after «عدم» the word is a verbal noun, not a reporting verb.
    if i > 0 && matches!(doc.word(i - 1), "عدم" | "دون" | "بدون") {
        return None;
    }
    // Bare «بين» is the preposition "between"; the verb «بيّن» reports only with a
    // conjunction in front («وبيّن أن …») or in the present («يبيّن»).
    // «وتبيّن أن …» is impersonal: "it turned out that".
    if form.lemma == "بين" && (w == "بين" || w.trim_start_matches(['و', 'ف']) == "تبين")
    {
        return None;
    }
    let mut first = i;
    let mut last = i;
    let mut np_start = i + 1;
    let mut lam = false;
    match form.kind {
        CueKind::Nominal => {
            // One conjunction at most: «وفقا» begins with «و» of its own.
            let base = match form.lemma {
                "وفقا" | "وفق" => form.lemma,
                _ => w
                    .strip_prefix('و')
                    .or_else(|| w.strip_prefix('ف'))
                    .unwrap_or(w),
            };
            if base == "لسان" {
                // «على لسان فلان»
                if i == 0 || !doc.word(i - 1).ends_with("على") {
                    return None;
                }
                first = i - 1;
            } else if base == "نقلا" {
                if doc.word(i + 1) != "عن" {
                    return None;
                }
                last = i + 1;
                np_start = i + 2;
            } else if base.starts_with("وفق") || base == "وفقا" {
                if doc.word(i + 1) == "ل" {
                    last = i + 1;
                    np_start = i + 2;
                } else if doc.word(i + 1).starts_with('ل') {
                    lam = true;
                } else {
                    return None;
                }
            }
        }
        CueKind::Document => {
            if doc.word(i + 1) != "في" {
                return None;
            }
            last = i + 1;
            np_start = i + 2;
        }
        CueKind::Verb => {
            // A verb directly followed by a participle is one cue («وأضاف قائلا»).
            let mut j = i + 1;
            if is_object_word(doc.word(j)) {
                j += 1;
            }
            if cue_form(doc, j).is_some_and(|f| f.kind == CueKind::Participle) {
                last = j;
                np_start = j + 1;
            }
        }
        CueKind::Participle => {}
    }
    // «كما يقول»، «هكذا كانت تخاطب»
    let mut k = first;
    for _ in 0..2 {
        if k == 0 {
            break;
        }
        let p = doc.word(k - 1);
        if matches!(p, "كما" | "هكذا" | "وهكذا" | "وكما") {
            first = k - 1;
            break;
        }
        if matches!(p, "كانت" | "كان" | "قد") {
            k -= 1;
            continue;
        }
        break;
    }
    Some(CueHit {
        tok: i,
        span: doc.span(first, last + 1),
        last,
        form,
        np_start,
        lam,
    })
}
