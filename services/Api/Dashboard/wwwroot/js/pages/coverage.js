// Coverage of a query over time: articles and distinct stories per hour, day or week (uPlot), top outlets and
// co-occurring entities, first and latest article; "as of" answers as the system knew it then. The form's values
// live in the address (#/coverage?query=…), so a view can be bookmarked and the back button works.
import uPlot from "../../vendor/uplot/uPlot.esm.js";
import { get } from "../api.js";
import { h, field, table } from "../dom.js";
import { count, timeNode, isoDay, when } from "../format.js";
import { queryField } from "../query-field.js";

const DAY = 86400000;

/** The Api's from/to for local calendar days: from the start of `from` to the end of `to`, in the browser's zone. */
export function rangeOf(fromDay, toDay) {
  const start = new Date(fromDay + "T00:00:00");
  const end = new Date(new Date(toDay + "T00:00:00").getTime() + DAY);
  return { from: start.toISOString(), to: end.toISOString() };
}

function drawChart(container, report) {
  const xs = report.buckets.map(b => new Date(b.start).getTime() / 1000);
  const options = {
    width: Math.max(280, container.clientWidth || 800),
    height: 300,
    scales: { x: { time: true } },
    series: [
      { label: "Start", value: (u, v) => v === null ? "–" : when(new Date(v * 1000).toISOString()) },
      { label: "Articles", stroke: "#1a56db", fill: "rgba(26,86,219,.12)", width: 2, value: (u, v) => count(v), points: { show: xs.length <= 60 } },
      { label: "Stories", stroke: "#c4320a", width: 2, dash: [6, 4], value: (u, v) => count(v), points: { show: xs.length <= 60 } },
    ],
    axes: [{}, { values: (u, splits) => splits.map(v => Number.isInteger(v) ? count(v) : "") }],
  };
  const chart = new uPlot(options, [xs, report.buckets.map(b => b.articles), report.buckets.map(b => b.stories)], container);
  const resize = () => chart.setSize({ width: Math.max(280, container.clientWidth), height: 300 });
  window.addEventListener("resize", resize);
  return () => { window.removeEventListener("resize", resize); chart.destroy(); };
}

export async function render(main, { params, isCurrent }) {
  const today = new Date();
  const fromDay = params.get("from") ?? isoDay(new Date(today.getTime() - 29 * DAY));
  const toDay = params.get("to") ?? isoDay(today);
  const query = queryField("coverage-query", { value: params.get("query") ?? "" });
  const from = h("input", { type: "date", value: fromDay, required: true });
  const to = h("input", { type: "date", value: toDay, required: true });
  const interval = h("select", {}, ["hour", "day", "week"].map(v => h("option", { value: v, selected: v === (params.get("interval") ?? "day") }, v)));
  const asOf = h("input", { type: "datetime-local", value: params.get("asOf") ?? "", step: 1 });
  const form = h("form", { "aria-labelledby": "coverage-form-title" },
    h("h2", { id: "coverage-form-title", class: "visually-hidden" }, "Query and range"),
    query.element,
    h("div", { class: "row" }, field("coverage-from", "From (your time)", from), field("coverage-to", "To (inclusive)", to),
      field("coverage-interval", "Per", interval), field("coverage-asof", "As of (optional: time travel)", asOf)),
    h("button", { type: "submit" }, "Show coverage"));
  form.addEventListener("submit", async event => {
    event.preventDefault();
    if (!(await query.validate())) { query.input.focus(); return; }
    const next = new URLSearchParams({ query: query.input.value.trim(), from: from.value, to: to.value, interval: interval.value });
    if (asOf.value) next.set("asOf", asOf.value);
    location.hash = "#/coverage?" + next;
  });
  const results = h("div", { id: "coverage-results", "aria-live": "polite" });
  main.append(h("h1", {}, "Coverage"), h("section", { class: "card" }, form), results);
  if (!params.get("query")) {
    results.append(h("p", { class: "muted" }, "Enter a query to see how much was written about it, when, and where."));
    return undefined;
  }

  const range = rangeOf(fromDay, toDay);
  const request = new URLSearchParams({ query: params.get("query"), from: range.from, to: range.to, interval: interval.value });
  if (params.get("asOf")) request.set("asOf", new Date(params.get("asOf")).toISOString());
  results.append(h("p", { class: "muted" }, "Counting…"));
  let report;
  try {
    report = await get("/api/coverage?" + request);
  } catch (e) {
    if (e.position) query.showError(e);
    throw e;
  }
  if (!isCurrent()) return undefined;

  const chartBox = h("div", { class: "chart", id: "coverage-chart", role: "img",
    "aria-label": `${count(report.articles)} articles in ${count(report.stories)} stories per ${interval.value}; the table below holds the same numbers.` });
  const entityLink = e => `#/coverage?${new URLSearchParams({ query: `entity:"${e.name}"`, from: fromDay, to: toDay, interval: interval.value })}`;
  const articleLink = a => a ? h("span", {}, h("a", { href: `#/articles/${a.articleId}` }, a.title ?? a.articleId), " ", h("span", { class: "muted" }, a.outlet ?? ""), " ", timeNode(a.at)) : "–";
  results.replaceChildren(
    h("section", { class: "card", "aria-labelledby": "coverage-chart-title" },
      h("h2", { id: "coverage-chart-title" }, "Articles and stories per ", interval.value, report.asOf ? [" as of ", when(report.asOf)] : ""),
      h("div", { class: "stats" },
        h("div", { class: "stat" }, h("div", { class: "muted" }, "Articles"), h("div", { class: "value", id: "coverage-articles", "data-value": report.articles }, count(report.articles))),
        h("div", { class: "stat" }, h("div", { class: "muted" }, "Stories"), h("div", { class: "value", id: "coverage-stories", "data-value": report.stories }, count(report.stories))),
        h("div", { class: "stat" }, h("div", { class: "muted" }, "First article"), h("div", {}, articleLink(report.first))),
        h("div", { class: "stat" }, h("div", { class: "muted" }, "Latest article"), h("div", {}, articleLink(report.latest)))),
      chartBox,
      h("details", {}, h("summary", {}, "The numbers as a table"),
        table(null, ["From", { label: "Articles", class: "num" }, { label: "Stories", class: "num" }],
          report.buckets.filter(b => b.articles > 0).map(b => [timeNode(b.start), { class: "num", value: count(b.articles) }, { class: "num", value: count(b.stories) }])))),
    h("div", { class: "columns" },
      h("section", { class: "card", "aria-labelledby": "coverage-outlets-title" }, h("h2", { id: "coverage-outlets-title" }, "Top outlets"),
        report.topOutlets.length === 0 ? h("p", { class: "muted" }, "None.")
          : table(null, ["Outlet", { label: "Articles", class: "num" }], report.topOutlets.map(o => [o.outlet, { class: "num", value: count(o.articles) }]))),
      h("section", { class: "card", "aria-labelledby": "coverage-entities-title" }, h("h2", { id: "coverage-entities-title" }, "Entities mentioned with it"),
        report.topEntities.length === 0 ? h("p", { class: "muted" }, "None.")
          : table(null, ["Entity", "Type", { label: "Articles", class: "num" }], report.topEntities.map(e => [
            h("a", { href: entityLink(e), class: `entity entity-${e.type}` }, e.name), e.type, { class: "num", value: count(e.articles) }])))));
  return drawChart(chartBox, report);
}
