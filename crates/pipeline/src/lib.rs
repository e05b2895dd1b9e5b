//! The domain model and the pipeline that produces it.
//!
//! [`Pipeline::run`] takes the original text of one article and runs every stage in
//! order: normalization (with an offset map), structure (blocks, boilerplate, metadata),
//! sentences, quotations and attribution. The result, an [`Article`], is plain data
//! whose every range is a UTF-8 byte range into that original text. Each stage is a pure
//! function: no I/O, no global mutable state, deterministic.
//!
//! ```
//! use pipeline::{Options, Pipeline};
//!
//! let text = "عنوان الخبر\nوقال مسؤول كبير \"لم يتغير شيء.\" وأضاف أن المحادثات مستمرة.\n";
//! let article = Pipeline::new().run(text, &Options::default());
//! for segment in &article.segments {
//!     assert!(!text[segment.span.clone()].is_empty());
//! }
//! ```

mod decode;
mod extras;

use std::ops::Range;

pub use arabic_text::{NormalizeOptions, Normalized, Profile, RuleOverrides};
pub use article::{BlockKind, BoilerplateReason, Date, Metadata};
pub use decode::{DecodeError, Decoded, decode};
pub use extras::{BatchLimit, Extras, SpeakerStatements, Summary};
pub use quotes::{Attribution, Cue, Position, Quotation, QuotationKind, Speaker};

/// How to process one article.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Options {
    /// Normalization profile of the segments' normalized text.
    pub profile: Profile,
    /// Per-rule overrides on top of the profile.
    pub overrides: RuleOverrides,
    /// Return boilerplate blocks as segments too (flagged not to translate).
    pub keep_boilerplate: bool,
    /// Split sentences longer than this many characters at clause boundaries.
    pub max_segment_chars: Option<usize>,
}

/// What a segment is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SegmentKind {
    /// The article's title.
    Title,
    /// Dateline or byline.
    Dateline,
    /// A subheading.
    Subheading,
    /// A sentence of a body paragraph.
    Sentence,
    /// An image or video caption.
    Caption,
    /// A list item.
    ListItem,
    /// Page boilerplate (only with `keep_boilerplate`).
    Boilerplate,
}

impl SegmentKind {
    fn of_block(kind: BlockKind) -> Self {
        match kind {
            BlockKind::Title => Self::Title,
            BlockKind::Dateline => Self::Dateline,
            BlockKind::Subheading => Self::Subheading,
            BlockKind::Paragraph => Self::Sentence,
            BlockKind::Caption => Self::Caption,
            BlockKind::ListItem => Self::ListItem,
            BlockKind::Boilerplate(_) => Self::Boilerplate,
        }
    }
}

/// One unit for translation or summarization.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Segment {
    /// What it is.
    pub kind: SegmentKind,
    /// Byte range of the original text.
    pub span: Range<usize>,
    /// The segment's text normalized with the request's profile.
    pub normalized_text: String,
    /// Index into [`Article::blocks`].
    pub block: usize,
    /// Index of the body paragraph, counting paragraph blocks only.
    pub paragraph: Option<usize>,
    /// Index of the sentence within its block.
    pub sentence: usize,
    /// Indexes into [`Article::quotations`] of the quotations the segment overlaps.
    pub quotations: Vec<usize>,
    /// Whether to send it to translation.
    pub translate: bool,
    /// True when it continues the previous segment (an over-long sentence split).
    pub continuation: bool,
}

/// One block of the page layout.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    /// What it is.
    pub kind: BlockKind,
    /// Byte range of the original text.
    pub span: Range<usize>,
}

/// How serious a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Severity {
    /// For information.
    Info,
    /// Something looks wrong in the input.
    Warning,
}

/// Something the caller should know about the input or its processing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// How serious it is.
    pub severity: Severity,
    /// Stable machine-readable code.
    pub code: &'static str,
    /// Human-readable explanation.
    pub message: String,
    /// Byte range of the original it is about.
    pub span: Option<Range<usize>>,
}

/// The analysis of one article. Every range is a byte range of the original text.
#[derive(Debug, Clone, PartialEq)]
pub struct Article {
    /// Title, outlet, date, dateline.
    pub metadata: Metadata,
    /// Blocks of the page in text order.
    pub blocks: Vec<Block>,
    /// Segments in text order.
    pub segments: Vec<Segment>,
    /// Quotations and reported speech in text order.
    pub quotations: Vec<Quotation>,
    /// For each quotation, the indexes of the segments it covers.
    pub quotation_segments: Vec<Vec<usize>>,
    /// Speaker entities.
    pub speakers: Vec<Speaker>,
    /// Indexes into [`Article::blocks`] of the boilerplate blocks kept out of the body.
    pub removed_boilerplate: Vec<usize>,
    /// Findings of every stage.
    pub diagnostics: Vec<Diagnostic>,
    /// The profile the normalized texts were made with.
    pub profile: Profile,
    /// One translation unit per translatable segment (with [`Extras::translation_units`]).
    pub translation_units: Vec<units::TranslationUnit>,
    /// Batches of [`Article::translation_units`] (with [`Extras::batch`]).
    pub batches: Vec<units::Batch>,
    /// The summary view (with [`Extras::summary`]).
    pub summary: Option<Summary>,
}

