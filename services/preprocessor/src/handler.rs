//! Request handling shared by the gRPC service and the CLI: validation, decoding, the
//! pipeline, and the response. Knows nothing of the transport; a [`Rejection`] becomes a
//! `tonic::Status` or a stream item error in exactly one place each.

use api::v1;
use pipeline::{BatchLimit, Extras, Options, Pipeline, Profile, RuleOverrides};

use crate::config::{Limits, MAX_DOCUMENT_ID_BYTES, MAX_SEGMENT_CHARS_RANGE};

/// Allowed `options.translation_units.batch.max_size`.
pub const BATCH_MAX_SIZE_RANGE: std::ops::RangeInclusive<u32> = 16..=1_048_576;

/// One invalid field of a request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldViolation {
    /// Path of the field, e.g. `text`.
    pub field: String,
    /// What is wrong with it.
    pub description: String,
}

/// Why a request was not processed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Rejection {
    /// The request is invalid; each violation names a field.
    #[error("invalid request: {}", describe(.0))]
    InvalidArgument(Vec<FieldViolation>),
    /// The pipeline failed unexpectedly (a bug); the message is safe to show.
    #[error("internal error: {0}")]
    Internal(String),
}

fn describe(violations: &[FieldViolation]) -> String {
    violations
        .iter()
        .map(|violation| format!("{}: {}", violation.field, violation.description))
        .collect::<Vec<_>>()
        .join("; ")
}

fn violation(field: &str, description: impl Into<String>) -> FieldViolation {
    FieldViolation {
        field: field.to_owned(),
        description: description.into(),
    }
}

/// A validated, decoded request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Prepared {
    /// The caller's document id.
    pub document_id: String,
    /// The original text.
    pub text: String,
    /// Pipeline options.
    pub options: Options,
    /// Fill byte offsets too.
    pub include_byte_offsets: bool,
    /// Charset decisions to report.
    pub diagnostics: Vec<pipeline::Diagnostic>,
    /// Translation units, batches and summary to add.
    pub extras: Extras,
}

/// The content fields shared by Preprocess and Normalize requests.
struct Content<'a> {
    document_id: &'a str,
    text: Option<&'a str>,
    raw: Option<&'a [u8]>,
    charset: &'a str,
}

/// Validates the content of a request and decodes it to text.
fn decode_content(
    content: Content<'_>,
    limits: &Limits,
    violations: &mut Vec<FieldViolation>,
) -> Option<(String, Vec<pipeline::Diagnostic>)> {
    if content.document_id.len() > MAX_DOCUMENT_ID_BYTES {
        violations.push(violation(
            "document_id",
            format!(
                "is {} bytes long; the limit is {MAX_DOCUMENT_ID_BYTES} bytes",
                content.document_id.len()
            ),
        ));
    }
    let size = content
        .text
        .map(str::len)
        .or(content.raw.map(<[u8]>::len))
        .unwrap_or(0);
    let field = if content.raw.is_some() { "raw" } else { "text" };
    if size == 0 {
        violations.push(violation(
            field,
            "is empty: send the article as text or raw",
        ));
        return None;
    }
    if size > limits.max_article_bytes {
        violations.push(violation(
            field,
            format!(
                "is {size} bytes long; the limit is {} bytes",
                limits.max_article_bytes
            ),
        ));
        return None;
    }
    match (content.text, content.raw) {
        (Some(text), _) => {
            if !content.charset.is_empty() {
                violations.push(violation(
                    "charset",
                    "applies to raw only; text is always Unicode",
                ));
            }
            Some((text.to_owned(), Vec::new()))
        }
        (None, Some(raw)) => match pipeline::decode(raw, content.charset) {
            Ok(decoded) => Some((decoded.text, decoded.diagnostics)),
            Err(error @ pipeline::DecodeError::UnknownCharset(_)) => {
                violations.push(violation("charset", error.to_string()));
                None
            }
            Err(error @ pipeline::DecodeError::Malformed { .. }) => {
                violations.push(violation("raw", error.to_string()));
                None
            }
        },
        (None, None) => None,
    }
}

fn profile(value: i32, field: &str, violations: &mut Vec<FieldViolation>) -> Profile {
    match v1::NormalizationProfile::try_from(value) {
        Ok(v1::NormalizationProfile::Unspecified | v1::NormalizationProfile::Translation) => {
            Profile::Translation
        }
        Ok(v1::NormalizationProfile::Matching) => Profile::Matching,
        Ok(v1::NormalizationProfile::None) => Profile::None,
        Err(_) => {
            violations.push(violation(field, format!("unknown profile {value}")));
            Profile::Translation
        }
    }
}

