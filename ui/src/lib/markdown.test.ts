import { describe, expect, it } from "vitest";
import { continueBlock, toggleLinePrefix, toggleMark, type Edit } from "./markdown";

/** The text after an edit, with the selection shown as [ and ]. */
function apply(text: string, edit: Edit | null): string {
  if (!edit) return "unchanged";
  const out = text.slice(0, edit.from) + edit.insert + text.slice(edit.to);
  return (
    out.slice(0, edit.selectFrom) +
    "[" +
    out.slice(edit.selectFrom, edit.selectTo) +
    "]" +
    out.slice(edit.selectTo)
  );
}

describe("bold and italic", () => {
  it("marks the selected words and keeps them selected", () => {
    expect(apply("a calm day", toggleMark("a calm day", 2, 6, "**"))).toBe("a **[calm]** day");
    expect(apply("a calm day", toggleMark("a calm day", 2, 6, "*"))).toBe("a *[calm]* day");
  });
  it("takes the marks off words already marked", () => {
    expect(apply("a **calm** day", toggleMark("a **calm** day", 4, 8, "**"))).toBe("a [calm] day");
    expect(apply("a **calm** day", toggleMark("a **calm** day", 2, 10, "**"))).toBe("a [calm] day");
  });
  it("italic inside bold adds, not removes", () => {
    expect(apply("a **calm** day", toggleMark("a **calm** day", 4, 8, "*"))).toBe(
      "a ***[calm]*** day",
    );
  });
  it("italic on bold words adds italic, and two italic spans are not taken apart", () => {
    expect(apply("a **calm** day", toggleMark("a **calm** day", 2, 10, "*"))).toBe(
      "a *[**calm**]* day",
    );
    const two = "*a* and *b*";
    expect(apply(two, toggleMark(two, 0, two.length, "*"))).toBe("*[*a* and *b*]*");
  });
  it("with nothing selected, the caret waits between the marks", () => {
    expect(apply("so ", toggleMark("so ", 3, 3, "**"))).toBe("so **[]**");
  });
});

describe("line marks", () => {
  it("makes each selected line a list item, and takes it away again", () => {
    const text = "tea\na walk\nsleep";
    expect(apply(text, toggleLinePrefix(text, 0, text.length, "- "))).toBe(
      "[- tea\n- a walk\n- sleep]",
    );
    const listed = "- tea\n- a walk";
    expect(apply(listed, toggleLinePrefix(listed, 0, listed.length, "- "))).toBe("[tea\na walk]");
  });
  it("numbers a list, and a heading replaces a quote's mark", () => {
    const text = "one\ntwo";
    expect(apply(text, toggleLinePrefix(text, 0, 7, "1. "))).toBe("[1. one\n2. two]");
    expect(apply("> calm", toggleLinePrefix("> calm", 3, 3, "# "))).toBe("# c[]alm");
  });
  it("gives an empty line alone its mark, to write after", () => {
    expect(apply("so\n\n", toggleLinePrefix("so\n\n", 4, 4, "- "))).toBe("so\n\n- []");
  });
  it("works on the caret's line alone", () => {
    const text = "first\nsecond\nthird";
    expect(apply(text, toggleLinePrefix(text, 8, 8, "> "))).toBe("first\n> se[]cond\nthird");
  });
});

describe("Enter in a list", () => {
  it("begins the next item the same way", () => {
    expect(apply("- tea", continueBlock("- tea", 5))).toBe("- tea\n- []");
    expect(apply("  * tea", continueBlock("  * tea", 7))).toBe("  * tea\n  * []");
    expect(apply("9. tea", continueBlock("9. tea", 6))).toBe("9. tea\n10. []");
    expect(apply("> so", continueBlock("> so", 4))).toBe("> so\n> []");
  });
  it("Enter just after an item's mark, before its words, keeps the item", () => {
    expect(apply("- tea", continueBlock("- tea", 2))).toBe("- \n- []tea");
  });
  it("ends the list on an empty item", () => {
    expect(apply("- tea\n- ", continueBlock("- tea\n- ", 8))).toBe("- tea\n[]");
  });
  it("leaves ordinary lines to Enter", () => {
    expect(continueBlock("a calm day", 10)).toBeNull();
    expect(continueBlock("-not a list", 11)).toBeNull();
  });
});
