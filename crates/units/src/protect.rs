//! Protected-span detection: what must reach the translation unchanged.
//!
//! One linear pass over the whitespace-separated words of a range. Each word, stripped
//! of surrounding punctuation, is classified by small rules in a fixed order (URL,
//! e-mail, handle, hashtag, date, number with unit, code, Latin); adjacent Latin words
//! merge into one span so a name like «Future Fighters» becomes one placeholder.

use std::ops::Range;

use crate::{ProtectedKind, Protections};

/// A stretch of the original text that must reach the translation unchanged.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProtectedSpan {
    /// What it is.
    pub kind: ProtectedKind,
    /// Byte range of the original text.
    pub span: Range<usize>,
}

/// Unit words and symbols that make a number a «number with unit».
///
/// Only language-neutral units are listed: symbols and Latin abbreviations read the
/// same in every target language, so the whole «50 km» can pass through MT untouched.
/// Arabic unit words (كم، متر، مليون، دولار، بالمئة …) are deliberately absent: they
/// must be translated, and a bare number is something MT copies reliably on its own.
const UNITS: &[&str] = &[
    // percent, Latin and Arabic signs
    "%", "٪", "‰", // length, area, volume
    "mm", "cm", "m", "km", "km2", "km²", "m2", "m²", "m3", "m³", "mi", "ft", "in",
    // mass
    "mg", "g", "kg", "t", // time and frequency
    "ms", "s", "min", "h", "Hz", "kHz", "MHz", "GHz", // energy, power, data
    "W", "kW", "MW", "GW", "kWh", "MWh", "GWh", "TWh", "KB", "MB", "GB", "TB",
    // temperature and speed
    "°C", "°F", "°", "km/h", "mph",
    // currency codes (ISO 4217) as written after an amount
    "USD", "EUR", "GBP", "EGP", "SAR", "AED", "QAR", "KWD", "JOD", "LBP", "MAD", "TND", "DZD",
    "IQD", "SYP", "TRY", "RUB", "CNY", "JPY",
];

/// Currency symbols written before (or after) an amount.
const CURRENCY_SYMBOLS: &[char] = &['$', '€', '£', '¥', '₽', '₺'];

/// Punctuation stripped from both ends of a word before it is classified.
fn is_edge_punctuation(c: char) -> bool {
    matches!(
        c,
        '"' | '\''
            | '«'
            | '»'
            | '“'
            | '”'
            | '„'
            | '‘'
            | '’'
            | '('
            | ')'
            | '['
            | ']'
            | '{'
            | '}'
            | '<'
            | '>'
            | ','
            | '.'
            | ';'
            | ':'
            | '!'
            | '?'
            | '،'
            | '؛'
            | '؟'
            | '…'
            | '*'
            | '-'
            | '–'
            | '—'
    )
}

fn is_digit(c: char) -> bool {
    c.is_ascii_digit() || ('٠'..='٩').contains(&c) || ('۰'..='۹').contains(&c)
}

