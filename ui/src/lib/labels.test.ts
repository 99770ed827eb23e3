import { describe, expect, it } from "vitest";
import { parseLabels, todayIso, wordCount } from "./labels";

describe("parseLabels", () => {
  it("reads tags as a person types them", () => {
    expect(parseLabels(" kids, #work,  Kids ,, long   walk ")).toEqual([
      "kids",
      "work",
      "long walk",
    ]);
  });
});

describe("wordCount", () => {
  it("counts words across lines and ignores blank space", () => {
    expect(wordCount("")).toBe(0);
    expect(wordCount("   \n ")).toBe(0);
    expect(wordCount("one two\nthree  four")).toBe(4);
  });
});

describe("todayIso", () => {
  it("is the local calendar date, zero-padded", () => {
    expect(todayIso(new Date(2026, 0, 5, 23, 59))).toBe("2026-01-05");
    expect(todayIso(new Date(2026, 10, 23, 0, 1))).toBe("2026-11-23");
  });
});
