//! Character classes shared by the rules. Everything works on the original text: no
//! normalized copy is made, so the classes below decide what counts as space, letter,
//! digit or mark directly on raw characters.

use std::ops::Range;

/// Whitespace as the crate understands it: Unicode `White_Space` (which covers NBSP,
/// thin and other typographic spaces and line breaks) plus the zero-width space and BOM,
/// which scraped pages scatter between words.
pub(crate) fn is_space(c: char) -> bool {
    c.is_whitespace() || matches!(c, '\u{200B}' | '\u{FEFF}')
}

/// Characters that end a line of the page layout.
pub(crate) fn is_line_break(c: char) -> bool {
    matches!(
        c,
        '\n' | '\r' | '\u{0B}' | '\u{0C}' | '\u{85}' | '\u{2028}' | '\u{2029}'
    )
}

/// No-break and fixed-width spaces: scrapers join ticker headlines with runs of them.
pub(crate) fn is_nbsp_like(c: char) -> bool {
    matches!(c, '\u{A0}' | '\u{2007}' | '\u{202F}' | '\u{2060}')
}

/// Arabic diacritics, Quranic marks and tatweel: they belong to the word they sit in.
pub(crate) fn is_arabic_mark(c: char) -> bool {
    matches!(c, '\u{0610}'..='\u{061A}' | '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{06D6}'..='\u{06ED}' | '\u{0640}')
}

/// Arabic letters (basic block, extended letters and presentation forms).
pub(crate) fn is_arabic_letter(c: char) -> bool {
    matches!(c, '\u{0620}'..='\u{063F}' | '\u{0641}'..='\u{064A}' | '\u{066E}'..='\u{066F}'
        | '\u{0671}'..='\u{06D3}' | '\u{06D5}' | '\u{06EE}'..='\u{06EF}' | '\u{06FA}'..='\u{06FC}'
        | '\u{0750}'..='\u{077F}' | '\u{08A0}'..='\u{08C9}' | '\u{FB50}'..='\u{FDFB}' | '\u{FE70}'..='\u{FEFC}')
}

/// Letters of any script, with fast paths for Arabic and ASCII (the Unicode table lookup
/// behind `char::is_alphabetic` is slow for Arabic).
#[inline]
pub(crate) fn is_letter(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphabetic()
    } else {
        is_arabic_letter(c) || (!is_arabic_mark(c) && !is_digit(c) && c.is_alphabetic())
    }
}

/// Value of an ASCII, Arabic-Indic or Extended Arabic-Indic (Persian) digit.
pub(crate) fn digit_value(c: char) -> Option<u32> {
    match c {
        '0'..='9' => Some(c as u32 - '0' as u32),
        '\u{0660}'..='\u{0669}' => Some(c as u32 - 0x0660),
        '\u{06F0}'..='\u{06F9}' => Some(c as u32 - 0x06F0),
        _ => None,
    }
}

/// Any digit of the three digit sets.
pub(crate) fn is_digit(c: char) -> bool {
    digit_value(c).is_some()
}

/// The character starting at byte `i` (which must be a char boundary).
#[inline]
pub(crate) fn char_at(text: &str, i: usize) -> char {
    text[i..].chars().next().unwrap_or('\0')
}

/// The character ending at byte `i`, with its start, if any.
#[inline]
pub(crate) fn char_before(text: &str, i: usize) -> Option<(usize, char)> {
    text[..i].char_indices().next_back()
}

/// `range` without surrounding whitespace; `None` when nothing is left.
pub(crate) fn trim_range(text: &str, range: Range<usize>) -> Option<Range<usize>> {
    let s = &text[range.clone()];
    let lead = s.len() - s.trim_start_matches(is_space).len();
    let rest = &s[lead..];
    let kept = rest.trim_end_matches(is_space).len();
    if kept == 0 {
        None
    } else {
        Some(range.start + lead..range.start + lead + kept)
    }
}

