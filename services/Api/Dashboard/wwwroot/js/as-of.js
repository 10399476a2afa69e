// "As of" (time travel) for the pages whose endpoint takes asOf=: a local date and time in the address
// (#/articles/{id}?asOf=2026-12-05T14:00), sent to the Api as an instant; the page then shows what the system knew then.
import { h, field } from "./dom.js";
import { when } from "./format.js";

/** The asOf= query string part for the Api ("" when the page shows now). */
export function asOfQuery(params) {
  const local = params.get("asOf");
  return local ? "?asOf=" + encodeURIComponent(new Date(local).toISOString()) : "";
}

/** The instant the page looks back to, or null for now. */
export function asOfInstant(params) {
  const local = params.get("asOf");
  return local ? new Date(local) : null;
}

/** A small form that reloads the page as of another moment, and a note saying which moment is shown. */
export function asOfForm(route, params) {
  const local = params.get("asOf") ?? "";
  const input = h("input", { type: "datetime-local", value: local, step: 1 });
  const form = h("form", { class: "row", "aria-label": "Time travel" },
    field("as-of", "As of (your time)", input),
    h("div", { class: "field" }, h("button", { type: "submit", class: "secondary" }, "Show as it was then")),
    local ? h("div", { class: "field" }, h("a", { href: "#" + route }, "Back to now")) : null);
  form.addEventListener("submit", event => {
    event.preventDefault();
    location.hash = input.value ? `#${route}?asOf=${encodeURIComponent(input.value)}` : "#" + route;
  });
  const note = local
    ? h("p", { class: "badge paused", id: "as-of-note" }, "As the system knew it at ", when(new Date(local).toISOString(), { seconds: true }))
    : null;
  return h("div", {}, note, h("section", { class: "card" }, form));
}
