//! Segments to translation units.

use std::{collections::HashSet, ops::Range};

use crate::{
    Placeholder, PlaceholderKind, PlaceholderStyle, QuotationPart, QuotationRole, SourceQuotation,
    SourceSegment, TranslationUnit, UnitOptions, protect, token,
};

/// A quotation mark of a direct quotation.
#[derive(Debug, Clone)]
struct Mark {
    range: Range<usize>,
    /// Index into the `quotations` argument.
    quotation: usize,
    /// Opening or continuation mark (else closing).
    opens: bool,
}

/// How a stretch of the unit's range is written in the unit text.
#[derive(Debug)]
enum Edit {
    /// Replaced by a placeholder.
    Placeholder(PlaceholderKind, Option<usize>),
    /// Taken out (a quotation mark at the unit's edge).
    Removed,
}

/// Builds one [`TranslationUnit`] per segment, in the order given (text order), with ids
/// `u1`, `u2` … . `segments` are the translatable segments in text order, not
/// overlapping; `quotations` are the article's direct quotations. Never panics: ranges
/// that are out of bounds or not on char boundaries are skipped.
pub fn build_units(
    text: &str,
    segments: &[SourceSegment],
    quotations: &[SourceQuotation],
    options: &UnitOptions,
) -> Vec<TranslationUnit> {
    let valid =
        |range: &Range<usize>| range.start <= range.end && text.get(range.clone()).is_some();
    let segments: Vec<&SourceSegment> = segments.iter().filter(|s| valid(&s.span)).collect();
    let mut ranges: Vec<Range<usize>> = segments.iter().map(|s| s.span.clone()).collect();
    let marks = marks(quotations, &valid);
    widen_over_marks(text, &mut ranges, &marks);

    let mut units = Vec::with_capacity(segments.len());
    let mut next_mark = 0;
    for (position, (segment, range)) in segments.iter().zip(&ranges).enumerate() {
        while next_mark < marks.len() && marks[next_mark].range.start < range.start {
            next_mark += 1;
        }
        let unit_marks: Vec<&Mark> = marks[next_mark..]
            .iter()
            .take_while(|mark| mark.range.end <= range.end)
            .collect();
        let separator = match position.checked_sub(1) {
            Some(previous) if segments[previous].block == segment.block => text
                .get(ranges[previous].end..range.start)
                .unwrap_or_default()
                .to_owned(),
            _ => String::new(),
        };
        units.push(build_unit(
            text,
            segment,
            range.clone(),
            &unit_marks,
            separator,
            options,
            format!("u{}", position + 1),
        ));
    }
    add_quotation_parts(&mut units, &ranges, quotations);
    units
}

/// The marks of the direct quotations, sorted, without overlaps.
fn marks(quotations: &[SourceQuotation], valid: &dyn Fn(&Range<usize>) -> bool) -> Vec<Mark> {
    let mut marks = Vec::new();
    for (index, quotation) in quotations.iter().enumerate() {
        let opening = quotation
            .open_mark
            .iter()
            .chain(&quotation.continuation_marks);
        for range in opening {
            marks.push(Mark {
                range: range.clone(),
                quotation: index,
                opens: true,
            });
        }
        if let Some(range) = &quotation.close_mark {
            marks.push(Mark {
                range: range.clone(),
                quotation: index,
                opens: false,
            });
        }
    }
    marks.retain(|mark| !mark.range.is_empty() && valid(&mark.range));
    marks.sort_by_key(|mark| (mark.range.start, mark.range.end));
    let mut kept: Vec<Mark> = Vec::with_capacity(marks.len());
    for mark in marks {
        if kept
            .last()
            .is_none_or(|last| last.range.end <= mark.range.start)
        {
            kept.push(mark);
        }
    }
    kept
}

