// The public Console API as the page calls it: the key from this tab's session
// storage, the contract's envelope unwrapped, its errors kept whole (a validation
// error's problems, one "path: problem" each, are shown next to their fields).

const BASE = "/api/v1/console";
const KEY = "switchboard.apiKey";

export const session = {
  get key() { return sessionStorage.getItem(KEY) || ""; },
  set key(value) { if (value) sessionStorage.setItem(KEY, value); else sessionStorage.removeItem(KEY); },
};

class APIError extends Error {
  constructor(status, code, message, problems) {
    super(message);
    this.status = status;
    this.code = code;
    this.problems = problems;
  }
}

// The answer's `data` (and `meta` with `{ whole: true }`); throws an APIError for
// anything but a 2xx.
export async function api(method, path, body, { whole = false } = {}) {
  let response;
  try {
    response = await fetch(BASE + path, {
      method,
      headers: { "X-Api-Key": session.key, "Content-Type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: "omit",
      cache: "no-store",
    });
  } catch {
    throw new APIError(0, "unreachable", "The server could not be reached.", []);
  }
  let answer = null;
  try { answer = await response.json(); } catch { /* not JSON */ }
  if (!response.ok) {
    const message = answer && answer.message;
    const problems = Array.isArray(message) ? message : [];
    const text = problems.length ? problems.join("; ") : message || `HTTP ${response.status}`;
    throw new APIError(response.status, answer && answer.code, text, problems);
  }
  if (whole) return { ...(answer || {}), status: response.status };
  return answer ? answer.data : null;
}

// `path` with the query's non-empty values.
export function withQuery(path, query) {
  const search = new URLSearchParams(Object.entries(query).filter(([, v]) => v !== undefined && v !== null && v !== ""));
  const text = search.toString();
  return text ? `${path}?${text}` : path;
}
