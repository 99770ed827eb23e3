/** "kids, #work,  Kids" → ["kids", "work"]: what a person typing tags means. */
export function parseLabels(text: string): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const raw of text.split(",")) {
    const label = raw.trim().replace(/^#+/, "").replace(/\s+/g, " ");
    const key = label.toLowerCase();
    if (label && !seen.has(key)) {
      seen.add(key);
      out.push(label);
    }
  }
  return out;
}

/** The tag a starred entry carries (the core's `entry::STARRED`). */
export const STARRED = "starred";

export function isStarred(tags: readonly string[]): boolean {
  return tags.some((t) => t.toLowerCase() === STARRED);
}

/** The tags as the tag field shows them: the star has a button of its own. */
export function tagsButStar(tags: readonly string[]): string[] {
  return tags.filter((t) => t.toLowerCase() !== STARRED);
}

/** The tags typed, with the star added or taken away. */
export function withStar(typed: string, starred: boolean): string[] {
  const tags = parseLabels(typed);
  return starred || isStarred(tags) ? [...tagsButStar(tags), STARRED] : tags;
}

export function wordCount(text: string): number {
  const words = text.trim().split(/\s+/);
  return words[0] === "" ? 0 : words.length;
}

/** "2026-11-23" → "Monday 23 November 2026", in the reader's language. */
export function longDate(isoDate: string): string {
  const [y, m, d] = isoDate.split("-").map(Number);
  // The locale's own full date (CLDR's): "Friday, 20 November 2026" in en-GB, "Friday,
  // November 20, 2026" in en-US, "Freitag, 20. November 2026" in de: as exports write it.
  return new Date(y, m - 1, d).toLocaleDateString(undefined, { dateStyle: "full" });
}

/** "20:15" → "20:15" or "8:15 PM", as the reader's locale writes a time of day. */
export function localTime(hhmm: string): string {
  const [h, m] = hhmm.split(":").map(Number);
  if (!Number.isInteger(h) || !Number.isInteger(m)) return hhmm;
  return new Date(2000, 0, 1, h, m).toLocaleTimeString(undefined, { timeStyle: "short" });
}

/** Today on this computer, as YYYY-MM-DD: asked afresh, so a window left open overnight moves on. */
export function todayIso(now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

export const MOODS = [
  { score: 1, label: "Very low" },
  { score: 2, label: "Low" },
  { score: 3, label: "Okay" },
  { score: 4, label: "Good" },
  { score: 5, label: "Very good" },
] as const;

export const FEELINGS = [
  "calm",
  "hopeful",
  "grateful",
  "relieved",
  "lonely",
  "sad",
  "anxious",
  "angry",
  "tired",
  "confused",
] as const;
