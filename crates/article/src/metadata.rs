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
    let s = &text[para.clone()];
    // Look only at the opening of the paragraph.
    let window = s.char_indices().nth(80).map_or(s.len(), |(i, _)| i);
    let open = s[..window].find('(')?;
    let close = open + s[open..window].find(')')?;
    let after = s[close + 1..].trim_start_matches(is_space);
    if !after.starts_with(['-', '–', '—', ':']) {
        return None;
    }
    let dash_end = close
        + 1
        + (s[close + 1..].len() - after.len())
        + after
            .chars()
            .take_while(|c| matches!(c, '-' | '–' | '—' | ':'))
            .map(char::len_utf8)
            .sum::<usize>();
    let inner = para.start + open + 1..para.start + close;
    let agency = trim_range(text, inner)?;
    let name = lexicon::compact(&text[agency.clone()]);
    let known = lexicon::agencies().contains(&name);
    if !known && word_count(&text[agency.clone()]) > 3 {
        return None;
    }
    // The place: words before the date or bracket, up to a comma.
    let head = &s[..open];
    let place_end = head
        .find(|c: char| is_digit(c) || c == '،' || c == ',')
        .unwrap_or(head.len());
    let place = trim_range(text, para.start..para.start + place_end)
        .filter(|r| word_count(&text[r.clone()]) <= 4);
    if !known && place.is_none() {
        return None;
    }
    if word_count(head) > 8 || char_at(s, 0) == '(' {
        return None;
    }
    Some(InlineDateline {
        span: para.start..para.start + dash_end,
        place,
        agency,
    })
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
    fn no_dateline_in_ordinary_paragraph() {
        let t = "عنوان\nقال الوزير (في مؤتمر صحفي) إن الخطة جاهزة. وأضاف أنها تبدأ غدا.";
        let b = structure::blocks(t);
        let md = extract(t, &b);
        assert_eq!(md.agency, None);
    }
}
