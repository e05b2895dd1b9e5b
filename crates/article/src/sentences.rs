//! Sentence boundaries inside one block of prose.
//!
//! The splitter scans bytes with a 256-entry table of lead bytes that can start a
//! terminator or a line break, so ordinary letters cost one table lookup each; the rules
//! below only run at candidate terminators. It keeps no quotation state: a quotation mark
//! only matters when it directly follows a terminator, where it is attached to the
//! sentence it closes. An unclosed quotation therefore never suppresses later boundaries.

use std::ops::Range;

use crate::chars::{
    char_at, char_before, is_arabic_letter, is_arabic_mark, is_digit, is_letter, is_line_break,
    is_space, trim_range,
};
use crate::lexicon;

/// Bytes the scanner must look at: `.` `!` `?`, the line breaks (`\n` `\r` VT FF, NEL =
/// C2 85, LS/PS = E2 80 A8/A9), guillemets (C2 AB/BB), `…` `‼` `⁈` `⁉` (E2 …) and the
/// *second* byte of `؟` (D8 9F). The lead byte D8 is shared by half of the Arabic letters,
/// while 9F is a rare continuation byte in Arabic text, so `؟` is found by its second byte.
const CANDIDATE: [bool; 256] = {
    let mut t = [false; 256];
    t[b'.' as usize] = true;
    t[b'!' as usize] = true;
    t[b'?' as usize] = true;
    t[b'*' as usize] = true;
    t[b'\n' as usize] = true;
    t[b'\r' as usize] = true;
    t[0x0B] = true;
    t[0x0C] = true;
    t[0xC2] = true;
    t[0x9F] = true;
    t[0xE2] = true;
    t
};

/// Sentence-final punctuation: full stop, exclamation and question marks (Latin and
/// Arabic) and the ellipsis character.
fn is_terminator(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '؟' | '…' | '‼' | '⁉' | '⁈')
}

/// Closing quotation marks and brackets that belong to the sentence they close. Straight
/// and curly quotes are ambiguous (mirrored «”…“» is common), so any of them right after a
/// terminator is taken as closing; guillemets are directional, so only «»» closes.
fn is_closer(c: char) -> bool {
    matches!(
        c,
        '"' | '\'' | '”' | '“' | '’' | '‘' | '»' | '›' | ')' | ']' | '}' | '﴿' | '﴾'
    )
}

/// Opening brackets: a terminator right after one is an elision «(...)» or an aside «(!)».
fn is_opener(c: char) -> bool {
    matches!(c, '(' | '[' | '{')
}

/// Marks after which a terminator does not end the sentence: the clause goes on.
fn is_clause_continuation(c: char) -> bool {
    matches!(c, '،' | ',' | ':' | '؛' | ';')
}

