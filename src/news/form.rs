//! A post as its author types it in the back office, and the post it
//! parses into, every problem reported beside its field at once.
//!
//! A post is written in one or more of the site's languages. A language is
//! written whole (title, teaser and body) or left empty, so that a reader
//! never gets a title in one language over a body in another without the
//! mark every fallback carries; the first written is the original. Its
//! publication is a day and a time in `zone` (the venue's when the post
//! belongs to a conference): empty, the post stays a draft.

use super::{Markdown, PostKind};
use crate::conference_edit::{names, parse_slug, MAX_TOPICS};
use crate::field::{Problem, ShortText};
use crate::i18n::{Lang, Localized};
use crate::slug::Slug;
use crate::zone::VenueZone;
use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use serde::{Deserialize, Serialize};

/// The post form's fields, as typed.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct PostForm {
    /// Per language: (code, text).
    pub titles: Vec<(String, String)>,
    pub teasers: Vec<(String, String)>,
    pub bodies: Vec<(String, String)>,
    pub kind: String,
    /// The kind's name when it is `other`.
    pub kind_label: String,
    /// Its address, `/news/{slug}`; empty: made from the title.
    pub slug: String,
    /// Topic names, one per line.
    pub topics: String,
    /// A conference's slug; empty for none.
    pub conference: String,
    /// 2017-11-16, and 09:30; both empty for a draft.
    pub publish_day: String,
    pub publish_time: String,
    /// The new post's form's own token (see [`PostEdit::token`]).
    pub token: String,
    /// The outcome documents it refers to, by address (checkboxes).
    pub documents: Vec<String>,
    /// Per language: (code, the picture's text for who cannot see it).
    pub alts: Vec<(String, String)>,
    /// "on": the picture is taken away.
    pub remove_image: String,
}

impl PostForm {
    /// From a posted body: `title_en`, `teaser_fr`, `body_ar`… and the
    /// other fields by name.
    pub fn from_pairs(pairs: impl IntoIterator<Item = (String, String)>) -> PostForm {
        let mut form = PostForm::default();
        for (name, value) in pairs {
            match name.as_str() {
                "kind" => form.kind = value,
                "kind_label" => form.kind_label = value,
                "slug" => form.slug = value,
                "topics" => form.topics = value,
                "conference" => form.conference = value,
                "publish_day" => form.publish_day = value,
                "publish_time" => form.publish_time = value,
                "token" => form.token = value,
                "documents" => form.documents.push(value),
                "remove_image" => form.remove_image = value,
                other => {
                    let texts = [
                        ("title_", &mut form.titles),
                        ("teaser_", &mut form.teasers),
                        ("body_", &mut form.bodies),
                        ("alt_", &mut form.alts),
                    ];
                    for (prefix, texts) in texts {
                        if let Some(lang) = other.strip_prefix(prefix) {
                            texts.push((lang.to_owned(), value.clone()));
                        }
                    }
                }
            }
        }
        form
    }

    /// The form of a stored post, to change it, its time at `zone`.
    pub fn of(record: &super::PostRecord, zone: VenueZone) -> PostForm {
        let post = &record.post;
        let texts = |text: &Localized| -> Vec<(String, String)> {
            text.text
                .iter()
                .map(|(lang, t)| (lang.code().to_owned(), t.clone()))
                .collect()
        };
        let local = record.publish_at.map(|at| zone.local(at));
        PostForm {
            titles: texts(&post.title),
            teasers: texts(&post.teaser),
            bodies: texts(&post.body),
            kind: post.kind.code().to_owned(),
            kind_label: post.kind_label.clone().unwrap_or_default(),
            slug: post.slug.to_string(),
            topics: post
                .topics
                .iter()
                .map(|t| t.name.get(post.title.original).to_owned())
                .collect::<Vec<_>>()
                .join("\n"),
            conference: post
                .conference
                .as_ref()
                .map(ToString::to_string)
                .unwrap_or_default(),
            publish_day: local
                .map(|at| at.format("%Y-%m-%d").to_string())
                .unwrap_or_default(),
            publish_time: local
                .map(|at| at.format("%H:%M").to_string())
                .unwrap_or_default(),
            token: String::new(),
            documents: record.documents.iter().map(ToString::to_string).collect(),
            alts: post
                .image
                .as_ref()
                .map(|i| texts(&i.alt))
                .unwrap_or_default(),
            remove_image: String::new(),
        }
    }

