import type { Answers } from "../api";
import type { Safety } from "../bindings/Safety";
import type { Worksheet } from "../bindings/Worksheet";

/** Where a filling stands on its worksheet's safety question (the core's `Worksheet::safety`). */
export function safetyOf(worksheet: Worksheet, answers: Answers): Safety {
  const question = worksheet.sections.flatMap((s) => s.fields).find((f) => f.safety);
  if (!question) return "notAsked";
  const answer = answers[question.id];
  if (answer === undefined) return "unanswered";
  return answer === "safe" ? "safe" : "notSafe";
}

/** Sections that coach contact show only once the user has said they feel safe. */
export function coachingAllowed(safety: Safety): boolean {
  return safety === "notAsked" || safety === "safe";
}
