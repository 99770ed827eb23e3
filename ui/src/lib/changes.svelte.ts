import { untrack } from "svelte";

// Changes made to the journal outside this app (another computer's writing, through a folder
// sync: issue 25). The shell looks at what arrived and tells the page; each view that lists
// reads again. An entry open in the editor is not reloaded under her (see watch.rs).

/** How many times the journal changed outside the app since it started. */
export const journal = $state({ changed: 0 });

/** Calls `reload` each time the journal changes outside the app, from a component's setup. */
export function afterChanges(reload: () => void): void {
  let seen = untrack(() => journal.changed);
  $effect(() => {
    const now = journal.changed;
    if (now === seen) return;
    seen = now;
    untrack(reload);
  });
}
