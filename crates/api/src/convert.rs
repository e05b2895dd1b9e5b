//! Domain results to protobuf messages. Byte ranges become code point spans here and
//! nowhere else.

use std::ops::Range;

use pipeline::{Article, BlockKind, Normalized, Profile, QuotationKind, SegmentKind, Severity};

use crate::{CodePoints, v1};

/// The protobuf profile of a domain profile.
fn profile(profile: Profile) -> v1::NormalizationProfile {
    match profile {
        Profile::Translation => v1::NormalizationProfile::Translation,
        Profile::Matching => v1::NormalizationProfile::Matching,
        Profile::None => v1::NormalizationProfile::None,
    }
}

pub(crate) fn segment_kind(kind: SegmentKind) -> v1::SegmentKind {
    match kind {
        SegmentKind::Title => v1::SegmentKind::Title,
        SegmentKind::Dateline => v1::SegmentKind::Dateline,
        SegmentKind::Subheading => v1::SegmentKind::Subheading,
        SegmentKind::Sentence => v1::SegmentKind::Sentence,
        SegmentKind::Caption => v1::SegmentKind::Caption,
        SegmentKind::ListItem => v1::SegmentKind::ListItem,
        SegmentKind::Boilerplate => v1::SegmentKind::Boilerplate,
    }
}

fn block_kind(kind: BlockKind) -> v1::BlockKind {
    match kind {
        BlockKind::Title => v1::BlockKind::Title,
        BlockKind::Dateline => v1::BlockKind::Dateline,
        BlockKind::Subheading => v1::BlockKind::Subheading,
        BlockKind::Paragraph => v1::BlockKind::Paragraph,
        BlockKind::Caption => v1::BlockKind::Caption,
        BlockKind::ListItem => v1::BlockKind::ListItem,
        BlockKind::Boilerplate(_) => v1::BlockKind::Boilerplate,
    }
}

fn quotation_kind(kind: QuotationKind) -> v1::QuotationKind {
    match kind {
        QuotationKind::Direct => v1::QuotationKind::Direct,
        QuotationKind::Indirect => v1::QuotationKind::Indirect,
        QuotationKind::Title => v1::QuotationKind::Title,
        QuotationKind::Name => v1::QuotationKind::Name,
        QuotationKind::Term => v1::QuotationKind::Term,
    }
}

fn position(position: pipeline::Position) -> v1::AttributionPosition {
    match position {
        pipeline::Position::Before => v1::AttributionPosition::Before,
        pipeline::Position::After => v1::AttributionPosition::After,
        pipeline::Position::Interrupting => v1::AttributionPosition::Interrupting,
        pipeline::Position::Continuation => v1::AttributionPosition::Continuation,
    }
}

fn severity(severity: Severity) -> v1::Severity {
    match severity {
        Severity::Info => v1::Severity::Info,
        Severity::Warning => v1::Severity::Warning,
    }
}

pub(crate) fn speaker_id(index: usize) -> String {
    format!("s{}", index + 1)
}

/// Builds spans and text slices of one original text.
pub(crate) struct Spans<'a> {
    text: &'a str,
    code_points: CodePoints<'a>,
    with_bytes: bool,
}

impl Spans<'_> {
    pub(crate) fn span(&self, range: &Range<usize>) -> v1::Span {
        self.code_points.span(range, self.with_bytes)
    }

    pub(crate) fn text(&self, range: &Range<usize>) -> String {
        self.text.get(range.clone()).unwrap_or_default().to_owned()
    }

    fn text_span(&self, range: &Range<usize>) -> v1::TextSpan {
        v1::TextSpan {
            text: self.text(range),
            span: Some(self.span(range)),
        }
    }

    fn diagnostic(&self, diagnostic: &pipeline::Diagnostic) -> v1::Diagnostic {
        v1::Diagnostic {
            severity: severity(diagnostic.severity).into(),
            code: diagnostic.code.to_owned(),
            message: diagnostic.message.clone(),
            span: diagnostic.span.as_ref().map(|range| self.span(range)),
        }
    }
}

pub(crate) fn index(value: usize) -> u32 {
    u32::try_from(value).unwrap_or(u32::MAX)
}

