// Where focus goes as the page changes: never left on something that is gone.

/**
 * Calls `act` with what `find` finds, once it is in the page: views load on demand, so it is
 * looked for over a few frames.
 */
export function whenShown<T>(
  find: () => T | null | undefined,
  act: (found: T) => void,
  frames = 30,
) {
  requestAnimationFrame(() => {
    const found = find();
    if (found) act(found);
    else if (frames > 0) whenShown(find, act, frames - 1);
  });
}

/**
 * Focuses the element `selector` names once it is shown (a heading becomes focusable for it).
 * Without scrolling: a view opens at its top already, and a jump as it loads would move whatever
 * a quick click was aimed at (the e2e tests caught a click landing elsewhere).
 */
export function focusWhenShown(selector: string) {
  // Looked for a while (a view waits for its chunk and its data; under load that took more
  // than 30 frames), but only while focus has not gone somewhere else meanwhile: a click or a
  // key of hers wins over a view that opens late.
  const before = document.activeElement;
  const undisturbed = () =>
    document.activeElement === before || document.activeElement === document.body;
  whenShown(
    () => (undisturbed() ? document.querySelector<HTMLElement>(selector) : null),
    (target) => {
      if (target.tagName === "H1") target.tabIndex = -1;
      target.focus({ preventScroll: true });
    },
    undisturbed() ? 300 : 0,
  );
}

/** Typing in a field: a key there is text (`?` is a question mark), not a shortcut. */
export function isTyping(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLElement &&
    (target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName))
  );
}
