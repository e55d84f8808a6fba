/**
 * `<ltc-form>` drawing the app's form definitions: `form="<formId>"` live as the app changes,
 * `app-id` alone on the page's own store, prefill from `prefill-*` attributes and URL
 * parameters, hidden required fields that do not block, and sub-tables (order lines) saved
 * with their order in one store write — a failing row or a refused write leaves nothing.
 */
import { expect, fixture, html } from '@open-wc/testing';
import '../../widgets/index.js';
import { LtcForm } from '../../src/elements/ltc-form.js';
import { getWidget, registerWidget } from '../../widgets/registry.js';
import type { InputContext } from '../../widgets/types.js';
import type { AppDef, RecordData } from '../../src/core/schema/types.js';
import type { SubRowValues } from '../../src/core/forms/model.js';
import { MemoryStore } from '../../src/store/index.js';
import { getDefaultStore } from '../../src/runtime/default-store.js';
import { deep, typeInto, waitFor } from './helpers.js';

if (!customElements.get('ltc-form')) customElements.define('ltc-form', LtcForm);

/** The contexts the sub-table widget was drawn with (the form must hand it the child fields). */
const drawn: InputContext[] = [];
// Without the sub-table widget of widgets/subtable.ts, a minimal one: rows are set through the form's API.
const testWidget = !getWidget('subtable');
if (testWidget) {
  registerWidget({
    type: 'subtable',
    labels: { 'zh-CN': '子表单', en: 'Line items' },
    category: 'relation',
    isEditable: () => false,
    coerce: () => ({ ok: true, value: null }),
    format: () => '',
    renderInput: (context) => {
      drawn.push(context);
      return html`<span id=${context.id} data-rows=${Array.isArray(context.value) ? context.value.length : 0}></span>`;
    },
  });
}

const NOW = '2026-01-01T00:00:00.000Z';
const APP: AppDef = {
  id: 'fd',
  name: 'Form definitions',
  version: 1,
  createdAt: NOW,
  updatedAt: NOW,
  tables: [
    {
      id: 'customers',
      name: '客户',
      primaryFieldId: 'name',
      fields: [
        { id: 'name', name: '姓名', type: 'text', required: true },
        { id: 'kind', name: '客户类型', type: 'select', options: { choices: [{ id: 'person', name: '个人' }, { id: 'company', name: '企业' }] } },
        { id: 'company', name: '公司', type: 'text', required: true },
        { id: 'source', name: '来源', type: 'text' },
        { id: 'channel', name: '渠道', type: 'text' },
      ],
      forms: [
        {
          id: 'lead',
          name: '线索',
          items: [
            { id: 'a', kind: 'field', fieldId: 'name', label: { text: '您的姓名' } },
            { id: 'b', kind: 'field', fieldId: 'kind', defaultValue: 'person' },
            { id: 'c', kind: 'field', fieldId: 'company', visibleWhen: { '==': [{ var: 'kind' }, 'company'] } },
            { id: 'd', kind: 'field', fieldId: 'source', prefill: 'utm_source', readOnly: true },
            { id: 'e', kind: 'field', fieldId: 'channel', prefill: 'channel' },
          ],
          thankYou: { title: { text: '谢谢' } },
        },
      ],
    },
    {
      id: 'orders',
      name: '订单',
      primaryFieldId: 'no',
      fields: [
        { id: 'no', name: '订单号', type: 'text', required: true },
        { id: 'amount', name: '金额', type: 'money' },
        { id: 'lines', name: '明细', type: 'subtable', options: { table: 'lines', inverseOf: 'order', totalField: 'subtotal', totalInto: 'amount' } },
      ],
    },
    {
      id: 'lines',
      name: '订单明细',
      primaryFieldId: 'item',
      fields: [
        { id: 'item', name: '商品', type: 'text', required: true },
        { id: 'subtotal', name: '小计', type: 'money', options: { min: 0 } },
        { id: 'order', name: '订单', type: 'relation', options: { table: 'orders' } },
      ],
    },
  ],
};