/// Splits `span` of `text` into trimmed sentence ranges, passed to `out` in order.
pub(crate) fn split_prose(text: &str, span: Range<usize>, out: &mut impl FnMut(Range<usize>)) {
    let bytes = text.as_bytes();
    let end = span.end.min(text.len());
    let mut start = span.start;
    let mut i = span.start;
    // Inside «…»: guillemets are directional, so the state is reliable. It is only used to
    // allow a boundary at «..» between full clauses of a quotation, never to suppress one.
    let mut in_guillemets = false;
    let mut word = String::new();
    while i < end {
        let b = bytes[i];
        if !CANDIDATE[b as usize] {
            i += 1;
            continue;
        }
        if b == 0x9F {
            // The second byte of «؟»: step back to its first byte.
            if i > span.start && bytes[i - 1] == 0xD8 {
                i -= 1;
            } else {
                i += 1;
                continue;
            }
        }
        // The punctuation lead bytes C2/E2 are shared with other characters: check the
        // continuation bytes before decoding.
        let b = bytes[i];
        let wanted = match b {
            0xC2 => matches!(bytes.get(i + 1), Some(0x85 | 0xAB | 0xBB)),
            0xE2 => matches!(
                (bytes.get(i + 1), bytes.get(i + 2)),
                (Some(0x80), Some(0xA6 | 0xA8 | 0xA9 | 0xBC)) | (Some(0x81), Some(0x88 | 0x89))
            ),
            _ => true,
        };
        if !wanted {
            i += 1;
            continue;
        }
        let c = char_at(text, i);
        if is_line_break(c) {
            push(text, start..i, out);
            i += c.len_utf8();
            start = i;
            in_guillemets = false;
            continue;
        }
        if c == '«' || c == '»' {
            in_guillemets = c == '«';
            i += c.len_utf8();
            continue;
        }
        if c == '*' {
            // A spaced asterisk run («* », «** ») opens a subheading or a disclaimer: when
            // the line break before it was lost, it still starts a new sentence.
            let stars = text[i..end].bytes().take_while(|&b| b == b'*').count();
            let spaced_before = char_before(text, i).is_some_and(|(_, p)| is_space(p));
            let spaced_after = i + stars < end && is_space(char_at(text, i + stars));
            if spaced_before && spaced_after && start < i && !only_openers(text, start, i) {
                push(text, start..i, out);
                start = i;
            }
            i += stars;
            continue;
        }
        if !is_terminator(c) {
            i += c.len_utf8();
            continue;
        }
        let run = scan_run(text, i, end);
        if is_boundary(text, start, end, &run, in_guillemets) {
            push(text, start..run.after, out);
            start = run.after;
            if let Some(h) = run_in_heading(text, start, end, &mut word) {
                push(text, start..h, out);
                start = h;
            }
        }
        if text[run.marks_end..run.after].contains('»') {
            in_guillemets = false;
        }
        // A run-in heading moved `start` past the run: resume after it.
        i = run.after.max(i + 1).max(start);
    }
    push(text, start..end, out);
}

fn push(text: &str, range: Range<usize>, out: &mut impl FnMut(Range<usize>)) {
    if range.start >= range.end {
        return;
    }
    if let Some(r) = trim_range(text, range) {
        out(r);
    }
}

/// A run of terminators with the closing marks (and any terminator after them) attached.
struct Run {
    /// First byte of the run.
    start: usize,
    /// End of the terminators proper (before any closing mark).
    marks_end: usize,
    /// End of the whole run, closing marks included.
    after: usize,
    /// Number of full stops in the terminators proper.
    dots: usize,
    /// The run holds `!`, `?` or `؟`.
    strong: bool,
    /// The run holds `…`.
    ellipsis: bool,
}

fn scan_run(text: &str, i: usize, end: usize) -> Run {
    let mut run = Run {
        start: i,
        marks_end: i,
        after: i,
        dots: 0,
        strong: false,
        ellipsis: false,
    };
    let mut j = i;
    while j < end {
        let c = char_at(text, j);
        match c {
            '.' => run.dots += 1,
            '…' => run.ellipsis = true,
            c if is_terminator(c) => run.strong = true,
            _ => break,
        }
        j += c.len_utf8();
    }
    run.marks_end = j;
    // Closing marks, then possibly a full stop after them («؟”.»), then closers again.
    loop {
        let mut moved = false;
        while j < end && is_closer(char_at(text, j)) {
            j += char_at(text, j).len_utf8();
            moved = true;
        }
        if moved && j < end && is_terminator(char_at(text, j)) {
            while j < end && is_terminator(char_at(text, j)) {
                j += char_at(text, j).len_utf8();
            }
            continue;
        }
        break;
    }
    run.after = j;
    run
}

/// The first non-space character at or after `i` (before `end`), and whether a line break
/// was crossed on the way.
fn next_visible(text: &str, i: usize, end: usize) -> Option<(usize, char, bool)> {
    let mut crossed = false;
    for (k, c) in text[i..end].char_indices() {
        if is_line_break(c) {
            crossed = true;
        } else if !is_space(c) {
            return Some((i + k, c, crossed));
        }
    }
    None
}

/// Whether `text[from..to]` holds nothing but spaces, quotation marks and brackets.
fn only_openers(text: &str, from: usize, to: usize) -> bool {
    text[from..to]
        .chars()
        .all(|c| is_space(c) || is_closer(c) || is_opener(c))
}

