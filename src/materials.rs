//! A session's materials: its livestream while it runs, its recording
//! after, and its documents (slides, a rapporteur's summary) in each
//! language, uploaded or linked.
//!
//! What a session offers changes by the clock, with no edit: the
//! livestream from [`LIVE_BEFORE`] before the start to the end, then the
//! recording. Pages ask [`Materials::watch`] with the time of the request,
//! and say until when what they show holds ([`next_turn`]), so a kept page
//! is not served past the instant it changes.

use crate::field::{Problem, ShortText, WebAddress};
use crate::i18n::Lang;
use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};

/// How long before its start a session's livestream link shows: time to
/// open it and find a seat.
pub const LIVE_BEFORE: Duration = Duration::minutes(15);

crate::coded_enum! {
    pub enum MaterialKind {
        Slides = "slides",
        /// A rapporteur's summary of what was said.
        Summary = "summary",
        Other = "other",
    }
}

/// Where a document is: a kept file, or elsewhere on the web.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Source {
    File {
        hash: String,
        /// The name it was uploaded with.
        name: String,
        content_type: String,
        bytes: i64,
    },
    Link(WebAddress),
}

impl Source {
    pub fn href(&self) -> String {
        match self {
            Source::File { hash, name, .. } => crate::paths::file(hash, name),
            Source::Link(address) => address.as_str().to_owned(),
        }
    }
}

/// One document of a session, in one language.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Material {
    pub id: i64,
    pub kind: MaterialKind,
    pub lang: Lang,
    /// What the link says ("Slides: housing first in Vienna").
    pub title: String,
    pub source: Source,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Materials {
    pub livestream: Option<WebAddress>,
    pub recording: Option<WebAddress>,
    pub documents: Vec<Material>,
}

/// What a session offers to watch at a given moment.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Watch<'a> {
    Nothing,
    Live(&'a WebAddress),
    Recording(&'a WebAddress),
}

impl Materials {
    /// What to watch at `now`, for a session from `starts_at` to `ends_at`.
    pub fn watch(
        &self,
        starts_at: DateTime<Utc>,
        ends_at: DateTime<Utc>,
        now: DateTime<Utc>,
    ) -> Watch<'_> {
        if now >= ends_at {
            self.recording
                .as_ref()
                .map_or(Watch::Nothing, Watch::Recording)
        } else if now >= starts_at - LIVE_BEFORE {
            self.livestream.as_ref().map_or(Watch::Nothing, Watch::Live)
        } else {
            Watch::Nothing
        }
    }

    /// The documents in `lang`, and, of a kind that has none in `lang`,
    /// those in every other language: a summary only in English still
    /// shows on the French page.
    pub fn documents_for(&self, lang: Lang) -> Vec<&Material> {
        let in_lang = |kind| {
            self.documents
                .iter()
                .any(|m| m.kind == kind && m.lang == lang)
        };
        let mut shown: Vec<&Material> = self.documents.iter().filter(|m| m.lang == lang).collect();
        shown.extend(
            self.documents
                .iter()
                .filter(|m| m.lang != lang && !in_lang(m.kind)),
        );
        shown
    }

    fn changes_by_the_clock(&self) -> bool {
        self.livestream.is_some() || self.recording.is_some()
    }
}

/// The first instant after `now` at which one of `sessions` (each its
/// start, end and materials) changes what it offers: what a page showing
/// them holds until.
pub fn next_turn<'a>(
    sessions: impl IntoIterator<Item = (DateTime<Utc>, DateTime<Utc>, &'a Materials)>,
    now: DateTime<Utc>,
) -> Option<DateTime<Utc>> {
    sessions
        .into_iter()
        .filter(|(_, _, m)| m.changes_by_the_clock())
        .flat_map(|(start, end, _)| [start - LIVE_BEFORE, end])
        .filter(|turn| *turn > now)
        .min()
}

/// The livestream and recording form's fields, for problems beside them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum WatchField {
    Livestream,
    Recording,
}

/// A session's livestream and recording as the organiser typed them:
/// each a web address, or empty for none.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct WatchEdit {
    pub livestream: Option<WebAddress>,
    pub recording: Option<WebAddress>,
}

