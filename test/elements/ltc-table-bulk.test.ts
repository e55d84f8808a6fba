/**
 * Working on many records at once in `<ltc-table>` (issue 10): delete the records of the
 * current view (all of them, or what a search found) after confirmation, with an Undo that
 * brings back the same records; and export the current view as CSV that imports back.
 */
import { expect, fixture, html } from '@open-wc/testing';
import '../../src/define.js';
import type { LtcApp } from '../../src/elements/ltc-app.js';
import type { LtcTable } from '../../src/elements/ltc-table.js';
import { MemoryStore } from '../../src/store/index.js';
import { csvToRecords } from '../../src/core/csv/index.js';
import { sendKeys } from '@web/test-runner-commands';
import { deep, typeInto, waitFor, forgetLanguageChoices } from './helpers.js';

async function openTable() {
  const store = new MemoryStore();
  const el = await fixture<LtcApp>(html`<ltc-app template="customer-ltv" app-id="bulk-app" lang="zh-CN" .store=${store}></ltc-app>`);
  await waitFor(() => el.app, 'app to open', 20000);
  const table = await waitFor(() => deep<LtcTable>(el, 'ltc-table'), 'ltc-table');
  await waitFor(() => table.rows.length > 0 && table.total > 0, 'rows');
  return { el, table, store };
}

