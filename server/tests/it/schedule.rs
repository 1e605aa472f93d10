//! The schedule for other tools, checked by tools nobody here wrote: the
//! Frab XML against the frab schema by xmlschema, the schedule JSON
//! against c3voc's schema by jsonschema (both kept in
//! `tests/data/schedule`, with their licence), and xCal read as XML and
//! compared with the `.ics` as python's icalendar reads it. GUIDs stay the
//! same when the organiser edits a session.

use crate::admin::member;
use crate::common::{self, TestApp};
use convene::account::StaffRole;

on_both_backends!(the_exports_validate_and_keep_their_guids);

fn schema(name: &str) -> String {
    format!("{}/tests/data/schedule/{name}", env!("CARGO_MANIFEST_DIR"))
}

/// The Frab XML checked against the frab schema: its events' GUIDs by
/// session slug.
fn valid_frab(xml: &str) -> serde_json::Value {
    common::python(
        &format!(
            r#"
import json, sys, xmlschema
schema = xmlschema.XMLSchema({xsd:?})
xml = sys.stdin.buffer.read()
errors = [str(e) for e in schema.iter_errors(xml)]
from xml.etree import ElementTree
root = ElementTree.fromstring(xml)
events = {{e.findtext('slug'): {{'guid': e.get('guid'), 'title': e.findtext('title'), 'date': e.findtext('date'),
          'persons': [p.text for p in e.iter('person')]}} for e in root.iter('event')}}
print(json.dumps({{'errors': errors, 'events': events, 'days': len(root.findall('day'))}}))
"#,
            xsd = schema("schedule.xml.xsd")
        ),
        xml.as_bytes(),
    )
}

/// The schedule JSON checked against its schema (draft 6, with formats).
fn valid_json(json: &str) -> serde_json::Value {
    common::python(
        &format!(
            r#"
import json, sys, jsonschema
schema = json.load(open({path:?}))
document = json.load(sys.stdin)
validator = jsonschema.Draft6Validator(schema, format_checker=jsonschema.Draft6Validator.FORMAT_CHECKER)
errors = [e.message for e in validator.iter_errors(document)]
events = {{}}
for day in document['schedule']['conference']['days']:
    for room, items in day['rooms'].items():
        for e in items:
            events[e['slug']] = {{'guid': e['guid'], 'title': e['title'], 'date': e['date'], 'room': room}}
print(json.dumps({{'errors': errors, 'events': events}}))
"#,
            path = schema("schedule.schema.json")
        ),
        json.as_bytes(),
    )
}

/// xCal read as XML in its namespace, and the `.ics` read by icalendar:
/// each one's events as (UID, start in UTC).
fn xcal_and_ics(xcal: &str, ics: &str) -> serde_json::Value {
    let input = serde_json::json!({ "xcal": xcal, "ics": ics }).to_string();
    common::python(
        r#"
import json, sys, icalendar
from datetime import timezone
from xml.etree import ElementTree
given = json.load(sys.stdin)
ns = {'x': 'urn:ietf:params:xml:ns:icalendar-2.0'}
root = ElementTree.fromstring(given['xcal'].encode())
xcal = sorted([e.findtext('x:properties/x:uid/x:text', namespaces=ns),
               e.findtext('x:properties/x:dtstart/x:date-time', namespaces=ns)]
              for e in root.iterfind('x:vcalendar/x:components/x:vevent', ns))
cal = icalendar.Calendar.from_ical(given['ics'])
ics = sorted([str(e['UID']), e.decoded('DTSTART').astimezone(timezone.utc).strftime('%Y-%m-%dT%H:%M:%SZ')]
             for e in cal.walk('VEVENT'))
print(json.dumps({'xcal': xcal, 'ics': ics}))
"#,
        input.as_bytes(),
    )
}

