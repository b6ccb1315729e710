//! Improvement actions: what the administration commits to doing about a unit's published result,
//! in the shape of the province's plans (`seeds/001_*`): a task, the office responsible, when it
//! is due, and how far it has got.

use crate::code::{CampaignId, UnitCode};
use crate::date::Date;
use serde::{Deserialize, Serialize};
use thiserror::Error;

/// Longest task description, in characters.
pub const TASK_MAX_CHARS: usize = 1000;
/// Longest office name, in characters.
pub const OFFICE_MAX_CHARS: usize = 200;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ActionStatus {
    /// Chưa thực hiện.
    #[default]
    Planned,
    /// Đang thực hiện.
    InProgress,
    /// Hoàn thành.
    Done,
}

/// When a task is due: by a date, or continuously ("Thường xuyên"), as such plans often say.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Deadline {
    By(Date),
    Ongoing,
}

/// An action as an administrator sends it (to add one or to replace one's fields).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActionInput {
    pub task: String,
    pub office: String,
    pub deadline: Deadline,
    #[serde(default)]
    pub status: ActionStatus,
}

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ActionError {
    #[error("describe the task")]
    NoTask,
    #[error("the task is longer than {TASK_MAX_CHARS} characters")]
    TaskTooLong,
    #[error("name the office responsible")]
    NoOffice,
    #[error("the office name is longer than {OFFICE_MAX_CHARS} characters")]
    OfficeTooLong,
}

impl ActionInput {
    /// The input with its texts trimmed, or why it cannot be stored.
    pub fn check(self) -> Result<ActionInput, ActionError> {
        let (task, office) = (self.task.trim().to_owned(), self.office.trim().to_owned());
        match () {
            _ if task.is_empty() => Err(ActionError::NoTask),
            _ if task.chars().count() > TASK_MAX_CHARS => Err(ActionError::TaskTooLong),
            _ if office.is_empty() => Err(ActionError::NoOffice),
            _ if office.chars().count() > OFFICE_MAX_CHARS => Err(ActionError::OfficeTooLong),
            _ => Ok(ActionInput { task, office, ..self }),
        }
    }
}

/// A stored action, attached to one unit of one campaign; public once the campaign is published.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImprovementAction {
    pub id: String,
    pub campaign: CampaignId,
    pub unit: UnitCode,
    #[serde(flatten)]
    pub fields: ActionInput,
    /// RFC 3339, UTC.
    pub created_at: String,
    pub updated_at: String,
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn input(task: &str, office: &str) -> ActionInput {
        ActionInput {
            task: task.into(),
            office: office.into(),
            deadline: Deadline::Ongoing,
            status: ActionStatus::Planned,
        }
    }

    #[test]
    fn texts_are_trimmed_and_required() {
        assert_eq!(
            input("  Niêm yết thủ tục ", " Văn phòng ").check().unwrap(),
            input("Niêm yết thủ tục", "Văn phòng")
        );
        assert_eq!(input(" ", "Văn phòng").check(), Err(ActionError::NoTask));
        assert_eq!(input("Việc", "").check(), Err(ActionError::NoOffice));
        assert_eq!(input(&"ạ".repeat(TASK_MAX_CHARS + 1), "Văn phòng").check(), Err(ActionError::TaskTooLong));
        assert_eq!(input("Việc", &"ạ".repeat(OFFICE_MAX_CHARS + 1)).check(), Err(ActionError::OfficeTooLong));
    }

    #[test]
    fn json_shape() {
        let a: ActionInput =
            serde_json::from_value(json!({"task": "t", "office": "o", "deadline": {"by": "2026-03-31"}})).unwrap();
        assert_eq!((a.deadline, a.status), (Deadline::By(Date::parse("2026-03-31").unwrap()), ActionStatus::Planned));
        let ongoing = serde_json::to_value(input("t", "o")).unwrap();
        assert_eq!(ongoing, json!({"task": "t", "office": "o", "deadline": "ongoing", "status": "planned"}));
        assert!(
            serde_json::from_value::<ActionInput>(json!({"task": "t", "office": "o", "deadline": "soon"})).is_err()
        );
    }
}
