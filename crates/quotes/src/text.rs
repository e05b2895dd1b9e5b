//! Tokens of the article's blocks: words (with a folded copy for lexicon lookups),
//! punctuation and quotation marks, all carrying byte ranges into the original text.

use std::ops::Range;

use crate::lexicon::{CueForm, classes, cue_form_by_id, lookup_cue_id};

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TokKind {
    Word,
    Punct(char),
    Mark(char),
}

/// One token.
#[derive(Debug, Clone)]
pub(crate) struct Tok {
    /// Byte range in the text, as `u32`: tokens are the largest table of the analysis
    /// and most of the memory a long article touches (texts are capped at 4 GiB).
    start: u32,
    end: u32,
    pub kind: TokKind,
    pub block: u32,
    /// Range into [`Doc::fold`] of the folded word (empty for non-words).
    folded: Range<u32>,
}

/// The tokenized article.
pub(crate) struct Doc<'a> {
    pub text: &'a str,
    pub blocks: Vec<Range<usize>>,
    pub toks: Vec<Tok>,
    fold: String,
    /// First token index of each block (len = blocks + 1).
    pub block_tok: Vec<usize>,
    /// For each token, the index of the nearest word token before it (`u32::MAX`: none).
    /// Per-token tables are kept narrow: on a 10 MB article they are most of the memory
    /// the analysis touches.
    prev_word: Vec<u32>,
    /// For each token, the index of the nearest word token at or after it (`u32::MAX`).
    next_word: Vec<u32>,
    /// For each token, its cue form (see [`crate::cues::cue_form`]): looked up once here,
    /// since every stage asks it of the same words again and again.
    /// (0: none, else the form's number + 1, see [`crate::lexicon::cue_form_by_id`]).
    cue: Vec<u16>,
    /// For each token, its lexicon classes (bits of [`crate::lexicon::class`]).
    classes: Vec<u16>,
}

/// Characters that can be quotation marks.
pub(crate) fn is_mark_char(c: char) -> bool {
    matches!(
        c,
        '"' | '«'
            | '»'
            | '\u{201C}'
            | '\u{201D}'
            | '\u{201E}'
            | '\u{201F}'
            | '\u{2039}'
            | '\u{203A}'
            | '\u{2018}'
            | '\u{2019}'
            | '\u{201A}'
            | '\u{FF02}'
            | '\''
    )
}

/// Code points below this are answered by [`ALNUM_TABLE`] (ASCII, Latin, Arabic and
/// Arabic Supplement: nearly every character of an article).
const ALNUM_TABLE_END: u32 = 0x800;

/// One bit per code point below [`ALNUM_TABLE_END`]: std's Unicode tables answer
/// `is_alphanumeric` for Arabic letters through a slow binary search, which was a third of
/// the whole analysis.
static ALNUM_TABLE: std::sync::LazyLock<[u64; ALNUM_TABLE_END as usize / 64]> =
    std::sync::LazyLock::new(|| {
        let mut t = [0u64; ALNUM_TABLE_END as usize / 64];
        for cp in 0..ALNUM_TABLE_END {
            if char::from_u32(cp).is_some_and(char::is_alphanumeric) {
                t[cp as usize / 64] |= 1 << (cp % 64);
            }
        }
        t
    });

/// [`arabic_text::fold_for_matching`] for every code point below [`ALNUM_TABLE_END`]
/// (`u32::MAX`: the character folds away), so the per-character fold of every word is
/// an inlined table read.
static FOLD_TABLE: std::sync::LazyLock<[u32; ALNUM_TABLE_END as usize]> =
    std::sync::LazyLock::new(|| {
        let mut t = [u32::MAX; ALNUM_TABLE_END as usize];
        for (cp, slot) in (0..ALNUM_TABLE_END).zip(t.iter_mut()) {
            if let Some(f) = char::from_u32(cp).and_then(arabic_text::fold_for_matching) {
                *slot = u32::from(f);
            }
        }
        t
    });

/// `char::is_alphanumeric`, with a table for the scripts of our articles.
pub(crate) fn is_alnum(c: char) -> bool {
    let cp = c as u32;
    if cp < 0x80 {
        return c.is_ascii_alphanumeric();
    }
    if cp < ALNUM_TABLE_END {
        return ALNUM_TABLE[cp as usize / 64] >> (cp % 64) & 1 == 1;
    }
    c.is_alphanumeric()
}

/// The character tables, fetched once per document rather than once per character.
struct CharTables {
    alnum: &'static [u64; ALNUM_TABLE_END as usize / 64],
    fold: &'static [u32; ALNUM_TABLE_END as usize],
}

impl CharTables {
    fn get() -> Self {
        CharTables {
            alnum: &ALNUM_TABLE,
            fold: &FOLD_TABLE,
        }
    }

