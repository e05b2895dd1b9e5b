//! Page furniture: headline tickers and lines matched by the phrase lexicon
//! (`data/boilerplate.txt`).

use std::ops::Range;

use crate::chars::{
    char_at, fold_into, is_line_break, is_nbsp_like, is_space, word_count, word_count_upto,
};
use crate::lexicon::{self, PhraseKind};

/// Lines longer than this many words are prose, whatever phrase they contain.
const MAX_WORDS: usize = 16;
/// A phrase that must open the line marks it only when at most this many words follow it
/// and the line does not end with a full stop: a prompt is a few words («شارك الخبر»,
/// «أضف تعليقا», «التعليقات (3)»), a prose sentence opening with the same word
/// («مشاركة واسعة في الانتخابات.») is not.
const MAX_EXTRA_WORDS_ANCHORED: usize = 4;
/// A headline list has at least this many headlines.
const MIN_HEADLINES: usize = 3;

/// How headlines of a ticker are separated.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum SeparatorKind {
    /// A whitespace run with at least two no-break spaces and three characters: scrapers
    /// glue ticker items with `&nbsp;` runs, while prose has at most a stray NBSP next to a
    /// space. Also a line break inside a multi-line block.
    Space,
    /// A vertical bar («خبر | خبر»).
    Bar,
    /// A spaced double dot («خبر .. خبر»); an unspaced «..» is a pause inside a headline
    /// («عاجل.. زلزال قوي»).
    DotDot,
}

/// Separators between headlines of a ticker inside `span`, in order: calls `f` with each
/// separator's byte range and kind.
pub(crate) fn for_each_separator(
    text: &str,
    span: Range<usize>,
    mut f: impl FnMut(Range<usize>, SeparatorKind),
) {
    let s = &text[span.clone()];
    let bytes = s.as_bytes();
    let mut run_start: Option<usize> = None;
    let (mut nbsp, mut count, mut dots, mut hard) = (0, 0, 0, false);
    let mut bar = false;
    let mut prev_space = false;
    let mut next = 0;
    while next < bytes.len() {
        let i = next;
        // Two-byte characters from U+00C0 on (Arabic letters among them) are no space, bar
        // or dot: they only end a run, without being decoded.
        if (0xC3..=0xDF).contains(&bytes[i]) {
            next += 2;
            if let Some(st) = run_start.take() {
                emit(
                    &mut f,
                    span.start + st..span.start + i,
                    bar,
                    dots,
                    prev_space,
                    hard,
                    nbsp,
                    count,
                );
            }
            prev_space = false;
            continue;
        }
        let Some(c) = s[i..].chars().next() else {
            break;
        };
        next += c.len_utf8();
        let space = is_space(c);
        // Dots join a run only when the run began with a space («خبر .. خبر»).
        let joins = space
            || c == '|'
            || c == '¦'
            || (c == '.' && run_start.is_some() && (prev_space || dots > 0));
        if joins {
            if run_start.is_none() {
                run_start = Some(i);
                (nbsp, count, dots, hard, bar) = (0, 0, 0, false, false);
            }
            count += 1;
            nbsp += usize::from(is_nbsp_like(c));
            dots += usize::from(c == '.');
            bar |= c == '|' || c == '¦';
            hard |= is_line_break(c);
        } else if let Some(st) = run_start.take() {
            emit(
                &mut f,
                span.start + st..span.start + i,
                bar,
                dots,
                prev_space,
                hard,
                nbsp,
                count,
            );
        }
        prev_space = space;
    }
}

/// Reports the run `range` that just ended, if it is a separator.
#[allow(clippy::too_many_arguments)]
#[inline]
fn emit(
    f: &mut impl FnMut(Range<usize>, SeparatorKind),
    range: Range<usize>,
    bar: bool,
    dots: usize,
    prev_space: bool,
    hard: bool,
    nbsp: usize,
    count: usize,
) {
    if bar {
        f(range, SeparatorKind::Bar);
    } else if dots == 2 && prev_space {
        f(range, SeparatorKind::DotDot);
    } else if dots == 0 && (hard || (nbsp >= 2 && count >= 3)) {
        f(range, SeparatorKind::Space);
    }
}

