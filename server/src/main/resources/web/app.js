// The orderstream console: submits orders over REST and follows all of them over one WebSocket
// (/ws). When the socket drops it reconnects with exponential backoff and resubscribes every
// unfinished order from the last seq it has shown; events are applied strictly in seq order,
// so no step is shown twice and a gap is filled from the REST history before going on.

const TOKENS = ['SOL', 'USDC', 'USDT', 'BONK', 'JUP', 'RAY', 'WIF'];
const STEPS = ['pending', 'routing', 'building', 'submitted'];
const TERMINAL = new Set(['confirmed', 'failed', 'cancelled']);
const CANCELLABLE = new Set(['pending', 'routing', 'building']);
const STATUS_LABEL = {
  pending: 'Queued', routing: 'Routing', building: 'Building', submitted: 'Submitted',
  confirmed: 'Confirmed', failed: 'Failed', cancelled: 'Cancelled',
};
const RECONNECT_FIRST_MS = 500;
const RECONNECT_MAX_MS = 15000;
const HEARTBEAT_MS = 25000;
const HEARTBEAT_TIMEOUT_MS = 10000;
const STORAGE_KEY = 'orderstream.orders';
const REMEMBERED_ORDERS = 12;

const $ = (selector, root = document) => root.querySelector(selector);
const orders = new Map();
const stats = { connections: 0, reconnects: 0, duplicatesIgnored: 0, gapsFilled: 0 };

// ---------------------------------------------------------------------------------------------
// Formatting

function formatAmount(text) {
  const value = Number(text);
  if (!Number.isFinite(value)) {
    return text ?? '';
  }
  const digits = value >= 1000 ? 2 : value >= 1 ? 4 : 8;
  return value.toLocaleString('en-US', { maximumFractionDigits: digits });
}

function formatTime(iso) {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? '' : date.toLocaleTimeString([], { hour12: false });
}

function shortId(id) {
  return `${id.slice(0, 8)}…${id.slice(-4)}`;
}

function newKey() {
  if (globalThis.crypto?.randomUUID) {
    return crypto.randomUUID();
  }
  return `${Date.now().toString(16)}-${Math.random().toString(16).slice(2)}`;
}

function toast(text, kind = '') {
  const element = document.createElement('div');
  element.className = `toast ${kind}`;
  element.textContent = text;
  $('#toasts').append(element);
  setTimeout(() => element.remove(), 5000);
}

// ---------------------------------------------------------------------------------------------
// REST

async function api(path, options = {}) {
  const response = await fetch(path, {
    ...options,
    headers: { Accept: 'application/json', ...(options.body ? { 'Content-Type': 'application/json' } : {}),
      ...options.headers },
  });
  const body = await response.json().catch(() => ({}));
  if (!response.ok) {
    const error = new Error(body.detail || body.error || `${response.status} ${response.statusText}`);
    error.status = response.status;
    error.problem = body;
    throw error;
  }
  return body;
}

// ---------------------------------------------------------------------------------------------
// The one WebSocket

