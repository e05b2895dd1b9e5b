//! Quotations and their attributions in Arabic news text: who said what.
//!
//! [`analyze`] pairs quotation marks over a whole article (across sentence and paragraph
//! boundaries), tells reported speech from titles, names and scare quotes, finds each
//! quotation's reporting cue and speaker, resolves continuation cues («وأضاف») to the
//! previous speaker, merges mentions of one person into one [`Speaker`], and reports
//! indirect speech («قال إن …»). All ranges are UTF-8 byte ranges into the text given;
//! lexicon lookups fold each character with [`arabic_text::fold_for_matching`], so the
//! original text is never copied or rewritten.
//!
//! The stages, one per module, run in text order in a single pass:
//!
//! 1. `text` — tokens of the blocks (words with a folded copy, punctuation, marks);
//! 2. `marks` — pairing per family of marks, the direction of `"` `“` `”` decided by
//!    context, multi-paragraph quotations by the news convention, unmatched marks
//!    reported and confined to their sentence;
//! 3. `classify` — titles, names, acronyms, labels and short fragments are not speech;
//! 4. `cues` — reporting verbs with clitics and agreement, participles, nominal and
//!    document cues, from `data/cues.txt`;
//! 5. `speaker` — the speaker noun phrase and its edges (`data/circumstance.txt`,
//!    `data/roles.txt`);
//! 6. `attribution` and `indirect` — cue–speaker–quote, speaker–cue–quote, colon,
//!    quote–cue–speaker, interrupted and headline forms, subject-less cues resolved by
//!    gender and number, indirect speech;
//! 7. `entities` — mentions merged into speakers with a canonical name and roles.
//!
//! Every window is bounded, so the work is linear in the size of the article, and no
//! input makes it panic.
//!
//! ```
//! let text = "وقال وزير الخارجية سامر نعيم للصحفيين \"لم يتغير شيء في الاجتماع.\"\n\
//!             وأضاف \"سنواصل الحوار مع الجميع.\"";
//! let first_line = 0..text.find('\n').unwrap();
//! let second_line = text.find('\n').unwrap() + 1..text.len();
//! let analysis = quotes::analyze(text, &[first_line, second_line]);
//!
//! let said: Vec<_> = analysis.quotations.iter()
//!     .filter(|q| q.kind == quotes::QuotationKind::Direct)
//!     .collect();
//! assert_eq!(said.len(), 2);
//! assert_eq!(&text[said[0].content.clone()], "لم يتغير شيء في الاجتماع.");
//!
//! // The speaker stops before the circumstance «للصحفيين»; the title becomes a role.
//! let first = said[0].attribution.as_ref().unwrap();
//! assert_eq!(&text[first.speaker_mention.clone().unwrap()], "وزير الخارجية سامر نعيم");
//! let speaker = &analysis.speakers[first.speaker.unwrap()];
//! assert_eq!(speaker.canonical_name, "سامر نعيم");
//! assert_eq!(speaker.roles, ["وزير الخارجية"]);
//!
//! // «وأضاف» has no subject: it continues with the same speaker.
//! let second = said[1].attribution.as_ref().unwrap();
//! assert_eq!(second.speaker, first.speaker);
//! assert_eq!(second.position, quotes::Position::Continuation);
//! ```

use std::ops::Range;

mod attribution;
mod classify;
mod cues;
mod entities;
mod indirect;
mod lexicon;
mod marks;
mod speaker;
mod text;

/// What a quoted stretch of text is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum QuotationKind {
    /// A speaker's words between quotation marks.
    Direct,
    /// Reported speech without marks: cue + speaker + «إن/أن» clause.
    Indirect,
    /// Title of a work, programme, operation, campaign, hashtag or slogan.
    Title,
    /// A name or nickname.
    Name,
    /// A single scare-quoted term or label.
    Term,
}

