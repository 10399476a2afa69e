// An article: its text with the tagged entities marked by type, its story, and its event history as a timeline
// (discovered, fetched, deduplicated, tagged, then the alerts its story raised) with the version that decided each step.
import { get, alertsBySubscription } from "../api.js";
import { h, table } from "../dom.js";
import { timeNode } from "../format.js";
import { asOfForm, asOfInstant, asOfQuery } from "../as-of.js";

const STEPS = {
  ArticleDiscovered: d => ["Discovered", `in ${d.feedTitle ? `the feed “${d.feedTitle}”` : "a source"}`],
  ArticleFetched: d => ["Fetched", `“${d.title}”${d.language ? ` (${d.language})` : ""}`],
  ArticleFetchFailed: d => ["Fetch failed", d.reason],
  ArticleDeduplicated: d => ["Deduplicated", d.verdict === "Original" ? "an original: starts its story"
    : `a copy (similarity ${new Intl.NumberFormat(undefined, { style: "percent" }).format(d.similarity)})`],
  EntitiesTagged: d => ["Tagged", `${d.entities.length} ${d.entities.length === 1 ? "entity" : "entities"}${d.reprocessingId ? " (reprocessing)" : ""}`],
};

/** The versions an event names (crawlerVersion, dedupVersion, taggerVersion, matcherVersion…): what decided the step. */
export function versionsOf(data) {
  return Object.entries(data ?? {}).filter(([k, v]) => /Version$/.test(k) && v).map(([k, v]) => `${k.replace(/Version$/, "")} ${v}`);
}

/** The text split into plain runs and entity mentions (surface forms, longest first, whole words, any case). */
export function markEntities(text, entities) {
  const forms = new Map();
  for (const e of entities) for (const f of [e.name, ...(e.surfaceForms ?? [])]) if (f && f.length > 1) forms.set(f.toLowerCase(), e);
  if (forms.size === 0) return [text];
  const escaped = [...forms.keys()].sort((a, b) => b.length - a.length).map(f => f.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
  const pattern = new RegExp(`(?<![\\p{L}\\p{N}])(${escaped.join("|")})(?![\\p{L}\\p{N}])`, "giu");
  const parts = [];
  let at = 0;
  for (const m of text.matchAll(pattern)) {
    if (m.index > at) parts.push(text.slice(at, m.index));
    const e = forms.get(m[0].toLowerCase());
    parts.push(h("mark", { class: `entity entity-${e.type}`, title: `${e.name} (${e.type})` }, m[0]));
    at = m.index + m[0].length;
  }
  parts.push(text.slice(at));
  return parts;
}

/** The contract's name of a stored event type ("entities_tagged" as stored, "EntitiesTagged" in the contracts). */
export function contractName(type) {
  return type.includes("_") ? type.split("_").map(w => w.charAt(0).toUpperCase() + w.slice(1)).join("") : type;
}

export async function render(main, { args: [id], params }) {
  const article = await get(`/api/articles/${id}${asOfQuery(params)}`);
  const then = asOfInstant(params);
  const steps = article.events.map(e => {
    const type = contractName(e.type);
    const [step, detail] = (STEPS[type] ?? (() => [type, ""]))(e.data);
    return { at: e.timestamp, step, detail, versions: versionsOf(e.data), kind: type === "ArticleFetchFailed" ? "failed" : "event", version: e.version };
  });
  if (article.storyId) {
    const subscriptions = await get("/api/subscriptions");
    const alerts = await alertsBySubscription(subscriptions);
    for (const s of subscriptions) {
      for (const a of (alerts.get(s.id) ?? []).filter(x => x.storyId === article.storyId && (!then || new Date(x.raisedAt) <= then))) {
        const delivered = a.deliveredChannels.length ? `, delivered by ${a.deliveredChannels.join(", ")}` : a.backfilled ? ", backfilled (not pushed)" : "";
        steps.push({ at: a.raisedAt, step: "Alerted", detail: `“${s.name}”: ${a.copies} ${a.copies === 1 ? "copy" : "copies"}${delivered}`,
          versions: a.matcherVersion ? [`matcher ${a.matcherVersion}`] : [], kind: "alerted", link: `#/subscriptions/${s.id}` });
      }
    }
  }
  steps.sort((a, b) => new Date(a.at) - new Date(b.at));

  const timeline = h("ol", { class: "timeline", id: "article-timeline", "aria-label": "Event history" }, steps.map(s =>
    h("li", { class: `step-${s.kind}`, "data-step": s.step },
      h("span", { class: "step" }, s.step), " ", timeNode(s.at, { seconds: true }),
      s.version ? h("span", { class: "muted" }, ` · event #${s.version}`) : "",
      h("div", {}, s.link ? h("a", { href: s.link }, s.detail) : s.detail),
      s.versions.length ? h("div", { class: "muted mono" }, "decided by ", s.versions.join(", ")) : null)));

  const text = (article.text ?? "").slice(0, 20000);
  main.append(
    h("h1", {}, article.title ?? article.url ?? "Article"),
    asOfForm(`/articles/${id}`, params),
    h("section", { class: "card" }, h("dl", { class: "facts" },
      h("dt", {}, "Outlet"), h("dd", {}, article.siteName ?? "–"),
      h("dt", {}, "Published"), h("dd", {}, timeNode(article.publishedAt)),
      h("dt", {}, "Address"), h("dd", {}, article.url ? h("a", { href: article.url, rel: "noopener noreferrer", target: "_blank" }, article.url) : "–"),
      h("dt", {}, "State"), h("dd", {}, article.status, article.failureReason ? ` (${article.failureReason})` : ""),
      h("dt", {}, "Story"), h("dd", {}, article.storyId ? h("a", { href: `#/stories/${article.storyId}${params.get("asOf") ? "?asOf=" + encodeURIComponent(params.get("asOf")) : ""}` },
        article.verdict === "DuplicateOf" ? "a copy: see the story" : "the original: see the story") : "not yet deduplicated"))),
    h("div", { class: "columns" },
      h("section", { class: "card", "aria-labelledby": "article-history-title" }, h("h2", { id: "article-history-title" }, "History"), timeline),
      h("section", { class: "card", "aria-labelledby": "article-entities-title" }, h("h2", { id: "article-entities-title" }, "Entities"),
        article.entities.length === 0 ? h("p", { class: "muted" }, "None tagged.")
          : table(null, ["Entity", "Type", { label: "Mentions", class: "num" }], [...article.entities].sort((a, b) => b.mentions - a.mentions).map(e => [
            h("span", { class: `entity entity-${e.type}` }, e.name), e.type, { class: "num", value: e.mentions }])))),
    h("section", { class: "card", "aria-labelledby": "article-text-title" }, h("h2", { id: "article-text-title" }, "Text"),
      text ? h("div", { class: "article-text", tabindex: 0, role: "region", "aria-label": "Article text" }, markEntities(text, article.entities)) : h("p", { class: "muted" }, "Not fetched yet.")));
}
