//! Translation units, batches, the summary view and reassembly: domain ↔ protobuf.
//! Byte ranges become code point spans here, as everywhere in this crate.

use std::collections::HashMap;

use pipeline::Article;
use units::{
    PlaceholderKind, PlaceholderStyle, ProtectedKind, QuotationRole, QuotationStyle, Reassembled,
};

use crate::{
    convert::{Spans, index, speaker_id},
    v1,
};

fn placeholder_kind(kind: PlaceholderKind) -> v1::PlaceholderKind {
    match kind {
        PlaceholderKind::Protected(kind) => protected_kind(kind),
        PlaceholderKind::QuoteOpen => v1::PlaceholderKind::QuoteOpen,
        PlaceholderKind::QuoteClose => v1::PlaceholderKind::QuoteClose,
        PlaceholderKind::Literal => v1::PlaceholderKind::Literal,
    }
}

fn protected_kind(kind: ProtectedKind) -> v1::PlaceholderKind {
    match kind {
        ProtectedKind::Url => v1::PlaceholderKind::Url,
        ProtectedKind::Email => v1::PlaceholderKind::Email,
        ProtectedKind::Handle => v1::PlaceholderKind::Handle,
        ProtectedKind::Hashtag => v1::PlaceholderKind::Hashtag,
        ProtectedKind::NumberWithUnit => v1::PlaceholderKind::NumberWithUnit,
        ProtectedKind::Date => v1::PlaceholderKind::Date,
        ProtectedKind::Latin => v1::PlaceholderKind::Latin,
        ProtectedKind::Code => v1::PlaceholderKind::Code,
    }
}

/// The protectable kind of a protobuf placeholder kind (`None` for quotation marks,
/// literals and unknown values).
pub fn protectable_kind(kind: v1::PlaceholderKind) -> Option<ProtectedKind> {
    ProtectedKind::ALL
        .into_iter()
        .find(|&candidate| protected_kind(candidate) == kind)
}

fn domain_placeholder_kind(kind: v1::PlaceholderKind) -> PlaceholderKind {
    match kind {
        v1::PlaceholderKind::QuoteOpen => PlaceholderKind::QuoteOpen,
        v1::PlaceholderKind::QuoteClose => PlaceholderKind::QuoteClose,
        other => {
            protectable_kind(other).map_or(PlaceholderKind::Literal, PlaceholderKind::Protected)
        }
    }
}

fn style(style: PlaceholderStyle) -> v1::PlaceholderStyle {
    match style {
        PlaceholderStyle::Bracket => v1::PlaceholderStyle::Bracket,
        PlaceholderStyle::Xml => v1::PlaceholderStyle::Xml,
    }
}

/// The domain placeholder style of a protobuf one (unspecified: bracket).
pub fn placeholder_style(value: v1::PlaceholderStyle) -> PlaceholderStyle {
    match value {
        v1::PlaceholderStyle::Xml => PlaceholderStyle::Xml,
        v1::PlaceholderStyle::Unspecified | v1::PlaceholderStyle::Bracket => {
            PlaceholderStyle::Bracket
        }
    }
}

/// The domain quotation style of a protobuf one (unspecified: English).
pub fn quotation_style(value: v1::QuotationStyle) -> QuotationStyle {
    match value {
        v1::QuotationStyle::Unspecified | v1::QuotationStyle::English => QuotationStyle::English,
        v1::QuotationStyle::Guillemets => QuotationStyle::Guillemets,
        v1::QuotationStyle::German => QuotationStyle::German,
        v1::QuotationStyle::Straight => QuotationStyle::Straight,
    }
}

fn role(role: QuotationRole) -> v1::QuotationPartRole {
    match role {
        QuotationRole::Whole => v1::QuotationPartRole::Whole,
        QuotationRole::Opens => v1::QuotationPartRole::Opens,
        QuotationRole::Inside => v1::QuotationPartRole::Inside,
        QuotationRole::Continues => v1::QuotationPartRole::Continues,
        QuotationRole::Closes => v1::QuotationPartRole::Closes,
    }
}

