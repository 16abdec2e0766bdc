//! TEMPORARY placeholder (helper-2 replaces this file).
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind { Plan, Protocol, Presentation, Evaluation, Declaration, Survey, Other }
impl Kind { pub fn as_str(self) -> &'static str { match self { Kind::Plan=>"plan",Kind::Protocol=>"protocol",Kind::Presentation=>"presentation",Kind::Evaluation=>"evaluation",Kind::Declaration=>"declaration",Kind::Survey=>"survey",Kind::Other=>"other" } } }
impl std::str::FromStr for Kind { type Err = String; fn from_str(s:&str)->Result<Self,String>{ Ok(match s {"plan"=>Kind::Plan,"protocol"=>Kind::Protocol,"presentation"=>Kind::Presentation,"evaluation"=>Kind::Evaluation,"declaration"=>Kind::Declaration,"survey"=>Kind::Survey,"other"=>Kind::Other,_=>return Err(s.into())}) } }
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang { Lv, En }
impl Lang { pub fn as_str(self) -> &'static str { match self { Lang::Lv=>"lv", Lang::En=>"en" } } }
impl std::str::FromStr for Lang { type Err = String; fn from_str(s:&str)->Result<Self,String>{ Ok(match s {"lv"=>Lang::Lv,"en"=>Lang::En,_=>return Err(s.into())}) } }
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Source { FileName, Text, PdfTitle, Default }
#[derive(Clone, Debug)]
pub struct Guess<T> { pub value: T, pub source: Source }
pub struct CycleRef { pub number: i64, pub start_year: i32, pub end_year: i32 }
pub struct SessionRef { pub id: i64, pub cycle: i64, pub date: NaiveDate }
pub struct Classification { pub title: Guess<String>, pub kind: Guess<Kind>, pub lang: Guess<Lang>, pub cycle: Option<Guess<i64>>, pub session: Option<Guess<i64>>, pub unknown_session_date: Option<NaiveDate>, pub date: Option<Guess<NaiveDate>> }
pub fn classify(file_name: &str, _pdf_title: Option<&str>, _pages: &[&str], _cycles: &[CycleRef], _sessions: &[SessionRef]) -> Classification {
  Classification { title: Guess{value: file_name.into(), source: Source::FileName}, kind: Guess{value: Kind::Other, source: Source::Default}, lang: Guess{value: Lang::Lv, source: Source::Default}, cycle: None, session: None, unknown_session_date: None, date: None }
}
