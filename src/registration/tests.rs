//! The form's parsers, field by field and whole.

use super::*;
use crate::field::{Email, ShortText};

#[test]
fn the_window_opens_and_closes_on_days_included() {
    let day = |d| NaiveDate::from_ymd_opt(2017, 10, d).unwrap();
    let w = RegistrationWindow {
        opens_on: Some(day(2)),
        closes_on: Some(day(20)),
    };
    assert_eq!(w.on(day(1)), WindowState::NotYet(day(2)));
    assert_eq!(w.on(day(2)), WindowState::Open);
    assert_eq!(w.on(day(20)), WindowState::Open);
    assert_eq!(w.on(day(21)), WindowState::Closed(day(20)));
    assert_eq!(RegistrationWindow::default().on(day(1)), WindowState::Open);
}

#[test]
fn ordinary_and_odd_but_valid_emails_are_accepted() {
    for ok in [
        "bart.somers@mechelen.be",
        "o'brien+cities@example.org",
        "x@sub.domain.example.com",
        "delegate@بيروت.لبنان",
        "A.B@EXAMPLE.ORG",
    ] {
        assert!(Email::parse(ok).is_ok(), "{ok}");
    }
    assert_eq!(
        Email::parse("  A.B@EXAMPLE.ORG ").unwrap().as_str(),
        "A.B@example.org"
    );
    assert_eq!(
        Email::parse("A.B@EXAMPLE.ORG").unwrap().canonical(),
        "a.b@example.org"
    );
}

#[test]
fn what_is_not_an_email_is_refused_with_the_reason() {
    assert_eq!(Email::parse(""), Err(Problem::Required));
    assert_eq!(Email::parse("   "), Err(Problem::Required));
    for bad in [
        "plainaddress",
        "@example.org",
        "a@",
        "a@b",
        "a@@b.org",
        "a b@c.org",
        ".a@b.org",
        "a..b@c.org",
        "a@-b.org",
        "a@b.c",
        "a@b.123",
        "<script>@x.org",
        "a@b.org>",
        "\"a\"@b.org",
    ] {
        assert_eq!(Email::parse(bad), Err(Problem::NotAnEmail), "{bad}");
    }
    assert_eq!(
        Email::parse("a@b.org\r\nBcc: victim@x.org"),
        Err(Problem::ControlCharacters)
    );
    assert_eq!(Email::parse("a\0@b.org"), Err(Problem::ControlCharacters));
    let long = format!("{}@example.org", "a".repeat(250));
    assert_eq!(Email::parse(&long), Err(Problem::TooLong { max: 254 }));
}

#[test]
fn names_of_every_script_are_welcome() {
    for ok in [
        "Bart Somers",
        "Jamal Itani",
        "جمال عيتاني",
        "Zoë O'Connor-Ndiaye",
        "李",
    ] {
        assert!(PersonName::parse(ok).is_ok(), "{ok}");
    }
    assert_eq!(
        PersonName::parse("  Bart   Somers ").unwrap().as_str(),
        "Bart Somers"
    );
}

#[test]
fn names_refuse_markup_control_and_length() {
    assert_eq!(
        PersonName::parse("<script>alert(1)</script>"),
        Err(Problem::Markup)
    );
    assert_eq!(
        PersonName::parse("Bart\r\nSomers"),
        Err(Problem::ControlCharacters)
    );
    assert_eq!(
        PersonName::parse("\u{202E}sremoS"),
        Err(Problem::ControlCharacters)
    );
    assert_eq!(
        PersonName::parse(&"é".repeat(101)),
        Err(Problem::TooLong { max: 100 })
    );
    assert!(PersonName::parse(&"é".repeat(100)).is_ok());
    assert_eq!(PersonName::parse(""), Err(Problem::Required));
}

#[test]
fn optional_short_texts_may_be_empty() {
    assert_eq!(ShortText::<10>::parse_optional("  "), Ok(None));
    assert_eq!(
        ShortText::<3>::parse_optional("abcd"),
        Err(Problem::TooLong { max: 3 })
    );
    assert_eq!(
        ShortText::<10>::parse("City of Mechelen").map(|_| ()),
        Err(Problem::TooLong { max: 10 })
    );
}

