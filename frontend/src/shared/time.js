// The server's clock, not the visitor's: the page renders the server's "now" so a
// computer whose clock is off still opens the Join button at the right moment.
export function serverClock(serverNowIso) {
  const serverNow = parseInstant(serverNowIso);
  const offset = Number.isNaN(serverNow) ? 0 : serverNow - Date.now();
  return () => Date.now() + offset;
}

// "in 12 minutes", "in 2 hours", "in 40 seconds" in the page's language.
// Below this, relativeTime counts minutes; above it, hours or days.
export const MINUTES_SHOWN_BELOW_MS = 90 * 60 * 1000;

export function relativeTime(milliseconds) {
  const format = new Intl.RelativeTimeFormat(document.documentElement.lang || undefined, { numeric: "auto" });
  const seconds = Math.round(milliseconds / 1000);
  const absolute = Math.abs(seconds);
  if (absolute < 90) {
    return format.format(seconds, "second");
  }
  if (absolute * 1000 < MINUTES_SHOWN_BELOW_MS) {
    return format.format(Math.round(seconds / 60), "minute");
  }
  if (absolute < 36 * 3600) {
    return format.format(Math.round(seconds / 3600), "hour");
  }
  return format.format(Math.round(seconds / 86400), "day");
}

// ISO 8601 as Django's |date:"c" writes it; microseconds are cut to what every browser parses.
export function parseInstant(iso) {
  return Date.parse(String(iso || "").replace(/(\.\d{3})\d+/, "$1"));
}

// "before" | "open" | "over": where `now` stands in the join window (SPEC §4: from 10
// minutes before the start until the scheduled end), as the server decides it.
export function joinPhase(now, opensAt, endsAt) {
  if (now < opensAt) {
    return "before";
  }
  return now < endsAt ? "open" : "over";
}