    /// What was typed in `lang` for a form field's value.
    pub fn title_in(&self, lang: Lang) -> &str {
        Self::text(&self.titles, lang)
    }

    pub fn teaser_in(&self, lang: Lang) -> &str {
        Self::text(&self.teasers, lang)
    }

    pub fn body_in(&self, lang: Lang) -> &str {
        Self::text(&self.bodies, lang)
    }

    pub fn alt_in(&self, lang: Lang) -> &str {
        Self::text(&self.alts, lang)
    }

    fn text(texts: &[(String, String)], lang: Lang) -> &str {
        texts
            .iter()
            .find(|(code, _)| code == lang.code())
            .map_or("", |(_, text)| text.as_str())
    }
}

/// A field of the post form, for its problem.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum PostField {
    Title(Lang),
    Teaser(Lang),
    Body(Lang),
    Kind,
    KindLabel,
    Slug,
    Topics,
    Conference,
    PublishDay,
    PublishTime,
    Documents,
    Image,
    Alt(Lang),
}

/// A post's texts in one language.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PostText {
    pub title: String,
    pub teaser: String,
    pub body: Markdown,
}

/// A post as the form parses it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PostEdit {
    /// The original first.
    pub texts: Vec<(Lang, PostText)>,
    pub kind: PostKind,
    /// The organiser's name for the kind, when it is `Other`.
    pub kind_label: Option<String>,
    /// `None`: made from the title by the store.
    pub slug: Option<Slug>,
    pub topics: Vec<String>,
    pub conference: Option<Slug>,
    /// `None`: a draft.
    pub publish_at: Option<DateTime<Utc>>,
    /// The token of the form a new post was written in: sent twice (a
    /// double click), it finds the post written the first time. A token
    /// of another shape is no token.
    pub token: Option<String>,
    /// The outcome documents it refers to.
    pub documents: Vec<Slug>,
    /// The picture's text in each language written, when any was typed.
    pub alt: Option<Localized>,
    /// Whether its picture is taken away.
    pub remove_image: bool,
}

impl PostEdit {
    /// The languages written without the picture's text, for a post that
    /// has or gets a picture: each is a problem beside its field.
    pub fn missing_alts(&self) -> Vec<(PostField, Problem)> {
        self.texts
            .iter()
            .filter(|(lang, _)| {
                self.alt
                    .as_ref()
                    .is_none_or(|alt| !alt.text.contains_key(lang))
            })
            .map(|(lang, _)| (PostField::Alt(*lang), Problem::Required))
            .collect()
    }

