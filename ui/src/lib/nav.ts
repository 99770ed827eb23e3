// Opening the support page from anywhere (a tone verdict, the safety question, the care card)
// without threading a callback through every component: the app registers how it navigates.
let openSupportPage: (section?: "abuse") => void = () => {};

/** The app registers how the support page is opened. */
export function onOpenSupport(open: (section?: "abuse") => void) {
  openSupportPage = open;
}

/** Opens the support page, scrolled to its domestic-abuse section when asked. */
export function openSupport(section?: "abuse") {
  openSupportPage(section);
}

// The same for the page of documents found in two versions (from Today, Entries, a worksheet).
let openVersionsPage: () => void = () => {};

/** The app registers how the two-versions page is opened. */
export function onOpenVersions(open: () => void) {
  openVersionsPage = open;
}

/** Opens the page where two versions of a document are compared and resolved. */
export function openVersions() {
  openVersionsPage();
}

/** The app's views: its sections, the support page, and the two-versions page. */
export type View =
  | "today"
  | "entries"
  | "search"
  | "calendar"
  | "worksheets"
  | "visions"
  | "transfer"
  | "settings"
  | "support"
  | "versions";

/** The sections in the sidebar, in order: Alt+1 is the first. */
export const SECTIONS: { id: View; label: string }[] = [
  { id: "today", label: "Today" },
  { id: "entries", label: "Entries" },
  { id: "search", label: "Search" },
  { id: "calendar", label: "Calendar" },
  { id: "worksheets", label: "Worksheets" },
  { id: "visions", label: "Visions" },
  { id: "transfer", label: "Export & import" },
  { id: "settings", label: "Settings" },
];
