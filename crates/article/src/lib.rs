//! Article structure and Arabic sentence segmentation.
//!
//! [`analyze`] reads raw article text as scraped from a news page and returns its
//! [`Structure`]: blocks (boilerplate, title, dateline, subheadings, paragraphs, …) and
//! metadata (title, outlet, publication date). [`split_sentences`] then splits one block
//! into sentences with Arabic rules. All ranges are UTF-8 byte ranges into the text given,
//! trimmed of surrounding whitespace (NBSP and other Unicode spaces included) and never
//! empty.
//!
//! Nothing is normalized: the rules read the original text, treating no-break and thin
//! spaces as whitespace and tatweel and diacritics as parts of words. The rules live in
//! one module each (`boilerplate`, `structure`, `metadata`, `dates`, `sentences`,
//! `length`) and their data (abbreviations, month names, boilerplate phrases, agencies)
//! in small commented files under `data/`.
//!
//! ```
//! use article::{BlockKind, SentenceOptions};
//!
//! let text = "عنوان الخبر\nنشر في الموقع يوم 03 - 11 - 2016\n\
//!             قال د. سامي إن الاجتماع انتهى.وأضاف أنه راض عن النتائج بنسبة 2.5 بالمائة.\n\
//!             اضغط هنا لقراءة الخبر من مصدره.\n";
//! let structure = article::analyze(text);
//! let kinds: Vec<BlockKind> = structure.blocks.iter().map(|b| b.kind).collect();
//! assert_eq!(kinds[0], BlockKind::Title);
//! assert_eq!(kinds[1], BlockKind::Dateline);
//! assert!(matches!(kinds[3], BlockKind::Boilerplate(_)));
//! let date = structure.metadata.published.unwrap();
//! assert_eq!((date.year, date.month, date.day), (2016, 11, 3));
//!
//! let body = &structure.blocks[2];
//! let sentences = article::split_sentences(text, body, &SentenceOptions::default());
//! let sentences: Vec<&str> = sentences.iter().map(|s| &text[s.span.clone()]).collect();
//! assert_eq!(sentences, ["قال د. سامي إن الاجتماع انتهى.", "وأضاف أنه راض عن النتائج بنسبة 2.5 بالمائة."]);
//! ```

use std::ops::Range;

mod boilerplate;
mod chars;
mod dates;
mod length;
mod lexicon;
mod metadata;
mod sentences;
mod structure;

/// What a block of the page is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum BlockKind {
    /// The article's title.
    Title,
    /// Dateline or byline («نشر في … يوم 03 - 11 - 2016», «هراري 15 - 7 (اف ب) -»).
    Dateline,
    /// A subheading inside the body.
    Subheading,
    /// A paragraph of the body.
    Paragraph,
    /// A caption of an image or video.
    Caption,
    /// An item of a list.
    ListItem,
    /// Page furniture that is not part of the article.
    Boilerplate(BoilerplateReason),
}

/// Why a block was judged to be boilerplate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum BoilerplateReason {
    /// A ticker or list of unrelated headlines.
    HeadlineList,
    /// Widget text (image report, rating, poll, …).
    Widget,
    /// A "read at source" / "read more" link.
    SourceLink,
    /// Share, print or comment prompts.
    SharePrompt,
    /// Copyright lines.
    Copyright,
    /// App-promotion lines.
    AppPromotion,
    /// A list of related articles («اقرأ أيضا»).
    RelatedArticles,
    /// Site navigation: a breadcrumb trail («الرئيسية » أخبار » سياسة»).
    Navigation,
}

impl BoilerplateReason {
    /// Stable machine-readable name.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::HeadlineList => "headline_list",
            Self::Widget => "widget",
            Self::SourceLink => "source_link",
            Self::SharePrompt => "share_prompt",
            Self::Copyright => "copyright",
            Self::AppPromotion => "app_promotion",
            Self::RelatedArticles => "related_articles",
            Self::Navigation => "navigation",
        }
    }
}

/// One block of the page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    /// What the block is.
    pub kind: BlockKind,
    /// Byte range into the text, without surrounding whitespace.
    pub span: Range<usize>,
}

/// A calendar date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Date {
    /// Year, e.g. 2014.
    pub year: u16,
    /// Month, 1–12.
    pub month: u8,
    /// Day of the month, 1–31.
    pub day: u8,
}

