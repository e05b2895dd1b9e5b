//! Request handling shared by the gRPC service and the CLI: validation, decoding, the
//! pipeline, and the response. Knows nothing of the transport; a [`Rejection`] becomes a
//! `tonic::Status` or a stream item error in exactly one place each.

use api::v1;
use pipeline::{Options, Pipeline, Profile, RuleOverrides};

use crate::config::{Limits, MAX_DOCUMENT_ID_BYTES, MAX_SEGMENT_CHARS_RANGE};

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
    let given = request.options.unwrap_or_default();
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
    match decoded {
        Some((text, diagnostics)) if violations.is_empty() => Ok(Prepared {
            document_id: request.document_id.clone(),
            text,
            options,
            include_byte_offsets: given.include_byte_offsets,
            diagnostics,
        }),
        _ => Err(Rejection::InvalidArgument(violations)),
    }
}

/// Runs the pipeline over a prepared request and builds the response.
pub fn preprocess(pipeline: &Pipeline, prepared: &Prepared) -> v1::PreprocessResponse {
    let mut article = pipeline.run(&prepared.text, &prepared.options);
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
