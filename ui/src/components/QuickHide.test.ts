import { fireEvent, render, screen } from "@testing-library/svelte";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

vi.mock("../api", () => ({
  api: { setWindowTitle: vi.fn(async () => {}) },
}));

import { quickHide } from "../lib/hide";
import QuickHide from "./QuickHide.svelte";
import QuickHideButton from "./QuickHideButton.svelte";

const shortcut = { key: "H", code: "KeyH", ctrlKey: true, shiftKey: true };

describe("QuickHide", () => {
  let app: HTMLElement;
  let editor: HTMLTextAreaElement;

  beforeEach(() => {
    document.title = "Tend";
    // Stands in for the mounted app: a page with an editor half-way through a sentence.
    app = document.createElement("div");
    app.innerHTML = `<p>Tend</p><textarea data-testid="editor"></textarea>`;
    document.body.append(app);
    editor = app.querySelector("textarea")!;
    editor.value = "Tonight I walked by";
    editor.focus();
    editor.setSelectionRange(8, 8); // the caret after "Tonight "
  });
  afterEach(async () => {
    await quickHide.reveal();
    app.remove();
  });

  it("covers the app with a blank page on Ctrl+Shift+H, and brings it back as it was", async () => {
    render(QuickHide, { app });
    const cover = screen.getByTestId("quick-hide-cover");
    expect(cover.hidden, "shown at first: nothing to hide").toBe(true);

    const typed = await fireEvent.keyDown(editor, shortcut);
    expect(typed, "the shortcut types nothing into the editor").toBe(false);
    expect(cover.hidden).toBe(false);
    expect(cover.textContent?.trim(), "the cover says nothing of Tend's or hers").toBe("Untitled");
    expect(app.hasAttribute("inert"), "the app is out of reach").toBe(true);
    expect(app.dataset.quickHidden, "the app is out of sight (visibility: hidden)").toBe("");
    expect(
      document.activeElement,
      "keys now land in a blank note (D28: a plain note, not a white page)",
    ).toBe(screen.getByTestId("quick-hide-note"));
    expect(document.title).toBe("Notes");
    expect(editor.isConnected && editor.value, "the editor is still there, text and all").toBe(
      "Tonight I walked by",
    );

    const note = screen.getByTestId("quick-hide-note") as HTMLTextAreaElement;
    note.value = "milk, bread";
    await fireEvent.keyDown(cover, shortcut);
    expect(cover.hidden).toBe(true);
    expect(note.value, "what was typed in the note is not kept").toBe("");
    expect(app.hasAttribute("inert")).toBe(false);
    expect(app.dataset.quickHidden).toBeUndefined();
    expect(document.activeElement, "focus is back in the editor").toBe(editor);
    expect([editor.selectionStart, editor.selectionEnd], "with the caret where it was").toEqual([
      8, 8,
    ]);
    expect(document.title).toBe("Tend");
  });

  it("keeps other keys from the hidden page, and leaves a lock's inert in place", async () => {
    const onKey = vi.fn();
    window.addEventListener("keydown", onKey);
    app.toggleAttribute("inert", true); // as a lock screen might have done
    render(QuickHide, { app });
    quickHide.hide();
    await fireEvent.keyDown(document.activeElement!, { key: "F1" });
    expect(onKey, "F1 would open Support behind the cover").not.toHaveBeenCalled();
    await quickHide.reveal();
    expect(app.hasAttribute("inert"), "quick hide undoes only what it did").toBe(true);
    await fireEvent.keyDown(document.body, { key: "F1" });
    expect(onKey, "shown again, the page hears its keys").toHaveBeenCalledTimes(1);
    window.removeEventListener("keydown", onKey);
  });

  it("hides from the sidebar's button too", async () => {
    render(QuickHide, { app });
    render(QuickHideButton);
    const button = screen.getByTestId("quick-hide");
    expect(button.getAttribute("aria-label")).toBe("Quick hide (Ctrl+Shift+H)");
    await fireEvent.click(button);
    expect(quickHide.hidden).toBe(true);
    expect(screen.getByTestId("quick-hide-cover").hidden).toBe(false);
  });
});
