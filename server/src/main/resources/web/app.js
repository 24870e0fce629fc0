// The orderstream console: submits orders over REST and follows all of them over one WebSocket
// (/ws). When the socket drops it reconnects with exponential backoff, counting down to each
// try, marks the unfinished orders as possibly out of date, and resubscribes each from the last
// seq it has shown; events are applied strictly in seq order, so no step is shown twice and a
// gap is filled from the REST history before going on. "Your orders" is the server's list of
// the caller's orders, a page at a time. When the server wants an access token (a 401, or the
// socket closed with 4401) the page asks for one and sends it with every call.

import { accessToken, api, onUnauthorized } from './api.js';
import { connection } from './connection.js';

const TOKENS = ['SOL', 'USDC', 'USDT', 'BONK', 'JUP', 'RAY', 'WIF'];
const STEPS = ['pending', 'routing', 'building', 'submitted'];
const TERMINAL = new Set(['confirmed', 'failed', 'cancelled']);
const CANCELLABLE = new Set(['pending', 'routing', 'building']);
const STATUS_LABEL = {
  pending: 'Queued', routing: 'Routing', building: 'Building', submitted: 'Submitted',
  confirmed: 'Confirmed', failed: 'Failed', cancelled: 'Cancelled',
};
// The step details a card keeps from its events (the latest of each), read by the names the
// gateway's event JSON gives them: EventField's JSON names, never their aliases, which are there
// for the Node.js system's clients. EventFacesTest checks this list against them.
const KEPT_DETAILS = ['quotes', 'chosenDex', 'attempt', 'maxAttempts', 'txSignature', 'amountOut',
  'executionPrice', 'failureReason'];
const PAGE_SIZE = 10;
// Where an earlier version of this page kept order ids; the server's list replaces it.
const OLD_STORAGE_KEY = 'orderstream.orders';

const $ = (selector, root = document) => root.querySelector(selector);
const orders = new Map();
const stats = { duplicatesIgnored: 0, gapsFilled: 0 };

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
// Following orders on the one WebSocket (connection.js)

function updateConnectionLabel() {
  connection.showLive([...orders.values()].filter((order) => !order.terminal).length);
}

function socketOpened(resumed) {
  let count = 0;
  for (const order of orders.values()) {
    if (!order.terminal) {
      order.subscribed = false;
      subscribe(order, resumed);
      count += 1;
    }
  }
  markStale();
  updateConnectionLabel();
  if (resumed) {
    toast(count ? `Reconnected · resumed ${count} order${count === 1 ? '' : 's'}` : 'Reconnected', 'ok');
  }
  if (!listing.loaded && !listing.loading) {
    // The list could not be read while the server was out of reach; now it can.
    loadOrders();
  }
}

function socketLost() {
  for (const order of orders.values()) {
    order.subscribed = false;
  }
  markStale();
}

/**
 * Marks every unfinished order whose updates cannot arrive now: what its card shows may be
 * behind what the server knows (a card still saying "Submitting" may be confirmed by now).
 */
function markStale() {
  const live = connection.live();
  for (const order of orders.values()) {
    const stale = !live && !order.terminal;
    order.element.classList.toggle('stale', stale);
    $('.stale-badge', order.element).hidden = !stale;
  }
}