describe('<ltc-table>: bulk delete with undo, CSV export of the view', function () {
  this.timeout(60000);
  beforeEach(forgetLanguageChoices);
  afterEach(forgetLanguageChoices);

  it('deletes what a search found after confirmation; Undo restores the same records, links included', async () => {
    const { el, table, store } = await openTable();
    await waitFor(() => el.derived?.ready, 'derived values');
    const before = (await store.queryRecords('bulk-app', 'customers')).filter((r) => String(r.values.name).startsWith('范'));
    expect(before.length).to.be.greaterThan(0);
    const ordersOf = (id: string) => (el.derived!.get('customers', id)?.orders as string[] | undefined)?.length ?? 0;
    const linked = before.map((r) => ordersOf(r.id));
    await typeInto(table.shadowRoot!.querySelector<HTMLInputElement>('input.search')!, '范');
    await waitFor(() => table.total > 0 && table.total < 240, 'search applied');
    const found = table.total;
    const button = table.shadowRoot!.querySelector<HTMLButtonElement>('button.delete-shown')!;
    expect(button.textContent).to.contain(String(found));
    button.click();
    const dialog = await waitFor(() => table.shadowRoot!.querySelector<HTMLDialogElement>('dialog.confirm-bulk[open]'), 'confirmation');
    expect(dialog.textContent).to.contain(String(found));
    await expect(table).to.be.accessible();
    table.shadowRoot!.querySelector<HTMLButtonElement>('button.confirm-bulk-delete')!.click();
    await waitFor(() => table.shadowRoot!.querySelector('.toolbar button.undo'), 'undo offered');
    expect(await store.countRecords('bulk-app', 'customers')).to.equal(240 - found);

    table.shadowRoot!.querySelector<HTMLButtonElement>('.toolbar button.undo')!.click();
    await waitFor(() => table.total === found && !table.shadowRoot!.querySelector('.toolbar button.undo'), 'search shows them again');
    expect(await store.countRecords('bulk-app', 'customers')).to.equal(240);
    const after = await Promise.all(before.map((r) => store.getRecord('bulk-app', 'customers', r.id)));
    expect(after).to.deep.equal(before);
    await waitFor(() => before.every((r, i) => ordersOf(r.id) === linked[i]), 'orders link to them again');
  });

  it('exports the current view as CSV that csvToRecords reads back to the stored values', async () => {
    const { el, table, store } = await openTable();
    await typeInto(table.shadowRoot!.querySelector<HTMLInputElement>('input.search')!, '范国庆');
    await waitFor(() => table.total === 1, 'one match');
    const text = await table.exportCsv();
    expect(text.charCodeAt(0)).to.equal(0xfeff);
    expect(text).to.contain('\r\n');
    const customers = el.app!.tables.find((t) => t.id === 'customers')!;
    const parsed = csvToRecords(text, customers, { locale: 'zh-CN' });
    expect(parsed.errors).to.deep.equal([]);
    expect(parsed.records).to.have.length(1);
    const stored = (await store.queryRecords('bulk-app', 'customers')).find((r) => r.values.name === '范国庆')!;
    for (const [fieldId, value] of Object.entries(parsed.records[0].values)) expect(value, fieldId).to.deep.equal(stored.values[fieldId] ?? null);
    expect(parsed.records[0].values.mobile).to.equal(stored.values.mobile);
  });

  it('a row opens its record from its primary cell, its open button, and Shift+Enter or Space on a cell', async () => {
    const { table } = await openTable();
    const rows = () => table.shadowRoot!.querySelectorAll<HTMLTableRowElement>('tbody tr[data-id]');
    const editor = (what: string) => waitFor(() => table.shadowRoot!.querySelector('dialog.editor[open] ltc-form') as (HTMLElement & { recordId: string }) | null, what);
    const close = async () => {
      table.shadowRoot!.querySelector<HTMLDialogElement>('dialog.editor')!.close();
      await waitFor(() => !table.shadowRoot!.querySelector('dialog.editor[open]'), 'closed');
    };
    const first = rows()[0];
    first.querySelector<HTMLButtonElement>('button.primary-link')!.click();
    expect((await editor('editor open from the primary cell')).recordId).to.equal(first.dataset.id);
    await close();
    rows()[1].querySelector<HTMLButtonElement>('button.open')!.click();
    expect((await editor('editor open from the open button')).recordId).to.equal(rows()[1].dataset.id);
    await close();
    const second = rows()[1];
    second.querySelector<HTMLElement>('td[data-col="2"]')!.focus();
    await sendKeys({ press: 'Shift+Enter' });
    const again = await editor('editor open on Shift+Enter');
    expect(again.recordId).to.equal(second.dataset.id);
    // The Enter that opened it did not also submit the form.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(table.shadowRoot!.querySelector('dialog.editor[open]')).to.exist;
    await close();
    rows()[2].querySelector<HTMLElement>('td[data-col="3"]')!.focus();
    await sendKeys({ press: 'Space' });
    expect((await editor('editor open on Space')).recordId).to.equal(rows()[2].dataset.id);
  });

  it('a new record is shown where the user sees it: the grid scrolls to it and marks it', async () => {
    const { el, table } = await openTable();
    await waitFor(() => el.derived?.ready, 'derived values');
    const scroller = table.shadowRoot!.querySelector<HTMLElement>('.scroller')!;
    expect(scroller.scrollTop).to.equal(0);
    table.shadowRoot!.querySelector<HTMLButtonElement>('button.add')!.click();
    const form = await waitFor(() => table.shadowRoot!.querySelector('dialog.editor[open] ltc-form') as HTMLElement | null, 'new record form');
    await waitFor(() => form.shadowRoot!.querySelector('[name="name"]'), 'fields');
    await typeInto(form.shadowRoot!.querySelector<HTMLInputElement>('[name="name"]')!, '新来的客户');
    form.shadowRoot!.querySelector<HTMLButtonElement>('button[type=submit]')!.click();
    const marked = await waitFor(() => table.shadowRoot!.querySelector<HTMLTableRowElement>('tbody tr.just-saved'), 'the new record on screen');
    expect(marked.textContent).to.contain('新来的客户');
    // The 241st row: far below the first screen, so the grid scrolled to it, and it is in view.
    expect(marked.getAttribute('aria-rowindex')).to.equal('242');
    const box = marked.getBoundingClientRect();
    const view = scroller.getBoundingClientRect();
    expect(box.top).to.be.at.least(view.top);
    expect(box.bottom).to.be.at.most(view.bottom + 1);
  });
});
