// Wall clocks in IANA time zones, from the runtime's own tz data (Intl): shared by imports
// (times exported in a zone), forecasting (a local day's first instant) and the web app.

const formats = new Map<string, Intl.DateTimeFormat>();

function wallClockFormat(timeZone: string): Intl.DateTimeFormat {
  let format = formats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    formats.set(timeZone, format);
  }
  return format;
}

/** Milliseconds the wall clock of `timeZone` is ahead of UTC at the instant `utcMs`. */
export function zoneOffsetMs(utcMs: number, timeZone: string): number {
  const parts = wallClockFormat(timeZone).formatToParts(new Date(utcMs));
  const part = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const wall = Date.UTC(
    part("year"),
    part("month") - 1,
    part("day"),
    part("hour"),
    part("minute"),
    part("second"),
  );
  return wall - Math.floor(utcMs / 1000) * 1000;
}

/**
 * A wall-clock time in `timeZone`, written as if it were UTC (`Date.UTC(y, m, d, h, …)`) → the
 * real instant. Two passes, so a time just after a daylight-saving change uses the offset then.
 */
export function wallClockToUtc(wallMs: number, timeZone: string): number {
  const first = wallMs - zoneOffsetMs(wallMs, timeZone);
  return wallMs - zoneOffsetMs(first, timeZone);
}

/** The instant a local calendar day (`YYYY-MM-DD`) starts in `timeZone`. */
export function startOfDay(date: string, timeZone: string): number {
  return wallClockToUtc(Date.parse(`${date}T00:00:00Z`), timeZone);
}
