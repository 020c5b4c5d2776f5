// The live connection: the WebSocket while it is up; REST polling while it is down, with reconnects on a
// jittered exponential back-off; a watchdog for sockets that stay open but carry nothing.

const BACKOFF_MIN_MS = 1000;
const BACKOFF_MAX_MS = 30000;
const PING_AFTER_MS = 15000;
const DEAD_AFTER_MS = 40000;

export class LiveConnection {
  /**
   * @param url () => string, the WebSocket URL (read at every connect, so a new token is used)
   * @param onMessage (message) => void for every JSON message
   * @param onState ({mode, attempt, retryAt, reason}) => void; mode is connecting, live or fallback
   * @param poll () => Promise, one round of REST polling
   * @param pollMs how often to poll while the socket is down
   */
  constructor({ url, onMessage, onState, poll, pollMs = 5000 }) {
    Object.assign(this, { url, onMessage, onState, poll, pollMs });
    this.socket = null;
    this.attempt = 0;
    this.mode = 'connecting';
    this.blockedUntil = 0;
    this.retryTimer = null;
    this.pollTimer = null;
    this.lastMessageAt = 0;
    this.stats = { wsMessages: 0, polls: 0, connects: 0 };
    this.watchdog = setInterval(() => this.watch(), 5000);
  }

  start() {
    this.connect();
  }

  connect() {
    clearTimeout(this.retryTimer);
    this.retryTimer = null;
    const wait = this.blockedUntil - Date.now();
    if (wait > 0) {
      this.scheduleRetry(wait);
      return;
    }
    let socket;
    try {
      socket = new WebSocket(this.url());
    } catch (e) {
      this.lost(`cannot open the WebSocket: ${e.message}`);
      return;
    }
    this.socket = socket;
    socket.onopen = () => {
      if (this.socket !== socket) return;
      this.attempt = 0;
      this.stats.connects++;
      this.lastMessageAt = Date.now();
      this.stopPolling();
      this.setMode('live');
    };
    socket.onmessage = (e) => {
      if (this.socket !== socket) return;
      this.lastMessageAt = Date.now();
      this.stats.wsMessages++;
      let message;
      try { message = JSON.parse(e.data); } catch { return; }
      this.onMessage(message);
    };
    socket.onclose = (e) => {
      if (this.socket !== socket) return;
      this.socket = null;
      this.lost(e.reason || (e.code === 1006 ? 'connection lost' : `closed (${e.code})`));
    };
    // An error is always followed by a close; the close handles it.
    socket.onerror = () => {};
  }

  lost(reason) {
    this.attempt++;
    const base = Math.min(BACKOFF_MAX_MS, BACKOFF_MIN_MS * 2 ** (this.attempt - 1));
    const delay = Math.max(this.blockedUntil - Date.now(), Math.round(base * (0.8 + Math.random() * 0.4)));
    this.startPolling();
    this.scheduleRetry(delay, reason);
  }

  scheduleRetry(delay, reason = this.reason) {
    this.reason = reason;
    clearTimeout(this.retryTimer);
    this.retryAt = Date.now() + delay;
    this.retryTimer = setTimeout(() => this.connect(), delay);
    this.setMode('fallback');
  }

  setMode(mode) {
    const previous = this.mode;
    this.mode = mode;
    this.onState({ mode, previous, attempt: this.attempt, retryAt: this.retryAt, reason: this.reason, pollMs: this.pollMs });
  }

  startPolling() {
    if (this.pollTimer) return;
    const round = async () => {
      this.stats.polls++;
      try { await this.poll(); } catch (e) { /* the next round tries again */ }
      if (this.pollTimer) this.pollTimer = setTimeout(round, this.pollMs);
    };
    this.pollTimer = setTimeout(round, 0);
  }

  stopPolling() {
    clearTimeout(this.pollTimer);
    this.pollTimer = null;
  }

  watch() {
    const socket = this.socket;
    if (!socket || socket.readyState !== WebSocket.OPEN) return;
    const quiet = Date.now() - this.lastMessageAt;
    if (quiet > DEAD_AFTER_MS) {
      this.socket = null;
      socket.close();
      this.lost('no message for 40 s');
    } else if (quiet > PING_AFTER_MS) {
      socket.send(JSON.stringify({ action: 'ping' }));
    }
  }

  /** Closes the socket and keeps it closed for blockMs, as an outage would: the page falls back to polling. */
  drop(blockMs = 30000) {
    this.blockedUntil = Date.now() + blockMs;
    const socket = this.socket;
    this.socket = null;
    if (socket) socket.close(4000, 'dropped by the page');
    this.lost('dropped on request');
  }

  /** Reconnects now (after a drop, or with a new token). */
  reconnect() {
    this.blockedUntil = 0;
    this.attempt = 0;
    const socket = this.socket;
    this.socket = null;
    if (socket) socket.close(1000, 'reconnecting');
    this.connect();
  }

  send(message) {
    if (this.socket && this.socket.readyState === WebSocket.OPEN) this.socket.send(JSON.stringify(message));
  }
}
