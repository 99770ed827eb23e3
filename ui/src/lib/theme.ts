import type { Appearance } from "../bindings/Appearance";
import type { TextSize } from "../bindings/TextSize";

/** Applies the chosen theme: "system" follows the desktop's light or dark setting. */
export function applyTheme(theme: Appearance) {
  const root = document.documentElement;
  if (theme === "system") delete root.dataset.theme;
  else root.dataset.theme = theme;
}

/** The root size every `rem` in the app follows, for each text size. */
export const TEXT_SIZES: Record<TextSize, string> = {
  normal: "15px",
  large: "17.5px",
  largest: "20px",
};

/** Applies the chosen text size to the whole app. */
export function applyTextSize(size: TextSize) {
  document.documentElement.style.fontSize = TEXT_SIZES[size];
}
