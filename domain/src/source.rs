//! Where a response comes from: a respondent's own answer by QR (naming the poster scanned, if
//! any), or one that staff entered from a paper form (with its serial number), a call or an
//! interview. The one place the channel rules are written: the public endpoint, the staff entry
//! endpoint and the console's entry sheet all ask [`Source::of`].

use crate::poster::PosterCode;
use crate::response::Channel;
use serde::{Deserialize, Serialize};
use thiserror::Error;

/// Who sends a submission.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sender<'a> {
    /// A respondent, through the public form.
    Respondent,
    /// A signed-in staff member, by user name.
    Staff(&'a str),
}

/// A response's origin, valid by construction: a paper form always has its serial, a staff
/// channel always names who entered it, and only a QR answer names a poster. A call or an
/// interview may carry a reference number too (a call sheet's row), kept as its serial.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "Fields", into = "Fields")]
pub enum Source {
    Qr { poster: Option<PosterCode> },
    Paper { serial: String, entered_by: String },
    Phone { serial: Option<String>, entered_by: String },
    Interviewer { serial: Option<String>, entered_by: String },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Error)]
pub enum SourceError {
    #[error("paper, phone and interviewer forms are entered by signed-in staff, not through the public form")]
    StaffChannel,
    #[error("QR answers come from respondents themselves; choose paper, phone or interviewer")]
    QrByStaff,
    #[error("a paper form is entered with the serial number printed on it")]
    SerialRequired,
    #[error("a paper, phone or interviewer response names the staff member who entered it")]
    EnteredByRequired,
    #[error("this poster code is not genuine: scan the QR code posted at the office")]
    ForgedPoster,
}

impl SourceError {
    /// The API's error code for it (the console says each in Vietnamese).
    pub fn code(self) -> &'static str {
        match self {
            SourceError::SerialRequired => "serial_required",
            SourceError::ForgedPoster => "forged_poster",
            _ => "channel_not_allowed",
        }
    }
}

impl Source {
    /// The source of a submission on `channel` with the `serial` and `poster` it carries, sent by
    /// `sender`. A blank serial is no serial.
    pub fn of(
        channel: Channel,
        serial: Option<&str>,
        poster: Option<&str>,
        sender: Sender<'_>,
    ) -> Result<Source, SourceError> {
        let serial = serial.map(str::trim).filter(|s| !s.is_empty());
        match (sender, channel) {
            (Sender::Respondent, Channel::Qr) if serial.is_some() => Err(SourceError::StaffChannel),
            (Sender::Respondent, Channel::Qr) => {
                let poster = poster.map(|p| PosterCode::parse(p).ok_or(SourceError::ForgedPoster)).transpose()?;
                Ok(Source::Qr { poster })
            }
            (Sender::Respondent, _) => Err(SourceError::StaffChannel),
            (Sender::Staff(_), Channel::Qr) => Err(SourceError::QrByStaff),
            (Sender::Staff(by), Channel::Paper) => match serial {
                Some(serial) => Ok(Source::Paper { serial: serial.to_owned(), entered_by: by.to_owned() }),
                None => Err(SourceError::SerialRequired),
            },
            (Sender::Staff(by), Channel::Phone) => {
                Ok(Source::Phone { serial: serial.map(str::to_owned), entered_by: by.to_owned() })
            }
            (Sender::Staff(by), Channel::Interviewer) => {
                Ok(Source::Interviewer { serial: serial.map(str::to_owned), entered_by: by.to_owned() })
            }
        }
    }

    pub fn channel(&self) -> Channel {
        match self {
            Source::Qr { .. } => Channel::Qr,
            Source::Paper { .. } => Channel::Paper,
            Source::Phone { .. } => Channel::Phone,
            Source::Interviewer { .. } => Channel::Interviewer,
        }
    }

    pub fn serial(&self) -> Option<&str> {
        match self {
            Source::Qr { .. } => None,
            Source::Paper { serial, .. } => Some(serial),
            Source::Phone { serial, .. } | Source::Interviewer { serial, .. } => serial.as_deref(),
        }
    }

    pub fn entered_by(&self) -> Option<&str> {
        match self {
            Source::Qr { .. } => None,
            Source::Paper { entered_by, .. }
            | Source::Phone { entered_by, .. }
            | Source::Interviewer { entered_by, .. } => Some(entered_by),
        }
    }

    pub fn poster(&self) -> Option<&PosterCode> {
        match self {
            Source::Qr { poster } => poster.as_ref(),
            _ => None,
        }
    }
}

