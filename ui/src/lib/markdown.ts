// Formatting an entry as she writes it: each function takes the text and the selection and
// returns the text to put in its place, so the editor can insert it as one undoable step.
// The body stays plain Markdown (issue 28); the core renders it.

/** What replaces the text from `from` to `to`, and where the selection lands afterwards. */
export interface Edit {
  from: number;
  to: number;
  insert: string;
  selectFrom: number;
  selectTo: number;
}

/** Puts `mark` on both sides of the selection (`**` bold, `*` italic), or takes it off when
 *  it is already there. With nothing selected, the marks wait for the words in between. */
export function toggleMark(text: string, from: number, to: number, mark: string): Edit {
  const before = text.slice(from - mark.length, from);
  const after = text.slice(to, to + mark.length);
  const inner = text.slice(from, to);
  // "**word**" selected whole, or "word" selected inside its marks: unmark. For italic, a
  // selection that begins or ends with "**" is bold, not italic, and gets its own marks; and
  // marks inside ("*a* and *b*") are two spans, not one to take apart.
  const words = inner.slice(mark.length, inner.length - mark.length);
  const boldAround = mark === "*" && (inner.startsWith("**") || inner.endsWith("**"));
  const marked = inner.startsWith(mark) && inner.endsWith(mark) && !words.includes(mark);
  if (inner.length >= 2 * mark.length && marked && !boldAround) {
    return { from, to, insert: words, selectFrom: from, selectTo: from + words.length };
  }
  if (before === mark && after === mark && !(mark === "*" && isBold(text, from, to))) {
    const start = from - mark.length;
    return {
      from: start,
      to: to + mark.length,
      insert: inner,
      selectFrom: start,
      selectTo: start + inner.length,
    };
  }
  return {
    from,
    to,
    insert: mark + inner + mark,
    selectFrom: from + mark.length,
    selectTo: to + mark.length,
  };
}

/** Whether the selection sits inside `**…**` rather than `*…*`. */
function isBold(text: string, from: number, to: number): boolean {
  return text.slice(from - 2, from) === "**" && text.slice(to, to + 2) === "**";
}

/** The lines the selection touches, from the start of the first to the end of the last. */
function lineSpan(text: string, from: number, to: number): [number, number] {
  const start = text.lastIndexOf("\n", from - 1) + 1;
  const end = text.indexOf("\n", to);
  return [start, end === -1 ? text.length : end];
}

const LINE_MARKS = /^(#{1,6} |> |[-*+] |\d+[.)] )/;

/** Gives each line the selection touches `prefix` ("# ", "- ", "> ", "1. "), or takes it away
 *  when every line has it already. A line's other mark gives way to the new one. */
export function toggleLinePrefix(text: string, from: number, to: number, prefix: string): Edit {
  const [start, end] = lineSpan(text, from, to);
  const lines = text.slice(start, end).split("\n");
  const numbered = prefix === "1. ";
  const has = (line: string) => (numbered ? /^\d+[.)] /.test(line) : line.startsWith(prefix));
  // An empty line has no mark to take away: a line alone and empty gets one.
  const filled = lines.filter((l) => l.trim() !== "");
  const all = filled.length > 0 && filled.every(has);
  const changed = lines.map((line, n) => {
    const bare = line.replace(LINE_MARKS, "");
    if (all) return bare;
    if (line.trim() === "" && lines.length > 1) return line;
    return (numbered ? `${n + 1}. ` : prefix) + bare;
  });
  const insert = changed.join("\n");
  if (from === to) {
    // A caret stays where it was in its words, to write on; a selection selects the lines.
    const caret = Math.max(start, from + insert.length - (end - start));
    return { from: start, to: end, insert, selectFrom: caret, selectTo: caret };
  }
  return { from: start, to: end, insert, selectFrom: start, selectTo: start + insert.length };
}

/** Enter at the end of a list item or quote line: the next line begins the same way ("- ",
 *  the next number, "> "). Enter on an empty item ends the list, taking its mark away. Null
 *  when Enter should do what it always does. */
export function continueBlock(text: string, caret: number): Edit | null {
  const start = text.lastIndexOf("\n", caret - 1) + 1;
  const lineEnd = text.indexOf("\n", caret);
  const line = text.slice(start, caret);
  const whole = text.slice(start, lineEnd === -1 ? text.length : lineEnd);
  const match = /^(\s*)([-*+] |(\d+)([.)]) |> )/.exec(line);
  if (!match) return null;
  // An empty item (nothing after its mark on the whole line): the list ends here.
  if (whole.trim() === match[2].trim()) {
    // An empty item: the list ends here.
    return { from: start, to: caret, insert: "", selectFrom: start, selectTo: start };
  }
  const mark = match[3] ? `${Number(match[3]) + 1}${match[4]} ` : match[2];
  const insert = `\n${match[1]}${mark}`;
  return {
    from: caret,
    to: caret,
    insert,
    selectFrom: caret + insert.length,
    selectTo: caret + insert.length,
  };
}

/** What the formatting bar and its keys can do. */
export type Format = "bold" | "italic" | "heading" | "list" | "numbered" | "quote";

const LINE_PREFIX = { heading: "# ", list: "- ", numbered: "1. ", quote: "> " } as const;

/** The edit `format` makes to the text box's text at its selection. */
export function formatEdit(format: Format, area: HTMLTextAreaElement): Edit {
  const { selectionStart: from, selectionEnd: to, value } = area;
  if (format === "bold") return toggleMark(value, from, to, "**");
  if (format === "italic") return toggleMark(value, from, to, "*");
  return toggleLinePrefix(value, from, to, LINE_PREFIX[format]);
}

/** Makes `edit` in the text box as one step the webview can undo (Ctrl+Z), then selects as it
 *  says. Where the webview cannot, the text is set directly and the box told of its input. */
export function applyEdit(area: HTMLTextAreaElement, edit: Edit): void {
  area.focus();
  area.setSelectionRange(edit.from, edit.to);
  let done = true;
  if (edit.insert !== "") done = document.execCommand("insertText", false, edit.insert);
  else if (edit.from < edit.to) done = document.execCommand("delete");
  if (!done) {
    area.setRangeText(edit.insert, edit.from, edit.to);
    area.dispatchEvent(new Event("input", { bubbles: true }));
  }
  area.setSelectionRange(edit.selectFrom, edit.selectTo);
}
