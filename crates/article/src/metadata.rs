//! Article metadata: title, outlet, publication date, dateline place and agency.

use std::ops::Range;

use crate::chars::{char_at, is_digit, is_space, trim_range, word_count};
use crate::dates;
use crate::lexicon;
use crate::{Block, BlockKind, Metadata};

/// Words that end the outlet name in «نشر في <outlet> يوم/بتاريخ/في <date>».
const OUTLET_END: [&str; 4] = ["يوم", "بتاريخ", "في", "بتوقيت"];

/// Reads the metadata from the classified blocks.
pub(crate) fn extract(text: &str, blocks: &[Block]) -> Metadata {
    let mut md = Metadata::default();
    if let Some(b) = blocks.iter().find(|b| b.kind == BlockKind::Title) {
        md.title = Some(b.span.clone());
    }
    // Datelines and bylines around the title: the first one holding a date gives the
    // publication date (and is the reported dateline); the first naming an outlet gives
    // the outlet.
    for b in blocks.iter().filter(|b| b.kind == BlockKind::Dateline) {
        let s = &text[b.span.clone()];
        if md.published.is_none() {
            md.published = dates::find_date(s).map(|(d, _)| d);
            if md.published.is_some() || md.dateline.is_none() {
                md.dateline = Some(b.span.clone());
            }
        }
        if md.outlet.is_none() {
            md.outlet = outlet(s);
        }
    }
    // An inline dateline opening one of the first paragraphs («هراري 15 - 7 (اف ب) -»).
    if let Some(d) = blocks
        .iter()
        .filter(|b| b.kind == BlockKind::Paragraph)
        .take(2)
        .find_map(|b| inline_dateline(text, b.span.clone()))
    {
        if md.dateline.is_none() {
            md.dateline = Some(d.span.clone());
        }
        md.place = d.place;
        md.agency = Some(d.agency);
        if md.published.is_none() {
            md.published = dates::find_date(&text[d.span]).map(|(d, _)| d);
        }
    }
    md
}

/// The outlet named in «نشر في <outlet> يوم …».
fn outlet(s: &str) -> Option<String> {
    let rest = s.trim_start();
    let rest = rest
        .strip_prefix("نشر في")
        .or_else(|| rest.strip_prefix("نُشر في"))?
        .trim_start_matches(is_space);
    let mut end = rest.len();
    let mut pos = 0;
    for w in rest.split(is_space) {
        let f = crate::chars::folded(w);
        if OUTLET_END.contains(&f.as_str())
            || w.starts_with(is_digit)
            || w.starts_with(['،', ',', '-', '|'])
        {
            end = pos;
            break;
        }
        pos += w.len()
            + rest[pos + w.len()..]
                .chars()
                .next()
                .map_or(0, char::len_utf8);
    }
    let name = rest[..end.min(rest.len())]
        .trim_matches(|c: char| is_space(c) || matches!(c, '،' | ',' | '-'));
    (!name.is_empty()).then(|| name.to_string())
}

struct InlineDateline {
    span: Range<usize>,
    place: Option<Range<usize>>,
    agency: Range<usize>,
}

/// «<place> [<date>] (<agency>) -» at the start of a paragraph.
fn inline_dateline(text: &str, para: Range<usize>) -> Option<InlineDateline> {
    bracketed_dateline(text, para.clone()).or_else(|| dashed_dateline(text, para))
}

/// «<place> [<date>] (<agency>) -».
fn bracketed_dateline(text: &str, para: Range<usize>) -> Option<InlineDateline> {
    let s = &text[para.clone()];
    // Look only at the opening of the paragraph.
    let window = s.char_indices().nth(80).map_or(s.len(), |(i, _)| i);
    let open = s[..window].find('(')?;
    let close = open + s[open..window].find(')')?;
    let after = s[close + 1..].trim_start_matches(is_space);
    if !after.starts_with(DASHES) {
        return None;
    }
    let dash_end = close + 1 + (s[close + 1..].len() - after.len()) + dashes_len(after);
    let inner = para.start + open + 1..para.start + close;
    let agency = trim_range(text, inner)?;
    let known = is_agency(&text[agency.clone()]);
    if !known && word_count(&text[agency.clone()]) > 3 {
        return None;
    }
    let head = &s[..open];
    let place = place_of(text, para.start, head);
    if (!known && place.is_none()) || word_count(head) > 8 || char_at(s, 0) == '(' {
        return None;
    }
    Some(InlineDateline {
        span: para.start..para.start + dash_end,
        place,
        agency,
    })
}