#[test]
fn every_problem_has_a_message_in_every_language() {
    for lang in crate::Lang::ALL {
        for p in Problem::EACH {
            assert!(crate::i18n::has(lang, p.key()), "{lang}: {}", p.key());
        }
        for c in Category::ALL {
            assert!(crate::i18n::has(lang, &c.key()), "{lang}: {}", c.key());
        }
        for h in Honorific::ALL {
            assert!(crate::i18n::has(lang, &h.key()), "{lang}: {}", h.key());
        }
    }
}

fn setup() -> FormSetup {
    let at = |h: u32| {
        NaiveDate::from_ymd_opt(2017, 11, 16)
            .unwrap()
            .and_hms_opt(h, 0, 0)
            .unwrap()
            .and_utc()
    };
    let offer = |slug: &str, start: u32, left: u32| SessionOffer {
        slug: Slug::parse(slug).unwrap(),
        title: Localized::new(Lang::En, slug),
        starts_at: at(start),
        ends_at: at(start + 2),
        seats: 60,
        left,
    };
    FormSetup {
        window: RegistrationWindow::default(),
        mode: RegistrationMode::Open,
        languages: vec![Lang::En, Lang::Fr],
        categories: Category::ALL.to_vec(),
        questions: vec![Question {
            code: Slug::parse("study-visit").unwrap(),
            label: Localized::new(Lang::En, "Will you join the study visit?"),
            required: true,
            kind: crate::registration::questions::QuestionKind::YesNo,
        }],
        sessions: vec![
            offer("workshop-a", 13, 10),
            offer("workshop-b", 13, 10),
            offer("workshop-c", 15, 0),
            offer("workshop-d", 16, 5),
        ],
        privacy: Localized::new(Lang::En, "Privacy"),
        today: NaiveDate::from_ymd_opt(2017, 10, 1).unwrap(),
    }
}

fn filled() -> RegistrationForm {
    RegistrationForm::from_pairs(
        [
            ("honorific", "mr"),
            ("given_name", "Bart"),
            ("family_name", "Somers"),
            ("email", "Bart.Somers@Mechelen.be"),
            ("organisation", "City of Mechelen"),
            ("function", ""),
            ("city", "Mechelen"),
            ("country", "be"),
            ("category", "mayor_or_governor"),
            ("languages", "en"),
            ("languages", "fr"),
            ("q_study-visit", "yes"),
            ("sessions", "workshop-a"),
            ("sessions", "workshop-d"),
            ("consent", "on"),
            ("unknown", "ignored"),
        ]
        .map(|(k, v)| (k.to_owned(), v.to_owned())),
    )
}

#[test]
fn a_filled_form_parses_into_a_registration() {
    let r = NewRegistration::parse(&filled(), &setup()).unwrap();
    assert_eq!(r.email.as_str(), "Bart.Somers@mechelen.be");
    assert_eq!(r.country.as_str(), "BE");
    assert_eq!(r.category, Category::MayorOrGovernor);
    assert_eq!(r.honorific, Some(Honorific::Mr));
    assert_eq!(r.function, None);
    assert_eq!(r.languages, [Lang::En, Lang::Fr]);
    assert_eq!(r.answers[0].value, "yes");
    assert_eq!(r.sessions.len(), 2);
    assert_eq!(r.visa, None);
    assert!(!r.listed && !r.interpretation);
}

#[test]
fn every_mistake_is_reported_at_once_beside_its_field() {
    let form = RegistrationForm {
        given_name: "".into(),
        email: "bart@".into(),
        category: "astronaut".into(),
        languages: vec!["ar".into()],
        answers: vec![],
        consent: false,
        ..filled()
    };
    let errors = NewRegistration::parse(&form, &setup()).unwrap_err();
    assert_eq!(
        errors.0,
        vec![
            (Field::GivenName, Problem::Required),
            (Field::Email, Problem::NotAnEmail),
            (Field::Category, Problem::ChooseOne),
            (Field::Languages, Problem::ChooseOne),
            (Field::Question(0), Problem::ChooseOne),
            (Field::Consent, Problem::ConsentRequired),
        ]
    );
    assert_eq!(errors.get(Field::Email), Some(Problem::NotAnEmail));
    assert_eq!(errors.get(Field::City), None);
    assert_eq!(Field::Question(0).input_name(&setup()), "q_study-visit");
}

