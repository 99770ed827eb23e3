import { describe, expect, it } from "vitest";
import type { Worksheet } from "../bindings/Worksheet";
import { coachingAllowed, fieldShown, safetyOf, safetyPanelAt } from "./safety";

const sheet: Worksheet = {
  id: "before-reaching-out",
  title: "Before I reach out",
  intro: "",
  sources: [],
  stances: [],
  purpose: "reflection",
  sections: [
    {
      id: "safety",
      title: "First, am I safe?",
      help: "",
      coaching: false,
      fields: [
        {
          id: "feel-safe",
          label: "Do I feel safe?",
          toneCheck: false,
          safety: true,
          answeredOnly: false,
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

  // Issue 22: "Staying or going" answered "not sure" showed nothing, having no coaching
  // section for the panel to stand before.
  it("brings the safety panel on not sure or no, with or without coaching sections", () => {
    const reasons = { ...sheet.sections[0], id: "reasons", coaching: true, fields: [] };
    const going = { ...sheet.sections[0], id: "reasons-to-go", coaching: false, fields: [] };
    const withCoaching = { ...sheet, sections: [sheet.sections[0], going, reasons] };
    const without = { ...sheet, sections: [sheet.sections[0], going] };
    expect(safetyPanelAt(withCoaching, "notSafe")).toBe(2);
    expect(safetyPanelAt(without, "notSafe")).toBe(1);
    expect(safetyPanelAt(sheet, "notSafe")).toBe(1);
    expect(safetyPanelAt(withCoaching, "unanswered")).toBe(2);
    expect(safetyPanelAt(without, "unanswered")).toBe(-1);
    expect(safetyPanelAt(withCoaching, "safe")).toBe(-1);
  });

  it("shows a question hidden for the stance only with a filling that answered it", () => {
    const field = { ...sheet.sections[0].fields[0], answeredOnly: true };
    expect(fieldShown(field, {})).toBe(false);
    expect(fieldShown(field, {}, { "feel-safe": "safe" })).toBe(true);
    expect(fieldShown({ ...field, answeredOnly: false }, {})).toBe(true);
  });

  it("leaves worksheets without the question as they are", () => {
    const plain = { ...sheet, sections: [] };
    expect(coachingAllowed(safetyOf(plain, {}))).toBe(true);
  });
});
