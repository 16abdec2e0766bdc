//! Errors as the UI sees them: a stable code and the message in both languages
//! (`{code, message, lv, en}`), made from the library's typed errors.

use ogp_archive::Error;
use serde::Serialize;

/// An error as the UI sees it: a stable code and the message in both languages.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct UiError {
    pub code: String,
    /// "Latvian / English", as the library words it.
    pub message: String,
    pub lv: String,
    pub en: String,
}

impl From<Error> for UiError {
    fn from(e: Error) -> Self {
        let en = e.to_string();
        let message = e.user_message();
        let lv = message
            .strip_suffix(&format!(" / {en}"))
            .unwrap_or(&message)
            .to_string();
        UiError {
            code: e.code().into(),
            message,
            lv,
            en,
        }
    }
}

impl UiError {
    pub(crate) fn new(code: &str, lv: &str, en: &str) -> Self {
        UiError {
            code: code.into(),
            message: format!("{lv} / {en}"),
            lv: lv.into(),
            en: en.into(),
        }
    }
}

pub type CmdResult<T> = Result<T, UiError>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ui_error_splits_languages() {
        let e: UiError = Error::NoSuchDocument(7).into();
        assert_eq!(e.code, "no-such-document");
        assert_eq!(e.lv, "nav dokumenta ar id 7");
        assert_eq!(e.en, "no document with id 7");
        assert_eq!(e.message, "nav dokumenta ar id 7 / no document with id 7");
    }
}
