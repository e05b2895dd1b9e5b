//! The first stage: bytes of some charset to text.

use encoding_rs::{DecoderResult, Encoding, UTF_8};

use crate::{Diagnostic, Severity};

/// Why bytes could not be decoded.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DecodeError {
    /// The charset label is not one the WHATWG Encoding Standard knows.
    #[error("unknown charset {0:?}")]
    UnknownCharset(String),
    /// The bytes are not valid in the charset.
    #[error("bytes are not valid {charset} at byte offset {byte_offset}")]
    Malformed {
        /// The charset the bytes were decoded with.
        charset: &'static str,
        /// Offset of the first invalid byte in the input.
        byte_offset: usize,
    },
}

/// Decoded text and how the charset was chosen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    /// The text, without byte order mark.
    pub text: String,
    /// The charset used.
    pub charset: &'static str,
    /// How the charset was chosen, when it was not simply the declared one.
    pub diagnostics: Vec<Diagnostic>,
}

/// Decodes `raw` with the charset named by `label` (a WHATWG label such as `utf-8`,
/// `windows-1256`, `iso-8859-6`), or detects it when `label` is empty: a byte order mark
/// first, then valid UTF-8, then a statistical guess. Invalid bytes are an error, never
/// silently replaced, so offsets stay honest.
pub fn decode(raw: &[u8], label: &str) -> Result<Decoded, DecodeError> {
    let label = label.trim();
    let declared = if label.is_empty() {
        None
    } else {
        Some(
            Encoding::for_label(label.as_bytes())
                .ok_or_else(|| DecodeError::UnknownCharset(label.to_owned()))?,
        )
    };
    let mut diagnostics = Vec::new();
    let (encoding, body) = match Encoding::for_bom(raw) {
        Some((by_bom, bom_len)) => {
            if declared.is_some_and(|declared| declared != by_bom) {
                diagnostics.push(info(
                    "charset-bom-override",
                    format!(
                        "byte order mark says {}, which overrides the declared charset",
                        by_bom.name()
                    ),
                ));
            }
            (by_bom, &raw[bom_len..])
        }
        None => match declared {
            Some(declared) => (declared, raw),
            None => {
                let detected = detect(raw);
                diagnostics.push(info(
                    "charset-detected",
                    format!("no charset given; decoded as {}", detected.name()),
                ));
                (detected, raw)
            }
        },
    };
    let text = decode_strict(encoding, body).map_err(|offset| DecodeError::Malformed {
        charset: encoding.name(),
        byte_offset: offset + (raw.len() - body.len()),
    })?;
    Ok(Decoded {
        text,
        charset: encoding.name(),
        diagnostics,
    })
}

fn detect(raw: &[u8]) -> &'static Encoding {
    if std::str::from_utf8(raw).is_ok() {
        return UTF_8;
    }
    let mut detector = chardetng::EncodingDetector::new();
    detector.feed(raw, true);
    detector.guess(None, true)
}

/// Decodes without replacement; on invalid input returns the offset of the first bad byte.
fn decode_strict(encoding: &'static Encoding, body: &[u8]) -> Result<String, usize> {
    if encoding == UTF_8 {
        return std::str::from_utf8(body)
            .map(str::to_owned)
            .map_err(|error| error.valid_up_to());
    }
    let mut decoder = encoding.new_decoder_without_bom_handling();
    let capacity = decoder
        .max_utf8_buffer_length_without_replacement(body.len())
        .unwrap_or(body.len().saturating_mul(3));
    let mut text = String::with_capacity(capacity);
    let (result, read) = decoder.decode_to_string_without_replacement(body, &mut text, true);
    match result {
        DecoderResult::InputEmpty => Ok(text),
        DecoderResult::Malformed(bad, extra) => {
            Err(read.saturating_sub(usize::from(extra) + usize::from(bad)))
        }
        // The buffer was sized for the worst case, so this is unreachable in practice;
        // report where decoding stopped rather than panic.
        DecoderResult::OutputFull => Err(read),
    }
}

fn info(code: &'static str, message: String) -> Diagnostic {
    Diagnostic {
        severity: Severity::Info,
        code,
        message,
        span: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_bom_is_stripped() {
        let mut raw = vec![0xEF, 0xBB, 0xBF];
        raw.extend_from_slice("قال".as_bytes());
        let decoded = decode(&raw, "").unwrap();
        assert_eq!(decoded.text, "قال");
        assert_eq!(decoded.charset, "UTF-8");
    }

    #[test]
    fn utf16le_by_bom() {
        let mut raw = vec![0xFF, 0xFE];
        for unit in "خبر".encode_utf16() {
            raw.extend_from_slice(&unit.to_le_bytes());
        }
        assert_eq!(decode(&raw, "").unwrap().text, "خبر");
    }

    #[test]
    fn utf16be_by_bom() {
        let mut raw = vec![0xFE, 0xFF];
        for unit in "خبر".encode_utf16() {
            raw.extend_from_slice(&unit.to_be_bytes());
        }
        assert_eq!(decode(&raw, "").unwrap().text, "خبر");
    }

    #[test]
    fn windows_1256_by_label() {
        let (bytes, _, _) = encoding_rs::WINDOWS_1256.encode("قال الوزير");
        let decoded = decode(&bytes, "windows-1256").unwrap();
        assert_eq!(decoded.text, "قال الوزير");
    }

    #[test]
    fn iso_8859_6_by_label() {
        let (bytes, _, _) = encoding_rs::ISO_8859_6.encode("قال الوزير");
        assert_eq!(decode(&bytes, "ISO-8859-6").unwrap().text, "قال الوزير");
    }

    #[test]
    fn unknown_label_is_an_error() {
        assert_eq!(
            decode(b"abc", "klingon-8"),
            Err(DecodeError::UnknownCharset("klingon-8".into()))
        );
    }

    #[test]
    fn invalid_utf8_reports_the_byte_offset() {
        let mut raw = "قال".as_bytes().to_vec();
        raw.push(0xFF);
        assert_eq!(
            decode(&raw, "utf-8"),
            Err(DecodeError::Malformed {
                charset: "UTF-8",
                byte_offset: 6
            })
        );
    }

    #[test]
    fn undeclared_windows_1256_is_detected_and_reported() {
        let (bytes, _, _) = encoding_rs::WINDOWS_1256
            .encode("قال وزير الخارجية إن المحادثات ستستأنف الأسبوع المقبل");
        let decoded = decode(&bytes, "").unwrap();
        assert_eq!(
            decoded.text,
            "قال وزير الخارجية إن المحادثات ستستأنف الأسبوع المقبل"
        );
        assert_eq!(decoded.diagnostics[0].code, "charset-detected");
    }
}