function subscribe(order, resumed = false) {
  if (order.subscribed || order.terminal) {
    return;
  }
  if (connection.send({ op: 'subscribe', orderId: order.id, afterSeq: order.lastSeq })) {
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
    case 'authenticated':
      showIdentity(data.subject);
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

function fillGap(order) {
  return loadHistory(order, true);
}

/** Reads the steps after the last one shown from REST: to fill a gap, or for a finished order. */
async function loadHistory(order, gap = false) {
  if (order.filling) {
    return;
  }
  order.filling = true;
  try {
    const history = await api(`/api/orders/${order.id}/events?afterSeq=${order.lastSeq}`);
    if (gap) {
      stats.gapsFilled += 1;
    }
    for (const event of history.events) {
      if (event.seq > order.lastSeq && !order.waiting.has(event.seq)) {
        order.waiting.set(event.seq, { event, replayed: true });
      }
    }
    drain(order);
  } catch (error) {
    addNote(order, `Could not load this order's steps. ${error.message}`, 'bad');
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
  for (const name of KEPT_DETAILS) {
    if (event[name]) {
      order[name] = event[name];
    }
  }
  // A terminal event that more events follow ended an execution before a replay.
  const terminal = TERMINAL.has(event.type);
  if (terminal !== order.terminal) {
    order.terminal = terminal;
    markStale();
  }
  appendEventRow(order, event, replayed);
  render(order);
  updateConnectionLabel();
  updateSummary();
}

/**
 * A card for an order as the server summarised it (the submit answer, or an entry of the list):
 * it shows where the order stands until its steps arrive. New orders go on top, listed ones
 * below those already shown.
 */
function createOrder(summary, { append = false } = {}) {
  const terminal = TERMINAL.has(summary.status);
  const order = {
    id: summary.orderId,
    tokenIn: summary.tokenIn,
    tokenOut: summary.tokenOut,
    amount: summary.amount,
    slippage: summary.slippage,
    createdAt: summary.createdAt,
    status: summary.status ?? 'pending',
    progress: summary.progress ?? 0,
    lastSeq: 0,
    events: [],
    waiting: new Map(),
    filling: false,
    subscribed: false,
    everSubscribed: false,
    terminal,
    resumes: 0,
    quotes: null,
    chosenDex: summary.chosenDex ?? null,
    attempt: 0,
    maxAttempts: 0,
    txSignature: summary.txSignature ?? null,
    amountOut: summary.amountOut ?? null,
    executionPrice: null,
    failureReason: summary.failureReason ?? null,
    message: terminal ? 'Loading its steps…' : 'Waiting for the next update…',
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
  if (append) {
    $('#order-list').append(card);
  } else {
    $('#order-list').prepend(card);
  }
  render(order);
  markStale();
  updateSummary();
  return order;
}

/** Follows an order: live on the socket until it ends, or its stored steps if it has ended. */
function follow(order) {
  if (order.terminal) {
    loadHistory(order);
  } else {
    subscribe(order);
  }
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
  const [title, text] = !$('#sign-in').hidden
    ? ['Your orders are private', 'Enter an access token above to see them, and to place orders.']
    : !listing.loaded && listing.loading ? ['Loading your orders…', 'They appear here in a moment.']
      : ['No orders yet', 'Place an order and watch it get routed, built, submitted and confirmed here, live.'];
  $('.empty-title').textContent = title;
  $('.empty-text').textContent = text;
  const active = all.filter((order) => !order.terminal).length;
  const confirmed = all.filter((order) => order.status === 'confirmed').length;
  $('#orders-summary').textContent = all.length
    ? `${active} in progress · ${confirmed} confirmed · ${all.length} shown` : '';
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

// ---------------------------------------------------------------------------------------------
// Your orders: the server's list of the caller's orders, newest first, a page at a time

// `generation` changes when the orders shown are cleared: a page asked for before is then dropped.
const listing = { loaded: false, loading: false, nextPageToken: '', generation: 0 };

async function loadOrders({ more = false } = {}) {
  if (listing.loading) {
    return;
  }
  const { generation } = listing;
  listing.loading = true;
  updateSummary();
  const button = $('#orders-more');
  button.disabled = true;
  $('#orders-error').hidden = true;
  const query = new URLSearchParams({ pageSize: String(PAGE_SIZE) });
  if (more) {
    query.set('pageToken', listing.nextPageToken);
  }
  try {
    const page = await api(`/api/orders?${query}`);
    if (generation !== listing.generation) {
      return;
    }
    for (const summary of page.orders) {
      if (!orders.has(summary.orderId)) {
        follow(createOrder(summary, { append: true }));
      }
    }
    listing.loaded = true;
    listing.nextPageToken = page.nextPageToken ?? '';
    updateConnectionLabel();
  } catch (error) {
    if (generation === listing.generation && error.kind !== 'unauthenticated') {
      $('.orders-error-text').textContent = `Your orders could not be loaded. ${error.message}`;
      $('#orders-error').hidden = false;
    }
  } finally {
    if (generation === listing.generation) {
      listing.loading = false;
      button.disabled = false;
      button.hidden = !listing.nextPageToken;
      updateSummary();
    }
  }
}

/** Forgets every order shown, e.g. when another token (perhaps another person) takes over. */
function clearOrders() {
  for (const order of orders.values()) {
    order.element.remove();
  }
  orders.clear();
  Object.assign(listing, { loaded: false, loading: false, nextPageToken: '', generation: listing.generation + 1 });
  $('#orders-more').disabled = false;
  $('#orders-more').hidden = true;
  $('#orders-error').hidden = true;
  updateSummary();
}

// ---------------------------------------------------------------------------------------------
// The access token: asked for when the server wants one, kept in this tab's sessionStorage

function askForToken(reason) {
  $('#sign-in-reason').textContent = reason;
  $('#sign-in').hidden = false;
  $('#identity').hidden = true;
  connection.waitForToken();
  updateSummary();
  $('#access-token').focus();
}

function showIdentity(subject) {
  $('.identity-label').textContent = subject ? `Signed in as ${subject}` : 'Using an access token';
  $('#identity').hidden = !accessToken.get();
}

function useToken(event) {
  event.preventDefault();
  const input = $('#access-token');
  const token = input.value.trim();
  if (!token) {
    $('#sign-in-reason').textContent = 'Paste the access token first.';
    input.focus();
    return;
  }
  input.value = '';
  accessToken.set(token);
  unanswered = null;
  $('#sign-in').hidden = true;
  showIdentity(null);
  $('#form-error').hidden = true;
  clearOrders();
  connection.restart();
  loadOrders();
}

function forgetToken() {
  accessToken.clear();
  clearOrders();
  askForToken('The token is forgotten. Enter one to see and place orders again.');
}

function wireSignIn() {
  $('#sign-in-form').addEventListener('submit', useToken);
  $('#sign-out').addEventListener('click', forgetToken);
  onUnauthorized((error) => {
    accessToken.clear();
    askForToken(error.message);
  });
  if (accessToken.get()) {
    showIdentity(null);
  }
}

function socketUnauthorized(reason, hadToken) {
  accessToken.clear();
  askForToken(hadToken ? `The server did not accept your access token${reason ? ` (${reason})` : ''}. `
    + 'Enter a new one.' : 'This server needs an access token. Enter one to see and place orders.');
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

// A submit whose outcome is unknown (no answer, or the server failed): sending the same order
// again reuses its Idempotency-Key, so a retry can never place it twice.
let unanswered = null;

function submitFailure(error) {
  switch (error.kind) {
    case 'invalid':
      return error.problem?.errors ? 'Please check the order:' : `The order was refused: ${error.message}`;
    case 'unauthenticated':
      return 'Your order was not placed: enter an access token above, then place it again.';
    case 'network':
      return 'Your order may not have been placed: the server can\'t be reached. Check your connection and '
        + 'press "Place market order" again; the same order is never placed twice.';
    case 'busy':
    case 'server':
      return `Your order may not have been placed. ${error.message} Pressing "Place market order" again never `
        + 'places it twice.';
    default:
      return `Your order was not placed. ${error.message}`;
  }
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
  const text = JSON.stringify(body);
  const key = unanswered?.text === text ? unanswered.key : newKey();
  button.disabled = true;
  button.textContent = 'Placing order…';
  try {
    const response = await api('/api/orders/execute', {
      method: 'POST', body: text, headers: { 'Idempotency-Key': key },
    });
    unanswered = null;
    follow(orders.get(response.orderId) ?? createOrder(response.order));
    updateConnectionLabel();
  } catch (error) {
    unanswered = ['network', 'busy', 'server'].includes(error.kind) ? { text, key } : null;
    showFormError(submitFailure(error), error.kind === 'invalid' ? error.problem?.errors ?? [] : []);
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
  dropConnection: () => connection.drop(),
  /** Whether the socket is open. */
  connected: () => connection.live(),
  /** Counters: connections opened, reconnects, duplicate events ignored, gaps filled from REST. */
  stats: () => ({ ...connection.stats, ...stats }),
  /** Each order as the page knows it, with the seqs and types of the events it has shown. */
  orders: () => [...orders.values()].map((order) => ({
    orderId: order.id, status: order.status, lastSeq: order.lastSeq, resumes: order.resumes,
    chosenDex: order.chosenDex, txSignature: order.txSignature,
    events: order.events.map((event) => ({ seq: event.seq, type: event.type })),
  })),
};

try {
  localStorage.removeItem(OLD_STORAGE_KEY);
} catch {
  // Storage disabled: nothing was kept there either.
}
wireForm();
wireSignIn();
$('#orders-more').addEventListener('click', () => loadOrders({ more: true }));
$('#orders-retry').addEventListener('click', () => loadOrders());
connection.start({
  opened: socketOpened, message: onSocketMessage, lost: socketLost, unauthorized: socketUnauthorized,
});
loadOrders();
