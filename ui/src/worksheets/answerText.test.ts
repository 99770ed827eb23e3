import { describe, expect, it } from "vitest";
import type { Field } from "../bindings/Field";
import { answerText } from "./answerText";

const options = [
  { id: "time", label: "Quality time" },
  { id: "words", label: "Words of affirmation" },
];

describe("answerText", () => {
  it("shows a ranking as a numbered list of labels", () => {
    const field: Field = {
      id: "r",
      label: "Rank",
      toneCheck: false,
      safety: false,
      answeredOnly: false,
      kind: "ranking",
      options,
    };
    expect(answerText(field, ["words", "time"])).toBe("1. Words of affirmation\n2. Quality time");
  });

  it("shows choices by label and scales out of their maximum", () => {
    const choice: Field = {
      id: "c",
      label: "Pick",
      toneCheck: false,
      safety: false,
      answeredOnly: false,
      kind: "choice",
      options,
    };
    const scale: Field = {
      id: "s",
      label: "How",
      toneCheck: false,
      safety: false,
      answeredOnly: false,
      kind: "scale",
      min: 0,
      max: 10,
    };
    expect(answerText(choice, "time")).toBe("Quality time");
    expect(answerText(scale, 7)).toBe("7 of 10");
    expect(answerText(scale, undefined), "unanswered is blank").toBe("");
  });
});
