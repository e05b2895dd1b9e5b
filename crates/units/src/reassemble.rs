//! Translations of units back to an article: placeholders restored, quotation marks
//! re-applied in the target style, quotations re-linked to their speakers.

use std::collections::HashMap;

use crate::{PlaceholderKind, TranslationUnit, token};

/// The translation of one unit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Translation {
    /// The unit's id ([`TranslationUnit::id`]).
    pub unit_id: String,
    /// The translated text, placeholders kept.
    pub text: String,
}

/// Quotation marks of the target language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum QuotationStyle {
    /// “…” (English).
    #[default]
    English,
    /// «…» (French, Spanish, Russian, Arabic).
    Guillemets,
    /// „…“ (German, Czech).
    German,
    /// "…" (plain ASCII).
    Straight,
}

impl QuotationStyle {
    /// The opening and the closing mark.
    pub fn marks(self) -> (&'static str, &'static str) {
        match self {
            Self::English => ("“", "”"),
            Self::Guillemets => ("«", "»"),
            Self::German => ("„", "“"),
            Self::Straight => ("\"", "\""),
        }
    }
}

/// How to reassemble.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct ReassembleOptions {
    /// Quotation marks to re-apply.
    pub style: QuotationStyle,
    /// Produce a best-effort result even when there are problems, listing them in
    /// [`Reassembled::problems`], instead of failing.
    pub lenient: bool,
}

/// Something wrong with a reassembly request. Indexes are positions in the
/// `translations` (or `units`) argument.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Problem {
    /// Two units share an id.
    #[error("unit {unit_id} appears more than once in the units")]
    DuplicateUnit {
        /// Position in the units.
        unit: usize,
        /// The id.
        unit_id: String,
    },
    /// No translation for a unit.
    #[error("unit {unit_id} has no translation")]
    MissingTranslation {
        /// The unit's id.
        unit_id: String,
    },
    /// A translation names no known unit.
    #[error("unit {unit_id} is not one of the units")]
    UnknownUnit {
        /// Position in the translations.
        translation: usize,
        /// The id given.
        unit_id: String,
    },
    /// Two translations for one unit.
    #[error("unit {unit_id} is translated more than once")]
    DuplicateTranslation {
        /// Position in the translations.
        translation: usize,
        /// The id given.
        unit_id: String,
    },
    /// A placeholder of the unit is not in its translation.
    #[error("unit {unit_id}: placeholder {placeholder} is missing from the translation")]
    MissingPlaceholder {
        /// Position in the translations.
        translation: usize,
        /// The unit's id.
        unit_id: String,
        /// The placeholder's token, e.g. `⟦2⟧`.
        placeholder: String,
    },
    /// A placeholder appears more than once in the translation.
    #[error("unit {unit_id}: placeholder {placeholder} appears {count} times in the translation")]
    DuplicatedPlaceholder {
        /// Position in the translations.
        translation: usize,
        /// The unit's id.
        unit_id: String,
        /// The placeholder's token.
        placeholder: String,
        /// How many times it appears.
        count: usize,
    },
    /// The translation has a placeholder the unit does not.
    #[error("unit {unit_id}: placeholder {placeholder} is not one of the unit's")]
    UnknownPlaceholder {
        /// Position in the translations.
        translation: usize,
        /// The unit's id.
        unit_id: String,
        /// The token found.
        placeholder: String,
    },
    /// Something starts like a placeholder but is not one (a broken tag).
    #[error("unit {unit_id}: malformed placeholder {found:?} at byte {offset} of the translation")]
    MalformedPlaceholder {
        /// Position in the translations.
        translation: usize,
        /// The unit's id.
        unit_id: String,
        /// Byte offset in the translated text.
        offset: usize,
        /// The malformed text.
        found: String,
    },
}

