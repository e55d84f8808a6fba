/**
 * The script-tag build under a strict Content-Security-Policy (no 'unsafe-eval', no
 * 'unsafe-inline'): the workspace must open, clone its template, show rows and compute
 * formulas with zero policy violations. Uses the built dist/ltc-kit.js (npm test builds first).
 */
import { expect } from '@open-wc/testing';
import { waitFor } from './helpers.js';

type CspWindow = Window & { __cspViolations?: string[]; LtcKit?: unknown };

describe('strict CSP embed', function () {
  this.timeout(60000);

  for (const [label, page] of [
    ['classic script dist/ltc-kit.js', '/test/fixtures/csp-embed.html'],
    ['ES module dist/ltc-kit.es.js', '/test/fixtures/csp-embed-esm.html'],
    ['classic script under a nonce-only policy (no strict-dynamic)', '/test/fixtures/csp-embed-nonce.html'],
    ["classic script under require-trusted-types-for 'script' (policy ltc-kit)", '/test/fixtures/csp-embed-trusted-types.html'],
  ] as const) it(`${label}: no CSP violations, templates and function texts load, LTV computed`, async () => {
    const frame = document.createElement('iframe');
    frame.style.width = '1200px';
    frame.style.height = '800px';
    frame.src = page;
    document.body.append(frame);
    await new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
    const win = frame.contentWindow as CspWindow;
    if (!page.endsWith('-esm.html')) expect(win.LtcKit, 'the classic script defined window.LtcKit').to.exist;
    await waitFor(() => win.customElements.get('ltc-app'), 'ltc-app defined', 10000);
    const app = win.document.querySelector('ltc-app') as HTMLElement & { app?: unknown; derived?: { ready: boolean; get(t: string, id: string): Record<string, unknown> | undefined } };
    const table = await waitFor(() => app.shadowRoot?.querySelector('ltc-table') as (HTMLElement & { rows: Array<{ id: string }> }) | null, 'table', 30000);
    await waitFor(() => table.rows.length > 0, 'rows', 30000);
    await waitFor(() => app.derived?.ready, 'formulas computed', 30000);
    const withOrders = table.rows.map((r) => app.derived!.get('customers', r.id)!).find((v) => (v.orderCount as number) > 0);
    expect(withOrders?.ltv).to.be.a('number');
    // Shadow-root styles are constructable stylesheets, which style-src does not block.
    const button = table.shadowRoot!.querySelector('button.add') as HTMLElement;
    expect(win.getComputedStyle(button).backgroundColor).to.not.equal('rgba(0, 0, 0, 0)');
    // The formula editor fetches its function reference from beside the script (dist/i18n/).
    (table.shadowRoot!.querySelector('th button.edit-field[data-field="ltv"]') as HTMLElement).click();
    const editor = await waitFor(() => table.shadowRoot!.querySelector('ltc-field-editor')?.shadowRoot?.querySelector('ltc-formula-editor'), 'formula editor', 10000);
    const description = await waitFor(() => editor.shadowRoot?.querySelector('button.fn[data-name="SUM"] small'), 'function reference text', 10000);
    expect(description.textContent).to.equal('Sum');
    // Deleting a field runs the field edits of the designer script (not in the main bundle).
    (table.shadowRoot!.querySelector('dialog.fields') as HTMLDialogElement).close();
    await waitFor(() => !table.shadowRoot!.querySelector('dialog.fields[open]'), 'field dialog closed');
    (table.shadowRoot!.querySelector('th button.edit-field[data-field="email"]') as HTMLElement).click();
    await waitFor(() => table.shadowRoot!.querySelector('dialog.fields[open] ltc-field-editor[field-id="email"]'), 'email field editor', 10000);
    const remove = await waitFor(() => table.shadowRoot!.querySelector('dialog.fields[open] button.delete-field') as HTMLElement | null, 'delete field button', 10000);
    remove.click();
    const confirm = await waitFor(() => table.shadowRoot!.querySelector('dialog.confirm-field[open] button.confirm-delete-field') as HTMLElement | null, 'confirm delete field');
    confirm.click();
    const opened = app as unknown as { app: { tables: Array<{ fields: Array<{ id: string }> }> }; importText(text: string): Promise<number> };
    await waitFor(() => !opened.app.tables[0].fields.some((f) => f.id === 'email'), 'email field deleted', 10000);
    // Reading an export file loads the validators on demand (they travel with the designer).
    let refused: { code?: string } | undefined;
    await opened.importText('{"format":"ltc-export"}').catch((error: { code?: string }) => (refused = error));
    expect(refused?.code).to.equal('import.invalid');
    // The Automation screen: the rule editor (designer script) lists, edits and dry-runs a rule.
    (app.shadowRoot!.querySelector('nav button.automation') as HTMLElement).click();
    const rules = await waitFor(() => app.shadowRoot!.querySelector('ltc-rule-editor')?.shadowRoot?.querySelector('button.new-rule') && app.shadowRoot!.querySelector('ltc-rule-editor')!, 'rule editor', 10000);
    (rules.shadowRoot!.querySelector('button.new-rule') as HTMLElement).click();
    (rules.shadowRoot!.querySelector('button.blank') as HTMLElement).click();
    const dryRun = await waitFor(() => rules.shadowRoot!.querySelector('button.dry-run-button') as HTMLButtonElement | null, 'rule form', 10000);
    expect(dryRun.disabled).to.equal(true);
    // The test server injects its own reload script into HTML pages; it is not ours.
    expect(win.__cspViolations!.filter((v) => !v.includes('__web-dev-server__'))).to.deep.equal([]);
    frame.remove();
  });
  // import helper: the import worker starts from beside the script, through the 'ltc-kit' policy.
  for (const [label, page] of [
    ['classic script', '/test/fixtures/csp-embed.html'],
    ["require-trusted-types-for 'script'", '/test/fixtures/csp-embed-trusted-types.html'],
  ] as const) it(`${label}: the import dialog reads a file in dist/ltc-kit-import-worker.js with no CSP violations`, async () => {
    const frame = document.createElement('iframe');
    frame.src = page;
    document.body.append(frame);
    await new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
    const win = frame.contentWindow as CspWindow & { LtcKit: { loadDesigner(): Promise<void> } };
    await waitFor(() => win.customElements.get('ltc-app'), 'ltc-app defined', 10000);
    const appEl = win.document.querySelector('ltc-app') as HTMLElement & { app?: { tables: Array<{ id: string }> } };
    await waitFor(() => appEl.app, 'app cloned', 30000);
    await win.LtcKit.loadDesigner();
    const dialog = win.document.createElement('ltc-import-dialog') as HTMLElement & { app: unknown; tableId: string; show(): void; chooseFile(file: File): void };
    dialog.app = appEl.app;
    dialog.tableId = 'customers';
    win.document.body.append(dialog);
    dialog.show();
    dialog.chooseFile(new (win as unknown as typeof globalThis).File(['姓名,手机\n张三,13800138000\n'], 'c.csv', { type: 'text/csv' }));
    await waitFor(() => dialog.shadowRoot?.querySelector('table.mapping'), 'mapping step from the worker', 20000);
    expect(win.__cspViolations!.filter((v) => !v.includes('__web-dev-server__'))).to.deep.equal([]);
    frame.remove();
  });
});