fn overrides(overrides: Option<&v1::NormalizationOverrides>) -> RuleOverrides {
    let Some(given) = overrides else {
        return RuleOverrides::default();
    };
    RuleOverrides {
        remove_tatweel: given.remove_tatweel,
        remove_diacritics: given.remove_diacritics,
        fold_alef: given.fold_alef,
        fold_alef_maqsura: given.fold_alef_maqsura,
        fold_ta_marbuta: given.fold_ta_marbuta,
        fold_hamza_carriers: given.fold_hamza_carriers,
        ascii_digits: given.ascii_digits,
        latin_punctuation: given.latin_punctuation,
        unify_quotes: given.unify_quotes,
        collapse_whitespace: given.collapse_whitespace,
        collapse_elongation: given.collapse_elongation,
    }
}

/// Validates and decodes a `Preprocess` request.
pub fn prepare(request: &v1::PreprocessRequest, limits: &Limits) -> Result<Prepared, Rejection> {
    let mut violations = Vec::new();
    let (text, raw) = match &request.content {
        Some(v1::preprocess_request::Content::Text(text)) => (Some(text.as_str()), None),
        Some(v1::preprocess_request::Content::Raw(raw)) => (None, Some(raw.as_slice())),
        None => (None, None),
    };
    let decoded = decode_content(
        Content {
            document_id: &request.document_id,
            text,
            raw,
            charset: &request.charset,
        },
        limits,
        &mut violations,
    );
    let given = request.options.clone().unwrap_or_default();
    let options = Options {
        profile: profile(given.profile, "options.profile", &mut violations),
        overrides: overrides(given.overrides.as_ref()),
        keep_boilerplate: given.keep_boilerplate,
        max_segment_chars: match given.max_segment_chars {
            0 => None,
            chars if MAX_SEGMENT_CHARS_RANGE.contains(&chars) => Some(chars as usize),
            chars => {
                violations.push(violation(
                    "options.max_segment_chars",
                    format!(
                        "is {chars}; use 0 (no limit) or {}..={}",
                        MAX_SEGMENT_CHARS_RANGE.start(),
                        MAX_SEGMENT_CHARS_RANGE.end()
                    ),
                ));
                None
            }
        },
    };
    let extras = Extras {
        translation_units: given
            .translation_units
            .as_ref()
            .map(|units| unit_options(units, &mut violations)),
        batch: given
            .translation_units
            .as_ref()
            .and_then(|units| units.batch.as_ref())
            .and_then(|batch| batch_limit(batch, &mut violations)),
        summary: given.include_summary,
    };
    match decoded {
        Some((text, diagnostics)) if violations.is_empty() => Ok(Prepared {
            document_id: request.document_id.clone(),
            text,
            options,
            include_byte_offsets: given.include_byte_offsets,
            diagnostics,
            extras,
        }),
        _ => Err(Rejection::InvalidArgument(violations)),
    }
}

fn unit_options(
    given: &v1::TranslationUnitOptions,
    violations: &mut Vec<FieldViolation>,
) -> units::UnitOptions {
    let field = "options.translation_units";
    let style = match v1::PlaceholderStyle::try_from(given.placeholder_style) {
        Ok(style) => api::placeholder_style(style),
        Err(_) => {
            violations.push(violation(
                &format!("{field}.placeholder_style"),
                format!("unknown placeholder style {}", given.placeholder_style),
            ));
            units::PlaceholderStyle::Bracket
        }
    };
    let mut kind = |value: i32, list: &str, position: usize| {
        let kind = v1::PlaceholderKind::try_from(value)
            .ok()
            .and_then(api::protectable_kind);
        if kind.is_none() {
            violations.push(violation(
                &format!("{field}.{list}[{position}]"),
                format!(
                    "{value} is not a protectable kind (URL, EMAIL, HANDLE, HASHTAG, \
                     NUMBER_WITH_UNIT, DATE, LATIN, CODE)"
                ),
            ));
        }
        kind
    };
    let mut protect = if given.protect.is_empty() {
        units::Protections::ALL
    } else {
        units::Protections::NONE
    };
    for (position, &value) in given.protect.iter().enumerate() {
        if let Some(found) = kind(value, "protect", position) {
            protect = protect.with(found);
        }
    }
    for (position, &value) in given.unprotect.iter().enumerate() {
        if let Some(found) = kind(value, "unprotect", position) {
            protect = protect.without(found);
        }
    }
    units::UnitOptions { protect, style }
}