/// A mark standing just outside a segment (only whitespace between) joins that
/// segment's unit, so every quotation mark is accounted for by exactly one unit.
fn widen_over_marks(text: &str, ranges: &mut [Range<usize>], marks: &[Mark]) {
    let blank = |from: usize, to: usize| {
        from <= to
            && text
                .get(from..to)
                .is_some_and(|gap| gap.chars().all(char::is_whitespace))
    };
    for mark in marks {
        let after = ranges.partition_point(|range| range.end <= mark.range.start);
        if ranges
            .get(after)
            .is_some_and(|range| range.start < mark.range.end)
        {
            continue; // inside (or overlapping) a unit already
        }
        if mark.opens {
            if let Some(range) = ranges.get_mut(after)
                && blank(mark.range.end, range.start)
            {
                range.start = mark.range.start;
            }
        } else if let Some(previous) = after.checked_sub(1)
            && blank(ranges[previous].end, mark.range.start)
        {
            ranges[previous].end = mark.range.end;
        }
    }
}

fn build_unit(
    text: &str,
    segment: &SourceSegment,
    range: Range<usize>,
    marks: &[&Mark],
    separator: String,
    options: &UnitOptions,
    id: String,
) -> TranslationUnit {
    // Placeholders of quotation marks carry indexes into the `quotations` argument
    // until `add_quotation_parts` maps them to the article's.
    let mut edits: Vec<(Range<usize>, Edit)> = Vec::new();
    for mark in marks {
        let at_edge = if mark.opens {
            mark.range.start == range.start
        } else {
            mark.range.end == range.end
        };
        let edit = if at_edge {
            Edit::Removed
        } else if mark.opens {
            Edit::Placeholder(PlaceholderKind::QuoteOpen, Some(mark.quotation))
        } else {
            Edit::Placeholder(PlaceholderKind::QuoteClose, Some(mark.quotation))
        };
        edits.push((mark.range.clone(), edit));
    }
    let mut protected: Vec<(Range<usize>, PlaceholderKind)> =
        protect::detect(text, range.clone(), options.protect)
            .into_iter()
            .map(|found| (found.span, PlaceholderKind::Protected(found.kind)))
            .collect();
    if options.style == PlaceholderStyle::Bracket {
        literals(text, &range, &mut protected);
    }
    // Both sorted: one walk drops the protected spans a quotation mark cuts into.
    let mut next_mark = 0;
    for (span, kind) in protected {
        while next_mark < marks.len() && marks[next_mark].range.end <= span.start {
            next_mark += 1;
        }
        let overlaps_mark = marks
            .get(next_mark)
            .is_some_and(|mark| mark.range.start < span.end);
        if !overlaps_mark {
            edits.push((span, Edit::Placeholder(kind, None)));
        }
    }
    edits.sort_by_key(|(span, _)| span.start);

    let mut unit_text = String::with_capacity(range.len() + 16);
    let mut placeholders = Vec::new();
    let mut cursor = range.start;
    for (span, edit) in edits {
        if span.start < cursor {
            continue;
        }
        token::push_text(&mut unit_text, options.style, &text[cursor..span.start]);
        if let Edit::Placeholder(kind, quotation) = edit {
            let id = placeholders.len() as u32 + 1;
            unit_text.push_str(&token::render(options.style, id));
            let original = match kind {
                PlaceholderKind::QuoteOpen | PlaceholderKind::QuoteClose => String::new(),
                _ => text[span.clone()].to_owned(),
            };
            placeholders.push(Placeholder {
                id,
                kind,
                quotation,
                span: span.clone(),
                original,
            });
        }
        cursor = span.end;
    }
    token::push_text(&mut unit_text, options.style, &text[cursor..range.end]);
    TranslationUnit {
        id,
        segment: segment.index,
        block: segment.block,
        title: segment.title,
        span: range,
        separator,
        text: unit_text,
        style: options.style,
        placeholders,
        quotation_parts: Vec::new(),
    }
}

