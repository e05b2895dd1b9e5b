//! Publication dates in the forms Arabic news pages write them.
//!
//! Numeric: «03 - 11 - 2016», «03/11/2016», «2016/11/03», «2016-11-03», «5.12.2025», in
//! ASCII or Arabic-Indic digits. Textual: «5 ديسمبر 2025», «السبت 7 مارس 2020»,
//! «15 أيلول 2014», «3 كانون الثاني 2015», «12 جانفي 2016», and the double form
//! «24 سبتمبر/أيلول 2014» or «24 سبتمبر ايلول 2014». Month names come from
//! `data/months.txt`.

use std::ops::Range;

use crate::Date;
use crate::chars::{digit_value, fold, is_letter, is_space};
use crate::lexicon;

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Num(u32, usize),
    /// A word: its folded form is `folded[range]` of [`Tokens`].
    Word(Range<usize>),
    Sep(char),
}

/// Tokens of a string with their byte ranges, and the folded words they point into.
struct Tokens {
    toks: Vec<(Tok, Range<usize>)>,
    /// Every folded word followed by one space, so two consecutive words read as one
    /// two-word name without a copy.
    folded: String,
}

/// Tokens of `s` with their byte ranges: numbers, folded words, and separators
/// (`-` `/` `.` and similar); other punctuation becomes a hard separator `|`.
fn tokens(s: &str) -> Tokens {
    let mut out = Vec::new();
    let mut folded = String::new();
    let mut chars = s.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if let Some(d) = digit_value(c) {
            let mut v = d;
            let mut n = 1;
            let mut end = i + c.len_utf8();
            while let Some(&(j, c2)) = chars.peek() {
                match digit_value(c2) {
                    Some(d2) => {
                        v = v.saturating_mul(10).saturating_add(d2);
                        n += 1;
                        end = j + c2.len_utf8();
                        chars.next();
                    }
                    None => break,
                }
            }
            out.push((Tok::Num(v, n), i..end));
        } else if is_letter(c) {
            let w0 = folded.len();
            let w = &mut folded;
            w.extend(fold(c));
            let mut end = i + c.len_utf8();
            while let Some(&(j, c2)) = chars.peek() {
                if crate::chars::is_letter(c2) || crate::chars::is_arabic_mark(c2) {
                    w.extend(fold(c2));
                    end = j + c2.len_utf8();
                    chars.next();
                } else {
                    break;
                }
            }
            let w1 = folded.len();
            folded.push(' ');
            out.push((Tok::Word(w0..w1), i..end));
        } else if is_space(c) {
            continue;
        } else if matches!(c, '-' | '/' | '.' | '–' | '\\' | '_') {
            out.push((Tok::Sep(c), i..i + c.len_utf8()));
        } else {
            out.push((Tok::Sep('|'), i..i + c.len_utf8()));
        }
    }
    Tokens { toks: out, folded }
}

fn valid(year: u32, month: u32, day: u32) -> Option<Date> {
    const DAYS: [u32; 12] = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
    if !(1..=12).contains(&month) || !(1800..=2200).contains(&year) {
        return None;
    }
    if day == 0 || day > DAYS[month as usize - 1] {
        return None;
    }
    let leap = (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400);
    if month == 2 && day == 29 && !leap {
        return None;
    }
    Some(Date {
        year: year as u16,
        month: month as u8,
        day: day as u8,
    })
}

/// Month number of the words starting at `toks[i]`, and how many tokens it takes.
fn month_at(tokens: &Tokens, i: usize) -> Option<(u8, usize)> {
    let months = &lexicon::months().names;
    let Tok::Word(w) = &tokens.toks.get(i)?.0 else {
        return None;
    };
    if let Some((Tok::Word(w2), _)) = tokens.toks.get(i + 1) {
        // «w w2»: consecutive words are one space apart in `folded`.
        if let Some(m) = months.get(&tokens.folded[w.start..w2.end]) {
            return Some((*m, 2));
        }
    }
    months.get(&tokens.folded[w.clone()]).map(|m| (*m, 1))
}

/// Skips a second, equivalent month name («سبتمبر/أيلول», «سبتمبر ايلول»).
fn skip_second_month(tokens: &Tokens, mut i: usize, month: u8) -> usize {
    let toks = &tokens.toks;
    let j = if matches!(toks.get(i), Some((Tok::Sep('/' | '-'), _))) {
        i + 1
    } else {
        i
    };
    if let Some((m2, n)) = month_at(tokens, j)
        && m2 == month
    {
        i = j + n;
    }
    i
}

/// The first date written in `s`, with its byte range in `s`.
pub(crate) fn find_date(s: &str) -> Option<(Date, Range<usize>)> {
    let tokens = tokens(s);
    for i in 0..tokens.toks.len() {
        if let Some(found) = date_at(&tokens, i) {
            return Some(found);
        }
    }
    None
}

