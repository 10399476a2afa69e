// A query input checked as the analyst types (POST /api/queries/validate): the Api's message and a caret under the
// 1-based character it names, the same answer creation, a query change and coverage give.
import { get, post, ApiError } from "./api.js";
import { h } from "./dom.js";
import { count } from "./format.js";

/** What a query would have matched over the last 30 days (the coverage endpoint's defaults), as one line with links. */
async function previewOf(text) {
  const report = await get("/api/coverage?" + new URLSearchParams({ query: text, interval: "week" }));
  const latest = report.latest
    ? ["; latest: ", h("a", { href: `#/articles/${report.latest.articleId}` }, report.latest.title ?? report.latest.articleId), report.latest.outlet ? ` (${report.latest.outlet})` : ""]
    : "";
  return [`Over the last 30 days it would have matched ${count(report.articles)} ${report.articles === 1 ? "article" : "articles"} in ${count(report.stories)} ${report.stories === 1 ? "story" : "stories"}`,
    latest, " · ", h("a", { href: "#/coverage?" + new URLSearchParams({ query: text }) }, "coverage")];
}

export function queryField(id, { label = "Query", value = "", required = true, preview = false } = {}) {
  const input = h("input", { id, name: "query", type: "text", value, required, maxlength: 500, autocomplete: "off", spellcheck: "false",
    placeholder: 'NATO Kazakhstan, "exact phrase", entity:"Dmitry Peskov", sanction* NOT sport' });
  const status = h("div", { id: id + "-status", class: "muted", "aria-live": "polite" });
  const echo = h("pre", { id: id + "-echo", class: "query-echo", hidden: true, "aria-hidden": "true" });
  const previewNode = h("div", { id: id + "-preview", class: "muted", "aria-live": "polite", hidden: true });
  input.setAttribute("aria-describedby", status.id);
  let timer = 0;
  let checked = null; // the text last answered, and its verdict
  let last = Promise.resolve(true);

  function showError(error) {
    const position = error instanceof ApiError ? error.position : null;
    input.setAttribute("aria-invalid", "true");
    status.className = "error";
    status.textContent = position ? `Error at character ${position}: ${error.problem.message ?? error.message}` : error.message;
    if (position) {
      const text = input.value;
      echo.replaceChildren(text, "\n", " ".repeat(Math.max(0, position - 1)), h("span", { class: "caret" }, "^"));
      echo.hidden = false;
    } else {
      echo.hidden = true;
    }
  }

  function showPreview(text) {
    previewNode.hidden = true;
    if (!preview) return;
    const show = parts => {
      if (input.value.trim() !== text) return;
      previewNode.replaceChildren(...parts);
      previewNode.hidden = false;
    };
    previewOf(text).then(parts => show(parts.flat()), error => show(["No preview: " + error.message]));
  }

  function showValid(canonical) {
    input.removeAttribute("aria-invalid");
    status.className = "ok";
    status.textContent = "Valid query: " + canonical;
    echo.hidden = true;
  }

  /** Checks the current text (once per distinct text); true when it parses. */
  function validate() {
    const text = input.value.trim();
    if (checked?.text === text) return checked.verdict;
    if (text === "") {
      input.removeAttribute("aria-invalid");
      status.className = "muted";
      status.textContent = required ? "Enter a query." : "";
      echo.hidden = true;
      return Promise.resolve(!required);
    }
    status.className = "muted";
    status.textContent = "Checking…";
    const verdict = post("/api/queries/validate", { query: text }).then(
      answer => { if (input.value.trim() === text) { showValid(answer.canonical); showPreview(text); } return true; },
      error => { if (input.value.trim() === text) { showError(error); previewNode.hidden = true; } return false; });
    checked = { text, verdict };
    last = verdict;
    return verdict;
  }

  input.addEventListener("input", () => { clearTimeout(timer); timer = setTimeout(validate, 300); });
  input.addEventListener("blur", () => { clearTimeout(timer); validate(); });
  if (value) validate();
  return {
    input,
    element: h("div", { class: "field" }, h("label", { for: id }, label), input, status, echo, previewNode),
    validate,
    showError,
    get pending() { return last; },
  };
}
