import { describe, expect, it } from "vitest";
import type { DayMark } from "../bindings/DayMark";
import { longDate } from "../lib/labels";
import { addDays, daysBetween, monthTitle } from "./dates";
import { describePeriod, moodSeries, weekOf, type PeriodMood } from "./moodSeries";

// The mood chart's plot is 550 px wide (640 less its margins).
const PLOT = 550;
const MONDAY = "2026-03-02";

const day = (date: string, moods: number[]): DayMark => ({
  date,
  entries: moods.length || 1,
  mood: moods.length ? moods.reduce((a, b) => a + b, 0) / moods.length : undefined,
  moods,
  words: 100,
  starred: false,
});

/** A mood every day from `from` to `to`, going round 1 to 5. */
function daily(from: string, to: string): DayMark[] {
  const days = [];
  for (let d = from, i = 0; d <= to; d = addDays(d, 1), i++) days.push(day(d, [1 + (i % 5)]));
  return days;
}

function periods(days: DayMark[], weekBegins = MONDAY) {
  const series = moodSeries(days, weekBegins, PLOT);
  if (series.grain === "entry") throw new Error("expected averages, got a point per entry");
  return series;
}

describe("the mood chart's points", () => {
  it("shows ten years of daily moods as monthly averages, not 3,650 points", () => {
    const days = daily("2016-01-01", "2025-12-31");
    const series = periods(days);
    expect(series.grain, "a week a point would still overlap at ten years").toBe("month");
    expect(series.points, "a point per calendar month").toHaveLength(120);
    expect(series.points[0]).toMatchObject({ start: "2016-01-01", end: "2016-02-01", entries: 31 });
    expect(series.points.at(-1)).toMatchObject({ start: "2025-12-01", entries: 31 });
    const total = series.points.reduce((n, p) => n + p.entries, 0);
    expect(total, "every entry is counted in its month").toBe(days.length);
  });

  it("shows a month of moods as a point per entry, as before", () => {
    const days = daily("2026-03-01", "2026-03-31");
    days[4] = day(days[4].date, [2, 5]);
    const series = moodSeries(days, MONDAY, PLOT);
    expect(series.grain).toBe("entry");
    expect(series.points, "31 days, one with two entries").toHaveLength(32);
    expect(series.points.slice(4, 6)).toEqual([
      { date: "2026-03-05", mood: 2, n: 0, of: 2 },
      { date: "2026-03-05", mood: 5, n: 1, of: 2 },
    ]);
  });

  it("draws entries one by one up to one point per 4 px of the plot, and weeks beyond", () => {
    const fit = daily("2026-01-01", addDays("2026-01-01", 136));
    expect(moodSeries(fit, MONDAY, PLOT).grain, "137 entries fit in 550 px").toBe("entry");
    const over = daily("2026-01-01", addDays("2026-01-01", 137));
    expect(moodSeries(over, MONDAY, PLOT).grain, "138 do not").toBe("week");
  });

  it("shows a year of daily moods as weekly averages", () => {
    const series = periods(daily("2025-01-01", "2025-12-31"));
    expect(series.grain).toBe("week");
    // 2025 begins on a Wednesday: its first week began on Monday 30 December 2024.
    expect(series.points[0]).toMatchObject({ start: "2024-12-30", end: "2025-01-06", entries: 5 });
    expect(series.points).toHaveLength(53);
    expect(series.points.every((p) => daysBetween(p.start, p.end) === 7)).toBe(true);
  });

  it("averages a week's entries, several on a day counted one by one", () => {
    const days = daily("2025-06-01", "2026-05-31").map((d) =>
      d.date >= MONDAY && d.date < "2026-03-09" ? day(d.date, []) : day(d.date, [3]),
    );
    days[days.findIndex((d) => d.date === "2026-03-03")] = day("2026-03-03", [2, 4, 5]);
    days[days.findIndex((d) => d.date === "2026-03-06")] = day("2026-03-06", [1, 5, 3]);
    const week = periods(days).points.find((p) => p.start === MONDAY);
    expect(week, "the week of 2 March has a point").toBeDefined();
    expect(week!.entries).toBe(6);
    expect(week!.mood, "(2+4+5+1+5+3) / 6, not the average of the days' averages").toBeCloseTo(
      20 / 6,
    );
    expect(week!.first, "Enter opens its first day with a mood, not its Monday").toBe("2026-03-03");
  });

  it("begins weeks on the day Insights' weeks do", () => {
    const sunday = "2026-03-01";
    const series = periods(daily("2025-03-01", "2026-03-07"), sunday);
    expect(series.points.at(-1)).toMatchObject({ start: "2026-03-01", end: "2026-03-08" });
    expect(weekOf("2026-03-07", sunday), "a Saturday is in the week from Sunday").toBe(sunday);
    expect(weekOf("2026-03-08", sunday), "a Sunday begins its own week").toBe("2026-03-08");
    expect(weekOf("2026-03-08", MONDAY), "a Sunday ends a week from Monday").toBe(MONDAY);
  });

  it("averages a month's entries", () => {
    const days = daily("2016-01-01", "2025-12-31").map((d) =>
      d.date.startsWith("2025-02") ? day(d.date, d.date < "2025-02-15" ? [2] : [5]) : d,
    );
    const february = periods(days).points.find((p) => p.start === "2025-02-01");
    expect(february).toMatchObject({ end: "2025-03-01", entries: 28, first: "2025-02-01" });
    expect(february!.mood, "14 days at 2 and 14 at 5").toBeCloseTo(3.5);
  });

  it("skips weeks and months with no mood rather than drawing them at 0", () => {
    const days = daily("2016-01-01", "2025-12-31")
      .filter((d) => !d.date.startsWith("2020"))
      .map((d) => (d.date.startsWith("2021-0") ? day(d.date, []) : d));
    const series = periods(days);
    const starts = series.points.map((p) => p.start);
    expect(
      starts.some((s) => s.startsWith("2020")),
      "a year without writing",
    ).toBe(false);
    expect(
      starts.some((s) => s.startsWith("2021-0")),
      "months written without a mood",
    ).toBe(false);
    expect(series.points, "ten years less 21 months").toHaveLength(99);
    expect(series.points.every((p) => p.mood >= 1 && p.mood <= 5)).toBe(true);
  });

  it("names a point by its period, its average and its entries", () => {
    const week: PeriodMood = { start: MONDAY, end: "2026-03-09", mood: 3.4, entries: 6, first: "" };
    expect(describePeriod(week, "week")).toBe(
      `Week of ${longDate(MONDAY)}: average mood 3.4 (okay), 6 entries`,
    );
    const month = { ...week, start: "2026-03-01", mood: 4.56, entries: 1 };
    expect(describePeriod(month, "month")).toBe(
      `${monthTitle("2026-03-01")}: average mood 4.6 (very good), 1 entry`,
    );
  });
});
