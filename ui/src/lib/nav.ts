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
