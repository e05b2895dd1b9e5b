//! Blocks of a scraped page: lines are classified by layout (single newlines matter),
//! separators, punctuation, length, position relative to the title and the phrase
//! lexicon.

use std::ops::Range;

use crate::boilerplate;
use crate::chars::{is_digit, is_letter, is_line_break, is_space, trim_range, word_count_upto};
use crate::dates;
use crate::lexicon::{self, PhraseKind};
use crate::{Block, BlockKind, BoilerplateReason};

/// A title has at most this many words.
const TITLE_MAX_WORDS: usize = 30;
/// A subheading without a leading marker has at most this many words.
const SUBHEADING_MAX_WORDS: usize = 8;
/// A headline of a related-articles list has at most this many words.
const RELATED_MAX_WORDS: usize = 20;
/// A publication line is looked for among this many first content lines.
const PUBLICATION_LINE_WITHIN: usize = 12;
/// A dateline line has at most this many words.
const DATELINE_MAX_WORDS: usize = 15;

/// Non-blank lines of `text`, trimmed.
pub(crate) fn lines(text: &str) -> Vec<Range<usize>> {
    // A byte scan: the line breaks of `is_line_break` are \n \r \v \f, U+0085 (C2 85) and
    // U+2028/U+2029 (E2 80 A8/A9); every other byte is skipped without decoding.
    const CANDIDATE: [bool; 256] = {
        let mut table = [false; 256];
        table[b'\n' as usize] = true;
        table[b'\r' as usize] = true;
        table[0x0B] = true;
        table[0x0C] = true;
        table[0xC2] = true;
        table[0xE2] = true;
        table
    };
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        if !CANDIDATE[usize::from(bytes[i])] {
            i += 1;
            continue;
        }
        let len = match (bytes[i], bytes.get(i + 1), bytes.get(i + 2)) {
            (0xC2, Some(0x85), _) => 2,
            (0xE2, Some(0x80), Some(0xA8 | 0xA9)) => 3,
            (0xC2 | 0xE2, _, _) => 0,
            _ => 1,
        };
        if len == 0 {
            i += 1;
            continue;
        }
        debug_assert!(text[i..].chars().next().is_some_and(is_line_break));
        if let Some(r) = trim_range(text, start..i) {
            out.push(r);
        }
        start = i + len;
        i = start;
    }
    if let Some(r) = trim_range(text, start..text.len()) {
        out.push(r);
    }
    out
}

fn ends_with_terminator(s: &str) -> bool {
    let s = s.trim_end_matches(|c: char| {
        is_space(c) || matches!(c, '"' | '”' | '“' | '»' | '\'' | ')' | ']')
    });
    s.ends_with(['.', '!', '?', '؟', '…'])
}

/// Line opens with a subheading marker («* », «■»).
fn has_heading_marker(s: &str) -> bool {
    s.starts_with(['*', '■', '◄', '►', '▪', '♦', '#'])
}

/// Line opens like a list item: a bullet, or a number or ordinal word followed by a
/// delimiter («1-», «2)», «أولا:», «ثانياً -»).
fn is_list_item(s: &str) -> bool {
    if s.starts_with(['-', '–', '—', '•', '·', '●', '○', '◦', '➢', '✓', '✔']) {
        return true;
    }
    let digits: usize = s.chars().take_while(|c| is_digit(*c)).count();
    if (1..=2).contains(&digits) {
        let rest = s.chars().skip(digits).find(|c| !is_space(*c));
        return matches!(rest, Some('-' | ')' | '.' | '/' | '–' | ':'))
            && !s.chars().nth(digits).is_some_and(is_digit);
    }
    const ORDINALS: [&str; 10] = [
        "اولا",
        "ثانيا",
        "ثالثا",
        "رابعا",
        "خامسا",
        "سادسا",
        "سابعا",
        "ثامنا",
        "تاسعا",
        "عاشرا",
    ];
    let first: String = s
        .chars()
        .take_while(|c| crate::chars::is_letter(*c) || crate::chars::is_arabic_mark(*c))
        .filter_map(crate::chars::fold)
        .collect();
    if ORDINALS.contains(&first.as_str()) {
        let rest = s[s
            .find(|c: char| !(is_letter(c) || crate::chars::is_arabic_mark(c)))
            .unwrap_or(s.len())..]
            .trim_start_matches(is_space);
        return rest.starts_with([':', '-', '–', ')', '.']);
    }
    false
}

