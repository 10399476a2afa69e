// Sources and their crawl health (last poll, last success, last error, failures in a row, disabled, new items per
// day as a sparkline), a form to add a feed and an OPML import. Health is projected from the Crawler's events, so a
// source just added shows its first poll a moment later; the list refreshes every 10 s.
import { api, get, post } from "../api.js";
import { h, svg, field, table } from "../dom.js";
import { count, timeNode, ago, day } from "../format.js";

/** New items per UTC day over the last 7 days as bars (oldest left); the numbers are in the title for every reader. */
export function sparkline(itemsPerDay) {
  const days = [...itemsPerDay].sort((a, b) => a.day.localeCompare(b.day)).slice(-7);
  const max = Math.max(1, ...days.map(d => d.newItems));
  const chart = svg("svg", { width: 7 * 8, height: 20, class: "spark", role: "img",
    "aria-label": days.length ? days.map(d => `${day(d.day)}: ${count(d.newItems)}`).join(", ") : "no items yet" });
  const title = svg("title");
  title.textContent = chart.getAttribute("aria-label");
  chart.append(title);
  days.forEach((d, i) => {
    const height = Math.max(1, Math.round(18 * d.newItems / max));
    chart.append(svg("rect", { x: i * 8, y: 20 - height, width: 6, height }));
  });
  return chart;
}

function health(s) {
  if (s.disabled) return h("span", { class: "badge failed" }, "disabled", s.disabledReason ? `: ${s.disabledReason}` : "");
  if (s.consecutiveFailures > 0) return h("span", { class: "badge paused" }, `${count(s.consecutiveFailures)} failure${s.consecutiveFailures === 1 ? "" : "s"} in a row`);
  if (!s.lastPolledAt) return h("span", { class: "badge muted" }, "not polled yet");
  return h("span", { class: "badge" }, "healthy");
}

export async function render(main, { isCurrent }) {
  const list = h("div", { "aria-live": "polite" }, h("p", { class: "muted" }, "Loading…"));
  async function refresh() {
    const sources = await get("/api/sources");
    if (!isCurrent()) return;
    sources.sort((a, b) => a.url.localeCompare(b.url));
    list.replaceChildren(sources.length === 0 ? h("p", { class: "muted" }, "No sources yet: add a feed below.")
      : table(null, ["Source", "Health", "Last poll", { label: "Last success", class: "optional" }, "Last error",
        { label: "Failures in a row", class: "num" }, { label: "New items, 7 days", class: "optional" }], sources.map(s => [
        h("span", {}, h("span", { class: "mono" }, s.url), h("div", { class: "muted" }, "added ", timeNode(s.addedAt))),
        health(s),
        s.lastPolledAt ? h("span", { "data-last-poll": s.id }, timeNode(s.lastPolledAt, { seconds: true }), h("div", { class: "muted" }, ago(s.lastPolledAt))) : "–",
        { class: "optional", value: timeNode(s.lastSuccessAt) },
        s.lastError ? h("span", { class: "error" }, s.lastError, h("div", { class: "muted" }, timeNode(s.lastErrorAt))) : "–",
        { class: "num", value: count(s.consecutiveFailures) },
        { class: "optional", value: sparkline(s.itemsPerDay ?? []) },
      ])));
  }

  const url = h("input", { type: "url", required: true, placeholder: "https://example.com/feed.xml" });
  const addStatus = h("p", { role: "status" });
  const addForm = h("form", { "aria-labelledby": "add-source-title" }, h("h2", { id: "add-source-title" }, "Add a feed"),
    field("source-url", "Feed, sitemap or page URL", url), h("button", { type: "submit" }, "Add source"), addStatus);
  addForm.addEventListener("submit", async event => {
    event.preventDefault();
    try {
      await post("/api/sources", { url: url.value.trim() });
      addStatus.className = "ok";
      addStatus.textContent = `Watching ${url.value.trim()}; its first poll shows here shortly.`;
      addForm.reset();
      await refresh();
    } catch (e) {
      addStatus.className = "error";
      addStatus.textContent = e.message;
    }
  });

  const file = h("input", { type: "file", accept: ".opml,.xml,text/x-opml,application/xml", required: true });
  const opmlStatus = h("div", { role: "status" });
  const opmlForm = h("form", { "aria-labelledby": "opml-title" }, h("h2", { id: "opml-title" }, "Import a feed list (OPML)"),
    field("opml-file", "OPML file", file), h("button", { type: "submit" }, "Import"), opmlStatus);
  opmlForm.addEventListener("submit", async event => {
    event.preventDefault();
    if (!file.files.length) return;
    try {
      const answer = await api("/api/sources/opml", { method: "POST", body: await file.files[0].text(), headers: { "Content-Type": "text/x-opml" } });
      opmlStatus.replaceChildren(h("p", { class: "ok" }, `${count(answer.added)} added, ${count(answer.alreadyPresent)} already watched, ${count(answer.rejected.length)} rejected.`),
        answer.rejected.length ? h("ul", {}, answer.rejected.map(r => h("li", {}, h("span", { class: "mono" }, r.url), ": ", r.reason))) : null);
      await refresh();
    } catch (e) {
      opmlStatus.replaceChildren(h("p", { class: "error" }, e.message));
    }
  });

  main.append(h("h1", {}, "Sources"), h("section", { class: "card", "aria-labelledby": "sources-title" }, h("h2", { id: "sources-title" }, "Watched sources"), list),
    h("div", { class: "columns" }, h("section", { class: "card" }, addForm), h("section", { class: "card" }, opmlForm)));
  await refresh();
  const timer = setInterval(() => refresh().catch(() => {}), 10000);
  return () => clearInterval(timer);
}
