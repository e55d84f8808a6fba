/**
 * Line items (`subtable`): the editable table edited from the keyboard alone (type in cells,
 * Tab through them, add and remove lines) reporting every row through `onInput`; the total
 * row; the grid cell's "3 行 · ¥1,234.00"; totals into the parent's field; formulas reading a
 * sub-table like an inverse relation (SUM over its lines, kept up to date by the runtime); the
 * options checked against the app; axe on the input.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { render } from 'lit';
import '../../widgets/index.js';
import '../../widgets/extra.js';
import { widgetFor } from '../../widgets/registry.js';
import { applySubtableTotals, subtableTotal } from '../../src/core/fields/types/subtable.js';
import type { SubRowValues } from '../../src/core/forms/model.js';
import type { AppDef, FieldDef, Locale } from '../../src/core/schema/types.js';
import { validateApp } from '../../src/validation.js';
import { MemoryStore } from '../../src/store/index.js';
import { DerivedValues } from '../../src/runtime/derived.js';
import { runWidgetContractTests } from '../../widgets/testing.js';

const lineFields: FieldDef[] = [
  { id: 'product', name: '商品', type: 'text', labels: { en: 'Product' } },
  { id: 'qty', name: '数量', type: 'number', labels: { en: 'Quantity' } },
  { id: 'amount', name: '金额', type: 'money', labels: { en: 'Amount' } },
  { id: 'order', name: '订单', type: 'relation', options: { table: 'orders' } },
];

const linesField: FieldDef = {
  id: 'lines',
  name: '订单明细',
  type: 'subtable',
  options: { table: 'lines', inverseOf: 'order', totalField: 'amount', totalInto: 'total' },
};

function app(): AppDef {
  return {
    id: 'shop',
    name: '商店',
    version: 1,
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    tables: [
      {
        id: 'orders',
        name: '订单',
        primaryFieldId: 'no',
        fields: [
          { id: 'no', name: '编号', type: 'text' },
          { id: 'total', name: '订单金额', type: 'money' },
          linesField,
          { id: 'linesSum', name: '明细合计', type: 'formula', options: { formula: 'SUM({订单明细.金额})', resultType: 'money' } },
          { id: 'lineCount', name: '明细数', type: 'formula', options: { formula: 'COUNT({订单明细.金额})', resultType: 'number' } },
        ],
      },
      { id: 'lines', name: '订单明细', primaryFieldId: 'product', fields: lineFields },
    ],
  };
}

/** A stand-in for the form: keeps the rows and draws the widget again on every `onInput`, as `<ltc-form>` does. */
async function mount(initial: SubRowValues[], locale: Locale = 'zh-CN') {
  const host = await fixture<HTMLDivElement>(html`<div></div>`);
  const state = { rows: initial, reports: [] as SubRowValues[][] };
  const draw = () =>
    render(
      widgetFor(linesField).renderInput({
        id: 'f-lines',
        field: linesField,
        value: state.rows as never,
        locale,
        invalid: false,
        childFields: lineFields,
        onInput: (raw) => {
          state.rows = raw as SubRowValues[];
          state.reports.push(state.rows);
          draw();
        },
      }),
      host,
    );
  draw();
  return { host, state };
}

const frame = () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));

