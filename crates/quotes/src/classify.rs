//! Reported speech or something else in quotation marks? Titles of works, programmes,
//! campaigns and hashtags («بعنوان "…"»، «فيلم "…"»), names and nicknames («خليفة "أبو
//! …"»، «منظمة "…"»), spelled acronyms, labels after a copula («هو "…"») and quoted
//! fragments of one or two words are not speech. This stage looks at the quotation and
//! the word before it; a quotation that passes still needs an attribution to be Direct.

use crate::QuotationKind;
use crate::lexicon::{is_name_starter, is_title_marker};
use crate::text::{Doc, TokKind, is_terminator};

/// Words of the quotation's content, as token indices.
pub(crate) fn content_words<'d>(
    doc: &'d Doc<'d>,
    open: usize,
    end: usize,
) -> impl Iterator<Item = usize> + 'd {
    (open + 1..end.min(doc.toks.len())).filter(|&i| doc.is_word(i))
}

/// Words naming something the way a title marker does, written with a clitic.
fn marker(w: &str) -> bool {
    if is_title_marker(w) {
        return true;
    }
    let mut rest = w;
    for _ in 0..2 {
        match rest.chars().next() {
            Some(c @ ('و' | 'ف' | 'ب' | 'ل' | 'ك')) => rest = &rest[c.len_utf8()..],
            _ => break,
        }
        if rest.chars().count() >= 3 && is_title_marker(rest) {
            return true;
        }
    }
    false
}

/// The kind a quotation has regardless of attribution, when it is not speech.
pub(crate) fn static_kind(doc: &Doc, open: usize, end: usize) -> Option<QuotationKind> {
    // At most twelve words are looked at: kept on the stack, not in a vector per quotation.
    let mut buf = [0usize; 12];
    let mut n = 0;
    for (slot, i) in buf.iter_mut().zip(content_words(doc, open, end)) {
        *slot = i;
        n += 1;
    }
    let words = &buf[..n];
    // The word right before the opening mark (skipping a fused «لـ»/«بـ» token end).
    let prev = (open.saturating_sub(3)..open)
        .rev()
        .find(|&i| doc.is_word(i));
    let adjacent = prev.is_some_and(|p| p + 1 == open);
    let mut prev_w = prev.map(|p| doc.word(p)).unwrap_or("");
    // «المعروف بـ"…"»: a detached clitic stands between the naming word and the mark.
    if adjacent
        && matches!(prev_w, "ب" | "ل" | "و" | "ك")
        && let Some(p) = prev
        && p > 0
        && doc.is_word(p - 1)
    {
        prev_w = doc.word(p - 1);
    }
    if n == 0 {
        return Some(QuotationKind::Term);
    }
    // «"#…"»: a hashtag is a title.
    if doc.punct(open + 1) == Some('#') {
        return Some(QuotationKind::Title);
    }
    if is_name_starter(doc.word(words[0])) && n <= 3 {
        return Some(QuotationKind::Name);
    }
    if adjacent && marker(prev_w) {
        return Some(
            if matches!(
                prev_w,
                "اسم" | "باسم" | "يدعى" | "تدعى" | "الملقب" | "الملقبه"
            ) {
                QuotationKind::Name
            } else {
                QuotationKind::Title
            },
        );
    }
    // «سي آن آن»: a spelled acronym.
    if n <= 4 && words.iter().all(|&i| doc.word(i).chars().count() <= 3) && n >= 2 {
        return Some(QuotationKind::Name);
    }
    if n <= 2 {
        return Some(QuotationKind::Term);
    }
    // «هو "صاروخ …"»: a label after a copula or a demonstrative names a thing.
    if adjacent && n <= 4 && matches!(prev_w, "هو" | "هي" | "هذا" | "هذه" | "ذلك" | "تلك")
    {
        return Some(QuotationKind::Term);
    }
    None
}

/// Whether the quotation is all its block holds (a subheading or a pull quote).
pub(crate) fn fills_block(doc: &Doc, open: usize, end_excl: usize) -> bool {
    let b = doc.toks[open].block as usize;
    let (s, e) = (doc.block_tok[b], doc.block_tok[b + 1]);
    doc.prev_word(open).is_none_or(|j| j < s)
        && doc.next_word(end_excl.min(e)).is_none_or(|j| j >= e)
}

/// Whether the content ends with sentence punctuation (a continuation paragraph does, a
/// pull quote does not).
pub(crate) fn ends_sentence(doc: &Doc, open: usize, end: usize) -> bool {
    (open + 1..end.min(doc.toks.len()))
        .rev()
        .find(|&i| !matches!(doc.toks[i].kind, TokKind::Mark(_)))
        .and_then(|i| doc.punct(i))
        .is_some_and(is_terminator)
}