fn is_boundary(text: &str, start: usize, end: usize, run: &Run, in_guillemets: bool) -> bool {
    let Some((next_pos, next, crossed)) = next_visible(text, run.after, end) else {
        return true;
    };
    if crossed {
        return true;
    }
    // Nothing but openers before the run: a sentence cannot end before it starts
    // («... وقال», a line opening with an ellipsis).
    if only_openers(text, start, run.start) {
        return false;
    }
    // «(...)» elision, «(!)» aside.
    if char_before(text, run.start).is_some_and(|(_, c)| is_opener(c)) {
        return false;
    }
    // A terminator followed by «،» or «:» does not end the sentence
    // («"...هل ستعود؟"، سألته»).
    if is_clause_continuation(next) {
        return false;
    }
    let plain_dots = !run.strong && !run.ellipsis;
    // «..» is a pause or a headline separator («الرئيس.. والانتخابات»), not an end; inside a
    // «…» quotation it separates full clauses («لن نتراجع.. سنبقى هنا») unless the next
    // clause is joined by a conjunction («.. والانتخابات», «.. فتراجعت»).
    if plain_dots && run.dots == 2 {
        return in_guillemets
            && run.after == run.marks_end
            && !matches!(next, 'و' | 'ف')
            && is_arabic_letter(next);
    }
    let glued = next_pos == run.after;
    let closed = run.after > run.marks_end;
    if glued {
        return glued_boundary(text, run, next, plain_dots && run.dots == 1 && !closed);
    }
    // An abbreviation's dot stays one even inside brackets («(أ.ف.ب.) إن»).
    if plain_dots && run.dots == 1 {
        let bracket_only = text[run.marks_end..run.after]
            .chars()
            .all(|c| matches!(c, ')' | ']' | '}'));
        if (!closed || bracket_only) && dot_is_abbreviation(text, start, run.start) {
            return false;
        }
        if !closed {
            return true;
        }
    }
    if run.ellipsis || (plain_dots && run.dots >= 3) {
        return !ellipsis_continues(text, next_pos, end);
    }
    if run.strong && !closed {
        let w = word_at(text, next_pos, end);
        return !lexicon::continuations().after_question.contains(&w);
    }
    true
}

/// The folded word starting at `i`.
fn word_at(text: &str, i: usize, end: usize) -> String {
    text[i..end]
        .chars()
        .take_while(|c| crate::chars::is_letter(*c) || is_arabic_mark(*c))
        .filter_map(crate::chars::fold)
        .collect()
}

/// A subheading flattened into the running text right after a sentence end: at most three
/// words without punctuation (five when a no-break space run follows them, the trace of
/// the lost line break), followed by a sentence opener of `data/sentence_openers.txt`.
/// Returns the end of the heading.
fn run_in_heading(text: &str, from: usize, end: usize, word: &mut String) -> Option<usize> {
    let lex = lexicon::openers();
    let mut words = 0;
    let mut i = from;
    let s = &text[..end];
    // Skip the space after the previous sentence; a heading never crosses a line break.
    while i < end && is_space(char_at(s, i)) {
        if is_line_break(char_at(s, i)) {
            return None;
        }
        i += char_at(s, i).len_utf8();
    }
    // A subheading marker («* ») may open the heading.
    let marked = s[i..].starts_with('*');
    while i < end && (char_at(s, i) == '*' || (marked && is_space(char_at(s, i)))) {
        if is_line_break(char_at(s, i)) {
            return None;
        }
        i += char_at(s, i).len_utf8();
    }
    loop {
        // One word: letters, marks and quotation marks only.
        let w_start = i;
        word.clear();
        while i < end {
            let c = char_at(s, i);
            if is_letter(c) || is_arabic_mark(c) {
                word.extend(crate::chars::fold(c));
            } else if !matches!(c, '"' | '«' | '»' | '“' | '”') {
                break;
            }
            i += c.len_utf8();
        }
        if i == w_start || word.is_empty() {
            return None;
        }
        if lex.not_heading.iter().any(|w| w == word) {
            return None;
        }
        words += 1;
        let w_end = i;
        // The gap after the word.
        let mut gap = 0;
        let mut nbsp = false;
        while i < end && is_space(char_at(s, i)) {
            let c = char_at(s, i);
            gap += 1;
            nbsp |= crate::chars::is_nbsp_like(c);
            if is_line_break(c) {
                return None;
            }
            i += c.len_utf8();
        }
        if gap == 0 || i >= end {
            return None;
        }
        if nbsp && gap >= 2 && words <= 5 {
            return Some(w_end);
        }
        if words <= 3 && is_opener_word(s, i, &lex.openers, word) {
            return Some(w_end);
        }
        if words >= 5 {
            return None;
        }
    }
}

