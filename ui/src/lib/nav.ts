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

/** The app's views: its sections, and the support page. */
export type View =
  | "today"
  | "entries"
  | "search"
  | "calendar"
  | "worksheets"
  | "visions"
  | "transfer"
  | "settings"
  | "support";

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
