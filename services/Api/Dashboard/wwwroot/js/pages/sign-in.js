// Sign in with an API key: kept in sessionStorage (gone when the tab closes), checked against the Api before use. A
// tenant's key opens the analysts' pages; the operator's (admin) key, which reads no tenant's data, the Operations page.
import { session, get } from "../api.js";
import { showBanner } from "../banner.js";
import { h, field } from "../dom.js";

/** The operator's key reads no tenant's data (403 above) but does read the operations report. */
async function isAdminKey(value) {
  session.signIn(value, "admin");
  try {
    await get("/api/admin/operations");
    return true;
  } catch {
    return false;
  }
}

export async function render(main) {
  const key = h("input", { type: "password", name: "apiKey", autocomplete: "off", required: true, spellcheck: "false" });
  const error = h("p", { id: "sign-in-error", class: "error", role: "alert" });
  const button = h("button", { type: "submit" }, "Sign in");
  const form = h("form", { "aria-labelledby": "sign-in-title" },
    field("api-key", "API key", key, "deploy/local/up.sh prints the demo's key and writes it to .local/demo/api-key.txt. The key stays in this tab only."),
    button, error);
  form.addEventListener("submit", async event => {
    event.preventDefault();
    error.textContent = "";
    button.disabled = true;
    session.signIn(key.value.trim());
    try {
      await get("/api/keys");
      showBanner("");
      location.hash = "#/subscriptions";
    } catch (e) {
      if (e.status === 403 && await isAdminKey(key.value.trim())) {
        showBanner("");
        location.hash = "#/operations";
      } else if (e.status !== 401) {
        session.signOut();
        error.textContent = e.status === 403 ? "This key may read neither a tenant's data nor the operations report." : e.message;
      }
    } finally {
      button.disabled = false;
    }
  });
  main.append(h("h1", { id: "sign-in-title" }, "Sign in"), h("section", { class: "card narrow" }, form));
  key.focus();
}
