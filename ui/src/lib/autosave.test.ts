import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { Autosaver, saveStateText, type SaveState } from "./autosave";

describe("Autosaver", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("saves once after a pause in typing, not once per keystroke", async () => {
    const save = vi.fn(async () => {});
    const saver = new Autosaver(save, () => {}, 600);
    for (let i = 0; i < 20; i++) {
      saver.touch();
      await vi.advanceTimersByTimeAsync(100);
    }
    expect(save, "still typing: nothing saved yet").not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(600);
    expect(save).toHaveBeenCalledTimes(1);
  });

  it("never runs two saves at once, so a new entry is created only once", async () => {
    let running = 0;
    let most = 0;
    const save = vi.fn(async () => {
      running++;
      most = Math.max(most, running);
      await new Promise((r) => setTimeout(r, 50));
      running--;
    });
    const saver = new Autosaver(save, () => {});
    saver.touch();
    const first = saver.flush();
    await vi.advanceTimersByTimeAsync(10); // the first save is under way
    saver.touch();
    const second = saver.flush();
    await vi.advanceTimersByTimeAsync(200);
    await Promise.all([first, second]);
    expect(most, "saves overlapped").toBe(1);
    expect(save).toHaveBeenCalledTimes(2);
  });

  it("keeps the change unsaved after a failure, says why, and retries on flush", async () => {
    const states: SaveState[] = [];
    let fail = true;
    const save = vi.fn(async () => {
      if (fail) throw new Error("the disk is full");
    });
    const saver = new Autosaver(save, (s) => states.push(s));
    saver.touch();
    expect(await saver.flush(), "flush reports the failure").toBe(false);
    expect(states.at(-1)).toEqual({ kind: "error", message: "the disk is full" });
    expect(saver.hasUnsaved).toBe(true);
    fail = false;
    expect(await saver.flush(), "the retry saves it").toBe(true);
    expect(states.at(-1)).toEqual({ kind: "saved" });
  });

  it("a flush with nothing changed does not save", async () => {
    const save = vi.fn(async () => {});
    const saver = new Autosaver(save, () => {});
    expect(await saver.flush()).toBe(true);
    expect(save).not.toHaveBeenCalled();
  });
});

describe("saveStateText", () => {
  it("says where saving stands, in each editor's own words for saved and idle", () => {
    expect(saveStateText({ kind: "pending" })).toBe("Unsaved changes");
    expect(saveStateText({ kind: "saving" })).toBe("Saving…");
    expect(saveStateText({ kind: "saved" })).toBe("Saved");
    expect(saveStateText({ kind: "saved" }, { saved: "Saved as revision 2" })).toBe(
      "Saved as revision 2",
    );
    expect(saveStateText({ kind: "idle" }, { idle: "12 words" })).toBe("12 words");
    expect(saveStateText({ kind: "error", message: "the disk is full" })).toBe(
      "Not saved: the disk is full",
    );
  });
});