const socket = {
  ws: null,
  attempt: 0,
  everOpened: false,
  retryTimer: null,
  heartbeatTimer: null,
  pongTimer: null,

  connect() {
    clearTimeout(this.retryTimer);
    const url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ws`;
    const ws = new WebSocket(url);
    this.ws = ws;
    setConnection(this.everOpened ? 'reconnecting' : 'connecting', this.everOpened ? 'Reconnecting…' : 'Connecting…');
    ws.addEventListener('open', () => this.opened(ws));
    ws.addEventListener('message', (message) => this.received(message));
    ws.addEventListener('close', (close) => this.closed(ws, close));
  },

  opened(ws) {
    if (ws !== this.ws) {
      return;
    }
    const resumed = this.everOpened;
    this.everOpened = true;
    this.attempt = 0;
    stats.connections += 1;
    updateConnectionLabel();
    this.heartbeat();
    let count = 0;
    for (const order of orders.values()) {
      if (!order.terminal) {
        order.subscribed = false;
        subscribe(order, resumed);
        count += 1;
      }
    }
    if (resumed) {
      stats.reconnects += 1;
      toast(count ? `Reconnected · resumed ${count} order${count === 1 ? '' : 's'}` : 'Reconnected', 'ok');
    }
  },

  received(message) {
    let data;
    try {
      data = JSON.parse(message.data);
    } catch {
      return;
    }
    clearTimeout(this.pongTimer);
    onSocketMessage(data);
  },

  closed(ws, close) {
    if (ws !== this.ws) {
      return;
    }
    clearInterval(this.heartbeatTimer);
    clearTimeout(this.pongTimer);
    this.ws = null;
    for (const order of orders.values()) {
      order.subscribed = false;
    }
    // Any close is worth a retry: 1001 server restarting, 1013 too slow (resume by seq),
    // 1006 network gone. Exponential backoff with jitter, capped.
    const delay = Math.min(RECONNECT_MAX_MS, RECONNECT_FIRST_MS * 2 ** this.attempt) * (0.8 + Math.random() * 0.4);
    this.attempt += 1;
    const reason = close.code === 1013 ? 'Connection too slow' : 'Connection lost';
    setConnection('reconnecting', `${reason} · retrying in ${Math.max(1, Math.round(delay / 1000))}s`);
    this.retryTimer = setTimeout(() => this.connect(), delay);
  },

  send(message) {
    if (this.ws?.readyState !== WebSocket.OPEN) {
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

  /** Drops the connection as a network failure would; the page reconnects and resumes. */
  drop() {
    this.ws?.close(4001, 'dropped');
  },
};

function setConnection(state, label) {
  const element = $('#connection');
  element.dataset.state = state;
  $('.connection-label', element).textContent = label;
}

function updateConnectionLabel() {
  if (socket.ws?.readyState !== WebSocket.OPEN) {
    return;
  }
  const watching = [...orders.values()].filter((order) => !order.terminal).length;
  setConnection('live', watching ? `Live · watching ${watching}` : 'Live');
}

function subscribe(order, resumed = false) {
  if (order.subscribed || order.terminal) {
    return;
  }
  if (socket.send({ op: 'subscribe', orderId: order.id, afterSeq: order.lastSeq })) {
    const before = order.everSubscribed;
    order.subscribed = true;
    order.everSubscribed = true;
    if (resumed && before) {
      order.resumes += 1;
      addNote(order, `Reconnected · resumed from seq ${order.lastSeq}`, 'resume-note');
    }
  }
}

function onSocketMessage(data) {
  const order = data.orderId ? orders.get(data.orderId) : undefined;
  switch (data.type) {
    case 'connection':
    case 'pong':
    case 'subscribed':
      return;
    case 'unsubscribed':
      if (order) {
        order.subscribed = false;
      }
      return;
    case 'error':
      if (order && data.code !== 'already-subscribed') {
        order.subscribed = false;
        addNote(order, data.message, 'bad');
      }
      return;
    default:
      if (order && typeof data.seq === 'number') {
        receive(order, data);
      }
  }
}

// ---------------------------------------------------------------------------------------------
// Orders and their events

/** Takes an event from the socket: in order, once each; a gap is filled from REST first. */
function receive(order, event, replayed = false) {
  if (event.seq <= order.lastSeq || order.waiting.has(event.seq)) {
    stats.duplicatesIgnored += 1;
    return;
  }
  order.waiting.set(event.seq, { event, replayed });
  drain(order);
  if (order.waiting.size > 0) {
    fillGap(order);
  }
}

function drain(order) {
  while (order.waiting.has(order.lastSeq + 1)) {
    const { event, replayed } = order.waiting.get(order.lastSeq + 1);
    order.waiting.delete(order.lastSeq + 1);
    apply(order, event, replayed);
  }
}

async function fillGap(order) {
  if (order.filling) {
    return;
  }
  order.filling = true;
  try {
    const history = await api(`/api/orders/${order.id}/events?afterSeq=${order.lastSeq}`);
    stats.gapsFilled += 1;
    for (const event of history.events) {
      if (event.seq > order.lastSeq && !order.waiting.has(event.seq)) {
        order.waiting.set(event.seq, { event, replayed: true });
      }
    }
    drain(order);
  } catch (error) {
    addNote(order, `Could not load missing steps: ${error.message}`, 'bad');
  } finally {
    order.filling = false;
  }
}

function apply(order, event, replayed) {
  order.lastSeq = event.seq;
  order.events.push(event);
  order.status = event.type;
  order.progress = Math.max(order.progress, event.progress ?? 0);
  order.message = event.message;
  if (event.quotes) {
    order.quotes = event.quotes;
  }
  if (event.chosenDex) {
    order.chosenDex = event.chosenDex;
  }
  if (event.attempt) {
    order.attempt = event.attempt;
    order.maxAttempts = event.maxAttempts;
  }
  if (event.txSignature) {
    order.txSignature = event.txSignature;
  }
  if (event.amountOut) {
    order.amountOut = event.amountOut;
  }
  if (event.executionPrice) {
    order.executionPrice = event.executionPrice;
  }
  if (event.failureReason) {
    order.failureReason = event.failureReason;
  }
  if (TERMINAL.has(event.type)) {
    order.terminal = true;
  }
  appendEventRow(order, event, replayed);
  render(order);
  updateConnectionLabel();
  updateSummary();
}

function createOrder(summary) {
  const order = {
    id: summary.orderId,
    tokenIn: summary.tokenIn,
    tokenOut: summary.tokenOut,
    amount: summary.amount,
    slippage: summary.slippage,
    createdAt: summary.createdAt,
    status: 'pending',
    progress: 0,
    lastSeq: 0,
    events: [],
    waiting: new Map(),
    filling: false,
    subscribed: false,
    everSubscribed: false,
    terminal: false,
    resumes: 0,
    quotes: null,
    chosenDex: null,
    attempt: 0,
    maxAttempts: 0,
    txSignature: null,
    amountOut: null,
    executionPrice: null,
    failureReason: null,
    message: 'Waiting for the first update…',
    element: $('#order-card').content.firstElementChild.cloneNode(true),
  };
  const card = order.element;
  card.dataset.orderId = order.id;
  $('.pair-amount', card).textContent = formatAmount(String(order.amount));
  $('.token-in', card).textContent = order.tokenIn;
  $('.token-out', card).textContent = order.tokenOut;
  $('.order-id', card).textContent = shortId(order.id);
  $('.order-id', card).title = order.id;
  $('.created', card).textContent = formatTime(order.createdAt);
  $('.created', card).dateTime = order.createdAt;
  $('.slippage-meta', card).textContent = `max slippage ${order.slippage}%`;
  $('.btn-cancel', card).addEventListener('click', () => cancel(order));
  $('.copy-tx', card).addEventListener('click', () => copySignature(order));
  orders.set(order.id, order);
  $('#order-list').prepend(card);
  remember();
  render(order);
  updateSummary();
  return order;
}

function addNote(order, text, kind = '') {
  const note = document.createElement('div');
  note.className = `note ${kind}`;
  note.textContent = text;
  $('.notes', order.element).append(note);
}

function appendEventRow(order, event, replayed) {
  const row = document.createElement('li');
  row.dataset.seq = String(event.seq);
  row.dataset.type = event.type;
  if (replayed) {
    row.classList.add('replayed');
  }
  for (const [name, text] of [['ev-seq', `#${event.seq}`], ['ev-time', formatTime(event.timestamp)],
    ['ev-type', event.type], ['ev-message', event.message]]) {
    const cell = document.createElement('span');
    cell.className = name;
    cell.textContent = text;
    row.append(cell);
  }
  $('.events', order.element).append(row);
  $('.event-count', order.element).textContent = String(order.events.length);
}

