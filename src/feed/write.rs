//! Writing a feed: the items become entries once (their links, texts in
//! the reader's language or their original, the post's body rendered and
//! sanitised), then RSS 2.0 or Atom is written from the entries by the
//! maintained crates, which escape what they write.

use super::Format;
use crate::conference::Conference;
use crate::documents::Document;
use crate::i18n::{date_range, t, Lang, Localized};
use crate::news::{markdown, Post};
use chrono::{DateTime, Utc};

/// What a feed is about, in the reader's language.
pub struct Channel {
    pub title: String,
    pub description: String,
    pub lang: Lang,
    /// The site's public address (no trailing slash): entries' ids, the
    /// same in every language.
    pub base: String,
    /// The site's address in the reader's language (`…/fr`): links.
    pub localized: String,
    /// The path of the page the feed follows.
    pub page: String,
    /// The path of the feed itself.
    pub feed: String,
}

/// What a feed lists.
pub enum Item<'a> {
    /// A post, with the outcome documents it refers to (enclosed).
    Post(&'a Post, &'a [Document]),
    /// A conference, announced when it is published and when it changes.
    Conference(&'a Conference),
}

impl Item<'_> {
    fn date(&self) -> DateTime<Utc> {
        match self {
            Item::Post(post, _) => post.published_at,
            Item::Conference(c) => c.updated_at,
        }
    }
}

/// A text and the language it is in.
struct Text {
    value: String,
    lang: Lang,
}

impl Text {
    fn of(text: &Localized, lang: Lang) -> Text {
        Text {
            value: xml_chars(text.get(lang)),
            lang: text.lang_of(lang),
        }
    }
}

struct Entry {
    id: String,
    link: String,
    title: Text,
    summary: Text,
    /// Sanitised HTML.
    content: Option<Text>,
    published: DateTime<Utc>,
    updated: DateTime<Utc>,
    /// (the topic's address, its name)
    categories: Vec<(String, String)>,
    enclosures: Vec<Enclosure>,
}

/// A document's file in the reader's language (or the first it has).
struct Enclosure {
    url: String,
    content_type: String,
    length: i64,
    title: String,
}

/// A feed as written.
pub struct Written {
    pub body: String,
    /// Its newest change: its `updated`, and the server's `Last-Modified`.
    pub updated: DateTime<Utc>,
    /// A hash of its bytes, for the server's `ETag`.
    pub tag: String,
}

/// The feed of `items` (newest first, whatever order they come in).
pub fn write(format: Format, channel: &Channel, items: &mut [Item]) -> Written {
    items.sort_by_key(|item| std::cmp::Reverse(item.date()));
    let entries: Vec<Entry> = items.iter().map(|item| entry(channel, item)).collect();
    let updated = entries
        .iter()
        .map(|e| e.updated)
        .max()
        .unwrap_or(DateTime::UNIX_EPOCH);
    let body = match format {
        Format::Rss => rss(channel, &entries, updated),
        Format::Atom => atom(channel, &entries, updated),
    };
    use sha2::{Digest, Sha256};
    let tag = Sha256::digest(body.as_bytes())[..12]
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    Written { body, updated, tag }
}

fn entry(channel: &Channel, item: &Item) -> Entry {
    let lang = channel.lang;
    let topic = |slug: &crate::Slug, name: &Localized| {
        (
            format!("{}{}", channel.localized, crate::paths::topic(slug)),
            xml_chars(name.get(lang)),
        )
    };
    match item {
        Item::Post(post, documents) => {
            let path = crate::paths::news(&post.slug);
            let enclosures = documents
                .iter()
                .filter_map(|document| {
                    let (_, file) = document.file_in(lang)?;
                    Some(Enclosure {
                        url: format!(
                            "{}{}",
                            channel.base,
                            crate::paths::file(&file.hash, &file.name)
                        ),
                        content_type: file.content_type.clone(),
                        length: file.size,
                        title: xml_chars(document.title.get(lang)),
                    })
                })
                .collect();
            let body = Text::of(&post.body, lang);
            Entry {
                id: format!("{}{path}", channel.base),
                link: format!("{}{path}", channel.localized),
                title: Text::of(&post.title, lang),
                summary: Text::of(&post.teaser, lang),
                content: Some(Text {
                    // Parsed when written; one that no longer parses is
                    // left out rather than unsanitised.
                    value: crate::news::Markdown::parse(&body.value)
                        .map(|body| markdown::to_html(&body))
                        .unwrap_or_default(),
                    lang: body.lang,
                }),
                published: post.published_at,
                // A post written before its time appears when it comes.
                updated: post.updated_at.max(post.published_at),
                categories: post
                    .topics
                    .iter()
                    .map(|t| topic(&t.slug, &t.name))
                    .collect(),
                enclosures,
            }
        }
        Item::Conference(c) => {
            let path = crate::paths::conference(&c.slug);
            let summary = format!(
                "{} · {}, {}, {}",
                date_range(lang, c.starts_on, c.ends_on),
                c.venue,
                c.city,
                c.country
            );
            Entry {
                id: format!("{}{path}", channel.base),
                link: format!("{}{path}", channel.localized),
                title: Text::of(&c.title, lang),
                summary: Text {
                    value: xml_chars(&summary),
                    lang,
                },
                content: None,
                published: c.updated_at,
                updated: c.updated_at,
                categories: c.topics.iter().map(|t| topic(&t.slug, &t.name)).collect(),
                enclosures: vec![],
            }
        }
    }
}

