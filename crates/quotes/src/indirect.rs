//! Indirect speech: a cue, its speaker and a clause opened by «إن/أن» («وقال مسؤولون
//! أمريكيون إن …»). The clause runs to the end of its sentence, or up to the next report
//! when one starts inside the sentence («…، وقال فلان …»، «… وأضاف أن …»). When the clause
//! holds a quotation in marks, that quotation carries the attribution instead.

use crate::cues::cue_at;
use crate::lexicon::CueKind;
use crate::text::{Doc, TokKind, is_comma, is_terminator};

/// Tokens (at most) between a cue and its complementizer: speaker plus circumstance.
const WINDOW: usize = 16;
/// Longest indirect clause we report, in tokens.
const MAX_CONTENT: usize = 400;

fn is_complementizer(w: &str) -> bool {
    matches!(
        w,
        // «فإن» opens the content after a nominal cue («وبحسب المصدر، فإن …»).
        "ان" | "انه"
            | "فان"
            | "فانه"
            | "فانها"
            | "انها"
            | "انهم"
            | "انهما"
            | "انهن"
            | "بان"
            | "بانه"
            | "بانها"
            | "بانهم"
    )
}

/// Words that make «أن» a conjunction of the sentence rather than the opening of
/// reported content.
fn is_conjunction_before_anna(w: &str) -> bool {
    matches!(
        w,
        "اذ" | "حيث"
            | "بما"
            | "رغم"
            | "برغم"
            | "غير"
            | "الا"
            | "بعد"
            | "قبل"
            | "منذ"
            | "لو"
            | "مع"
            | "وبما"
            | "ورغم"
    )
}

/// Finds the complementizer after a cue: returns its token and the content's token range.
///
/// `speech_open[i]` tells whether token `i` opens a quotation that may be speech (titles
/// and terms in marks may sit inside an indirect clause).
pub(crate) fn clause(
    doc: &Doc,
    from: usize,
    sent_end: usize,
    speech_open: &[bool],
) -> Option<(usize, std::ops::Range<usize>)> {
    let stop = (from + WINDOW).min(sent_end).min(doc.toks.len());
    let mut comp = None;
    for k in from..stop {
        match doc.toks[k].kind {
            TokKind::Mark(_) if speech_open.get(k).copied().unwrap_or(false) => return None,
            TokKind::Punct(c) if is_terminator(c) || c == ':' => return None,
            TokKind::Word if is_complementizer(doc.word(k)) => {
                // «إذ أن»، «بعد أن»، «إلا أن»: a conjunction, not reported content.
                if k > from && is_conjunction_before_anna(doc.word(k - 1)) {
                    return None;
                }
                comp = Some(k);
                break;
            }
            // Another reporting verb first: the clause is that verb's («وتتهم … وتقول إنها»).
            TokKind::Word
                if k > from
                    && crate::cues::cue_at(doc, k)
                        .is_some_and(|h| h.form.kind != crate::lexicon::CueKind::Nominal) =>
            {
                return None;
            }
            _ => {}
        }
    }
    let comp = comp?;
    let mut end = comp + 1;
    // Content runs to the sentence end, bounded so many cues in one endless sentence
    // stay linear.
    let cap = (comp + 1 + MAX_CONTENT).min(sent_end).min(doc.toks.len());
    while end < cap {
        match doc.toks[end].kind {
            // A quotation inside the clause carries the attribution itself.
            TokKind::Mark(_) if speech_open.get(end).copied().unwrap_or(false) => return None,
            TokKind::Punct(c) if is_terminator(c) => break,
            TokKind::Word if let Some(first) = new_report(doc, end) => {
                end = first.max(comp + 1);
                break;
            }
            _ => end += 1,
        }
    }
    // The comma before the next report separates the two; it belongs to neither.
    while end > comp + 1 && doc.punct(end - 1).is_some_and(is_comma) {
        end -= 1;
    }
    (end > comp + 1).then_some((comp, comp + 1..end))
}

/// Whether a new report starts at token `i` inside an indirect clause: a reporting verb or
/// nominal cue joined by «و/ف» («…، وقال …»، «… وأضاف أن …») or a nominal cue after a
/// comma («…، وفقا لـ…»). A bare verb inside the clause is not enough (in «أن النتائج …،
/// تبرز …» the verb belongs to the clause); a report made of one is cut off by the caller
/// once it is found to have a clause of its own. Returns the cue's first token, where the
/// clause before it ends.
fn new_report(doc: &Doc, i: usize) -> Option<usize> {
    let form = doc.cue(i)?;
    if matches!(form.kind, CueKind::Participle | CueKind::Document) {
        return None;
    }
    let h = cue_at(doc, i)?;
    let mut first = i;
    while first > 0 && doc.toks[first - 1].range().start >= h.span.start {
        first -= 1;
    }
    let after_comma = first > 0 && doc.punct(first - 1).is_some_and(is_comma);
    let w = doc.word(i);
    // «و» and «ف» are two bytes each in UTF-8.
    let conjoined = (w.starts_with('و') || w.starts_with('ف'))
        && crate::lexicon::lookup_cue(&w['و'.len_utf8()..], true).is_some();
    (conjoined || after_comma && form.kind == CueKind::Nominal).then_some(first)
}