fn is_opener_word(s: &str, i: usize, openers: &[String], word: &mut String) -> bool {
    word.clear();
    word.extend(
        s[i..]
            .chars()
            .take_while(|c| crate::chars::is_letter(*c) || is_arabic_mark(*c))
            .filter_map(crate::chars::fold),
    );
    let word = word.as_str();
    openers.iter().any(|o| {
        word == o
            || (word.len() == o.len() + 'ت'.len_utf8()
                && word.starts_with(o.as_str())
                && word.ends_with('ت'))
    })
}

/// A terminator with no space after it: `انتهى.وقال` is a boundary; decimals, times,
/// dates, versions, URLs, e-mails, `د.منير` and `ق.م` are not.
fn glued_boundary(text: &str, run: &Run, next: char, single_dot: bool) -> bool {
    let quote = |c: char| is_closer(c) || matches!(c, '«' | '‹');
    if is_digit(next) || !(is_arabic_letter(next) || is_opener(next) || quote(next)) {
        // A digit (2.5, 17.00, 5.12.2025), a Latin letter or symbol (bbc.com, a@b.org,
        // ?id=3): part of one token.
        return false;
    }
    if !single_dot {
        return true;
    }
    // The word before the dot must be a word, not an initial or abbreviation, and the word
    // after it must not be one either (ق.م، ص.ب).
    let prev = letters_before(text, run.start);
    let after_number =
        prev.letters == 0 && char_before(text, run.start).is_some_and(|(_, c)| is_digit(c));
    if (prev.letters <= 1 && !after_number)
        || is_listed_abbreviation(text, prev.token_start, run.start)
    {
        return false;
    }
    // The next word, after any opening quote or bracket.
    let word_start = run.after
        + text[run.after..]
            .chars()
            .take_while(|c| quote(*c) || is_opener(*c))
            .map(char::len_utf8)
            .sum::<usize>();
    let next_letters = letters_after(text, word_start);
    if next_letters <= 1 {
        return false;
    }
    // A site name with an Arabic domain ending («العربية.نت»).
    let next_word = word_at(text, word_start, text.len());
    !lexicon::domain_suffixes().contains(&next_word)
}

/// Longest word the backward scans look at.
const MAX_WORD_CHARS: usize = 48;
/// Longest dotted abbreviation («أ.د», «ج.م.ع», «U.S.A») the backward scan extends over.
const MAX_ABBREVIATION_CHARS: usize = 12;

struct PrevWord {
    /// Letters in the word directly before the terminator (marks not counted).
    letters: usize,
    /// Start of the whole dotted token («أ.د» in «أ.د.»).
    token_start: usize,
    /// Start of the word itself.
    word_start: usize,
}