describe('subtable widget', () => {
  it('edits lines from the keyboard alone and reports the rows through onInput', async () => {
    const { host, state } = await mount([{ values: {} }]);
    const first = host.querySelector<HTMLInputElement>('#f-lines-0-product')!;
    expect(first, 'a cell per column, the link back left out').to.exist;
    expect(host.querySelector('#f-lines-0-order')).to.equal(null);
    first.focus();
    await sendKeys({ type: '键盘' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ type: '2' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ type: '199.5' });
    expect(state.rows).to.deep.equal([{ values: { product: '键盘', qty: 2, amount: 199.5 } }]);
    expect(state.reports.length).to.be.greaterThan(3);
    // Tab reaches the line's remove button, then "add a line"; Enter adds one and focuses its first cell.
    await sendKeys({ press: 'Tab' });
    expect((document.activeElement as HTMLElement).getAttribute('aria-label')).to.equal('删除第 1 行');
    await sendKeys({ press: 'Tab' });
    expect((document.activeElement as HTMLElement).classList.contains('add')).to.equal(true);
    await sendKeys({ press: 'Enter' });
    await frame();
    expect(state.rows).to.have.length(2);
    expect(document.activeElement?.id).to.equal('f-lines-1-product');
    await sendKeys({ type: '鼠标' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ type: '50' });
    expect(state.rows[1]).to.deep.equal({ values: { product: '鼠标', amount: 50 } });
    // The total row sums the amounts as money.
    expect(host.querySelector('[data-total]')?.textContent?.trim()).to.equal('¥249.50');
  });

  it('removes a line with its button from the keyboard, keeping the others and their ids', async () => {
    const { host, state } = await mount([
      { id: 'l1', values: { product: 'A', amount: 1 } },
      { id: 'l2', values: { product: 'B', amount: 2 } },
      { id: 'l3', values: { product: 'C', amount: 3 } },
    ]);
    const remove = host.querySelectorAll<HTMLButtonElement>('button.remove')[1]!;
    remove.focus();
    await sendKeys({ press: 'Enter' });
    await frame();
    expect(state.rows.map((r) => r.id)).to.deep.equal(['l1', 'l3']);
    expect(host.querySelector('[data-total]')?.textContent?.trim()).to.equal('¥4.00');
    // Focus moves to the remove button of the line that took its place.
    expect((document.activeElement as HTMLElement).getAttribute('aria-label')).to.equal('删除第 2 行');
    await sendKeys({ press: 'Enter' });
    await frame();
    expect(state.rows.map((r) => r.id)).to.deep.equal(['l1']);
    expect((document.activeElement as HTMLElement).classList.contains('add')).to.equal(true);
  });

  it('keeps what does not parse yet as typed, so the user can fix it', async () => {
    const { host, state } = await mount([{ values: {} }]);
    host.querySelector<HTMLInputElement>('#f-lines-0-qty')!.focus();
    await sendKeys({ type: '两' });
    expect(state.rows[0]!.values.qty).to.equal('两');
    expect(host.querySelector<HTMLInputElement>('#f-lines-0-qty')!.value).to.equal('两');
  });

  it('passes axe with lines and with none, in both languages', async () => {
    const { host } = await mount([{ values: { product: '键盘', qty: 1, amount: 9 } }]);
    await expect(host).to.be.accessible();
    expect(host.querySelector('button.add')?.textContent).to.contain('添加一行');
    const empty = await mount([], 'en');
    expect(empty.host.textContent).to.contain('No lines yet');
    await expect(empty.host).to.be.accessible();
  });
});

describe('subtable facts', () => {
  it('formats a cell as its number of lines and their total', () => {
    const records: Record<string, Record<string, unknown>> = { a: { amount: 1000 }, b: { amount: 200 }, c: { amount: 34 } };
    const context = {
      relatedValues: (_table: string, id: string) => records[id] as never,
      fieldOf: (table: string, id: string) => (table === 'lines' ? lineFields.find((f) => f.id === id) : undefined),
    };
    const widget = widgetFor(linesField);
    expect(widget.format(['a', 'b', 'c'], linesField, { locale: 'zh-CN', ...context })).to.equal('3 行 · ¥1,234.00');
    expect(widget.format(['a'], linesField, { locale: 'en', ...context })).to.equal('1 line · CN¥1,000.00');
    expect(widget.format(['a', 'b'], linesField, { locale: 'en' })).to.equal('2 lines');
    // Derived: nothing is stored in the parent.
    expect(widget.isEditable(linesField)).to.equal(false);
    expect(widget.coerce(['a'], linesField, 'json')).to.deep.equal({ ok: true, value: null });
  });

  it('sums the total field into the parent’s totalInto field', () => {
    const rows = [{ amount: 0.1 }, { amount: 0.2 }, { amount: null }, { amount: '3' }];
    expect(subtableTotal(linesField, rows)).to.equal(0.3);
    const table = app().tables[0]!;
    expect(applySubtableTotals(table, { no: 'SO1', total: 5 }, { lines: [{ amount: 10 }, { amount: 2.5 }] })).to.deep.equal({ no: 'SO1', total: 12.5 });
    // A sub-table without rows being saved leaves the stored total alone.
    expect(applySubtableTotals(table, { no: 'SO1', total: 5 }, {})).to.deep.equal({ no: 'SO1', total: 5 });
  });

  it('checks its options against the app', () => {
    expect(validateApp(app()).ok, JSON.stringify(validateApp(app()))).to.equal(true);
    const broken = app();
    broken.tables[0]!.fields[2] = { ...linesField, options: { table: 'lines', inverseOf: 'product', columns: ['qty', 'nope'], totalField: 'product', totalInto: 'no' } };
    const result = validateApp(broken);
    expect(result.ok).to.equal(false);
    const paths = result.ok ? [] : result.errors.map((e) => `${e.path} ${e.code}`);
    expect(paths).to.include.members([
      'tables[0].fields[2].options.inverseOf schema.inverseTarget',
      'tables[0].fields[2].options.columns schema.fieldUnknown',
      'tables[0].fields[2].options.totalField schema.subtableFieldType',
      'tables[0].fields[2].options.totalInto schema.subtableFieldType',
    ]);
  });
});

