//! The TypeScript types in ui/src/bindings/ are generated from the Rust types that cross IPC.
//! This test fails when they are stale; `make bindings` (UPDATE_BINDINGS=1) rewrites them.

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

use tend::assessment::{Assessment, AssessmentResult};
use tend::contacts::ContactRhythm;
use tend::prompts::ShownPrompt;
use tend::store::JournalInfo;
use tend::tone::ToneCheck;
use tend::vision::{Exercise, SectionDiff, Vision, VisionDraft, VisionSave};
use tend::worksheet::Worksheet;
use tend::{Entry, EntryDraft, EntrySummary, ErrorReport, Filling, FillingDraft, FillingSummary};
use ts_rs::TS;

fn generated() -> BTreeMap<String, String> {
    let dir = tempfile::tempdir().unwrap();
    // Each root type brings the types it uses along with it.
    Entry::export_all_to(dir.path()).unwrap();
    tend::moving::Moved::export_all_to(dir.path()).unwrap();
    tend::moving::BackupsMoved::export_all_to(dir.path()).unwrap();
    EntryDraft::export_all_to(dir.path()).unwrap();
    EntrySummary::export_all_to(dir.path()).unwrap();
    ErrorReport::export_all_to(dir.path()).unwrap();
    JournalInfo::export_all_to(dir.path()).unwrap();
    ShownPrompt::export_all_to(dir.path()).unwrap();
    Worksheet::export_all_to(dir.path()).unwrap();
    Filling::export_all_to(dir.path()).unwrap();
    FillingDraft::export_all_to(dir.path()).unwrap();
    FillingSummary::export_all_to(dir.path()).unwrap();
    Assessment::export_all_to(dir.path()).unwrap();
    AssessmentResult::export_all_to(dir.path()).unwrap();
    ToneCheck::export_all_to(dir.path()).unwrap();
    ContactRhythm::export_all_to(dir.path()).unwrap();
    Exercise::export_all_to(dir.path()).unwrap();
    Vision::export_all_to(dir.path()).unwrap();
    VisionDraft::export_all_to(dir.path()).unwrap();
    VisionSave::export_all_to(dir.path()).unwrap();
    SectionDiff::export_all_to(dir.path()).unwrap();
    tend::vision::RevisionSummary::export_all_to(dir.path()).unwrap();
    tend::export::Filter::export_all_to(dir.path()).unwrap();
    tend::formats::Descriptor::export_all_to(dir.path()).unwrap();
    tend::export::ExportDone::export_all_to(dir.path()).unwrap();
    tend::export::DocumentRef::export_all_to(dir.path()).unwrap();
    tend::store::Trashed::export_all_to(dir.path()).unwrap();
    tend::store::TwoVersions::export_all_to(dir.path()).unwrap();
    tend::store::settings::LockScreen::export_all_to(dir.path()).unwrap();
    tend::store::Keep::export_all_to(dir.path()).unwrap();
    tend::store::Resolved::export_all_to(dir.path()).unwrap();
    tend::versions::Compared::export_all_to(dir.path()).unwrap();
    tend::import::ImportReport::export_all_to(dir.path()).unwrap();
    tend::support::SupportPage::export_all_to(dir.path()).unwrap();
    tend::worksheet::Safety::export_all_to(dir.path()).unwrap();
    tend::import::ImportProgress::export_all_to(dir.path()).unwrap();
    tend::Backup::export_all_to(dir.path()).unwrap();
    tend::BackupInfo::export_all_to(dir.path()).unwrap();
    tend::RestoreDone::export_all_to(dir.path()).unwrap();
    tend::search::SearchRequest::export_all_to(dir.path()).unwrap();
    tend::search::Found::export_all_to(dir.path()).unwrap();
    tend::insights::Insights::export_all_to(dir.path()).unwrap();
    tend::entry::EntryPage::export_all_to(dir.path()).unwrap();
    read_dir(dir.path())
}

fn read_dir(dir: &Path) -> BTreeMap<String, String> {
    fs::read_dir(dir)
        .map(|read| {
            read.map(|e| e.unwrap())
                .filter(|e| e.file_name().to_string_lossy().ends_with(".ts"))
                .map(|e| {
                    let name = e.file_name().to_string_lossy().into_owned();
                    (name, fs::read_to_string(e.path()).unwrap())
                })
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn ui_bindings_match_the_rust_types() {
    let committed_dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("ui/src/bindings");
    let fresh = generated();
    if std::env::var_os("UPDATE_BINDINGS").is_some() {
        let _ = fs::remove_dir_all(&committed_dir);
        fs::create_dir_all(&committed_dir).unwrap();
        for (name, text) in &fresh {
            fs::write(committed_dir.join(name), text).unwrap();
        }
        return;
    }
    let committed = read_dir(&committed_dir);
    assert_eq!(
        committed.keys().collect::<Vec<_>>(),
        fresh.keys().collect::<Vec<_>>(),
        "ui/src/bindings has other files than the Rust types give; run `make bindings`"
    );
    for (name, text) in &fresh {
        assert_eq!(
            &committed[name], text,
            "ui/src/bindings/{name} is stale; run `make bindings`"
        );
    }
}