    /// [`is_word_char`].
    fn is_word_char(&self, c: char) -> bool {
        let cp = c as u32;
        if cp < 0x80 {
            return c.is_ascii_alphanumeric();
        }
        if cp < ALNUM_TABLE_END {
            return self.alnum[cp as usize / 64] >> (cp % 64) & 1 == 1
                || matches!(c, '\u{0610}'..='\u{061A}' | '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{0640}');
        }
        is_word_char(c)
    }

    /// [`arabic_text::fold_for_matching`], from the table below U+0800.
    fn fold_char(&self, c: char) -> Option<char> {
        let cp = c as u32;
        if cp < ALNUM_TABLE_END {
            return char::from_u32(self.fold[cp as usize]);
        }
        arabic_text::fold_for_matching(c)
    }
}

fn is_word_char(c: char) -> bool {
    is_alnum(c)
        || matches!(c, '\u{0610}'..='\u{061A}' | '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{0640}')
}

/// Clamps caller-given blocks to the text, to char boundaries, and makes them ordered and
/// disjoint, so no later stage can index out of range; splits them at line breaks.
fn sanitize_blocks(text: &str, blocks: &[Range<usize>]) -> Vec<Range<usize>> {
    let mut out: Vec<Range<usize>> = Vec::with_capacity(blocks.len());
    let mut floor = 0;
    // Offsets are kept as `u32`: text past 4 GiB is not analysed.
    let len = text.len().min(u32::MAX as usize);
    for b in blocks {
        let mut s = b.start.min(len).max(floor);
        let mut e = b.end.min(len);
        while s < len && !text.is_char_boundary(s) {
            s += 1;
        }
        while e > s && !text.is_char_boundary(e) {
            e -= 1;
        }
        if s >= e {
            continue;
        }
        floor = e;
        // A line break inside a block separates paragraphs: each line is a block of its
        // own, so marks and sentences never run across it.
        let mut line_start = s;
        for nl in memchr::memchr_iter(b'\n', &text.as_bytes()[s..e]) {
            push_trimmed(text, line_start..s + nl, &mut out);
            line_start = s + nl + 1;
        }
        push_trimmed(text, line_start..e, &mut out);
    }
    out
}

/// Pushes `r` without the whitespace at its ends, if anything is left.
fn push_trimmed(text: &str, r: Range<usize>, out: &mut Vec<Range<usize>>) {
    let slice = &text[r.clone()];
    let lead = slice.len() - slice.trim_start().len();
    let trimmed = slice.trim();
    if !trimmed.is_empty() {
        out.push(r.start + lead..r.start + lead + trimmed.len());
    }
}

impl Tok {
    /// Byte range of the token in the text.
    pub fn range(&self) -> Range<usize> {
        self.start as usize..self.end as usize
    }
}

impl<'a> Doc<'a> {
    pub fn new(text: &'a str, blocks: &[Range<usize>]) -> Self {
        let blocks = sanitize_blocks(text, blocks);
        // Sized once from the text (a token is at least one byte; a folded word is never
        // longer than the word), so building the document does not reallocate as it grows.
        let mut toks = Vec::with_capacity(text.len() / 4 + 1);
        let mut fold = String::with_capacity(text.len());
        let mut block_tok = Vec::with_capacity(blocks.len() + 1);
        let tables = CharTables::get();
        let mut cue: Vec<u16> = Vec::with_capacity(toks.capacity());
        let mut class: Vec<u16> = Vec::with_capacity(toks.capacity());
        for (bi, b) in blocks.iter().enumerate() {
            block_tok.push(toks.len());
            let slice = &text[b.clone()];
            // A word's folded form, cue and classes are looked up while the word is at hand.
            // A word's cue and classes are looked up as soon as the word is cut, while it
            // is at hand; its folded form was written character by character.
            let flush = |toks: &mut Vec<Tok>,
                         fold: &mut String,
                         cue: &mut Vec<u16>,
                         class: &mut Vec<u16>,
                         (s, f0): (usize, usize),
                         e: usize| {
                let w = &fold[f0..];
                // The object suffixes only when the word as written does not end in «ة»,
                // which folding made look like the pronoun «ه» («إضافة» is not «أضاف»+«ه»).
                cue.push(lookup_cue_id(w, !text[s..e].ends_with('ة')).map_or(0, |id| id + 1));
                class.push(classes(w));
                toks.push(Tok {
                    start: s as u32,
                    end: e as u32,
                    kind: TokKind::Word,
                    block: bi as u32,
                    folded: f0 as u32..fold.len() as u32,
                });
            };
            // Where the current word starts: its byte offset and its offset in `fold`.
            let mut word_start: Option<(usize, usize)> = None;
            let mut chars = slice.char_indices().peekable();
            while let Some((off, c)) = chars.next() {
                let pos = b.start + off;
                // An apostrophe between two letters is part of the word («O'Neil»).
                let apostrophe = matches!(c, '\'' | '\u{2019}')
                    && word_start.is_some()
                    && chars.peek().is_some_and(|&(_, n)| tables.is_word_char(n));
                if tables.is_word_char(c) || apostrophe {
                    if word_start.is_none() {
                        word_start = Some((pos, fold.len()));
                    }
                    if let Some(f) = tables.fold_char(c) {
                        fold.push(f);
                    }
                    continue;
                }
                if let Some(ws) = word_start.take() {
                    flush(&mut toks, &mut fold, &mut cue, &mut class, ws, pos);
                }
                if c.is_whitespace() {
                    continue;
                }
                let kind = if is_mark_char(c) {
                    TokKind::Mark(c)
                } else {
                    TokKind::Punct(c)
                };
                let f = fold.len() as u32;
                cue.push(0);
                class.push(0);
                toks.push(Tok {
                    start: pos as u32,
                    end: (pos + c.len_utf8()) as u32,
                    kind,
                    block: bi as u32,
                    folded: f..f,
                });
            }
            if let Some(ws) = word_start.take() {
                flush(&mut toks, &mut fold, &mut cue, &mut class, ws, b.end);
            }
        }
        block_tok.push(toks.len());
        let n = toks.len();
        let mut prev_word = vec![u32::MAX; n];
        let mut last = u32::MAX;
        for (i, t) in toks.iter().enumerate() {
            prev_word[i] = last;
            if t.kind == TokKind::Word {
                last = i as u32;
            }
        }
        let mut next_word = vec![u32::MAX; n];
        let mut next = u32::MAX;
        for i in (0..n).rev() {
            if toks[i].kind == TokKind::Word {
                next = i as u32;
            }
            next_word[i] = next;
        }
        Doc {
            text,
            blocks,
            toks,
            fold,
            block_tok,
            prev_word,
            next_word,
            cue,
            classes: class,
        }
    }