/// Where the attribution stands relative to the quotation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Position {
    /// The cue comes before the quotation («وقال فلان "…"»).
    Before,
    /// The cue comes after the quotation («"…"، قال فلان»).
    After,
    /// The attribution interrupts the quotation.
    Interrupting,
    /// A continuation cue or a following paragraph resolved to an earlier speaker.
    Continuation,
}

/// A reporting cue: verb or phrase that introduces speech.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cue {
    /// Byte range of the cue as written, clitics included («وقال»).
    pub span: Range<usize>,
    /// Dictionary form of the cue («قال»).
    pub lemma: &'static str,
}

/// Who said a quotation, and how sure we are.
#[derive(Debug, Clone, PartialEq)]
pub struct Attribution {
    /// The reporting cue, if any.
    pub cue: Option<Cue>,
    /// Byte range of the speaker mention next to the quotation, if the text names one.
    pub speaker_mention: Option<Range<usize>>,
    /// Byte range of a relative or circumstantial clause describing the speaker right
    /// after the mention («الذي يرأس …»), which is not part of the mention.
    pub speaker_description: Option<Range<usize>>,
    /// Index into [`Analysis::speakers`] of the resolved speaker.
    pub speaker: Option<usize>,
    /// Where the attribution stands.
    pub position: Position,
    /// Confidence in [0, 1].
    pub confidence: f32,
}

/// A quoted stretch of text.
#[derive(Debug, Clone, PartialEq)]
pub struct Quotation {
    /// What it is.
    pub kind: QuotationKind,
    /// Byte range of the content, without the marks and the whitespace just inside them.
    pub content: Range<usize>,
    /// Byte range of the opening mark (`None` for indirect speech).
    pub open_mark: Option<Range<usize>>,
    /// Byte range of the closing mark (`None` for indirect speech or an unclosed mark).
    pub close_mark: Option<Range<usize>>,
    /// Who said it.
    pub attribution: Option<Attribution>,
    /// Content ranges of quotations nested inside this one (a title quoted inside a
    /// speaker's words): inner spans, not quotations of their own.
    pub nested: Vec<Range<usize>>,
    /// Opening marks of the continuation paragraphs of a multi-paragraph quotation (the
    /// news convention: each continuing paragraph opens with a mark, only the last closes).
    pub continuation_marks: Vec<Range<usize>>,
}

/// One speaker entity: all mentions of one person, group or organisation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Speaker {
    /// The fullest name form the article uses.
    pub canonical_name: String,
    /// Byte ranges of every mention, in text order.
    pub mentions: Vec<Range<usize>>,
    /// Titles and roles («وزير الخارجية الروسي»), as written.
    pub roles: Vec<String>,
    /// A person or group not named in the article.
    pub anonymous: bool,
    /// A group or a pair.
    pub plural: bool,
}

/// Something the caller should know about the quotation marks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuoteDiagnostic {
    /// Stable machine-readable code, e.g. `unbalanced-quotation-mark`.
    pub code: &'static str,
    /// Human-readable explanation.
    pub message: String,
    /// Byte range it is about.
    pub span: Range<usize>,
}

/// Everything found about quotations in one article.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Analysis {
    /// Quotations in text order (direct, indirect, titles, names, terms).
    pub quotations: Vec<Quotation>,
    /// Speaker entities, referenced by index from attributions.
    pub speakers: Vec<Speaker>,
    /// Unbalanced marks and similar findings.
    pub diagnostics: Vec<QuoteDiagnostic>,
}

/// Analyses the quotations of an article. `blocks` are the byte ranges of the article's
/// text blocks (title, subheadings, paragraphs) in order; text outside them is ignored.
pub fn analyze(text: &str, blocks: &[Range<usize>]) -> Analysis {
    let doc = text::Doc::new(text, blocks);
    let mut diagnostics = Vec::new();
    let pairs = marks::pair(&doc, &mut diagnostics);
    let (quotations, speakers) = attribution::run(&doc, &pairs);
    diagnostics.sort_by_key(|d| d.span.start);
    Analysis {
        quotations,
        speakers,
        diagnostics,
    }
}
