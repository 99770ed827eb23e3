// Calendar arithmetic on ISO dates ("2026-12-05"), in UTC so that no time zone moves a day.

import type { WeekStart } from "../bindings/WeekStart";

const DAY_MS = 86_400_000;

export function parseIso(iso: string): Date {
  return new Date(`${iso}T00:00:00Z`);
}

export function toIso(date: Date): string {
  return date.toISOString().slice(0, 10);
}

export function addDays(iso: string, days: number): string {
  return toIso(new Date(parseIso(iso).getTime() + days * DAY_MS));
}

/** The first day of the month `iso` is in, moved by `months`. */
export function monthStart(iso: string, months = 0): string {
  const d = parseIso(iso);
  return toIso(new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months, 1)));
}

export function monthEnd(iso: string): string {
  return addDays(monthStart(iso, 1), -1);
}

/** The weeks of the month `start` begins, each seven ISO dates, or null outside the month. */
export function monthGrid(start: string, weekStarts: WeekStart): (string | null)[][] {
  const first = parseIso(start).getUTCDay(); // 0 = Sunday
  const lead = weekStarts === "monday" ? (first + 6) % 7 : first;
  const end = monthEnd(start);
  const cells: (string | null)[] = Array(lead).fill(null);
  for (let d = start; d <= end; d = addDays(d, 1)) cells.push(d);
  while (cells.length % 7) cells.push(null);
  const weeks = [];
  for (let i = 0; i < cells.length; i += 7) weeks.push(cells.slice(i, i + 7));
  return weeks;
}

/** Weekday names in the order the calendar's columns show them. */
export function weekdayNames(weekStarts: WeekStart, style: "short" | "long"): string[] {
  const sunday = Date.UTC(2026, 10, 29); // a Sunday
  const names = [...Array(7).keys()].map((n) =>
    new Date(sunday + n * DAY_MS).toLocaleDateString(undefined, {
      weekday: style,
      timeZone: "UTC",
    }),
  );
  return weekStarts === "monday" ? [...names.slice(1), names[0]] : names;
}

export function monthTitle(start: string): string {
  return parseIso(start).toLocaleDateString(undefined, {
    month: "long",
    year: "numeric",
    timeZone: "UTC",
  });
}

/** Days between two ISO dates (b − a). */
export function daysBetween(a: string, b: string): number {
  return Math.round((parseIso(b).getTime() - parseIso(a).getTime()) / DAY_MS);
}