fn date_at(tokens: &Tokens, i: usize) -> Option<(Date, Range<usize>)> {
    let toks = &tokens.toks;
    let start = toks[i].1.start;
    match &toks[i].0 {
        Tok::Num(a, na) => {
            // Numeric: a sep b sep c with the same separator.
            let num = |k: usize| match toks.get(k) {
                Some((Tok::Num(v, n), r)) => Some((*v, *n, r.end)),
                _ => None,
            };
            let sep = |k: usize| match toks.get(k) {
                Some((Tok::Sep(c), _)) if *c != '|' => Some(*c),
                _ => None,
            };
            if let (Some(s1), Some((b, _, _)), Some(s2), Some((c, nc, end))) =
                (sep(i + 1), num(i + 2), sep(i + 3), num(i + 4))
                && s1 == s2
            {
                if *na == 4 {
                    return valid(*a, b, c).map(|d| (d, start..end));
                }
                if nc == 4 {
                    return valid(c, b, *a).map(|d| (d, start..end));
                }
            }
            // Textual: day month [second month] year.
            if *na <= 2 {
                let (m, n) = month_at(tokens, i + 1)?;
                let j = skip_second_month(tokens, i + 1 + n, m);
                let j = if matches!(toks.get(j), Some((Tok::Sep(','), _) | (Tok::Sep('|'), _))) {
                    j + 1
                } else {
                    j
                };
                if let Some((Tok::Num(y, 4), r)) = toks.get(j) {
                    return valid(*y, m as u32, *a).map(|d| (d, start..r.end));
                }
            }
            None
        }
        Tok::Word(_) => {
            // Month day, year («ديسمبر 5، 2025»).
            let (m, n) = month_at(tokens, i)?;
            let j = i + n;
            if let Some((Tok::Num(d, nd), _)) = toks.get(j)
                && *nd <= 2
            {
                let mut k = j + 1;
                if matches!(toks.get(k), Some((Tok::Sep(_), _))) {
                    k += 1;
                }
                if let Some((Tok::Num(y, 4), r)) = toks.get(k) {
                    return valid(*y, m as u32, *d).map(|dt| (dt, start..r.end));
                }
            }
            None
        }
        Tok::Sep(_) => None,
    }
}

/// Words that may surround a date on a date line: «يوم», «في», «بتاريخ», clock times and
/// their markers («11:30 ص», «مساء», «بتوقيت غرينتش»), «آخر تحديث».
const FILLER: [&str; 16] = [
    "يوم",
    "في",
    "بتاريخ",
    "ص",
    "م",
    "صباحا",
    "مساء",
    "مساءا",
    "ظهرا",
    "gmt",
    "utc",
    "بتوقيت",
    "غرينتش",
    "جرينتش",
    "اخر",
    "تحديث",
];

/// Whether `s` is, apart from a date and weekday/filler words, empty: a date line.
pub(crate) fn is_date_line(s: &str) -> bool {
    let Some((_, r)) = find_date(s) else {
        return false;
    };
    let rest = format!("{} {}", &s[..r.start], &s[r.end..]);
    let weekdays = lexicon::weekdays();
    rest.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .filter(|w| {
            let f = crate::chars::folded(w);
            !weekdays.contains(&f)
                && !w.chars().all(crate::chars::is_digit)
                && !FILLER.contains(&f.as_str())
        })
        .count()
        <= 2
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Option<(u16, u8, u8)> {
        find_date(s).map(|(d, _)| (d.year, d.month, d.day))
    }

    #[test]
    fn dateline_date_is_parsed_to_iso() {
        assert_eq!(d("نشر في الموقع يوم 03 - 11 - 2016"), Some((2016, 11, 3)));
    }

    #[test]
    fn year_first_slash_date() {
        assert_eq!(d("2019/07/14 12:30"), Some((2019, 7, 14)));
        assert_eq!(d("2019-07-14"), Some((2019, 7, 14)));
    }

    #[test]
    fn textual_date_with_weekday() {
        assert_eq!(d("السبت 7 مارس 2020"), Some((2020, 3, 7)));
    }

    #[test]
    fn levantine_and_maghrebi_month_names() {
        assert_eq!(d("دمشق في 2 أيلول 2013"), Some((2013, 9, 2)));
        assert_eq!(d("بيروت 9 كانون الثاني 2011"), Some((2011, 1, 9)));
        assert_eq!(d("تونس 12 جانفي 2016"), Some((2016, 1, 12)));
        assert_eq!(d("الرباط 4 شتنبر 2018"), Some((2018, 9, 4)));
    }

    #[test]
    fn double_month_form() {
        assert_eq!(d("يوم 24 سبتمبر/أيلول 2014"), Some((2014, 9, 24)));
        assert_eq!(d("يوم 24 سبتمبر ايلول 2014"), Some((2014, 9, 24)));
    }

    #[test]
    fn arabic_indic_digits() {
        assert_eq!(d("٠٥ - ١٠ - ٢٠١٧"), Some((2017, 10, 5)));
        assert_eq!(d("۱۲ آب ۲۰۲۰"), Some((2020, 8, 12)));
    }

    #[test]
    fn invalid_dates_are_rejected() {
        assert_eq!(d("31 - 02 - 2014"), None);
        assert_eq!(d("يوم 45 مايو 2014"), None);
        assert_eq!(d("ارتفع 2.5 بالمائة"), None);
    }

    #[test]
    fn date_line_detection() {
        assert!(is_date_line("الخميس 13 يونيو 2019"));
        assert!(is_date_line("الخميس 13 يونيو 2019 - 11:30 ص"));
        assert!(!is_date_line(
            "وقال الوزير يوم 13 يونيو 2019 إن الخطة جاهزة"
        ));
    }
}
