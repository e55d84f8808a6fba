// The demo loop end to end, as a visitor and a shop owner meet it (docs/forms.md "Publishing"):
// the demo server (strict CSP, submissions in memory) serves demo/shop.html; in headless
// Chromium a visitor fills the lead form (dist/ltc-form.js) and submits; then the workspace
// page (demo/index.html, `inbox=`) opens and its status line reports the lead pulled into its customers. Run by
// `npm test` after the build.
import { spawn } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const port = 41000 + Math.floor(Math.random() * 20000);
const server = spawn(process.execPath, [join(root, 'demo/serve.mjs'), String(port)], { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, LTC_DEMO_DATA: 'memory' } });
await new Promise((resolveStart, reject) => {
  server.stdout.on('data', (chunk) => String(chunk).includes('localhost:') && resolveStart());
  server.once('exit', (code) => reject(new Error(`demo server exited (${code})`)));
});
const browser = await chromium.launch({
  executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const problems = [];
try {
  const page = await browser.newPage();
  page.on('console', (msg) => msg.type() === 'error' && problems.push(`console: ${msg.text()}`));
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  const name = `演示访客${Math.floor(Math.random() * 1e6)}`;
  await page.goto(`http://localhost:${port}/demo/shop.html?utm_source=poster`);
  await page.locator('ltc-form [data-field="name"] input').fill(name, { timeout: 20000 });
  await page.locator('ltc-form [data-field="mobile"] input').fill('13912345678');
  await page.locator('ltc-form button[type="submit"]').click();
  await page.locator('ltc-form [part="status"]').filter({ hasText: '已提交' }).waitFor({ timeout: 20000 });
  const inbox = await (await fetch(`http://localhost:${port}/api/inbox`)).json();
  const posted = inbox.submissions.find((s) => s.values.name === name);
  if (!posted) problems.push('the endpoint did not store the lead');
  else if (posted.meta?.params?.utm_source !== 'poster') problems.push(`the lead lost its utm_source: ${JSON.stringify(posted.meta)}`);

  await page.goto(`http://localhost:${port}/demo/`);
  // The workspace's status line says what the pull stored (the new customer is the last of the
  // template's sample customers, below the first screen of the table).
  await page.locator('ltc-app .toast').filter({ hasText: '已从收件箱收到 1 条新提交' }).waitFor({ timeout: 60000 });
} catch (error) {
  problems.push(error.message.split('\n')[0]);
} finally {
  await browser.close();
  server.kill();
}
if (problems.length) {
  console.error(`demo loop: ${problems.length} problem(s)\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
console.log('demo loop: a lead submitted on demo/shop.html (strict CSP) is pulled into the workspace of demo/index.html');
