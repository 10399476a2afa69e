// One subscription's alert inbox: one row per story (copies, outlets, first seen, where it went), refreshed every 5 s.
import { get } from "../api.js";
import { h, table } from "../dom.js";
import { count, timeNode, ago } from "../format.js";
import { stateBadge } from "./subscriptions.js";

function delivery(alert) {
  const parts = [];
  if (alert.deliveredChannels.length) parts.push(h("div", { class: "ok" }, "delivered: ", alert.deliveredChannels.join(", ")));
  if (alert.deadLetteredChannels.length) parts.push(h("div", { class: "error" }, "failed: ", alert.lastDeliveryError ?? alert.deadLetteredChannels.join(", ")));
  else if (alert.lastDeliveryError && !alert.deliveredAt) parts.push(h("div", { class: "warn" }, "retrying: ", alert.lastDeliveryError));
  if (alert.skippedChannels.length) parts.push(h("div", { class: "muted" }, "skipped: ", alert.skipReason ?? alert.skippedChannels.join(", ")));
  if (alert.backfilled) parts.push(h("span", { class: "badge muted", title: "found in stored history when the query was set: shown, never pushed" }, "backfilled"));
  return parts.length ? parts : h("span", { class: "muted" }, "no channel");
}

export async function render(main, { args: [id], isCurrent }) {
  const s = await get(`/api/subscriptions/${id}`);
  const coverageLink = `#/coverage?query=${encodeURIComponent(s.query)}`;
  const body = h("div", { "aria-live": "polite" });
  const updated = h("p", { class: "muted" });
  const noticeBody = h("div", { "aria-live": "polite" });
  main.append(
    h("p", {}, h("a", { href: "#/subscriptions" }, "← Subscriptions")),
    h("h1", {}, s.name, " ", stateBadge(s)),
    h("p", {}, "Query ", h("code", {}, s.query), " · ", h("a", { href: coverageLink }, "coverage of this query"), " · ",
      h("a", { href: `#/subscriptions/${id}/edit` }, "edit")),
    h("section", { class: "card", "aria-labelledby": "inbox-title" }, h("h2", { id: "inbox-title" }, "Alerts"), body, updated),
    h("section", { class: "card", "aria-labelledby": "notices-title" }, h("h2", { id: "notices-title" }, "Digests and spike notices"), noticeBody));

  async function refresh() {
    const alerts = await get(`/api/subscriptions/${id}/alerts`);
    if (!isCurrent()) return;
    alerts.sort((a, b) => new Date(b.raisedAt) - new Date(a.raisedAt));
    body.replaceChildren(alerts.length === 0
      ? h("p", { class: "muted" }, "No alerts yet. New matching stories appear here within seconds.")
      : table(null, ["Story", { label: "Copies", class: "num" }, "Outlets", "First seen", { label: "Last copy", class: "optional" }, "Delivery"],
        alerts.map(a => [
          h("div", {}, h("a", { href: `#/stories/${a.storyId}`, "data-story": a.storyId }, a.title || a.url),
            h("div", { class: "muted" }, h("a", { href: `#/articles/${a.firstArticleId}` }, "first article"))),
          { class: "num", value: h("span", { "data-copies": a.storyId }, count(a.copies)) },
          h("span", {}, count(a.outlets), a.outletNames.length ? h("div", { class: "muted" }, a.outletNames.join(", ")) : null),
          h("span", {}, timeNode(a.raisedAt), h("div", { class: "muted" }, ago(a.raisedAt))),
          { class: "optional", value: a.updatedAt ? timeNode(a.updatedAt) : "–" },
          delivery(a),
        ])));
    const notices = await get(`/api/subscriptions/${id}/notices`);
    if (!isCurrent()) return;
    notices.sort((a, b) => new Date(b.createdAt) - new Date(a.createdAt));
    noticeBody.replaceChildren(notices.length === 0
      ? h("p", { class: "muted" }, "No digests or spike notices yet.")
      : table(null, ["What", "Period", "Sent", "Delivery"], notices.map(n => [
        n.kind === "spike"
          ? `Spike: ${count(n.spikeCount)} matches in an hour (usual ${new Intl.NumberFormat(undefined, { maximumFractionDigits: 1 }).format(n.baselineMean ?? 0)}, threshold ${new Intl.NumberFormat(undefined, { maximumFractionDigits: 1 }).format(n.threshold ?? 0)})`
          : `Digest of ${count(n.stories.length)} ${n.stories.length === 1 ? "story" : "stories"}`,
        h("span", {}, timeNode(n.periodStart), " – ", timeNode(n.periodEnd)),
        timeNode(n.createdAt),
        delivery({ deliveredChannels: n.sentChannels, deadLetteredChannels: n.deadLetteredChannels, skippedChannels: n.skippedChannels,
          lastDeliveryError: n.lastDeliveryError, deliveredAt: n.sentChannels.length ? n.createdAt : null }),
      ])));
    updated.textContent = `Updated ${new Date().toLocaleTimeString()}; refreshes every 5 seconds.`;
  }

  await refresh();
  const timer = setInterval(() => refresh().catch(e => { updated.textContent = e.message; }), 5000);
  return () => clearInterval(timer);
}
