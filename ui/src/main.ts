import { mount } from "svelte";
import App from "./App.svelte";
import QuickHide from "./components/QuickHide.svelte";
import "./app.css";

const target = document.getElementById("app");
if (!target) throw new Error("index.html has no #app element");
export default mount(App, { target });
// Beside the app, not in it: the app is what it hides, on every screen (first run, errors).
mount(QuickHide, { target: document.body, props: { app: target } });
// A file dropped anywhere but on the writing is not opened in the window in Tend's place (the
// writing takes pictures itself; see EntryEditor).
for (const kind of ["dragover", "drop"] as const) {
  window.addEventListener(kind, (event) => {
    if (event.dataTransfer?.types.includes("Files")) event.preventDefault();
  });
}
