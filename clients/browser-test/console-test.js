#!/usr/bin/env node
// Drives the orderstream console (the page at "/") in headless Chromium as a person would,
// against a live gateway:
//
//   node console-test.js http://127.0.0.1:8080 server/target/browser-test/console.png
//
// It places two orders from the form, drops the page's WebSocket while the first is mid-way,
// and checks that the page reconnected, said from which seq it resumed, and shows every step
// exactly once (compared with the REST history), the DEX quotes with the chosen one marked and
// the transaction signature. It cancels a third order with its button. It saves a screenshot
// (and a narrow-screen one beside it) and exits 0 when all holds, 1 otherwise.
//
// Environment: CHROMIUM (default /usr/bin/chromium), TEST_TIMEOUT_MS (default 120000).
'use strict';

const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { chromium } = require('playwright-core');

const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const TIMEOUT_MS = Number(process.env.TEST_TIMEOUT_MS || 120_000);
const STEP_TIMEOUT_MS = 45_000;
const ALL_STEPS = ['pending', 'routing', 'building', 'submitted', 'confirmed'];

function log(message) {
  console.log(`[console-test] ${message}`);
}

async function rest(base, pathname, options) {
  const response = await fetch(new URL(pathname, base), options);
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

async function pageOrder(page, orderId) {
  const all = await page.evaluate(() => window.orderstream.orders());
  return all.find((order) => order.orderId === orderId);
}

async function waitForStatus(page, orderId, status) {
  await page.waitForSelector(`.order-card[data-order-id="${orderId}"][data-status="${status}"]`,
    { timeout: STEP_TIMEOUT_MS });
}

/** The steps the card lists in its activity log, checked against the server's history. */
async function checkSteps(page, base, orderId) {
  const rows = await card(page, orderId).locator('.events li').evaluateAll((items) => items.map(
    (item) => ({ seq: Number(item.dataset.seq), type: item.dataset.type }),
  ));
  const seqs = rows.map((row) => row.seq);
  assert.deepEqual(seqs, seqs.map((_, index) => index + 1), `steps shown out of order, twice or with a gap: ${seqs}`);
  const history = await rest(base, `/api/orders/${orderId}/events`);
  assert.deepEqual(rows, history.events.map((event) => ({ seq: event.seq, type: event.type })),
    'the page shows other steps than the server recorded');
  const distinct = rows.map((row) => row.type).filter((type, index, types) => types[index - 1] !== type);
  return { rows, distinct };
}

async function run(base, screenshot) {
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
  const page = context.pages()[0] ?? await context.newPage();
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') {
      problems.push(`console error: ${message.text()}`);
    }
  });
  try {
    await page.goto(base, { waitUntil: 'load' });
    await page.waitForSelector('#connection[data-state="live"]', { timeout: STEP_TIMEOUT_MS });
    log('page loaded and its WebSocket is live');

    // Two orders at once, on the page's one /ws connection.
    const first = await placeOrder(page, 'SOL', 'USDC', '10');
    const second = await placeOrder(page, 'JUP', 'USDT', '250');
    const health = await rest(base, '/health');
    assert.equal(health.connections.multiSockets, 1, 'the page should use one /ws connection for all orders');

    // Drop the socket while the first order is mid-way.
    await page.waitForFunction((id) => {
      const order = window.orderstream.orders().find((o) => o.orderId === id);
      return order && order.lastSeq >= 2;
    }, first, { timeout: STEP_TIMEOUT_MS });
    const beforeDrop = await pageOrder(page, first);
    assert.ok(!['confirmed', 'failed', 'cancelled'].includes(beforeDrop.status),
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

    // Cancel from the card while the order is still cancellable.
    await page.evaluate(() => window.scrollTo(0, 0));
    const third = await placeOrder(page, 'BONK', 'SOL', '2500000');
    await card(page, third).locator('.btn-cancel').click();
    await waitForStatus(page, third, 'cancelled');
    assert.match(await card(page, third).locator('.failure-title').textContent(), /cancelled/i);
    assert.ok(await card(page, third).locator('.btn-cancel').isHidden());
    log('third order cancelled from its card');

    assert.deepEqual(problems, [], 'the page logged errors');

    // Open the first card's activity log for the picture.
    await card(page, first).locator('.activity summary').click();
    await page.mouse.move(0, 0);
    await page.evaluate(() => window.scrollTo(0, 0));
    fs.mkdirSync(path.dirname(screenshot), { recursive: true });
    await page.screenshot({ path: screenshot, fullPage: true });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.evaluate(() => window.scrollTo(0, 0));
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `the page is ${overflow}px wider than a 390px phone screen`);
    await page.screenshot({ path: screenshot.replace(/(\.png)?$/, '-mobile.png'), fullPage: true });
    log(`screenshots saved: ${screenshot}`);
  } catch (error) {
    fs.mkdirSync(path.dirname(screenshot), { recursive: true });
    await page.screenshot({ path: screenshot.replace(/(\.png)?$/, '-failure.png'), fullPage: true })
      .catch(() => {});
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
  const [base, screenshot] = process.argv.slice(2);
  if (!base || !screenshot) {
    console.error('usage: node console-test.js GATEWAY_URL SCREENSHOT.png');
    return 2;
  }
  const timer = setTimeout(() => {
    console.error(`[console-test] FAILED: no result after ${TIMEOUT_MS} ms`);
    process.exit(1);
  }, TIMEOUT_MS);
  try {
    await run(base, screenshot);
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
