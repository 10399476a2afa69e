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

/** A length of time for people: "45 s", "3 min 5 s", "2 h 4 min", "3 d 2 h". */
export function duration(seconds) {
  if (seconds === null || seconds === undefined) return "–";
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${number.format(s)} s`;
  if (s < 3600) return `${number.format(Math.floor(s / 60))} min ${number.format(s % 60)} s`;
  if (s < 86400) return `${number.format(Math.floor(s / 3600))} h ${number.format(Math.floor(s % 3600 / 60))} min`;
  return `${number.format(Math.floor(s / 86400))} d ${number.format(Math.floor(s % 86400 / 3600))} h`;
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