impl Problem {
    /// The request field the problem is about, e.g. `translations[3].text`.
    pub fn field(&self) -> String {
        match self {
            Self::DuplicateUnit { unit, .. } => format!("units[{unit}].id"),
            Self::MissingTranslation { .. } => "translations".to_owned(),
            Self::UnknownUnit { translation, .. }
            | Self::DuplicateTranslation { translation, .. } => {
                format!("translations[{translation}].unit_id")
            }
            Self::MissingPlaceholder { translation, .. }
            | Self::DuplicatedPlaceholder { translation, .. }
            | Self::UnknownPlaceholder { translation, .. }
            | Self::MalformedPlaceholder { translation, .. } => {
                format!("translations[{translation}].text")
            }
        }
    }

    /// A stable machine-readable code, e.g. `missing-placeholder`.
    pub fn code(&self) -> &'static str {
        match self {
            Self::DuplicateUnit { .. } => "duplicate-unit",
            Self::MissingTranslation { .. } => "missing-translation",
            Self::UnknownUnit { .. } => "unknown-unit",
            Self::DuplicateTranslation { .. } => "duplicate-translation",
            Self::MissingPlaceholder { .. } => "missing-placeholder",
            Self::DuplicatedPlaceholder { .. } => "duplicated-placeholder",
            Self::UnknownPlaceholder { .. } => "unknown-placeholder",
            Self::MalformedPlaceholder { .. } => "malformed-placeholder",
        }
    }

    /// The id of the unit the problem is about.
    pub fn unit_id(&self) -> &str {
        match self {
            Self::DuplicateUnit { unit_id, .. }
            | Self::MissingTranslation { unit_id }
            | Self::UnknownUnit { unit_id, .. }
            | Self::DuplicateTranslation { unit_id, .. }
            | Self::MissingPlaceholder { unit_id, .. }
            | Self::DuplicatedPlaceholder { unit_id, .. }
            | Self::UnknownPlaceholder { unit_id, .. }
            | Self::MalformedPlaceholder { unit_id, .. } => unit_id,
        }
    }
}

/// One reassembled block (title, paragraph, subheading …).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReassembledBlock {
    /// Index of the block in the article.
    pub block: usize,
    /// Whether it is the title.
    pub title: bool,
    /// Ids of the units it was made of.
    pub units: Vec<String>,
    /// The translated text.
    pub text: String,
}

/// One translated direct quotation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReassembledQuotation {
    /// Index of the quotation in the article.
    pub quotation: usize,
    /// The translated content, without the marks.
    pub text: String,
    /// Index of the speaker entity.
    pub speaker: Option<usize>,
    /// Indexes of the blocks it spans.
    pub blocks: Vec<usize>,
}

/// The translated article.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Reassembled {
    /// Blocks in text order, the title among them.
    pub blocks: Vec<ReassembledBlock>,
    /// Direct quotations in text order.
    pub quotations: Vec<ReassembledQuotation>,
    /// Problems worked around (only in lenient mode).
    pub problems: Vec<Problem>,
}

impl Reassembled {
    /// The translated title, when a unit was the title.
    pub fn title(&self) -> Option<&str> {
        self.blocks
            .iter()
            .find(|block| block.title)
            .map(|block| block.text.as_str())
    }
}

/// A quotation's pieces while blocks are assembled.
#[derive(Default)]
struct QuotationText {
    text: String,
    speaker: Option<usize>,
    blocks: Vec<usize>,
    /// Block of the last piece and whether that piece reached its unit's end.
    last: Option<(usize, bool)>,
}

