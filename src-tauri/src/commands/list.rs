// Every command the page may call, declared once (issue 24). From this list come the app's
// handler (lib.rs), each command's permission (build.rs, which also writes
// capabilities/main.json: the page gets exactly these and the core permissions below); a test
// checks ui/src/api.ts against it. Included
// by both lib.rs and build.rs.

/// Calls `$then!` with every command's path.
macro_rules! with_commands {
    ($then:ident) => {
        $then! {
            commands::journal::open_journal,
            commands::journal::prompt_for,
            commands::journal::list_entries,
            commands::journal::search,
            commands::journal::insights,
            commands::journal::on_this_day,
            commands::journal::open_data_folder,
            commands::journal::get_entry,
            commands::journal::entry_on,
            commands::journal::save_entry,
            commands::journal::save_settings,
            commands::journal::spelling_dictionaries,
            commands::worksheets::list_worksheets,
            commands::worksheets::worksheet_history,
            commands::worksheets::get_filling,
            commands::worksheets::save_filling,
            commands::worksheets::get_assessment,
            commands::worksheets::score_assessment,
            commands::worksheets::check_tone,
            commands::worksheets::contact_rhythm,
            commands::visions::list_exercises,
            commands::visions::get_vision,
            commands::visions::save_vision,
            commands::visions::restore_revision,
            commands::visions::compare_revisions,
            commands::visions::pin_habit,
            commands::transfer::list_selection,
            commands::transfer::export_to_chosen,
            commands::transfer::import_from_chosen,
            commands::transfer::list_formats,
            commands::transfer::describe_export,
            commands::trash::delete_document,
            commands::trash::restore_deleted,
            commands::trash::list_trash,
            commands::trash::list_two_versions,
            commands::trash::compare_versions,
            commands::trash::resolve_versions,
            commands::backups::list_backups,
            commands::backups::backup_now,
            commands::backups::move_journal_to_chosen,
            commands::backups::use_journal_in_chosen,
            commands::backups::keep_backups_in_chosen,
            commands::backups::restore_from_chosen,
            commands::journal::support_page,
            commands::journal::care_card,
            commands::journal::dismiss_care_card,
            commands::journal::render_markdown,
            commands::journal::print_page,
            commands::journal::app_version,
            commands::photos::attach_chosen_photo,
            commands::photos::attach_photo,
            commands::photos::detach_photo,
            commands::privacy::unlock,
            commands::privacy::lock,
            commands::privacy::encryption_on,
            commands::privacy::encryption_off,
            commands::privacy::change_passphrase,
            quit::flushed,
            commands::privacy::lock_screen_look;
            // Only in a build with the `bench` feature (`make bench`): release builds leave
            // it and its permission off.
            bench: commands::journal::today_complete,
        }
    };
}

/// The last name of a path: `commands::journal::open_journal` → "open_journal".
#[allow(unused_macros)]
macro_rules! last_name {
    ($name:ident) => {
        stringify!($name)
    };
    ($head:ident :: $($rest:ident)::+) => {
        last_name!($($rest)::+)
    };
}

/// The commands' names, as the page calls them (the bench's command left out).
#[allow(unused_macros)]
macro_rules! command_names {
    ($($($segment:ident)::+),* ; bench: $($($bench:ident)::+),* $(,)?) => {
        &[$(last_name!($($segment)::+)),*]
    };
}

/// The names of the commands only a `bench` build has.
#[allow(unused_macros)]
macro_rules! bench_command_names {
    ($($($segment:ident)::+),* ; bench: $($($bench:ident)::+),* $(,)?) => {
        &[$(last_name!($($bench)::+)),*]
    };
}

/// Core permissions the page needs besides its commands: events (the close request), closing
/// the window once the editor is flushed, and its title (quick hide shows a neutral one, so the
/// taskbar does not say "Tend" while the window is hidden).
#[allow(dead_code)]
const CORE_PERMISSIONS: &[&str] = &[
    "core:event:allow-listen",
    "core:event:allow-unlisten",
    "core:window:allow-destroy",
    "core:window:allow-set-title",
];
