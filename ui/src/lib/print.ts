import { api } from "../api";
import { quickHide } from "./hide";

// Printing (issue 28): the open document is printed through the system's print dialog, as a
// sheet of its own (a title with the date and time, then the writing formatted): no sidebar,
// no buttons, and a long entry whole, never cut at the edge of its text box.

/** A heading of a printed worksheet or vision, and the words under it, as written. */
export interface PrintPart {
  heading: string;
  /** 2 for a section, 3 for a question in it. */
  level: 2 | 3;
  text?: string;
}

/** What an open document prints: its title, then its body, either as HTML from the core's
 *  renderer (an entry) or as headings and plain answers (a filling, a vision). */
export type Printable = () => Promise<{ title: string; html?: string; parts?: PrintPart[] }>;

const open: Printable[] = [];

/** The open document that Ctrl+P prints; the last registered wins. Returns the unregister. */
export function registerPrint(printable: Printable): () => void {
  open.push(printable);
  return () => {
    const at = open.lastIndexOf(printable);
    if (at !== -1) open.splice(at, 1);
    // Its words leave the page with it.
    clearPrintSheet();
  };
}

/** Takes the printed words out of the page: at a lock, a quick hide, and when the entry that
 *  printed them closes (a lock promises that no journal text stays in the page). */
export function clearPrintSheet(): void {
  document.getElementById("print-sheet")?.remove();
  document.documentElement.classList.remove("printing");
}

/** Whether a document is open to print. */
export function canPrint(): boolean {
  return open.length > 0;
}

/** Prints the open document; false when there is none. */
export async function printOpen(): Promise<boolean> {
  const printable = open.at(-1);
  if (!printable || quickHide.hidden) return false;
  const { title, html, parts } = await printable();
  let sheet = document.getElementById("print-sheet");
  if (!sheet) {
    sheet = document.createElement("article");
    sheet.id = "print-sheet";
    sheet.dataset.testid = "print-sheet";
    document.body.append(sheet);
  }
  const heading = document.createElement("h1");
  heading.textContent = title;
  const body = document.createElement("div");
  // The core's renderer shows raw HTML as text: this holds only its own tags.
  if (html !== undefined) body.innerHTML = html;
  for (const part of parts ?? []) {
    const h = document.createElement(`h${part.level}`);
    h.textContent = part.heading;
    body.append(h);
    if (part.text) {
      const p = document.createElement("p");
      p.className = "as-written";
      p.textContent = part.text;
      body.append(p);
    }
  }
  sheet.replaceChildren(heading, body);
  document.documentElement.classList.add("printing");
  const done = () => document.documentElement.classList.remove("printing");
  window.addEventListener("afterprint", done, { once: true });
  // The dialog is WebKit's print operation, opened from Rust (window.print() is not wired).
  await api.printPage();
  return true;
}
