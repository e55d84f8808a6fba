// The built form runtime (dist/ltc-form.js) on a page of its own, under a strict CSP with
// Trusted Types: a form file with line items and a rating makes it load its widget pack
// (dist/ltc-form-widgets.js) from beside itself through the `ltc-kit` policy, and the pack's
// widgets draw with the runtime's Lit (a name missing from `LtcForm.__host` would fail here).
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const form = {
  format: 'ltc-form',
  formatVersion: 1,
  publishedAt: '2026-01-01T00:00:00.000Z',
  appId: 'shop',
  tableId: 'orders',
  table: { name: '订单' },
  form: { id: 'order', name: '下单', items: ['buyer', 'lines', 'satisfaction'].map((fieldId) => ({ id: `i-${fieldId}`, kind: 'field', fieldId })) },
  fields: [
    { id: 'buyer', name: '买家', type: 'text' },
    { id: 'lines', name: '订单明细', type: 'subtable', options: { table: 'orderLines', inverseOf: 'order', totalField: 'lineAmount', totalInto: 'amount' } },
    { id: 'satisfaction', name: '满意度', type: 'rating', options: { max: 5 } },
  ],
  childFields: { lines: [{ id: 'product', name: '商品', type: 'text' }, { id: 'lineAmount', name: '金额', type: 'money' }] },
};
const csp = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; require-trusted-types-for 'script'; trusted-types ltc-kit lit-html";
const page = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="${csp}">
<script src="/dist/ltc-form.js" defer></script></head><body><ltc-form src="/order.form.json"></ltc-form></body></html>`;

const browser = await chromium.launch({ executablePath: process.env.CHROME_PATH || '/usr/bin/chromium', args: ['--no-sandbox'] });
try {
  const context = await browser.newContext();
  const errors = [];
  await context.route('http://shop.test/**', (route) => {
    const path = new URL(route.request().url()).pathname;
    if (path === '/') return route.fulfill({ contentType: 'text/html', body: page });
    if (path === '/order.form.json') return route.fulfill({ contentType: 'application/json', body: JSON.stringify(form) });
    if (path.startsWith('/dist/')) return route.fulfill({ contentType: 'text/javascript', body: readFileSync(join(root, path)) });
    return route.fulfill({ status: 404, body: '' });
  });
  const tab = await context.newPage();
  tab.on('pageerror', (error) => errors.push(error.message));
  tab.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
  await tab.goto('http://shop.test/');
  await tab.waitForSelector('ltc-form [data-field="lines"] .subtable', { timeout: 20000 });
  const stars = await tab.locator('ltc-form [data-field="satisfaction"] input[type="radio"]').count();
  await tab.locator('ltc-form [data-field="lines"] button.add').click();
  await tab.waitForSelector('ltc-form [data-field="lines"] tbody tr[data-row="0"] input');
  const scripts = await tab.evaluate(() => [...document.scripts].map((s) => new URL(s.src).pathname));
  if (stars !== 5) throw new Error(`form pack: expected 5 rating stars, found ${stars}`);
  if (!scripts.includes('/dist/ltc-form-widgets.js')) throw new Error(`form pack: the pack was not loaded as a script (${scripts.join(', ')})`);
  if (errors.length) throw new Error(`form pack: page errors: ${errors.join('; ')}`);
  console.log('form pack: dist/ltc-form.js loaded dist/ltc-form-widgets.js under a strict CSP with Trusted Types; line items and rating drawn');
} finally {
  await browser.close();
}
