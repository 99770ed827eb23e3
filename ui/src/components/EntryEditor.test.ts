import { fireEvent, render, screen } from "@testing-library/svelte";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { Entry } from "../bindings/Entry";
import type { EntryDraft } from "../bindings/EntryDraft";

// The editor talks to the shell only through api.ts; here that is replaced whole.
const saved: EntryDraft[] = [];
vi.mock("../api", () => ({
  ApiError: class extends Error {},
  api: {
    saveEntry: vi.fn(async (draft: EntryDraft): Promise<Entry> => {
      saved.push(JSON.parse(JSON.stringify(draft))); // as IPC sends it
      return {
        schema: 1,
        id: draft.id ?? "new-id",
        date: draft.date,
        prompt: draft.prompt,
        body: draft.body,
        mood: draft.mood,
        tags: draft.tags,
        created: "2026-11-23T10:00:00+01:00",
        updated: `2026-11-23T10:00:0${saved.length}+01:00`,
      };
    }),
    onKeptOtherVersion: vi.fn(async () => () => {}),
  },
}));

import EntryEditor from "./EntryEditor.svelte";

describe("EntryEditor", () => {
  beforeEach(() => {
    saved.length = 0;
    vi.useFakeTimers();
  });
  afterEach(() => vi.useRealTimers());

  it("creates the entry once, then updates it by id, with mood and tags", async () => {
    render(EntryEditor, {
      entry: null,
      date: "2026-11-23",
      prompt: { id: "p1", text: "What do I need today?" },
    });
    const editor = screen.getByTestId("editor");
    await fireEvent.input(editor, { target: { value: "First words" } });
    await vi.advanceTimersByTimeAsync(1000);
    await fireEvent.click(screen.getByTestId("mood-2"));
    await fireEvent.input(screen.getByTestId("tags-input"), { target: { value: "#kids, work" } });
    await vi.advanceTimersByTimeAsync(1000);

    expect(saved).toHaveLength(2);
    expect(saved[0].id, "the first save creates").toBeUndefined();
    expect(saved[0].prompt?.id).toBe("p1");
    expect(saved[1].id, "later saves update the same entry").toBe("new-id");
    expect(saved[1].mood).toEqual({ score: 2, feelings: [] });
    expect(saved[1].tags).toEqual(["kids", "work"]);
    // Each save names the version it began from: none for a new entry, then the last saved.
    expect(saved[0].base).toBeUndefined();
    expect(saved[1].base, "what the first save returned").toBe("2026-11-23T10:00:01+01:00");
    expect(screen.getByTestId("save-status").textContent).toBe("Saved");
    expect(screen.getByTestId("word-count").textContent).toBe("2 words");
  });

  it("does not create an entry for an untouched, empty editor", async () => {
    render(EntryEditor, { entry: null, date: "2026-11-23", prompt: null });
    await fireEvent.blur(screen.getByTestId("editor"));
    await vi.advanceTimersByTimeAsync(1000);
    expect(saved).toHaveLength(0);
  });
});
