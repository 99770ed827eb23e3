import { describe, expect, it } from "vitest";
import { selectWords } from "./find";

describe("selectWords", () => {
  it("selects the words in the first field that holds them", () => {
    document.body.innerHTML = `<main><textarea>Nothing here.</textarea>
      <textarea id="b">We went to the Café on Sunday.</textarea></main>`;
    expect(selectWords(document, "Café")).toBe(true);
    const field = document.getElementById("b") as HTMLTextAreaElement;
    expect(document.activeElement).toBe(field);
    expect(field.value.slice(field.selectionStart!, field.selectionEnd!)).toBe("Café");
    expect(selectWords(document, "absent")).toBe(false);
  });
});
