// REST calls with the operator's bearer token, and what the server says when it refuses one.

const TOKEN_KEY = 'vigil.token';
const listeners = new Set();

export function token() {
  try { return localStorage.getItem(TOKEN_KEY) || ''; } catch { return ''; }
}

export function setToken(value) {
  try {
    if (value) localStorage.setItem(TOKEN_KEY, value); else localStorage.removeItem(TOKEN_KEY);
  } catch { /* storage may be off; the token then lasts until the page closes */ }
}

/** Called with {status, path, detail} whenever the server answers 401 or 403, and with null after a success. */
export function onAuthProblem(fn) {
  listeners.add(fn);
}

function notify(problem) {
  listeners.forEach((fn) => fn(problem));
}

/**
 * Calls the API. Resolves to {ok, status, body}; never rejects for an HTTP error, only for a network one
 * (then {ok:false, status:0}). A problem+json body's detail is in body.detail.
 */
export async function api(path, { method = 'GET', body, quietAuth = false } = {}) {
  const headers = { Accept: 'application/json' };
  const t = token();
  if (t) headers.Authorization = `Bearer ${t}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let response;
  try {
    response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), cache: 'no-store' });
  } catch (e) {
    return { ok: false, status: 0, body: { detail: `Vigil cannot be reached (${e.message})` } };
  }
  let parsed = null;
  const text = await response.text();
  if (text) {
    try { parsed = JSON.parse(text); } catch { parsed = { detail: text }; }
  }
  if (response.status === 401 || response.status === 403) {
    if (!quietAuth) notify({ status: response.status, path, method, detail: parsed && parsed.detail });
  } else if (response.ok && method === 'GET') {
    notify(null);
  }
  return { ok: response.ok, status: response.status, body: parsed };
}

/** The WebSocket URL, with the token as a query parameter (browsers cannot set headers on a WebSocket). */
export function socketUrl(path) {
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  const t = token();
  return `${scheme}//${location.host}${path}${t ? `?token=${encodeURIComponent(t)}` : ''}`;
}

export function problemText(result) {
  if (result.status === 0) return result.body.detail;
  const detail = result.body && (result.body.detail || result.body.title);
  return `${result.status}${detail ? `: ${detail}` : ''}`;
}
