import { describe, expect, it } from "vitest";
import { isTyping } from "./focus";

describe("isTyping", () => {
  it("tells a writing field from the page", () => {
    document.body.innerHTML = `<textarea id="t"></textarea><input id="i"><button id="b"></button>`;
    expect(isTyping(document.getElementById("t"))).toBe(true);
    expect(isTyping(document.getElementById("i"))).toBe(true);
    expect(isTyping(document.getElementById("b"))).toBe(false);
    expect(isTyping(null)).toBe(false);
  });
});