fn atom(channel: &Channel, entries: &[Entry], updated: DateTime<Utc>) -> String {
    use atom_syndication::{
        Category, Content, Entry as AtomEntry, Feed, Link, Person, Text as AtomText,
    };
    let text = |text: &Text| AtomText {
        lang: Some(text.lang.code().to_owned()),
        ..AtomText::plain(text.value.clone())
    };
    let link = |href: String, rel: &str, mime: &str| Link {
        href,
        rel: rel.to_owned(),
        mime_type: Some(mime.to_owned()),
        ..Link::default()
    };
    let entries = entries
        .iter()
        .map(|e| AtomEntry {
            title: text(&e.title),
            id: e.id.clone(),
            updated: e.updated.fixed_offset(),
            published: Some(e.published.fixed_offset()),
            links: std::iter::once(link(e.link.clone(), "alternate", "text/html"))
                .chain(e.enclosures.iter().map(|enclosure| Link {
                    length: Some(enclosure.length.to_string()),
                    title: Some(enclosure.title.clone()),
                    ..link(enclosure.url.clone(), "enclosure", &enclosure.content_type)
                }))
                .collect(),
            summary: Some(text(&e.summary)),
            content: e.content.as_ref().map(|c| Content {
                value: Some(c.value.clone()),
                lang: Some(c.lang.code().to_owned()),
                content_type: Some("html".to_owned()),
                ..Content::default()
            }),
            categories: e
                .categories
                .iter()
                .map(|(term, label)| Category {
                    term: term.clone(),
                    label: Some(label.clone()),
                    ..Category::default()
                })
                .collect(),
            ..AtomEntry::default()
        })
        .collect();
    let feed = Feed {
        title: AtomText::plain(xml_chars(&channel.title)),
        subtitle: Some(AtomText::plain(xml_chars(&channel.description))),
        id: format!("{}{}", channel.base, channel.feed),
        updated: updated.fixed_offset(),
        authors: vec![Person {
            name: t(channel.lang, "site-name"),
            ..Person::default()
        }],
        links: vec![
            link(
                format!("{}{}", channel.localized, channel.feed),
                "self",
                Format::Atom.content_type(),
            ),
            link(
                format!("{}{}", channel.localized, channel.page),
                "alternate",
                "text/html",
            ),
        ],
        entries,
        lang: Some(channel.lang.code().to_owned()),
        ..Feed::default()
    };
    feed.to_string()
}

fn rss(channel: &Channel, entries: &[Entry], updated: DateTime<Utc>) -> String {
    use rss::extension::atom::{AtomExtension, Link};
    use rss::extension::dublincore::DublinCoreExtension;
    use rss::{Category, Guid, Item as RssItem};
    let items = entries
        .iter()
        .map(|e| RssItem {
            title: Some(e.title.value.clone()),
            link: Some(e.link.clone()),
            description: Some(e.summary.value.clone()),
            content: e.content.as_ref().map(|c| c.value.clone()),
            guid: Some(Guid {
                value: e.id.clone(),
                permalink: true,
            }),
            pub_date: Some(e.published.to_rfc2822()),
            // RSS encloses one file: the first document's.
            enclosure: e.enclosures.first().map(|enclosure| rss::Enclosure {
                url: enclosure.url.clone(),
                length: enclosure.length.to_string(),
                mime_type: enclosure.content_type.clone(),
            }),
            categories: e
                .categories
                .iter()
                .map(|(domain, name)| Category {
                    name: name.clone(),
                    domain: Some(domain.clone()),
                })
                .collect(),
            // RSS has one language per channel: an item shown in its
            // original instead says so.
            dublin_core_ext: (e.title.lang != channel.lang).then(|| DublinCoreExtension {
                languages: vec![e.title.lang.code().to_owned()],
                ..DublinCoreExtension::default()
            }),
            ..RssItem::default()
        })
        .collect();
    let rss = rss::Channel {
        title: xml_chars(&channel.title),
        link: format!("{}{}", channel.localized, channel.page),
        description: xml_chars(&channel.description),
        language: Some(channel.lang.code().to_owned()),
        last_build_date: Some(updated.to_rfc2822()),
        atom_ext: Some(AtomExtension {
            links: vec![Link {
                href: format!("{}{}", channel.localized, channel.feed),
                rel: "self".to_owned(),
                mime_type: Some(Format::Rss.content_type().to_owned()),
                ..Link::default()
            }],
        }),
        items,
        ..rss::Channel::default()
    };
    rss.to_string()
}

