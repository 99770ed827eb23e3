// The mood chart's points: one per entry while they fit, else one per week or per month at that
// period's average, so that ten years of moods read as a line and not a smear (issue 27, D23).

import type { DayMark } from "../bindings/DayMark";
import { longDate, MOODS } from "../lib/labels";
import { addDays, monthStart, monthTitle, parseIso } from "./dates";

/** One entry's mood; the entries of one day are numbered `n` of `of`. */
export interface EntryMood {
  date: string;
  mood: number;
  n: number;
  of: number;
}

/** The moods given in one week or month. */
export interface PeriodMood {
  start: string;
  /** The first day of the next period. */
  end: string;
  /** The average of its entries' moods. */
  mood: number;
  /** How many entries gave a mood. */
  entries: number;
  /** Its first day with a mood: the day the chart opens for it. */
  first: string;
}

export type MoodSeries =
  { grain: "entry"; points: EntryMood[] } | { grain: "week" | "month"; points: PeriodMood[] };

/** Points closer than this, on average, run into one another. */
export const MIN_GAP_PX = 4;

/**
 * The rule: a series is drawn when it has at most one point per 4 px of plot width (137 on the
 * chart's 550 px). A point per entry while the entries fit; else a point per week with a mood
 * while those fit (about 2½ years of steady writing); else a point per month with a mood.
 * Weeks begin on the weekday of `weekBegins` (the first of `Insights.weeks`); months are calendar
 * months. `days` are oldest first, as `Insights` gives them.
 */
export function moodSeries(days: DayMark[], weekBegins: string, plotWidth: number): MoodSeries {
  const fits = (count: number) => count <= plotWidth / MIN_GAP_PX;
  const entries = entryMoods(days);
  if (fits(entries.length)) return { grain: "entry", points: entries };
  const weeks = periodMoods(
    days,
    (d) => weekOf(d, weekBegins),
    (s) => addDays(s, 7),
  );
  if (fits(weeks.length)) return { grain: "week", points: weeks };
  return { grain: "month", points: periodMoods(days, monthStart, (s) => monthStart(s, 1)) };
}

export function entryMoods(days: DayMark[]): EntryMood[] {
  return days.flatMap((d) =>
    d.moods.map((mood, n) => ({ date: d.date, mood, n, of: d.moods.length })),
  );
}

/** The first day of the week `date` is in, weeks beginning on the weekday of `weekBegins`. */
export function weekOf(date: string, weekBegins: string): string {
  const back = (parseIso(date).getUTCDay() - parseIso(weekBegins).getUTCDay() + 7) % 7;
  return addDays(date, -back);
}

/** Each period's average; a period where no mood was given has no point (rather than one at 0). */
function periodMoods(
  days: DayMark[],
  startOf: (date: string) => string,
  next: (start: string) => string,
): PeriodMood[] {
  const periods: (PeriodMood & { sum: number })[] = [];
  for (const day of days) {
    if (!day.moods.length) continue;
    const start = startOf(day.date);
    let period = periods.at(-1);
    if (period?.start !== start) {
      period = { start, end: next(start), mood: 0, entries: 0, first: day.date, sum: 0 };
      periods.push(period);
    }
    period.sum += day.moods.reduce((a, b) => a + b, 0);
    period.entries += day.moods.length;
  }
  return periods.map(({ sum, ...p }) => ({ ...p, mood: sum / p.entries }));
}

/** "okay" for 3, and for an average that rounds to 3. */
export const moodName = (mood: number) => MOODS[Math.round(mood) - 1].label.toLowerCase();

/** "Week of Monday 2 March 2026: average mood 3.4 (okay), 6 entries", or "March 2026: …". */
export function describePeriod(p: PeriodMood, grain: "week" | "month"): string {
  const name = grain === "week" ? `Week of ${longDate(p.start)}` : monthTitle(p.start);
  const entries = p.entries === 1 ? "1 entry" : `${p.entries} entries`;
  return `${name}: average mood ${p.mood.toFixed(1)} (${moodName(p.mood)}), ${entries}`;
}