/// The word that ends at `i`, counting letters and skipping diacritics and tatweel.
fn letters_before(text: &str, i: usize) -> PrevWord {
    let mut letters = 0;
    let mut word_start = i;
    // Bounded walks keep the scan linear on pathological input («ب.ب.ب.ب…», endless
    // words): a word longer than this is simply a long word, and no abbreviation is.
    for (k, c) in text[..i].char_indices().rev().take(MAX_WORD_CHARS) {
        if is_letter(c) {
            letters += 1;
        } else if !is_arabic_mark(c) {
            break;
        }
        word_start = k;
    }
    // Extend over a dotted abbreviation made of letters and dots (أ.د، ق.م، U.S).
    let mut token_start = word_start;
    for (k, c) in text[..word_start]
        .char_indices()
        .rev()
        .take(MAX_ABBREVIATION_CHARS)
    {
        if c == '.' || is_letter(c) || is_arabic_mark(c) {
            token_start = k;
        } else {
            break;
        }
    }
    while token_start < word_start && text[token_start..].starts_with('.') {
        token_start += 1;
    }
    PrevWord {
        letters,
        token_start,
        word_start,
    }
}

/// Letters of the word starting at `i` before a non-letter.
fn letters_after(text: &str, i: usize) -> usize {
    let mut n = 0;
    for c in text[i..].chars() {
        if is_letter(c) {
            n += 1;
        } else if !is_arabic_mark(c) {
            break;
        }
    }
    n
}

fn is_listed_abbreviation(text: &str, from: usize, to: usize) -> bool {
    if from >= to {
        return false;
    }
    let token = crate::chars::folded(&text[from..to]);
    lexicon::abbreviations().contains(&token)
}

/// Whether the single full stop at `dot` (followed by a space) closes an abbreviation or
/// an initial rather than the sentence.
fn dot_is_abbreviation(text: &str, sentence_start: usize, dot: usize) -> bool {
    let prev = letters_before(text, dot);
    if prev.letters == 0 {
        // A number: «1.» opening a line is a list number.
        let mut k = dot;
        let mut digits = 0;
        while let Some((p, c)) = char_before(text, k) {
            if is_digit(c) {
                digits += 1;
                k = p;
            } else {
                break;
            }
        }
        return digits > 0
            && digits <= 3
            && text[sentence_start..k]
                .chars()
                .all(|c| is_space(c) || is_opener(c));
    }
    if is_listed_abbreviation(text, prev.token_start, dot) {
        return true;
    }
    if prev.letters > 1 {
        return false;
    }
    // One letter: an initial («د. أحمد», «أحمد ز. أمين») unless it is a unit written after
    // a numeral («2014م.», «656 م د.», «300 ق.م.»), which may end the sentence.
    !after_numeral(text, prev.token_start)
}

/// Whether the token starting at `i` follows a numeral (glued, or after a space, possibly
/// with one one-letter unit in between: «656 م د»).
fn after_numeral(text: &str, i: usize) -> bool {
    let Some((p, c)) = char_before(text, i) else {
        return false;
    };
    if is_digit(c) {
        return true;
    }
    if !is_space(c) {
        return false;
    }
    // Previous token.
    let mut k = p;
    while let Some((q, d)) = char_before(text, k) {
        if is_space(d) {
            k = q;
        } else {
            break;
        }
    }
    match char_before(text, k) {
        Some((_, d)) if is_digit(d) => true,
        Some((_, d)) if is_letter(d) => {
            let w = letters_before(text, k);
            w.letters == 1
                && w.word_start == w.token_start
                && after_numeral_glued(text, w.word_start)
        }
        _ => false,
    }
}

/// The one-letter token at `i` follows a numeral directly or after spaces.
fn after_numeral_glued(text: &str, i: usize) -> bool {
    let mut k = i;
    while let Some((q, d)) = char_before(text, k) {
        if is_space(d) {
            k = q;
        } else {
            return is_digit(d);
        }
    }
    false
}