#[test]
fn a_visa_letter_needs_the_passport_details() {
    let mut form = RegistrationForm {
        visa_letter: true,
        ..filled()
    };
    let errors = NewRegistration::parse(&form, &setup()).unwrap_err();
    let fields: Vec<Field> = errors.0.iter().map(|(f, _)| *f).collect();
    assert_eq!(
        fields,
        [
            Field::PassportName,
            Field::Nationality,
            Field::PassportNumber,
            Field::DateOfBirth
        ]
    );
    form.passport_name = "SOMERS Bart".into();
    form.nationality = "BE".into();
    form.passport_number = "ej 123 456".into();
    form.date_of_birth = "2018-01-01".into();
    assert_eq!(
        NewRegistration::parse(&form, &setup()).unwrap_err().0,
        [(Field::DateOfBirth, Problem::DateOutOfRange)]
    );
    assert_eq!(iso_date("1964-03-21"), NaiveDate::from_ymd_opt(1964, 3, 21));
    for bad in [
        "1964-3-21",
        "64-03-21",
        "1964-02-30",
        "1964-03-21x",
        "",
        "1964/03/21",
    ] {
        assert_eq!(iso_date(bad), None, "{bad}");
    }
    form.date_of_birth = "21/03/1964".into();
    assert_eq!(
        NewRegistration::parse(&form, &setup()).unwrap_err().0,
        [(Field::DateOfBirth, Problem::NotADate)]
    );
    form.date_of_birth = "1964-03-21".into();
    let visa = NewRegistration::parse(&form, &setup())
        .unwrap()
        .visa
        .unwrap();
    assert_eq!(visa.passport_number.as_str(), "EJ123456");
    assert_eq!(
        PassportNumber::parse("EJ-123456"),
        Err(Problem::NotAPassportNumber)
    );
}

#[test]
fn a_field_checked_alone_has_the_problem_the_whole_form_reports() {
    let today = setup().today;
    let form = RegistrationForm {
        given_name: "<b>".into(),
        email: "bart@".into(),
        city: "Mechelen\r\n".into(),
        function: "x".repeat(201),
        category: "astronaut".into(),
        visa_letter: true,
        passport_name: "SOMERS Bart".into(),
        nationality: "BE".into(),
        passport_number: "12".into(),
        date_of_birth: "2020-13-01".into(),
        ..filled()
    };
    let errors = NewRegistration::parse(&form, &setup()).unwrap_err();
    let inputs = [
        ("given_name", &form.given_name, Field::GivenName),
        ("email", &form.email, Field::Email),
        ("city", &form.city, Field::City),
        ("function", &form.function, Field::Function),
        ("category", &form.category, Field::Category),
        (
            "passport_number",
            &form.passport_number,
            Field::PassportNumber,
        ),
        ("date_of_birth", &form.date_of_birth, Field::DateOfBirth),
        ("organisation", &form.organisation, Field::Organisation),
    ];
    for (name, value, field) in inputs {
        assert_eq!(check_input(name, value, today), errors.get(field), "{name}");
    }
    assert_eq!(errors.get(Field::Organisation), None);
}

#[test]
fn sessions_must_be_offered_and_not_overlap() {
    let with = |sessions: &[&str]| RegistrationForm {
        sessions: sessions.iter().map(|s| s.to_string()).collect(),
        ..filled()
    };
    let problem = |sessions: &[&str]| {
        NewRegistration::parse(&with(sessions), &setup())
            .map_err(|e| e.get(Field::Sessions))
            .err()
            .flatten()
    };
    assert_eq!(
        problem(&["workshop-a", "workshop-b"]),
        Some(Problem::SessionsOverlap)
    );
    assert_eq!(problem(&["workshop-c"]), None, "full: wait in line");
    assert_eq!(problem(&["opening-ceremony"]), Some(Problem::ChooseOne));
    assert_eq!(problem(&[]), None);
    assert_eq!(problem(&["workshop-a", "workshop-a"]), None);
}
