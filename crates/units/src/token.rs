//! Placeholder tokens: writing them into unit text and finding them in translations.

use crate::PlaceholderStyle;

/// The token of placeholder `id` in `style`.
pub(crate) fn render(style: PlaceholderStyle, id: u32) -> String {
    match style {
        PlaceholderStyle::Bracket => format!("⟦{id}⟧"),
        PlaceholderStyle::Xml => format!("<x id=\"{id}\"/>"),
    }
}

/// Appends `text` to `out`, XML-escaped in the XML style.
pub(crate) fn push_text(out: &mut String, style: PlaceholderStyle, text: &str) {
    match style {
        PlaceholderStyle::Bracket => out.push_str(text),
        PlaceholderStyle::Xml => {
            for c in text.chars() {
                match c {
                    '&' => out.push_str("&amp;"),
                    '<' => out.push_str("&lt;"),
                    '>' => out.push_str("&gt;"),
                    _ => out.push(c),
                }
            }
        }
    }
}

/// One piece of a translation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Piece<'a> {
    /// Text (XML entities already decoded in the XML style).
    Text(std::borrow::Cow<'a, str>),
    /// A placeholder token with its number.
    Token(u32),
    /// Something that starts like a token but is not one: byte offset and text.
    Malformed(usize, &'a str),
}

/// Splits a translation into text, tokens and malformed tokens. Linear time.
pub(crate) fn parse(style: PlaceholderStyle, text: &str) -> Vec<Piece<'_>> {
    let opener = match style {
        PlaceholderStyle::Bracket => '⟦',
        PlaceholderStyle::Xml => '<',
    };
    let mut pieces = Vec::new();
    let mut rest_start = 0;
    let mut search = 0;
    while let Some(found) = text[search..].find(opener) {
        let at = search + found;
        let parsed = match style {
            PlaceholderStyle::Bracket => bracket_token(&text[at..]),
            PlaceholderStyle::Xml => xml_token(&text[at..]),
        };
        push_plain(&mut pieces, style, &text[rest_start..at]);
        match parsed {
            Ok((id, length)) => {
                pieces.push(Piece::Token(id));
                search = at + length;
            }
            Err(length) => {
                pieces.push(Piece::Malformed(at, &text[at..at + length]));
                search = at + length;
            }
        }
        rest_start = search;
    }
    push_plain(&mut pieces, style, &text[rest_start..]);
    pieces
}

fn push_plain<'a>(pieces: &mut Vec<Piece<'a>>, style: PlaceholderStyle, text: &'a str) {
    if text.is_empty() {
        return;
    }
    pieces.push(Piece::Text(match style {
        PlaceholderStyle::Bracket => text.into(),
        PlaceholderStyle::Xml => unescape(text),
    }));
}

/// Length of the malformed stretch reported for a bad token: up to the next closer or
/// 24 bytes, whichever comes first, on a char boundary.
fn malformed_length(text: &str, closer: char) -> usize {
    let limit = text
        .char_indices()
        .skip(1)
        .find(|&(at, c)| c == closer || at >= 24)
        .map_or(
            text.len(),
            |(at, c)| {
                if c == closer { at + c.len_utf8() } else { at }
            },
        );
    limit.max(text.chars().next().map_or(0, char::len_utf8))
}

/// `⟦12⟧`, spaces allowed inside (`⟦ 12 ⟧`).
fn bracket_token(text: &str) -> Result<(u32, usize), usize> {
    let inner = &text['⟦'.len_utf8()..];
    let Some(close) = inner.find('⟧') else {
        return Err(malformed_length(text, '⟧'));
    };
    let number = inner[..close].trim();
    match number.parse::<u32>() {
        Ok(id) if number.bytes().all(|b| b.is_ascii_digit()) => {
            Ok((id, '⟦'.len_utf8() + close + '⟧'.len_utf8()))
        }
        _ => Err(malformed_length(text, '⟧')),
    }
}

/// `<x id="12"/>`, `<x id='12' />` or `<x id="12"></x>`.
fn xml_token(text: &str) -> Result<(u32, usize), usize> {
    let bad = || malformed_length(text, '>');
    let rest = text.strip_prefix("<x").ok_or_else(bad)?;
    let attributes = rest.trim_start();
    if attributes.len() == rest.len() {
        return Err(bad());
    }
    let value = attributes.strip_prefix("id").ok_or_else(bad)?.trim_start();
    let value = value.strip_prefix('=').ok_or_else(bad)?.trim_start();
    let quote = value.chars().next().filter(|&c| c == '"' || c == '\'');
    let quote = quote.ok_or_else(bad)?;
    let value = &value[1..];
    let end = value.find(quote).ok_or_else(bad)?;
    let number = &value[..end];
    if number.is_empty() || !number.bytes().all(|b| b.is_ascii_digit()) {
        return Err(bad());
    }
    let id: u32 = number.parse().map_err(|_| bad())?;
    let after = value[end + 1..].trim_start();
    let tail = if let Some(after) = after.strip_prefix("/>") {
        after
    } else if let Some(after) = after.strip_prefix('>') {
        after.trim_start().strip_prefix("</x>").ok_or_else(bad)?
    } else {
        return Err(bad());
    };
    Ok((id, text.len() - tail.len()))
}

/// Decodes the XML entities MT services write back (`&amp;`, `&lt;`, `&gt;`, `&quot;`,
/// `&apos;`, `&#N;`, `&#xN;`); anything else is kept as written.
fn unescape(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.contains('&') {
        return text.into();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let entity = rest
            .char_indices()
            .take(12)
            .find(|&(_, c)| c == ';')
            .map(|(end, _)| &rest[1..end]);
        let decoded = entity.and_then(|name| match name {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            _ => {
                let code = if let Some(hex) = name.strip_prefix("#x").or(name.strip_prefix("#X")) {
                    u32::from_str_radix(hex, 16).ok()
                } else {
                    name.strip_prefix('#')?.parse().ok()
                };
                code.and_then(char::from_u32)
            }
        });
        match (decoded, entity) {
            (Some(c), Some(name)) => {
                out.push(c);
                rest = &rest[name.len() + 2..];
            }
            _ => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out.into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn xml_tokens_in_their_accepted_forms() {
        for form in ["<x id=\"7\"/>", "<x id='7' />", "<x  id = \"7\"></x>"] {
            assert_eq!(
                parse(PlaceholderStyle::Xml, form),
                [Piece::Token(7)],
                "{form}"
            );
        }
    }

    #[test]
    fn xml_entities_are_decoded_and_bad_tags_reported() {
        let pieces = parse(PlaceholderStyle::Xml, "a &lt;b&gt; &amp; <x id=1/> c");
        assert_eq!(pieces[0], Piece::Text("a <b> & ".into()));
        assert!(matches!(pieces[1], Piece::Malformed(18, "<x id=1/>")));
    }

    #[test]
    fn bracket_token_with_spaces_and_unclosed() {
        assert_eq!(
            parse(PlaceholderStyle::Bracket, "⟦ 3 ⟧x"),
            [Piece::Token(3), Piece::Text("x".into())]
        );
        assert!(matches!(
            parse(PlaceholderStyle::Bracket, "a ⟦3 b")[1],
            Piece::Malformed(2, _)
        ));
    }
}
