//! Pairing quotation marks over the whole article.
//!
//! Each family of marks is paired with its own stack, so a title in «…» inside a quotation
//! in "…" nests cleanly. Marks whose direction the character does not tell ("، “، ” — the
//! same curly mark opens and closes in Arabic text, and ”…“ is common) are decided by the
//! characters around them, and by whether a mark of the family is pending when the context
//! says nothing. Stacks never outlive a block, except by the news convention for
//! multi-paragraph quotations: a paragraph that continues a quotation opens with a mark and
//! the previous one has no close. An unmatched mark is reported and its quotation runs at
//! most to the end of its sentence.

use crate::QuoteDiagnostic;
use crate::text::{Doc, TokKind, is_terminator};

/// A paired (or unclosed) quotation: token indices of its marks.
#[derive(Debug, Clone)]
pub(crate) struct Pair {
    pub open: usize,
    pub close: Option<usize>,
    /// Token index where the content ends (exclusive): `close`, or the end of the
    /// sentence for an unclosed mark.
    pub end: usize,
    /// Marks of a continuation paragraph inside this quotation (token indices).
    pub inner_opens: Vec<usize>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Dir {
    Open,
    Close,
    Ambiguous,
}

/// Family index and direction the character alone gives.
fn family(c: char) -> (usize, Dir) {
    match c {
        '«' => (0, Dir::Open),
        '»' => (0, Dir::Close),
        '\u{2039}' => (1, Dir::Open),
        '\u{203A}' => (1, Dir::Close),
        '\u{201E}' => (2, Dir::Open),
        '"' | '\u{201C}' | '\u{201D}' | '\u{201F}' | '\u{FF02}' => (2, Dir::Ambiguous),
        '\u{201A}' => (3, Dir::Open),
        _ => (3, Dir::Ambiguous),
    }
}

const FAMILIES: usize = 4;

fn opening_context(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            '(' | '[' | '{' | ':' | '\u{0640}' | '/' | '-' | '–' | '—'
        )
        || crate::text::is_mark_char(c)
}

/// Decides the direction of an ambiguous mark from its neighbours in the block.
fn context_dir(doc: &Doc, i: usize, pending: bool) -> Option<Dir> {
    let t = &doc.toks[i];
    let b = &doc.blocks[t.block as usize];
    let prev = doc.text[b.start..t.range().start].chars().next_back();
    let next = doc.text[t.range().end..b.end].chars().next();
    let is_word = |c: char| crate::text::is_alnum(c) || c == '\u{0640}';
    // A single straight or curly apostrophe inside a word is not a mark.
    if matches!(
        doc.toks[i].kind,
        TokKind::Mark('\'' | '\u{2019}' | '\u{2018}')
    ) && prev.is_some_and(is_word)
        && next.is_some_and(is_word)
    {
        return None;
    }
    if prev == Some(':') {
        return Some(Dir::Open);
    }
    let prev_space = prev.is_none_or(char::is_whitespace);
    // Only a word (or a bracket) can follow an opening mark; «" .» closes.
    let can_open = prev.is_none_or(opening_context)
        && next.is_some_and(|c| is_word(c) || matches!(c, '(' | '['));
    let can_close = !prev_space && next.is_none_or(|c| !is_word(c));
    Some(match (can_open, can_close) {
        (true, false) => Dir::Open,
        (false, true) => Dir::Close,
        _ if pending => Dir::Close,
        _ => Dir::Open,
    })
}

fn unbalanced(doc: &Doc, i: usize, message: &str) -> QuoteDiagnostic {
    QuoteDiagnostic {
        code: "unbalanced-quotation-mark",
        message: message.to_string(),
        span: doc.toks[i].range(),
    }
}

/// End of the sentence that starts after token `open` within its block, from the
/// precomputed next-terminator table.
fn sentence_end(next_term: &[u32], open: usize, block_end: usize) -> usize {
    match next_term.get(open + 1).map(|&j| j as usize) {
        Some(j) if j < block_end => j + 1,
        _ => block_end,
    }
}

