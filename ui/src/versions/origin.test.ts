import { describe, expect, it } from "vitest";
import { madeBy } from "./origin";

describe("madeBy", () => {
  it("names the tool, the computer and the time a name tells", () => {
    const syncthing = madeBy({
      maker: "syncthing",
      device: "ABCDEFG",
      when: "2026-12-06T10:10:10",
    });
    expect(syncthing).toContain("Syncthing");
    expect(syncthing).toContain("ABCDEFG");
    expect(syncthing).toContain("2026");
    const dropbox = madeBy({ maker: "dropbox", device: "Sam", when: "2026-12-06T00:00:00" });
    expect(dropbox).toContain("from Sam");
    expect(dropbox, "a day, no time").not.toMatch(/12:00|00:00/);
    expect(madeBy(undefined)).toBe("");
  });
});
