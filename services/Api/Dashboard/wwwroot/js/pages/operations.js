// Operations (admin key): pipeline events per minute over the last hour (uPlot, and as a table), relay and projection
// lag, the broker's queues and dead letters (peeked by the Api, never consumed) and running jobs, from one call
// (GET /api/admin/operations) repeated every 5 s.
import uPlot from "../../vendor/uplot/uPlot.esm.js";
import { get } from "../api.js";
import { h } from "../dom.js";
import { count, duration, timeNode, when } from "../format.js";

const REFRESH_MS = 5000;
const STEP_COLOURS = { discovered: "#1a56db", fetched: "#067647", deduplicated: "#7a2e9e", tagged: "#b54708", alerted: "#c4320a" };
const STEP_DASH = { discovered: [], fetched: [6, 3], deduplicated: [2, 3], tagged: [10, 4], alerted: [] };

function numberCell(field, value, extra = {}) {
  return h("td", { class: "num", "data-field": field, ...extra }, count(value));
}

function head(...labels) {
  return h("thead", {}, h("tr", {}, labels.map(l => typeof l === "string" ? h("th", { scope: "col" }, l) : h("th", { scope: "col", class: l.class }, l.label))));
}

function throughputStats(throughput) {
  const last = throughput.minutes.at(-2) ?? throughput.minutes.at(-1);
  return h("div", { class: "stats" }, throughput.steps.map(step => h("div", { class: "stat", "data-step": step },
    h("div", { class: "muted" }, step, ", last hour"),
    h("div", { class: "value", "data-field": "total" }, count(throughput.totals[step])),
    h("div", { class: "muted" }, h("span", { "data-field": "last-minute" }, count(last?.counts[step] ?? 0)), " in the last full minute"))));
}

function throughputTable(throughput) {
  const rows = [...throughput.minutes].reverse().filter(m => throughput.steps.some(s => m.counts[s] > 0));
  return h("details", {}, h("summary", {}, "Per minute as a table (minutes with events)"),
    rows.length === 0 ? h("p", { class: "muted" }, "No pipeline events in the last hour.")
      : h("table", {}, head("Minute", ...throughput.steps.map(s => ({ label: s, class: "num" }))),
        h("tbody", {}, rows.map(m => h("tr", {}, h("td", {}, timeNode(m.minute)), throughput.steps.map(s => numberCell(s, m.counts[s])))))));
}

function chartData(throughput) {
  return [throughput.minutes.map(m => new Date(m.minute).getTime() / 1000), ...throughput.steps.map(s => throughput.minutes.map(m => m.counts[s]))];
}

function drawChart(container, throughput) {
  const options = {
    width: Math.max(280, container.clientWidth || 800),
    height: 260,
    scales: { x: { time: true } },
    series: [
      { label: "Minute", value: (u, v) => v === null ? "–" : when(new Date(v * 1000).toISOString()) },
      ...throughput.steps.map(s => ({ label: s, stroke: STEP_COLOURS[s] ?? "#4f5866", width: 2, dash: STEP_DASH[s] ?? [], value: (u, v) => count(v), points: { show: false } })),
    ],
    axes: [{}, { values: (u, splits) => splits.map(v => Number.isInteger(v) ? count(v) : "") }],
  };
  const chart = new uPlot(options, chartData(throughput), container);
  const resize = () => chart.setSize({ width: Math.max(280, container.clientWidth), height: 260 });
  window.addEventListener("resize", resize);
  return { update: t => chart.setData(chartData(t)), destroy: () => { window.removeEventListener("resize", resize); chart.destroy(); } };
}