/// The `Preprocess` response for `article`, the analysis of `text`.
pub fn preprocess_response(
    document_id: &str,
    text: &str,
    article: &Article,
    with_bytes: bool,
) -> v1::PreprocessResponse {
    let spans = Spans {
        text,
        code_points: CodePoints::new(text),
        with_bytes,
    };
    let metadata = &article.metadata;
    let metadata = v1::ArticleMetadata {
        title: metadata
            .title
            .as_ref()
            .map(|range| spans.text(range))
            .unwrap_or_default(),
        title_span: metadata.title.as_ref().map(|range| spans.span(range)),
        outlet: metadata.outlet.clone().unwrap_or_default(),
        published: metadata
            .published
            .map(|date| format!("{:04}-{:02}-{:02}", date.year, date.month, date.day))
            .unwrap_or_default(),
        dateline_span: metadata.dateline.as_ref().map(|range| spans.span(range)),
        dateline_place: metadata
            .place
            .as_ref()
            .map(|range| spans.text(range))
            .unwrap_or_default(),
        agency: metadata
            .agency
            .as_ref()
            .map(|range| spans.text(range))
            .unwrap_or_default(),
    };
    let segments = article
        .segments
        .iter()
        .enumerate()
        .map(|(id, segment)| v1::Segment {
            id: index(id),
            kind: segment_kind(segment.kind).into(),
            span: Some(spans.span(&segment.span)),
            text: spans.text(&segment.span),
            normalized_text: segment.normalized_text.clone(),
            block_index: index(segment.block),
            paragraph_index: segment.paragraph.map(index),
            sentence_index: index(segment.sentence),
            quotation_ids: segment.quotations.iter().copied().map(index).collect(),
            translate: segment.translate,
            continuation: segment.continuation,
        })
        .collect();
    let quotations = article
        .quotations
        .iter()
        .enumerate()
        .map(|(id, quotation)| v1::Quotation {
            id: index(id),
            kind: quotation_kind(quotation.kind).into(),
            content_span: Some(spans.span(&quotation.content)),
            text: spans.text(&quotation.content),
            open_mark_span: quotation.open_mark.as_ref().map(|range| spans.span(range)),
            close_mark_span: quotation.close_mark.as_ref().map(|range| spans.span(range)),
            segment_ids: article
                .quotation_segments
                .get(id)
                .map(|ids| ids.iter().copied().map(index).collect())
                .unwrap_or_default(),
            attribution: quotation
                .attribution
                .as_ref()
                .map(|attribution| v1::Attribution {
                    speaker_id: attribution.speaker.map(speaker_id).unwrap_or_default(),
                    speaker_mention: attribution
                        .speaker_mention
                        .as_ref()
                        .map(|range| spans.text_span(range)),
                    cue: attribution.cue.as_ref().map(|cue| v1::Cue {
                        text: spans.text(&cue.span),
                        span: Some(spans.span(&cue.span)),
                        lemma: cue.lemma.to_owned(),
                    }),
                    position: position(attribution.position).into(),
                    confidence: attribution.confidence,
                }),
        })
        .collect();
    let speakers = article
        .speakers
        .iter()
        .enumerate()
        .map(|(id, speaker)| v1::Speaker {
            id: speaker_id(id),
            canonical_name: speaker.canonical_name.clone(),
            mentions: speaker
                .mentions
                .iter()
                .map(|range| spans.text_span(range))
                .collect(),
            roles: speaker.roles.clone(),
            anonymous: speaker.anonymous,
            plural: speaker.plural,
        })
        .collect();
    let removed_boilerplate = article
        .removed_boilerplate
        .iter()
        .filter_map(|&block| article.blocks.get(block))
        .map(|block| v1::BoilerplateBlock {
            span: Some(spans.span(&block.span)),
            text: spans.text(&block.span),
            reason: boilerplate_reason(block.kind).to_owned(),
        })
        .collect();
    let blocks = article
        .blocks
        .iter()
        .map(|block| v1::Block {
            kind: block_kind(block.kind).into(),
            span: Some(spans.span(&block.span)),
            boilerplate_reason: boilerplate_reason(block.kind).to_owned(),
        })
        .collect();
    let translation_units = article
        .translation_units
        .iter()
        .map(|unit| {
            let kind = article
                .segments
                .get(unit.segment)
                .map_or(v1::SegmentKind::Unspecified, |segment| {
                    segment_kind(segment.kind)
                });
            crate::units::unit(unit, kind, article, &spans)
        })
        .collect();
    let batches = article
        .batches
        .iter()
        .map(|batch| v1::UnitBatch {
            unit_ids: article
                .translation_units
                .get(batch.units.clone())
                .unwrap_or_default()
                .iter()
                .map(|unit| unit.id.clone())
                .collect(),
            size: index(batch.size),
            oversize: batch.oversize,
        })
        .collect();
    let summary = article
        .summary
        .as_ref()
        .map(|summary| crate::units::summary(summary, article, &spans));
    v1::PreprocessResponse {
        document_id: document_id.to_owned(),
        metadata: Some(metadata),
        translation_units,
        batches,
        summary,
        segments,
        quotations,
        speakers,
        removed_boilerplate,
        blocks,
        diagnostics: article
            .diagnostics
            .iter()
            .map(|diagnostic| spans.diagnostic(diagnostic))
            .collect(),
        text_length: spans.code_points.len(),
        profile: profile(article.profile).into(),
    }
}

fn boilerplate_reason(kind: BlockKind) -> &'static str {
    match kind {
        BlockKind::Boilerplate(reason) => reason.as_str(),
        _ => "",
    }
}

/// The `Normalize` response for `normalized`, the normalization of `text`.
/// `extra_diagnostics` come from earlier stages (charset decisions).
pub fn normalize_response(
    document_id: &str,
    text: &str,
    normalized: &Normalized,
    used_profile: Profile,
    extra_diagnostics: &[pipeline::Diagnostic],
) -> v1::NormalizeResponse {
    let spans = Spans {
        text,
        code_points: CodePoints::new(text),
        with_bytes: false,
    };
    let mut diagnostics: Vec<v1::Diagnostic> = extra_diagnostics
        .iter()
        .map(|diagnostic| spans.diagnostic(diagnostic))
        .collect();
    diagnostics.extend(normalized.diagnostics().iter().map(|found| v1::Diagnostic {
        severity: v1::Severity::Warning.into(),
        code: found.code.to_owned(),
        message: found.message.clone(),
        span: Some(spans.span(&found.original)),
    }));
    v1::NormalizeResponse {
        document_id: document_id.to_owned(),
        normalized_text: normalized.text().to_owned(),
        edits: normalized
            .edits()
            .iter()
            .map(|edit| v1::NormalizationEdit {
                original_span: Some(spans.span(&edit.original)),
                replacement: normalized
                    .text()
                    .get(edit.normalized.clone())
                    .unwrap_or_default()
                    .to_owned(),
                rule: edit.rule.to_owned(),
            })
            .collect(),
        diagnostics,
        profile: profile(used_profile).into(),
    }
}