async fn the_exports_validate_and_keep_their_guids(app: TestApp) {
    let sessions = app
        .store
        .agenda("mechelen-2017")
        .await
        .unwrap()
        .unwrap()
        .sessions
        .len();
    let mut guids = None;
    for lang in ["", "/fr", "/ar"] {
        let xml = app
            .get(&format!("{lang}/conferences/mechelen-2017/schedule.xml"))
            .await;
        assert_eq!(xml.status(), 200);
        assert!(xml.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("application/xml"));
        let frab = valid_frab(&xml.text().await.unwrap());
        assert_eq!(frab["errors"], serde_json::json!([]), "{lang}: {frab}");
        assert_eq!(frab["days"], 2);
        let events = frab["events"].as_object().unwrap();
        assert_eq!(events.len(), sessions, "{lang}: every session once");

        let json = app
            .get(&format!("{lang}/conferences/mechelen-2017/schedule.json"))
            .await;
        assert_eq!(json.status(), 200);
        let checked = valid_json(&json.text().await.unwrap());
        assert_eq!(
            checked["errors"],
            serde_json::json!([]),
            "{lang}: {checked}"
        );
        let json_events = checked["events"].as_object().unwrap();
        assert_eq!(json_events.len(), sessions);
        // The same GUID for a session in both formats and every language.
        let by_slug: Vec<(String, String)> = events
            .iter()
            .map(|(slug, e)| {
                assert_eq!(json_events[slug]["guid"], e["guid"], "{slug}");
                (slug.clone(), e["guid"].as_str().unwrap().to_owned())
            })
            .collect();
        match &guids {
            None => guids = Some(by_slug),
            Some(first) => assert_eq!(first, &by_slug, "{lang}"),
        }
    }
    // In French, the French titles; the people with their names.
    let french = valid_frab(
        &app.get("/fr/conferences/mechelen-2017/schedule.xml")
            .await
            .text()
            .await
            .unwrap(),
    );
    let opening = french["events"]
        .as_object()
        .unwrap()
        .iter()
        .find(|(slug, _)| slug.ends_with("-opening-ceremony"))
        .unwrap()
        .1
        .clone();
    assert_eq!(opening["date"], "2017-11-16T09:00:00+01:00");
    assert!(
        !opening["persons"].as_array().unwrap().is_empty(),
        "{opening}"
    );

    // xCal: the same events as the .ics, at the same instants.
    let xcal = app.get("/conferences/mechelen-2017/agenda.xcs").await;
    assert_eq!(
        xcal.headers()["content-type"],
        "application/calendar+xml; charset=utf-8"
    );
    let xcal = xcal.text().await.unwrap();
    let ics = app
        .get("/conferences/mechelen-2017/agenda.ics")
        .await
        .text()
        .await
        .unwrap();
    let both = xcal_and_ics(&xcal, &ics);
    assert_eq!(both["xcal"], both["ics"]);
    assert_eq!(both["xcal"].as_array().unwrap().len(), sessions);

    // The agenda page announces each format and links it.
    let page = app.page("/conferences/mechelen-2017/agenda").await;
    for (path, kind) in [
        ("agenda.ics", "text/calendar"),
        ("schedule.xml", "application/xml"),
        ("schedule.json", "application/json"),
        ("agenda.xcs", "application/calendar+xml"),
    ] {
        let head = &page[..page.find("</head>").unwrap()];
        let announced =
            format!(r#"<link href="/conferences/mechelen-2017/{path}" rel="alternate""#);
        let tag = &head[head
            .find(&announced)
            .unwrap_or_else(|| panic!("{path} announced in the head"))..];
        assert!(
            tag[..tag.find('>').unwrap()].contains(&format!(r#"type="{kind}""#)),
            "{path}"
        );
        assert!(page.contains(&format!(
            r#"href="/conferences/mechelen-2017/{path}" type="{kind}""#
        )));
    }

    // The organiser renames and moves a session: its GUID stays.
    let organiser = member(&app, "organiser-x@example.org", StaffRole::Organiser).await;
    let moved = app
        .client
        .post(app.url("/admin/conferences/mechelen-2017/agenda/guided-discussion"))
        .header("origin", app.base.as_str())
        .header("cookie", organiser)
        .form(&[
            ("title_en", "Guided discussion on the declaration"),
            ("title_fr", "Discussion guidée sur la déclaration"),
            ("kind", "plenary"),
            ("day", "2017-11-17"),
            ("start", "14:00"),
            ("end", "15:00"),
            ("room", "main-hall"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(moved.status(), 200);
    let after = valid_json(
        &app.get("/conferences/mechelen-2017/schedule.json")
            .await
            .text()
            .await
            .unwrap(),
    );
    assert_eq!(after["errors"], serde_json::json!([]));
    let (slug, before) = guids
        .unwrap()
        .into_iter()
        .find(|(slug, _)| slug.ends_with("-guided-discussion"))
        .unwrap();
    let event = &after["events"][&slug];
    assert_eq!(event["guid"], before.as_str());
    assert_eq!(event["title"], "Guided discussion on the declaration");
    assert_eq!(event["date"], "2017-11-17T14:00:00+01:00");

    // Nothing for a conference that is not there.
    for path in ["schedule.xml", "schedule.json", "agenda.xcs"] {
        assert_eq!(
            app.get(&format!("/conferences/nowhere-2099/{path}"))
                .await
                .status(),
            404
        );
    }
    println!(
        "schedule: {sessions} sessions valid as Frab XML (xmlschema) and schedule JSON (jsonschema) in EN/FR/AR; xCal equal to the .ics"
    );
}