fn batch_limit(
    given: &v1::BatchOptions,
    violations: &mut Vec<FieldViolation>,
) -> Option<BatchLimit> {
    let field = "options.translation_units.batch";
    let measure = match v1::BatchMeasure::try_from(given.measure) {
        Ok(v1::BatchMeasure::Unspecified | v1::BatchMeasure::CodePoints) => units::Measure::Chars,
        Ok(v1::BatchMeasure::Bytes) => units::Measure::Bytes,
        Err(_) => {
            violations.push(violation(
                &format!("{field}.measure"),
                format!("unknown measure {}", given.measure),
            ));
            return None;
        }
    };
    if !BATCH_MAX_SIZE_RANGE.contains(&given.max_size) {
        violations.push(violation(
            &format!("{field}.max_size"),
            format!(
                "is {}; use {}..={}",
                given.max_size,
                BATCH_MAX_SIZE_RANGE.start(),
                BATCH_MAX_SIZE_RANGE.end()
            ),
        ));
        return None;
    }
    Some(BatchLimit {
        max_size: given.max_size as usize,
        measure,
    })
}

/// Runs the pipeline over a prepared request and builds the response.
pub fn preprocess(pipeline: &Pipeline, prepared: &Prepared) -> v1::PreprocessResponse {
    let mut article = pipeline.run_with(&prepared.text, &prepared.options, &prepared.extras);
    if !prepared.diagnostics.is_empty() {
        let mut diagnostics = prepared.diagnostics.clone();
        diagnostics.append(&mut article.diagnostics);
        article.diagnostics = diagnostics;
    }
    api::preprocess_response(
        &prepared.document_id,
        &prepared.text,
        &article,
        prepared.include_byte_offsets,
    )
}

/// Validates, decodes and normalizes a `Normalize` request.
pub fn normalize(
    pipeline: &Pipeline,
    request: &v1::NormalizeRequest,
    limits: &Limits,
) -> Result<v1::NormalizeResponse, Rejection> {
    let mut violations = Vec::new();
    let (text, raw) = match &request.content {
        Some(v1::normalize_request::Content::Text(text)) => (Some(text.as_str()), None),
        Some(v1::normalize_request::Content::Raw(raw)) => (None, Some(raw.as_slice())),
        None => (None, None),
    };
    let decoded = decode_content(
        Content {
            document_id: &request.document_id,
            text,
            raw,
            charset: &request.charset,
        },
        limits,
        &mut violations,
    );
    let used_profile = profile(request.profile, "profile", &mut violations);
    let Some((text, diagnostics)) = decoded.filter(|_| violations.is_empty()) else {
        return Err(Rejection::InvalidArgument(violations));
    };
    let normalized = pipeline.normalize(
        &text,
        pipeline::NormalizeOptions {
            profile: used_profile,
            overrides: overrides(request.overrides.as_ref()),
            record_edits: request.include_edits,
        },
    );
    Ok(api::normalize_response(
        &request.document_id,
        &text,
        &normalized,
        used_profile,
        &diagnostics,
    ))
}

