import type { Appearance } from "../bindings/Appearance";

/** Applies the chosen theme: "system" follows the desktop's light or dark setting. */
export function applyTheme(theme: Appearance) {
  const root = document.documentElement;
  if (theme === "system") delete root.dataset.theme;
  else root.dataset.theme = theme;
}