const input = (el: Element, name: string) => deep<HTMLInputElement>(el, `[name="${name}"]`);
const submit = (el: Element) => deep<HTMLButtonElement>(el, 'button[type=submit]')!.click();
const line = (item: string, subtotal: number | string, id?: string): SubRowValues => ({ ...(id ? { id } : {}), values: { item, subtotal } });

describe('<ltc-form> with form definitions', function () {
  this.timeout(20000);
  let store: MemoryStore;
  let app: AppDef;

  beforeEach(async () => {
    store = new MemoryStore();
    app = await store.putApp(structuredClone(APP));
  });

  it('draws form="lead", prefills from an attribute and the URL, and saves without the hidden required field', async () => {
    history.replaceState(null, '', `${location.pathname}?utm_source=baidu`);
    try {
      const el = await fixture<LtcForm>(html`<ltc-form form="lead" prefill-channel="wechat" .store=${store} .app=${app} .locale=${'zh-CN'}></ltc-form>`);
      await waitFor(() => input(el, 'channel')?.value === 'wechat', 'prefilled from the attribute');
      expect(deep(el, 'output[name="source"]')?.textContent).to.equal('baidu');
      expect(deep(el, 'label[for="f-0"]')?.textContent).to.equal('您的姓名');
      expect(input(el, 'company'), 'hidden until 企业 is chosen').to.equal(null);
      await typeInto(input(el, 'name')!, '王芳');
      submit(el);
      await waitFor(() => deep(el, '.thank-you'), 'thank-you');
      expect(deep(el, '.thank-you h2')?.textContent).to.equal('谢谢');
      const [stored] = await store.queryRecords(app.id, 'customers');
      expect(stored?.values).to.include({ name: '王芳', kind: 'person', source: 'baidu', channel: 'wechat' });
      expect(stored?.values.company ?? null).to.equal(null);
    } finally {
      history.replaceState(null, '', location.pathname);
    }
  });

  it('validates a field that becomes visible', async () => {
    const el = await fixture<LtcForm>(html`<ltc-form form="lead" .store=${store} .app=${app}></ltc-form>`);
    await waitFor(() => input(el, 'name'), 'form');
    await typeInto(input(el, 'name')!, 'Li');
    const kind = deep<HTMLSelectElement>(el, 'select[name="kind"]')!;
    kind.value = 'company';
    kind.dispatchEvent(new Event('change', { bubbles: true }));
    submit(el);
    await waitFor(() => deep(el, '[data-field="company"] .message'), 'required message');
    expect(await store.queryRecords(app.id, 'customers')).to.have.length(0);
  });

  it('re-renders live when the app definition changes', async () => {
    const el = await fixture<LtcForm>(html`<ltc-form form="lead" .store=${store} .app=${app}></ltc-form>`);
    await waitFor(() => input(el, 'name'), 'form');
    const changed = structuredClone(app);
    const form = changed.tables[0]!.forms![0]!;
    form.items[0] = { id: 'a', kind: 'field', fieldId: 'name', label: { text: 'Full name' } };
    el.app = changed;
    await waitFor(() => deep(el, 'label[for="f-0"]')?.textContent === 'Full name', 'new label');
  });

  it('with app-id alone opens the page’s store and draws the first table’s first form', async () => {
    const shared = await getDefaultStore();
    const id = `fd-${Date.now()}`;
    await shared.putApp({ ...structuredClone(APP), id });
    try {
      const el = await fixture<LtcForm>(html`<ltc-form app-id=${id}></ltc-form>`);
      await waitFor(() => deep(el, 'label[for="f-0"]')?.textContent === '您的姓名', 'the lead form');
    } finally {
      await shared.deleteApp(id);
    }
  });

  describe('sub-tables (order lines)', () => {
    async function orderForm(recordId = ''): Promise<LtcForm> {
      const el = await fixture<LtcForm>(html`<ltc-form table-id="orders" record-id=${recordId} .store=${store} .app=${app}></ltc-form>`);
      await waitFor(() => input(el, 'no') && (!recordId || el.record), 'order form');
      return el;
    }

    it('hands the widget the child fields and saves the order, its lines and the total in one write', async () => {
      const el = await orderForm();
      if (testWidget) expect(drawn.at(-1)?.childFields?.map((f) => f.id)).to.deep.equal(['item', 'subtotal', 'order']);
      let writes = 0;
      const unsubscribe = store.subscribe((change) => change.kind === 'records' && writes++);
      await typeInto(input(el, 'no')!, 'SO-1');
      el.setValue('lines', [line('茶叶', 120), line('茶具', '80.5')]);
      submit(el);
      await waitFor(() => el.record, 'saved');
      unsubscribe();
      expect(writes, 'one transaction').to.equal(1);
      const [order] = await store.queryRecords(app.id, 'orders');
      expect(order?.values).to.include({ no: 'SO-1', amount: 200.5 });
      const lines = await store.queryRecords(app.id, 'lines');
      expect(lines.map((l) => [l.values.item, l.values.subtotal, l.values.order])).to.have.deep.members([
        ['茶叶', 120, order!.id],
        ['茶具', 80.5, order!.id],
      ]);
      expect((el.getValue('lines') as SubRowValues[]).every((row) => typeof row.id === 'string'), 'rows know their records').to.equal(true);
    });

    it('updates kept lines, deletes removed ones and recomputes the total when editing', async () => {
      const [order] = (await store.mutate(app.id, [{ type: 'create', tableId: 'orders', id: 'o1', values: { no: 'SO-2', amount: 30 } }])) as RecordData[];
      await store.mutate(app.id, [
        { type: 'create', tableId: 'lines', id: 'l1', values: { item: 'A', subtotal: 10, order: 'o1' } },
        { type: 'create', tableId: 'lines', id: 'l2', values: { item: 'B', subtotal: 20, order: 'o1' } },
      ]);
      const el = await orderForm(order!.id);
      await waitFor(() => (el.getValue('lines') as SubRowValues[] | undefined)?.length === 2, 'stored lines loaded');
      el.setValue('lines', [line('A+', 15, 'l1'), line('C', 5)]);
      submit(el);
      await waitFor(() => el.record?.version === 2, 'saved');
      expect((await store.getRecord(app.id, 'orders', 'o1'))?.values.amount).to.equal(20);
      const lines = await store.queryRecords(app.id, 'lines');
      expect(lines.map((l) => l.values.item).sort()).to.deep.equal(['A+', 'C']);
      expect(lines.find((l) => l.id === 'l1')?.values.subtotal).to.equal(15);
    });

    it('writes nothing when a line is invalid, and says which line', async () => {
      const el = await orderForm();
      await typeInto(input(el, 'no')!, 'SO-3');
      el.setValue('lines', [line('好的', 10), line('', -1)]);
      submit(el);
      const message = await waitFor(() => deep(el, '[data-field="lines"] .message'), 'line message');
      expect(message.textContent).to.match(/^Line 2: /);
      expect(await store.queryRecords(app.id, 'orders')).to.have.length(0);
      expect(await store.queryRecords(app.id, 'lines')).to.have.length(0);
    });

    it('leaves nothing when the store refuses the write halfway (a line changed meanwhile)', async () => {
      await store.mutate(app.id, [
        { type: 'create', tableId: 'orders', id: 'o1', values: { no: 'SO-4', amount: 10 } },
        { type: 'create', tableId: 'lines', id: 'l1', values: { item: 'A', subtotal: 10, order: 'o1' } },
      ]);
      const el = await orderForm('o1');
      await waitFor(() => (el.getValue('lines') as SubRowValues[] | undefined)?.length === 1, 'line loaded');
      // Another tab edits the line after the form loaded it.
      await store.mutate(app.id, [{ type: 'update', tableId: 'lines', id: 'l1', expectedVersion: 1, values: { item: 'A (tab)' } }]);
      await typeInto(input(el, 'no')!, 'SO-4b');
      el.setValue('lines', [line('A', 12, 'l1'), line('New', 3)]);
      submit(el);
      await waitFor(() => deep(el, '.summary'), 'refused');
      const order = await store.getRecord(app.id, 'orders', 'o1');
      expect(order?.values).to.include({ no: 'SO-4', amount: 10 });
      const lines = await store.queryRecords(app.id, 'lines');
      expect(lines.map((l) => l.values.item)).to.deep.equal(['A (tab)']);
    });
  });
});