/// «<place> [<date>] - <agency> - <story>», with a known agency.
fn dashed_dateline(text: &str, para: Range<usize>) -> Option<InlineDateline> {
    let s = &text[para.clone()];
    let window = s.char_indices().nth(60).map_or(s.len(), |(i, _)| i);
    // The dash after the place (skipping dashes inside a numeric date «15 - 7»).
    let mut from = 0;
    let first = loop {
        let k = from + s[from..window].find(['-', '–', '—'])?;
        let before = s[..k].trim_end_matches(is_space);
        let after = s[k..]
            .trim_start_matches(DASHES)
            .trim_start_matches(is_space);
        let numeric = before.ends_with(is_digit) && after.starts_with(is_digit);
        if !numeric {
            break k;
        }
        from = k + char_at(s, k).len_utf8();
    };
    let rest_start = first + dashes_len(&s[first..]);
    let rest = &s[rest_start..];
    // The agency is closed by a second dash and the story follows («بيروت - رويترز - قال»);
    // a bare «<name> - وكالات» line is a source credit, not a dateline.
    let k = rest.find(['-', '–', '—']).filter(|&k| k <= 40)?;
    let (agency_end, span_end) = (rest_start + k, rest_start + k + dashes_len(&rest[k..]));
    if s[span_end..].trim_matches(is_space).is_empty() {
        return None;
    }
    let agency = trim_range(text, para.start + rest_start..para.start + agency_end)?;
    if !is_agency(&text[agency.clone()]) {
        return None;
    }
    let head = &s[..first];
    if word_count(head) > 6 || head.trim_matches(is_space).is_empty() {
        return None;
    }
    Some(InlineDateline {
        span: para.start..para.start + span_end,
        place: place_of(text, para.start, head),
        agency,
    })
}

const DASHES: [char; 4] = ['-', '–', '—', ':'];

fn dashes_len(s: &str) -> usize {
    s.chars()
        .take_while(|c| DASHES.contains(c))
        .map(char::len_utf8)
        .sum()
}

fn is_agency(s: &str) -> bool {
    lexicon::agencies().contains(&lexicon::compact(s))
}

/// The place: the words before the date, up to a comma, at most four words.
fn place_of(text: &str, base: usize, head: &str) -> Option<Range<usize>> {
    let end = head
        .find(|c: char| is_digit(c) || c == '،' || c == ',')
        .unwrap_or(head.len());
    trim_range(text, base..base + end).filter(|r| word_count(&text[r.clone()]) <= 4)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::structure;

    #[test]
    fn outlet_from_published_in_line() {
        assert_eq!(
            outlet("نشر في الشروق يوم 03 - 11 - 2016").as_deref(),
            Some("الشروق")
        );
        assert_eq!(
            outlet("نشر في وكالة الأنباء بتاريخ 2016/11/03").as_deref(),
            Some("وكالة الأنباء")
        );
    }

    #[test]
    fn inline_dateline_gives_place_and_agency() {
        let t = "فيضانات في الجنوب\nنيروبي 12 - 4 (اف ب) - قتل عشرة أشخاص في فيضانات. وأعلنت السلطات الطوارئ.";
        let b = structure::blocks(t);
        let md = extract(t, &b);
        assert_eq!(&t[md.place.unwrap()], "نيروبي");
        assert_eq!(&t[md.agency.unwrap()], "اف ب");
    }

    #[test]
    fn dashed_dateline_with_known_agency() {
        let t = "عنوان\nبيروت - رويترز - أعلن الجيش أمس انتهاء العملية. وقال إنها نجحت.";
        let md = extract(t, &structure::blocks(t));
        assert_eq!(&t[md.place.unwrap()], "بيروت");
        assert_eq!(&t[md.agency.unwrap()], "رويترز");
        let t = "عنوان\nعمان 3 - 5 - بترا - افتتح الوزير المعرض. وحضره سفراء.";
        let md = extract(t, &structure::blocks(t));
        assert_eq!(&t[md.place.unwrap()], "عمان");
        assert_eq!(&t[md.agency.unwrap()], "بترا");
    }

    #[test]
    fn source_credit_line_is_not_a_dateline() {
        let t = "عنوان\nأعلن الجيش أمس انتهاء العملية. وقال إنها نجحت.\nالإذاعة - وكالات";
        let md = extract(t, &structure::blocks(t));
        assert_eq!(md.agency, None);
    }

    #[test]
    fn outlet_credit_dateline() {
        let t = "عنوان\nدبي - العربية.نت - أعلنت الشركة نتائجها. وقال مديرها إنها جيدة.";
        let md = extract(t, &structure::blocks(t));
        assert_eq!(&t[md.place.unwrap()], "دبي");
        assert_eq!(&t[md.agency.unwrap()], "العربية.نت");
    }

    #[test]
    fn dash_in_ordinary_sentence_is_not_a_dateline() {
        let t = "عنوان\nقال الوزير - في مؤتمر صحفي - إن الخطة جاهزة. وأضاف أنها تبدأ غدا.";
        let md = extract(t, &structure::blocks(t));
        assert_eq!(md.agency, None);
    }

    #[test]
    fn no_dateline_in_ordinary_paragraph() {
        let t = "عنوان\nقال الوزير (في مؤتمر صحفي) إن الخطة جاهزة. وأضاف أنها تبدأ غدا.";
        let b = structure::blocks(t);
        let md = extract(t, &b);
        assert_eq!(md.agency, None);
    }
}