/// The preprocessing pipeline. Cheap to create; holds no per-request state.
#[derive(Debug, Clone, Default)]
pub struct Pipeline {
    _private: (),
}

impl Pipeline {
    /// A pipeline with the built-in rules.
    pub fn new() -> Self {
        Self::default()
    }

    /// Normalizes `text` alone.
    pub fn normalize(&self, text: &str, options: NormalizeOptions) -> Normalized {
        let _span = tracing::info_span!("normalize", bytes = text.len()).entered();
        arabic_text::Normalizer::new(options).normalize(text)
    }

    /// Runs every stage over the original text of one article.
    pub fn run(&self, text: &str, options: &Options) -> Article {
        let normalized = self.normalize(
            text,
            NormalizeOptions {
                profile: options.profile,
                overrides: options.overrides.clone(),
                record_edits: false,
            },
        );
        let mut diagnostics: Vec<Diagnostic> = normalized
            .diagnostics()
            .iter()
            .map(|found| Diagnostic {
                severity: Severity::Warning,
                code: found.code,
                message: found.message.clone(),
                span: Some(found.original.clone()),
            })
            .collect();

        let structure = {
            let _span = tracing::info_span!("structure").entered();
            article::analyze(text)
        };

        let segments = {
            let _span = tracing::info_span!("sentences").entered();
            segment(text, &structure.blocks, &normalized, options)
        };
        // The normalized text and its offset map are not needed past this point: freed
        // before the quotation analysis, whose working memory is the peak of the request.
        drop(normalized);

        let analysis = {
            let _span = tracing::info_span!("quotations").entered();
            let text_blocks: Vec<Range<usize>> = structure
                .blocks
                .iter()
                .filter(|block| !matches!(block.kind, BlockKind::Boilerplate(_)))
                .map(|block| block.span.clone())
                .collect();
            quotes::analyze(text, &text_blocks)
        };
        diagnostics.extend(analysis.diagnostics.into_iter().map(|found| Diagnostic {
            severity: Severity::Warning,
            code: found.code,
            message: found.message,
            span: Some(found.span),
        }));

        let mut article = Article {
            metadata: structure.metadata,
            removed_boilerplate: structure
                .blocks
                .iter()
                .enumerate()
                .filter(|(_, block)| matches!(block.kind, BlockKind::Boilerplate(_)))
                .map(|(index, _)| index)
                .collect(),
            blocks: structure
                .blocks
                .into_iter()
                .map(|block| Block {
                    kind: block.kind,
                    span: block.span,
                })
                .collect(),
            quotation_segments: Vec::new(),
            segments,
            quotations: analysis.quotations,
            speakers: analysis.speakers,
            diagnostics,
            profile: options.profile,
            translation_units: Vec::new(),
            batches: Vec::new(),
            summary: None,
        };
        link_quotations(&mut article);
        article
    }

    /// [`Pipeline::run`], plus the optional outputs asked for in `extras`.
    pub fn run_with(&self, text: &str, options: &Options, extras: &Extras) -> Article {
        let mut article = self.run(text, options);
        let _span = tracing::info_span!("extras").entered();
        extras::fill(&mut article, text, extras);
        article
    }
}

/// Splits every block into segments, boilerplate only when asked.
fn segment(
    text: &str,
    blocks: &[article::Block],
    normalized: &Normalized,
    options: &Options,
) -> Vec<Segment> {
    let sentence_options = article::SentenceOptions {
        max_chars: options.max_segment_chars,
    };
    let mut segments = Vec::new();
    let mut paragraphs = 0;
    for (index, block) in blocks.iter().enumerate() {
        let boilerplate = matches!(block.kind, BlockKind::Boilerplate(_));
        if boilerplate && !options.keep_boilerplate {
            continue;
        }
        let paragraph = (block.kind == BlockKind::Paragraph).then(|| {
            paragraphs += 1;
            paragraphs - 1
        });
        let kind = SegmentKind::of_block(block.kind);
        for (position, sentence) in article::split_sentences(text, block, &sentence_options)
            .into_iter()
            .enumerate()
        {
            let normalized_span = normalized.to_normalized(sentence.span.clone());
            segments.push(Segment {
                kind,
                normalized_text: normalized.text()[normalized_span].to_owned(),
                span: sentence.span,
                block: index,
                paragraph,
                sentence: position,
                quotations: Vec::new(),
                translate: !boilerplate,
                continuation: sentence.continuation,
            });
        }
    }
    segments
}

/// Links each quotation to the segments it overlaps, both ways.
fn link_quotations(article: &mut Article) {
    article.quotation_segments = Vec::with_capacity(article.quotations.len());
    for (quotation_index, quotation) in article.quotations.iter().enumerate() {
        let content = &quotation.content;
        let first = article
            .segments
            .partition_point(|segment| segment.span.end <= content.start);
        let mut covered = Vec::new();
        for (segment_index, segment) in article.segments.iter_mut().enumerate().skip(first) {
            if segment.span.start >= content.end.max(content.start + 1) {
                break;
            }
            if segment.span.end > content.start {
                segment.quotations.push(quotation_index);
                covered.push(segment_index);
            }
        }
        article.quotation_segments.push(covered);
    }
}
