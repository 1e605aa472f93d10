//! A post's Markdown as HTML that is safe to put in a page or a feed:
//! CommonMark (with tables and strikethrough) by `pulldown-cmark`, then
//! sanitised by `ammonia`, whatever the Markdown let through (raw HTML is
//! allowed in Markdown, so a body can hold `<script>` or `onerror=`).
//! Links may only go to the web or to an email address, and open nothing
//! with the page's rights (`rel="noopener noreferrer nofollow"`).

use super::Markdown;
use pulldown_cmark::{Options, Parser};
use std::collections::HashSet;
use std::sync::LazyLock;

/// The one sanitiser: what a post's HTML may keep.
static CLEANER: LazyLock<ammonia::Builder<'static>> = LazyLock::new(|| {
    let mut builder = ammonia::Builder::default();
    builder
        .url_schemes(HashSet::from(["http", "https", "mailto"]))
        .link_rel(Some("noopener noreferrer nofollow"));
    builder
});

/// The body as sanitised HTML.
pub fn to_html(body: &Markdown) -> String {
    let parser = Parser::new_ext(
        body.as_str(),
        Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH,
    );
    let mut html = String::new();
    pulldown_cmark::html::push_html(&mut html, parser);
    CLEANER.clean(&html).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn html(markdown: &str) -> String {
        to_html(&Markdown::parse(markdown).unwrap())
    }

    #[test]
    fn markdown_becomes_its_html() {
        let out = html("# The Mechelen Declaration\n\nMayors **adopted** it: [read it](https://example.org/d.pdf).");
        assert!(out.contains("<h1>The Mechelen Declaration</h1>"), "{out}");
        assert!(out.contains("<strong>adopted</strong>"), "{out}");
        assert!(
            out.contains(r#"<a href="https://example.org/d.pdf" rel="noopener noreferrer nofollow">read it</a>"#),
            "{out}"
        );
    }

    #[test]
    fn scripts_handlers_frames_and_script_links_come_out_inert() {
        let hostile = [
            "<script>alert(1)</script>",
            "<img src=x onerror=alert(1)>",
            "<iframe src=\"https://evil.example\"></iframe>",
            "[click](javascript:alert(1))",
            "<a href=\"javascript:alert(1)\">click</a>",
            "<a href=\"data:text/html,<script>alert(1)</script>\">x</a>",
            "<svg onload=alert(1)></svg>",
            "<p style=\"background:url(javascript:alert(1))\">x</p>",
            "<object data=\"x.swf\"></object>",
            "<form action=\"https://evil.example\"><input></form>",
        ];
        for markdown in hostile {
            let out = html(markdown).to_lowercase();
            for bad in [
                "<script",
                "onerror",
                "onload",
                "<iframe",
                "javascript:",
                "data:",
                "<svg",
                "style=",
                "<object",
                "<form",
                "<input",
            ] {
                assert!(!out.contains(bad), "{markdown:?} gave {out:?}");
            }
        }
    }

    #[test]
    fn text_that_looks_like_markup_is_shown_as_text() {
        let out = html("Cities & states: `<b>` is bold.");
        assert!(out.contains("Cities &amp; states"), "{out}");
        assert!(out.contains("<code>&lt;b&gt;</code>"), "{out}");
    }
}