function render(order) {
  const card = order.element;
  card.dataset.status = order.status;
  $('.status-badge', card).textContent = STATUS_LABEL[order.status] ?? order.status;
  $('.progress-fill', card).style.width = `${order.progress}%`;
  $('.progress', card).setAttribute('aria-valuenow', String(order.progress));
  $('.message', card).textContent = order.message;

  const reached = STEPS.indexOf(order.status);
  const seen = new Set(order.events.map((event) => event.type));
  for (const item of card.querySelectorAll('.steps li')) {
    const step = item.dataset.step;
    item.className = '';
    if (step === 'final') {
      $('.step-label', item).textContent = order.terminal ? STATUS_LABEL[order.status] : 'Confirmed';
      if (order.status === 'confirmed') {
        item.classList.add('done');
      } else if (order.status === 'failed') {
        item.classList.add('bad');
      } else if (order.status === 'cancelled') {
        item.classList.add('off');
      }
    } else if (seen.has(step) && (order.terminal || STEPS.indexOf(step) < reached)) {
      item.classList.add('done');
    } else if (step === order.status) {
      item.classList.add('active');
    }
  }

  const attempt = $('.attempt', card);
  // A retried order keeps its badge to the end: "confirmed on attempt 2/3" is worth knowing.
  attempt.hidden = !order.attempt || (order.terminal && order.attempt < 2);
  attempt.textContent = `Attempt ${order.attempt}/${order.maxAttempts}`;
  attempt.classList.toggle('retry', order.attempt > 1);

  renderQuotes(order);

  const confirmed = order.status === 'confirmed';
  $('.result', card).hidden = !confirmed;
  if (confirmed) {
    $('.amount-out', card).textContent = `${formatAmount(order.amountOut)} ${order.tokenOut}`;
    $('.amount-out', card).title = order.amountOut;
    $('.execution-price', card).textContent = formatAmount(order.executionPrice);
    $('.execution-price', card).title = `${order.executionPrice} ${order.tokenOut} per ${order.tokenIn}`;
    $('.result-dex', card).textContent = order.chosenDex;
    $('.tx-signature', card).textContent = order.txSignature;
    $('.tx-signature', card).title = order.txSignature;
  }
  const ended = order.status === 'failed' || order.status === 'cancelled';
  $('.failure', card).hidden = !ended;
  // The failure box tells the same as the last message, better laid out.
  $('.message', card).hidden = ended;
  if (ended) {
    $('.failure-title', card).textContent = order.status === 'failed' ? 'Order failed' : 'Order cancelled';
    $('.failure-reason', card).textContent = order.failureReason ?? '';
  }
  $('.btn-cancel', card).hidden = !CANCELLABLE.has(order.status) || order.terminal;
}

