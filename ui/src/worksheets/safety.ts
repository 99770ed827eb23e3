import type { Answers } from "../api";
import type { Field } from "../bindings/Field";
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

/**
 * The index of the section before which the safety panel (or, unanswered, the note that the
 * coaching waits) stands; -1 for none. "Not sure" or "no" always brings the panel: before the
 * first coaching section, or, when the stance leaves none, right after the safety question.
 */
export function safetyPanelAt(worksheet: Worksheet, safety: Safety): number {
  const firstCoaching = worksheet.sections.findIndex((s) => s.coaching);
  if (safety === "notSafe") {
    if (firstCoaching >= 0) return firstCoaching;
    const asking = worksheet.sections.findIndex((s) => s.fields.some((f) => f.safety));
    return asking + 1;
  }
  return safety === "unanswered" ? firstCoaching : -1;
}

/**
 * Whether a field is shown with a filling: a question not asked for where the user stands now
 * (`answeredOnly`) shows only with a filling that answered it, so no answer loses its question.
 */
export function fieldShown(field: Field, ...fillings: Answers[]): boolean {
  return !field.answeredOnly || fillings.some((answers) => answers[field.id] !== undefined);
}
