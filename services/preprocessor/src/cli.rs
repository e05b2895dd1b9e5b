//! The command-line front end: the same handler as the RPCs, in-process, printing the
//! same messages as canonical proto3 JSON.

use std::{io::Read as _, path::PathBuf};

use anyhow::Context as _;
use api::v1;
use clap::{Args, ValueEnum};
use pipeline::Pipeline;

use crate::{config::Limits, handler};

/// Normalization profile on the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, ValueEnum)]
pub enum CliProfile {
    /// Conservative, for translation.
    #[default]
    Translation,
    /// Aggressive, for search and matching.
    Matching,
    /// No change.
    None,
}

impl From<CliProfile> for v1::NormalizationProfile {
    fn from(profile: CliProfile) -> Self {
        match profile {
            CliProfile::Translation => Self::Translation,
            CliProfile::Matching => Self::Matching,
            CliProfile::None => Self::None,
        }
    }
}

/// Input shared by the subcommands.
#[derive(Debug, Clone, Args)]
pub struct Input {
    /// File to read, or `-` for standard input.
    #[arg(default_value = "-")]
    pub file: PathBuf,
    /// Charset of the input (WHATWG label); detected when not given.
    #[arg(long, default_value = "")]
    pub charset: String,
    /// Document id to echo in the response (default: the file name).
    #[arg(long)]
    pub document_id: Option<String>,
    /// Normalization profile.
    #[arg(long, value_enum, default_value_t = CliProfile::Translation)]
    pub profile: CliProfile,
    /// Request limits.
    #[command(flatten)]
    pub limits: Limits,
}

impl Input {
    fn read(&self) -> anyhow::Result<(String, Vec<u8>)> {
        let mut raw = Vec::new();
        if self.file.as_os_str() == "-" {
            std::io::stdin().read_to_end(&mut raw)?;
        } else {
            raw = std::fs::read(&self.file)
                .with_context(|| format!("cannot read {}", self.file.display()))?;
        }
        let document_id = self
            .document_id
            .clone()
            .unwrap_or_else(|| match self.file.file_name() {
                Some(name) if self.file.as_os_str() != "-" => name.to_string_lossy().into_owned(),
                _ => "stdin".into(),
            });
        Ok((document_id, raw))
    }
}

/// Options of `preprocess`.
#[derive(Debug, Clone, Args)]
pub struct PreprocessArgs {
    /// What to read.
    #[command(flatten)]
    pub input: Input,
    /// Return boilerplate as segments too.
    #[arg(long)]
    pub keep_boilerplate: bool,
    /// Split sentences longer than this many code points (0: never).
    #[arg(long, default_value_t = 0)]
    pub max_segment_chars: u32,
    /// Fill UTF-8 byte offsets of spans too.
    #[arg(long)]
    pub include_byte_offsets: bool,
    /// Build translation units (protected spans as placeholders).
    #[arg(long)]
    pub translation_units: bool,
    /// Placeholder style of the units (implies --translation-units).
    #[arg(long, value_enum)]
    pub placeholder_style: Option<CliPlaceholderStyle>,
    /// Group the units into batches of at most this size (implies --translation-units).
    #[arg(long)]
    pub batch_max_size: Option<u32>,
    /// What --batch-max-size counts.
    #[arg(long, value_enum, default_value_t = CliBatchMeasure::CodePoints)]
    pub batch_measure: CliBatchMeasure,
    /// Add the summary view.
    #[arg(long)]
    pub summary: bool,
}

/// Placeholder style on the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CliPlaceholderStyle {
    /// Inline tokens: `⟦1⟧`.
    Bracket,
    /// XML tags: `<x id="1"/>`.
    Xml,
}

/// Batch measure on the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CliBatchMeasure {
    /// Unicode code points.
    CodePoints,
    /// UTF-8 bytes.
    Bytes,
}

