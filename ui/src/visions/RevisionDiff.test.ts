import { render, screen } from "@testing-library/svelte";
import { describe, expect, it } from "vitest";
import RevisionDiff from "./RevisionDiff.svelte";

describe("RevisionDiff", () => {
  // Regression (issue 14): words taken out and put in ran together ("andfriends Iat talkthe").
  it("keeps a space between words taken out and words put in", () => {
    render(RevisionDiff, {
      diffs: [
        {
          section: "be",
          title: "Be",
          wordsAdded: 1,
          wordsRemoved: 1,
          parts: [
            { change: "same", text: "Time with family " },
            { change: "removed", text: "and" },
            { change: "added", text: "friends" },
            { change: "same", text: " every week." },
          ],
        },
      ],
    });
    const text = screen.getByTestId("revision-diff").querySelector("p")!.textContent;
    expect(text).toBe("Time with family and friends every week.");
  });
});
