// The one way the pages call the Api: the key from sessionStorage as a bearer token, problems turned into ApiError.

const KEY = "mediamonitor.apiKey";
const ROLE = "mediamonitor.role";
let unauthorized = () => {};

export const session = {
  get key() { return sessionStorage.getItem(KEY) ?? ""; },
  get signedIn() { return this.key !== ""; },
  /** "tenant" (an analyst's key) or "admin" (the operator's key: the Operations page only). */
  get role() { return sessionStorage.getItem(ROLE) ?? "tenant"; },
  signIn(key, role = "tenant") { sessionStorage.setItem(KEY, key); sessionStorage.setItem(ROLE, role); },
  signOut() { sessionStorage.removeItem(KEY); sessionStorage.removeItem(ROLE); },
};

/** Called with the ApiError of any 401 (wrong, revoked or expired key). */
export function onUnauthorized(handler) { unauthorized = handler; }

export class ApiError extends Error {
  constructor(status, problem, fallback) {
    super(problem?.detail || problem?.title || fallback);
    this.status = status;
    this.problem = problem ?? {};
  }

  /** The 1-based character of a query error (the Api's "position"), or null. */
  get position() { return Number.isInteger(this.problem.position) ? this.problem.position : null; }
}

export async function api(path, { method = "GET", body, headers = {}, withResponse = false } = {}) {
  const init = { method, headers: { Authorization: "Bearer " + session.key, Accept: "application/json", ...headers } };
  if (body !== undefined) {
    if (typeof body === "string" || body instanceof Blob) init.body = body;
    else { init.body = JSON.stringify(body); init.headers["Content-Type"] = "application/json"; }
  }
  let response;
  try {
    response = await fetch(path, init);
  } catch (e) {
    throw new ApiError(0, null, "The Api cannot be reached (" + e.message + ")");
  }
  const type = response.headers.get("content-type") ?? "";
  const data = type.includes("json") ? await response.json().catch(() => null) : null;
  if (!response.ok) {
    const error = new ApiError(response.status, data, `${response.status} ${response.statusText}`);
    if (response.status === 401) unauthorized(error);
    if (response.status === 429) error.message = "Too many failed sign-ins from this address: " + error.message;
    throw error;
  }
  return withResponse ? { data, response } : data;
}

export const get = path => api(path);
export const post = (path, body, headers) => api(path, { method: "POST", body: body ?? {}, headers });

/** GET /api/subscriptions/{id}/alerts of every subscription, in parallel: {subscription id: alerts}. */
export async function alertsBySubscription(subscriptions) {
  const lists = await Promise.all(subscriptions.map(s => get(`/api/subscriptions/${s.id}/alerts`)));
  return new Map(subscriptions.map((s, i) => [s.id, lists[i]]));
}
