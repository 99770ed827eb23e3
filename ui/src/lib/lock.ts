// The app lock of an encrypted journal: Ctrl+L, and the idle time from Settings. App.svelte
// does the locking (save, empty the page, drop the key); this is the timing and the key.
import { isCtrlLetter, type Keys } from "./hide";

/** Ctrl+L: lock now. */
export function isLockKey(event: Keys): boolean {
  return isCtrlLetter(event, "l", false);
}

/** The events that say someone is at the computer. */
export const ACTIVITY = ["keydown", "pointerdown", "pointermove", "wheel", "touchstart"] as const;

/** How long since the last sign of someone at the computer. */
export class IdleTimer {
  #last: number;
  constructor(private readonly now: () => number = Date.now) {
    this.#last = now();
  }

  /** Someone typed, clicked or moved the pointer. */
  touch() {
    this.#last = this.now();
  }

  /** Whether nobody has been active for `minutes`. */
  idleFor(minutes: number): boolean {
    return this.now() - this.#last >= minutes * 60_000;
  }
}