/// Restores the translations of `units` into blocks and quotations. Units must be in
/// text order (as [`build_units`](crate::build_units) made them). Fails with every
/// problem found unless `options.lenient`, in which case missing translations fall back
/// to the source text, lost placeholders are appended, extra ones dropped, and the
/// problems are listed in the result.
pub fn reassemble(
    units: &[TranslationUnit],
    translations: &[Translation],
    options: &ReassembleOptions,
) -> Result<Reassembled, Vec<Problem>> {
    let mut problems = Vec::new();
    let mut by_id: HashMap<&str, usize> = HashMap::with_capacity(units.len());
    for (index, unit) in units.iter().enumerate() {
        if by_id.insert(unit.id.as_str(), index).is_some() {
            problems.push(Problem::DuplicateUnit {
                unit: index,
                unit_id: unit.id.clone(),
            });
        }
    }
    let mut translated: Vec<Option<usize>> = vec![None; units.len()];
    for (position, translation) in translations.iter().enumerate() {
        match by_id.get(translation.unit_id.as_str()) {
            None => problems.push(Problem::UnknownUnit {
                translation: position,
                unit_id: translation.unit_id.clone(),
            }),
            Some(&unit) if translated[unit].is_some() => {
                problems.push(Problem::DuplicateTranslation {
                    translation: position,
                    unit_id: translation.unit_id.clone(),
                })
            }
            Some(&unit) => translated[unit] = Some(position),
        }
    }

    let (open, close) = options.style.marks();
    let mut result = Reassembled::default();
    let mut quotations: Vec<(usize, QuotationText)> = Vec::new();
    let mut quotation_slot: HashMap<usize, usize> = HashMap::new();
    for (index, unit) in units.iter().enumerate() {
        let rendered = match translated[index] {
            Some(position) => render(
                unit,
                &translations[position].text,
                position,
                (open, close),
                &mut problems,
            ),
            None => {
                problems.push(Problem::MissingTranslation {
                    unit_id: unit.id.clone(),
                });
                // Best effort: the source text, placeholders restored.
                let mut ignored = Vec::new();
                render(unit, &unit.text, usize::MAX, (open, close), &mut ignored)
            }
        };
        let continues_block = result
            .blocks
            .last()
            .is_some_and(|block| block.block == unit.block && !block.units.is_empty())
            && index > 0
            && units[index - 1].block == unit.block;
        if !continues_block {
            result.blocks.push(ReassembledBlock {
                block: unit.block,
                title: unit.title,
                units: Vec::new(),
                text: String::new(),
            });
        }
        let block = result.blocks.last_mut().expect("a block was just pushed");
        if continues_block {
            block.text.push_str(&unit.separator);
        }
        block.units.push(unit.id.clone());
        block.text.push_str(&rendered.text);

        let mut opened: HashMap<usize, usize> = HashMap::with_capacity(rendered.opened.len());
        for &(quotation, at) in &rendered.opened {
            opened.entry(quotation).or_insert(at);
        }
        let mut closed: HashMap<usize, usize> = HashMap::with_capacity(rendered.closed.len());
        for &(quotation, at) in &rendered.closed {
            closed.entry(quotation).or_insert(at);
        }
        for part in &unit.quotation_parts {
            let start = opened.get(&part.quotation).copied();
            let end = closed.get(&part.quotation).copied();
            let (from, to) = (start.unwrap_or(0), end.unwrap_or(rendered.text.len()));
            let piece = rendered.text.get(from..to.max(from)).unwrap_or_default();
            let slot = *quotation_slot.entry(part.quotation).or_insert_with(|| {
                quotations.push((part.quotation, QuotationText::default()));
                quotations.len() - 1
            });
            let entry = &mut quotations[slot].1;
            entry.speaker = entry.speaker.or(part.speaker);
            match entry.last {
                Some((last_block, true)) if last_block == unit.block && start.is_none() => {
                    entry.text.push_str(&unit.separator);
                }
                Some(_) => entry.text.push('\n'),
                None => {}
            }
            entry.text.push_str(piece);
            if entry.blocks.last() != Some(&unit.block) {
                entry.blocks.push(unit.block);
            }
            entry.last = Some((unit.block, end.is_none()));
        }
    }
    quotations.sort_by_key(|(quotation, _)| *quotation);
    result.quotations = quotations
        .into_iter()
        .map(|(quotation, text)| ReassembledQuotation {
            quotation,
            text: text.text.trim().to_owned(),
            speaker: text.speaker,
            blocks: text.blocks,
        })
        .collect();
    if problems.is_empty() || options.lenient {
        result.problems = problems;
        Ok(result)
    } else {
        Err(problems)
    }
}

/// One unit's translation with placeholders restored and marks applied.
struct Rendered {
    text: String,
    /// Quotation and byte offset just after its opening mark.
    opened: Vec<(usize, usize)>,
    /// Quotation and byte offset of its closing mark.
    closed: Vec<(usize, usize)>,
}