function lagTable(eventStore) {
  const rows = eventStore.progressions;
  return h("div", {},
    h("p", {}, "Highest event sequence ", h("strong", { "data-field": "highest-sequence" }, count(eventStore.highestSequence)),
      eventStore.lastEventAt ? [", last stored ", timeNode(eventStore.lastEventAt, { seconds: true })] : ", no events stored yet", "."),
    rows.length === 0 ? h("p", { class: "muted" }, "No relay or projection has recorded progress yet.")
      : h("table", {}, head("Name", "Kind", { label: "Position", class: "num" }, { label: "Behind", class: "num" }, "Oldest unprocessed event",
        { label: "Progress saved", class: "optional" }),
      h("tbody", {}, rows.map(p => h("tr", { "data-progression": p.name },
        h("td", { class: "mono" }, p.name), h("td", {}, p.kind),
        numberCell("position", p.lastSequence),
        h("td", { class: "num", "data-field": "behind" }, p.behind > 0 ? h("span", { class: "badge paused" }, count(p.behind)) : count(p.behind)),
        h("td", { "data-field": "oldest" }, p.oldestUnprocessedAt ? [duration(p.oldestUnprocessedAgeSeconds), " old (", timeNode(p.oldestUnprocessedAt, { seconds: true }), ")"] : "–"),
        h("td", { class: "optional" }, timeNode(p.lastUpdated, { seconds: true })))))));
}

function brokerProblem(broker) {
  if (!broker.configured) {
    return h("p", { class: "warn", "data-field": "broker-status" },
      "The broker's management API is not configured (RabbitMq:ManagementUrl), so queue depths and dead letters are not shown.");
  }
  if (broker.error) return h("p", { class: "error", "data-field": "broker-status" }, "The broker's figures could not be read: ", broker.error);
  return null;
}

// A queue holding messages without a consumer is flagged, except the dead-letter queues, which nobody consumes.
function queueTable(broker) {
  const problem = brokerProblem(broker);
  if (problem) return problem;
  return h("div", {},
    h("p", { class: "muted" }, "Virtual host ", h("span", { class: "mono" }, broker.virtualHost), " at ", h("span", { class: "mono" }, broker.managementUrl),
      "; the management API's counts lag up to 5 s."),
    broker.queues.length === 0 ? h("p", { class: "muted" }, "No queues in this virtual host.")
      : h("table", {}, head("Queue", { label: "Messages", class: "num" }, { label: "Ready", class: "num optional" },
        { label: "Unacknowledged", class: "num optional" }, { label: "Consumers", class: "num" }),
      h("tbody", {}, broker.queues.map(q => h("tr", { "data-queue": q.name },
        h("td", { class: "mono" }, q.name), numberCell("messages", q.messages), numberCell("ready", q.ready, { class: "num optional" }),
        numberCell("unacknowledged", q.unacknowledged, { class: "num optional" }),
        h("td", { class: "num", "data-field": "consumers" }, q.consumers === 0 && q.messages > 0 && !/_(error|skipped)$/.test(q.name) ? h("span", { class: "badge failed" }, count(q.consumers)) : count(q.consumers)))))));
}

function deadLetterList(broker) {
  const problem = brokerProblem(broker);
  if (problem) return problem;
  const queues = broker.deadLetters.filter(d => d.messages > 0 || d.sample.length > 0);
  if (queues.length === 0) return h("p", { class: "ok" }, "No dead letters: every error and skipped queue is empty.");
  return h("div", {}, queues.map(d => h("div", { "data-dead-letter": d.queue },
    h("h3", {}, h("span", { class: "mono" }, d.queue), " ", h("span", { class: d.kind === "error" ? "badge failed" : "badge paused" }, d.kind),
      " ", h("span", { "data-field": "messages" }, count(d.messages)), d.messages === 1 ? " message" : " messages"),
    d.sample.length === 0 ? null : h("table", {}, head("Message type", "When", "Exception or reason"),
      h("tbody", {}, d.sample.map(m => h("tr", {},
        h("td", { class: "mono" }, m.messageType ?? "unknown type"),
        h("td", {}, timeNode(m.time, { seconds: true })),
        h("td", { "data-field": "exception" }, m.exceptionMessage
          ? [m.exceptionType ? h("span", { class: "mono" }, m.exceptionType, ": ") : null, m.exceptionMessage]
          : (m.reason ?? (d.kind === "skipped" ? "no consumer for this message type on the endpoint" : "–"))))))),
    d.messages > d.sample.length ? h("p", { class: "muted" }, `The first ${count(d.sample.length)} of ${count(d.messages)} are shown.`) : null)));
}