/// Source characters of the bracket syntax are protected too, so that every `⟦` in a
/// translation is a placeholder.
fn literals(
    text: &str,
    range: &Range<usize>,
    protected: &mut Vec<(Range<usize>, PlaceholderKind)>,
) {
    let slice = &text[range.clone()];
    if !slice.contains(['⟦', '⟧']) {
        return;
    }
    // `protected` is sorted and without overlaps, and a literal is one character: it is
    // either inside a protected span (and restored with it) or apart from all of them.
    let mut found = Vec::new();
    let mut next = 0;
    for (at, c) in slice.char_indices() {
        if c == '⟦' || c == '⟧' {
            let start = range.start + at;
            while next < protected.len() && protected[next].0.end <= start {
                next += 1;
            }
            let inside = protected
                .get(next)
                .is_some_and(|(other, _)| other.start <= start);
            if !inside {
                found.push((start..start + c.len_utf8(), PlaceholderKind::Literal));
            }
        }
    }
    protected.extend(found);
    protected.sort_by_key(|(span, _)| span.start);
}

/// Adds each quotation's part to the units it overlaps, and maps quotation indexes of
/// placeholders to the article's.
fn add_quotation_parts(
    units: &mut [TranslationUnit],
    ranges: &[Range<usize>],
    quotations: &[SourceQuotation],
) {
    for unit in units.iter_mut() {
        for placeholder in &mut unit.placeholders {
            placeholder.quotation = placeholder
                .quotation
                .and_then(|index| quotations.get(index))
                .map(|quotation| quotation.index);
        }
    }
    let edges: Vec<HashSet<usize>> = units.iter().map(quote_placeholder_edges).collect();
    for quotation in quotations {
        let start = quotation
            .open_mark
            .as_ref()
            .map_or(quotation.content.start, |mark| mark.start);
        let end = quotation
            .close_mark
            .as_ref()
            .map_or(quotation.content.end, |mark| mark.end)
            .max(start);
        let mut reopenings: Vec<usize> = quotation
            .continuation_marks
            .iter()
            .map(|mark| mark.start)
            .collect();
        reopenings.sort_unstable();
        let opening_at = |at: usize| {
            quotation
                .open_mark
                .as_ref()
                .is_some_and(|mark| mark.start == at)
                || reopenings.binary_search(&at).is_ok()
        };
        let first = ranges.partition_point(|range| range.end <= start);
        for ((unit, range), edges) in units.iter_mut().zip(ranges).zip(&edges).skip(first) {
            if range.start >= end.max(start + 1) {
                break;
            }
            let opens_here = range.start <= start;
            let closes_here = end <= range.end && quotation.close_mark.is_some();
            let first_reopening = reopenings.partition_point(|&at| at < range.start);
            let reopens_here = reopenings
                .get(first_reopening)
                .is_some_and(|&at| at < range.end);
            let role = match (opens_here, closes_here) {
                (true, true) => QuotationRole::Whole,
                (true, false) => QuotationRole::Opens,
                (false, true) => QuotationRole::Closes,
                (false, false) if reopens_here => QuotationRole::Continues,
                (false, false) => QuotationRole::Inside,
            };
            // A mark at the unit's edge was removed unless it became a placeholder
            // (a closing mark at the start, an opening one at the end).
            let mark_at_start = opening_at(range.start) && !edges.contains(&range.start);
            let mark_at_end = quotation
                .close_mark
                .as_ref()
                .is_some_and(|mark| mark.end == range.end)
                && !edges.contains(&range.end);
            unit.quotation_parts.push(QuotationPart {
                quotation: quotation.index,
                role,
                mark_at_start,
                mark_at_end,
                speaker: quotation.speaker,
            });
        }
    }
    for unit in units.iter_mut() {
        unit.quotation_parts.sort_by_key(|part| part.quotation);
    }
}

/// Byte offsets where a quotation-mark placeholder of the unit starts or ends.
fn quote_placeholder_edges(unit: &TranslationUnit) -> HashSet<usize> {
    unit.placeholders
        .iter()
        .filter(|placeholder| {
            matches!(
                placeholder.kind,
                PlaceholderKind::QuoteOpen | PlaceholderKind::QuoteClose
            )
        })
        .flat_map(|placeholder| [placeholder.span.start, placeholder.span.end])
        .collect()
}
