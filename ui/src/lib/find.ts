// Opening a search hit in its own section: the words found, selected in the field that holds
// them, and that field in view and focused.

import type { Hit } from "../bindings/Hit";
import { whenShown } from "./focus";

/** The words the search matched first in `hit`, as they are written. */
export function firstMatch(hit: Hit): string | undefined {
  return hit.snippet.find((part) => part.hit)?.text;
}

/** Selects the first place `words` appear in a writing field under `root`; false if none. */
export function selectWords(root: ParentNode, words: string): boolean {
  const fields = root.querySelectorAll<HTMLTextAreaElement | HTMLInputElement>(
    "textarea, input:not([type]), input[type=text]",
  );
  for (const field of fields) {
    const at = field.value.indexOf(words);
    if (at >= 0) {
      field.focus();
      field.setSelectionRange(at, at + words.length);
      return true;
    }
  }
  return false;
}

/** [`selectWords`] once the page has drawn its fields (views load late). */
export function selectWhenShown(words: string | undefined) {
  if (!words) return;
  const main = () => document.querySelector("main") ?? document;
  whenShown(
    () => selectWords(main(), words),
    () => {},
  );
}
