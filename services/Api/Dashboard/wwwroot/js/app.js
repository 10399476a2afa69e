// The dashboard's router: hash routes (#/path?query) to page modules, the sign-in guard, the 401 banner and the
// navigation of the key's role (a tenant's pages, or Operations for the admin key).
import { session, onUnauthorized } from "./api.js";
import { timeZone } from "./format.js";
import { showBanner } from "./banner.js";
import * as signIn from "./pages/sign-in.js";
import * as subscriptions from "./pages/subscriptions.js";
import * as subscriptionEdit from "./pages/subscription-edit.js";
import * as inbox from "./pages/inbox.js";
import * as story from "./pages/story.js";
import * as coverage from "./pages/coverage.js";
import * as article from "./pages/article.js";
import * as sources from "./pages/sources.js";
import * as operations from "./pages/operations.js";

const GUID = "([0-9a-fA-F-]{36})";
const routes = [
  [/^\/signin$/, signIn, "Sign in"],
  [/^\/subscriptions$/, subscriptions, "Subscriptions"],
  [new RegExp(`^/subscriptions/${GUID}/edit$`), subscriptionEdit, "Edit subscription"],
  [new RegExp(`^/subscriptions/${GUID}$`), inbox, "Alerts"],
  [new RegExp(`^/stories/${GUID}$`), story, "Story"],
  [/^\/coverage$/, coverage, "Coverage"],
  [new RegExp(`^/articles/${GUID}$`), article, "Article"],
  [/^\/sources$/, sources, "Sources"],
  [/^\/operations$/, operations, "Operations"],
];

const main = document.getElementById("main-content");
const nav = document.getElementById("nav");
const signOutButton = document.getElementById("sign-out");
let cleanup = null;
let generation = 0;

onUnauthorized(error => {
  session.signOut();
  showBanner(`The Api refused this key (401): ${error.message}. Sign in with a valid key.`);
  if (!location.hash.startsWith("#/signin")) location.hash = "#/signin";
});

signOutButton.addEventListener("click", () => {
  session.signOut();
  showBanner("");
  location.hash = "#/signin";
});

document.getElementById("skip-link").addEventListener("click", event => { event.preventDefault(); main.focus(); });
document.getElementById("footer").textContent = `Times are shown in ${timeZone}.`;

async function route() {
  const home = session.role === "admin" ? "/operations" : "/subscriptions";
  const hash = location.hash.startsWith("#/") && location.hash.length > 2 ? location.hash.slice(1) : home;
  const [path, search = ""] = hash.split("?", 2);
  const params = new URLSearchParams(search);
  if (!session.signedIn && path !== "/signin") { location.replace("#/signin"); return; }
  if (session.signedIn && path === "/signin") { location.replace("#" + home); return; }
  nav.hidden = signOutButton.hidden = !session.signedIn;
  for (const link of nav.querySelectorAll("a")) {
    // The admin key reads no tenant's data and a tenant's key no operations report: each sees its own pages only.
    link.hidden = link.dataset.role !== session.role;
    const section = link.getAttribute("href").slice(1);
    if (path === section || path.startsWith(section + "/")) link.setAttribute("aria-current", "page");
    else link.removeAttribute("aria-current");
  }
  cleanup?.();
  cleanup = null;
  const found = routes.find(([pattern]) => pattern.test(path));
  const mine = ++generation;
  // Each render draws into its own view: one the analyst has left (a render still waiting for the Api when the hash
  // changed) then draws into a view that is no longer in the page, not into the next page's.
  const view = Object.assign(document.createElement("div"), { className: "view" });
  main.replaceChildren(view);
  if (!found) {
    view.append(Object.assign(document.createElement("h1"), { textContent: "Not found" }));
    return;
  }
  const [pattern, page, title] = found;
  document.title = `${title} · MediaMonitor`;
  const args = pattern.exec(path).slice(1);
  try {
    const done = await page.render(view, { args, params, isCurrent: () => mine === generation });
    if (mine === generation) cleanup = typeof done === "function" ? done : null;
    else if (typeof done === "function") done();
  } catch (error) {
    if (mine !== generation) return;
    const p = document.createElement("p");
    p.className = "error";
    p.setAttribute("role", "alert");
    p.textContent = error.message;
    view.append(p);
  }
  if (mine === generation && document.activeElement === document.body) main.focus({ preventScroll: true });
}

window.addEventListener("hashchange", route);
route();
