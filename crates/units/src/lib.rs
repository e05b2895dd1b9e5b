//! Translation units: what a machine translation service receives for each translatable
//! segment, and the way back.
//!
//! - [`build_units`] turns segments (byte ranges of the original text) into
//!   [`TranslationUnit`]s: the text to send to MT with **protected spans** (URLs,
//!   e-mail addresses, handles, hashtags, dates, numbers with language-neutral units,
//!   Latin-script words, code) replaced by placeholders, and the quotation marks of the
//!   direct quotations the unit overlaps taken out and reported as
//!   [`QuotationPart`]s, so they can be put back in the target language's style.
//! - [`pack`] groups units into batches under a size limit without splitting one.
//! - [`reassemble`] takes the translations of the units, checks that every placeholder
//!   came back exactly once, restores the protected text, re-applies quotation marks in
//!   a [`QuotationStyle`] and returns the translated blocks and quotations.
//!
//! Everything here is a pure function over byte ranges of one original text.
//!
//! ```
//! use units::{
//!     ReassembleOptions, SourceQuotation, SourceSegment, Translation, UnitOptions,
//!     build_units, reassemble,
//! };
//!
//! let text = "قال الوزير \"زرت https://example.org أمس.\"";
//! let segments = [SourceSegment { index: 0, span: 0..text.len(), block: 0, title: false }];
//! let open = text.find('"').unwrap();
//! let close = text.rfind('"').unwrap();
//! let quotations = [SourceQuotation {
//!     index: 0,
//!     content: open + 1..close,
//!     open_mark: Some(open..open + 1),
//!     close_mark: Some(close..close + 1),
//!     continuation_marks: Vec::new(),
//!     speaker: Some(0),
//! }];
//! let units = build_units(text, &segments, &quotations, &UnitOptions::default());
//! assert_eq!(units[0].text, "قال الوزير ⟦1⟧زرت ⟦2⟧ أمس.");
//!
//! // A "translator" that keeps every placeholder.
//! let translations = [Translation {
//!     unit_id: units[0].id.clone(),
//!     text: "The minister said ⟦1⟧I visited ⟦2⟧ yesterday.".into(),
//! }];
//! let article = reassemble(&units, &translations, &ReassembleOptions::default()).unwrap();
//! assert_eq!(
//!     article.blocks[0].text,
//!     "The minister said “I visited https://example.org yesterday.”"
//! );
//! assert_eq!(article.quotations[0].text, "I visited https://example.org yesterday.");
//! assert_eq!(article.quotations[0].speaker, Some(0));
//! ```

mod build;
mod pack;
mod protect;
mod reassemble;
mod token;

use std::ops::Range;

pub use build::build_units;
pub use pack::{Batch, Measure, pack};
pub use protect::{ProtectedSpan, detect};
pub use reassemble::{
    Problem, QuotationStyle, ReassembleOptions, Reassembled, ReassembledBlock,
    ReassembledQuotation, Translation, reassemble,
};

/// A kind of text that reaches the translation unchanged.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ProtectedKind {
    /// `http://…`, `https://…`, `www.…`.
    Url,
    /// `name@example.org`.
    Email,
    /// `@handle`.
    Handle,
    /// `#hashtag` (Arabic hashtags too).
    Hashtag,
    /// A number with a language-neutral unit or currency: `50 km`, `20%`, `$3.5`.
    NumberWithUnit,
    /// A date or time in digits: `5-12-2025`, `2025/12/05`, `10:30`.
    Date,
    /// Latin-script words and names: `Future Fighters`, `BBC`.
    Latin,
    /// Code-like tokens: `snake_case`, `a::b`, `f()`, `key=value`, paths.
    Code,
}

impl ProtectedKind {
    /// Every kind, in the order of the bits of [`Protections`].
    pub const ALL: [Self; 8] = [
        Self::Url,
        Self::Email,
        Self::Handle,
        Self::Hashtag,
        Self::NumberWithUnit,
        Self::Date,
        Self::Latin,
        Self::Code,
    ];

    fn bit(self) -> u16 {
        1 << (self as u16)
    }
}

/// A set of [`ProtectedKind`]s.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Protections(u16);

impl Protections {
    /// Nothing protected.
    pub const NONE: Self = Self(0);
    /// Every kind protected (the default).
    pub const ALL: Self = Self(0xFF);

    /// This set with `kind` added.
    pub fn with(self, kind: ProtectedKind) -> Self {
        Self(self.0 | kind.bit())
    }

    /// This set with `kind` removed.
    pub fn without(self, kind: ProtectedKind) -> Self {
        Self(self.0 & !kind.bit())
    }

    /// Whether `kind` is in the set.
    pub fn contains(self, kind: ProtectedKind) -> bool {
        self.0 & kind.bit() != 0
    }

