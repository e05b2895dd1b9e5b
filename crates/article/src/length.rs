//! Translation-ready length: an over-long sentence is cut at its best clause boundary.
//!
//! Preference order inside the allowed window: after «؛» (or `;`), after «،» (or `,`)
//! followed by a clause-opening word (و…، ف…، ثم، لكن …), after any «،» / `,` / `:`, then
//! at whitespace. Among cuts of the best tier the latest one wins, so pieces stay as long as
//! allowed. A word longer than the limit is cut at a character boundary as a last resort.

use std::ops::Range;

use crate::chars::{fold, is_space, trim_range};
use crate::lexicon;

/// Appends the pieces of `range` (each at most `max_chars` characters) to `out` as
/// `(range, continuation)`.
pub(crate) fn split_long(
    text: &str,
    range: Range<usize>,
    max_chars: usize,
    out: &mut Vec<(Range<usize>, bool)>,
) {
    let max_chars = max_chars.max(1);
    let mut piece = range.clone();
    let mut first = true;
    loop {
        let Some(p) = trim_range(text, piece.clone()) else {
            return;
        };
        piece = p;
        let s = &text[piece.clone()];
        // Byte offset (within s) just past `max_chars` characters, if s is longer.
        let Some((limit, _)) = s.char_indices().nth(max_chars) else {
            out.push((piece, !first));
            return;
        };
        let cut = best_cut(s, limit, max_chars);
        let head = piece.start..piece.start + cut;
        match trim_range(text, head.clone()) {
            Some(h) => out.push((h, !first)),
            None => {
                // Cannot happen with a cut after at least one character; keep going safely.
            }
        }
        first = false;
        piece = head.end..piece.end;
    }
}

/// Byte offset in `s` where the first piece ends; `limit` is the offset just past
/// `max_chars` characters.
fn best_cut(s: &str, limit: usize, max_chars: usize) -> usize {
    // Do not make the first piece much shorter than the limit when a later cut exists:
    // cuts in the first third only count when nothing better is available.
    let min_chars = max_chars / 3;
    let mut best: [Option<usize>; 4] = [None; 4];
    let mut early: [Option<usize>; 4] = [None; 4];
    let mut chars = 0;
    let iter = s[..limit].char_indices().peekable();
    for (i, c) in iter {
        chars += 1;
        let after = i + c.len_utf8();
        let tier = match c {
            '؛' | ';' => Some(3),
            '،' | ',' => Some(if opens_clause(&s[after..]) { 2 } else { 1 }),
            ':' => Some(1),
            c if is_space(c) => Some(0),
            _ => None,
        };
        if let Some(t) = tier {
            // A cut at a space goes before it; a cut after punctuation goes after it.
            let at = if t == 0 { i } else { after };
            if at == 0 || after > limit {
                continue;
            }
            if chars >= min_chars {
                best[t] = Some(at);
            } else {
                early[t] = Some(at);
            }
        }
    }
    for t in (0..4).rev() {
        if let Some(at) = best[t] {
            return at;
        }
    }
    for t in (0..4).rev() {
        if let Some(at) = early[t] {
            return at;
        }
    }
    limit
}

/// Whether the text after a comma opens a coordinated clause.
fn opens_clause(rest: &str) -> bool {
    let word: String = rest
        .trim_start_matches(is_space)
        .chars()
        .take_while(|c| crate::chars::is_letter(*c) || crate::chars::is_arabic_mark(*c))
        .filter_map(fold)
        .collect();
    if word.chars().count() >= 3 && (word.starts_with('و') || word.starts_with('ف')) {
        return true;
    }
    lexicon::conjunctions().contains(&word)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pieces(text: &str, max: usize) -> Vec<(&str, bool)> {
        let mut out = Vec::new();
        split_long(text, 0..text.len(), max, &mut out);
        out.into_iter().map(|(r, c)| (&text[r], c)).collect()
    }

    #[test]
    fn short_sentence_is_untouched() {
        assert_eq!(pieces("جملة قصيرة.", 50), [("جملة قصيرة.", false)]);
    }

    #[test]
    fn long_sentence_is_cut_at_semicolon_first() {
        let t = "أعلنت الحكومة خطة جديدة للنقل، تشمل الحافلات؛ وستبدأ التنفيذ في الربيع المقبل.";
        let p = pieces(t, 60);
        assert_eq!(
            p[0],
            ("أعلنت الحكومة خطة جديدة للنقل، تشمل الحافلات؛", false)
        );
        assert_eq!(p[1], ("وستبدأ التنفيذ في الربيع المقبل.", true));
    }

    #[test]
    fn comma_before_conjunction_beats_plain_comma() {
        let t = "زار الوزير المدينة، والتقى بالسكان، المتضررين من الفيضانات الأخيرة في الشمال.";
        let p = pieces(t, 50);
        assert_eq!(p[0].0, "زار الوزير المدينة،");
        assert!(p[1].1);
    }

    #[test]
    fn no_punctuation_falls_back_to_whitespace() {
        let t = "كلمة كلمة كلمة كلمة كلمة كلمة";
        let p = pieces(t, 12);
        assert!(p.iter().all(|(s, _)| s.chars().count() <= 12));
        assert_eq!(
            p.iter().map(|(s, _)| s.len()).sum::<usize>() + p.len() - 1,
            t.len()
        );
    }

    #[test]
    fn overlong_word_is_cut_at_char_boundary() {
        let t = "ابتثجحخدذرزسشصضطظعغفقكلمنهوي";
        let p = pieces(t, 10);
        assert!(p.iter().all(|(s, _)| s.chars().count() <= 10));
        assert_eq!(p.concat_len(), t.len());
    }

    trait ConcatLen {
        fn concat_len(&self) -> usize;
    }
    impl ConcatLen for Vec<(&str, bool)> {
        fn concat_len(&self) -> usize {
            self.iter().map(|(s, _)| s.len()).sum()
        }
    }
}
