import { describe, expect, it } from "vitest";
import { IdleTimer, isLockKey } from "./lock";

const keys = (key: string, code: string, mods: Partial<KeyboardEvent> = {}) => ({
  key,
  code,
  ctrlKey: true,
  shiftKey: false,
  altKey: false,
  metaKey: false,
  ...mods,
});

describe("isLockKey", () => {
  it("is Ctrl+L in any case, and by place on a non-Latin layout", () => {
    expect(isLockKey(keys("l", "KeyL"))).toBe(true);
    expect(isLockKey(keys("L", "KeyL"))).toBe(true);
    expect(isLockKey(keys("д", "KeyL")), "Cyrillic: by place").toBe(true);
  });

  it("is not L alone, Ctrl+Shift+L, or another letter", () => {
    expect(isLockKey(keys("l", "KeyL", { ctrlKey: false }))).toBe(false);
    expect(isLockKey(keys("L", "KeyL", { shiftKey: true }))).toBe(false);
    expect(isLockKey(keys("k", "KeyK"))).toBe(false);
  });
});

describe("IdleTimer", () => {
  it("is idle only once the minutes have passed since the last activity", () => {
    let now = 0;
    const timer = new IdleTimer(() => now);
    now = 4 * 60_000;
    expect(timer.idleFor(5)).toBe(false);
    timer.touch();
    now += 4 * 60_000;
    expect(timer.idleFor(5), "activity restarts the wait").toBe(false);
    now += 60_000;
    expect(timer.idleFor(5)).toBe(true);
  });
});
