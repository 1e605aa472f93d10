//! The organiser's own questions on a conference's registration form: a
//! free text, a yes/no, or a choice among options. Defined per conference,
//! answered per registration.

use crate::field::{Problem, ShortText};
use crate::i18n::Localized;
use crate::slug::Slug;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Question {
    /// Names the answer; the form's input is `q_{code}`.
    pub code: Slug,
    pub label: Localized,
    #[serde(default)]
    pub required: bool,
    #[serde(flatten)]
    pub kind: QuestionKind,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum QuestionKind {
    Text,
    YesNo,
    Choice { options: Vec<Choice> },
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Choice {
    pub code: Slug,
    pub label: Localized,
}

/// A delegate's answer: a text, `yes`/`no`, or an option's code.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Answer {
    pub question: Slug,
    pub value: String,
}

/// The longest answer to a text question.
pub const TEXT_MAX: usize = 500;

impl Question {
    /// The name of the question's input in the form.
    pub fn input_name(&self) -> String {
        format!("q_{}", self.code)
    }

    /// The answer to this question in what was typed, `None` when it was
    /// left empty and may be.
    pub fn answer(&self, value: &str) -> Result<Option<Answer>, Problem> {
        let value = value.trim();
        if value.is_empty() {
            return match (self.required, &self.kind) {
                (false, _) => Ok(None),
                (true, QuestionKind::Text) => Err(Problem::Required),
                (true, _) => Err(Problem::ChooseOne),
            };
        }
        let value = match &self.kind {
            QuestionKind::Text => ShortText::<TEXT_MAX>::parse(value)?.as_str().to_owned(),
            QuestionKind::YesNo if matches!(value, "yes" | "no") => value.to_owned(),
            QuestionKind::Choice { options }
                if options.iter().any(|o| o.code.as_str() == value) =>
            {
                value.to_owned()
            }
            _ => return Err(Problem::ChooseOne),
        };
        Ok(Some(Answer {
            question: self.code.clone(),
            value,
        }))
    }

    /// A stored answer as staff read it in `lang`: "Yes" or "No", an
    /// option's label, or the text as given. An option removed since the
    /// delegate chose it shows as its code.
    pub fn shown(&self, value: &str, lang: crate::Lang) -> String {
        match &self.kind {
            QuestionKind::Text => value.to_owned(),
            QuestionKind::YesNo => match value {
                "yes" => crate::i18n::t(lang, "register-yes"),
                "no" => crate::i18n::t(lang, "register-no"),
                other => other.to_owned(),
            },
            QuestionKind::Choice { options } => options
                .iter()
                .find(|o| o.code.as_str() == value)
                .map_or_else(|| value.to_owned(), |o| o.label.get(lang).to_owned()),
        }
    }
}

/// A delegate's answers as staff read them: each question's label in `lang`
/// and the answer shown, in the order given. An answer to a question that
/// was removed since keeps its code as label.
pub fn shown_answers(
    questions: &[Question],
    answers: &[(String, String)],
    lang: crate::Lang,
) -> Vec<(String, String)> {
    answers
        .iter()
        .map(
            |(code, value)| match questions.iter().find(|q| q.code.as_str() == code) {
                Some(q) => (q.label.get(lang).to_owned(), q.shown(value, lang)),
                None => (code.clone(), value.clone()),
            },
        )
        .collect()
}

/// A question as the settings page adds it, as typed: its label (in the
/// conference's first language), its kind, a choice's options one per
/// line, and whether an answer is required.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuestionForm {
    pub label: String,
    pub kind: String,
    pub options: String,
    pub required: bool,
}

/// What to fix in a question, beside each field.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuestionProblems {
    pub label: Option<Problem>,
    pub kind: Option<Problem>,
    pub options: Option<Problem>,
}

impl Question {
    /// The question a form adds, its code made from its label and kept
    /// apart from the `taken` ones (answers are stored under it).
    pub fn from_form(
        form: &QuestionForm,
        lang: crate::Lang,
        taken: &[Slug],
    ) -> Result<Question, QuestionProblems> {
        let mut problems = QuestionProblems::default();
        let label = ShortText::<300>::parse(&form.label)
            .map_err(|p| problems.label = Some(p))
            .ok();
        let kind = match form.kind.trim() {
            "text" => Some(QuestionKind::Text),
            "yes_no" => Some(QuestionKind::YesNo),
            "choice" => {
                let lines: Result<Vec<ShortText<200>>, Problem> = form
                    .options
                    .lines()
                    .filter(|l| !l.trim().is_empty())
                    .map(ShortText::<200>::parse)
                    .collect();
                match lines {
                    Ok(lines) if lines.len() >= 2 => {
                        let mut codes: Vec<Slug> = vec![];
                        let options = lines
                            .iter()
                            .map(|l| {
                                let code = unique(Slug::from_title(l.as_str(), "option"), &codes);
                                codes.push(code.clone());
                                Choice {
                                    code,
                                    label: Localized::new(lang, l.as_str()),
                                }
                            })
                            .collect();
                        Some(QuestionKind::Choice { options })
                    }
                    Ok(_) => {
                        problems.options = Some(Problem::TooFewOptions);
                        None
                    }
                    Err(p) => {
                        problems.options = Some(p);
                        None
                    }
                }
            }
            _ => {
                problems.kind = Some(Problem::ChooseOne);
                None
            }
        };
        match (label, kind) {
            (Some(label), Some(kind)) => Ok(Question {
                code: unique(Slug::from_title(label.as_str(), "question"), taken),
                label: Localized::new(lang, label.as_str()),
                required: form.required,
                kind,
            }),
            _ => Err(problems),
        }
    }
}

