//! Filling worksheets, for the tests of worksheets and their regressions.

use serde_json::Value;
use tend::worksheet::Answers;
use tend::{FillingDraft, FillingStatus, Store};

use super::day;

pub fn answers(value: Value) -> Answers {
    serde_json::from_value(value).unwrap()
}

/// A filling of the love-languages worksheet with `value` as its answers.
pub fn fill(
    store: &mut Store,
    id: Option<String>,
    date: &str,
    status: FillingStatus,
    value: Value,
) -> tend::Result<tend::Filling> {
    store.save_filling(FillingDraft {
        id,
        worksheet: "love-languages".into(),
        date: day(date),
        status,
        answers: answers(value),
    })
}