/// Number of words (maximal runs of non-space characters) in `s`, counted up to `cap + 1`:
/// callers only compare with small limits, so long paragraphs stop early.
pub(crate) fn word_count_upto(s: &str, cap: usize) -> usize {
    let mut n = 0;
    let mut in_word = false;
    let bytes = s.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        // Fast paths on the lead byte: ASCII, and two-byte characters from U+00C0 on
        // (Latin, Greek, Cyrillic, Hebrew, Arabic …: no spaces among them; U+0085 and U+00A0
        // have the lead byte C2). Everything else through the Unicode class.
        let b = bytes[i];
        let space = if b < 0x80 {
            i += 1;
            b.is_ascii_whitespace() || b == 0x0B
        } else if (0xC3..=0xDF).contains(&b) {
            i += 2;
            false
        } else {
            let Some(c) = s[i..].chars().next() else {
                break;
            };
            i += c.len_utf8();
            is_space(c)
        };
        if space {
            in_word = false;
        } else if !in_word {
            in_word = true;
            n += 1;
            if n > cap {
                return n;
            }
        }
    }
    n
}

/// Number of words in `s`, counted up to 64 (enough for every layout rule).
pub(crate) fn word_count(s: &str) -> usize {
    word_count_upto(s, 64)
}

/// Folds a character for lexicon matching (diacritics and tatweel dropped, letter variants
/// unified, Latin lower-cased).
pub(crate) fn fold(c: char) -> Option<char> {
    // Fast path for the letters the fold leaves alone (most of them): ASCII and the Arabic
    // letters other than the alef, yeh and teh-marbuta variants.
    if c.is_ascii() {
        return Some(c.to_ascii_lowercase());
    }
    if matches!(c, '\u{0628}' | '\u{062A}'..='\u{063A}' | '\u{0641}'..='\u{0648}' | '\u{064A}') {
        return Some(c);
    }
    let c = arabic_text::fold_for_matching(c)?;
    if c.is_ascii_uppercase() {
        Some(c.to_ascii_lowercase())
    } else {
        Some(c)
    }
}

/// Appends the folded form of `s` to `out`, with every whitespace run made one space.
pub(crate) fn fold_into(s: &str, out: &mut String) {
    let mut space = out.ends_with(' ') || out.is_empty();
    for c in s.chars() {
        if is_space(c) {
            if !space {
                out.push(' ');
                space = true;
            }
        } else if let Some(f) = fold(c) {
            out.push(f);
            space = false;
        }
    }
}

/// The folded form of `s` (see [`fold_into`]), trimmed.
pub(crate) fn folded(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    fold_into(s, &mut out);
    while out.ends_with(' ') {
        out.pop();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Spaces, Arabic, Latin and multi-byte characters mixed.
    fn mixed() -> impl Strategy<Value = String> {
        proptest::collection::vec(
            prop_oneof![
                Just(' '),
                Just('\u{0B}'),
                Just('\n'),
                Just('\u{85}'),
                Just('\u{A0}'),
                Just('\u{2009}'),
                Just('\u{2028}'),
                Just('\u{200B}'),
                Just('\u{FEFF}'),
                Just('\u{3000}'),
                proptest::char::range('\u{0600}', '\u{06FF}'),
                any::<char>(),
            ],
            0..40,
        )
        .prop_map(|chars| chars.into_iter().collect())
    }

    proptest! {
        /// The byte fast paths count as the char-by-char definition does.
        #[test]
        fn word_count_agrees_with_chars(s in mixed(), cap in 0usize..20) {
            let mut n = 0;
            let mut in_word = false;
            for c in s.chars() {
                if is_space(c) {
                    in_word = false;
                } else if !in_word {
                    in_word = true;
                    n += 1;
                    if n > cap {
                        break;
                    }
                }
            }
            prop_assert_eq!(word_count_upto(&s, cap), n);
        }
    }

    #[test]
    fn nbsp_and_thin_space_are_whitespace() {
        assert!(is_space('\u{A0}'));
        assert!(is_space('\u{2009}'));
        assert!(is_space('\u{200B}'));
        assert!(!is_space('\u{0640}'));
    }

    #[test]
    fn trim_range_strips_unicode_spaces() {
        let t = "\u{A0} كلمة\u{2009}";
        let r = trim_range(t, 0..t.len()).unwrap();
        assert_eq!(&t[r], "كلمة");
        assert_eq!(trim_range(" \u{A0} ", 0..4), None);
    }

    #[test]
    fn arabic_indic_digits_have_values() {
        assert_eq!(digit_value('٢'), Some(2));
        assert_eq!(digit_value('۹'), Some(9));
        assert_eq!(digit_value('x'), None);
    }
}
