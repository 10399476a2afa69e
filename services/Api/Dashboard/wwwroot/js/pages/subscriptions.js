// Subscriptions: each with its state, alert count and last alert; a form to create one with live query checking;
// pause and resume sent with If-Match (the version just read), so a change made elsewhere meanwhile is not overwritten.
import { api, get, post, alertsBySubscription } from "../api.js";
import { h, field, table } from "../dom.js";
import { count, timeNode, ago } from "../format.js";
import { queryField } from "../query-field.js";

export function stateBadge(s) {
  if (s.paused) return h("span", { class: "badge paused" }, "paused", s.pausedUntil ? " until " + new Date(s.pausedUntil).toLocaleString() : "");
  if (s.muted) return h("span", { class: "badge muted" }, "muted", s.pausedUntil ? " until " + new Date(s.pausedUntil).toLocaleString() : "");
  return h("span", { class: "badge" }, "active");
}

/** POST .../pause or .../resume at the version just read (412 if it changed in between). */
export async function setPaused(id, pause, options = {}) {
  const { response } = await api(`/api/subscriptions/${id}`, { withResponse: true });
  await post(`/api/subscriptions/${id}/${pause ? "pause" : "resume"}`, pause ? options : {}, { "If-Match": response.headers.get("ETag") ?? "*" });
}

export async function render(main, { isCurrent }) {
  const listSection = h("section", { class: "card", "aria-labelledby": "subs-title" }, h("h2", { id: "subs-title" }, "Your subscriptions"));
  const listBody = h("div", { "aria-live": "polite" }, h("p", { class: "muted" }, "Loading…"));
  listSection.append(listBody);
  const actionStatus = h("p", { class: "muted", role: "status" });

  async function refresh() {
    const subscriptions = await get("/api/subscriptions");
    const alerts = await alertsBySubscription(subscriptions);
    if (!isCurrent()) return;
    if (subscriptions.length === 0) {
      listBody.replaceChildren(h("p", { class: "muted" }, "No subscriptions yet: create one below."));
      return;
    }
    const rows = subscriptions.map(s => {
      const list = alerts.get(s.id) ?? [];
      const last = list.reduce((a, b) => (a === null || new Date(b.raisedAt) > new Date(a.raisedAt) ? b : a), null);
      const toggle = h("button", { type: "button", class: "secondary", "data-subscription": s.id },
        s.paused || s.muted ? "Resume" : "Pause");
      toggle.setAttribute("aria-label", `${s.paused || s.muted ? "Resume" : "Pause"} ${s.name}`);
      toggle.addEventListener("click", async () => {
        toggle.disabled = true;
        try {
          await setPaused(s.id, !(s.paused || s.muted));
          actionStatus.textContent = `${s.name}: ${s.paused || s.muted ? "resumed" : "paused"}.`;
          await refresh();
        } catch (e) {
          actionStatus.textContent = `${s.name}: ${e.message}`;
          toggle.disabled = false;
        }
      });
      return [
        h("a", { href: `#/subscriptions/${s.id}` }, s.name),
        h("code", {}, s.query),
        stateBadge(s),
        { class: "num", value: h("span", { "data-alert-count": s.id }, count(list.length)) },
        last ? h("span", {}, h("a", { href: `#/stories/${last.storyId}` }, last.title || last.url), h("br"), timeNode(last.raisedAt), " ",
          h("span", { class: "muted" }, ago(last.raisedAt))) : h("span", { class: "muted" }, "none yet"),
        h("div", { class: "actions" }, h("a", { href: `#/subscriptions/${s.id}/edit`, "aria-label": `Edit ${s.name}` }, "Edit"), toggle),
      ];
    });
    listBody.replaceChildren(table(null, ["Name", "Query", "State", { label: "Alerts", class: "num" }, "Last alert", "Actions"], rows));
  }

  const name = h("input", { type: "text", name: "name", required: true, maxlength: 200, autocomplete: "off" });
  const query = queryField("new-query", { preview: true });
  const webhook = h("input", { type: "url", name: "webhookUrl", autocomplete: "off", placeholder: "https://…" });
  const email = h("input", { type: "email", name: "email", autocomplete: "email" });
  const formError = h("p", { id: "create-error", class: "error", role: "alert" });
  const created = h("div", { "aria-live": "polite" });
  const submit = h("button", { type: "submit" }, "Create subscription");
  const form = h("form", { "aria-labelledby": "create-title", novalidate: true },
    h("h2", { id: "create-title" }, "New subscription"),
    field("new-name", "Name", name),
    query.element,
    h("div", { class: "row" }, field("new-webhook", "Webhook URL (optional)", webhook), field("new-email", "E-mail (optional)", email)),
    submit, formError, created);
  form.addEventListener("submit", async event => {
    event.preventDefault();
    formError.textContent = "";
    created.replaceChildren();
    if (!name.value.trim()) { formError.textContent = "Give the subscription a name."; name.focus(); return; }
    submit.disabled = true;
    try {
      const body = { name: name.value.trim(), query: query.input.value.trim() };
      if (webhook.value.trim()) body.webhookUrl = webhook.value.trim();
      if (email.value.trim()) body.email = email.value.trim();
      const subscription = await post("/api/subscriptions", body);
      created.append(h("p", { class: "ok" }, "Created ", h("a", { href: `#/subscriptions/${subscription.id}` }, subscription.name), "."));
      if (subscription.webhookSecret) {
        created.append(h("p", {}, "Webhook signing secret (shown only now): ", h("code", {}, subscription.webhookSecret)));
      }
      form.reset();
      await refresh();
    } catch (e) {
      if (e.position) { query.showError(e); query.input.focus(); query.input.setSelectionRange(e.position - 1, e.position - 1); }
      else formError.textContent = e.message;
    } finally {
      submit.disabled = false;
    }
  });

  main.append(h("h1", {}, "Subscriptions"), actionStatus, listSection, h("section", { class: "card" }, form));
  await refresh();
  const timer = setInterval(() => refresh().catch(e => { actionStatus.textContent = e.message; }), 10000);
  return () => clearInterval(timer);
}
