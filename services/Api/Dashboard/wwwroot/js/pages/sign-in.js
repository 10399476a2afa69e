// Sign in with an API key: kept in sessionStorage (gone when the tab closes), checked against the Api before use.
import { session, get } from "../api.js";
import { showBanner } from "../banner.js";
import { h, field } from "../dom.js";

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
      if (e.status !== 401) {
        session.signOut();
        error.textContent = e.status === 403 ? "This is not a tenant's key (the admin key cannot read a tenant's data)." : e.message;
      }
    } finally {
      button.disabled = false;
    }
  });
  main.append(h("h1", { id: "sign-in-title" }, "Sign in"), h("section", { class: "card narrow" }, form));
  key.focus();
}
