//! Escaping text for XML and HTML that is written by hand (feeds, email);
//! pages are escaped by Leptos.

/// Text safe in element content and in quoted attributes: `& < > " '`
/// escaped, and what XML 1.0 forbids (control characters, U+FFFE and
/// U+FFFF) dropped.
pub fn markup(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for c in value.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            // Not characters in XML 1.0 (a workbook with one will not open).
            c if c.is_control() || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn markup_and_forbidden_characters_do_not_pass() {
        assert_eq!(
            super::markup("<a href=\"x\">O'Brien & co</a>\u{0}\u{FFFE}\u{FFFF}"),
            "&lt;a href=&quot;x&quot;&gt;O&apos;Brien &amp; co&lt;/a&gt;"
        );
    }
}