/// Validates a `Reassemble` request and reassembles the translated article. Problems
/// with the translations are field violations naming the unit and the placeholder,
/// unless the request is lenient.
pub fn reassemble(
    request: &v1::ReassembleRequest,
    limits: &Limits,
) -> Result<v1::ReassembleResponse, Rejection> {
    let mut violations = Vec::new();
    if request.document_id.len() > MAX_DOCUMENT_ID_BYTES {
        violations.push(violation(
            "document_id",
            format!(
                "is {} bytes long; the limit is {MAX_DOCUMENT_ID_BYTES} bytes",
                request.document_id.len()
            ),
        ));
    }
    // Units and translations together are a few times the article; bound them the same
    // way, with room for translations longer than their source.
    let size: usize = request
        .units
        .iter()
        .map(|unit| unit.text.len() + unit.separator.len())
        .chain(request.translations.iter().map(|t| t.text.len()))
        .sum();
    let limit = limits.max_article_bytes.saturating_mul(4);
    if size > limit {
        violations.push(violation(
            "translations",
            format!("units and translations are {size} bytes; the limit is {limit} bytes"),
        ));
    }
    let style = match v1::QuotationStyle::try_from(request.quotation_style) {
        Ok(style) => api::quotation_style(style),
        Err(_) => {
            violations.push(violation(
                "quotation_style",
                format!("unknown quotation style {}", request.quotation_style),
            ));
            units::QuotationStyle::English
        }
    };
    if !violations.is_empty() {
        return Err(Rejection::InvalidArgument(violations));
    }
    let domain_units = api::units_from_proto(&request.units);
    let translations: Vec<units::Translation> = request
        .translations
        .iter()
        .map(|translation| units::Translation {
            unit_id: translation.unit_id.clone(),
            text: translation.text.clone(),
        })
        .collect();
    let options = units::ReassembleOptions {
        style,
        lenient: request.lenient,
    };
    match units::reassemble(&domain_units, &translations, &options) {
        Ok(reassembled) => Ok(api::reassemble_response(request, &reassembled)),
        Err(problems) => Err(Rejection::InvalidArgument(
            problems
                .iter()
                .map(|problem| violation(&problem.field(), problem.to_string()))
                .collect(),
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request(text: &str) -> v1::PreprocessRequest {
        v1::PreprocessRequest {
            document_id: "d".into(),
            content: Some(v1::preprocess_request::Content::Text(text.into())),
            ..Default::default()
        }
    }

    fn fields(rejection: Rejection) -> Vec<String> {
        match rejection {
            Rejection::InvalidArgument(violations) => {
                violations.into_iter().map(|v| v.field).collect()
            }
            Rejection::Internal(message) => panic!("unexpected internal error {message}"),
        }
    }

    #[test]
    fn empty_text_names_the_text_field() {
        let rejection = prepare(&request(""), &Limits::default()).unwrap_err();
        assert_eq!(fields(rejection), ["text"]);
    }

    #[test]
    fn missing_content_is_rejected() {
        let mut missing = request("x");
        missing.content = None;
        assert_eq!(
            fields(prepare(&missing, &Limits::default()).unwrap_err()),
            ["text"]
        );
    }

    #[test]
    fn oversize_text_states_limit_and_size() {
        let limits = Limits {
            max_article_bytes: 10,
        };
        let Rejection::InvalidArgument(violations) =
            prepare(&request("قال الوزير إن"), &limits).unwrap_err()
        else {
            panic!("expected invalid argument")
        };
        assert!(violations[0].description.contains("the limit is 10 bytes"));
        assert!(violations[0].description.contains("is 24 bytes"));
    }

    #[test]
    fn long_document_id_and_bad_option_are_both_reported() {
        let mut bad = request("نص");
        bad.document_id = "x".repeat(MAX_DOCUMENT_ID_BYTES + 1);
        bad.options = Some(v1::PreprocessOptions {
            max_segment_chars: 3,
            profile: 99,
            ..Default::default()
        });
        let mut reported = fields(prepare(&bad, &Limits::default()).unwrap_err());
        reported.sort();
        assert_eq!(
            reported,
            [
                "document_id",
                "options.max_segment_chars",
                "options.profile"
            ]
        );
    }

    #[test]
    fn out_of_range_batch_size_names_the_field() {
        let mut bad = request("نص");
        bad.options = Some(v1::PreprocessOptions {
            translation_units: Some(v1::TranslationUnitOptions {
                batch: Some(v1::BatchOptions {
                    max_size: 3,
                    measure: 0,
                }),
                protect: vec![v1::PlaceholderKind::QuoteOpen as i32],
                ..Default::default()
            }),
            ..Default::default()
        });
        let mut reported = fields(prepare(&bad, &Limits::default()).unwrap_err());
        reported.sort();
        assert_eq!(
            reported,
            [
                "options.translation_units.batch.max_size",
                "options.translation_units.protect[0]"
            ]
        );
    }

    #[test]
    fn raw_in_unknown_charset_names_charset() {
        let mut raw = request("");
        raw.content = Some(v1::preprocess_request::Content::Raw(b"abc".to_vec()));
        raw.charset = "not-a-charset".into();
        assert_eq!(
            fields(prepare(&raw, &Limits::default()).unwrap_err()),
            ["charset"]
        );
    }

    #[test]
    fn invalid_raw_bytes_give_the_byte_offset() {
        let mut raw = request("");
        raw.content = Some(v1::preprocess_request::Content::Raw(vec![b'a', 0xFF]));
        raw.charset = "utf-8".into();
        let Rejection::InvalidArgument(violations) = prepare(&raw, &Limits::default()).unwrap_err()
        else {
            panic!("expected invalid argument")
        };
        assert_eq!(violations[0].field, "raw");
        assert!(violations[0].description.contains("byte offset 1"));
    }
}
