// The UI may call only the commands listed here, each allowed by name in capabilities/main.json.
const COMMANDS: &[&str] = &[
    "open_journal",
    "prompt_for",
    "list_entries",
    "search",
    "get_entry",
    "entry_on",
    "save_entry",
    "save_settings",
    "list_worksheets",
    "worksheet_history",
    "get_filling",
    "save_filling",
    "get_assessment",
    "score_assessment",
    "check_tone",
    "contact_rhythm",
    "list_exercises",
    "get_vision",
    "save_vision",
    "restore_revision",
    "compare_revisions",
    "pin_habit",
    "list_selection",
    "export_to_chosen",
    "import_from_chosen",
    "list_formats",
    "describe_export",
    "delete_document",
    "restore_deleted",
    "list_trash",
    "list_backups",
    "backup_now",
    "restore_from_chosen",
    "support_page",
    "care_card",
    "dismiss_care_card",
    "unlock",
    "lock",
    "encryption_on",
    "encryption_off",
    "change_passphrase",
    "today_complete",
];

fn main() {
    tauri_build::try_build(
        tauri_build::Attributes::new()
            .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS)),
    )
    .expect("tauri-build failed");
}
