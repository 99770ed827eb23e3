import type { Pronouns } from "../bindings/Pronouns";
import type { Stance } from "../bindings/Stance";
import type { FeelsSafe } from "../bindings/FeelsSafe";

/** The ways to name the partner offered before "by name". */
export const PHRASES = ["my partner", "my husband", "my wife"];

export const PRONOUNS: { id: Pronouns; label: string }[] = [
  { id: "she", label: "she / her" },
  { id: "he", label: "he / him" },
  { id: "they", label: "they / them" },
];

export const STANCES: { id: Stance; label: string; hint: string }[] = [
  {
    id: "reconcile",
    label: "I am hoping we reconcile",
    hint: "Prompts and worksheets include reaching out calmly, with safety first.",
  },
  {
    id: "unsure",
    label: "I am not sure yet",
    hint: "Room to think both ways, without being pushed toward either.",
  },
  {
    id: "moving-on",
    label: "I am moving on",
    hint: "Care for yourself and a new chapter; nothing about winning anyone back.",
  },
];

/** "Do I feel safe with my partner?": prompts that suggest contact come only after "yes". */
export const FEELS_SAFE: { id: FeelsSafe; label: string }[] = [
  { id: "safe", label: "Yes" },
  { id: "unsure", label: "I'm not sure" },
  { id: "not-safe", label: "No" },
];

/** "my partner" → "My partner", for the start of a label. */
export function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** The partner as Tend says it to her: a name stays a name; "my partner" becomes "your partner". */
export function yourPartner(partner: string): string {
  return partner.startsWith("my ") ? `your ${partner.slice(3)}` : partner;
}