/// Whether a line opens with a dateline cue («نشر في», «بتاريخ», «كتب:» …).
fn has_dateline_cue(s: &str) -> bool {
    let f = crate::chars::folded(s);
    lexicon::dateline_cues()
        .iter()
        .any(|c| f.starts_with(c.as_str()) && f[c.len()..].starts_with([' ', ':']))
}

/// Whether a line looks like a dateline or byline.
pub(crate) fn is_dateline(s: &str) -> bool {
    // A dateline is not a sentence: a line ending with a full stop is prose
    // («كتب الشاعر قصيدة جديدة.»).
    if (s.ends_with('.') && !s.ends_with(".."))
        || word_count_upto(s, DATELINE_MAX_WORDS) > DATELINE_MAX_WORDS
    {
        return false;
    }
    let cue = has_dateline_cue(s);
    (cue && (dates::find_date(s).is_some() || word_count_upto(s, 6) <= 6)) || dates::is_date_line(s)
}

/// A headline: short, and without a final full stop.
fn headline_shaped(s: &str) -> bool {
    (!s.ends_with('.') || s.ends_with(".."))
        && word_count_upto(s, RELATED_MAX_WORDS) <= RELATED_MAX_WORDS
}

fn title_like(s: &str) -> bool {
    let words = word_count_upto(s, TITLE_MAX_WORDS);
    words <= TITLE_MAX_WORDS && !(s.ends_with('.') && !s.ends_with("..") && words > 15)
}

