//! The organiser's own questions on a conference's registration form: a
//! free text, a yes/no, or a choice among options. Defined per conference,
//! answered per registration.

use crate::i18n::Localized;
use crate::registration::{Problem, ShortText};
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