/// `wanted`, or `wanted-2`, `wanted-3`... whichever is not `taken`.
fn unique(wanted: Slug, taken: &[Slug]) -> Slug {
    let mut slug = wanted.clone();
    let mut n = 1;
    while taken.contains(&slug) {
        n += 1;
        slug = wanted.numbered(n);
    }
    slug
}

#[cfg(test)]
mod tests {
    use super::*;

    fn question(kind: QuestionKind, required: bool) -> Question {
        Question {
            code: Slug::parse("q").unwrap(),
            label: Localized::new(crate::Lang::En, "?"),
            required,
            kind,
        }
    }

    #[test]
    fn answers_are_what_the_question_offers() {
        let yes_no = question(QuestionKind::YesNo, true);
        assert_eq!(yes_no.answer("yes").unwrap().unwrap().value, "yes");
        assert_eq!(yes_no.answer(""), Err(Problem::ChooseOne));
        assert_eq!(yes_no.answer("maybe"), Err(Problem::ChooseOne));
        let choice = question(
            QuestionKind::Choice {
                options: vec![Choice {
                    code: Slug::parse("press").unwrap(),
                    label: Localized::new(crate::Lang::En, "?"),
                }],
            },
            false,
        );
        assert_eq!(choice.answer(""), Ok(None));
        assert_eq!(choice.answer("press").unwrap().unwrap().value, "press");
        assert_eq!(choice.answer("radio"), Err(Problem::ChooseOne));
        let text = question(QuestionKind::Text, true);
        assert_eq!(text.answer(" "), Err(Problem::Required));
        assert_eq!(
            text.answer(&"a".repeat(501)),
            Err(Problem::TooLong { max: 500 })
        );
    }

    #[test]
    fn staff_read_answers_by_their_questions_labels() {
        let mut visit = question(QuestionKind::YesNo, true);
        visit.code = Slug::parse("study-visit").unwrap();
        visit.label = Localized::new(crate::Lang::En, "Study visit?")
            .with(crate::Lang::Fr, "Visite d'étude ?");
        let mut role = question(
            QuestionKind::Choice {
                options: vec![Choice {
                    code: Slug::parse("press").unwrap(),
                    label: Localized::new(crate::Lang::En, "Press"),
                }],
            },
            false,
        );
        role.code = Slug::parse("role").unwrap();
        role.label = Localized::new(crate::Lang::En, "Role");
        let answers = [
            ("study-visit".to_owned(), "no".to_owned()),
            ("role".to_owned(), "press".to_owned()),
            ("removed".to_owned(), "kept".to_owned()),
        ];
        let questions = [visit, role];
        assert_eq!(
            shown_answers(&questions, &answers, crate::Lang::Fr),
            [
                ("Visite d'étude ?".to_owned(), "Non".to_owned()),
                ("Role".to_owned(), "Press".to_owned()),
                ("removed".to_owned(), "kept".to_owned()),
            ]
        );
        assert_eq!(questions[1].shown("radio", crate::Lang::En), "radio");
    }

    #[test]
    fn organisers_add_questions_with_codes_of_their_own() {
        let form = QuestionForm {
            label: "Which study visit?".into(),
            kind: "choice".into(),
            options: "Harbour\n\nOld town\nHarbour".into(),
            required: true,
        };
        let taken = [Slug::parse("which-study-visit").unwrap()];
        let q = Question::from_form(&form, crate::Lang::En, &taken).unwrap();
        assert_eq!(q.code.as_str(), "which-study-visit-2");
        let QuestionKind::Choice { options } = &q.kind else {
            panic!("a choice")
        };
        let codes: Vec<&str> = options.iter().map(|o| o.code.as_str()).collect();
        assert_eq!(codes, ["harbour", "old-town", "harbour-2"]);
        let one = QuestionForm {
            options: "Harbour".into(),
            ..form.clone()
        };
        assert_eq!(
            Question::from_form(&one, crate::Lang::En, &[])
                .unwrap_err()
                .options,
            Some(Problem::TooFewOptions)
        );
        let bad = QuestionForm {
            label: " ".into(),
            kind: "essay".into(),
            ..Default::default()
        };
        let problems = Question::from_form(&bad, crate::Lang::En, &[]).unwrap_err();
        assert_eq!(problems.label, Some(Problem::Required));
        assert_eq!(problems.kind, Some(Problem::ChooseOne));
    }

    #[test]
    fn questions_read_as_the_store_keeps_them() {
        let q: Question = serde_json::from_str(
            r#"{"code": "heard", "label": {"original": "en", "text": {"en": "How?"}}, "required": true,
                "kind": "choice", "options": [{"code": "press", "label": {"original": "en", "text": {"en": "Press"}}}]}"#,
        )
        .unwrap();
        assert!(matches!(q.kind, QuestionKind::Choice { ref options } if options.len() == 1));
        assert_eq!(q.input_name(), "q_heard");
    }
}