fn is_latin_letter(c: char) -> bool {
    c.is_ascii_alphabetic()
        || (c.is_alphabetic() && ('\u{00C0}'..='\u{024F}').contains(&c) && c != '×' && c != '÷')
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// Finds the protected spans of `text[range]` of the kinds in `protect`, in text order,
/// never overlapping. Linear in the length of the range; `range` must lie on char
/// boundaries of `text` (it is clamped otherwise).
pub fn detect(text: &str, range: Range<usize>, protect: Protections) -> Vec<ProtectedSpan> {
    let mut found: Vec<ProtectedSpan> = Vec::new();
    if protect.is_empty() {
        return found;
    }
    let end = range.end.min(text.len());
    let start = range.start.min(end);
    let (Some(slice), true) = (text.get(start..end), text.is_char_boundary(start)) else {
        return found;
    };
    let words: Vec<Range<usize>> = words(slice)
        .map(|word| word.start + start..word.end + start)
        .collect();
    let mut index = 0;
    while index < words.len() {
        let word = trim_punctuation(text, words[index].clone());
        let next = words
            .get(index + 1)
            .map(|next| trim_punctuation(text, next.clone()));
        let (kind, span, consumed) = match classify(text, word.clone(), next) {
            Some(found) => found,
            None => {
                index += 1;
                continue;
            }
        };
        index += consumed;
        if !protect.contains(kind) || span.is_empty() {
            continue;
        }
        if let Some(last) = found.last_mut()
            && kind == ProtectedKind::Latin
            && last.kind == ProtectedKind::Latin
            && text[last.span.end..span.start]
                .chars()
                .all(|c| c == ' ' || c == '-' || c == '&')
        {
            last.span.end = span.end;
            continue;
        }
        found.push(ProtectedSpan { kind, span });
    }
    found
}

/// Byte ranges of the whitespace-separated words of `text`.
fn words(text: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    let mut start = None;
    let mut chars = text
        .char_indices()
        .chain(std::iter::once((text.len(), ' ')));
    std::iter::from_fn(move || {
        for (at, c) in chars.by_ref() {
            match (c.is_whitespace(), start) {
                (true, Some(from)) => {
                    start = None;
                    return Some(from..at);
                }
                (false, None) => start = Some(at),
                _ => {}
            }
        }
        None
    })
}

fn trim_punctuation(text: &str, mut word: Range<usize>) -> Range<usize> {
    while let Some(c) = text[word.clone()].chars().next() {
        // A leading '#', '@', '$' … belongs to the word; other punctuation does not.
        if is_edge_punctuation(c) && c != '<' {
            word.start += c.len_utf8();
        } else {
            break;
        }
    }
    word.start += proclitics(&text[word.clone()]);
    while let Some(c) = text[word.clone()].chars().next_back() {
        let w = &text[word.clone()];
        // A closing parenthesis stays when the word opened one: f(), wiki/A_(b).
        let balanced = c == ')' && w.matches('(').count() >= w.matches(')').count();
        if is_edge_punctuation(c) && !balanced {
            word.end -= c.len_utf8();
        } else {
            break;
        }
    }
    word
}

/// Length of the Arabic proclitics (و، ف، ب، ل، ك, at most two, with an optional
/// tatweel) written onto a non-Arabic token: «و#غزة», «ب50%», «وBBC».
fn proclitics(w: &str) -> usize {
    let mut length = 0;
    for (count, c) in w.chars().enumerate() {
        if count < 2 && matches!(c, 'و' | 'ف' | 'ب' | 'ل' | 'ك') {
            length += c.len_utf8();
        } else if c == '\u{0640}' && length > 0 {
            length += c.len_utf8();
            break;
        } else {
            break;
        }
    }
    match w[length..].chars().next() {
        Some(next)
            if length > 0
                && (next.is_ascii_alphanumeric()
                    || is_digit(next)
                    || matches!(next, '#' | '@')
                    || CURRENCY_SYMBOLS.contains(&next)) =>
        {
            length
        }
        _ => 0,
    }
}

/// Classifies one trimmed word; `next` is the following trimmed word (for «50 km»).
/// Returns the kind, the span and how many words were consumed.
fn classify(
    text: &str,
    word: Range<usize>,
    next: Option<Range<usize>>,
) -> Option<(ProtectedKind, Range<usize>, usize)> {
    let w = &text[word.clone()];
    if w.is_empty() {
        return None;
    }
    let lower_starts = |prefix: &str| {
        w.get(..prefix.len())
            .is_some_and(|head| head.eq_ignore_ascii_case(prefix))
    };
    if (lower_starts("http://") || lower_starts("https://") || lower_starts("www.")) && w.len() > 7
    {
        // A URL keeps a closing parenthesis only when it opened one.
        return Some((ProtectedKind::Url, word, 1));
    }
    if is_email(w) {
        return Some((ProtectedKind::Email, word, 1));
    }
    let mut chars = w.chars();
    let first = chars.next()?;
    if (first == '@' || first == '#' || first == '＃')
        && w.len() > first.len_utf8()
        && chars.clone().all(is_word_char)
    {
        let kind = if first == '@' {
            ProtectedKind::Handle
        } else {
            ProtectedKind::Hashtag
        };
        return Some((kind, word, 1));
    }
    if is_date(w) {
        return Some((ProtectedKind::Date, word, 1));
    }
    if let Some(found) = number_with_unit(text, word.clone(), next) {
        return Some(found);
    }
    if is_code(w) {
        return Some((ProtectedKind::Code, word, 1));
    }
    if w.chars().any(is_latin_letter)
        && w.chars().all(|c| {
            is_latin_letter(c) || c.is_ascii_digit() || matches!(c, '-' | '\'' | '’' | '.' | '&')
        })
    {
        return Some((ProtectedKind::Latin, word, 1));
    }
    None
}

fn is_email(w: &str) -> bool {
    let Some((local, domain)) = w.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && local
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '%' | '+' | '-'))
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && domain
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-'))
}

