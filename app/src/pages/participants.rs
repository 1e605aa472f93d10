//! The public list of a conference's participants
//! (`/conferences/{slug}/participants`): who agreed to be listed, of the
//! categories its organisers turned on, searchable and filtered by a GET
//! form that works without script. No list, no page (404).

use super::param;
use crate::components::{country_name, Frame};
use crate::locale::Locale;
use convene::participants::{ParticipantFilter, ParticipantPage};
use convene::Conference;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Participants {
    pub conference: Conference,
    pub page: ParticipantPage,
}

/// A page of published conference `slug`'s list; `None` when it has none.
#[server]
pub async fn get_participants(
    slug: String,
    filter: ParticipantFilter,
) -> Result<Option<Participants>, ServerFnError> {
    use crate::api::{store, unavailable};
    let store = store()?;
    let Some(page) = store
        .participants(&slug, &filter)
        .await
        .map_err(unavailable)?
    else {
        return Ok(None);
    };
    let Some(conference) = store.conference(&slug).await.map_err(unavailable)? else {
        return Ok(None);
    };
    Ok(Some(Participants { conference, page }))
}

fn filter_of_query() -> ParticipantFilter {
    let query = leptos_router::hooks::use_query_map().read_untracked();
    let get = |key: &str| query.get(key).unwrap_or_default();
    ParticipantFilter {
        q: get("q"),
        category: get("category"),
        country: get("country"),
        page: get("page"),
    }
}

#[component]
pub fn ParticipantsPage() -> impl IntoView {
    let filter = filter_of_query();
    super::loaded(
        get_participants(param("slug"), filter.clone()),
        move |found| view! { <List found filter/> },
    )
}

#[component]
fn List(found: Participants, filter: ParticipantFilter) -> impl IntoView {
    let locale = Locale::current();
    let lang = locale.lang;
    let Participants { conference, page } = found;
    let slug = conference.slug.to_string();
    let conference_title = conference.title.get(lang).to_owned();
    let action = locale.href(&convene::paths::participants(&slug));
    let categories = page
        .categories
        .iter()
        .map(|c| {
            let selected = filter.category() == Some(*c);
            view! { <option value=c.code() selected=selected>{locale.t(&c.key())}</option> }
        })
        .collect_view();
    let countries = {
        let mut named: Vec<(String, String)> = page
            .countries
            .iter()
            .map(|code| (country_name(&locale, code), code.clone()))
            .collect();
        named.sort();
        named
            .into_iter()
            .map(|(name, code)| {
                let selected = filter.country.trim() == code;
                view! { <option value=code selected=selected>{name}</option> }
            })
            .collect_view()
    };
    let rows = page
        .rows
        .iter()
        .map(|p| {
            view! {
                <tr>
                    <td>{format!("{} {}", p.given_name, p.family_name)}</td>
                    <td>{p.function.clone()}</td>
                    <td>{p.organisation.clone()}</td>
                    <td>{country_name(&locale, &p.country)}</td>
                    <td>{locale.t(&p.category.key())}</td>
                </tr>
            }
        })
        .collect_view();
    let count = locale.t_args("participants-count", &[("count", &page.total.to_string())]);
    let pages = page.total.div_ceil(convene::participants::PER_PAGE).max(1);
    let at = filter.page().min(pages);
    let pager = (pages > 1).then(|| {
        let link = |to: usize, key: &str| {
            let href = format!("{action}?{}", filter.query_at(to));
            view! { <a href=href>{locale.t(key)}</a> }
        };
        view! {
            <nav class="pager" aria-label=locale.t("participants-pages")>
                {(at > 1).then(|| link(at - 1, "participants-previous"))}
                " "
                <span>{locale.t_args("participants-page", &[("page", &at.to_string()), ("pages", &pages.to_string())])}</span>
                " "
                {(at < pages).then(|| link(at + 1, "participants-next"))}
            </nav>
        }
    });
    let table = (!page.rows.is_empty()).then(|| {
        view! {
            <table class="participants">
                <thead>
                    <tr>
                        <th scope="col">{locale.t("participants-name")}</th>
                        <th scope="col">{locale.t("register-function")}</th>
                        <th scope="col">{locale.t("register-organisation")}</th>
                        <th scope="col">{locale.t("register-country")}</th>
                        <th scope="col">{locale.t("register-category")}</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        }
    });
    let none = page
        .rows
        .is_empty()
        .then(|| view! { <p class="empty">{locale.t("participants-none")}</p> });
    view! {
        <Frame title=format!("{} · {conference_title}", locale.t("participants-title")) accent=conference.face.style()>
            <p class="breadcrumb">
                <a href=locale.href(&convene::paths::conference(&slug))>{conference_title.clone()}</a>
            </p>
            <h1>{locale.t("participants-title")}</h1>
            <p class="hint">{locale.t("participants-hint")}</p>
            <form class="filters" method="get" action=action.clone() role="search">
                <div class="field">
                    <label for="participants-q">{locale.t("participants-search")}</label>
                    <input id="participants-q" name="q" type="search" maxlength="100" value=filter.q.clone()/>
                </div>
                <div class="field">
                    <label for="participants-category">{locale.t("register-category")}</label>
                    <select id="participants-category" name="category">
                        <option value="">{locale.t("participants-any")}</option>
                        {categories}
                    </select>
                </div>
                <div class="field">
                    <label for="participants-country">{locale.t("register-country")}</label>
                    <select id="participants-country" name="country">
                        <option value="">{locale.t("participants-any")}</option>
                        {countries}
                    </select>
                </div>
                <button type="submit">{locale.t("participants-filter")}</button>
            </form>
            <p class="count" role="status">{count}</p>
            {table}
            {none}
            {pager}
        </Frame>
    }
}
