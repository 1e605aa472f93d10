//! Atom feeds (RFC 4287) of conferences, site-wide and per topic.

use crate::conference::Conference;
use crate::escape::markup as xml;
use crate::i18n::{date_range, t, Lang};

/// The feed of `conferences`. `self_url` is the feed's own address and
/// `base_url` (no trailing slash, language prefix included) the site's.
pub fn atom(
    title: &str,
    self_url: &str,
    base_url: &str,
    conferences: &[Conference],
    lang: Lang,
) -> String {
    let updated = conferences
        .iter()
        .map(|c| c.updated_at)
        .max()
        .unwrap_or(chrono::DateTime::UNIX_EPOCH);
    let mut out = String::new();
    out.push_str("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    out.push_str(&format!(
        "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\">\n",
        lang.code()
    ));
    out.push_str(&format!("  <title>{}</title>\n", xml(title)));
    out.push_str(&format!("  <id>{}</id>\n", xml(self_url)));
    out.push_str(&format!(
        "  <link rel=\"self\" type=\"application/atom+xml\" href=\"{}\"/>\n",
        xml(self_url)
    ));
    out.push_str(&format!(
        "  <link rel=\"alternate\" type=\"text/html\" href=\"{}/\"/>\n",
        xml(base_url)
    ));
    out.push_str(&format!("  <updated>{}</updated>\n", updated.to_rfc3339()));
    out.push_str(&format!(
        "  <author><name>{}</name></author>\n",
        xml(&t(lang, "site-name"))
    ));
    for c in conferences {
        let url = crate::paths::link(base_url, &crate::paths::conference(&c.slug));
        let summary = format!(
            "{} · {}, {}, {}",
            date_range(lang, c.starts_on, c.ends_on),
            c.venue,
            c.city,
            c.country
        );
        out.push_str("  <entry>\n");
        out.push_str(&format!(
            "    <title xml:lang=\"{}\">{}</title>\n",
            c.title.lang_of(lang),
            xml(c.title.get(lang))
        ));
        out.push_str(&format!("    <id>{}</id>\n", xml(&url)));
        out.push_str(&format!(
            "    <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n",
            xml(&url)
        ));
        out.push_str(&format!(
            "    <updated>{}</updated>\n",
            c.updated_at.to_rfc3339()
        ));
        out.push_str(&format!("    <summary>{}</summary>\n", xml(&summary)));
        for topic in &c.topics {
            out.push_str(&format!(
                "    <category term=\"{}\" label=\"{}\"/>\n",
                xml(topic.slug.as_str()),
                xml(topic.name.get(lang))
            ));
        }
        out.push_str("  </entry>\n");
    }
    out.push_str("</feed>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::demo;

    #[test]
    fn lists_each_conference_with_a_link() {
        let conferences: Vec<_> = demo::agendas().into_iter().map(|a| a.conference).collect();
        let feed = atom(
            "Conferences",
            "https://x.org/feed.atom",
            "https://x.org",
            &conferences,
            Lang::En,
        );
        assert_eq!(feed.matches("<entry>").count(), 2);
        assert!(feed.contains("<link rel=\"alternate\" type=\"text/html\" href=\"https://x.org/conferences/mechelen-2017\"/>"));
        assert!(feed.contains("<category term=\"migration\" label=\"Migration\"/>"));
        assert!(
            feed.contains("16–17 November 2017 · Lamot Congress and Heritage Center, Mechelen, BE")
        );
    }

    #[test]
    fn markup_in_titles_is_escaped() {
        let mut c = demo::agendas().remove(0).conference;
        c.title = crate::Localized::new(Lang::En, "<script>alert(1)</script> & \"x\"\u{0}");
        let feed = atom("T", "u", "b", &[c], Lang::En);
        assert!(feed.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;x&quot;</title>"));
        assert!(!feed.contains("<script>"));
        assert!(!feed.contains('\u{0}'));
    }
}