/// Three digit groups with one separator (5-12-2025, 2025/12/05, ٥.١٢.٢٠٢٥) or a time
/// of day (10:30).
fn is_date(w: &str) -> bool {
    let groups: Vec<&str> = w.split(['-', '/', '.']).collect();
    let separators: Vec<char> = w.chars().filter(|c| matches!(c, '-' | '/' | '.')).collect();
    let digits = |group: &str| !group.is_empty() && group.chars().all(is_digit);
    if groups.len() == 3
        && separators.windows(2).all(|pair| pair[0] == pair[1])
        && groups.iter().all(|group| digits(group))
        && groups.iter().all(|group| group.chars().count() <= 4)
        && groups.iter().any(|group| group.chars().count() >= 2)
    {
        return true;
    }
    matches!(w.split_once(':'), Some((hours, minutes))
        if digits(hours) && hours.chars().count() <= 2
            && digits(minutes) && minutes.chars().count() == 2)
}

/// Length in bytes of the number at the start of `w` (digits with inner separators).
fn number_prefix(w: &str) -> usize {
    let mut end = 0;
    let mut last_digit = 0;
    for (at, c) in w.char_indices() {
        if is_digit(c) {
            end = at + c.len_utf8();
            last_digit = end;
        } else if matches!(c, '.' | ',' | '٫' | '٬') && end > 0 {
            end = at + c.len_utf8();
        } else {
            break;
        }
    }
    last_digit
}

fn number_with_unit(
    text: &str,
    word: Range<usize>,
    next: Option<Range<usize>>,
) -> Option<(ProtectedKind, Range<usize>, usize)> {
    let w = &text[word.clone()];
    let kind = ProtectedKind::NumberWithUnit;
    // $50, US$50, €3.5
    if let Some(amount) = w
        .strip_prefix("US")
        .unwrap_or(w)
        .strip_prefix(CURRENCY_SYMBOLS)
    {
        let number = number_prefix(amount);
        if number > 0 && number == amount.len() {
            return Some((kind, word, 1));
        }
        return None;
    }
    let number = number_prefix(w);
    if number == 0 {
        return None;
    }
    let rest = &w[number..];
    // 50km, 20%, ٥٠٪, 30$
    if !rest.is_empty() {
        let symbol = rest.len() == rest.chars().next().map_or(0, char::len_utf8)
            && rest.starts_with(CURRENCY_SYMBOLS);
        return (UNITS.contains(&rest) || symbol).then_some((kind, word, 1));
    }
    // 50 km, 20 %
    let next = next?;
    let between = &text[word.end..next.start];
    let unit = &text[next.clone()];
    if between
        .chars()
        .all(|c| c == ' ' || c == '\u{a0}' || c == '\u{202f}')
        && between.len() <= 2
        && (UNITS.contains(&unit)
            || (unit.chars().count() == 1 && unit.starts_with(CURRENCY_SYMBOLS)))
    {
        return Some((kind, word.start..next.end, 2));
    }
    None
}

/// Tokens that look like code: identifiers with underscores or `::`, calls, assignments,
/// paths and backquoted text.
fn is_code(w: &str) -> bool {
    if !w.is_ascii() || w.len() < 2 {
        return false;
    }
    let has_letter = w.chars().any(|c| c.is_ascii_alphabetic());
    let camel = w
        .as_bytes()
        .windows(2)
        .any(|pair| pair[0].is_ascii_lowercase() && pair[1].is_ascii_uppercase())
        && w.as_bytes()[0].is_ascii_lowercase();
    w.starts_with('`')
        || w.contains("::")
        || w.contains("()")
        || w.contains("->")
        || (has_letter
            && (w.contains('_')
                || w.contains('=')
                || w.contains('\\')
                || w.contains('/')
                || w.contains('{')
                || camel))
}
