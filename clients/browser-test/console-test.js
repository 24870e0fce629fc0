#!/usr/bin/env node
// Drives the orderstream console (the page at "/") in headless Chromium as a person would,
// against a live gateway:
//
//   RELAY_PORT=8081 node console-test.js http://127.0.0.1:8080 server/target/browser-test live
//   TEST_TOKEN=… OTHER_TOKEN=… node console-test.js http://127.0.0.1:8080 server/target/browser-test token
//
// live (a gateway in `none` mode): the page goes through a relay that the script can cut
// (outage-proxy.js). It places two orders, drops the page's WebSocket while the first is mid-way
// and checks that the page resumed and shows every step exactly once (compared with the REST
// history), the DEX quotes with the chosen one marked and the transaction signature; cancels a
// third order; reloads and finds the orders listed from the server. Then it cuts the relay while
// an order is on its way and checks what a person sees: a countdown to the next try that drops
// by one each second, the order's card marked as possibly out of date while the server has it
// confirmed already, and a failed submit told in plain words; then restores the relay and checks
// that the page catches up.
//
// token (a gateway in `jwt` mode; TEST_TOKEN may read and write, OTHER_TOKEN is another
// subject's): orders are placed over REST first. The page must ask for a token, refuse a wrong
// one with the server's reason, list the token's orders (and not the other subject's) a page
// at a time, follow a new order live, keep the token in sessionStorage only (never in a URL or
// the console) and forget it on request.
//
// Both check the page with axe-core (no serious or critical violation) at 1360 px and at 390 px,
// that nothing is wider than a 390 px phone screen, and that the page logged no errors; they
// save screenshots in OUTPUT_DIR and exit 0 when all holds, 1 otherwise.
//
// Environment: CHROMIUM (default /usr/bin/chromium), TEST_TIMEOUT_MS (default 150000), and
// for live RELAY_PORT: the relay's port, whose origin (http://127.0.0.1:RELAY_PORT) the gateway
// must allow for WebSockets (orderstream.cors.origins).
'use strict';

const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { chromium } = require('playwright-core');
const { checkAccessibility } = require('./accessibility');
const { OutageProxy } = require('./outage-proxy');

const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const TIMEOUT_MS = Number(process.env.TEST_TIMEOUT_MS || 150_000);
const STEP_TIMEOUT_MS = 45_000;
const ALL_STEPS = ['pending', 'routing', 'building', 'submitted', 'confirmed'];
const TERMINAL = ['confirmed', 'failed', 'cancelled'];
// What Chromium itself logs when a request fails or is answered 401: not the page's errors.
const BROWSER_NETWORK_LOG = /^(Failed to load resource|WebSocket connection to .* failed)/;

function log(message) {
  console.log(`[console-test] ${message}`);
}

async function rest(base, pathname, { token, ...options } = {}) {
  const headers = { ...(options.body ? { 'Content-Type': 'application/json' } : {}),
    ...(token ? { Authorization: `Bearer ${token}` } : {}) };
  const response = await fetch(new URL(pathname, base), { ...options, headers });
  assert.ok(response.ok, `${pathname} answered ${response.status}`);
  return response.json();
}

async function placeOrder(page, tokenIn, tokenOut, amount) {
  const before = await page.locator('.order-card').count();
  await page.selectOption('#token-in', tokenIn);
  await page.selectOption('#token-out', tokenOut);
  await page.fill('#amount', amount);
  await page.click('#submit-order');
  await page.waitForFunction((count) => document.querySelectorAll('.order-card').length > count, before,
    { timeout: STEP_TIMEOUT_MS });
  // New cards go on top.
  const orderId = await page.locator('.order-card').first().getAttribute('data-order-id');
  assert.match(orderId, /^[0-9a-f-]{36}$/);
  log(`placed order ${orderId}: ${amount} ${tokenIn} -> ${tokenOut}`);
  return orderId;
}

function card(page, orderId) {
  return page.locator(`.order-card[data-order-id="${orderId}"]`);
}

