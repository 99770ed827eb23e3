import { describe, expect, it } from "vitest";
import type { Worksheet } from "../bindings/Worksheet";
import { coachingAllowed, safetyOf } from "./safety";

const sheet: Worksheet = {
  id: "before-reaching-out",
  title: "Before I reach out",
  intro: "",
  sources: [],
  stances: [],
  sections: [
    {
      id: "safety",
      title: "First, am I safe?",
      help: "",
      source: "",
      coaching: false,
      fields: [
        {
          id: "feel-safe",
          label: "Do I feel safe?",
          toneCheck: false,
          safety: true,
          kind: "choice",
          options: [
            { id: "safe", label: "Yes" },
            { id: "unsure", label: "Not sure" },
            { id: "not-safe", label: "No" },
          ],
        },
      ],
    },
  ],
};

describe("safety before coaching", () => {
  it("coaches contact only once the user has said they feel safe", () => {
    expect(safetyOf(sheet, {})).toBe("unanswered");
    expect(coachingAllowed(safetyOf(sheet, {}))).toBe(false);
    expect(coachingAllowed(safetyOf(sheet, { "feel-safe": "safe" }))).toBe(true);
    expect(safetyOf(sheet, { "feel-safe": "unsure" })).toBe("notSafe");
    expect(coachingAllowed(safetyOf(sheet, { "feel-safe": "not-safe" }))).toBe(false);
  });

  it("leaves worksheets without the question as they are", () => {
    const plain = { ...sheet, sections: [] };
    expect(coachingAllowed(safetyOf(plain, {}))).toBe(true);
  });
});