/// The separators that split a ticker: a spaced «..» only counts when it is the ticker's
/// main separator (inside an NBSP-joined ticker it is a pause within one headline).
pub(crate) fn ticker_separators(
    text: &str,
    span: Range<usize>,
) -> Vec<(Range<usize>, SeparatorKind)> {
    let mut seps = Vec::new();
    for_each_separator(text, span, |r, k| seps.push((r, k)));
    let dotdots = seps
        .iter()
        .filter(|(_, k)| *k == SeparatorKind::DotDot)
        .count();
    if dotdots * 2 <= seps.len() {
        seps.retain(|(_, k)| *k != SeparatorKind::DotDot);
    }
    seps
}

/// A line that opens with a ticker and goes on with prose (a page whose line breaks were
/// lost): the end of the ticker part, when at least three headlines open the line and a
/// long piece of prose follows them.
#[cfg(test)]
pub(crate) fn ticker_prefix(text: &str, span: Range<usize>) -> Option<usize> {
    if !may_have_ticker_prefix(text, span.clone()) {
        return None;
    }
    let seps = ticker_separators(text, span.clone());
    ticker_prefix_with(text, span, &seps)
}

/// Whether the line `span` can open with a ticker: it holds a no-break space or a bar.
pub(crate) fn may_have_ticker_prefix(text: &str, span: Range<usize>) -> bool {
    let bytes = text[span].as_bytes();
    memchr::memchr(b'|', bytes).is_some()
        || memchr::memchr_iter(NBSP[0], bytes).any(|i| bytes.get(i + 1) == Some(&NBSP[1]))
}

/// `ticker_prefix` with the line's [`ticker_separators`] computed by the caller.
pub(crate) fn ticker_prefix_with(
    text: &str,
    span: Range<usize>,
    seps: &[(Range<usize>, SeparatorKind)],
) -> Option<usize> {
    let mut headlines = 0;
    let mut last = span.start;
    let mut prefix_end = None;
    for (r, _) in seps
        .iter()
        .chain(std::iter::once(&(span.end..span.end, SeparatorKind::Space)))
    {
        let piece = text[last..r.start].trim_matches(is_space);
        if piece.is_empty() {
            last = r.end;
            continue;
        }
        if !headline_piece(piece) {
            break;
        }
        headlines += 1;
        prefix_end = Some(r.start);
        last = r.end;
    }
    let end = prefix_end?;
    (headlines >= MIN_HEADLINES
        && end < span.end
        && !text[end..span.end].trim_matches(is_space).is_empty())
    .then_some(end)
}

/// A ticker item: short, and not a sentence ending with a full stop.
fn headline_piece(piece: &str) -> bool {
    piece.chars().count() <= 200 && (!piece.ends_with('.') || piece.ends_with(".."))
}

/// Whether the line `span` is a ticker of headlines.
#[cfg(test)]
pub(crate) fn is_headline_list(text: &str, span: Range<usize>) -> bool {
    may_be_ticker(text, span.clone())
        && is_headline_list_with(text, span.clone(), &ticker_separators(text, span))
}

/// U+00A0 NO-BREAK SPACE in UTF-8.
const NBSP: &[u8] = "\u{A0}".as_bytes();

/// Whether the line `span` can be a ticker: only lines holding a no-break space (C2 A0,
/// E2 80 87/AF, E2 81 A0), a bar (`|`, `¦` C2 A6) or a spaced «..» can. One byte scan
/// for the lead bytes rules out ordinary paragraphs cheaply.
pub(crate) fn may_be_ticker(text: &str, span: Range<usize>) -> bool {
    static DOT_DOT: std::sync::LazyLock<memchr::memmem::Finder<'static>> =
        std::sync::LazyLock::new(|| memchr::memmem::Finder::new(" .. "));
    let bytes = text[span].as_bytes();
    for i in memchr::memchr3_iter(b'|', 0xC2, 0xE2, bytes) {
        let next = |k: usize| bytes.get(i + k).copied();
        let found = match bytes[i] {
            b'|' => true,
            0xC2 => matches!(next(1), Some(0xA0 | 0xA6)),
            _ => matches!(
                (next(1), next(2)),
                (Some(0x80), Some(0xAF | 0x87)) | (Some(0x81), Some(0xA0))
            ),
        };
        if found {
            return true;
        }
    }
    DOT_DOT.find(bytes).is_some()
}