/// A source as stored responses and API bodies spell it: the channel beside optional fields.
/// Reading one back holds it to the same rules, so no stored response is a paper form without
/// its serial or a staff entry without who made it.
#[derive(Serialize, Deserialize)]
struct Fields {
    channel: Channel,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    serial: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    entered_by: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    poster: Option<String>,
}

impl TryFrom<Fields> for Source {
    type Error = SourceError;

    fn try_from(f: Fields) -> Result<Source, SourceError> {
        let sender = match f.entered_by.as_deref() {
            Some(by) => Sender::Staff(by),
            None if f.channel == Channel::Qr => Sender::Respondent,
            None => return Err(SourceError::EnteredByRequired),
        };
        Source::of(f.channel, f.serial.as_deref(), f.poster.as_deref(), sender)
    }
}

impl From<Source> for Fields {
    fn from(s: Source) -> Fields {
        let channel = s.channel();
        let (serial, entered_by, poster) = match s {
            Source::Qr { poster } => (None, None, poster.map(|p| p.as_str().to_owned())),
            Source::Paper { serial, entered_by } => (Some(serial), Some(entered_by), None),
            Source::Phone { serial, entered_by } | Source::Interviewer { serial, entered_by } => {
                (serial, Some(entered_by), None)
            }
        };
        Fields { channel, serial, entered_by, poster }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn respondents_answer_by_qr_and_staff_enter_the_rest() {
        let qr = Source::of(Channel::Qr, None, Some("1-abcdefghjk"), Sender::Respondent).unwrap();
        let poster = PosterCode::parse("1-ABCDEFGHJK");
        assert_eq!((qr.channel(), qr.poster(), qr.entered_by()), (Channel::Qr, poster.as_ref(), None));
        assert_eq!(Source::of(Channel::Qr, None, Some("1-AB"), Sender::Respondent), Err(SourceError::ForgedPoster));
        for channel in [Channel::Paper, Channel::Phone, Channel::Interviewer] {
            assert_eq!(Source::of(channel, Some("A-1"), None, Sender::Respondent), Err(SourceError::StaffChannel));
        }
        assert_eq!(Source::of(Channel::Qr, Some("A-1"), None, Sender::Respondent), Err(SourceError::StaffChannel));
        assert_eq!(Source::of(Channel::Qr, None, None, Sender::Staff("an")), Err(SourceError::QrByStaff));
    }

    #[test]
    fn a_paper_form_has_its_serial_and_a_call_may_have_one() {
        let paper = Source::of(Channel::Paper, Some(" CN-0042 "), None, Sender::Staff("an")).unwrap();
        assert_eq!((paper.serial(), paper.entered_by()), (Some("CN-0042"), Some("an")));
        for blank in [None, Some(""), Some("  ")] {
            assert_eq!(Source::of(Channel::Paper, blank, None, Sender::Staff("an")), Err(SourceError::SerialRequired));
        }
        let call = Source::of(Channel::Phone, Some("DS-7"), None, Sender::Staff("an")).unwrap();
        assert_eq!((call.channel(), call.serial(), call.entered_by()), (Channel::Phone, Some("DS-7"), Some("an")));
        let phone = Source::of(Channel::Phone, Some(" "), Some("1-AB"), Sender::Staff("an")).unwrap();
        assert_eq!((phone.serial(), phone.poster()), (None, None), "a blank serial is none; no poster on a call");
        assert_eq!(SourceError::SerialRequired.code(), "serial_required");
    }

    #[test]
    fn a_stored_source_reads_back_by_the_same_rules() {
        for source in [
            Source::Qr { poster: PosterCode::parse("1-ABCDEFGHJK") },
            Source::Qr { poster: None },
            Source::Paper { serial: "CN-1".into(), entered_by: "an".into() },
            Source::Phone { serial: None, entered_by: "an".into() },
            Source::Interviewer { serial: Some("DS-2".into()), entered_by: "binh".into() },
        ] {
            let stored = serde_json::to_value(&source).unwrap();
            assert_eq!(serde_json::from_value::<Source>(stored).unwrap(), source);
        }
        let flat = serde_json::to_value(Source::Paper { serial: "CN-1".into(), entered_by: "an".into() }).unwrap();
        assert_eq!(flat, serde_json::json!({"channel": "paper", "serial": "CN-1", "entered_by": "an"}));
        for wrong in [
            serde_json::json!({"channel": "paper", "entered_by": "an"}),
            serde_json::json!({"channel": "phone"}),
            serde_json::json!({"channel": "qr", "serial": "CN-1"}),
        ] {
            assert!(serde_json::from_value::<Source>(wrong.clone()).is_err(), "{wrong}");
        }
        assert_eq!(SourceError::QrByStaff.code(), "channel_not_allowed");
    }
}