impl PreprocessArgs {
    fn translation_unit_options(&self) -> Option<v1::TranslationUnitOptions> {
        let wanted = self.translation_units
            || self.placeholder_style.is_some()
            || self.batch_max_size.is_some();
        wanted.then(|| v1::TranslationUnitOptions {
            placeholder_style: match self.placeholder_style {
                Some(CliPlaceholderStyle::Xml) => v1::PlaceholderStyle::Xml,
                _ => v1::PlaceholderStyle::Bracket,
            }
            .into(),
            protect: Vec::new(),
            unprotect: Vec::new(),
            batch: self.batch_max_size.map(|max_size| v1::BatchOptions {
                max_size,
                measure: match self.batch_measure {
                    CliBatchMeasure::CodePoints => v1::BatchMeasure::CodePoints,
                    CliBatchMeasure::Bytes => v1::BatchMeasure::Bytes,
                }
                .into(),
            }),
        })
    }
}

/// Options of `reassemble`.
#[derive(Debug, Clone, Args)]
pub struct ReassembleArgs {
    /// A ReassembleRequest as proto3 JSON: a file, or `-` for standard input.
    #[arg(default_value = "-")]
    pub file: PathBuf,
    /// Request limits.
    #[command(flatten)]
    pub limits: Limits,
}

/// Options of `normalize`.
#[derive(Debug, Clone, Args)]
pub struct NormalizeArgs {
    /// What to read.
    #[command(flatten)]
    pub input: Input,
    /// List the edits.
    #[arg(long)]
    pub edits: bool,
}

fn rejected(rejection: handler::Rejection) -> anyhow::Error {
    anyhow::anyhow!("{rejection}")
}

/// Runs `preprocess` and returns the response as JSON.
pub fn preprocess(args: &PreprocessArgs) -> anyhow::Result<String> {
    let (document_id, raw) = args.input.read()?;
    let request = v1::PreprocessRequest {
        document_id,
        content: Some(v1::preprocess_request::Content::Raw(raw)),
        charset: args.input.charset.clone(),
        options: Some(v1::PreprocessOptions {
            profile: v1::NormalizationProfile::from(args.input.profile).into(),
            overrides: None,
            keep_boilerplate: args.keep_boilerplate,
            max_segment_chars: args.max_segment_chars,
            include_byte_offsets: args.include_byte_offsets,
            translation_units: args.translation_unit_options(),
            include_summary: args.summary,
        }),
    };
    let prepared = handler::prepare(&request, &args.input.limits).map_err(rejected)?;
    let response = handler::preprocess(&Pipeline::new(), &prepared);
    Ok(api::to_json(&response)?)
}

/// Runs `normalize` and returns the response as JSON.
pub fn normalize(args: &NormalizeArgs) -> anyhow::Result<String> {
    let (document_id, raw) = args.input.read()?;
    let request = v1::NormalizeRequest {
        document_id,
        content: Some(v1::normalize_request::Content::Raw(raw)),
        charset: args.input.charset.clone(),
        profile: v1::NormalizationProfile::from(args.input.profile).into(),
        overrides: None,
        include_edits: args.edits,
    };
    let response =
        handler::normalize(&Pipeline::new(), &request, &args.input.limits).map_err(rejected)?;
    Ok(api::to_json(&response)?)
}

/// Runs `reassemble` over a ReassembleRequest in proto3 JSON and returns the
/// ReassembleResponse as JSON.
pub fn reassemble(args: &ReassembleArgs) -> anyhow::Result<String> {
    let mut json = String::new();
    if args.file.as_os_str() == "-" {
        std::io::stdin().read_to_string(&mut json)?;
    } else {
        json = std::fs::read_to_string(&args.file)
            .with_context(|| format!("cannot read {}", args.file.display()))?;
    }
    let request: v1::ReassembleRequest =
        api::from_json(&json).context("the input is not a ReassembleRequest in proto3 JSON")?;
    let response = handler::reassemble(&request, &args.limits).map_err(rejected)?;
    Ok(api::to_json(&response)?)
}