    /// Whether the set is empty.
    pub fn is_empty(self) -> bool {
        self.0 == 0
    }
}

impl Default for Protections {
    fn default() -> Self {
        Self::ALL
    }
}

/// How placeholders are written in the unit text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum PlaceholderStyle {
    /// `⟦1⟧`: a token MT systems pass through unchanged.
    #[default]
    Bracket,
    /// `<x id="1"/>`: for services with XML/HTML tag handling; the rest of the text is
    /// XML-escaped (`&amp;`, `&lt;`, `&gt;`).
    Xml,
}

/// How to build units.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct UnitOptions {
    /// Which kinds of spans to protect.
    pub protect: Protections,
    /// How to write placeholders.
    pub style: PlaceholderStyle,
}

/// A translatable segment, as the pipeline found it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceSegment {
    /// The segment's index in the article (becomes [`TranslationUnit::segment`]).
    pub index: usize,
    /// Byte range of the original text.
    pub span: Range<usize>,
    /// Index of the block the segment belongs to.
    pub block: usize,
    /// Whether the segment is the article's title.
    pub title: bool,
}

/// A direct quotation (between quotation marks), as the pipeline found it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceQuotation {
    /// The quotation's index in the article.
    pub index: usize,
    /// Byte range of the content, without the marks.
    pub content: Range<usize>,
    /// Byte range of the opening mark.
    pub open_mark: Option<Range<usize>>,
    /// Byte range of the closing mark (`None` when unclosed).
    pub close_mark: Option<Range<usize>>,
    /// Opening marks of continuation paragraphs (each continuing paragraph reopens).
    pub continuation_marks: Vec<Range<usize>>,
    /// Index of the speaker entity, when attributed.
    pub speaker: Option<usize>,
}

/// What a placeholder stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PlaceholderKind {
    /// A protected span: restored as written.
    Protected(ProtectedKind),
    /// An opening (or reopening) quotation mark inside the unit: restored in the target
    /// style.
    QuoteOpen,
    /// A closing quotation mark inside the unit: restored in the target style.
    QuoteClose,
    /// A character of the placeholder syntax found in the source text (`⟦`, `⟧`), kept
    /// out of the MT text and restored as written.
    Literal,
}

/// One placeholder of a unit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Placeholder {
    /// Number of the placeholder within its unit, from 1.
    pub id: u32,
    /// What it stands for.
    pub kind: PlaceholderKind,
    /// The quotation, for quotation marks.
    pub quotation: Option<usize>,
    /// Byte range of the original text it replaces (ignored by [`reassemble`]).
    pub span: Range<usize>,
    /// The original text it replaces, restored by [`reassemble`] (empty for quotation
    /// marks, which are restored in the target style).
    pub original: String,
}

/// How a unit relates to a quotation it overlaps.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum QuotationRole {
    /// The unit contains the whole quotation, both marks.
    Whole,
    /// The quotation opens in the unit and goes on after it.
    Opens,
    /// The unit is entirely inside the quotation (no mark in it).
    Inside,
    /// The unit reopens the quotation with a continuation mark (a new paragraph of a
    /// multi-paragraph quotation) and the quotation goes on after it.
    Continues,
    /// The quotation opened before the unit and closes in it.
    Closes,
}

/// A unit's share of a direct quotation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuotationPart {
    /// Index of the quotation in the article.
    pub quotation: usize,
    /// How the unit relates to it.
    pub role: QuotationRole,
    /// An opening mark was removed from the very start of the unit: reassembly puts one
    /// before the translation.
    pub mark_at_start: bool,
    /// A closing mark was removed from the very end of the unit: reassembly puts one
    /// after the translation.
    pub mark_at_end: bool,
    /// Index of the speaker entity the quotation is attributed to.
    pub speaker: Option<usize>,
}

/// What to send to machine translation for one segment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TranslationUnit {
    /// Identifier the translation is returned under, e.g. `u1`.
    pub id: String,
    /// Index of the segment in the article.
    pub segment: usize,
    /// Index of the block the segment belongs to.
    pub block: usize,
    /// Whether the unit is the article's title.
    pub title: bool,
    /// Byte range of the original text the unit covers: the segment, widened over a
    /// quotation mark standing right outside it (ignored by [`reassemble`]).
    pub span: Range<usize>,
    /// Original text between the previous unit of the same block and this one (usually
    /// a space), put back between their translations; empty for a block's first unit.
    pub separator: String,
    /// The text to translate, with placeholders.
    pub text: String,
    /// How the placeholders are written.
    pub style: PlaceholderStyle,
    /// The placeholders of `text`, by id.
    pub placeholders: Vec<Placeholder>,
    /// The direct quotations the unit overlaps, in text order.
    pub quotation_parts: Vec<QuotationPart>,
}
