import { beforeEach, describe, expect, it, vi } from "vitest";

const titles: string[] = [];
vi.mock("../api", () => ({
  api: {
    setWindowTitle: vi.fn(async (title: string) => void titles.push(title)),
  },
}));

import { isQuickHideKey, NEUTRAL_TITLE, QuickHideState, returnNeedsUnlock } from "./hide";

const keys = (key: string, code: string, mods: Partial<KeyboardEvent> = {}) => ({
  key,
  code,
  ctrlKey: true,
  shiftKey: true,
  altKey: false,
  metaKey: false,
  ...mods,
});

describe("isQuickHideKey", () => {
  it("is Ctrl+Shift+H, whichever case the letter comes in", () => {
    expect(isQuickHideKey(keys("H", "KeyH"))).toBe(true);
    expect(isQuickHideKey(keys("h", "KeyH")), "Caps Lock or a driver's lower case").toBe(true);
  });

  it("follows the layout: the key marked H, not the place of QWERTY's H", () => {
    expect(isQuickHideKey(keys("D", "KeyH")), "Dvorak's D sits where QWERTY has H").toBe(false);
    expect(isQuickHideKey(keys("H", "KeyJ")), "Dvorak's H").toBe(true);
    expect(isQuickHideKey(keys("Р", "KeyH")), "a Cyrillic layout: by place").toBe(true);
  });

  it("is not H alone, Ctrl+H, Shift+H or with Alt or Meta as well", () => {
    expect(isQuickHideKey(keys("h", "KeyH", { ctrlKey: false, shiftKey: false }))).toBe(false);
    expect(isQuickHideKey(keys("h", "KeyH", { shiftKey: false })), "Ctrl+H").toBe(false);
    expect(isQuickHideKey(keys("H", "KeyH", { ctrlKey: false })), "a capital H typed").toBe(false);
    expect(isQuickHideKey(keys("H", "KeyH", { altKey: true }))).toBe(false);
    expect(isQuickHideKey(keys("H", "KeyH", { metaKey: true }))).toBe(false);
  });
});

describe("QuickHideState", () => {
  beforeEach(() => {
    titles.length = 0;
    document.title = "Tend";
  });

  it("hides under a neutral title and comes back to the one it had", async () => {
    const state = new QuickHideState();
    const seen: boolean[] = [];
    state.subscribe((hidden) => seen.push(hidden));
    state.hide();
    expect(state.hidden).toBe(true);
    expect(document.title, "the page's title (WebDriver reads it)").toBe(NEUTRAL_TITLE);
    expect(titles, "the window's own title, through api.ts").toEqual([NEUTRAL_TITLE]);
    state.hide();
    expect(seen, "a second hide changes nothing").toEqual([false, true]);

    expect(await state.toggle(), "the shortcut brings it back").toBe(true);
    expect(state.hidden).toBe(false);
    expect(document.title).toBe("Tend");
    expect(titles).toEqual([NEUTRAL_TITLE, "Tend"]);
    expect(seen).toEqual([false, true, false]);
  });

  it("needs no unlocking to come back while the journal is not encrypted", () => {
    expect(returnNeedsUnlock()).toBe(false);
  });

  it("stays hidden when coming back needs unlocking and the unlock is refused", async () => {
    let answer = false;
    const unlock = vi.fn(async () => answer);
    const state = new QuickHideState({ needsUnlock: () => true, unlock });
    state.hide();
    expect(await state.toggle(), "no passphrase: still hidden").toBe(false);
    expect(state.hidden).toBe(true);
    expect(document.title, "the title stays neutral too").toBe(NEUTRAL_TITLE);
    answer = true;
    expect(await state.reveal()).toBe(true);
    expect(state.hidden).toBe(false);
    expect(unlock).toHaveBeenCalledTimes(2);
  });

  it("asks to unlock once when the shortcut is pressed again while it asks", async () => {
    let answer: (unlocked: boolean) => void = () => {};
    const unlock = vi.fn(() => new Promise<boolean>((resolve) => (answer = resolve)));
    const state = new QuickHideState({ needsUnlock: () => true, unlock });
    state.hide();
    const first = state.toggle();
    const second = state.toggle();
    answer(true);
    expect(await Promise.all([first, second])).toEqual([true, true]);
    expect(unlock, "one passphrase prompt").toHaveBeenCalledTimes(1);
    expect(state.hidden).toBe(false);
  });

  it("still hides when the shell cannot change the window's title", async () => {
    const { api } = await import("../api");
    vi.mocked(api.setWindowTitle).mockRejectedValueOnce(new Error("no permission"));
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const state = new QuickHideState();
    state.hide();
    await Promise.resolve();
    expect(state.hidden, "the page is covered whatever the title does").toBe(true);
    expect(document.title).toBe(NEUTRAL_TITLE);
    await vi.waitFor(() => expect(warn).toHaveBeenCalled());
    warn.mockRestore();
  });
});
