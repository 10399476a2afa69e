// Edit one subscription: its query (backfilled over stored history by the Api), its delivery addresses, a pause or
// mute with an end and a reason. Every change carries If-Match with the version this page read: 412 means someone
// changed it meanwhile, and the page reloads instead of overwriting.
import { api } from "../api.js";
import { h, field } from "../dom.js";
import { timeNode, timeZone } from "../format.js";
import { queryField } from "../query-field.js";
import { stateBadge } from "./subscriptions.js";

export async function render(main, { args: [id] }) {
  const { data: s, response } = await api(`/api/subscriptions/${id}`, { withResponse: true });
  let etag = response.headers.get("ETag") ?? "*";
  const status = h("p", { role: "status", class: "muted" });

  async function send(path, method, body, reload = false) {
    try {
      const answer = await api(path, { method, body, headers: { "If-Match": etag }, withResponse: true });
      etag = answer.response.headers.get("ETag") ?? etag;
      status.className = "ok";
      status.textContent = "Saved.";
      if (reload) location.hash = `#/subscriptions/${id}/edit?saved=${Date.now()}`;
      return answer.data;
    } catch (e) {
      status.className = "error";
      status.textContent = e.status === 412 ? "Someone changed this subscription meanwhile; reload the page to see the latest version." : e.message;
      throw e;
    }
  }

  const query = queryField("edit-query", { value: s.query, preview: true });
  const queryForm = h("form", { "aria-labelledby": "edit-query-title" }, h("h2", { id: "edit-query-title" }, "Query"),
    query.element, h("p", { class: "muted" }, "A new query matches new articles at once and is run over the stored history (backfilled alerts are shown, never pushed)."),
    h("button", { type: "submit" }, "Save query"));
  queryForm.addEventListener("submit", async event => {
    event.preventDefault();
    try { await send(`/api/subscriptions/${id}`, "PUT", { query: query.input.value.trim() }); }
    catch (e) { if (e.position) query.showError(e); }
  });

  const d = s.delivery ?? { immediate: true };
  const pad = n => String(n).padStart(2, "0");
  const webhook = h("input", { type: "url", value: s.webhookUrl ?? "" });
  const email = h("input", { type: "email", value: d.email ?? "" });
  // The Slack URL is a credential: the Api never shows it back, so an empty box keeps the stored one.
  const slack = h("input", { type: "password", autocomplete: "off", spellcheck: "false",
    placeholder: d.slack ? "set; type a new URL to replace it" : "https://hooks.slack.com/services/…" });
  const slackRemove = h("input", { type: "checkbox", id: "edit-slack-remove", disabled: !d.slack });
  const immediate = h("input", { type: "checkbox", id: "edit-immediate", checked: d.immediate !== false });
  const frequency = h("select", {}, ["none", "hourly", "daily", "weekly"].map(f =>
    h("option", { value: f, selected: (d.digest?.frequency?.toLowerCase() ?? "none") === f }, f)));
  const digestTime = h("input", { type: "time", value: d.digest ? `${pad(d.digest.hour)}:${pad(d.digest.minute)}` : "08:00" });
  const digestZone = h("input", { type: "text", value: d.digest?.timeZone ?? timeZone, spellcheck: "false" });
  const digestDay = h("select", {}, ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"].map(day =>
    h("option", { value: day, selected: (d.digest?.day ?? "Monday") === day }, day)));
  const spike = h("input", { type: "checkbox", id: "edit-spike", checked: Boolean(d.spike) });
  const sigmas = h("input", { type: "number", min: 0.5, step: 0.5, value: d.spike?.sigmas ?? 3 });
  const minimum = h("input", { type: "number", min: 1, step: 1, value: d.spike?.minimumCount ?? 5 });
  const deliveryForm = h("form", { "aria-labelledby": "edit-delivery-title" }, h("h2", { id: "edit-delivery-title" }, "Delivery"),
    h("div", { class: "row" }, field("edit-webhook", "Webhook URL", webhook), field("edit-email", "E-mail", email)),
    h("div", { class: "row" }, field("edit-slack", `Slack incoming-webhook URL (${d.slack ? "set" : "not set"})`, slack),
      h("div", { class: "field" }, slackRemove, " ", h("label", { for: "edit-slack-remove", class: "inline" }, "Remove Slack"))),
    h("div", { class: "field" }, immediate, " ", h("label", { for: "edit-immediate", class: "inline" }, "Push each new story at once")),
    h("div", { class: "row" }, field("edit-digest", "Digest", frequency), field("edit-digest-time", "At (HH:mm)", digestTime),
      field("edit-digest-zone", "Time zone", digestZone), field("edit-digest-day", "Day (weekly)", digestDay)),
    h("div", { class: "field" }, spike, " ", h("label", { for: "edit-spike", class: "inline" }, "Tell me when coverage spikes")),
    h("div", { class: "row" }, field("edit-sigmas", "Spike: standard deviations above the hourly mean", sigmas), field("edit-minimum", "Spike: at least this many matches in an hour", minimum)),
    h("p", { class: "muted" }, "An empty webhook or e-mail removes that channel; an empty Slack box keeps the stored URL (it is never shown). A digest or a spike watch needs a channel."),
    h("button", { type: "submit" }, "Save delivery"));
  const secret = h("div", { "aria-live": "polite" });
  deliveryForm.addEventListener("submit", async event => {
    event.preventDefault();
    const body = {
      webhookUrl: webhook.value.trim() || null,
      email: email.value.trim() || null,
      ...(slackRemove.checked ? { slackUrl: null } : slack.value.trim() ? { slackUrl: slack.value.trim() } : {}),
      immediate: immediate.checked,
      digest: frequency.value === "none" ? null
        : { frequency: frequency.value, time: digestTime.value, timeZone: digestZone.value.trim(), ...(frequency.value === "weekly" ? { day: digestDay.value } : {}) },
      spike: spike.checked ? { sigmas: Number(sigmas.value), minimumCount: Number(minimum.value) } : null,
    };
    const answer = await send(`/api/subscriptions/${id}/delivery`, "PATCH", body).catch(() => null);
    if (answer?.webhookSecret) secret.replaceChildren(h("p", {}, "New webhook signing secret (shown only now): ", h("code", {}, answer.webhookSecret)));
  });

  const until = h("input", { type: "datetime-local" });
  const reason = h("input", { type: "text", maxlength: 500 });
  const mute = h("input", { type: "checkbox", id: "edit-mute" });
  const pauseForm = h("form", { "aria-labelledby": "edit-pause-title" }, h("h2", { id: "edit-pause-title" }, "Pause or mute"),
    h("p", {}, "Now: ", stateBadge(s), s.pauseReason ? ` (${s.pauseReason})` : ""),
    h("div", { class: "row" }, field("edit-until", "Until (optional, your time)", until), field("edit-reason", "Reason (optional)", reason)),
    h("div", { class: "field" }, mute, " ", h("label", { for: "edit-mute", class: "inline" }, "Mute instead: record alerts but push nothing")),
    h("div", { class: "actions" }, h("button", { type: "submit" }, "Pause"),
      h("button", { type: "button", class: "secondary", onclick: () => send(`/api/subscriptions/${id}/resume`, "POST", {}, true).catch(() => {}) }, "Resume")));
  pauseForm.addEventListener("submit", event => {
    event.preventDefault();
    const body = { keepRecording: mute.checked };
    if (until.value) body.until = new Date(until.value).toISOString();
    if (reason.value.trim()) body.reason = reason.value.trim();
    send(`/api/subscriptions/${id}/pause`, "POST", body, true).catch(() => {});
  });

  main.append(
    h("p", {}, h("a", { href: `#/subscriptions/${id}` }, "← Alerts of ", s.name)),
    h("h1", {}, "Edit ", s.name),
    h("p", { class: "muted" }, "Created ", timeNode(s.createdAt), s.queryChangedAt ? [", query changed ", timeNode(s.queryChangedAt)] : "", "."),
    status,
    h("section", { class: "card" }, queryForm),
    h("section", { class: "card" }, deliveryForm, secret),
    h("section", { class: "card" }, pauseForm));
}
