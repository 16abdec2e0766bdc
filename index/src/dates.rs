//! TEMPORARY placeholder (helper-2 replaces this file).
use chrono::NaiveDate;
pub struct DateMention { pub date: NaiveDate, pub start: usize, pub end: usize }
pub fn find_dates(text: &str) -> Vec<DateMention> { text.char_indices().filter_map(|(i,_)| text.get(i..i+10).and_then(|s| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()).map(|d| DateMention{date:d,start:i,end:i+10})).collect() }
pub fn parse_date(s: &str) -> Option<NaiveDate> { NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").ok() }
pub fn find_year_ranges(_text: &str) -> Vec<(i32, i32)> { vec![] }
