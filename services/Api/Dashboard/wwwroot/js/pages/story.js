// A story: its articles (original and copies), outlets and entities, first and last seen.
import { get } from "../api.js";
import { h, table } from "../dom.js";
import { count, timeNode } from "../format.js";
import { asOfForm, asOfQuery } from "../as-of.js";

export async function render(main, { args: [id], params }) {
  const story = await get(`/api/stories/${id}${asOfQuery(params)}`);
  const keepAsOf = params.get("asOf") ? "?asOf=" + encodeURIComponent(params.get("asOf")) : "";
  const original = story.articles.find(a => a.verdict === "Original") ?? story.articles[0];
  main.append(
    h("h1", {}, original?.title ?? "Story"),
    asOfForm(`/stories/${id}`, params),
    h("div", { class: "stats" },
      h("div", { class: "stat" }, h("div", { class: "muted" }, "Articles"), h("div", { class: "value", id: "story-articles" }, count(story.articleCount))),
      h("div", { class: "stat" }, h("div", { class: "muted" }, "Outlets"), h("div", { class: "value" }, count(story.outlets.length))),
      h("div", { class: "stat" }, h("div", { class: "muted" }, "First seen"), h("div", {}, timeNode(story.firstSeen))),
      h("div", { class: "stat" }, h("div", { class: "muted" }, "Last seen"), h("div", {}, timeNode(story.lastSeen)))),
    h("section", { class: "card", "aria-labelledby": "story-articles-title" }, h("h2", { id: "story-articles-title" }, "Articles"),
      table(null, ["Title", "Outlet", "Published", "Verdict"], story.articles.map(a => [
        h("a", { href: `#/articles/${a.articleId}${keepAsOf}` }, a.title || a.url),
        a.outlet ?? "–",
        timeNode(a.at),
        a.verdict ? h("span", { class: a.verdict === "Original" ? "badge" : "badge muted" }, a.verdict === "DuplicateOf" ? "copy" : "original") : "–",
      ]))),
    h("div", { class: "columns" },
      h("section", { class: "card", "aria-labelledby": "story-outlets-title" }, h("h2", { id: "story-outlets-title" }, "Outlets"),
        table(null, ["Outlet", { label: "Articles", class: "num" }], story.outlets.map(o => [o.outlet, { class: "num", value: count(o.articles) }]))),
      h("section", { class: "card", "aria-labelledby": "story-entities-title" }, h("h2", { id: "story-entities-title" }, "Entities"),
        story.entities.length === 0 ? h("p", { class: "muted" }, "None tagged.")
          : table(null, ["Entity", "Type", { label: "Articles", class: "num" }], story.entities.map(e => [
            h("span", { class: `entity entity-${e.type}` }, e.name), e.type, { class: "num", value: count(e.articles) }])))));
}
