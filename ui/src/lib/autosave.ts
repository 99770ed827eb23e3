// Autosave for long writing: debounced while typing, one save at a time (so a new entry is
// created once, not once per keystroke), and flushable when the window closes.

export type SaveState =
  | { kind: "idle" }
  | { kind: "pending" }
  | { kind: "saving" }
  | { kind: "saved" }
  | { kind: "error"; message: string };

/** The line an editor shows about its saving; `saved` and `idle` let it word those its way. */
export function saveStateText(
  state: SaveState,
  words: { saved?: string; idle?: string } = {},
): string {
  switch (state.kind) {
    case "idle":
      return words.idle ?? "";
    case "pending":
      return "Unsaved changes";
    case "saving":
      return "Saving…";
    case "saved":
      return words.saved ?? "Saved";
    case "error":
      return `Not saved: ${state.message}`;
  }
}

export class Autosaver {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private running: Promise<void> = Promise.resolve();
  private dirty = false;
  private lastError: string | undefined;

  constructor(
    /** Saves the latest state; read at save time, so it always sees the newest text and id. */
    private readonly save: () => Promise<void>,
    private readonly onState: (state: SaveState) => void,
    private readonly delayMs = 600,
  ) {}

  /** Something changed: save it after a pause in typing. */
  touch(): void {
    this.dirty = true;
    this.onState({ kind: "pending" });
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.flush(), this.delayMs);
  }

  get hasUnsaved(): boolean {
    return this.dirty;
  }

  /** Saves now if anything is unsaved, after any save under way; true when all is saved. */
  flush(): Promise<boolean> {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.running = this.running.then(() => this.saveIfDirty());
    return this.running.then(() => !this.dirty);
  }

  private async saveIfDirty(): Promise<void> {
    if (!this.dirty) return;
    this.dirty = false;
    this.onState({ kind: "saving" });
    try {
      await this.save();
      this.lastError = undefined;
      if (!this.dirty) this.onState({ kind: "saved" });
    } catch (error) {
      // Keep it dirty: the text stays in the editor and the next change or close retries.
      this.dirty = true;
      this.lastError = error instanceof Error ? error.message : String(error);
      this.onState({ kind: "error", message: this.lastError });
    }
  }
}