function renderQuotes(order) {
  const box = $('.quotes', order.element);
  if (!order.quotes) {
    box.hidden = true;
    return;
  }
  box.hidden = false;
  const body = $('tbody', box);
  body.replaceChildren();
  for (const quote of order.quotes) {
    const row = document.createElement('tr');
    row.dataset.dex = quote.dex;
    const chosen = quote.dex === order.chosenDex;
    row.classList.toggle('chosen', chosen);
    const name = document.createElement('td');
    const label = document.createElement('span');
    label.className = 'dex-name';
    label.textContent = quote.dex;
    name.append(label);
    if (chosen) {
      const tag = document.createElement('span');
      tag.className = 'best-tag';
      tag.textContent = 'Best';
      name.append(tag);
    }
    const price = document.createElement('td');
    price.textContent = formatAmount(quote.price);
    price.title = quote.price;
    const fee = document.createElement('td');
    fee.textContent = `${(quote.feeBps / 100).toFixed(2)}%`;
    const out = document.createElement('td');
    out.className = 'num';
    out.textContent = `${formatAmount(quote.amountOut)} ${order.tokenOut}`;
    out.title = quote.amountOut;
    row.append(name, price, fee, out);
    body.append(row);
  }
}

function updateSummary() {
  const all = [...orders.values()];
  $('#orders-empty').hidden = all.length > 0;
  const active = all.filter((order) => !order.terminal).length;
  const confirmed = all.filter((order) => order.status === 'confirmed').length;
  $('#orders-summary').textContent = all.length
    ? `${active} in progress · ${confirmed} confirmed · ${all.length} total` : '';
}

async function cancel(order) {
  const button = $('.btn-cancel', order.element);
  button.disabled = true;
  try {
    await api(`/api/orders/${order.id}/cancel`, { method: 'POST' });
    // The cancelled event arrives over the socket like any other step.
  } catch (error) {
    addNote(order, error.status === 409 ? 'Too late to cancel: the transaction is already on its way.'
      : `Cancel failed: ${error.message}`, 'warn');
  } finally {
    button.disabled = false;
  }
}