/// Whether the line `span`, which passed [`may_be_ticker`], is a ticker of headlines,
/// given its [`ticker_separators`].
pub(crate) fn is_headline_list_with(
    text: &str,
    span: Range<usize>,
    seps: &[(Range<usize>, SeparatorKind)],
) -> bool {
    let mut pieces = 0;
    let mut final_stops = 0;
    let mut total = 0;
    let mut last = span.start;
    let mut longest = 0;
    let mut count_piece = |from: usize, to: usize| {
        let piece = text[from..to].trim_matches(is_space);
        if !piece.is_empty() {
            pieces += 1;
            let n = piece.chars().count();
            total += n;
            longest = longest.max(n);
            if piece.ends_with(['.', '؟', '?', '!']) && !piece.ends_with("..") {
                final_stops += 1;
            }
        }
    };
    for (r, _) in seps {
        count_piece(last, r.start);
        last = r.end;
    }
    count_piece(last, span.end);
    let dotdots = seps
        .iter()
        .filter(|(_, k)| *k == SeparatorKind::DotDot)
        .count();
    // Headlines are short and rarely end with a full stop; prose sentences do. A spaced
    // «..» is also a pause in prose, so a ticker built on it needs four headlines and no
    // sentence-final punctuation at all.
    let enough = if dotdots > 0 {
        dotdots >= 3 && final_stops == 0
    } else {
        final_stops * 2 < pieces
    };
    // No headline runs to several hundred characters: such a piece is prose that follows
    // the ticker on the same line (see `ticker_prefix`).
    pieces >= MIN_HEADLINES && total / pieces.max(1) <= 200 && longest <= 400 && enough
}

/// Whether the line is a breadcrumb trail: two or more `»` `›` `>` separators between short
/// segments (at most four words each), and no opening guillemet (which would make `»` a
/// closing quotation mark).
pub(crate) fn is_breadcrumb(text: &str, span: Range<usize>) -> bool {
    let s = &text[span];
    // `»` is C2 BB, `›` E2 80 BA: a byte search skips ordinary lines.
    if memchr::memchr3(b'>', 0xC2, 0xE2, s.as_bytes()).is_none() {
        return false;
    }
    if s.contains('«') || word_count_upto(s, 15) > 15 {
        return false;
    }
    let mut segments = 0;
    for seg in s.split(['»', '›', '>']) {
        let w = word_count(seg);
        if w == 0 || w > 4 {
            return false;
        }
        segments += 1;
    }
    segments >= 3
}

/// What the phrase lexicon says about a line, if anything.
pub(crate) fn lexicon_kind(text: &str, span: Range<usize>, buf: &mut String) -> Option<PhraseKind> {
    let s = &text[span];
    let words = word_count_upto(s, MAX_WORDS);
    if words > MAX_WORDS {
        return None;
    }
    buf.clear();
    // Leading bullets and symbols do not count for anchoring («» ■ اقرأ أيضا»).
    let body = s.trim_start_matches(|c: char| {
        is_space(c) || matches!(c, '*' | '■' | '●' | '•' | '-' | '–' | '»' | '«' | '>' | '|')
    });
    fold_into(body, buf);
    let lex = lexicon::phrases();
    for m in lex.matcher.find_overlapping_iter(buf.as_str()) {
        let phrase = &lex.phrases[m.pattern().as_usize()];
        if phrase.anchored
            && (m.start() != 0
                || words > phrase.words + MAX_EXTRA_WORDS_ANCHORED
                || (s.ends_with('.') && !s.ends_with("..")))
        {
            continue;
        }
        if !on_word_boundaries(buf, m.start(), m.end()) {
            continue;
        }
        return Some(phrase.kind);
    }
    None
}

fn on_word_boundaries(s: &str, start: usize, end: usize) -> bool {
    let before = s[..start].chars().next_back();
    let after = s[end..].chars().next();
    let word = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric());
    // A phrase ending in a symbol («©») or starting with one needs no boundary there.
    let first = char_at(s, start);
    let last = s[..end].chars().next_back().unwrap_or(' ');
    (!word(before) || !first.is_alphanumeric()) && (!word(after) || !last.is_alphanumeric())
}