    /// The nearest word token before token `i`.
    pub fn prev_word(&self, i: usize) -> Option<usize> {
        self.prev_word
            .get(i)
            .copied()
            .filter(|&j| j != u32::MAX)
            .map(|j| j as usize)
    }

    /// The nearest word token at or after token `i`.
    pub fn next_word(&self, i: usize) -> Option<usize> {
        self.next_word
            .get(i)
            .copied()
            .filter(|&j| j != u32::MAX)
            .map(|j| j as usize)
    }

    /// The folded form of token `i` ("" for non-words and out-of-range indices).
    pub fn word(&self, i: usize) -> &str {
        match self.toks.get(i) {
            Some(t) => &self.fold[t.folded.start as usize..t.folded.end as usize],
            None => "",
        }
    }

    /// The cue form of token `i` (`None` for non-words and out-of-range indices).
    pub fn cue(&self, i: usize) -> Option<CueForm> {
        match self.cue.get(i).copied() {
            Some(id @ 1..) => Some(cue_form_by_id(id - 1)),
            _ => None,
        }
    }

    /// The lexicon classes of token `i` (0 for non-words and out-of-range indices).
    pub fn classes(&self, i: usize) -> u16 {
        self.classes.get(i).copied().unwrap_or(0)
    }

    /// Whether token `i` is in any of the lexicon classes `bits`.
    pub fn has_class(&self, i: usize, bits: u16) -> bool {
        self.classes(i) & bits != 0
    }

    pub fn is_word(&self, i: usize) -> bool {
        self.toks.get(i).is_some_and(|t| t.kind == TokKind::Word)
    }

    pub fn punct(&self, i: usize) -> Option<char> {
        match self.toks.get(i)?.kind {
            TokKind::Punct(c) => Some(c),
            _ => None,
        }
    }

    /// Text of token range `a..b` in the original.
    pub fn span(&self, a: usize, b: usize) -> Range<usize> {
        if a >= b || b > self.toks.len() {
            return 0..0;
        }
        self.toks[a].range().start..self.toks[b - 1].range().end
    }
}

/// Sentence terminators.
pub(crate) fn is_terminator(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '؟' | '…')
}

/// Commas (Latin and Arabic).
pub(crate) fn is_comma(c: char) -> bool {
    matches!(c, ',' | '،')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn alnum_table_agrees_with_std() {
        let mut yes = 0;
        for cp in (0..0x3_0000).chain([0xE_0001, 0x10_FFFF]) {
            if let Some(c) = char::from_u32(cp) {
                assert_eq!(is_alnum(c), c.is_alphanumeric(), "U+{cp:04X}");
                yes += usize::from(is_alnum(c));
            }
        }
        assert!(yes > 1000);
        assert!(is_word_char('\u{064E}') && is_word_char('ب') && !is_word_char('،'));
    }

    #[test]
    fn char_tables_agree_with_their_definitions() {
        let t = CharTables::get();
        for cp in 0..0x3_0000 {
            if let Some(c) = char::from_u32(cp) {
                assert_eq!(
                    t.fold_char(c),
                    arabic_text::fold_for_matching(c),
                    "U+{cp:04X}"
                );
                assert_eq!(t.is_word_char(c), is_word_char(c), "U+{cp:04X}");
            }
        }
        assert_eq!(t.fold_char('أ'), Some('ا'));
        assert_eq!(t.fold_char('\u{064E}'), None);
    }
}