async function cardIds(page) {
  return page.locator('.order-card').evaluateAll((cards) => cards.map((item) => item.dataset.orderId));
}

async function pageOrder(page, orderId) {
  const all = await page.evaluate(() => window.orderstream.orders());
  return all.find((order) => order.orderId === orderId);
}

async function waitForStatus(page, orderId, status) {
  await page.waitForSelector(`.order-card[data-order-id="${orderId}"][data-status="${status}"]`,
    { timeout: STEP_TIMEOUT_MS });
}

async function waitForSeq(page, orderId, seq) {
  await page.waitForFunction(([id, least]) => {
    const order = window.orderstream.orders().find((o) => o.orderId === id);
    return order && order.lastSeq >= least;
  }, [orderId, seq], { timeout: STEP_TIMEOUT_MS });
}

/** The steps the card lists in its activity log, checked against the server's history. */
async function checkSteps(page, base, orderId, token) {
  const history = await rest(base, `/api/orders/${orderId}/events`, { token });
  await page.waitForFunction(([id, count]) => document.querySelectorAll(
    `.order-card[data-order-id="${id}"] .events li`).length >= count, [orderId, history.events.length],
  { timeout: STEP_TIMEOUT_MS });
  const rows = await card(page, orderId).locator('.events li').evaluateAll((items) => items.map(
    (item) => ({ seq: Number(item.dataset.seq), type: item.dataset.type }),
  ));
  const seqs = rows.map((row) => row.seq);
  assert.deepEqual(seqs, seqs.map((_, index) => index + 1), `steps shown out of order, twice or with a gap: ${seqs}`);
  assert.deepEqual(rows, history.events.map((event) => ({ seq: event.seq, type: event.type })),
    'the page shows other steps than the server recorded');
  const distinct = rows.map((row) => row.type).filter((type, index, types) => types[index - 1] !== type);
  return { rows, distinct };
}

/** axe-core and a screenshot at desktop width, then both again on a 390 px phone screen. */
async function checkLayouts(page, output, name, label) {
  for (const [width, height, suffix] of [[1360, 1000, ''], [390, 844, '-mobile']]) {
    await page.setViewportSize({ width, height });
    await page.mouse.move(0, 0);
    await page.evaluate(() => window.scrollTo(0, 0));
    const lesser = await checkAccessibility(page, `${label} at ${width} px`);
    log(`axe-core: no serious violation on ${label} at ${width} px${lesser.length ? `; lesser: ${lesser.join('; ')}` : ''}`);
    await page.screenshot({ path: path.join(output, `${name}${suffix}.png`), fullPage: true });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `${label}: the page is ${overflow}px wider than a ${width}px screen`);
  }
  await page.setViewportSize({ width: 1360, height: 1000 });
}

// ---------------------------------------------------------------------------------------------
// live: orders, a dropped socket, a reload, an outage

async function liveScenario(page, base, output) {
  const proxy = await new OutageProxy(new URL(base).hostname, Number(new URL(base).port),
    Number(process.env.RELAY_PORT || 0)).up();
  try {
    await page.goto(proxy.url, { waitUntil: 'load' });
    await page.waitForSelector('#connection[data-state="live"]', { timeout: STEP_TIMEOUT_MS });
    assert.ok(await page.locator('#sign-in').isHidden(), 'a gateway in none mode needs no token');
    log('page loaded and its WebSocket is live');

    const [first, second] = await ordersAndADroppedSocket(page, base);
    const third = await placeOrder(page, 'BONK', 'SOL', '2500000');
    await card(page, third).locator('.btn-cancel').click();
    await waitForStatus(page, third, 'cancelled');
    assert.match(await card(page, third).locator('.failure-title').textContent(), /cancelled/i);
    assert.ok(await card(page, third).locator('.btn-cancel').isHidden());
    log('third order cancelled from its card');

    // A reload lists the orders from the server, newest first, each with its steps.
    await page.reload({ waitUntil: 'load' });
    await page.waitForFunction(() => document.querySelectorAll('.order-card').length >= 3, null,
      { timeout: STEP_TIMEOUT_MS });
    const listed = (await rest(base, '/api/orders?pageSize=10')).orders.map((order) => order.orderId);
    assert.deepEqual(await cardIds(page), listed, 'after a reload the page should list what the server lists');
    assert.deepEqual(listed.slice(0, 3), [third, second, first]);
    await waitForStatus(page, first, 'confirmed');
    assert.deepEqual((await checkSteps(page, base, first)).distinct, ALL_STEPS);
    assert.equal(await page.evaluate(() => localStorage.length), 0, 'orders are not kept in the browser');
    log(`after a reload the page lists the server's ${listed.length} orders`);

    await outage(page, base, proxy, output);
    await card(page, first).locator('.activity summary').click();
    await checkLayouts(page, output, 'console', 'the console with orders');
  } finally {
    if (proxy.server) {
      await proxy.down();
    }
  }
}

