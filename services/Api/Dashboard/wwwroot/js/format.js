// Numbers and times for people: the browser's locale and time zone through Intl.

const number = new Intl.NumberFormat(undefined);
const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });
const dateTimeSeconds = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "medium" });
const dateOnly = new Intl.DateTimeFormat(undefined, { dateStyle: "medium" });
const relative = new Intl.RelativeTimeFormat(undefined, { numeric: "auto" });

export const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone;

export function count(n) { return n === null || n === undefined ? "–" : number.format(n); }

export function when(iso, { seconds = false } = {}) {
  if (!iso) return "–";
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? String(iso) : (seconds ? dateTimeSeconds : dateTime).format(d);
}

export function day(iso) { return iso ? dateOnly.format(new Date(iso)) : "–"; }

export function ago(iso, now = Date.now()) {
  if (!iso) return "";
  const seconds = Math.round((new Date(iso).getTime() - now) / 1000);
  const steps = [[60, "second"], [3600, "minute"], [86400, "hour"], [604800, "day"], [Infinity, "week"]];
  let unit = 1;
  for (const [limit, name] of steps) {
    if (Math.abs(seconds) < limit) return relative.format(Math.round(seconds / unit), name);
    unit = limit;
  }
  return "";
}

/** A <time> element: the local time as text, the ISO instant as its datetime and title. */
export function timeNode(iso, options) {
  const node = document.createElement("time");
  if (iso) { node.dateTime = iso; node.title = iso; }
  node.textContent = when(iso, options);
  return node;
}

/** yyyy-mm-dd of a Date in the browser's zone (for <input type=date>). */
export function isoDay(d) {
  const pad = n => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}
