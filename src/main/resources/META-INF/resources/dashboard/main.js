// Vigil's dashboard: draws from the REST snapshot and history, then follows /ws/metrics; while the socket is down
// it says so, polls the REST API and reconnects with back-off.

import { $, h, replace } from './dom.js';
import { api, onAuthProblem, setToken, socketUrl, token } from './api.js';
import { beginSignIn, canSignIn, finishSignIn, jwtClaims, signInOptions } from './signin.js';
import { LiveConnection } from './connection.js';
import { SeriesStore } from './series.js';
import { GPU_SERIES, HOST_SERIES, HostPanel } from './host.js';
import { addEvent, renderEvents } from './events.js';
import { renderExperiments, tickElapsed } from './experiments.js';
import { renderSources } from './sources.js';
import { AlertsPanel, linkedAlert } from './alerts.js';
import { DynamicPanels } from './dynamic.js';
import { SchedulesPanel } from './schedules.js';
import * as fmt from './format.js';

const WINDOW = '15m';
const WINDOW_MS = 15 * 60 * 1000;
const POLL_MS = 5000;
const SCHEDULES_MS = 15000;

const state = {
  sources: {}, // name -> {status, ts, data, receivedAt}
  health: {}, // name -> {status, since, last_success, last_error, last_error_at, detail, optional}
  alerts: new Map(),
  events: [],
  seriesKeys: {}, // source -> Set of series keys seen
};
const store = new SeriesStore(WINDOW_MS);
const ctx = { state, store, windowMs: WINDOW_MS };
const host = new HostPanel(ctx);
const alerts = new AlertsPanel(state, linkedAlert());
const dynamic = new DynamicPanels(ctx);
const schedules = new SchedulesPanel();
const historyLoaded = new Set();
let lastDataAt = 0;

// ---- rendering, batched ------------------------------------------------------------------------------------
const dirty = new Set();
let flushTimer = null;
function invalidate(...parts) {
  parts.forEach((p) => dirty.add(p));
  if (!flushTimer) flushTimer = setTimeout(flush, 100);
}
function flush() {
  flushTimer = null;
  const parts = new Set(dirty);
  dirty.clear();
  if (parts.has('host')) host.render();
  if (parts.has('experiments')) renderExperiments(state);
  if (parts.has('sources')) renderSources(state);
  if (parts.has('events')) renderEvents(state);
  if (parts.has('dynamic')) dynamic.render();
  if (parts.has('charts') || parts.has('host') || parts.has('dynamic')) {
    host.draw();
    dynamic.draw();
  }
  $('#footer-state').textContent = lastDataAt ? `Data as of ${fmt.time(lastDataAt)}` : '';
}

