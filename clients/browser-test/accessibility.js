// Checks the page as it is with axe-core (WCAG 2.x A and AA rules, and axe's best practices).
// The console's content security policy forbids inline scripts, so axe is not added as a
// <script>: its source is evaluated through the DevTools protocol, which the policy does not
// govern, and the page itself stays as it is served.
'use strict';

const fs = require('node:fs');
const axeCore = require('axe-core');

const AXE_SOURCE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const BLOCKING = new Set(['serious', 'critical']);

function describe(violation) {
  const where = violation.nodes.slice(0, 3).map((node) => node.target.join(' ')).join(', ');
  return `${violation.impact} ${violation.id}: ${violation.help} (${where})`;
}

/**
 * Runs axe on the page and fails on any serious or critical violation.
 *
 * @returns {Promise<string[]>} the lesser violations, described, for the log
 */
async function checkAccessibility(page, label) {
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) {
    await page.evaluate(AXE_SOURCE);
  }
  // A card that has just appeared fades in: measured mid-animation its text is paler than it
  // ends up. With reduced motion the page draws no animation, so axe sees the colours as they stay.
  await page.emulateMedia({ reducedMotion: 'reduce' });
  let results;
  try {
    results = await page.evaluate(() => window.axe.run(document, {
      resultTypes: ['violations'],
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] },
    }));
  } finally {
    await page.emulateMedia({ reducedMotion: null });
  }
  const blocking = results.violations.filter((violation) => BLOCKING.has(violation.impact)).map(describe);
  if (blocking.length) {
    throw new Error(`axe-core ${axeCore.version} found serious accessibility problems on ${label}:\n  `
      + blocking.join('\n  '));
  }
  return results.violations.map(describe);
}

module.exports = { checkAccessibility };
