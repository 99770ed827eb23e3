//! The daily journal: the first screen, prompts, entries, settings.

use chrono::NaiveDate;
use tauri::{AppHandle, Emitter, State};
use tend::care::CareCard;
use tend::entry::EntryPage;
use tend::insights::Insights;
use tend::prompts::ShownPrompt;
use tend::search::{Found, SearchRequest};
use tend::store::JournalInfo;
use tend::support::SupportPage;
use tend::{Entry, EntryDraft, EntrySummary, Settings};

use super::Reply;
use crate::state::Journal;

#[tauri::command(async)]
pub fn open_journal(journal: State<Journal>) -> Reply<JournalInfo> {
    let mut info = journal.with(|store| Ok(store.info()))?;
    // The login items are the desktop's: they may have been changed there.
    info.settings.start_at_login = crate::reminder::starts_at_login();
    Ok(info)
}

#[tauri::command(async)]
pub fn prompt_for(
    journal: State<Journal>,
    date: NaiveDate,
    theme: Option<String>,
    offset: usize,
) -> Reply<ShownPrompt> {
    journal.with(|store| store.prompt_for(date, theme.as_deref(), offset))
}

#[tauri::command(async)]
pub fn list_entries(journal: State<Journal>, offset: usize, limit: usize) -> Reply<EntryPage> {
    journal.with(|store| Ok(store.summaries_page(offset, limit)))
}

/// Words and filters across entries, worksheet fillings and visions (see `tend::search`).
#[tauri::command(async)]
pub fn search(journal: State<Journal>, request: SearchRequest) -> Reply<Found> {
    journal.with(|store| tend::search::search(store, &request))
}

/// Writing over time, for the calendar and the charts.
#[tauri::command(async)]
pub fn insights(
    journal: State<Journal>,
    from: Option<NaiveDate>,
    to: NaiveDate,
) -> Reply<Insights> {
    journal.with(|store| Ok(tend::insights::of(store, from, to)))
}

/// Writing from this date in earlier years, if settings turn it on.
#[tauri::command(async)]
pub fn on_this_day(journal: State<Journal>) -> Reply<Vec<EntrySummary>> {
    journal.with(|store| Ok(store.on_this_day()))
}

/// Opens the journal's folder in the file manager: the one folder this opens, taken from the
/// app's state, never from the page.
#[tauri::command(async)]
pub fn open_data_folder(app: tauri::AppHandle, journal: State<Journal>) -> Reply<()> {
    use tauri_plugin_opener::OpenerExt;
    let dir = journal.dir()?;
    app.opener()
        .open_path(dir.to_string_lossy(), None::<&str>)
        .map_err(|e| tend::Error::io(dir, std::io::Error::other(e.to_string())).into())
}

#[tauri::command(async)]
pub fn get_entry(journal: State<Journal>, id: String) -> Reply<Entry> {
    journal.with(|store| store.entry(&id).cloned())
}

#[tauri::command(async)]
pub fn entry_on(journal: State<Journal>, date: NaiveDate) -> Reply<Option<Entry>> {
    journal.with(|store| Ok(store.latest_on(date).cloned()))
}

/// Told to the page when a save kept the file it replaced as the entry's second version (it had
/// changed since Tend read it: another computer's words, through a sync tool): the entry's id.
const KEPT_OTHER_VERSION: &str = "tend:kept-other-version";

#[tauri::command(async)]
pub fn save_entry(app: AppHandle, journal: State<Journal>, draft: EntryDraft) -> Reply<Entry> {
    let versions =
        |store: &tend::Store, id: &str| store.two_versions().iter().filter(|t| t.id == id).count();
    let (saved, kept) = journal.with(|store| {
        let before = draft.id.as_deref().map_or(0, |id| versions(store, id));
        let saved = store.save_entry(draft)?;
        let kept = versions(store, &saved.id) > before;
        Ok((saved, kept))
    })?;
    if kept {
        let _ = app.emit(KEPT_OTHER_VERSION, &saved.id);
    }
    Ok(saved)
}

#[tauri::command(async)]
pub fn save_settings(
    window: tauri::WebviewWindow,
    journal: State<Journal>,
    settings: Settings,
) -> Reply<Settings> {
    let saved = journal.with(|store| store.save_settings(settings))?;
    crate::reminder::start_at_login(&journal.dir()?, saved.start_at_login)?;
    crate::writing::apply(&window, &saved);
    Ok(saved)
}

/// The spelling dictionaries installed on this computer, and the one of the system's language
/// (what "the system's language" in Settings checks with).
#[derive(serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Dictionaries {
    installed: Vec<String>,
    system: String,
}

#[tauri::command(async)]
pub fn spelling_dictionaries() -> Dictionaries {
    Dictionaries {
        installed: crate::writing::installed_dictionaries(),
        system: crate::writing::system_dictionary(),
    }
}

/// The support page for `country`, or for the one in Settings when absent. Reachable while
/// the journal is locked too (from the unlock screen): then the country kept outside the
/// encryption for the lock screen is used, else the system's.
#[tauri::command(async)]
pub fn support_page(journal: State<Journal>, country: Option<String>) -> Reply<SupportPage> {
    journal
        .with(|store| Ok(store.support_page(country.as_deref())))
        .or_else(|_| {
            let chosen = country
                .or_else(|| journal.locked_country())
                .or_else(tend::support::country_from_locale);
            Ok(tend::support::page(chosen.as_deref()))
        })
}

#[tauri::command(async)]
pub fn care_card(journal: State<Journal>) -> Reply<Option<CareCard>> {
    journal.with(|store| Ok(store.care_card()))
}

/// Tend's version, for the About section: the one in the workspace's Cargo.toml.
#[tauri::command]
pub fn app_version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}

/// Opens the system's print dialog on the page (which has laid out the sheet to print):
/// WebKitGTK's own print operation, run from Rust; the page's `window.print()` does nothing in
/// the webview.
#[tauri::command(async)]
pub fn print_page(window: tauri::WebviewWindow) -> Reply<()> {
    window.print().map_err(|e| {
        tend::Error::invalid(format!("The print dialog could not be opened ({e}).")).into()
    })
}

/// An entry's Markdown as the read view shows it, from the core's one renderer: raw HTML as
/// the text it is, links as their words, nothing fetched.
#[tauri::command]
pub fn render_markdown(text: String) -> String {
    tend::markup::to_html(&text)
}

#[tauri::command(async)]
pub fn dismiss_care_card(journal: State<Journal>) -> Reply<Settings> {
    journal.with(|store| store.dismiss_care_card())
}

/// Today is on the screen, complete. `make bench` starts the app with `TEND_BENCH_REPORT` set
/// and times launch to this line; otherwise it does nothing. Only in a `bench` build: the page
/// calls it always and lets a release build refuse it.
#[cfg(feature = "bench")]
#[tauri::command]
pub fn today_complete() {
    if std::env::var_os("TEND_BENCH_REPORT").is_some() {
        use std::io::Write;
        let mut out = std::io::stdout().lock();
        let _ = writeln!(out, "tend: today complete");
        let _ = out.flush();
    }
}
