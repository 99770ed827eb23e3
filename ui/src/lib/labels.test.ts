import { describe, expect, it } from "vitest";
import { isStarred, parseLabels, tagsButStar, todayIso, withStar, wordCount } from "./labels";

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

describe("the star", () => {
  it("is a tag of its own, kept out of the tag field and put back on saving", () => {
    expect(isStarred(["kids", "Starred"])).toBe(true);
    expect(tagsButStar(["kids", "starred", "walk"])).toEqual(["kids", "walk"]);
    expect(withStar("kids, walk", true)).toEqual(["kids", "walk", "starred"]);
    expect(withStar("kids, walk", false)).toEqual(["kids", "walk"]);
  });

  it("is also given by typing the tag, as a Day One or jrnl file would carry it", () => {
    expect(withStar("kids, starred", false)).toEqual(["kids", "starred"]);
  });
});
