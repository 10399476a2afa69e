// Builds DOM nodes without innerHTML: every text from the Api goes in as text, never as markup.

/** h("a", {href: "#/x", onclick: fn}, "text", child) */
export function h(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs ?? {})) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith("on") && typeof value === "function") node.addEventListener(name.slice(2), value);
    else if (name === "class") node.className = value;
    else node.setAttribute(name, value === true ? "" : String(value));
  }
  append(node, children);
  return node;
}

export function append(node, children) {
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

/** An SVG element (the sparklines). */
export function svg(tag, attrs = {}) {
  const node = document.createElementNS("http://www.w3.org/2000/svg", tag);
  for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, String(value));
  return node;
}

/** A table with a header row; rows are arrays of cells (a cell is a node, a string, or {value, class}). */
export function table(caption, headers, rows) {
  const head = h("tr", {}, headers.map(x => typeof x === "string" ? h("th", { scope: "col" }, x) : h("th", { scope: "col", class: x.class }, x.label)));
  const body = rows.map(cells => h("tr", {}, cells.map(c =>
    c !== null && typeof c === "object" && !(c instanceof Node) && !Array.isArray(c) ? h("td", { class: c.class }, c.value) : h("td", {}, c))));
  return h("table", {}, caption ? h("caption", { class: "muted" }, caption) : null, h("thead", {}, head), h("tbody", {}, body));
}

export function field(id, labelText, control, hint) {
  control.id = id;
  const hintNode = hint ? h("div", { id: id + "-hint", class: "muted" }, hint) : null;
  if (hintNode) control.setAttribute("aria-describedby", hintNode.id);
  return h("div", { class: "field" }, h("label", { for: id }, labelText), control, hintNode);
}
