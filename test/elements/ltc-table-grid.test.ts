/**
 * `<ltc-table>` as a grid, driven like a user (issue 10, "Work fast with many rows"):
 * keyboard-only navigation and inline editing, validation errors shown with nothing written,
 * TSV copy and paste (one transaction, Undo), row selection with bulk edit and bulk delete,
 * views (multi-level sort against a plain comparator, groups against a plain loop, widths
 * from the keyboard), 100,000 rows through a window, axe, and a 390 px layout.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys, setViewport } from '@web/test-runner-commands';
import '../../src/define.js';
import type { LtcApp } from '../../src/elements/ltc-app.js';
import type { LtcTable } from '../../src/elements/ltc-table.js';
import { MemoryStore } from '../../src/store/index.js';
import type { AppDef, RecordData, ViewDef } from '../../src/core/schema/types.js';
import { deep, deepAll, waitFor, forgetLanguageChoices, stagesRecorded } from './helpers.js';

async function openTable() {
  const store = new MemoryStore();
  const el = await fixture<LtcApp>(html`<ltc-app template="customer-ltv" app-id="grid-app" lang="zh-CN" .store=${store}></ltc-app>`);
  await waitFor(() => el.app, 'app to open', 20000);
  const table = await waitFor(() => deep<LtcTable>(el, 'ltc-table'), 'ltc-table');
  await waitFor(() => table.rows.length > 0 && el.derived?.ready, 'rows and derived values');
  await stagesRecorded(store, 'grid-app');
  return { el, table, store };
}
const root = (table: LtcTable) => table.shadowRoot!;
const activeCell = (table: LtcTable) => root(table).activeElement as HTMLElement | null;
const cell = (table: LtcTable, row: number, col: number) => root(table).querySelector<HTMLElement>(`td[data-row="${row}"][data-col="${col}"]`)!;
const recordOf = (table: LtcTable, row: number) => cell(table, row, 1).closest('tr')!.dataset.id!;
const get = (store: MemoryStore, id: string) => store.getRecord('grid-app', 'customers', id) as Promise<RecordData>;

describe('<ltc-table>: the grid', function () {
  this.timeout(120000);
  beforeEach(forgetLanguageChoices);
  afterEach(async () => {
    forgetLanguageChoices();
    await setViewport({ width: 800, height: 600 });
  });

  it('keyboard only: arrows, Home/End, Enter edits, Escape cancels, Enter and Tab commit and move', async () => {
    const { table, store } = await openTable();
    await expect(table).to.be.accessible();
    const grid = root(table).querySelector('table')!;
    expect(grid.getAttribute('role')).to.equal('grid');
    expect(grid.getAttribute('aria-rowcount')).to.equal('241');
    expect(root(table).querySelectorAll('td[role=gridcell][tabindex="0"]')).to.have.length(1);
    cell(table, 0, 1).focus();
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'ArrowRight' });
    await waitFor(() => activeCell(table)?.dataset.row === '1' && activeCell(table)?.dataset.col === '2', 'moved to row 1, column 2');
    await sendKeys({ press: 'Home' });
    await waitFor(() => activeCell(table)?.dataset.col === '0', 'Home: first column');
    await sendKeys({ press: 'End' });
    const last = String(table.columns.length);
    await waitFor(() => activeCell(table)?.dataset.col === last, 'End: last column');
    await sendKeys({ press: 'Control+End' });
    await waitFor(() => activeCell(table)?.dataset.row === '239', 'Ctrl+End: last row');
    expect(activeCell(table)!.closest('tr')!.getAttribute('aria-rowindex')).to.equal('241');
    await sendKeys({ press: 'Control+Home' });
    await waitFor(() => activeCell(table)?.dataset.row === '0' && activeCell(table)?.dataset.col === '0', 'Ctrl+Home');
    await sendKeys({ press: 'PageDown' });
    await waitFor(() => Number(activeCell(table)?.dataset.row) > 5, 'PageDown');
    await sendKeys({ press: 'Control+Home' });

    // The name cell (column 1): Enter edits, Escape cancels and nothing is written.
    await sendKeys({ press: 'ArrowRight' });
    const id0 = recordOf(table, 0);
    const before = await get(store, id0);
    await sendKeys({ press: 'Enter' });
    const input = await waitFor(() => root(table).querySelector<HTMLInputElement>('td.editing input'), 'editor');
    expect(root(table).activeElement).to.equal(input);
    await sendKeys({ type: '改' });
    await sendKeys({ press: 'Escape' });
    await waitFor(() => !root(table).querySelector('td.editing'), 'editor closed');
    expect((await get(store, id0)).values.name).to.equal(before.values.name);
    expect(activeCell(table)?.dataset.col).to.equal('1');

    // Typing a character starts editing with it; Enter commits and moves down.
    await sendKeys({ type: 'Z' });
    await waitFor(() => root(table).querySelector<HTMLInputElement>('td.editing input')?.value === 'Z', 'editing with the typed character');
    await sendKeys({ type: '客户' });
    await sendKeys({ press: 'Enter' });
    await waitFor(async () => (await get(store, id0)).values.name === 'Z客户', 'stored');
    await waitFor(() => activeCell(table)?.dataset.row === '1' && activeCell(table)?.dataset.col === '1', 'moved down');
    // Tab commits and moves right; Shift+Tab moves back.
    const id1 = recordOf(table, 1);
    await sendKeys({ press: 'F2' });
    const second = await waitFor(() => root(table).querySelector<HTMLInputElement>('td.editing input'), 'editor on F2');
    second.select();
    await sendKeys({ type: '第二位' });
    await sendKeys({ press: 'Tab' });
    await waitFor(async () => (await get(store, id1)).values.name === '第二位', 'stored by Tab');
    await waitFor(() => activeCell(table)?.dataset.col === '2', 'moved right');
  });

  it('an invalid value is reported next to the cell, the typed text kept and nothing written; computed cells say they are read-only', async () => {
    const { table, store } = await openTable();
    const emailCol = table.columns.findIndex((c) => c.field.id === 'email') + 1;
    const id = recordOf(table, 0);
    const before = await get(store, id);
    cell(table, 0, emailCol).focus();
    await sendKeys({ press: 'Enter' });
    const input = await waitFor(() => root(table).querySelector<HTMLInputElement>('td.editing input'), 'editor');
    input.select();
    await sendKeys({ type: 'not-an-email' });
    await sendKeys({ press: 'Enter' });
    const alert = await waitFor(() => root(table).querySelector('td.editing [role=alert]'), 'error next to the cell');
    expect(alert.textContent).to.match(/邮箱|email/i);
    expect(root(table).querySelector<HTMLInputElement>('td.editing input')!.value).to.equal('not-an-email');
    expect(root(table).querySelector<HTMLInputElement>('td.editing input')!.getAttribute('aria-describedby')).to.equal('cell-editor-msg');
    expect((await get(store, id)).values.email).to.equal(before.values.email);
    expect((await get(store, id)).version).to.equal(before.version);
    await sendKeys({ press: 'Escape' });

    const ltvCol = table.columns.findIndex((c) => c.field.id === 'ltv') + 1;
    expect(cell(table, 0, ltvCol).getAttribute('aria-readonly')).to.equal('true');
    cell(table, 0, ltvCol).focus();
    await sendKeys({ press: 'Enter' });
    await waitFor(() => root(table).querySelector('.toolbar [role=status]')!.textContent!.includes('计算字段'), 'read-only notice');
    expect(root(table).querySelector('td.editing')).to.equal(null);
  });

  it('copies a range as TSV and pastes a block in one transaction with Undo; a bad cell writes nothing', async () => {
    const { table, store } = await openTable();
    const cols = (id: string) => table.columns.findIndex((c) => c.field.id === id) + 1;
    cell(table, 0, cols('name')).focus();
    await sendKeys({ press: 'Shift+ArrowRight' });
    await sendKeys({ press: 'Shift+ArrowDown' });
    const copied = new DataTransfer();
    activeCell(table)!.dispatchEvent(new ClipboardEvent('copy', { clipboardData: copied, bubbles: true, composed: true, cancelable: true }));
    const [a, b] = [await get(store, recordOf(table, 0)), await get(store, recordOf(table, 1))];
    const phone = (r: RecordData) => String(r.values.mobile ?? '');
    expect(copied.getData('text/plain')).to.equal(`${a.values.name}\t${phone(a)}\r\n${b.values.name}\t${phone(b)}`);

    // Paste "name, mobile" into rows 2–3: one mutate.
    cell(table, 2, cols('name')).focus();
    const ids = [recordOf(table, 2), recordOf(table, 3)];
    const previous = await Promise.all(ids.map((id) => get(store, id)));
    let mutates = 0;
    const mutate = store.mutate.bind(store);
    store.mutate = (...args) => (mutates++, mutate(...args));
    const pasted = new DataTransfer();
    pasted.setData('text/plain', '甲客户\t138 0013 8000\r\n"乙""客户"\t13900139000\r\n');
    activeCell(table)!.dispatchEvent(new ClipboardEvent('paste', { clipboardData: pasted, bubbles: true, composed: true, cancelable: true }));
    await waitFor(async () => (await get(store, ids[1])).values.name === '乙"客户', 'pasted');
    expect(mutates).to.equal(1);
    expect((await get(store, ids[0])).values.name).to.equal('甲客户');
    expect(String((await get(store, ids[0])).values.mobile).replace(/\D/g, '')).to.equal('13800138000');
    // Ctrl+Z right after takes it back.
    await sendKeys({ press: 'Control+z' });
    await waitFor(async () => (await get(store, ids[0])).values.name === previous[0].values.name, 'undone');
    expect((await get(store, ids[1])).values).to.deep.equal(previous[1].values);

    // A bad email in the block: nothing is written, the problem is named by row and column.
    mutates = 0;
    const bad = new DataTransfer();
    bad.setData('text/plain', '丙\t13700137000\tok@example.com\r\n丁\t13600136000\tnot-an-email');
    activeCell(table)!.dispatchEvent(new ClipboardEvent('paste', { clipboardData: bad, bubbles: true, composed: true, cancelable: true }));
    const status = root(table).querySelector('.toolbar [role=status]')!;
    await waitFor(() => status.textContent!.includes('粘贴未写入'), 'refusal reported');
    expect(status.textContent).to.contain('第 2 行');
    expect(mutates).to.equal(0);
    expect((await get(store, ids[0])).values.name).to.equal(previous[0].values.name);
  });

  it('selects rows (checkbox, Shift+click, Space), bulk-edits a field with Undo, bulk-deletes with Undo', async () => {
    const { table, store } = await openTable();
    const box = (row: number) => cell(table, row, 0).querySelector<HTMLInputElement>('input.select')!;
    box(0).click();
    box(3).dispatchEvent(new MouseEvent('click', { shiftKey: true, bubbles: true, composed: true, cancelable: true }));
    await waitFor(() => table.selected.size === 4, 'rows 0–3 selected');
    cell(table, 5, 0).focus();
    await sendKeys({ press: 'Space' });
    await waitFor(() => table.selected.size === 5, 'Space toggles');
    expect(root(table).querySelector('.footer')!.textContent).to.contain('已选 5 条');
    expect(cell(table, 5, 0).closest('tr')!.getAttribute('aria-selected')).to.equal('true');
    const ids = [...table.selected];
    const before = await Promise.all(ids.map((id) => get(store, id)));

    root(table).querySelector<HTMLButtonElement>('button.bulk-edit')!.click();
    const dialog = await waitFor(() => root(table).querySelector<HTMLDialogElement>('dialog.bulk-edit[open]'), 'bulk edit dialog');
    await expect(dialog).to.be.accessible();
    const pick = dialog.querySelector<HTMLSelectElement>('#bulk-field')!;
    pick.value = 'notes';
    pick.dispatchEvent(new Event('change'));
    await table.updateComplete;
    const value = dialog.querySelector<HTMLTextAreaElement>('#bulk-value')!;
    value.value = '批量备注';
    value.dispatchEvent(new Event('input', { bubbles: true }));
    dialog.querySelector<HTMLButtonElement>('button.apply-bulk-edit')!.click();
    await waitFor(async () => (await Promise.all(ids.map((id) => get(store, id)))).every((r) => r.values.notes === '批量备注'), 'bulk edited');
    (await waitFor(() => root(table).querySelector<HTMLButtonElement>('.toolbar button.undo'), 'Undo offered')).click();
    await waitFor(async () => (await Promise.all(ids.map((id) => get(store, id)))).every((r, i) => (r.values.notes ?? null) === (before[i].values.notes ?? null)), 'bulk edit undone');

    const remove = root(table).querySelector<HTMLButtonElement>('button.delete-shown')!;
    expect(remove.textContent).to.contain('5');
    remove.click();
    await waitFor(() => root(table).querySelector('dialog.confirm-bulk[open]'), 'confirmation');
    root(table).querySelector<HTMLButtonElement>('button.confirm-bulk-delete')!.click();
    await waitFor(async () => (await store.countRecords('grid-app', 'customers')) === 235, 'deleted 5');
    (await waitFor(() => root(table).querySelector<HTMLButtonElement>('.toolbar button.undo'), 'Undo offered')).click();
    await waitFor(async () => (await store.countRecords('grid-app', 'customers')) === 240, 'restored');

    // The header checkbox selects every filtered record.
    await waitFor(() => table.total === 240, 'all rows shown again');
    root(table).querySelector<HTMLInputElement>('input.select-all')!.click();
    await waitFor(() => table.selected.size === 240, 'all selected');
  });

  it('sorts by several columns (Shift+click) like a plain comparator and reports ltc-view-change', async () => {
    const { el, table } = await openTable();
    const changes: ViewDef[] = [];
    table.addEventListener('ltc-view-change', (e) => changes.push(e.detail.view));
    root(table).querySelector<HTMLButtonElement>('th button.sort[data-field="city"]')!.click();
    await table.updateComplete;
    root(table).querySelector<HTMLButtonElement>('th button.sort[data-field="ltv"]')!.dispatchEvent(new MouseEvent('click', { shiftKey: true, bubbles: true }));
    await table.updateComplete;
    root(table).querySelector<HTMLButtonElement>('th button.sort[data-field="ltv"]')!.dispatchEvent(new MouseEvent('click', { shiftKey: true, bubbles: true }));
    await waitFor(() => changes.length === 3 && !table.loading, 'three view changes');
    expect(changes[2].sort).to.deep.equal([{ fieldId: 'city', direction: 'asc' }, { fieldId: 'ltv', direction: 'desc' }]);
    expect(root(table).querySelector('th[aria-sort="ascending"] button[data-field="city"]')).to.exist;
    const customers = el.app!.tables[0];
    const order = customers.fields.find((f) => f.id === 'city')!.options!.choices!.map((c) => c.id);
    const all = el.derived!.all('customers');
    const ltv = (r: RecordData) => el.derived!.get('customers', r.id)!.ltv as number;
    const rank = (r: RecordData) => (r.values.city ? order.indexOf(r.values.city as string) : Infinity);
    const expected = [...all].sort((x, y) => rank(x) - rank(y) || ltv(y) - ltv(x));
    const shown = table.rows.map((r) => [r.values.city ?? null, ltv(r)]);
    expect(shown).to.deep.equal(expected.slice(0, shown.length).map((r) => [r.values.city ?? null, ltv(r)]));
  });

  it('groups by a choice with counts and sums equal to a plain loop; Enter collapses a group', async () => {
    const { el, table } = await openTable();
    table.view = { id: 'v', name: 'by city', group: { fieldId: 'city', sums: ['acquisitionCost'] } };
    const groups = await waitFor(() => {
      const rows = deepAll<HTMLTableRowElement>(table, 'tbody tr.group');
      return rows.length ? rows : undefined;
    }, 'group rows');
    const loop = new Map<string, { count: number; sum: number }>();
    for (const record of el.derived!.all('customers')) {
      const key = (record.values.city as string) ?? '';
      const entry = loop.get(key) ?? { count: 0, sum: 0 };
      entry.count++;
      entry.sum += (record.values.acquisitionCost as number) ?? 0;
      loop.set(key, entry);
    }
    const first = groups[0];
    const key = first.dataset.group!;
    expect(first.textContent).to.contain(`共 ${loop.get(key)!.count} 条记录`);
    const sum = loop.get(key)!.sum;
    expect(first.textContent!.replace(/[,\s]/g, '')).to.contain(sum.toFixed(2).replace(/\.?0+$/, ''));
    expect(first.getAttribute('aria-expanded')).to.equal('true');
    first.querySelector<HTMLElement>('td')!.focus();
    await sendKeys({ press: 'Enter' });
    await waitFor(() => root(table).querySelector(`tr.group[data-group="${key}"]`)!.getAttribute('aria-expanded') === 'false', 'collapsed');
    expect(table.view!.group!.collapsed).to.deep.equal([key]);
    const next = root(table).querySelector(`tr.group[data-group="${key}"] + tr`)!;
    expect(next.classList.contains('group')).to.equal(true);
    await expect(table).to.be.accessible();
  });

  it('resizes a column from the keyboard and freezes the first columns', async () => {
    const { table } = await openTable();
    const changes: ViewDef[] = [];
    table.addEventListener('ltc-view-change', (e) => changes.push(e.detail.view));
    const handle = root(table).querySelector<HTMLElement>('th .resize[data-field="mobile"]')!;
    handle.focus();
    await sendKeys({ press: 'ArrowRight' });
    await waitFor(() => changes.length === 1, 'view change');
    expect(changes[0].columns!.find((c) => c.fieldId === 'mobile')!.width).to.equal(170);
    await table.updateComplete;
    expect(root(table).querySelector<HTMLElement>('col[data-field="mobile"]')!.getBoundingClientRect().width).to.be.closeTo(170, 1);
    table.view = { ...changes[0], frozen: 2 };
    await table.updateComplete;
    const second = cell(table, 0, 2);
    expect(getComputedStyle(second).position).to.equal('sticky');
    expect(getComputedStyle(cell(table, 0, 3)).position).to.not.equal('sticky');
  });

  it('at 390 px: the footer fits and the leading and first columns stay in place while scrolling sideways', async () => {
    await setViewport({ width: 390, height: 800 });
    const { table } = await openTable();
    const scroller = root(table).querySelector<HTMLElement>('.scroller')!;
    const footer = root(table).querySelector<HTMLElement>('.footer')!;
    expect(footer.textContent).to.match(/第 1–\d+ 条，共 240 条/);
    expect(footer.getBoundingClientRect().right).to.be.at.most(390);
    expect(footer.scrollWidth).to.be.at.most(footer.clientWidth + 1);
    const name = cell(table, 0, 1);
    const x0 = name.getBoundingClientRect().left;
    scroller.scrollLeft = 600;
    await new Promise((resolve) => requestAnimationFrame(resolve));
    expect(name.getBoundingClientRect().left).to.be.closeTo(x0, 1);
    expect(cell(table, 0, 4).getBoundingClientRect().left).to.be.lessThan(x0 + 600);
  });
});

describe('<ltc-table>: 100,000 rows', function () {
  this.timeout(120000);

  it('renders only a window and reaches the last row by scrolling and by Ctrl+End', async () => {
    const app: AppDef = {
      id: 'big',
      name: 'Big',
      version: 1,
      tables: [{ id: 'people', name: 'People', primaryFieldId: 'name', fields: [{ id: 'name', name: 'Name', type: 'text' }, { id: 'n', name: 'N', type: 'number' }] }],
    } as AppDef;
    const store = new MemoryStore();
    await store.putApp(app);
    await store.bulkCreate('big', 'people', Array.from({ length: 100_000 }, (_, i) => ({ values: { name: `P${i}`, n: i } })));
    const table = await fixture<LtcTable>(html`<ltc-table table-id="people" .store=${store} .app=${app}></ltc-table>`);
    await waitFor(() => table.total === 100_000 && table.rows.length > 0, 'first rows');
    const rendered = () => deepAll<HTMLTableRowElement>(table, 'tbody tr[data-id]');
    expect(rendered().length).to.be.lessThan(60);
    expect(root(table).querySelector('table')!.getAttribute('aria-rowcount')).to.equal('100001');
    expect(root(table).querySelector('.footer')!.textContent).to.contain('100000');
    const scroller = root(table).querySelector<HTMLElement>('.scroller')!;
    scroller.scrollTop = scroller.scrollHeight;
    await waitFor(() => rendered().some((row) => row.getAttribute('aria-rowindex') === '100001'), 'last row rendered');
    expect(rendered().length).to.be.lessThan(60);
    expect(rendered().at(-1)!.textContent).to.contain('P99999');
    scroller.scrollTop = 0;
    await waitFor(() => rendered()[0]?.getAttribute('aria-rowindex') === '2', 'back at the top');
    cell(table, 0, 1).focus();
    await sendKeys({ press: 'Control+End' });
    await waitFor(() => activeCell(table)?.dataset.row === '99999', 'Ctrl+End reaches the last row');
    await waitFor(() => activeCell(table)!.textContent!.includes('99,999') || activeCell(table)!.textContent!.includes('99999'), 'its value loaded');
    await expect(table).to.be.accessible();
  });
});