    /// Parses the form, with times in `zone`.
    pub fn parse(form: &PostForm, zone: VenueZone) -> Result<PostEdit, Vec<(PostField, Problem)>> {
        let mut problems = vec![];
        let mut texts = vec![];
        for lang in Lang::ALL {
            let title = PostForm::text(&form.titles, lang);
            let teaser = PostForm::text(&form.teasers, lang);
            let body = PostForm::text(&form.bodies, lang);
            if [title, teaser, body].iter().all(|t| t.trim().is_empty()) {
                continue;
            }
            let title = ShortText::<200>::parse(title)
                .map_err(|p| problems.push((PostField::Title(lang), p)))
                .ok();
            let teaser = ShortText::<500>::parse(teaser)
                .map_err(|p| problems.push((PostField::Teaser(lang), p)))
                .ok();
            let body = Markdown::parse(body)
                .map_err(|p| problems.push((PostField::Body(lang), p)))
                .ok();
            if let (Some(title), Some(teaser), Some(body)) = (title, teaser, body) {
                let title = title.as_str().to_owned();
                let teaser = teaser.as_str().to_owned();
                texts.push((
                    lang,
                    PostText {
                        title,
                        teaser,
                        body,
                    },
                ));
            }
        }
        if texts.is_empty() && problems.is_empty() {
            problems.push((PostField::Title(Lang::ALL[0]), Problem::Required));
        }
        let kind = PostKind::parse(form.kind.trim());
        if kind.is_none() {
            problems.push((PostField::Kind, Problem::ChooseOne));
        }
        let kind_label = match kind {
            Some(PostKind::Other) => ShortText::<60>::parse(&form.kind_label)
                .map(|label| Some(label.as_str().to_owned()))
                .unwrap_or_else(|p| {
                    problems.push((PostField::KindLabel, p));
                    None
                }),
            _ => None,
        };
        let slug = match form.slug.trim() {
            "" => None,
            typed => parse_slug(typed)
                .map_err(|p| problems.push((PostField::Slug, p)))
                .ok(),
        };
        let topics = names(&form.topics, 60, MAX_TOPICS).unwrap_or_else(|p| {
            problems.push((PostField::Topics, p));
            vec![]
        });
        let conference = match form.conference.trim() {
            "" => None,
            typed => Slug::parse(typed)
                .map_err(|_| problems.push((PostField::Conference, Problem::ChooseOne)))
                .ok(),
        };
        let publish_at = publication(form, zone, &mut problems);
        let mut alt: Option<Localized> = None;
        for (lang, _) in &texts {
            let typed = PostForm::text(&form.alts, *lang);
            if typed.trim().is_empty() {
                continue;
            }
            match ShortText::<300>::parse(typed) {
                Ok(text) => {
                    let text = text.as_str().to_owned();
                    alt = Some(match alt {
                        None => Localized::new(*lang, text),
                        Some(alt) => alt.with(*lang, text),
                    });
                }
                Err(problem) => problems.push((PostField::Alt(*lang), problem)),
            }
        }
        let mut documents = vec![];
        for typed in &form.documents {
            match Slug::parse(typed.trim()) {
                Ok(slug) if !documents.contains(&slug) => documents.push(slug),
                Ok(_) => {}
                Err(_) => problems.push((PostField::Documents, Problem::ChooseOne)),
            }
        }
        match kind {
            Some(kind) if problems.is_empty() => Ok(PostEdit {
                texts,
                kind,
                kind_label,
                slug,
                topics,
                conference,
                publish_at,
                token: form_token(&form.token),
                documents,
                alt,
                remove_image: form.remove_image == "on",
            }),
            _ => Err(problems),
        }
    }

    /// The title in every language written, the original first.
    pub fn title(&self) -> Option<Localized> {
        self.localized(|text| text.title.as_str())
    }

    /// The teaser in every language written.
    pub fn teaser(&self) -> Option<Localized> {
        self.localized(|text| text.teaser.as_str())
    }

    /// The body's Markdown in every language written.
    pub fn body(&self) -> Option<Localized> {
        self.localized(|text| text.body.as_str())
    }

    fn localized(&self, part: impl Fn(&PostText) -> &str) -> Option<Localized> {
        let (original, first) = self.texts.first()?;
        let text = Localized::new(*original, part(first));
        Some(
            self.texts[1..]
                .iter()
                .fold(text, |text, (lang, t)| text.with(*lang, part(t))),
        )
    }
}

/// A form's token as the page gives it: up to 64 URL-safe characters.
fn form_token(typed: &str) -> Option<String> {
    let typed = typed.trim();
    let shaped = !typed.is_empty()
        && typed.len() <= 64
        && typed
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    shaped.then(|| typed.to_owned())
}