function jobList(jobs) {
  if (!jobs.available) return h("p", { class: "muted", "data-field": "jobs-status" }, "No job endpoints: ", jobs.note ?? "this Api reports no jobs.");
  const note = jobs.note ? h("p", { class: "muted" }, "Shown: ", jobs.note, ".") : null;
  if (jobs.items.length === 0) return h("div", {}, h("p", { "data-field": "jobs-status" }, "No job is running or has finished recently."), note);
  return h("div", {}, note, h("table", {}, head("Job", "State", "Progress", "Started", { label: "Finished", class: "optional" }),
    h("tbody", {}, jobs.items.map(j => {
      const percent = j.total > 0 ? Math.min(100, Math.round(100 * j.done / j.total)) : null;
      const unit = j.kind === "rebuild" ? "events" : "items";
      return h("tr", { "data-job": `${j.kind}:${j.id ?? j.name}` },
        h("td", {}, h("span", { class: "muted" }, j.kind, " "), h("span", { class: "mono" }, j.name)),
        h("td", { "data-field": "state" }, h("span", { class: j.state === "failed" ? "badge failed" : j.state === "running" ? "badge paused" : "badge" }, j.state),
          j.error ? h("div", { class: "error" }, j.error) : null),
        h("td", { "data-field": "progress" }, percent === null ? (j.done === null ? "–" : `${count(j.done)} ${unit}`)
          : [h("progress", { max: 100, value: percent, "aria-label": `${j.kind} ${j.name}` }), " ", `${count(j.done)} of ${count(j.total)} ${unit} (${percent} %)`],
          j.state === "running" && j.ratePerSecond != null ? h("div", { class: "muted", "data-field": "rate" },
            `${count(j.ratePerSecond)} per second`, j.secondsLeft != null ? `, about ${duration(j.secondsLeft)} left` : "") : null),
        h("td", {}, timeNode(j.startedAt)), h("td", { class: "optional" }, timeNode(j.finishedAt)));
    }))));
}

export async function render(main, { isCurrent }) {
  const updated = h("p", { class: "muted", id: "operations-updated" }, "Loading…");
  const stats = h("div", {});
  const chartBox = h("div", { class: "chart", id: "throughput-chart", role: "img", "aria-label": "Pipeline events per minute over the last hour; the same numbers are in the table below" });
  const table = h("div", {});
  const lag = h("div", {});
  const queues = h("div", {});
  const deadLetters = h("div", {});
  const jobs = h("div", {});
  // Cards scroll sideways when a table is wider than the screen: tabindex lets a keyboard reach and scroll them.
  const section = (id, title, ...content) => h("section", { class: "card", "aria-labelledby": id, tabindex: 0 }, h("h2", { id }, title), content);
  main.append(h("h1", {}, "Operations"), updated,
    section("throughput-title", "Pipeline throughput, events per minute", stats, chartBox, table),
    section("lag-title", "Relay and projection lag", lag),
    section("queues-title", "Queues", queues),
    section("dead-letters-title", "Dead letters", deadLetters),
    section("jobs-title", "Rebuilds, backfills and reprocessing", jobs));

  let chart = null;
  async function refresh() {
    const report = await get("/api/admin/operations");
    if (!isCurrent()) return;
    updated.replaceChildren("Updated ", timeNode(report.generatedAt, { seconds: true }), "; refreshes every 5 seconds.");
    stats.replaceChildren(throughputStats(report.throughput));
    if (chart) chart.update(report.throughput);
    else chart = drawChart(chartBox, report.throughput);
    const open = table.querySelector("details")?.open ?? false;
    table.replaceChildren(throughputTable(report.throughput));
    table.querySelector("details").open = open;
    lag.replaceChildren(lagTable(report.eventStore));
    queues.replaceChildren(queueTable(report.broker));
    deadLetters.replaceChildren(deadLetterList(report.broker));
    jobs.replaceChildren(jobList(report.jobs));
  }

  await refresh();
  const timer = setInterval(() => refresh().catch(e => { updated.textContent = `The last refresh failed: ${e.message}`; }), REFRESH_MS);
  return () => { clearInterval(timer); chart?.destroy(); };
}
