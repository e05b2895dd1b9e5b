//! Optional outputs for the services downstream: translation units (and their batches)
//! for machine translation, and a summary view for summarizers.

use std::{collections::HashMap, ops::Range};

use quotes::QuotationKind;

use crate::{Article, SegmentKind};

/// Optional outputs of [`Pipeline::run_with`](crate::Pipeline::run_with).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Extras {
    /// Build a translation unit per translatable segment, with these options.
    pub translation_units: Option<units::UnitOptions>,
    /// Group the units into batches under this limit (with `translation_units`).
    pub batch: Option<BatchLimit>,
    /// Build the [`Summary`].
    pub summary: bool,
}

/// The size limit of a batch of units.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BatchLimit {
    /// Largest batch size.
    pub max_size: usize,
    /// What the size counts.
    pub measure: units::Measure,
}

/// What a summarizer needs without reading the whole analysis.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Summary {
    /// Byte range of the title.
    pub title: Option<Range<usize>>,
    /// Indexes into [`Article::segments`] of the first body paragraph's sentences.
    pub lead: Vec<usize>,
    /// Statements grouped by speaker entity, in order of first statement; statements
    /// without a resolved speaker come last, in a group without speaker.
    pub speakers: Vec<SpeakerStatements>,
    /// Body paragraphs with at least one segment.
    pub paragraphs: usize,
    /// Body sentences.
    pub sentences: usize,
    /// Direct quotations.
    pub quotations: usize,
    /// Speaker entities.
    pub speaker_count: usize,
}

/// What one speaker said.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SpeakerStatements {
    /// Index into [`Article::speakers`]; `None` for unattributed statements.
    pub speaker: Option<usize>,
    /// Indexes into [`Article::quotations`] of the speaker's direct quotations.
    pub quotations: Vec<usize>,
    /// Indexes into [`Article::quotations`] of the speaker's indirect statements.
    pub indirect: Vec<usize>,
}

/// Fills the extras of `article`, the analysis of `text`.
pub(crate) fn fill(article: &mut Article, text: &str, extras: &Extras) {
    if let Some(options) = &extras.translation_units {
        let segments: Vec<units::SourceSegment> = article
            .segments
            .iter()
            .enumerate()
            .filter(|(_, segment)| segment.translate)
            .map(|(index, segment)| units::SourceSegment {
                index,
                span: segment.span.clone(),
                block: segment.block,
                title: segment.kind == SegmentKind::Title,
            })
            .collect();
        let quotations: Vec<units::SourceQuotation> = article
            .quotations
            .iter()
            .enumerate()
            .filter(|(_, quotation)| quotation.kind == QuotationKind::Direct)
            .map(|(index, quotation)| units::SourceQuotation {
                index,
                content: quotation.content.clone(),
                open_mark: quotation.open_mark.clone(),
                close_mark: quotation.close_mark.clone(),
                continuation_marks: quotation.continuation_marks.clone(),
                speaker: quotation
                    .attribution
                    .as_ref()
                    .and_then(|attribution| attribution.speaker),
            })
            .collect();
        article.translation_units = units::build_units(text, &segments, &quotations, options);
        if let Some(limit) = extras.batch {
            article.batches =
                units::pack(&article.translation_units, limit.max_size, limit.measure);
        }
    }
    if extras.summary {
        article.summary = Some(summary(article));
    }
}

fn summary(article: &Article) -> Summary {
    let first_paragraph = article
        .segments
        .iter()
        .find_map(|segment| (segment.kind == SegmentKind::Sentence).then_some(segment.paragraph))
        .flatten();
    let lead = article
        .segments
        .iter()
        .enumerate()
        .filter(|(_, segment)| {
            segment.kind == SegmentKind::Sentence && segment.paragraph == first_paragraph
        })
        .map(|(index, _)| index)
        .collect();
    let mut speakers: Vec<SpeakerStatements> = Vec::new();
    let mut unattributed = SpeakerStatements::default();
    let mut groups: HashMap<usize, usize> = HashMap::new();
    for (index, quotation) in article.quotations.iter().enumerate() {
        if !matches!(
            quotation.kind,
            QuotationKind::Direct | QuotationKind::Indirect
        ) {
            continue;
        }
        let speaker = quotation
            .attribution
            .as_ref()
            .and_then(|attribution| attribution.speaker);
        let group = match speaker {
            None => &mut unattributed,
            Some(id) => {
                let position = *groups.entry(id).or_insert_with(|| {
                    speakers.push(SpeakerStatements {
                        speaker,
                        ..SpeakerStatements::default()
                    });
                    speakers.len() - 1
                });
                &mut speakers[position]
            }
        };
        if quotation.kind == QuotationKind::Direct {
            group.quotations.push(index);
        } else {
            group.indirect.push(index);
        }
    }
    if !unattributed.quotations.is_empty() || !unattributed.indirect.is_empty() {
        speakers.push(unattributed);
    }
    let mut paragraphs: Vec<usize> = article
        .segments
        .iter()
        .filter_map(|segment| segment.paragraph)
        .collect();
    paragraphs.dedup();
    Summary {
        title: article.metadata.title.clone(),
        lead,
        speakers,
        paragraphs: paragraphs.len(),
        sentences: article
            .segments
            .iter()
            .filter(|segment| segment.kind == SegmentKind::Sentence)
            .count(),
        quotations: article
            .quotations
            .iter()
            .filter(|quotation| quotation.kind == QuotationKind::Direct)
            .count(),
        speaker_count: article.speakers.len(),
    }
}
