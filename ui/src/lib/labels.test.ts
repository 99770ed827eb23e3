import { describe, expect, it } from "vitest";
import { parseLabels, wordCount } from "./labels";

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