fn domain_role(role: v1::QuotationPartRole) -> QuotationRole {
    match role {
        v1::QuotationPartRole::Whole => QuotationRole::Whole,
        v1::QuotationPartRole::Opens => QuotationRole::Opens,
        v1::QuotationPartRole::Continues => QuotationRole::Continues,
        v1::QuotationPartRole::Closes => QuotationRole::Closes,
        v1::QuotationPartRole::Unspecified | v1::QuotationPartRole::Inside => QuotationRole::Inside,
    }
}

fn cue(article: &Article, quotation: usize, spans: &Spans<'_>) -> Option<v1::Cue> {
    let cue = article
        .quotations
        .get(quotation)?
        .attribution
        .as_ref()?
        .cue
        .as_ref()?;
    Some(v1::Cue {
        text: spans.text(&cue.span),
        span: Some(spans.span(&cue.span)),
        lemma: cue.lemma.to_owned(),
    })
}

/// The protobuf unit of a domain unit.
pub(crate) fn unit(
    unit: &units::TranslationUnit,
    kind: v1::SegmentKind,
    article: &Article,
    spans: &Spans<'_>,
) -> v1::TranslationUnit {
    v1::TranslationUnit {
        id: unit.id.clone(),
        segment_id: index(unit.segment),
        kind: kind.into(),
        block_index: index(unit.block),
        span: Some(spans.span(&unit.span)),
        separator: unit.separator.clone(),
        text: unit.text.clone(),
        placeholder_style: style(unit.style).into(),
        placeholders: unit
            .placeholders
            .iter()
            .map(|placeholder| v1::Placeholder {
                id: placeholder.id,
                token: token(unit.style, placeholder.id),
                kind: placeholder_kind(placeholder.kind).into(),
                text: placeholder.original.clone(),
                span: Some(spans.span(&placeholder.span)),
                quotation_id: placeholder.quotation.map(index),
            })
            .collect(),
        quotation_parts: unit
            .quotation_parts
            .iter()
            .map(|part| v1::QuotationPart {
                quotation_id: index(part.quotation),
                role: role(part.role).into(),
                mark_at_start: part.mark_at_start,
                mark_at_end: part.mark_at_end,
                speaker_id: part.speaker.map(speaker_id).unwrap_or_default(),
                cue: cue(article, part.quotation, spans),
            })
            .collect(),
    }
}

fn token(style: PlaceholderStyle, id: u32) -> String {
    match style {
        PlaceholderStyle::Bracket => format!("⟦{id}⟧"),
        PlaceholderStyle::Xml => format!("<x id=\"{id}\"/>"),
    }
}

/// The protobuf summary of a domain summary.
pub(crate) fn summary(
    summary: &pipeline::Summary,
    article: &Article,
    spans: &Spans<'_>,
) -> v1::Summary {
    let statement = |quotation: &usize| v1::Statement {
        quotation_id: index(*quotation),
        text: article
            .quotations
            .get(*quotation)
            .map(|found| spans.text(&found.content))
            .unwrap_or_default(),
    };
    let lead = summary
        .lead
        .iter()
        .filter_map(|&segment| article.segments.get(segment))
        .map(|segment| spans.text(&segment.span))
        .collect();
    v1::Summary {
        title: summary
            .title
            .as_ref()
            .map(|range| spans.text(range))
            .unwrap_or_default(),
        lead,
        lead_segment_ids: summary.lead.iter().copied().map(index).collect(),
        speakers: summary
            .speakers
            .iter()
            .map(|group| {
                let speaker = group.speaker.and_then(|id| article.speakers.get(id));
                v1::SpeakerStatements {
                    speaker_id: group.speaker.map(speaker_id).unwrap_or_default(),
                    name: speaker
                        .map(|speaker| speaker.canonical_name.clone())
                        .unwrap_or_default(),
                    roles: speaker
                        .map(|speaker| speaker.roles.clone())
                        .unwrap_or_default(),
                    quotations: group.quotations.iter().map(statement).collect(),
                    indirect_statements: group.indirect.iter().map(statement).collect(),
                }
            })
            .collect(),
        counts: Some(v1::SummaryCounts {
            paragraphs: index(summary.paragraphs),
            sentences: index(summary.sentences),
            quotations: index(summary.quotations),
            speakers: index(summary.speaker_count),
        }),
    }
}

