//! The settings form's parse, field by field.

use super::*;

fn form(pairs: &[(&str, &str)]) -> ConferenceForm {
    ConferenceForm::from_pairs(pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())))
}

fn athens() -> Vec<(&'static str, &'static str)> {
    vec![
        ("slug", "athens-2018"),
        ("languages", "en"),
        ("languages", "fr"),
        ("title_en", "Cities and Migration, Athens"),
        ("title_fr", ""),
        ("description_en", "Two days.\r\n\r\nMayors meet."),
        ("privacy_en", "We keep your data for the conference only."),
        ("starts_on", "2018-06-04"),
        ("ends_on", "2018-06-05"),
        ("zone", "Europe/Athens"),
        ("venue", "Technopolis"),
        ("city", "Athens"),
        ("country", "gr"),
        ("hosts", "City of Athens\n\n  UNESCO  \n"),
        ("partners", ""),
        ("mode", "approval"),
        ("capacity", "300"),
        ("categories", "mayor_or_governor"),
        ("categories", "academia"),
        ("topics", "Migration\n Urban policy \nMigration"),
    ]
}

#[test]
fn a_new_conference_is_set_up_in_its_languages() {
    let (settings, slug) = ConferenceSettings::parse(&form(&athens()), true).unwrap();
    assert_eq!(slug.unwrap().as_str(), "athens-2018");
    assert_eq!(settings.languages, [Lang::En, Lang::Fr]);
    assert_eq!(settings.title.original, Lang::En);
    assert_eq!(
        settings.title.get(Lang::Fr),
        "Cities and Migration, Athens",
        "an empty translation falls back to the original"
    );
    assert_eq!(
        settings.description.get(Lang::En),
        "Two days.\n\nMayors meet."
    );
    assert_eq!(settings.hosts, ["City of Athens", "UNESCO"]);
    assert_eq!(settings.country.as_str(), "GR");
    assert_eq!(settings.mode, RegistrationMode::Approval);
    assert_eq!(settings.capacity, Some(300));
    assert_eq!(
        settings.categories,
        [Category::MayorOrGovernor, Category::Academia]
    );
    assert_eq!(
        settings.topics,
        ["Migration", "Urban policy"],
        "a repeat counts once"
    );
    // The stored settings fill the form again, and parse to the same.
    let again = ConferenceForm::of(&settings);
    assert_eq!(
        ConferenceSettings::parse(&again, false).unwrap().0,
        settings
    );
}

#[test]
fn every_problem_is_reported_beside_its_field() {
    let mut pairs = athens();
    for (name, value) in pairs.iter_mut() {
        *value = match *name {
            "slug" => "Athens 2018",
            "title_en" => "",
            "privacy_en" => " ",
            "starts_on" => "2018-06-05",
            "ends_on" => "2018-06-04",
            "zone" => "Athens",
            "venue" => "Techno\u{202E}polis",
            "country" => "Greece",
            "hosts" => "City of\tAthens",
            "mode" => "lottery",
            "capacity" => "0",
            _ => value,
        };
    }
    let problems = ConferenceSettings::parse(&form(&pairs), true).unwrap_err();
    use ConferenceField as F;
    assert_eq!(
        problems,
        vec![
            (F::Slug, Problem::NotASlug),
            (F::Title(Lang::En), Problem::Required),
            (F::Privacy(Lang::En), Problem::Required),
            (F::EndsOn, Problem::LastDayBeforeFirst),
            (F::Zone, Problem::NotAZone),
            (F::Venue, Problem::ControlCharacters),
            (F::Country, Problem::ChooseOne),
            (F::Hosts, Problem::ControlCharacters),
            (F::Mode, Problem::ChooseOne),
            (F::Capacity, Problem::NotANumber),
        ]
    );
    let none = ConferenceSettings::parse(&form(&[("slug", "x")]), true).unwrap_err();
    assert!(none.contains(&(F::Languages, Problem::ChooseOne)));
    assert!(
        none.contains(&(F::Categories, Problem::ChooseOne)),
        "a conference offers at least one category"
    );
}
