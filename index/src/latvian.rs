//! TEMPORARY placeholder (helper-2 replaces this file).
use std::borrow::Cow;
pub fn stem(_word: &mut String) {}
pub fn fold_diacritics(s: &str) -> Cow<'_, str> { Cow::Borrowed(s) }
pub fn is_stop_word(w: &str) -> bool { matches!(w, "un" | "vai" | "ir") }
