// The console's one WebSocket (/ws), and the badge in the top bar that tells how it stands.
// The access token, when the tab has one, goes as the first message ({"op":"auth"}), so it is
// never part of a URL. Any close but 4401 is retried with exponential backoff and jitter; the
// badge counts down to the next try, second by second, and offers to try at once. A 4401 (no
// token, or a refused one) is not retried: the page asks for a token first.

import { accessToken } from './api.js';

const RECONNECT_FIRST_MS = 500;
const RECONNECT_MAX_MS = 15000;
const HEARTBEAT_MS = 25000;
const HEARTBEAT_TIMEOUT_MS = 10000;
/** /ws closes with this when the connection is not authenticated: no token, a refused one, or none in time. */
export const CLOSE_UNAUTHORIZED = 4401;

const $ = (selector, root = document) => root.querySelector(selector);

function show(state, label, countdown = '') {
  const badge = $('#connection');
  badge.dataset.state = state;
  // Only a change is written: the label is a live region, read out when it changes.
  if ($('.connection-label', badge).textContent !== label) {
    $('.connection-label', badge).textContent = label;
  }
  $('.connection-countdown', badge).textContent = countdown;
  $('#reconnect-now').hidden = state !== 'reconnecting' || !countdown;
}

export const connection = {
  ws: null,
  attempt: 0,
  everOpened: false,
  waitingForToken: false,
  sentToken: false,
  retryAt: 0,
  retryReason: '',
  retryTimer: null,
  tickTimer: null,
  heartbeatTimer: null,
  pongTimer: null,
  stats: { connections: 0, reconnects: 0 },
  hooks: {
    /** The socket is open (and its token sent); `resumed` after a reconnect. */
    opened() {},
    /** A message from the server, parsed. */
    message() {},
    /** The socket is gone, for whatever reason. */
    lost() {},
    /** The server closed with 4401: `reason` as it said, `hadToken` whether one was sent. */
    unauthorized() {},
  },

  /** Connects and keeps connecting; `hooks` as above. */
  start(hooks) {
    Object.assign(this.hooks, hooks);
    $('#reconnect-now').addEventListener('click', () => this.retryNow());
    // Back online: no need to wait out the backoff.
    window.addEventListener('online', () => this.retryNow());
    this.connect();
  },

  connect() {
    this.cancelRetry();
    this.waitingForToken = false;
    const url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ws`;
    const ws = new WebSocket(url);
    this.ws = ws;
    show(this.everOpened ? 'reconnecting' : 'connecting', this.everOpened ? 'Reconnecting…' : 'Connecting…');
    ws.addEventListener('open', () => this.opened(ws));
    ws.addEventListener('message', (message) => this.received(ws, message));
    ws.addEventListener('close', (close) => this.closed(ws, close));
  },

  opened(ws) {
    if (ws !== this.ws) {
      return;
    }
    const token = accessToken.get();
    this.sentToken = Boolean(token);
    if (token) {
      this.send({ op: 'auth', token });
    }
    const resumed = this.everOpened;
    this.everOpened = true;
    this.attempt = 0;
    this.stats.connections += 1;
    if (resumed) {
      this.stats.reconnects += 1;
    }
    show('live', 'Live');
    this.heartbeat();
    this.hooks.opened(resumed);
  },

  received(ws, message) {
    if (ws !== this.ws) {
      return;
    }
    let data;
    try {
      data = JSON.parse(message.data);
    } catch {
      return;
    }
    clearTimeout(this.pongTimer);
    this.hooks.message(data);
  },

  closed(ws, close) {
    if (ws !== this.ws) {
      return;
    }
    this.stopHeartbeat();
    this.ws = null;
    this.hooks.lost();
    if (close.code === CLOSE_UNAUTHORIZED) {
      this.waitForToken();
      this.hooks.unauthorized(close.reason, this.sentToken);
      return;
    }
    // 1012 server restarting, 1013 too slow (resume by seq), 1006 network gone: all worth a retry.
    const delay = Math.min(RECONNECT_MAX_MS, RECONNECT_FIRST_MS * 2 ** this.attempt) * (0.8 + Math.random() * 0.4);
    this.attempt += 1;
    this.retryReason = navigator.onLine === false ? 'You are offline'
      : close.code === 1013 ? 'Connection too slow' : 'Connection lost';
    this.retryAt = Date.now() + delay;
    this.retryTimer = setTimeout(() => this.connect(), delay);
    this.tick();
  },

  /** Shows the seconds left before the next try, waking at each whole second. */
  tick() {
    clearTimeout(this.tickTimer);
    const left = this.retryAt - Date.now();
    if (this.ws || this.waitingForToken || left <= 0) {
      return;
    }
    const seconds = Math.ceil(left / 1000);
    show('reconnecting', this.retryReason, `retrying in ${seconds}s`);
    this.tickTimer = setTimeout(() => this.tick(), left - (seconds - 1) * 1000 + 5);
  },

  cancelRetry() {
    clearTimeout(this.retryTimer);
    clearTimeout(this.tickTimer);
    this.retryTimer = null;
  },

  /** Tries at once instead of waiting for the countdown. */
  retryNow() {
    if (!this.ws && !this.waitingForToken) {
      this.connect();
    }
  },

  /** Stops (no retries) until {@link restart}: the server wants a token the page does not have. */
  waitForToken() {
    this.waitingForToken = true;
    this.cancelRetry();
    this.close('waiting for an access token');
    show('signed-out', 'Access token needed');
  },

  /** Connects afresh at once, e.g. with a new token: not a reconnect, nothing to resume. */
  restart() {
    this.close('new access token');
    this.attempt = 0;
    this.everOpened = false;
    this.connect();
  },

  close(reason) {
    const ws = this.ws;
    if (ws) {
      this.ws = null;
      this.stopHeartbeat();
      ws.close(1000, reason);
      this.hooks.lost();
    }
  },

  /** Whether the socket is open. */
  live() {
    return this.ws?.readyState === WebSocket.OPEN;
  },

  /** Shows the live state with what it watches. */
  showLive(watching) {
    if (this.live()) {
      show('live', watching ? `Live · watching ${watching}` : 'Live');
    }
  },

  send(message) {
    if (!this.live()) {
      return false;
    }
    this.ws.send(JSON.stringify(message));
    return true;
  },

  /** Detects a connection that silently died: no answer to a ping within the timeout. */
  heartbeat() {
    clearInterval(this.heartbeatTimer);
    this.heartbeatTimer = setInterval(() => {
      if (this.send({ op: 'ping' })) {
        clearTimeout(this.pongTimer);
        this.pongTimer = setTimeout(() => this.ws?.close(4000, 'no pong'), HEARTBEAT_TIMEOUT_MS);
      }
    }, HEARTBEAT_MS);
  },

  stopHeartbeat() {
    clearInterval(this.heartbeatTimer);
    clearTimeout(this.pongTimer);
  },

  /** Drops the connection as a network failure would; the page reconnects and resumes. */
  drop() {
    this.ws?.close(4001, 'dropped');
  },
};
