// Quick hide (issue "Private even on a shared computer"): Ctrl+Shift+H, or the sidebar's Hide
// button, swaps the window for a blank page under a neutral title; the shortcut brings it back.
// This is the state and the decisions; components/QuickHide.svelte does the hiding in the page,
// which stays mounted underneath so nothing typed is lost.
import { api } from "../api";

/** The window's title while hidden: says nothing about what the app is. */
export const NEUTRAL_TITLE = "Notes";

export type Keys = Pick<
  KeyboardEvent,
  "key" | "code" | "ctrlKey" | "shiftKey" | "altKey" | "metaKey"
>;

/** Ctrl+`letter` (with Shift when `shift`). The letter is read from `key` (so it follows the
 *  keyboard layout); a layout whose letters are not Latin (Cyrillic, Greek) falls back to the
 *  key's place, `code`. */
export function isCtrlLetter(event: Keys, letter: string, shift: boolean): boolean {
  if (!event.ctrlKey || event.shiftKey !== shift || event.altKey || event.metaKey) return false;
  if (/^[a-z]$/i.test(event.key)) return event.key.toLowerCase() === letter;
  return event.code === `Key${letter.toUpperCase()}`;
}

/** Ctrl+Shift+H. */
export function isQuickHideKey(event: Keys): boolean {
  return isCtrlLetter(event, "h", true);
}

/**
 * Whether coming back from a quick hide needs the journal unlocked first, over the cover.
 * Never: an encrypted journal locks itself underneath the cover as it hides (App.svelte), so
 * what the shortcut brings back is the unlock screen, and the journal only after it.
 */
export function returnNeedsUnlock(): boolean {
  return false;
}

interface Options {
  /** Asks for the passphrase; resolves true once the journal is unlocked. */
  unlock?: () => Promise<boolean>;
  needsUnlock?: () => boolean;
  setTitle?: (title: string) => void;
}

/** Sets the page's title (what WebDriver and the webview see) and the window's own. */
function setTitles(title: string) {
  document.title = title;
  // Hiding must not wait for, or fail with, the shell: the page is covered either way.
  api.setWindowTitle(title).catch((e) => console.warn("the window title was not changed", e));
}

/** Hidden or not, with the title to come back to. A Svelte store: `$quickHide` is the flag. */
export class QuickHideState {
  #hidden = false;
  #title = "";
  #listeners = new Set<(hidden: boolean) => void>();
  #revealing: Promise<boolean> | null = null;
  #options: Required<Options>;

  constructor(options: Options = {}) {
    this.#options = {
      unlock: async () => true,
      needsUnlock: returnNeedsUnlock,
      setTitle: setTitles,
      ...options,
    };
  }

  get hidden(): boolean {
    return this.#hidden;
  }

  subscribe(listener: (hidden: boolean) => void): () => void {
    this.#listeners.add(listener);
    listener(this.#hidden);
    return () => this.#listeners.delete(listener);
  }

  hide() {
    if (this.#hidden) return;
    this.#title = document.title;
    this.#set(true);
    this.#options.setTitle(NEUTRAL_TITLE);
  }

  /** Shows the page again, once unlocked when that is needed; false when it stays hidden. */
  reveal(): Promise<boolean> {
    if (!this.#hidden) return Promise.resolve(true);
    // The shortcut pressed again while the passphrase is asked for asks once, not twice.
    this.#revealing ??= this.#reveal().finally(() => (this.#revealing = null));
    return this.#revealing;
  }

  async #reveal(): Promise<boolean> {
    if (this.#options.needsUnlock() && !(await this.#options.unlock())) return false;
    this.#options.setTitle(this.#title || "Tend");
    this.#set(false);
    return true;
  }

  /** The shortcut: hides a shown page, brings a hidden one back. */
  async toggle(): Promise<boolean> {
    if (this.#hidden) return this.reveal();
    this.hide();
    return true;
  }

  #set(hidden: boolean) {
    this.#hidden = hidden;
    for (const listener of this.#listeners) listener(hidden);
  }
}

/** The app's one quick-hide state, shared by the shortcut, the cover and the sidebar button. */
export const quickHide = new QuickHideState();