// ---- applying what the server says -------------------------------------------------------------------------
function sourceOf(key) {
  return key.split(/[.{]/, 1)[0];
}

function setSource(name, { status, ts, data }) {
  const before = state.sources[name];
  state.sources[name] = { status: status ?? (before && before.status), ts, data, receivedAt: Date.now() };
  const h = state.health[name] || (state.health[name] = { source: name });
  if (status) h.status = status;
  if (data != null && ts) h.last_success = ts;
  lastDataAt = Date.now();
  invalidate(name === 'host' ? 'host' : name === 'experiments' ? 'experiments' : 'dynamic', 'sources');
}

function setHealth(h) {
  state.health[h.source] = { ...state.health[h.source], ...h };
  invalidate('sources');
}

function noteKeys(keys) {
  const fresh = [];
  for (const key of keys) {
    const source = sourceOf(key);
    const set = state.seriesKeys[source] || (state.seriesKeys[source] = new Set());
    if (!set.has(key)) set.add(key);
    const name = fmt.parseSeriesKey(key).name;
    if (source !== 'host' && source !== 'experiments' && !historyLoaded.has(name)) fresh.push(name);
  }
  if (fresh.length) loadHistory([...new Set(fresh)], WINDOW);
}

function onMessage(m) {
  switch (m.type) {
    case 'snapshot':
      Object.entries(m.data || {}).forEach(([name, s]) => setSource(name, s));
      (m.status || []).forEach(setHealth);
      if (Array.isArray(m.alerts)) alerts.replaceAll(m.alerts); // what is active as the socket (re)opens
      break;
    case 'update': {
      setSource(m.source, m);
      const t = Date.parse(m.ts);
      const series = m.series || {};
      Object.entries(series).forEach(([key, v]) => store.add(key, t, v));
      noteKeys(Object.keys(series));
      invalidate('charts');
      break;
    }
    case 'status_change':
      setHealth({
        source: m.source, status: m.status, since: m.ts, detail: m.detail,
        // A change without an error (a recovery) clears the one shown: setHealth merges into what is there.
        last_error: m.error || null, last_error_at: m.error ? m.ts : null,
      });
      if (state.sources[m.source]) state.sources[m.source].status = m.status;
      addEvent(state, {
        ts: m.ts, event: `${m.source} ${m.status}`,
        text: m.error ? `(${m.error})` : m.previous ? `(was ${m.previous})` : '',
      });
      invalidate('events', 'experiments', 'dynamic');
      break;
    case 'event': {
      const d = m.data || {};
      addEvent(state, { ts: m.ts, event: m.event, text: [d.schedule_name, d.method_name, d.run_guid].filter(Boolean).join(' · ') || m.source });
      invalidate('events');
      if (m.source === 'scheduler') refreshSchedulesSoon();
      break;
    }
    case 'alert':
      alerts.upsert(m.data);
      break;
    default:
      if (m.source === 'scheduler') refreshSchedulesSoon();
  }
}

let schedulesTimer = null;
function refreshSchedulesSoon() {
  clearTimeout(schedulesTimer);
  schedulesTimer = setTimeout(() => schedules.refresh(), 500);
}

// ---- REST ----------------------------------------------------------------------------------------------------
function applyMetrics(body) {
  Object.entries(body.sources || {}).forEach(([name, v]) => {
    setSource(name, v);
    const h = { source: name, status: v.status, detail: v.detail };
    h.last_error = v.last_error || null;
    setHealth(h);
  });
}

async function loadHistory(names, window) {
  names.forEach((n) => historyLoaded.add(n));
  await Promise.all(names.map(async (name) => {
    const r = await api(`/api/v1/metrics/history?series=${encodeURIComponent(name)}&window=${window}&step=5s`);
    if (!r.ok || !r.body) return;
    for (const result of r.body.results || []) {
      store.merge(result.series, result.points || []);
      noteKeys([result.series]);
    }
  }));
  invalidate('charts', 'dynamic');
}

/** Series names the page draws now: the host's (those the host has) and every generic source's. */
function chartedNames() {
  const d = state.sources.host && state.sources.host.data;
  const names = HOST_SERIES.filter((n) => !d
    || (!n.startsWith('host.network.') || (d.network || []).length > 0)
    && (!n.startsWith('host.disk.') || (d.disks || []).length > 0));
  if (host.gpuPresent()) names.push(...GPU_SERIES);
  return [...names, ...dynamic.names()];
}

async function readAll() {
  const [metrics, status, active] = await Promise.all([api('/api/v1/metrics'), api('/api/v1/status'), api('/api/v1/alerts')]);
  if (metrics.ok) applyMetrics(metrics.body);
  if (status.ok) (status.body.sources || []).forEach(setHealth);
  if (active.ok) alerts.replaceAll(active.body || []);
  return metrics.ok;
}

/** One round of polling while the socket is down. */
let lastPollOk = true;
async function poll() {
  const ok = await readAll();
  if (ok) await loadHistory(chartedNames(), '1m');
  lastPollOk = ok;
  showConnection();
}

// ---- connection state --------------------------------------------------------------------------------------
let connection = { mode: 'connecting' };
let liveAgainTimer = null;
const live = new LiveConnection({
  url: () => socketUrl('/ws/metrics'),
  onMessage,
  poll,
  pollMs: POLL_MS,
  onState: (s) => {
    const wasDown = connection.mode === 'fallback';
    connection = s;
    if (s.mode === 'live') {
      clearTimeout(liveAgainTimer);
      if (wasDown) {
        connection.liveAgain = true;
        liveAgainTimer = setTimeout(() => { connection.liveAgain = false; showConnection(); }, 6000);
        readAll(); // alerts that changed while the socket was down
      }
    }
    showConnection();
  },
});

function showConnection() {
  const chipEl = $('#conn');
  const banner = $('#banner');
  chipEl.dataset.state = connection.mode;
  if (connection.mode === 'live') {
    chipEl.textContent = 'Live';
    chipEl.title = 'Following the live stream over WebSocket';
    if (connection.liveAgain) {
      banner.dataset.kind = 'live';
      banner.textContent = 'Live connection restored: following the stream again.';
      banner.hidden = false;
    } else {
      banner.hidden = true;
    }
  } else if (connection.mode === 'fallback') {
    chipEl.textContent = 'Offline · polling';
    chipEl.title = 'The live stream is down; data comes from REST polling';
    const secs = Math.max(0, Math.ceil((connection.retryAt - Date.now()) / 1000));
    banner.dataset.kind = 'fallback';
    banner.hidden = false;
    banner.textContent = `Live connection lost${connection.reason ? ` (${connection.reason})` : ''}. `
      + (lastPollOk
        ? `Showing data polled over REST every ${POLL_MS / 1000} s. `
        : `Vigil cannot be reached either; the figures are from ${lastDataAt ? fmt.time(lastDataAt) : 'earlier'}. `)
      + (secs > 0 ? `Reconnecting in ${secs} s (attempt ${connection.attempt}).` : 'Reconnecting…');
  } else {
    chipEl.textContent = 'Connecting…';
    banner.hidden = true;
  }
}

// ---- token, sign-in, theme, auth messages ------------------------------------------------------------------
let signIn = null; // the provider's login ({name, authorization_url, ...}) when Vigil offers one
let signedOut = ''; // why the page has no token now (a sign-in that ended or was refused), until it has one
let expiryTimer = null;

function showTokenState() {
  const set = !!token();
  if (set) signedOut = '';
  $('#token-button').textContent = set ? 'Token ✓' : 'Token';
  $('#token-clear').hidden = !set;
  $('#token-state').textContent = set ? 'A token is set in this browser.' : 'No token set: requests go without one.';
  whoami();
}

/**
 * Who the token belongs to: the page offers only the actions its role allows (html[data-role]). Without a valid
 * token it asks for one, saying where the first one comes from.
 */
async function whoami() {
  const root = document.documentElement;
  watchExpiry();
  if (!token()) {
    root.dataset.role = 'none';
    askForToken(signedOut || `${signIn ? `Sign in with ${signIn.name}, or paste` : 'Paste'} an access token: `
      + 'the one Vigil printed at its first start, or one an admin made for you.');
    return;
  }
  const me = await api('/api/v1/whoami', { quietAuth: true });
  if (me.ok && me.body) {
    root.dataset.role = me.body.role || 'none';
    $('#token-button').textContent = `${me.body.name} · ${me.body.role}`;
    $('#token-state').textContent = `Signed in as ${me.body.name} (${me.body.role}).`;
  } else if (me.status === 401) {
    root.dataset.role = 'none';
    askForToken('This token is not valid (unknown, expired or revoked): paste another one.');
  }
}

/**
 * A JWT says when it ends: then the page says so and offers to sign in again, rather than letting request after
 * request fail. Vigil would still take it for its clock skew (60 s), but the socket closes at the expiry.
 */
function watchExpiry() {
  clearTimeout(expiryTimer);
  const claims = jwtClaims(token());
  if (!claims || typeof claims.exp !== 'number') return;
  const at = claims.exp * 1000;
  // setTimeout waits at most 2^31-1 ms (24.8 days): a longer wait is looked at again then.
  expiryTimer = setTimeout(() => (Date.now() >= at ? expired(at) : watchExpiry()), Math.min(at - Date.now(), 2 ** 31 - 1));
}

function expired(at) {
  setToken('');
  signedOut = `Your sign-in ${signIn ? `with ${signIn.name} ` : ''}ended at ${fmt.time(at)}: `
    + `${signIn ? 'sign in again' : 'paste a new access token'} to go on.`;
  tokenChanged();
  showAuthProblem(signedOut, 401);
}

function askForToken(why) {
  const form = $('#token-form');
  $('#token-state').textContent = why;
  form.hidden = false;
  $('#token-button').setAttribute('aria-expanded', 'true');
}

/** The auth banner, with a button to sign in when the provider's login is offered and may help. */
function showAuthProblem(text, status) {
  const banner = $('#auth-banner');
  banner.dataset.status = status;
  const offer = signIn && canSignIn() && status !== 403;
  replace(banner, text, offer ? [' ', h('button', { type: 'button', class: 'signin', onclick: startSignIn },
    `Sign in with ${signIn.name}`)] : null);
  banner.hidden = false;
}

function refusalText(problem) {
  if (problem.status === 403) {
    return `Vigil refused the request (403 Forbidden): this token is not allowed to ${problem.method === 'GET' ? 'read' : 'do'} this `
      + `(${problem.method} ${problem.path}).${problem.detail ? ` ${problem.detail}` : ''}`;
  }
  if (!token() && signedOut) return signedOut;
  return `Vigil refused the request (401 Unauthorized): ${token() ? 'the access token is wrong or has expired' : 'it needs an access token'}. `
    + `Set one with the Token button.${problem.detail ? ` ${problem.detail}` : ''}`;
}

async function startSignIn() {
  try {
    await beginSignIn(signIn);
  } catch (e) {
    showAuthProblem(`Sign-in with ${signIn.name} could not start: ${e.message}`, 0);
  }
}

/** The "Sign in with ..." button beside the token paste, when Vigil offers the provider's login. */
function setupSignIn() {
  if (!signIn) return;
  const button = $('#signin-button');
  button.textContent = `Sign in with ${signIn.name}`;
  button.addEventListener('click', startSignIn);
  if (!canSignIn()) {
    button.disabled = true;
    $('#signin-note').textContent = '(needs Vigil on https: browsers offer the hashing PKCE needs only there)';
  }
  $('#signin').hidden = false;
}

/** Everything that depends on the token starts again with the new one. */
function tokenChanged() {
  showTokenState();
  $('#auth-banner').hidden = true;
  live.reconnect();
  readAll();
  schedules.refresh();
}

function setupToken() {
  const form = $('#token-form');
  const button = $('#token-button');
  button.addEventListener('click', () => {
    form.hidden = !form.hidden;
    button.setAttribute('aria-expanded', String(!form.hidden));
    if (!form.hidden) $('#token-input').focus();
  });
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    setToken($('#token-input').value.trim());
    $('#token-input').value = '';
    form.hidden = true;
    button.setAttribute('aria-expanded', 'false');
    tokenChanged();
  });
  // Signing out forgets the token in this browser; the provider's own session (if any) is the provider's.
  $('#token-clear').addEventListener('click', () => {
    setToken('');
    signedOut = '';
    $('#token-input').value = '';
    tokenChanged();
  });
  let lastProblem = null;
  onAuthProblem((problem) => {
    if (!problem) {
      if (lastProblem && lastProblem.method === 'GET') { $('#auth-banner').hidden = true; lastProblem = null; }
      return;
    }
    lastProblem = problem;
    showAuthProblem(refusalText(problem), problem.status);
  });
  showTokenState();
}

