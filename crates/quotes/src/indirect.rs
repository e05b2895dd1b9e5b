//! Indirect speech: a cue, its speaker and a clause opened by «إن/أن» («وقال مسؤولون
//! أمريكيون إن …»). The clause runs to the end of its sentence. When the clause holds a
//! quotation in marks, that quotation carries the attribution instead.

use crate::text::{Doc, TokKind, is_terminator};

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
            _ => end += 1,
        }
    }
    (end > comp + 1).then_some((comp, comp + 1..end))
}
