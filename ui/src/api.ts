// The one file that talks to the Tauri shell. Everything else imports `api` from here, so
// unit tests can replace it whole.
import { invoke } from "@tauri-apps/api/core";
import { listen } from "@tauri-apps/api/event";
import { getCurrentWindow } from "@tauri-apps/api/window";
import type { Entry } from "./bindings/Entry";
import type { EntryDraft } from "./bindings/EntryDraft";
import type { EntryPage } from "./bindings/EntryPage";
import type { EntrySummary } from "./bindings/EntrySummary";
import type { Found } from "./bindings/Found";
import type { Insights } from "./bindings/Insights";
import type { SearchRequest } from "./bindings/SearchRequest";
import type { ErrorCode } from "./bindings/ErrorCode";
import type { ErrorReport } from "./bindings/ErrorReport";
import type { JournalInfo } from "./bindings/JournalInfo";
import type { Moved } from "./bindings/Moved";
import type { BackupsMoved } from "./bindings/BackupsMoved";
import type { Settings } from "./bindings/Settings";
import type { ShownPrompt } from "./bindings/ShownPrompt";
import type { Assessment } from "./bindings/Assessment";
import type { AssessmentResult } from "./bindings/AssessmentResult";
import type { ContactRhythm } from "./bindings/ContactRhythm";
import type { Filling } from "./bindings/Filling";
import type { FillingDraft } from "./bindings/FillingDraft";
import type { FillingSummary } from "./bindings/FillingSummary";
import type { ToneCheck } from "./bindings/ToneCheck";
import type { Worksheet } from "./bindings/Worksheet";
import type { Exercise } from "./bindings/Exercise";
import type { SectionDiff } from "./bindings/SectionDiff";
import type { Vision } from "./bindings/Vision";
import type { VisionDraft } from "./bindings/VisionDraft";
import type { VisionSave } from "./bindings/VisionSave";
import type { DocumentRef } from "./bindings/DocumentRef";
import type { ExportDone } from "./bindings/ExportDone";
import type { Filter } from "./bindings/Filter";
import type { Descriptor } from "./bindings/Descriptor";
import type { ImportReport } from "./bindings/ImportReport";
import type { SupportPage } from "./bindings/SupportPage";
import type { CareCard } from "./bindings/CareCard";
import type { Trashed } from "./bindings/Trashed";
import type { TwoVersions } from "./bindings/TwoVersions";
import type { Compared } from "./bindings/Compared";
import type { Keep } from "./bindings/Keep";
import type { Resolved } from "./bindings/Resolved";
import type { LockScreen } from "./bindings/LockScreen";
import type { Backup } from "./bindings/Backup";
import type { BackupInfo } from "./bindings/BackupInfo";
import type { RestoreDone } from "./bindings/RestoreDone";
import type { ImportProgress } from "./bindings/ImportProgress";

/** A filling's answers, by field id. */
export type Answers = Filling["answers"];

/** An error from the core: a code to branch on and a message for a person. */
export class ApiError extends Error {
  constructor(
    readonly code: ErrorCode | "unexpected",
    message: string,
  ) {
    super(message);
  }
}

/** What to tell a person about a failed call: the core's message when there is one. */
export function errorText(error: unknown): string {
  return error instanceof ApiError ? error.message : String(error);
}

function isReport(value: unknown): value is ErrorReport {
  return typeof value === "object" && value !== null && "code" in value && "message" in value;
}

async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (error) {
    if (isReport(error)) throw new ApiError(error.code, error.message);
    throw new ApiError("unexpected", String(error));
  }
}

/** A command whose argument is raw bytes (a photo), with its other arguments as headers. */
async function callRaw<T>(
  command: string,
  body: Uint8Array,
  headers: Record<string, string>,
): Promise<T> {
  try {
    return await invoke<T>(command, body, { headers });
  } catch (error) {
    if (isReport(error)) throw new ApiError(error.code, error.message);
    throw new ApiError("unexpected", String(error));
  }
}