/// Whether the text after a mid-sentence ellipsis visibly continues the same sentence: the
/// next word is a preposition or connective (`data/continuations.txt`) or a lower-case
/// Latin word. Otherwise the ellipsis ends the sentence, as «…» usually does.
fn ellipsis_continues(text: &str, next_pos: usize, end: usize) -> bool {
    let c = char_at(text, next_pos);
    if c.is_lowercase() {
        return true;
    }
    let w = word_at(text, next_pos, end);
    lexicon::continuations().after_ellipsis.contains(&w)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(text: &str) -> Vec<&str> {
        let mut out = Vec::new();
        split_prose(text, 0..text.len(), &mut |r| out.push(r));
        out.into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn full_stop_question_and_exclamation_end_sentences() {
        assert_eq!(
            split("وصل الوفد. هل يتفقون؟ نعم! انتهى"),
            ["وصل الوفد.", "هل يتفقون؟", "نعم!", "انتهى"]
        );
    }

    #[test]
    fn runs_of_terminators_stay_together() {
        assert_eq!(
            split("حقا؟! لا أصدق!! ثم ماذا"),
            ["حقا؟!", "لا أصدق!!", "ثم ماذا"]
        );
    }

    #[test]
    fn abbreviation_dal_dot_does_not_end_sentence() {
        assert_eq!(
            split("وقال د. سامي الخطيب إن الخطة جاهزة. وأضاف أنها تبدأ غدا."),
            [
                "وقال د. سامي الخطيب إن الخطة جاهزة.",
                "وأضاف أنها تبدأ غدا."
            ]
        );
    }

    #[test]
    fn glued_dal_dot_before_name_does_not_end_sentence() {
        assert_eq!(
            split("كتب د.منير عبد الله مقالا."),
            ["كتب د.منير عبد الله مقالا."]
        );
    }

    #[test]
    fn professor_doctor_abbreviation_is_not_a_boundary() {
        assert_eq!(
            split("حاضر أ.د. نبيل فهمي أمس."),
            ["حاضر أ.د. نبيل فهمي أمس."]
        );
    }

    #[test]
    fn single_letter_initials_do_not_end_sentences() {
        for l in ["ث", "ر", "ز", "س", "ش", "ط", "ظ", "م"] {
            let t = format!("وصل كريم {l}. حداد إلى المطار. ثم غادر.");
            assert_eq!(split(&t).len(), 2, "{t}");
        }
    }

    #[test]
    fn bc_and_po_box_abbreviations_are_not_boundaries() {
        assert_eq!(
            split("بني المعبد عام 700 ق.م تقريبا."),
            ["بني المعبد عام 700 ق.م تقريبا."]
        );
        assert_eq!(split("العنوان ص.ب 1234 عمان."), ["العنوان ص.ب 1234 عمان."]);
    }

    #[test]
    fn unit_abbreviation_after_numeral_can_end_sentence() {
        assert_eq!(
            split("بلغت الصادرات 5ر420 م د. وبين التقرير أن الواردات تراجعت."),
            [
                "بلغت الصادرات 5ر420 م د.",
                "وبين التقرير أن الواردات تراجعت."
            ]
        );
        assert_eq!(
            split("تأسست سنة 1950م. وتوسعت لاحقا."),
            ["تأسست سنة 1950م.", "وتوسعت لاحقا."]
        );
    }

    #[test]
    fn decimal_point_is_not_a_boundary() {
        assert_eq!(
            split("ارتفع المؤشر 2.5 بالمائة أمس."),
            ["ارتفع المؤشر 2.5 بالمائة أمس."]
        );
        assert_eq!(split("بلغت النسبة ٢٫٥٪ فقط."), ["بلغت النسبة ٢٫٥٪ فقط."]);
    }

    #[test]
    fn times_and_dates_are_not_boundaries() {
        assert_eq!(
            split("تنطلق المباراة على الساعة 17.00 يوم 5.12.2025 بالملعب."),
            ["تنطلق المباراة على الساعة 17.00 يوم 5.12.2025 بالملعب."]
        );
    }

    #[test]
    fn urls_and_emails_are_not_boundaries() {
        assert_eq!(
            split("راسلونا على info@news.example.org أو زوروا www.example.com/ar?id=3 اليوم."),
            ["راسلونا على info@news.example.org أو زوروا www.example.com/ar?id=3 اليوم."]
        );
    }

    #[test]
    fn missing_space_after_full_stop_is_a_boundary() {
        assert_eq!(
            split("انتهى الاجتماع.وقال الوزير إنه راض."),
            ["انتهى الاجتماع.", "وقال الوزير إنه راض."]
        );
    }

    #[test]
    fn missing_space_after_number_and_full_stop_is_a_boundary() {
        assert_eq!(
            split("تأسس النادي عام 1920.وفاز بالدوري"),
            ["تأسس النادي عام 1920.", "وفاز بالدوري"]
        );
    }

    #[test]
    fn latin_initials_are_not_boundaries() {
        assert_eq!(
            split("أعلن الجيش الأمريكي U.S. Army عن التدريبات. وبدأت أمس."),
            ["أعلن الجيش الأمريكي U.S. Army عن التدريبات.", "وبدأت أمس."]
        );
    }

    #[test]
    fn version_numbers_are_not_boundaries() {
        assert_eq!(
            split("صدر الإصدار 2.1.3 من التطبيق."),
            ["صدر الإصدار 2.1.3 من التطبيق."]
        );
    }

    #[test]
    fn tunisian_decimal_is_not_a_boundary() {
        assert_eq!(
            split("بلغ العجز 7ر2 مليار دينار. وتراجعت الصادرات."),
            ["بلغ العجز 7ر2 مليار دينار.", "وتراجعت الصادرات."]
        );
    }

    #[test]
    fn hijri_year_marker_can_end_a_sentence() {
        assert_eq!(
            split("ولد عام 1350هـ. ودرس في المدينة."),
            ["ولد عام 1350هـ.", "ودرس في المدينة."]
        );
    }

    #[test]
    fn abbreviation_inside_brackets_is_not_a_boundary() {
        assert_eq!(
            split("وذكرت الوكالة (أ.ف.ب.) أن الاجتماع انتهى."),
            ["وذكرت الوكالة (أ.ف.ب.) أن الاجتماع انتهى."]
        );
    }

    #[test]
    fn arabic_domain_name_is_not_a_boundary() {
        assert_eq!(
            split("دبي - العربية.نت: أعلنت الشركة نتائجها.وقال مديرها إنها جيدة."),
            [
                "دبي - العربية.نت: أعلنت الشركة نتائجها.",
                "وقال مديرها إنها جيدة."
            ]
        );
    }

    #[test]
    fn double_dot_is_a_pause_not_a_boundary() {
        assert_eq!(
            split("الرئيس.. والانتخابات المقبلة"),
            ["الرئيس.. والانتخابات المقبلة"]
        );
    }

    #[test]
    fn elision_in_brackets_is_not_a_boundary() {
        assert_eq!(
            split("قال إن الحرب (...) انتهت."),
            ["قال إن الحرب (...) انتهت."]
        );
    }

    #[test]
    fn closing_quote_attaches_to_its_sentence() {
        assert_eq!(
            split("وقال \"لن نتراجع.\" ثم غادر القاعة."),
            ["وقال \"لن نتراجع.\"", "ثم غادر القاعة."]
        );
        assert_eq!(
            split("وسأل «هل تشارك؟». فأجاب بالنفي."),
            ["وسأل «هل تشارك؟».", "فأجاب بالنفي."]
        );
        assert_eq!(
            split("سألته: ”هل توافق؟“. فرفض."),
            ["سألته: ”هل توافق؟“.", "فرفض."]
        );
    }

    #[test]
    fn opening_guillemet_after_a_stop_starts_the_next_sentence() {
        assert_eq!(
            split("انتهى الاجتماع.«سنعود» قال الوزير."),
            ["انتهى الاجتماع.", "«سنعود» قال الوزير."]
        );
    }

    #[test]
    fn terminator_before_comma_is_not_a_boundary() {
        assert_eq!(
            split("\"هل ستعود غدا؟\"، هكذا سألته أمه."),
            ["\"هل ستعود غدا؟\"، هكذا سألته أمه."]
        );
    }

    #[test]
    fn colon_and_arabic_comma_do_not_end_sentences() {
        assert_eq!(
            split("قال الوزير: \"سنبدأ غدا\"، وأضاف أن الخطة جاهزة؛ لكنها مكلفة."),
            ["قال الوزير: \"سنبدأ غدا\"، وأضاف أن الخطة جاهزة؛ لكنها مكلفة."]
        );
    }

    #[test]
    fn unclosed_quote_does_not_suppress_boundaries() {
        assert_eq!(
            split("وقال \"سنواصل العمل. ولن نتوقف. غادر الوفد."),
            ["وقال \"سنواصل العمل.", "ولن نتوقف.", "غادر الوفد."]
        );
    }

    #[test]
    fn sentence_inside_multi_sentence_quotation_is_split() {
        assert_eq!(
            split("وأضاف: \"الوضع صعب. لكننا سنصمد.\""),
            ["وأضاف: \"الوضع صعب.", "لكننا سنصمد.\""]
        );
    }

    #[test]
    fn line_break_is_a_boundary_without_punctuation() {
        assert_eq!(
            split("عنوان بلا نقطة\nنص الخبر."),
            ["عنوان بلا نقطة", "نص الخبر."]
        );
    }

    #[test]
    fn ellipsis_then_new_sentence_is_a_boundary() {
        assert_eq!(split("وانتظر طويلا… ثم رحل."), ["وانتظر طويلا…", "ثم رحل."]);
    }

    #[test]
    fn double_dot_between_clauses_of_a_guillemet_quotation_is_a_boundary() {
        assert_eq!(
            split("قال الوزير: «لن نتراجع.. سنبقى هنا.. ونعمل مع الجميع»."),
            ["قال الوزير: «لن نتراجع..", "سنبقى هنا.. ونعمل مع الجميع»."]
        );
    }

    #[test]
    fn run_in_subheading_is_its_own_sentence() {
        assert_eq!(
            split("غادر الوفد العاصمة مساء أمس. مفاوضات صعبة وقال مصدر إن الجولة فشلت."),
            [
                "غادر الوفد العاصمة مساء أمس.",
                "مفاوضات صعبة",
                "وقال مصدر إن الجولة فشلت."
            ]
        );
    }

    #[test]
    fn spaced_asterisk_starts_a_new_sentence() {
        assert_eq!(
            split("نقلا عن الوكالة ** المقالات تعبر عن رأي كاتبها."),
            ["نقلا عن الوكالة", "** المقالات تعبر عن رأي كاتبها."]
        );
        assert_eq!(split("سعر السهم*"), ["سعر السهم*"]);
    }

    #[test]
    fn starred_run_in_heading_is_its_own_sentence() {
        assert_eq!(
            split("انتهت الجولة. * خلفيات الاتفاق وقال مسؤول إن العمل مستمر."),
            [
                "انتهت الجولة.",
                "* خلفيات الاتفاق",
                "وقال مسؤول إن العمل مستمر."
            ]
        );
    }

    #[test]
    fn verb_chain_before_opener_is_not_a_heading() {
        assert_eq!(
            split("انتهى اللقاء. ثم عاد وقال إنه متفائل."),
            ["انتهى اللقاء.", "ثم عاد وقال إنه متفائل."]
        );
    }

    #[test]
    fn ellipsis_before_preposition_continues_the_sentence() {
        assert_eq!(
            split("كان الوضع صعبا... في البداية على الأقل."),
            ["كان الوضع صعبا... في البداية على الأقل."]
        );
    }

    #[test]
    fn question_followed_by_alternative_continues() {
        assert_eq!(
            split("هل يعود الوفد غدا؟ أو بعد أسبوع؟ لا أحد يعرف."),
            ["هل يعود الوفد غدا؟ أو بعد أسبوع؟", "لا أحد يعرف."]
        );
    }

    #[test]
    fn list_number_is_not_a_sentence() {
        assert_eq!(
            split("1. يمنع الوقوف أمام الملعب."),
            ["1. يمنع الوقوف أمام الملعب."]
        );
    }

    #[test]
    fn tatweel_and_diacritics_stay_inside_words() {
        assert_eq!(split("قــال الوزيرُ. وعَادَ."), ["قــال الوزيرُ.", "وعَادَ."]);
    }
}