fn render(
    unit: &TranslationUnit,
    translation: &str,
    position: usize,
    (open, close): (&str, &str),
    problems: &mut Vec<Problem>,
) -> Rendered {
    let mut out = Rendered {
        text: String::with_capacity(translation.len() + 16),
        opened: Vec::new(),
        closed: Vec::new(),
    };
    for part in unit
        .quotation_parts
        .iter()
        .filter(|part| part.mark_at_start)
    {
        out.text.push_str(open);
        out.opened.push((part.quotation, out.text.len()));
    }
    let placeholders: HashMap<u32, usize> = unit
        .placeholders
        .iter()
        .enumerate()
        .map(|(index, placeholder)| (placeholder.id, index))
        .collect();
    let mut seen = vec![0usize; unit.placeholders.len()];
    for piece in token::parse(unit.style, translation) {
        match piece {
            token::Piece::Text(text) => out.text.push_str(&text),
            token::Piece::Token(id) => match placeholders.get(&id) {
                Some(&index) => {
                    seen[index] += 1;
                    if seen[index] == 1 {
                        restore(&mut out, unit, index, (open, close));
                    }
                }
                None => problems.push(Problem::UnknownPlaceholder {
                    translation: position,
                    unit_id: unit.id.clone(),
                    placeholder: token::render(unit.style, id),
                }),
            },
            token::Piece::Malformed(offset, found) => {
                problems.push(Problem::MalformedPlaceholder {
                    translation: position,
                    unit_id: unit.id.clone(),
                    offset,
                    found: found.to_owned(),
                });
                out.text.push_str(found);
            }
        }
    }
    // Lost opening marks go back to the start of the unit, all at once.
    let mut lost_openings: Vec<usize> = Vec::new();
    for (index, &count) in seen.iter().enumerate() {
        let placeholder = &unit.placeholders[index];
        let token = token::render(unit.style, placeholder.id);
        if count == 0 {
            problems.push(Problem::MissingPlaceholder {
                translation: position,
                unit_id: unit.id.clone(),
                placeholder: token,
            });
            if placeholder.kind == PlaceholderKind::QuoteOpen {
                lost_openings.push(placeholder.quotation.unwrap_or(usize::MAX));
            } else {
                if !out.text.is_empty() && placeholder.kind != PlaceholderKind::QuoteClose {
                    out.text.push(' ');
                }
                restore(&mut out, unit, index, (open, close));
            }
        } else if count > 1 {
            problems.push(Problem::DuplicatedPlaceholder {
                translation: position,
                unit_id: unit.id.clone(),
                placeholder: token,
                count,
            });
        }
    }
    if !lost_openings.is_empty() {
        let prefix = open.repeat(lost_openings.len());
        out.text.insert_str(0, &prefix);
        for (_, at) in out.opened.iter_mut().chain(out.closed.iter_mut()) {
            *at += prefix.len();
        }
        for (position, quotation) in lost_openings.into_iter().enumerate() {
            out.opened.push((quotation, (position + 1) * open.len()));
        }
    }
    for part in unit
        .quotation_parts
        .iter()
        .rev()
        .filter(|part| part.mark_at_end)
    {
        out.closed.push((part.quotation, out.text.len()));
        out.text.push_str(close);
    }
    out
}

fn restore(out: &mut Rendered, unit: &TranslationUnit, index: usize, (open, close): (&str, &str)) {
    let placeholder = &unit.placeholders[index];
    match placeholder.kind {
        PlaceholderKind::QuoteOpen => {
            out.text.push_str(open);
            if let Some(quotation) = placeholder.quotation {
                out.opened.push((quotation, out.text.len()));
            }
        }
        PlaceholderKind::QuoteClose => {
            if let Some(quotation) = placeholder.quotation {
                out.closed.push((quotation, out.text.len()));
            }
            out.text.push_str(close);
        }
        PlaceholderKind::Protected(_) | PlaceholderKind::Literal => {
            out.text.push_str(&placeholder.original);
        }
    }
}