/// The moment a post appears: its day and time at `zone`, or `None` when
/// both are empty (a draft).
fn publication(
    form: &PostForm,
    zone: VenueZone,
    problems: &mut Vec<(PostField, Problem)>,
) -> Option<DateTime<Utc>> {
    let (day, time) = (form.publish_day.trim(), form.publish_time.trim());
    if day.is_empty() && time.is_empty() {
        return None;
    }
    let day = NaiveDate::parse_from_str(day, "%Y-%m-%d").ok();
    if day.is_none() {
        problems.push((PostField::PublishDay, Problem::NotADate));
    }
    let time = NaiveTime::parse_from_str(time, "%H:%M").ok();
    if time.is_none() {
        problems.push((PostField::PublishTime, Problem::NotATime));
    }
    match zone.to_utc(day?.and_time(time?)) {
        Ok(at) => Some(at),
        Err(_) => {
            problems.push((PostField::PublishTime, Problem::SkippedByClocks));
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn brussels() -> VenueZone {
        VenueZone::parse("Europe/Brussels").unwrap()
    }

    fn form(pairs: &[(&str, &str)]) -> PostForm {
        PostForm::from_pairs(pairs.iter().map(|(n, v)| (n.to_string(), v.to_string())))
    }

    const DECLARATION: [(&str, &str); 8] = [
        ("kind", "statement"),
        ("title_en", "Mayors adopt the Mechelen Declaration"),
        ("teaser_en", "Cities commit to welcoming migrants."),
        ("body_en", "The **Mechelen Declaration** was adopted."),
        ("title_fr", "Les maires adoptent la Déclaration de Malines"),
        ("teaser_fr", "Les villes s'engagent."),
        ("body_fr", "La déclaration a été adoptée."),
        ("topics", "Migration\nCities"),
    ];

    #[test]
    fn a_post_in_two_languages_parses_with_its_original_first() {
        let mut pairs = DECLARATION.to_vec();
        pairs.retain(|(n, _)| *n != "topics");
        pairs.push(("topics", "Migration\nCities\nMigration"));
        pairs.push(("publish_day", "2017-11-17"));
        pairs.push(("publish_time", "16:00"));
        let post = PostEdit::parse(&form(&pairs), brussels()).unwrap();
        assert_eq!(post.kind, PostKind::Statement);
        assert_eq!(post.texts.len(), 2);
        assert_eq!(post.texts[0].0, Lang::En);
        let title = post.title().unwrap();
        assert_eq!(title.get(Lang::Ar), "Mayors adopt the Mechelen Declaration");
        assert_eq!(
            title.get(Lang::Fr),
            "Les maires adoptent la Déclaration de Malines"
        );
        assert_eq!(post.topics, ["Migration", "Cities"]);
        // 16:00 in Brussels in November is 15:00 UTC.
        assert_eq!(
            post.publish_at.unwrap().to_rfc3339(),
            "2017-11-17T15:00:00+00:00"
        );
        assert_eq!(post.slug, None, "made from the title by the store");
    }

    #[test]
    fn without_a_day_and_a_time_a_post_is_a_draft() {
        let post = PostEdit::parse(&form(&DECLARATION), brussels()).unwrap();
        assert_eq!(post.publish_at, None);
    }

    #[test]
    fn a_language_is_written_whole_or_not_at_all() {
        let post = form(&[
            ("kind", "news"),
            ("title_en", "Save the date"),
            ("teaser_en", "November in Mechelen."),
            ("body_en", "Two events."),
            ("title_ar", "احفظوا التاريخ"),
        ]);
        let problems = PostEdit::parse(&post, brussels()).unwrap_err();
        assert_eq!(
            problems,
            [
                (PostField::Teaser(Lang::Ar), Problem::Required),
                (PostField::Body(Lang::Ar), Problem::Required),
            ]
        );
    }

    #[test]
    fn every_problem_is_reported_beside_its_field_at_once() {
        let post = form(&[
            ("kind", "other"),
            ("title_en", "Save\u{7}the date"),
            ("teaser_en", "fine"),
            ("body_en", "a\u{202E}b"),
            ("slug", "Not A Slug"),
            ("conference", "no such/slug"),
            ("publish_day", "17/11/2017"),
            ("publish_time", "4pm"),
        ]);
        let problems = PostEdit::parse(&post, brussels()).unwrap_err();
        let fields: Vec<PostField> = problems.iter().map(|(f, _)| *f).collect();
        assert_eq!(
            fields,
            [
                PostField::Title(Lang::En),
                PostField::Body(Lang::En),
                PostField::KindLabel,
                PostField::Slug,
                PostField::Conference,
                PostField::PublishDay,
                PostField::PublishTime,
            ]
        );
        let nothing = PostEdit::parse(&form(&[("kind", "news")]), brussels()).unwrap_err();
        assert_eq!(nothing, [(PostField::Title(Lang::En), Problem::Required)]);
    }

    #[test]
    fn a_time_the_clocks_skip_is_refused() {
        let mut pairs = DECLARATION.to_vec();
        pairs.push(("publish_day", "2017-03-26"));
        pairs.push(("publish_time", "02:30"));
        let problems = PostEdit::parse(&form(&pairs), brussels()).unwrap_err();
        assert_eq!(
            problems,
            [(PostField::PublishTime, Problem::SkippedByClocks)]
        );
    }
}