async function copySignature(order) {
  try {
    await navigator.clipboard.writeText(order.txSignature);
    toast('Transaction signature copied', 'ok');
  } catch {
    toast('Copy failed: select the signature and copy it by hand', 'bad');
  }
}

/** Remembers recent orders so a reload shows them again (their history replays from seq 0). */
function remember() {
  const ids = [...orders.keys()].slice(-REMEMBERED_ORDERS);
  try {
    localStorage.setItem(STORAGE_KEY, JSON.stringify(ids));
  } catch {
    // Storage may be disabled; the page works without it.
  }
}

async function restore() {
  let ids = [];
  try {
    ids = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? '[]');
  } catch {
    ids = [];
  }
  for (const id of ids) {
    try {
      const order = createOrder(await api(`/api/orders/${encodeURIComponent(id)}`));
      subscribe(order);
    } catch {
      // Gone (e.g. a fresh database): forget it.
    }
  }
  remember();
}

// ---------------------------------------------------------------------------------------------
// The order ticket

function fillTokens() {
  for (const [select, chosen] of [[$('#token-in'), 'SOL'], [$('#token-out'), 'USDC']]) {
    for (const token of TOKENS) {
      select.append(new Option(token, token, token === chosen, token === chosen));
    }
  }
}

function slippage() {
  const choice = $('input[name="slippage-choice"]:checked').value;
  return choice === 'custom' ? $('#slippage-custom').value.trim() : choice;
}

function showFormError(message, problems = []) {
  const box = $('#form-error');
  box.replaceChildren(document.createTextNode(message));
  if (problems.length) {
    const list = document.createElement('ul');
    for (const problem of problems) {
      const item = document.createElement('li');
      item.textContent = `${problem.field}: ${problem.message}`;
      list.append(item);
    }
    box.replaceChildren(document.createTextNode('Please check the order:'), list);
  }
  box.hidden = false;
}

async function submitOrder(event) {
  event.preventDefault();
  const button = $('#submit-order');
  const body = {
    tokenIn: $('#token-in').value,
    tokenOut: $('#token-out').value,
    amount: $('#amount').value.trim(),
    slippage: slippage(),
  };
  $('#form-error').hidden = true;
  if (body.tokenIn === body.tokenOut) {
    showFormError('Pick two different tokens.');
    return;
  }
  button.disabled = true;
  button.textContent = 'Placing order…';
  try {
    const response = await api('/api/orders/execute', {
      method: 'POST', body: JSON.stringify(body), headers: { 'Idempotency-Key': newKey() },
    });
    const order = orders.get(response.orderId) ?? createOrder(response.order);
    subscribe(order);
    updateConnectionLabel();
  } catch (error) {
    showFormError(error.problem?.errors ? 'Please check the order:' : error.message, error.problem?.errors ?? []);
  } finally {
    button.disabled = false;
    button.textContent = 'Place market order';
  }
}

function wireForm() {
  fillTokens();
  $('#order-form').addEventListener('submit', submitOrder);
  $('#flip').addEventListener('click', () => {
    const tokenIn = $('#token-in');
    const tokenOut = $('#token-out');
    [tokenIn.value, tokenOut.value] = [tokenOut.value, tokenIn.value];
  });
  $('#slippage-custom').addEventListener('focus', () => {
    $('input[name="slippage-choice"][value="custom"]').checked = true;
  });
}

// ---------------------------------------------------------------------------------------------
// Start, and a small hook for tests and the curious (window.orderstream in the console)

window.orderstream = {
  /** Drops the WebSocket as a network failure would; the page reconnects and resumes. */
  dropConnection: () => socket.drop(),
  /** Whether the socket is open. */
  connected: () => socket.ws?.readyState === WebSocket.OPEN,
  /** Counters: connections opened, reconnects, duplicate events ignored, gaps filled from REST. */
  stats: () => ({ ...stats }),
  /** Each order as the page knows it, with the seqs and types of the events it has shown. */
  orders: () => [...orders.values()].map((order) => ({
    orderId: order.id, status: order.status, lastSeq: order.lastSeq, resumes: order.resumes,
    chosenDex: order.chosenDex, txSignature: order.txSignature,
    events: order.events.map((event) => ({ seq: event.seq, type: event.type })),
  })),
};

wireForm();
socket.connect();
restore();