impl WatchEdit {
    pub fn parse(
        livestream: &str,
        recording: &str,
    ) -> Result<WatchEdit, Vec<(WatchField, Problem)>> {
        let mut problems = vec![];
        let mut address = |value: &str, field| {
            if value.trim().is_empty() {
                return None;
            }
            WebAddress::parse(value)
                .map_err(|p| problems.push((field, p)))
                .ok()
        };
        let edit = WatchEdit {
            livestream: address(livestream, WatchField::Livestream),
            recording: address(recording, WatchField::Recording),
        };
        if problems.is_empty() {
            Ok(edit)
        } else {
            Err(problems)
        }
    }
}

/// The document form's fields, for problems beside them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum MaterialField {
    Kind,
    Lang,
    Title,
    /// The file, or the link: one of them.
    Source,
}

/// A document as the organiser typed it, before its file is checked.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MaterialForm {
    pub kind: String,
    pub lang: String,
    pub title: String,
    pub url: String,
}

/// A document that parsed, with its link if it has no file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MaterialEdit {
    pub kind: MaterialKind,
    pub lang: Lang,
    pub title: String,
    pub url: Option<WebAddress>,
}

impl MaterialEdit {
    /// Parses `form` for a conference in `languages`; `has_file`: a file
    /// was sent (and passed its own checks), so no link is wanted.
    pub fn parse(
        form: &MaterialForm,
        languages: &[Lang],
        has_file: bool,
    ) -> Result<MaterialEdit, Vec<(MaterialField, Problem)>> {
        let mut problems = vec![];
        let kind = MaterialKind::parse(&form.kind);
        if kind.is_none() {
            problems.push((MaterialField::Kind, Problem::ChooseOne));
        }
        let lang = Lang::parse(&form.lang)
            .ok()
            .filter(|l| languages.contains(l));
        if lang.is_none() {
            problems.push((MaterialField::Lang, Problem::ChooseOne));
        }
        let title = ShortText::<200>::parse(&form.title)
            .map_err(|p| problems.push((MaterialField::Title, p)))
            .ok();
        let url = match (has_file, form.url.trim().is_empty()) {
            (true, _) => None,
            (false, true) => {
                problems.push((MaterialField::Source, Problem::Required));
                None
            }
            (false, false) => WebAddress::parse(&form.url)
                .map_err(|p| problems.push((MaterialField::Source, p)))
                .ok(),
        };
        match (kind, lang, title) {
            (Some(kind), Some(lang), Some(title)) if problems.is_empty() => Ok(MaterialEdit {
                kind,
                lang,
                title: title.as_str().to_owned(),
                url,
            }),
            _ => Err(problems),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn at(h: u32, m: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2017, 11, 16, h, m, 0).unwrap()
    }

    fn link(s: &str) -> WebAddress {
        WebAddress::parse(s).unwrap()
    }

    #[test]
    fn the_livestream_shows_shortly_before_and_the_recording_after() {
        let m = Materials {
            livestream: Some(link("https://live.example.org/opening")),
            recording: Some(link("https://video.example.org/opening")),
            documents: vec![],
        };
        let (start, end) = (at(9, 0), at(10, 15));
        assert_eq!(m.watch(start, end, at(8, 44)), Watch::Nothing);
        assert!(matches!(m.watch(start, end, at(8, 45)), Watch::Live(_)));
        assert!(matches!(m.watch(start, end, at(10, 14)), Watch::Live(_)));
        assert!(matches!(
            m.watch(start, end, at(10, 15)),
            Watch::Recording(_)
        ));
        let no_recording = Materials {
            recording: None,
            ..m.clone()
        };
        assert_eq!(no_recording.watch(start, end, at(11, 0)), Watch::Nothing);
    }

    #[test]
    fn a_page_holds_until_the_next_session_changes() {
        let live = Materials {
            livestream: Some(link("https://live.example.org/")),
            ..Materials::default()
        };
        let none = Materials::default();
        let sessions = [
            (at(9, 0), at(10, 15), &live),
            (at(10, 30), at(12, 0), &none),
            (at(14, 0), at(15, 0), &live),
        ];
        assert_eq!(next_turn(sessions, at(8, 0)), Some(at(8, 45)));
        assert_eq!(next_turn(sessions, at(8, 45)), Some(at(10, 15)));
        assert_eq!(next_turn(sessions, at(10, 15)), Some(at(13, 45)));
        assert_eq!(next_turn(sessions, at(15, 0)), None);
    }

    #[test]
    fn the_switch_follows_the_venue_s_clock_across_its_change() {
        // Brussels, the night the clocks go back (03:00 CEST is 02:00 CET):
        // a night session from 01:00 to 03:30 on the venue's clock lasts
        // three and a half hours.
        let zone = crate::VenueZone::parse("Europe/Brussels").unwrap();
        let local = |h, m| {
            chrono::NaiveDate::from_ymd_opt(2017, 10, 29)
                .unwrap()
                .and_hms_opt(h, m, 0)
                .unwrap()
        };
        let (start, end) = (
            zone.to_utc(local(1, 0)).unwrap(),
            zone.to_utc(local(3, 30)).unwrap(),
        );
        assert_eq!(end - start, Duration::minutes(210));
        let m = Materials {
            livestream: Some(link("https://live.example.org/night")),
            recording: Some(link("https://video.example.org/night")),
            documents: vec![],
        };
        // The link shows at 00:45 CEST (22:45 UTC the day before)...
        let opens = Utc.with_ymd_and_hms(2017, 10, 28, 22, 45, 0).unwrap();
        assert_eq!(
            next_turn([(start, end, &m)], opens - Duration::hours(1)),
            Some(opens)
        );
        assert_eq!(
            m.watch(start, end, opens - Duration::seconds(1)),
            Watch::Nothing
        );
        assert!(matches!(m.watch(start, end, opens), Watch::Live(_)));
        // ... stays through the hour the clocks repeat (02:30 CEST, then
        // 02:30 CET an hour later) ...
        let repeated = Utc.with_ymd_and_hms(2017, 10, 29, 1, 30, 0).unwrap();
        assert_eq!(zone.local(repeated).format("%H:%M").to_string(), "02:30");
        assert!(matches!(m.watch(start, end, repeated), Watch::Live(_)));
        // ... and gives way to the recording at 03:30 CET, 02:30 UTC.
        let ends = Utc.with_ymd_and_hms(2017, 10, 29, 2, 30, 0).unwrap();
        assert_eq!(next_turn([(start, end, &m)], opens), Some(ends));
        assert!(matches!(
            m.watch(start, end, ends - Duration::seconds(1)),
            Watch::Live(_)
        ));
        assert!(matches!(m.watch(start, end, ends), Watch::Recording(_)));
    }

    #[test]
    fn links_and_documents_are_checked_beside_their_fields() {
        assert_eq!(
            WatchEdit::parse("javascript:alert(1)", "video.example.org"),
            Err(vec![
                (WatchField::Livestream, Problem::NotALink),
                (WatchField::Recording, Problem::NotALink)
            ])
        );
        let none = WatchEdit::parse(" ", "").unwrap();
        assert_eq!((none.livestream, none.recording), (None, None));
        let form = |kind: &str, lang: &str, title: &str, url: &str| MaterialForm {
            kind: kind.into(),
            lang: lang.into(),
            title: title.into(),
            url: url.into(),
        };
        let languages = [Lang::En, Lang::Fr];
        let slides =
            MaterialEdit::parse(&form("slides", "fr", "Présentation", ""), &languages, true);
        assert_eq!(slides.unwrap().url, None);
        assert_eq!(
            MaterialEdit::parse(&form("poster", "ar", "", ""), &languages, false),
            Err(vec![
                (MaterialField::Kind, Problem::ChooseOne),
                (MaterialField::Lang, Problem::ChooseOne),
                (MaterialField::Title, Problem::Required),
                (MaterialField::Source, Problem::Required),
            ])
        );
        let linked = MaterialEdit::parse(
            &form(
                "summary",
                "en",
                "Summary",
                "https://example.org/summary.pdf",
            ),
            &languages,
            false,
        );
        assert_eq!(
            linked.unwrap().url.unwrap().as_str(),
            "https://example.org/summary.pdf"
        );
    }

    #[test]
    fn a_document_in_another_language_shows_where_there_is_none() {
        let doc = |id, kind, lang| Material {
            id,
            kind,
            lang,
            title: format!("{id}"),
            source: Source::Link(link("https://example.org/x.pdf")),
        };
        let m = Materials {
            documents: vec![
                doc(1, MaterialKind::Slides, Lang::En),
                doc(2, MaterialKind::Slides, Lang::Fr),
                doc(3, MaterialKind::Summary, Lang::En),
            ],
            ..Materials::default()
        };
        let ids = |lang| {
            m.documents_for(lang)
                .iter()
                .map(|d| d.id)
                .collect::<Vec<_>>()
        };
        assert_eq!(ids(Lang::Fr), [2, 3]);
        assert_eq!(ids(Lang::En), [1, 3]);
        assert_eq!(ids(Lang::Ar), [1, 2, 3]);
    }
}