/// Classifies the lines of `text` into blocks.
pub(crate) fn blocks(text: &str) -> Vec<Block> {
    let mut buf = String::new();

    // 0. A line that opens with a ticker and goes on with prose (the page's line breaks
    // were lost) is cut in two: the ticker, and the rest as a line of its own.
    // Whether each line is a headline list is decided here once (step 1 reads it), with
    // the ticker separators of a line computed at most once.
    let raw = lines(text);
    let mut lines = Vec::with_capacity(raw.len());
    let mut kinds: Vec<Option<BlockKind>> = Vec::with_capacity(raw.len());
    let mut headline_list: Vec<bool> = Vec::with_capacity(raw.len());
    let is_headline_list = |r: &Range<usize>| {
        boilerplate::may_be_ticker(text, r.clone())
            && boilerplate::is_headline_list_with(
                text,
                r.clone(),
                &boilerplate::ticker_separators(text, r.clone()),
            )
    };
    for r in raw {
        let may_be_ticker = boilerplate::may_be_ticker(text, r.clone());
        let seps = if may_be_ticker {
            boilerplate::ticker_separators(text, r.clone())
        } else {
            Vec::new()
        };
        let headlines = may_be_ticker && boilerplate::is_headline_list_with(text, r.clone(), &seps);
        if !headlines
            && boilerplate::may_have_ticker_prefix(text, r.clone())
            && let Some(end) = boilerplate::ticker_prefix_with(text, r.clone(), &seps)
            && let (Some(head), Some(rest)) =
                (trim_range(text, r.start..end), trim_range(text, end..r.end))
        {
            lines.push(head);
            kinds.push(Some(BlockKind::Boilerplate(
                BoilerplateReason::HeadlineList,
            )));
            headline_list.push(false);
            headline_list.push(is_headline_list(&rest));
            lines.push(rest);
            kinds.push(None);
        } else {
            lines.push(r);
            kinds.push(None);
            headline_list.push(headlines);
        }
    }

    // 1. Boilerplate by shape and by lexicon; captions by lexicon.
    let mut in_related = false;
    // No content line seen yet: we are above the title.
    let mut pre_title = true;
    for (i, r) in lines.iter().enumerate() {
        if kinds[i].is_some() {
            continue;
        }
        let s = &text[r.clone()];
        if headline_list[i] {
            kinds[i] = Some(BlockKind::Boilerplate(BoilerplateReason::HeadlineList));
            in_related = false;
            continue;
        }
        if boilerplate::is_breadcrumb(text, r.clone()) {
            kinds[i] = Some(BlockKind::Boilerplate(BoilerplateReason::Navigation));
            in_related = false;
            continue;
        }
        match boilerplate::lexicon_kind(text, r.clone(), &mut buf) {
            Some(PhraseKind::Boilerplate(reason)) => {
                kinds[i] = Some(BlockKind::Boilerplate(reason));
                in_related = reason == BoilerplateReason::RelatedArticles;
                continue;
            }
            Some(PhraseKind::Caption) => {
                kinds[i] = Some(BlockKind::Caption);
                in_related = false;
                pre_title = false;
                continue;
            }
            None => {}
        }
        // Before any content, a sentence right under a widget line (one line break, no
        // blank line) is the rest of the widget («شكرا على الإبلاغ!» and its explanation).
        if pre_title
            && i > 0
            && kinds[i - 1] == Some(BlockKind::Boilerplate(BoilerplateReason::Widget))
            && text[lines[i - 1].end..r.start]
                .chars()
                .filter(|c| *c == '\n')
                .count()
                == 1
            && word_count_upto(s, RELATED_MAX_WORDS) <= RELATED_MAX_WORDS
            // A widget's explanation is a sentence; a title right under it is not.
            && ends_with_terminator(s)
        {
            kinds[i] = Some(BlockKind::Boilerplate(BoilerplateReason::Widget));
            continue;
        }
        // Headlines listed under «اقرأ أيضا»: short lines without a final full stop.
        if in_related
            && word_count_upto(s, RELATED_MAX_WORDS) <= RELATED_MAX_WORDS
            && !s.ends_with('.')
        {
            kinds[i] = Some(BlockKind::Boilerplate(BoilerplateReason::RelatedArticles));
            continue;
        }
        in_related = false;
        pre_title = false;
    }

    // 2. A publication line («نشر في … يوم 03 - 11 - 2016») among the first lines fixes the
    // title: it is the line right above. Headline-shaped lines above that title are page
    // furniture (a ticker laid out one headline per line).
    let content: Vec<usize> = (0..lines.len()).filter(|&i| kinds[i].is_none()).collect();
    if let Some(pos) = content.iter().take(PUBLICATION_LINE_WITHIN).position(|&i| {
        let s = &text[lines[i].clone()];
        is_dateline(s) && has_dateline_cue(s) && dates::find_date(s).is_some()
    }) && pos >= 2
    {
        for &i in &content[..pos - 1] {
            if headline_shaped(&text[lines[i].clone()]) {
                kinds[i] = Some(BlockKind::Boilerplate(BoilerplateReason::HeadlineList));
            }
        }
    }

    // 3. Title: the first remaining line, if it is title-shaped and more text follows it.
    // A document of a single line or paragraph is body text, not a title.
    let content: Vec<usize> = (0..lines.len()).filter(|&i| kinds[i].is_none()).collect();
    let mut body_from = 0;
    if let Some(&first) = content.first() {
        let mut t = first;
        // A dateline written above the title.
        if is_dateline(&text[lines[t].clone()]) && content.len() > 2 {
            kinds[t] = Some(BlockKind::Dateline);
            t = content[1];
        }
        let rest = content.iter().filter(|&&i| i > t).count();
        if rest > 0 && title_like(&text[lines[t].clone()]) && !is_dateline(&text[lines[t].clone()])
        {
            kinds[t] = Some(BlockKind::Title);
            body_from = t + 1;
            // A dateline or byline right under the title.
            if let Some(&next) = content.iter().find(|&&i| i > t)
                && is_dateline(&text[lines[next].clone()])
            {
                kinds[next] = Some(BlockKind::Dateline);
                body_from = next + 1;
            }
        }
    }

    // 4. Body lines.
    let last_content = content.last().copied().unwrap_or(0);
    for i in body_from..lines.len() {
        if kinds[i].is_some() {
            continue;
        }
        let s = &text[lines[i].clone()];
        // Only compared with small limits below.
        let words = word_count_upto(s, 15);
        let kind = if has_heading_marker(s) && words <= 15 && !s.starts_with("**") {
            BlockKind::Subheading
        } else if is_list_item(s) {
            BlockKind::ListItem
        } else if i < last_content
            && words <= SUBHEADING_MAX_WORDS
            && !is_credit(s)
            && !ends_with_terminator(s)
            && !s.ends_with([':', '،', ','])
            && next_is_prose(text, &lines, &kinds, i)
        {
            BlockKind::Subheading
        } else {
            BlockKind::Paragraph
        };
        kinds[i] = Some(kind);
    }
    for k in kinds.iter_mut() {
        if k.is_none() {
            *k = Some(BlockKind::Paragraph);
        }
    }

    // 5. After the body, a "read at source" link closes the article: headline-shaped lines
    // below it are more page furniture (other stories of the site).
    let mut seen_body = false;
    let mut after_link = false;
    for k in kinds.iter_mut() {
        match *k {
            Some(BlockKind::Paragraph) if after_link => {}
            Some(BlockKind::Paragraph) => seen_body = true,
            Some(BlockKind::Boilerplate(BoilerplateReason::SourceLink)) if seen_body => {
                after_link = true;
            }
            _ => {}
        }
    }
    if after_link {
        let mut past = false;
        for (i, k) in kinds.iter_mut().enumerate() {
            if *k == Some(BlockKind::Boilerplate(BoilerplateReason::SourceLink)) {
                past = true;
            } else if past
                && !matches!(k, Some(BlockKind::Boilerplate(_)))
                && headline_shaped(&text[lines[i].clone()])
            {
                *k = Some(BlockKind::Boilerplate(BoilerplateReason::RelatedArticles));
            }
        }
    }

    // 6. Merge neighbouring boilerplate lines of one reason into one block.
    let mut out: Vec<Block> = Vec::with_capacity(lines.len());
    for (r, k) in lines.into_iter().zip(kinds) {
        let kind = k.unwrap_or(BlockKind::Paragraph);
        if let (BlockKind::Boilerplate(_), Some(prev)) = (kind, out.last_mut())
            && prev.kind == kind
        {
            prev.span.end = r.end;
            continue;
        }
        out.push(Block { kind, span: r });
    }
    out
}

