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
import { deep, typeInto, waitFor, forgetLanguageChoices, stagesRecorded } from './helpers.js';

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
    await stagesRecorded(store, 'bulk-app');
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
    // Linked records by their names, as the import dialog matches them (the owner: a staff member).
    const staff = await store.queryRecords('bulk-app', 'staff');
    const resolveRelation = (field: { options?: { table?: string } }, name: string) => (field.options?.table === 'staff' ? staff.find((r) => r.values.name === name)?.id : undefined);
    const parsed = csvToRecords(text, customers, { locale: 'zh-CN', resolveRelation });
    expect(parsed.errors).to.deep.equal([]);
    expect(parsed.records).to.have.length(1);
    const stored = (await store.queryRecords('bulk-app', 'customers')).find((r) => r.values.name === '范国庆')!;
    for (const [fieldId, value] of Object.entries(parsed.records[0].values)) expect(value, fieldId).to.deep.equal(stored.values[fieldId] ?? null);
    expect(parsed.records[0].values.mobile).to.equal(stored.values.mobile);
  });

  it('a row opens its record in the drawer from its primary cell, its open button, and Shift+Enter or Space on a cell; closed, focus returns to the cell', async () => {
    const { table } = await openTable();
    const rows = () => table.shadowRoot!.querySelectorAll<HTMLTableRowElement>('tbody tr[data-id]');
    type Drawer = HTMLElement & { recordId: string; order: string[]; close(): void; updateComplete: Promise<unknown> };
    const drawer = (what: string) => waitFor(() => table.shadowRoot!.querySelector('ltc-record-drawer') as Drawer | null, what, 10000);
    const close = async (drawn: Drawer) => {
      drawn.close();
      await waitFor(() => !table.shadowRoot!.querySelector('ltc-record-drawer'), 'drawer removed');
    };
    const first = rows()[0];
    first.querySelector<HTMLButtonElement>('button.primary-link')!.click();
    const opened = await drawer('drawer open from the primary cell');
    expect(opened.recordId).to.equal(first.dataset.id);
    expect(opened.order.slice(0, 3)).to.deep.equal([...rows()].slice(0, 3).map((row) => row.dataset.id));
    // The drawer shows the record's fields: its form holds the stored name.
    const form = await waitFor(() => opened.shadowRoot!.querySelector('dialog[open] ltc-form') as HTMLElement | null, 'drawer form');
    const name = await waitFor(() => form.shadowRoot!.querySelector<HTMLInputElement>('[name="name"]'), 'name field');
    await waitFor(() => name.value !== '', 'name filled');
    expect(first.textContent).to.contain(name.value);
    expect(table.shadowRoot!.querySelector('dialog.editor[open]')).to.equal(null);
    await close(opened);
    rows()[1].querySelector<HTMLButtonElement>('button.open')!.click();
    expect((await drawer('drawer open from the open button')).recordId).to.equal(rows()[1].dataset.id);
    await close((await drawer('drawer'))!);
    const second = rows()[1];
    const cell = second.querySelector<HTMLElement>('td[data-col="2"]')!;
    cell.focus();
    await sendKeys({ press: 'Shift+Enter' });
    const again = await drawer('drawer open on Shift+Enter');
    expect(again.recordId).to.equal(second.dataset.id);
    await close(again);
    await waitFor(() => table.shadowRoot!.activeElement?.matches(`tr[data-id="${second.dataset.id}"] td[data-col="2"]`), 'focus back on the cell');
    rows()[2].querySelector<HTMLElement>('td[data-col="3"]')!.focus();
    await sendKeys({ press: 'Space' });
    expect((await drawer('drawer open on Space')).recordId).to.equal(rows()[2].dataset.id);
  });

  it('the Import button opens the import dialog, which the table removes when it closes', async () => {
    const { table } = await openTable();
    const button = table.shadowRoot!.querySelector<HTMLButtonElement>('.toolbar button.import')!;
    expect(button.textContent!.trim()).to.equal('导入');
    button.click();
    const dialog = await waitFor(() => table.shadowRoot!.querySelector('ltc-import-dialog') as (HTMLElement & { tableId: string; open: boolean }) | null, 'import dialog', 10000);
    expect(dialog.tableId).to.equal(table.tableId);
    await waitFor(() => dialog.open && dialog.shadowRoot?.querySelector('dialog[open]'), 'import dialog shown');
    dialog.dispatchEvent(new CustomEvent('ltc-import-close', { bubbles: true, composed: true, detail: {} }));
    await waitFor(() => !table.shadowRoot!.querySelector('ltc-import-dialog'), 'import dialog removed');
  });

  it('finds 范国庆 by the pinyin initials fgq', async () => {
    const { table } = await openTable();
    await typeInto(table.shadowRoot!.querySelector<HTMLInputElement>('input.search')!, 'fgq');
    await waitFor(() => table.search === 'fgq' && table.rows.some((r) => r.values.name === '范国庆'), 'pinyin match', 20000);
    // Only pinyin can match: no name holds the Latin letters.
    expect(table.total).to.be.lessThan(240);
    expect(table.rows.some((r) => String(r.values.name).includes('fgq'))).to.equal(false);
  });

  it('sorts by a computed column through the derived values, as a plain comparator would', async () => {
    const { el, table } = await openTable();
    await waitFor(() => el.derived?.ready, 'derived values');
    const sortedIds = el.derived!.sortedIds.bind(el.derived!);
    let calls = 0;
    el.derived!.sortedIds = (...args) => (calls++, sortedIds(...args));
    table.shadowRoot!.querySelector<HTMLButtonElement>('th button.sort[data-field="ltv"]')!.click();
    await waitFor(() => table.sortBy === 'ltv' && !table.loading, 'sorted by LTV');
    await table.updateComplete;
    expect(calls).to.be.greaterThan(0);
    const ltv = (id: string) => (el.derived!.get('customers', id)?.ltv as number | null | undefined) ?? null;
    const expected = el.derived!.all('customers').map((r) => r.id).sort((a, b) => {
      const [x, y] = [ltv(a), ltv(b)];
      return x === null ? (y === null ? 0 : 1) : y === null ? -1 : x - y;
    });
    const shown = table.rows.map((r) => ltv(r.id));
    expect(shown).to.deep.equal(expected.slice(0, shown.length).map(ltv));
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