/// Boilerplate reason of a line from the lexicon.
#[cfg(test)]
fn lexicon_reason(
    text: &str,
    span: Range<usize>,
    buf: &mut String,
) -> Option<crate::BoilerplateReason> {
    match lexicon_kind(text, span, buf)? {
        PhraseKind::Boilerplate(r) => Some(r),
        PhraseKind::Caption => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::BoilerplateReason;
    use proptest::prelude::*;

    /// `for_each_separator` char by char, as it was before its byte fast path.
    fn separators_by_char(text: &str, span: Range<usize>) -> Vec<(Range<usize>, SeparatorKind)> {
        let mut out = Vec::new();
        let s = &text[span.clone()];
        let mut run_start: Option<usize> = None;
        let (mut nbsp, mut count, mut dots, mut hard) = (0, 0, 0, false);
        let mut bar = false;
        let mut prev_space = false;
        for (i, c) in s.char_indices() {
            let space = is_space(c);
            let joins = space
                || c == '|'
                || c == '¦'
                || (c == '.' && run_start.is_some() && (prev_space || dots > 0));
            if joins {
                if run_start.is_none() {
                    run_start = Some(i);
                    (nbsp, count, dots, hard, bar) = (0, 0, 0, false, false);
                }
                count += 1;
                nbsp += usize::from(is_nbsp_like(c));
                dots += usize::from(c == '.');
                bar |= c == '|' || c == '¦';
                hard |= is_line_break(c);
            } else if let Some(st) = run_start.take() {
                let range = span.start + st..span.start + i;
                if bar {
                    out.push((range, SeparatorKind::Bar));
                } else if dots == 2 && prev_space {
                    out.push((range, SeparatorKind::DotDot));
                } else if dots == 0 && (hard || (nbsp >= 2 && count >= 3)) {
                    out.push((range, SeparatorKind::Space));
                }
            }
            prev_space = space;
        }
        out
    }

    proptest! {
        /// The byte fast path of `for_each_separator` finds the separators the char by
        /// char scan finds.
        #[test]
        fn separators_agree_with_chars(
            s in proptest::collection::vec(
                prop_oneof![
                    Just('|'), Just('¦'), Just('.'), Just(' '), Just('\u{A0}'), Just('\n'),
                    Just('\u{202F}'), Just('\u{2007}'), Just('\u{85}'), Just('é'),
                    proptest::char::range('\u{0600}', '\u{06FF}'), any::<char>(),
                ],
                0..40,
            ).prop_map(|chars| chars.into_iter().collect::<String>()),
            from in 0usize..4,
        ) {
            let mut start = from.min(s.len());
            while !s.is_char_boundary(start) {
                start -= 1;
            }
            let mut found = Vec::new();
            for_each_separator(&s, start..s.len(), |r, k| found.push((r, k)));
            prop_assert_eq!(found, separators_by_char(&s, start..s.len()));
        }

        /// The one-scan ticker pre-filter agrees with a search for each marker.
        #[test]
        fn ticker_prefilter_agrees_with_searches(
            s in proptest::collection::vec(
                prop_oneof![
                    Just('|'), Just('¦'), Just('.'), Just(' '), Just('\u{A0}'),
                    Just('\u{202F}'), Just('\u{2007}'), Just('\u{2060}'), Just('\u{2061}'),
                    Just('\u{2028}'), Just('\u{85}'), proptest::char::range('\u{0600}', '\u{06FF}'),
                ],
                0..12,
            ).prop_map(|chars| chars.into_iter().collect::<String>())
        ) {
            let has = |needle: &str| s.contains(needle);
            let expected = ["|", "\u{A0}", " .. ", "\u{202F}", "\u{2007}", "\u{2060}", "¦"]
                .iter()
                .any(|needle| has(needle));
            prop_assert_eq!(may_be_ticker(&s, 0..s.len()), expected);
            prop_assert_eq!(
                may_have_ticker_prefix(&s, 0..s.len()),
                has("|") || has("\u{A0}")
            );
        }
    }

    #[test]
    fn headline_ticker_with_nbsp_runs_is_boilerplate() {
        let t = "ارتفاع أسعار القطن اليوم\u{A0}\u{A0}\u{A0}\u{A0}فوز الفريق المحلي بالكأس\u{A0}\u{A0}\u{A0}\u{A0}أمطار غزيرة على الساحل.. والموانئ تغلق\u{A0}\u{A0}\u{A0}\u{A0}";
        let span = 0..t.trim_end_matches(is_space).len();
        assert!(is_headline_list(t, span));
    }

    #[test]
    fn paragraph_with_stray_nbsp_is_not_a_ticker() {
        let t =
            "قال المدير إن العمل بدأ.\u{A0} \"نحن جاهزون\" أضاف. ثم غادر.\u{A0} وانتهى الاجتماع.";
        assert!(!is_headline_list(t, 0..t.len()));
    }

    #[test]
    fn spaced_double_dot_headlines_are_a_ticker() {
        let t = "افتتاح معرض الكتاب .. هيئة الطيران تعلن جدولا جديدا .. فوز الأهلي بالدوري .. ارتفاع أسعار الذهب";
        assert!(is_headline_list(t, 0..t.len()));
        let t = "قال الرجل .. لم يكن هناك شيء .. وانتهى الأمر .. ثم غادر.";
        assert!(!is_headline_list(t, 0..t.len()));
    }

    #[test]
    fn ticker_followed_by_prose_on_one_line_has_a_prefix() {
        let nb = "\u{A0}\u{A0}\u{A0}\u{A0}";
        let body = "أعلنت الحكومة أمس خطة جديدة للنقل العام تشمل الحافلات والقطارات في المدن الكبرى، وقال الوزير إن التنفيذ يبدأ في الربيع المقبل بعد إقرار الميزانية اللازمة من البرلمان الذي سيناقشها الأسبوع المقبل في جلسة عامة مفتوحة أمام الصحفيين والمواطنين.";
        let t = format!("خبر أول قصير{nb}خبر ثان قصير{nb}خبر ثالث قصير{nb}{body}");
        let end = ticker_prefix(&t, 0..t.len()).unwrap();
        assert_eq!(
            &t[..end],
            format!("خبر أول قصير{nb}خبر ثان قصير{nb}خبر ثالث قصير")
        );
    }

    #[test]
    fn bar_separated_headlines_are_a_ticker() {
        let t = "عاجل: زلزال قوي | انتخابات بلدية الأحد | افتتاح معرض الكتاب";
        assert!(is_headline_list(t, 0..t.len()));
    }

    #[test]
    fn breadcrumb_trail_is_navigation() {
        let t = "الرئيسية » أخبار » اقتصاد";
        assert!(is_breadcrumb(t, 0..t.len()));
        let t = "قال إن «الحوار» هو الحل الوحيد » أمام الجميع » اليوم";
        assert!(!is_breadcrumb(t, 0..t.len()));
    }

    #[test]
    fn source_link_line_is_boilerplate() {
        let t = "اضغط هنا لقراءة الخبر من مصدره";
        let mut b = String::new();
        assert_eq!(
            lexicon_reason(t, 0..t.len(), &mut b),
            Some(BoilerplateReason::SourceLink)
        );
    }

    #[test]
    fn copyright_and_app_lines_are_boilerplate() {
        let mut b = String::new();
        let t = "© 2024 جميع الحقوق محفوظة";
        assert_eq!(
            lexicon_reason(t, 0..t.len(), &mut b),
            Some(BoilerplateReason::Copyright)
        );
        let t = "حمل تطبيق الموقع على هاتفك";
        assert_eq!(
            lexicon_reason(t, 0..t.len(), &mut b),
            Some(BoilerplateReason::AppPromotion)
        );
    }

    #[test]
    fn share_prompt_word_opening_prose_is_not_boilerplate() {
        let mut b = String::new();
        let t = "شارك في المؤتمر أكثر من مئتي باحث من عشرين دولة عربية وأجنبية.";
        assert_eq!(lexicon_reason(t, 0..t.len(), &mut b), None);
        let t = "شارك الخبر";
        assert_eq!(
            lexicon_reason(t, 0..t.len(), &mut b),
            Some(BoilerplateReason::SharePrompt)
        );
        let t = "مشاركة واسعة في الانتخابات البلدية.";
        assert_eq!(lexicon_reason(t, 0..t.len(), &mut b), None);
        let t = "التعليقات (12)";
        assert_eq!(
            lexicon_reason(t, 0..t.len(), &mut b),
            Some(BoilerplateReason::Widget)
        );
    }

    #[test]
    fn short_news_sentences_with_widget_words_are_not_boilerplate() {
        let mut b = String::new();
        for t in [
            "ارتفع عدد المشاهدات إلى مليون.",
            "الدواء متوفر على نطاق واسع.",
            "أعلنت اللجنة نتائج التصويت أمس.",
            "تم حجب الموقع في البلاد.",
            "أبلغ عن فقدان ابنه أمس.",
        ] {
            assert_eq!(lexicon_reason(t, 0..t.len(), &mut b), None, "{t}");
        }
    }

    #[test]
    fn phrase_inside_long_paragraph_is_not_boilerplate() {
        let mut b = String::new();
        let t = "وقال المتحدث إن جميع الحقوق محفوظة للعمال بموجب القانون الجديد الذي أقره البرلمان بعد نقاش طويل استمر عدة أسابيع بين الكتل.";
        assert_eq!(lexicon_reason(t, 0..t.len(), &mut b), None);
    }
}