fn parse_speaker_id(id: &str) -> Option<usize> {
    id.strip_prefix('s')?.parse::<usize>().ok()?.checked_sub(1)
}

/// Domain units of the units of a `ReassembleRequest`. Spans are not needed to
/// reassemble and are left empty.
pub fn units_from_proto(units: &[v1::TranslationUnit]) -> Vec<units::TranslationUnit> {
    units
        .iter()
        .enumerate()
        .map(|(position, unit)| units::TranslationUnit {
            id: unit.id.clone(),
            segment: unit.segment_id as usize,
            // Units of one block are consecutive; a unit without a block index of its
            // own keeps to itself.
            block: unit.block_index as usize,
            title: unit.kind() == v1::SegmentKind::Title,
            span: 0..0,
            separator: if position == 0 {
                String::new()
            } else {
                unit.separator.clone()
            },
            text: unit.text.clone(),
            style: placeholder_style(unit.placeholder_style()),
            placeholders: unit
                .placeholders
                .iter()
                .map(|placeholder| units::Placeholder {
                    id: placeholder.id,
                    kind: domain_placeholder_kind(placeholder.kind()),
                    quotation: placeholder.quotation_id.map(|id| id as usize),
                    span: 0..0,
                    original: placeholder.text.clone(),
                })
                .collect(),
            quotation_parts: unit
                .quotation_parts
                .iter()
                .map(|part| units::QuotationPart {
                    quotation: part.quotation_id as usize,
                    role: domain_role(part.role()),
                    mark_at_start: part.mark_at_start,
                    mark_at_end: part.mark_at_end,
                    speaker: parse_speaker_id(&part.speaker_id),
                })
                .collect(),
        })
        .collect()
}

/// The `Reassemble` response for `reassembled`, made from `request`'s units.
pub fn reassemble_response(
    request: &v1::ReassembleRequest,
    reassembled: &Reassembled,
) -> v1::ReassembleResponse {
    let mut kinds: HashMap<usize, v1::SegmentKind> = HashMap::new();
    let mut cues: HashMap<u32, (&str, Option<&v1::Cue>)> = HashMap::new();
    for unit in &request.units {
        kinds
            .entry(unit.block_index as usize)
            .or_insert(unit.kind());
        for part in &unit.quotation_parts {
            let entry = cues
                .entry(part.quotation_id)
                .or_insert((part.speaker_id.as_str(), None));
            if entry.1.is_none() {
                entry.1 = part.cue.as_ref();
            }
        }
    }
    v1::ReassembleResponse {
        document_id: request.document_id.clone(),
        title: reassembled.title().unwrap_or_default().to_owned(),
        paragraphs: reassembled
            .blocks
            .iter()
            .filter(|block| !block.title)
            .map(|block| v1::TranslatedBlock {
                block_index: index(block.block),
                kind: kinds
                    .get(&block.block)
                    .copied()
                    .unwrap_or(v1::SegmentKind::Unspecified)
                    .into(),
                text: block.text.clone(),
                unit_ids: block.units.clone(),
            })
            .collect(),
        quotations: reassembled
            .quotations
            .iter()
            .map(|quotation| {
                let (speaker, cue) = cues
                    .get(&index(quotation.quotation))
                    .copied()
                    .unwrap_or_default();
                v1::TranslatedQuotation {
                    quotation_id: index(quotation.quotation),
                    text: quotation.text.clone(),
                    speaker_id: quotation
                        .speaker
                        .map(speaker_id)
                        .unwrap_or_else(|| speaker.to_owned()),
                    cue: cue.cloned(),
                    block_indexes: quotation.blocks.iter().copied().map(index).collect(),
                }
            })
            .collect(),
        diagnostics: reassembled
            .problems
            .iter()
            .map(|problem| v1::ReassemblyDiagnostic {
                code: problem.code().to_owned(),
                message: problem.to_string(),
                field: problem.field(),
                unit_id: problem.unit_id().to_owned(),
            })
            .collect(),
    }
}