/// Pairs the marks of `doc`. Pairs come back sorted by opening mark.
pub(crate) fn pair(doc: &Doc, diagnostics: &mut Vec<QuoteDiagnostic>) -> Vec<Pair> {
    let mut pairs: Vec<Pair> = Vec::new();
    let n = doc.toks.len();
    // `u32` like the other per-token tables (`u32::MAX`: no terminator follows).
    let mut next_term = vec![u32::MAX; n + 1];
    for i in (0..n).rev() {
        next_term[i] = if doc.punct(i).is_some_and(is_terminator) {
            i as u32
        } else {
            next_term[i + 1]
        };
    }
    // Open marks waiting for their close: (token, opened by a character that normally
    // closes, e.g. a reversed »…«).
    let mut stacks: [Vec<(usize, bool)>; FAMILIES] = Default::default();
    // A quotation carried into the next block: (family, opening token, continuation marks).
    let mut carry: Option<(usize, usize, Vec<usize>)> = None;
    // The continuation marks of the quotation currently carried over a paragraph break.
    let mut cont: Option<(usize, Vec<usize>)> = None;
    for bi in 0..doc.blocks.len() {
        let (start, end) = (doc.block_tok[bi], doc.block_tok[bi + 1]);
        let mut first = start;
        if let Some((fam, open, mut inner)) = carry.take() {
            let continues = match doc.toks.get(start).map(|t| t.kind) {
                Some(TokKind::Mark(c)) if start < end => {
                    let (f, d) = family(c);
                    f == fam && d != Dir::Close
                }
                _ => false,
            };
            if continues {
                inner.push(start);
                stacks[fam].push((open, false));
                first = start + 1;
                // The inner marks are handed to the pair when it closes.
                cont = Some((open, inner));
            } else {
                diagnostics.push(unbalanced(doc, open, "opening quotation mark never closed"));
                let prev_end = doc.block_tok[bi];
                let e = sentence_end(&next_term, open, prev_end);
                pairs.push(Pair {
                    open,
                    close: None,
                    end: e,
                    inner_opens: inner,
                });
            }
        }
        for i in first..end {
            let TokKind::Mark(c) = doc.toks[i].kind else {
                continue;
            };
            let (fam, dir) = family(c);
            let pending = !stacks[fam].is_empty();
            let dir = match dir {
                Dir::Ambiguous => match context_dir(doc, i, pending) {
                    Some(d) => d,
                    None => continue,
                },
                Dir::Open if fam == 0 && stacks[0].last().is_some_and(|&(_, rev)| rev) => {
                    Dir::Close
                }
                Dir::Close if !pending => match context_dir(doc, i, false) {
                    // A lone closing guillemet in opening position: reversed »…«.
                    Some(Dir::Open) => {
                        stacks[fam].push((i, true));
                        continue;
                    }
                    _ => Dir::Close,
                },
                d => d,
            };
            match dir {
                Dir::Open => stacks[fam].push((i, false)),
                _ => match stacks[fam].pop() {
                    Some((open, _)) => {
                        let inner = take_inner(&mut cont, open);
                        pairs.push(Pair {
                            open,
                            close: Some(i),
                            end: i,
                            inner_opens: inner,
                        });
                    }
                    None => diagnostics.push(unbalanced(
                        doc,
                        i,
                        "closing quotation mark without an opening one",
                    )),
                },
            }
        }
        // Marks still open at the end of the block.
        let next_first = doc.block_tok.get(bi + 1).copied().unwrap_or(end);
        let next_has_tokens = bi + 1 < doc.blocks.len() && next_first < doc.block_tok[bi + 2];
        let mut pending: Vec<(usize, usize)> = Vec::new();
        for (fam, stack) in stacks.iter_mut().enumerate() {
            pending.extend(stack.drain(..).map(|(t, _)| (t, fam)));
        }
        pending.sort_unstable();
        let mut carried = false;
        if pending.len() == 1 && next_has_tokens {
            let (open, fam) = pending[0];
            if let TokKind::Mark(c) = doc.toks[next_first].kind {
                let (f, d) = family(c);
                if f == fam && d != Dir::Close {
                    let inner = take_inner(&mut cont, open);
                    carry = Some((fam, open, inner));
                    carried = true;
                }
            }
        }
        if !carried {
            for (open, _) in pending {
                diagnostics.push(unbalanced(doc, open, "opening quotation mark never closed"));
                let e = sentence_end(&next_term, open, end);
                let inner = take_inner(&mut cont, open);
                pairs.push(Pair {
                    open,
                    close: None,
                    end: e,
                    inner_opens: inner,
                });
            }
        }
    }
    if let Some((_, open, inner)) = carry.take() {
        diagnostics.push(unbalanced(doc, open, "opening quotation mark never closed"));
        let e = sentence_end(&next_term, open, doc.toks.len());
        pairs.push(Pair {
            open,
            close: None,
            end: e,
            inner_opens: inner,
        });
    }
    pairs.sort_by_key(|p| p.open);
    pairs
}

fn take_inner(cont: &mut Option<(usize, Vec<usize>)>, open: usize) -> Vec<usize> {
    match cont.take() {
        Some((o, inner)) if o == open => inner,
        other => {
            *cont = other;
            Vec::new()
        }
    }
}
