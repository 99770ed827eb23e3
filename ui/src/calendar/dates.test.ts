import { describe, expect, it } from "vitest";
import { addDays, daysBetween, monthEnd, monthGrid, monthStart } from "./dates";

describe("calendar dates", () => {
  it("finds months and their ends across years and leap days", () => {
    expect(monthStart("2026-12-05")).toBe("2026-12-01");
    expect(monthStart("2026-12-05", 1)).toBe("2027-01-01");
    expect(monthStart("2026-01-31", -1)).toBe("2025-12-01");
    expect(monthEnd("2028-02-10")).toBe("2028-02-29");
    expect(addDays("2026-12-31", 1)).toBe("2027-01-01");
    expect(daysBetween("2026-12-01", "2027-01-01")).toBe(31);
  });

  it("lays a month out in weeks from the chosen first day", () => {
    // December 2026 begins on a Tuesday.
    const monday = monthGrid("2026-12-01", "monday");
    expect(monday[0]).toEqual([
      null,
      "2026-12-01",
      "2026-12-02",
      "2026-12-03",
      "2026-12-04",
      "2026-12-05",
      "2026-12-06",
    ]);
    const sunday = monthGrid("2026-12-01", "sunday");
    expect(sunday[0].slice(0, 3)).toEqual([null, null, "2026-12-01"]);
    expect(monday.flat().filter(Boolean)).toHaveLength(31);
    expect(monday.every((week) => week.length === 7)).toBe(true);
  });
});