async function ordersAndADroppedSocket(page, base) {
  // Two orders at once, on the page's one /ws connection.
  const first = await placeOrder(page, 'SOL', 'USDC', '10');
  const second = await placeOrder(page, 'JUP', 'USDT', '250');
  const health = await rest(base, '/health');
  assert.equal(health.connections.multiSockets, 1, 'the page should use one /ws connection for all orders');

  // Drop the socket while the first order is mid-way.
  await waitForSeq(page, first, 2);
  const beforeDrop = await pageOrder(page, first);
  assert.ok(!TERMINAL.includes(beforeDrop.status),
    `order ended (${beforeDrop.status}) before the drop: give the gateway more latency`);
  log(`dropping the WebSocket at seq ${beforeDrop.lastSeq} (${beforeDrop.status})`);
  await page.evaluate(() => window.orderstream.dropConnection());

  const note = card(page, first).locator('.resume-note');
  await note.waitFor({ timeout: STEP_TIMEOUT_MS });
  const noteText = await note.textContent();
  const resumedFrom = Number(/resumed from seq (\d+)/.exec(noteText)?.[1]);
  assert.ok(resumedFrom >= beforeDrop.lastSeq, `resume note "${noteText}" is before seq ${beforeDrop.lastSeq}`);
  log(`page says: "${noteText}"`);

  await waitForStatus(page, first, 'confirmed');
  await waitForStatus(page, second, 'confirmed');
  log('both orders confirmed');

  // Every step once, in order, the same as the server's history, across the reconnect.
  const { rows, distinct } = await checkSteps(page, base, first);
  assert.deepEqual(distinct, ALL_STEPS);
  assert.ok(resumedFrom < rows.at(-1).seq, 'the reconnect should have happened before the last step');
  assert.deepEqual((await checkSteps(page, base, second)).distinct, ALL_STEPS);
  const stepClasses = await card(page, first).locator('.steps li').evaluateAll(
    (items) => items.map((item) => item.className),
  );
  assert.deepEqual(stepClasses, ['done', 'done', 'done', 'done', 'done']);
  assert.equal(await card(page, first).locator('.progress').getAttribute('aria-valuenow'), '100');

  // The chosen DEX among the quotes, and the transaction signature, as the server has them.
  const order = await rest(base, `/api/orders/${first}`);
  const quoteRows = card(page, first).locator('.quotes tbody tr');
  assert.ok(await quoteRows.count() >= 2, 'the quotes of every DEX should be listed');
  const chosen = card(page, first).locator('.quotes tr.chosen');
  assert.equal(await chosen.count(), 1);
  assert.equal(await chosen.getAttribute('data-dex'), order.chosenDex);
  assert.equal(await chosen.locator('.best-tag').textContent(), 'Best');
  assert.equal(await card(page, first).locator('.result-dex').textContent(), order.chosenDex);
  assert.ok(order.txSignature, 'the confirmed order has a signature');
  assert.equal(await card(page, first).locator('.tx-signature').textContent(), order.txSignature);
  assert.ok(await card(page, first).locator('.tx-signature').isVisible());

  const stats = await page.evaluate(() => window.orderstream.stats());
  assert.equal(stats.connections, 2, 'one connection, then one reconnection');
  assert.equal((await rest(base, '/health')).connections.multiSockets, 1, 'the dropped socket is gone');
  return [first, second];
}