export const api = {
  openJournal: () => call<JournalInfo>("open_journal"),
  promptFor: (date: string, theme: string | null, offset: number) =>
    call<ShownPrompt>("prompt_for", { date, theme, offset }),
  listEntries: (offset: number, limit: number) =>
    call<EntryPage>("list_entries", { offset, limit }),
  search: (request: SearchRequest) => call<Found>("search", { request }),
  insights: (from: string | null, to: string) => call<Insights>("insights", { from, to }),
  onThisDay: () => call<EntrySummary[]>("on_this_day"),
  openDataFolder: () => call<void>("open_data_folder"),
  /** Moves the journal to a folder chosen in the system's dialog; null when cancelled. */
  moveJournal: () => call<Moved | null>("move_journal_to_chosen"),
  /** Opens the journal already in a folder chosen in the system's dialog; null when cancelled. */
  useJournal: () => call<string | null>("use_journal_in_chosen"),
  /** Moves this computer's backups to a folder chosen in the system's dialog, or back to the
   * usual place with `usual`; null when cancelled. */
  keepBackupsIn: (usual: boolean) => call<BackupsMoved | null>("keep_backups_in_chosen", { usual }),
  getEntry: (id: string) => call<Entry>("get_entry", { id }),
  entryOn: (date: string) => call<Entry | null>("entry_on", { date }),
  saveEntry: (draft: EntryDraft) => call<Entry>("save_entry", { draft }),
  saveSettings: (settings: Settings) => call<Settings>("save_settings", { settings }),
  /** The spelling dictionaries on this computer, and the one of the system's language. */
  spellingDictionaries: () =>
    call<{ installed: string[]; system: string }>("spelling_dictionaries"),
  listWorksheets: () => call<Worksheet[]>("list_worksheets"),
  worksheetHistory: (worksheet: string) =>
    call<FillingSummary[]>("worksheet_history", { worksheet }),
  getFilling: (id: string) => call<Filling>("get_filling", { id }),
  saveFilling: (draft: FillingDraft) => call<Filling>("save_filling", { draft }),
  getAssessment: () => call<Assessment>("get_assessment"),
  scoreAssessment: (answers: Answers) => call<AssessmentResult>("score_assessment", { answers }),
  checkTone: (draft: string) => call<ToneCheck>("check_tone", { draft }),
  contactRhythm: () => call<ContactRhythm>("contact_rhythm"),
  listExercises: () => call<Exercise[]>("list_exercises"),
  getVision: (exercise: string) => call<Vision | null>("get_vision", { exercise }),
  saveVision: (draft: VisionDraft) => call<VisionSave>("save_vision", { draft }),
  restoreRevision: (exercise: string, number: number) =>
    call<Vision>("restore_revision", { exercise, number }),
  compareRevisions: (exercise: string, old: number, next: number) =>
    call<SectionDiff[]>("compare_revisions", { exercise, old, new: next }),
  pinHabit: (habit: string, pinned: boolean) => call<Settings>("pin_habit", { habit, pinned }),
  /** What a filter selects: each piece with its kind, date and title. */
  listSelection: (filter: Filter) => call<DocumentRef[]>("list_selection", { filter }),
  /** Moves an entry or a worksheet filling to the trash, restorable for 30 days. */
  deleteDocument: (id: string) => call<Trashed>("delete_document", { id }),
  /** Brings a deleted document back to its place. */
  restoreDeleted: (id: string, file: string | null = null) =>
    call<Trashed>("restore_deleted", { id, file }),
  listTrash: () => call<Trashed[]>("list_trash"),
  /** Documents found in two files (a copy, a sync tool's conflict copy). */
  listTwoVersions: () => call<TwoVersions[]>("list_two_versions"),
  /** Both versions side by side, the differences marked word by word. */
  compareVersions: (id: string, other: string) => call<Compared>("compare_versions", { id, other }),
  /** Keeps what she chose; what is not kept goes to the trash. */
  resolveVersions: (id: string, other: string, keep: Keep) =>
    call<Resolved>("resolve_versions", { id, other, keep }),
  /** The automatic backups, newest first. */
  listBackups: () => call<BackupInfo[]>("list_backups"),
  backupNow: () => call<Backup>("backup_now"),
  /** Opens the system open dialog on the backups; null when the user cancels it. */
  restoreFromChosen: () => call<RestoreDone | null>("restore_from_chosen"),
  /** Calls `each` as a long import goes on; resolves to a function that stops listening. */
  onImportProgress: (each: (progress: ImportProgress) => void) =>
    listen<ImportProgress>("import-progress", (event) => each(event.payload)),
  /** Every format Tend reads or writes, from the core's one list. */
  listFormats: () => call<Descriptor[]>("list_formats"),
  /** What `format` will write of the filter's selection, as a sentence. */
  describeExport: (format: string, filter: Filter) =>
    call<string>("describe_export", { format, filter }),
  /** Opens the system save dialog; null when the user cancels it. */
  exportToChosen: (format: string, filter: Filter, passphrase: string | null = null) =>
    call<ExportDone | null>("export_to_chosen", { format, filter, passphrase }),
  /** Opens the system open dialog; null when the user cancels it. */
  importFromChosen: (format: string) => call<ImportReport | null>("import_from_chosen", { format }),
  /** The support page for a country code, or for the one in Settings when null. */
  supportPage: (country: string | null) => call<SupportPage>("support_page", { country }),
  careCard: () => call<CareCard | null>("care_card"),
  /** An entry's Markdown as HTML for the read view: raw HTML comes back as text, links as
   *  words, so it is safe to show as it is. */
  renderMarkdown: (text: string) => call<string>("render_markdown", { text }),
  /** Opens the system's print dialog on the page as it is laid out for print. */
  printPage: () => call<null>("print_page"),
  /** Opens the system's file dialog on Pictures and adds the photo chosen to the entry (a new
   *  entry of `date` when `id` is null); null when she cancels. */
  attachChosenPhoto: (id: string | null, date: string) =>
    call<Entry | null>("attach_chosen_photo", { id, date }),
  /** Adds a pasted or dropped picture, sent as its bytes. */
  attachPhoto: (id: string | null, date: string, bytes: Uint8Array) =>
    callRaw<Entry>("attach_photo", bytes, { "tend-entry-id": id ?? "", "tend-date": date }),
  /** Takes a photo out of the entry, and out of the journal. */
  detachPhoto: (id: string, file: string) => call<Entry>("detach_photo", { id, file }),
  /** Tend's version, as its packages and `tend --version` give it. */
  appVersion: () => call<string>("app_version"),
  /** Puts the low-mood card away for today. */
  dismissCareCard: () => call<Settings>("dismiss_care_card"),
  /** Opens an encrypted journal with its passphrase or recovery key (a wrong one is
   *  answered after a pause that grows). */
  unlock: (passphrase: string) => call<JournalInfo>("unlock", { passphrase }),
  /** Drops the key and every decrypted document; the page must have saved and emptied. */
  lock: () => call<void>("lock"),
  /** Encrypts the journal; resolves to the recovery key, to show once. */
  encryptionOn: (passphrase: string) => call<string>("encryption_on", { passphrase }),
  encryptionOff: (passphrase: string) => call<JournalInfo>("encryption_off", { passphrase }),
  changePassphrase: (current: string, next: string) =>
    call<void>("change_passphrase", { current, new: next }),
  /** Today is on the screen, complete (for `make bench`, which times launch to here). */
  todayComplete: () => call<void>("today_complete"),
  /** Asks `mayClose` before the window closes (it saves what is unsaved); the window stays
   *  open when it answers false, so a failed save is seen rather than lost. */
  beforeClose: (mayClose: () => Promise<boolean>) =>
    getCurrentWindow().onCloseRequested(async (event) => {
      if (!(await mayClose())) event.preventDefault();
    }),
  /** The theme and text size the lock screen is drawn in (kept outside the encryption). */
  lockScreenLook: () => call<LockScreen>("lock_screen_look"),
  /** Logout or shutdown: `save` saves what the page holds, then Tend ends. */
  onQuit: (save: () => Promise<unknown>) =>
    listen("tend:flush-before-quit", async () => {
      await save().catch((e) => console.warn("not everything was saved before quitting", e));
      await call<null>("flushed");
    }),
  /** The look at every file a few seconds after the journal opens, and the day's backup, are done. */
  onLooked: (then: () => void) => listen("tend:looked", () => then()),
  /** Entries changed outside the app (a sync tool brought them) and are read again. */
  onJournalChanged: (then: () => void) => listen("tend:journal-changed", () => then()),
  /** A save kept the file it replaced as the entry's second version: the entry's id. */
  onKeptOtherVersion: (then: (id: string) => void) =>
    listen<string>("tend:kept-other-version", (event) => then(event.payload)),
  /** The reminder's notification was clicked: Tend comes forward, on Today. */
  onOpenToday: (go: () => void) => listen("tend:open-today", () => go()),
  /** The window's own title (the one a taskbar or window switcher shows). */
  setWindowTitle: (title: string) => getCurrentWindow().setTitle(title),
};

export type Api = typeof api;
