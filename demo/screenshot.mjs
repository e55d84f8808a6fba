// Takes headless-Chromium screenshots of the demo, as a person would see it:
//   node demo/screenshot.mjs [outDir]   (build first: npm run build)
// Serves the repo with demo/serve.mjs's strict CSP, reports console errors and CSP
// violations, and saves one PNG per scene.
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { chromium } from 'playwright-core';

const out = process.argv[2] ?? '.screenshots';
mkdirSync(out, { recursive: true });
const port = 5190 + Math.floor(Math.random() * 100);
const server = spawn(process.execPath, ['demo/serve.mjs', String(port)], { stdio: ['ignore', 'pipe', 'inherit'] });
await new Promise((resolve) => server.stdout.once('data', resolve));

const browser = await chromium.launch({
  executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const problems = [];
try {
  for (const [name, locale, colorScheme, width = 1360] of [
    ['demo-zh', 'zh-CN', 'light'],
    ['demo-en-dark', 'en-US', 'dark'],
    ['demo-zh-390', 'zh-CN', 'light', 390],
  ]) {
    const context = await browser.newContext({ viewport: { width, height: 900 }, locale, colorScheme });
    const page = await context.newPage();
    page.on('console', (msg) => {
      if (msg.type() === 'error' || msg.type() === 'warning') problems.push(`${name}: ${msg.text()}`);
    });
    page.on('pageerror', (error) => problems.push(`${name}: ${error.message}`));
    // Esc on a field dialog with unsaved edits asks before discarding them: say yes.
    page.on('dialog', (dialog) => void dialog.accept());
    await page.goto(`http://localhost:${port}/demo/`);
    if (locale.startsWith('en')) await page.evaluate(() => document.querySelector('ltc-app').setAttribute('lang', 'en'));
    await page.waitForFunction(() => document.querySelector('ltc-app')?.shadowRoot?.querySelector('ltc-table')?.rows?.length > 0, null, { timeout: 30000 });
    await page.waitForTimeout(800);
    await page.screenshot({ path: `${out}/${name}.png`, fullPage: false });
    // The Automation screen: the template's rules, one rule open with its dry run, the run log.
    await page.locator('ltc-app').locator('nav button.automation').click();
    await page.locator('ltc-rule-editor').locator('tr[data-rule]').first().waitFor({ timeout: 30000 });
    await page.waitForTimeout(500);
    await page.screenshot({ path: `${out}/${name}-rules.png` });
    await page.locator('ltc-rule-editor').locator('tr[data-rule] button.edit').first().click();
    await page.waitForTimeout(500);
    await page.screenshot({ path: `${out}/${name}-rule-editor.png` });
    await page.locator('ltc-rule-editor').locator('button.dry-run-button').first().click();
    await page.waitForTimeout(1500);
    // The dry run's summary and first records, scrolled into view.
    await page.locator('ltc-rule-editor').locator('.dry-run').first().scrollIntoViewIfNeeded();
    await page.locator('ltc-rule-editor').locator('.dry-run').first().evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await page.waitForTimeout(300);
    await page.screenshot({ path: `${out}/${name}-rule-dry-run.png` });
    await page.locator('ltc-rule-editor').locator('button.close-editor').first().click().catch(() => undefined);
    await page.locator('ltc-rule-editor').locator('#tab-log').click();
    await page.waitForTimeout(800);
    await page.screenshot({ path: `${out}/${name}-run-log.png` });
    await page.locator('ltc-app').locator('nav button[data-table="customers"]').click();
    await page.waitForTimeout(500);
    if (name === 'demo-zh-390' || name === 'demo-en-dark') {
      // A file that cannot be imported: the problems in a dialog, the header untouched.
      const bad = { format: 'ltc-export', formatVersion: 1, app: { id: 'x', name: 'x', tables: 'none' }, records: {} };
      await page.locator('ltc-app').locator('input.file-input').setInputFiles({ name: 'bad.ltc.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(bad)) });
      await page.waitForTimeout(400);
      await page.screenshot({ path: `${out}/${name}-import-errors.png` });
      await page.keyboard.press('Escape');
      await page.waitForTimeout(200);
    }
    if (name === 'demo-zh') {
      await page.locator('ltc-app').locator('ltc-table').locator('button.add').click();
      await page.waitForTimeout(300);
      await page.locator('ltc-form').locator('button[type=submit]').click();
      await page.waitForTimeout(300);
      await page.screenshot({ path: `${out}/${name}-form.png` });
      await page.keyboard.press('Escape');
      // Open a customer: the record drawer with its fields, orders and history.
      await page.locator('ltc-table').locator('tbody tr[data-id]').first().locator('button.open').click();
      await page.waitForTimeout(800);
      await page.screenshot({ path: `${out}/${name}-drawer.png` });
      await page.keyboard.press('Escape');
      await page.waitForTimeout(300);
      // A saved view of the template: customers gone quiet.
      await page.locator('ltc-view-bar').locator('[role="tab"][data-view-id="goneQuiet"]').click();
      await page.waitForTimeout(800);
      await page.screenshot({ path: `${out}/${name}-view.png` });
      // Customers grouped by lifecycle stage, with the stage chips.
      await page.locator('ltc-view-bar').locator('[role="tab"][data-view-id="needsFollowUp"]').click();
      await page.waitForTimeout(800);
      await page.screenshot({ path: `${out}/${name}-stages.png` });
      await page.locator('ltc-view-bar').locator('[role="tab"]').first().click();
      await page.waitForTimeout(300);
      // The import dialog.
      await page.locator('ltc-table').locator('button.import').click();
      await page.waitForTimeout(500);
      await page.screenshot({ path: `${out}/${name}-import.png` });
      await page.keyboard.press('Escape');
      await page.waitForTimeout(200);
      // The computed columns, scrolled into view.
      await page.evaluate(() => {
        const table = document.querySelector('ltc-app').shadowRoot.querySelector('ltc-table');
        table.shadowRoot.querySelector('.scroller').scrollLeft = 5000;
      });
      await page.waitForTimeout(300);
      await page.screenshot({ path: `${out}/${name}-ltv-columns.png` });
      // Add an LTV field: the preset picker.
      await page.locator('ltc-table').locator('button.add-field').click();
      await page.waitForTimeout(300);
      await page.locator('ltc-field-editor').locator('#type').selectOption('ltv');
      await page.waitForTimeout(500);
      await page.screenshot({ path: `${out}/${name}-ltv-preset.png` });
      await page.keyboard.press('Escape');
      await page.waitForTimeout(200);
      // Edit a formula with a typo: the underline and the suggestion.
      await page.locator('ltc-table').locator('th button.edit-field[data-field="ltv"]').click();
      await page.waitForTimeout(300);
      const textarea = page.locator('ltc-formula-editor').locator('textarea');
      await textarea.fill('{平均客单价} * {购买频率} * {客户保持率}');
      await page.waitForTimeout(600);
      await page.screenshot({ path: `${out}/${name}-formula-error.png` });
      await page.keyboard.press('Escape');
      await page.keyboard.press('Escape');
      await page.waitForTimeout(200);
      await page.locator('ltc-app').locator('nav button[data-table="orders"]').click();
      await page.waitForTimeout(500);
      await page.screenshot({ path: `${out}/${name}-orders.png` });
      // A new order: the customer picker searching by name.
      await page.locator('ltc-table').locator('button.add').click();
      await page.waitForTimeout(400);
      await page.locator('ltc-relation-picker').locator('input').fill('王');
      await page.waitForTimeout(300);
      await page.screenshot({ path: `${out}/${name}-order-picker.png` });
      await page.keyboard.press('Escape');
      await page.keyboard.press('Escape');
    }
    // The form designer of the customers table: three panes (one with tabs at 390 px), then its preview.
    await page.locator('ltc-app').locator('nav button[data-table="customers"]').click();
    await page.locator('ltc-app').locator('nav button.forms').click();
    await page.locator('ltc-designer').locator('.item-body').nth(1).click();
    await page.waitForTimeout(400);
    await page.screenshot({ path: `${out}/${name}-designer.png` });
    await page.locator('ltc-designer').locator('button.mode-preview').click();
    await page.waitForTimeout(500);
    await page.screenshot({ path: `${out}/${name}-designer-preview.png` });
    // The Dashboards screen: the template's dashboard (and the predictions' fit panel above it).
    await page.locator('ltc-app').locator('nav button.dashboards').click();
    await page.waitForFunction(() => document.querySelector('ltc-app')?.shadowRoot?.querySelector('ltc-dashboard')?.shadowRoot?.querySelector('[part~="panel"]'), null, { timeout: 30000 });
    await page.waitForTimeout(1500);
    await page.screenshot({ path: `${out}/${name}-dashboard.png` });
    await page.screenshot({ path: `${out}/${name}-dashboard-full.png`, fullPage: true });
    // The shop's public page with the published lead-capture form (dist/ltc-form.js).
    await page.goto(`http://localhost:${port}/demo/shop.html?utm_source=live`);
    await page.waitForFunction(() => document.querySelector('ltc-form')?.shadowRoot?.querySelector('input'), null, { timeout: 30000 });
    await page.waitForTimeout(500);
    await page.screenshot({ path: `${out}/${name}-shop-form.png` });
    await context.close();
  }
} finally {
  await browser.close();
  server.kill();
}
if (problems.length) {
  console.log('Console problems:\n' + problems.join('\n'));
} else {
  console.log(`screenshots in ${out}/, no console errors`);
}