/** The connection badge's countdowns while the server is out of reach, sampled for `ms`. */
async function watchCountdown(page, ms) {
  const seen = [];
  const end = Date.now() + ms;
  while (Date.now() < end) {
    const text = await page.locator('#connection').textContent();
    const seconds = Number(/retrying in (\d+)s/.exec(text)?.[1]);
    if (seconds && seen.at(-1) !== seconds) {
      seen.push(seconds);
    }
    await page.waitForTimeout(150);
  }
  return seen;
}

async function outage(page, base, proxy, output) {
  const orderId = await placeOrder(page, 'RAY', 'USDC', '40');
  await waitForSeq(page, orderId, 2);
  await proxy.down();
  const shown = await pageOrder(page, orderId);
  assert.ok(!TERMINAL.includes(shown.status), `order ended (${shown.status}) before the outage`);
  log(`relay cut with the order at seq ${shown.lastSeq} (${shown.status})`);

  await page.waitForSelector('#connection[data-state="reconnecting"]', { timeout: STEP_TIMEOUT_MS });
  const staleBadge = card(page, orderId).locator('.stale-badge');
  await staleBadge.waitFor({ state: 'visible', timeout: STEP_TIMEOUT_MS });

  // The server finishes the order meanwhile; the card cannot know, and says it may be behind.
  for (let i = 0; i < 100 && (await rest(base, `/api/orders/${orderId}`)).status !== 'confirmed'; i += 1) {
    await page.waitForTimeout(200);
  }
  assert.equal((await rest(base, `/api/orders/${orderId}`)).status, 'confirmed');
  assert.equal((await pageOrder(page, orderId)).status, shown.status, 'no update can reach the page in an outage');
  assert.ok(await staleBadge.isVisible(), 'a card that cannot be updated must say it may be out of date');
  log(`server: confirmed; card: still "${shown.status}", marked "${(await staleBadge.textContent()).trim()}"`);

  // Placing an order now fails in plain words.
  await page.click('#submit-order');
  const formError = page.locator('#form-error');
  await formError.waitFor({ state: 'visible', timeout: STEP_TIMEOUT_MS });
  const errorText = await formError.textContent();
  assert.doesNotMatch(errorText, /failed to fetch|TypeError|NetworkError/i);
  assert.match(errorText, /can't be reached/);
  log(`submit in the outage: "${errorText}"`);

  // The countdown to the next try drops by one each second.
  const countdown = await watchCountdown(page, 6000);
  const run = countdown.reduce((best, seconds, index) => {
    const length = index > 0 && countdown[index - 1] === seconds + 1 ? best.current + 1 : 1;
    return { current: length, longest: Math.max(best.longest, length) };
  }, { current: 0, longest: 0 }).longest;
  assert.ok(run >= 3, `the countdown should count down second by second, saw ${countdown.join(', ')}`);
  log(`countdown seen: ${countdown.map((seconds) => `${seconds}s`).join(' ')}`);
  await page.waitForSelector('#reconnect-now:visible', { timeout: STEP_TIMEOUT_MS });
  await checkLayouts(page, output, 'console-outage', 'the console in an outage');

  // Back up. While the page waits out its backoff, "Retry now" connects at once.
  await proxy.up();
  const state = await (await page.waitForFunction(() => {
    const badge = document.querySelector('#connection');
    if (badge.dataset.state === 'live') {
      return 'live';
    }
    const seconds = Number(/retrying in (\d+)s/.exec(badge.textContent)?.[1]);
    return seconds >= 3 && !document.querySelector('#reconnect-now').hidden ? 'waiting' : false;
  }, null, { timeout: STEP_TIMEOUT_MS })).jsonValue();
  if (state === 'waiting') {
    await page.click('#reconnect-now');
    await page.waitForSelector('#connection[data-state="live"]', { timeout: 2500 });
    log('"Retry now" reconnected at once');
  }
  await waitForStatus(page, orderId, 'confirmed');
  assert.ok(await staleBadge.isHidden(), 'back live, the card is no longer marked out of date');
  assert.deepEqual((await checkSteps(page, base, orderId)).distinct, ALL_STEPS);
  log('relay restored: the page reconnected and the card caught up to confirmed');

  // The same submit again goes through now.
  const before = (await cardIds(page)).length;
  await page.click('#submit-order');
  await page.waitForFunction((count) => document.querySelectorAll('.order-card').length > count, before,
    { timeout: STEP_TIMEOUT_MS });
  assert.ok(await formError.isHidden());
}

// ---------------------------------------------------------------------------------------------
// token: the page asks for a token and lists that token's orders

async function tokenScenario(page, base, output, consoleText) {
  const token = process.env.TEST_TOKEN;
  const otherToken = process.env.OTHER_TOKEN;
  assert.ok(token && otherToken, 'TEST_TOKEN and OTHER_TOKEN are needed');
  const order = { tokenIn: 'SOL', tokenOut: 'USDC', amount: 1, slippage: 0.5 };
  const placed = [];
  for (let i = 0; i < 12; i += 1) {
    placed.push((await rest(base, '/api/orders', { method: 'POST', token, body: JSON.stringify(order) })).orderId);
  }
  const othersOrder = (await rest(base, '/api/orders', {
    method: 'POST', token: otherToken, body: JSON.stringify(order),
  })).orderId;
  log(`placed 12 orders over REST with the test token, and one with another subject's`);
  const sockets = [];
  page.on('websocket', (socket) => sockets.push(socket.url()));

  await page.goto(base, { waitUntil: 'load' });
  await page.waitForSelector('#sign-in:not([hidden])', { timeout: STEP_TIMEOUT_MS });
  assert.match(await page.locator('#sign-in-reason').textContent(), /needs an access token/);
  assert.equal(await page.locator('#connection').getAttribute('data-state'), 'signed-out');
  assert.equal(await page.locator('.order-card').count(), 0);
  log('the page asks for an access token');
  await checkLayouts(page, output, 'console-token', 'the token prompt');

  await page.fill('#access-token', 'not-a-token');
  await page.click('#sign-in-form button[type="submit"]');
  await page.waitForFunction(() => /did not accept/.test(document.querySelector('#sign-in-reason').textContent)
    && !document.querySelector('#sign-in').hidden, null, { timeout: STEP_TIMEOUT_MS });
  log(`a wrong token: "${await page.locator('#sign-in-reason').textContent()}"`);

  await page.fill('#access-token', token);
  await page.click('#sign-in-form button[type="submit"]');
  await page.waitForSelector('#sign-in', { state: 'hidden', timeout: STEP_TIMEOUT_MS });
  await page.waitForFunction(() => document.querySelectorAll('.order-card').length === 10, null,
    { timeout: STEP_TIMEOUT_MS });
  await page.waitForSelector('#connection[data-state="live"]', { timeout: STEP_TIMEOUT_MS });
  await page.waitForFunction(() => /Signed in as/.test(document.querySelector('.identity-label').textContent),
    null, { timeout: STEP_TIMEOUT_MS });
  log(`with the token: ${await page.locator('.identity-label').textContent()}, 10 orders listed`);

  const firstPage = await rest(base, '/api/orders?pageSize=10', { token });
  assert.deepEqual(await cardIds(page), firstPage.orders.map((listed) => listed.orderId));
  await page.click('#orders-more');
  await page.waitForFunction(() => document.querySelectorAll('.order-card').length === 12, null,
    { timeout: STEP_TIMEOUT_MS });
  const secondPage = await rest(base, `/api/orders?pageSize=10&pageToken=${encodeURIComponent(firstPage.nextPageToken)}`, { token });
  const listed = [...firstPage.orders, ...secondPage.orders].map((listedOrder) => listedOrder.orderId);
  assert.deepEqual(await cardIds(page), listed, 'both pages, newest first, as the server lists them');
  assert.deepEqual(listed.toSorted(), placed.toSorted());
  assert.ok(await page.locator('#orders-more').isHidden(), 'no more pages');
  assert.equal(await card(page, othersOrder).count(), 0, 'another subject\'s order is not listed');
  await waitForStatus(page, placed[0], 'confirmed');
  assert.deepEqual((await checkSteps(page, base, placed[0], token)).distinct, ALL_STEPS);
  log('"Show older orders" listed the other 2; none of another subject\'s');

  const mine = await placeOrder(page, 'WIF', 'USDT', '5');
  await waitForStatus(page, mine, 'confirmed');
  assert.deepEqual((await checkSteps(page, base, mine, token)).distinct, ALL_STEPS);
  log('an order placed from the page was followed live to confirmed');

  // The token: in this tab's sessionStorage, in no URL and nothing the page logged.
  assert.equal(await page.evaluate(() => sessionStorage.getItem('orderstream.token')), token);
  assert.equal(await page.evaluate(() => localStorage.length), 0);
  assert.ok(sockets.length > 0);
  for (const url of [page.url(), ...sockets]) {
    assert.ok(!url.includes(token) && !url.includes('access_token'), `the token is in a URL: ${url}`);
  }
  assert.ok(!consoleText().includes(token), 'the token is in the console');

  await page.reload({ waitUntil: 'load' });
  await page.waitForFunction(() => document.querySelectorAll('.order-card').length === 10, null,
    { timeout: STEP_TIMEOUT_MS });
  assert.ok(await page.locator('#sign-in').isHidden(), 'the token outlives a reload of the tab');
  await checkLayouts(page, output, 'console-signed-in', 'the console signed in');

  await page.click('#sign-out');
  await page.waitForSelector('#sign-in:not([hidden])', { timeout: STEP_TIMEOUT_MS });
  assert.equal(await page.locator('.order-card').count(), 0);
  assert.equal(await page.evaluate(() => sessionStorage.getItem('orderstream.token')), null);
  log('"Forget token" forgot it and the orders shown');
}

// ---------------------------------------------------------------------------------------------

async function run(base, output, scenario) {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'orderstream-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1360, height: 1000 },
    deviceScaleFactor: 1,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-quic',
      '--no-first-run', '--disable-component-update', '--disable-sync'],
  });
  const problems = [];
  const consoleLines = [];
  const page = context.pages()[0] ?? await context.newPage();
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    consoleLines.push(message.text());
    if (message.type() === 'error' && !BROWSER_NETWORK_LOG.test(message.text())) {
      problems.push(`console error: ${message.text()}`);
    }
  });
  fs.mkdirSync(output, { recursive: true });
  try {
    if (scenario === 'token') {
      await tokenScenario(page, base, output, () => consoleLines.join('\n'));
    } else {
      await liveScenario(page, base, output);
    }
    assert.deepEqual(problems, [], 'the page logged errors');
    log(`screenshots saved in ${output}`);
  } catch (error) {
    await page.screenshot({ path: path.join(output, `${scenario}-failure.png`), fullPage: true }).catch(() => {});
    if (problems.length) {
      error.message += `\n${problems.join('\n')}`;
    }
    throw error;
  } finally {
    await context.close();
    fs.rmSync(profile, { recursive: true, force: true });
  }
}

async function main() {
  const [base, output, scenario = 'live'] = process.argv.slice(2);
  if (!base || !output || !['live', 'token'].includes(scenario)) {
    console.error('usage: node console-test.js GATEWAY_URL OUTPUT_DIR [live|token]');
    return 2;
  }
  const timer = setTimeout(() => {
    console.error(`[console-test] FAILED: no result after ${TIMEOUT_MS} ms`);
    process.exit(1);
  }, TIMEOUT_MS);
  try {
    await run(base, output, scenario);
    log('PASSED');
    return 0;
  } catch (error) {
    console.error(`[console-test] FAILED: ${error.stack || error}`);
    return 1;
  } finally {
    clearTimeout(timer);
  }
}

main().then((code) => { process.exitCode = code; });
