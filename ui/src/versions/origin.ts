import type { Origin } from "../bindings/Origin";

/** Who made a version, in words ("Made by Syncthing on device ABCDEFG, Dec 6, 2026, 10:10
 *  AM"), as far as its file's name tells; "" when it tells nothing (Tend's own name). */
export function madeBy(origin: Origin | undefined): string {
  if (!origin) return "";
  const who = {
    syncthing: "Syncthing's conflict copy",
    nextcloud: "Nextcloud's conflict copy",
    dropbox: "Dropbox's conflict copy",
    tend: "Changed outside Tend while it was open here; kept by Tend",
    copy: "A copy of the file",
  }[origin.maker];
  const device =
    origin.device && origin.maker === "syncthing"
      ? ` from the computer with device ID ${origin.device}`
      : origin.device
        ? ` from ${origin.device}`
        : "";
  // Dropbox names only the day: a time of midnight is no time.
  const when = origin.when
    ? new Date(origin.when).toLocaleString(
        undefined,
        origin.when.endsWith("T00:00:00")
          ? { dateStyle: "medium" }
          : { dateStyle: "medium", timeStyle: "short" },
      )
    : "";
  return `${who}${device}${when ? `, ${when}` : ""}`;
}