/// What the page says about the article.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Metadata {
    /// Byte range of the title.
    pub title: Option<Range<usize>>,
    /// The outlet's name, as written.
    pub outlet: Option<String>,
    /// Publication date.
    pub published: Option<Date>,
    /// Byte range of the dateline.
    pub dateline: Option<Range<usize>>,
    /// Byte range of the dateline's place («هراري»).
    pub place: Option<Range<usize>>,
    /// Byte range of the news agency named in the dateline («اف ب»).
    pub agency: Option<Range<usize>>,
}

/// Blocks and metadata of an article.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Structure {
    /// Blocks in text order, non-overlapping.
    pub blocks: Vec<Block>,
    /// Article metadata.
    pub metadata: Metadata,
}

/// Reads the structure of raw article text: classifies its lines into blocks (boilerplate
/// with a reason, title, dateline, subheadings, paragraphs, captions, list items) and reads
/// the metadata. Blocks are in text order, do not overlap and cover every non-whitespace
/// character of `text`.
pub fn analyze(text: &str) -> Structure {
    let blocks = structure::blocks(text);
    let metadata = metadata::extract(text, &blocks);
    Structure { blocks, metadata }
}

/// Parses the first date written in `s` («03 - 11 - 2016», «2016/11/03», «السبت 7 مارس
/// 2020», «3 كانون الثاني 2015», Arabic-Indic digits …).
pub fn parse_date(s: &str) -> Option<Date> {
    dates::find_date(s).map(|(d, _)| d)
}

/// Options of sentence segmentation.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SentenceOptions {
    /// Split sentences longer than this many characters at clause boundaries.
    pub max_chars: Option<usize>,
}

/// One sentence (or one piece of an over-long sentence).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sentence {
    /// Byte range into the text, without surrounding whitespace.
    pub span: Range<usize>,
    /// True when this piece continues the previous sentence (split for length).
    pub continuation: bool,
}

/// Splits one block into sentences.
///
/// Prose blocks are split at `.` `!` `?` `؟` `…` and their runs (closing quotes and brackets
/// attached) and at line ends, with Arabic exceptions (abbreviations and initials, decimals,
/// times, dates, URLs, «..» pauses, a terminator followed by «،» or «:»). A headline-list
/// block gives one sentence per headline. With [`SentenceOptions::max_chars`], over-long
/// sentences are cut at clause boundaries and the later pieces flagged `continuation`.
/// A block whose span is not a valid range of `text` gives no sentences.
pub fn split_sentences(text: &str, block: &Block, options: &SentenceOptions) -> Vec<Sentence> {
    let span = block.span.clone();
    if span.start > span.end
        || span.end > text.len()
        || !text.is_char_boundary(span.start)
        || !text.is_char_boundary(span.end)
    {
        return Vec::new();
    }
    let mut ranges = Vec::new();
    if options.max_chars.is_none()
        && block.kind != BlockKind::Boilerplate(BoilerplateReason::HeadlineList)
    {
        // The common case: sentences straight from the prose splitter, one allocation.
        let mut sentences = Vec::new();
        sentences::split_prose(text, span, &mut |span| {
            sentences.push(Sentence {
                span,
                continuation: false,
            })
        });
        return sentences;
    }
    if block.kind == BlockKind::Boilerplate(BoilerplateReason::HeadlineList) {
        let mut last = span.start;
        for (sep, kind) in boilerplate::ticker_separators(text, span.clone()) {
            // A bar or «..» stays with the headline before it, so every visible character
            // of the block belongs to some sentence.
            let cut = match kind {
                boilerplate::SeparatorKind::Space => sep.start,
                _ => match text[sep.clone()].rfind(['|', '¦', '.']) {
                    Some(k) => sep.start + k + chars::char_at(text, sep.start + k).len_utf8(),
                    None => sep.start,
                },
            };
            if let Some(r) = chars::trim_range(text, last..cut) {
                ranges.push(r);
            }
            last = cut;
        }
        if let Some(r) = chars::trim_range(text, last..span.end) {
            ranges.push(r);
        }
    } else {
        sentences::split_prose(text, span, &mut |r| ranges.push(r));
    }
    match options.max_chars {
        None => ranges
            .into_iter()
            .map(|span| Sentence {
                span,
                continuation: false,
            })
            .collect(),
        Some(max) => {
            let mut pieces = Vec::with_capacity(ranges.len());
            for r in ranges {
                length::split_long(text, r, max, &mut pieces);
            }
            pieces
                .into_iter()
                .map(|(span, continuation)| Sentence { span, continuation })
                .collect()
        }
    }
}