describe('subtable property panel', () => {
  it('offers the child tables, their links back, the columns and the numeric fields, and reports each choice', async () => {
    const host = await fixture<HTMLDivElement>(html`<div></div>`);
    const patches: unknown[] = [];
    let field: FieldDef = { id: 'lines', name: '订单明细', type: 'subtable', options: {} };
    const draw = () =>
      render(
        widgetFor(field).renderOptions!({
          field,
          locale: 'zh-CN',
          tableId: 'orders',
          app: app(),
          onChange: (patch) => {
            patches.push(patch);
            field = { ...field, options: { ...field.options, ...patch } };
            draw();
          },
        }),
        host,
      );
    draw();
    const table = host.querySelector<HTMLSelectElement>('#opt-table')!;
    table.value = 'lines';
    table.dispatchEvent(new Event('change'));
    // The relation back is chosen with the table.
    expect(patches[0]).to.deep.equal({ table: 'lines', inverseOf: 'order', columns: undefined, totalField: undefined });
    expect([...host.querySelectorAll<HTMLInputElement>('[data-column]')].map((c) => [c.dataset.column, c.checked])).to.deep.equal([
      ['product', true],
      ['qty', true],
      ['amount', true],
    ]);
    const qty = host.querySelector<HTMLInputElement>('[data-column=qty]')!;
    qty.checked = false;
    qty.dispatchEvent(new Event('change'));
    expect(field.options?.columns).to.deep.equal(['product', 'amount']);
    const total = host.querySelector<HTMLSelectElement>('#opt-totalField')!;
    expect([...total.options].map((o) => o.value)).to.deep.equal(['', 'qty', 'amount']);
    total.value = 'amount';
    total.dispatchEvent(new Event('change'));
    const into = host.querySelector<HTMLSelectElement>('#opt-totalInto')!;
    expect([...into.options].map((o) => o.value), 'stored number fields of this table only').to.deep.equal(['', 'total']);
    into.value = 'total';
    into.dispatchEvent(new Event('change'));
    expect(field.options).to.deep.equal({ table: 'lines', inverseOf: 'order', columns: ['product', 'amount'], totalField: 'amount', totalInto: 'total' });
    const made = app();
    made.tables[0]!.fields[2] = field;
    expect(validateApp(made).ok).to.equal(true);
    await expect(host).to.be.accessible();
  });
});

describe('subtable in formulas', () => {
  it('SUM({订单明细.金额}) reads the lines like an inverse relation and follows their edits', async () => {
    const store = new MemoryStore();
    const def = await store.putApp(app());
    await store.mutate('shop', [
      { type: 'create', tableId: 'orders', id: 'o1', values: { no: 'SO1' } },
      { type: 'create', tableId: 'lines', id: 'l1', values: { product: '键盘', amount: 199.5, order: 'o1' } },
      { type: 'create', tableId: 'lines', id: 'l2', values: { product: '鼠标', amount: 50, order: 'o1' } },
    ]);
    const derived = new DerivedValues(store, def);
    await derived.load();
    try {
      expect(derived.value('orders', 'o1', 'lines')).to.have.members(['l1', 'l2']);
      expect(derived.value('orders', 'o1', 'linesSum'), JSON.stringify(derived.value('orders', 'o1', 'linesSum'))).to.equal(249.5);
      expect(derived.value('orders', 'o1', 'lineCount')).to.equal(2);
      await store.mutate('shop', [{ type: 'update', tableId: 'lines', id: 'l2', values: { amount: 70 } }]);
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(derived.value('orders', 'o1', 'linesSum')).to.equal(269.5);
      await store.mutate('shop', [{ type: 'delete', tableId: 'lines', id: 'l1' }]);
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(derived.value('orders', 'o1', 'linesSum')).to.equal(70);
    } finally {
      derived.dispose();
    }
  });
});

runWidgetContractTests('subtable', { sample: ['l1', 'l2'], field: linesField });