/// `text` without the characters XML 1.0 cannot carry (the parsed domain
/// types refuse them already; a feed must stay readable whatever it holds).
fn xml_chars(text: &str) -> String {
    text.chars()
        .filter(|&c| !c.is_control() || matches!(c, '\n' | '\t' | '\r'))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::demo;

    fn channel(lang: Lang) -> Channel {
        Channel {
            title: "Migration".into(),
            description: "News".into(),
            lang,
            base: "https://x.org".into(),
            localized: format!("https://x.org/{}", lang.code()),
            page: "/topics/migration".into(),
            feed: "/topics/migration/feed.atom".into(),
        }
    }

    fn post(title: Localized, body: &str) -> Post {
        Post {
            slug: crate::Slug::parse("mechelen-declaration").unwrap(),
            kind: crate::news::PostKind::Statement,
            kind_label: None,
            title,
            teaser: Localized::new(Lang::En, "Mayors adopted it."),
            body: Localized::new(Lang::En, body),
            conference: None,
            topics: vec![],
            published_at: "2017-11-17T16:00:00Z".parse().unwrap(),
            updated_at: "2017-11-10T09:00:00Z".parse().unwrap(),
            image: None,
        }
    }

    #[test]
    fn both_formats_read_back_with_the_entries_newest_first() {
        let conferences: Vec<_> = demo::agendas().into_iter().map(|a| a.conference).collect();
        let declaration = post(
            Localized::new(Lang::En, "The Mechelen Declaration"),
            "Read **it**.",
        );
        let mut items: Vec<Item> = conferences.iter().map(Item::Conference).collect();
        items.push(Item::Post(&declaration, &[]));
        let atom = write(Format::Atom, &channel(Lang::En), &mut items);
        let feed = atom_syndication::Feed::read_from(atom.body.as_bytes()).unwrap();
        assert_eq!(feed.entries.len(), 3);
        assert_eq!(feed.lang.as_deref(), Some("en"));
        let first = &feed.entries[0];
        assert_eq!(first.title.value, "The Mechelen Declaration");
        assert_eq!(first.id, "https://x.org/news/mechelen-declaration");
        assert_eq!(
            first.links[0].href,
            "https://x.org/en/news/mechelen-declaration"
        );
        // Written before its time, it is new when it appears.
        assert_eq!(first.updated.to_rfc3339(), "2017-11-17T16:00:00+00:00");
        assert_eq!(
            first.content.as_ref().unwrap().value.as_deref(),
            Some("<p>Read <strong>it</strong>.</p>\n")
        );
        assert_eq!(atom.updated, feed.updated.with_timezone(&Utc));

        let rss = write(Format::Rss, &channel(Lang::En), &mut items);
        let rss = rss::Channel::read_from(rss.body.as_bytes()).unwrap();
        assert_eq!(rss.items.len(), 3);
        assert_eq!(rss.language.as_deref(), Some("en"));
        assert_eq!(
            rss.items[0].description.as_deref(),
            Some("Mayors adopted it.")
        );
        assert!(rss.items[1..].iter().any(|i| i
            .description
            .as_deref()
            .unwrap()
            .contains("16–17 November 2017 · Lamot Congress and Heritage Center, Mechelen, BE")));
    }

    #[test]
    fn a_text_in_its_original_says_its_language() {
        let declaration = post(Localized::new(Lang::En, "Declaration"), "x");
        let atom = write(
            Format::Atom,
            &channel(Lang::Ar),
            &mut [Item::Post(&declaration, &[])],
        );
        let feed = atom_syndication::Feed::read_from(atom.body.as_bytes()).unwrap();
        assert_eq!(feed.lang.as_deref(), Some("ar"));
        assert_eq!(feed.entries[0].title.lang.as_deref(), Some("en"));
        let rss = write(
            Format::Rss,
            &channel(Lang::Ar),
            &mut [Item::Post(&declaration, &[])],
        );
        assert!(
            rss.body.contains("<dc:language>en</dc:language>"),
            "{}",
            rss.body
        );
    }

    #[test]
    fn markup_in_texts_is_escaped_and_the_body_sanitised() {
        let hostile = post(
            Localized::new(Lang::En, "<script>alert(1)</script> & \"x\"\u{0}"),
            "<script>alert(2)</script>\n\n[a](javascript:alert(3)) ]]> <img src=x onerror=alert(4)>",
        );
        for format in Format::ALL {
            let written = write(
                *format,
                &channel(Lang::En),
                &mut [Item::Post(&hostile, &[])],
            );
            let body = written.body;
            assert!(!body.contains("<script>"), "{body}");
            assert!(!body.contains('\u{0}'));
            assert!(!body.contains("javascript:"), "{body}");
            assert!(!body.contains("onerror"), "{body}");
        }
        let atom = write(
            Format::Atom,
            &channel(Lang::En),
            &mut [Item::Post(&hostile, &[])],
        );
        let feed = atom_syndication::Feed::read_from(atom.body.as_bytes()).unwrap();
        assert_eq!(
            feed.entries[0].title.value,
            "<script>alert(1)</script> & \"x\""
        );
        let rss = write(
            Format::Rss,
            &channel(Lang::En),
            &mut [Item::Post(&hostile, &[])],
        );
        let rss = rss::Channel::read_from(rss.body.as_bytes()).unwrap();
        assert!(rss.items[0].content.as_deref().unwrap().contains("]]&gt;"));
    }
}
