//! Small text helpers of the classifier: file-name parts, prefixes cut at a character
//! boundary, folded words.

use super::*;

/// The last part of a path (`/` or `\` separated).
pub(super) fn base_name(path: &str) -> &str {
    path.rsplit(['/', '\\']).next().unwrap_or(path)
}

/// The name without a short alphanumeric extension (`.pdf`, `.docx`).
pub(super) fn strip_extension(name: &str) -> &str {
    match name.rfind('.') {
        Some(i) if i > 0 => {
            let ext = &name[i + 1..];
            if (1..=5).contains(&ext.len()) && ext.chars().all(|c| c.is_ascii_alphanumeric()) {
                &name[..i]
            } else {
                name
            }
        }
        _ => name,
    }
}

/// The first `n` chars of `s`.
pub(super) fn prefix_chars(s: &str, n: usize) -> &str {
    match s.char_indices().nth(n) {
        Some((i, _)) => &s[..i],
        None => s,
    }
}

/// At most `n` bytes of `s`, cut at a char boundary.
pub(super) fn prefix_bytes(s: &str, n: usize) -> &str {
    if s.len() <= n {
        return s;
    }
    let mut i = n;
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    &s[..i]
}

/// Lowercased and diacritic-folded.
pub(super) fn norm(s: &str) -> String {
    latvian::fold_diacritics(&s.to_lowercase()).into_owned()
}

/// A word of a text: lowercased (`lower`), lowercased and folded (`folded`), its byte offset.
pub(super) struct Word {
    pub lower: String,
    pub folded: String,
    pub start: usize,
}

/// The alphanumeric words of a text.
pub(super) fn words(text: &str) -> Vec<Word> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text
        .char_indices()
        .chain(std::iter::once((text.len(), ' ')))
    {
        if c.is_alphanumeric() {
            if start.is_none() {
                start = Some(i);
            }
        } else if let Some(s) = start.take() {
            let lower = text[s..i].to_lowercase();
            let folded = latvian::fold_diacritics(&lower).into_owned();
            out.push(Word {
                lower,
                folded,
                start: s,
            });
        }
    }
    out
}

/// Cuts `s` to at most `MAX_TITLE_CHARS` chars, at a word boundary when there is one.
pub(super) fn clip_title(s: &str) -> String {
    let s = s.trim();
    if s.chars().count() <= MAX_TITLE_CHARS {
        return s.to_string();
    }
    let cut = prefix_chars(s, MAX_TITLE_CHARS);
    let at_word = match cut.rfind(char::is_whitespace) {
        Some(i) if i > MAX_TITLE_CHARS / 2 => &cut[..i],
        _ => cut,
    };
    at_word
        .trim_end_matches(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | ':' | '–' | '-'))
        .to_string()
}

pub(super) fn collapse_spaces(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}