function setupTheme() {
  const apply = (theme) => {
    document.documentElement.dataset.theme = theme;
    $('#theme-button').textContent = theme === 'dark' ? 'Light' : 'Dark';
    $('#theme-button').setAttribute('aria-label', `Switch to the ${theme === 'dark' ? 'light' : 'dark'} theme`);
  };
  let theme;
  try { theme = localStorage.getItem('vigil.theme'); } catch { theme = null; }
  apply(theme === 'light' ? 'light' : 'dark');
  $('#theme-button').addEventListener('click', () => {
    const next = document.documentElement.dataset.theme === 'dark' ? 'light' : 'dark';
    apply(next);
    try { localStorage.setItem('vigil.theme', next); } catch { /* not kept */ }
    host.draw(true);
    dynamic.draw(true);
  });
}

/**
 * A sign-in link (`/#token=...`, printed by Vigil at its first start) stores the token in this browser, then drops it
 * from the address bar and the history, so it is not bookmarked or shared by accident.
 */
function tokenFromLink() {
  const m = /(?:^#|&)token=([^&]+)/.exec(location.hash);
  if (!m) return;
  setToken(decodeURIComponent(m[1]));
  history.replaceState(null, '', location.pathname + location.search);
}

// ---- start ---------------------------------------------------------------------------------------------------
async function start() {
  setupTheme();
  tokenFromLink();
  signIn = await signInOptions();
  const returned = await finishSignIn(signIn);
  if (returned && returned.token) setToken(returned.token);
  if (returned && returned.error && !token()) signedOut = returned.error;
  setupToken();
  setupSignIn();
  if (returned && returned.error) showAuthProblem(returned.error, 0);
  alerts.render();
  renderEvents(state);
  const ok = await readAll();
  flush();
  schedules.refresh();
  setInterval(() => { if (schedules.available) schedules.refresh(); }, SCHEDULES_MS);
  setInterval(() => {
    tickElapsed();
    if (connection.mode === 'fallback') showConnection();
  }, 1000);
  setInterval(() => invalidate('sources'), 30000);
  live.start();
  if (ok) loadHistory(chartedNames(), WINDOW);
}

/**
 * For operators and tests: the page's state; a way to drop the socket to see the fallback; and receive(message),
 * which handles a message as if the stream had sent it.
 */
window.vigil = {
  state,
  store,
  get mode() { return live.mode; },
  get stats() { return live.stats; },
  points: (key) => store.count(key),
  dropSocket: (blockMs) => live.drop(blockMs),
  reconnect: () => live.reconnect(),
  receive: (message) => onMessage(message),
};

start();