/// A source-credit line («نقلاً عن ...», «المصدر: ...», «(وكالة ...)») or a disclaimer
/// opened by asterisks pairs («** ...»).
fn is_credit(s: &str) -> bool {
    if s.starts_with("**") || (s.starts_with('(') && s.ends_with(')')) {
        return true;
    }
    let f = crate::chars::folded(s);
    lexicon::credits().iter().any(|c| {
        f.starts_with(c.as_str())
            && f[c.len()..]
                .chars()
                .next()
                .is_none_or(|n| !crate::chars::is_letter(n))
    })
}

/// The next content line is a paragraph of prose (ends with a terminator or is long).
fn next_is_prose(
    text: &str,
    lines: &[Range<usize>],
    kinds: &[Option<BlockKind>],
    i: usize,
) -> bool {
    for j in i + 1..lines.len() {
        if kinds[j].is_some() {
            continue;
        }
        let s = &text[lines[j].clone()];
        return ends_with_terminator(s)
            || word_count_upto(s, SUBHEADING_MAX_WORDS) > SUBHEADING_MAX_WORDS;
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// The byte scan of `lines` cuts where the char-by-char definition does.
        #[test]
        fn lines_agree_with_chars(
            s in proptest::collection::vec(
                prop_oneof![
                    Just('\n'), Just('\r'), Just('\u{0B}'), Just('\u{0C}'), Just('\u{85}'),
                    Just('\u{A0}'), Just('\u{2028}'), Just('\u{2029}'), Just('\u{2027}'),
                    Just('\u{202F}'), Just(' '), proptest::char::range('\u{0600}', '\u{06FF}'), any::<char>(),
                ],
                0..40,
            ).prop_map(|chars| chars.into_iter().collect::<String>())
        ) {
            let mut expected = Vec::new();
            let mut start = 0;
            for (i, c) in s.char_indices() {
                if is_line_break(c) {
                    expected.extend(trim_range(&s, start..i));
                    start = i + c.len_utf8();
                }
            }
            expected.extend(trim_range(&s, start..s.len()));
            prop_assert_eq!(lines(&s), expected);
        }
    }

    fn kinds(text: &str) -> Vec<(BlockKind, &str)> {
        blocks(text)
            .into_iter()
            .map(|b| (b.kind, &text[b.span]))
            .collect()
    }

    #[test]
    fn first_short_line_is_title() {
        let t =
            "الحكومة تقر الموازنة\nأقرت الحكومة أمس الموازنة العامة. وقال الوزير إنها متوازنة.\n";
        let k = kinds(t);
        assert_eq!(k[0].0, BlockKind::Title);
        assert_eq!(k[1].0, BlockKind::Paragraph);
    }

    #[test]
    fn single_paragraph_document_is_body_not_title() {
        let t = "أقرت الحكومة أمس الموازنة العامة. وقال الوزير إنها متوازنة.";
        assert_eq!(kinds(t), [(BlockKind::Paragraph, t)]);
    }

    #[test]
    fn dateline_under_title_is_recognized() {
        let t = "عنوان الخبر هنا\nنشر في الموقع يوم 03 - 11 - 2016\n\nنص الخبر الأول. ونص ثان.\n";
        let k = kinds(t);
        assert_eq!(
            k[1],
            (BlockKind::Dateline, "نشر في الموقع يوم 03 - 11 - 2016")
        );
    }

    #[test]
    fn short_prose_line_opening_with_a_byline_word_is_not_a_dateline() {
        let t = "العنوان\nكتب الشاعر قصيدة جديدة.\nوقال إنها عن مدينته.\n";
        assert_eq!(kinds(t)[1].0, BlockKind::Paragraph);
    }

    #[test]
    fn flattened_article_is_one_paragraph() {
        let t = "العنوان هنا نص الخبر الأول. والجملة الثانية. والثالثة.";
        assert_eq!(kinds(t), [(BlockKind::Paragraph, t)]);
    }

    #[test]
    fn starred_line_is_subheading() {
        let t = "العنوان\nفقرة أولى طويلة بما يكفي لتكون نصا. وتنتهي هنا.\n* خلفية الأزمة\nفقرة ثانية من النص. وتنتهي.\n";
        assert_eq!(kinds(t)[2], (BlockKind::Subheading, "* خلفية الأزمة"));
    }

    #[test]
    fn numbered_and_ordinal_lines_are_list_items() {
        let t = "بلاغ\nتعلن الوزارة ما يلي :\nأولا: يمنع الوقوف قرب الملعب.\n2- تغلق الطرق المؤدية إليه.\n";
        let k = kinds(t);
        assert_eq!(k[2].0, BlockKind::ListItem);
        assert_eq!(k[3].0, BlockKind::ListItem);
    }

    #[test]
    fn related_articles_list_is_one_boilerplate_block() {
        let t = "العنوان\nنص الخبر الكامل هنا. وفيه جملتان.\nاقرأ أيضا:\nعنوان خبر آخر\nعنوان خبر ثالث\n";
        let k = kinds(t);
        assert_eq!(
            k[2],
            (
                BlockKind::Boilerplate(BoilerplateReason::RelatedArticles),
                "اقرأ أيضا:\nعنوان خبر آخر\nعنوان خبر ثالث"
            )
        );
    }

    #[test]
    fn breadcrumb_date_line_title_and_byline() {
        let t = "الرئيسية » أخبار » رياضة\nالسبت 7 مارس 2020 10:15 ص\nالمنتخب يفوز بالبطولة\nكتب: سامي حسن\nفاز المنتخب أمس بالبطولة. واحتفل الجمهور.\n";
        let k = kinds(t);
        assert_eq!(
            k[0].0,
            BlockKind::Boilerplate(BoilerplateReason::Navigation)
        );
        assert_eq!(k[1].0, BlockKind::Dateline);
        assert_eq!(k[2], (BlockKind::Title, "المنتخب يفوز بالبطولة"));
        assert_eq!(k[3].0, BlockKind::Dateline);
        assert_eq!(k[4].0, BlockKind::Paragraph);
    }

    #[test]
    fn source_credit_line_is_a_paragraph_not_a_subheading() {
        let t = "العنوان\nنص الخبر الكامل هنا. وفيه جملتان.\nنقلاً عن \"الصحيفة\"\n** المقالات تعبر عن رأي كتابها ولا تعبر بالضرورة عن رأي الموقع.\n";
        let k = kinds(t);
        assert_eq!(k[2].0, BlockKind::Paragraph);
        assert_eq!(k[3].0, BlockKind::Paragraph);
    }

    #[test]
    fn headlines_above_the_title_of_a_publication_line_are_boilerplate() {
        let t = "ارتفاع أسعار القطن اليوم\nالأهلي يفوز على الزمالك\nالحكومة تعلن خطة النقل الجديدة\nنشر في الموقع يوم 03 - 11 - 2016\nأعلنت الحكومة أمس خطة جديدة. وتبدأ غدا.\n";
        let k = kinds(t);
        assert_eq!(
            k[0],
            (
                BlockKind::Boilerplate(BoilerplateReason::HeadlineList),
                "ارتفاع أسعار القطن اليوم\nالأهلي يفوز على الزمالك"
            )
        );
        assert_eq!(k[1], (BlockKind::Title, "الحكومة تعلن خطة النقل الجديدة"));
        assert_eq!(k[2].0, BlockKind::Dateline);
    }

    #[test]
    fn headlines_after_the_source_link_are_boilerplate() {
        let t = "العنوان\nنص الخبر الكامل هنا. وفيه جملتان.\nاضغط هنا لقراءة الخبر من مصدره.\nخبر آخر من الموقع\nخبر ثالث من الموقع\n";
        let k = kinds(t);
        assert_eq!(
            k[2].0,
            BlockKind::Boilerplate(BoilerplateReason::SourceLink)
        );
        assert_eq!(
            k[3],
            (
                BlockKind::Boilerplate(BoilerplateReason::RelatedArticles),
                "خبر آخر من الموقع\nخبر ثالث من الموقع"
            )
        );
    }

    #[test]
    fn widget_lines_merge_into_one_block() {
        let t = "شكرا لك على الإبلاغ!\nسيراجع فريق الموقع الصورة ويحجبها عند الحاجة.\n\nالعنوان\nالنص. والمزيد.";
        let k = kinds(t);
        assert_eq!(k[0].0, BlockKind::Boilerplate(BoilerplateReason::Widget));
        assert_eq!(
            k[0].1,
            "شكرا لك على الإبلاغ!\nسيراجع فريق الموقع الصورة ويحجبها عند الحاجة."
        );
        assert_eq!(k[1].0, BlockKind::Title);
    }
}
