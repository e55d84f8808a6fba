/**
 * The form runtime's widget pack (src/form-widgets.ts): a published order form with line
 * items, a rating, tags, a member tier and an address renders in `<ltc-form src>` — the page
 * started with only the runtime, which loads the pack because the file uses those types —
 * and a visitor's lines become child records whose total goes into the order's amount. Files
 * and serial numbers are left out of the published file, with the reason.
 */
import { expect, fixture, html } from '@open-wc/testing';
import '../../src/form-runtime.js';
import { getWidget } from '../../widgets/registry.js';
import { registerExtraFieldTypes } from '../../src/core/fields/extra-types.js';
import { registerLinesFilesAddressTypes } from '../../src/core/fields/lines-files-address.js';
import { publishForm } from '../../src/core/forms/publish.js';
import { submissionRecords } from '../../src/core/forms/submission.js';
import type { FormSubmission } from '../../src/core/forms/model.js';
import type { AppDef } from '../../src/core/schema/types.js';
import { deep, deepAll, typeInto, waitFor } from '../elements/helpers.js';

function orderApp(): AppDef {
  return {
    id: 'shop',
    name: '店铺',
    version: 1,
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    tables: [
      {
        id: 'orders',
        name: '订单',
        primaryFieldId: 'buyer',
        fields: [
          { id: 'buyer', name: '买家', type: 'text', required: true },
          { id: 'lines', name: '订单明细', type: 'subtable', options: { table: 'orderLines', inverseOf: 'order', columns: ['product', 'quantity', 'lineAmount'], totalField: 'lineAmount', totalInto: 'amount' } },
          { id: 'amount', name: '订单金额', type: 'money' },
          { id: 'satisfaction', name: '满意度', type: 'rating', options: { max: 5 } },
          { id: 'tags', name: '标签', type: 'tags' },
          { id: 'tier', name: '会员等级', type: 'tier', options: { levels: [{ id: 'normal', name: '普通' }, { id: 'gold', name: '金卡' }] } },
          { id: 'address', name: '收货地址', type: 'address' },
          { id: 'receipt', name: '付款截图', type: 'image' },
          { id: 'orderNo', name: '订单号', type: 'serial', options: { prefix: 'SO' } },
        ],
        forms: [
          {
            id: 'order',
            name: '下单',
            items: ['buyer', 'lines', 'amount', 'satisfaction', 'tags', 'tier', 'address', 'receipt', 'orderNo'].map((fieldId) => ({ id: `i-${fieldId}`, kind: 'field' as const, fieldId })),
          },
        ],
      },
      {
        id: 'orderLines',
        name: '订单明细',
        primaryFieldId: 'product',
        fields: [
          { id: 'order', name: '订单', type: 'relation', options: { table: 'orders' } },
          { id: 'product', name: '商品', type: 'text' },
          { id: 'quantity', name: '数量', type: 'number' },
          { id: 'lineAmount', name: '金额', type: 'money' },
        ],
      },
    ],
  } as unknown as AppDef;
}

// Publishing happens in the designer, which knows every type's facts; this page gets the facts
// only (no widgets), as the runtime does not draw these types until the pack loads.
registerExtraFieldTypes();
registerLinesFilesAddressTypes();

describe('published forms with the widget pack', function () {
  this.timeout(30000);

  it('leaves files and serial numbers out of the file, with the reason, and keeps the lines’ columns', () => {
    const { file, issues } = publishForm(orderApp(), 'orders', 'order');
    expect(issues.map((issue) => [issue.fieldId, issue.code])).to.deep.equal([
      ['receipt', 'publish.unknownType'],
      ['orderNo', 'publish.unknownType'],
    ]);
    expect(file.fields.map((f) => f.id)).to.deep.equal(['buyer', 'lines', 'amount', 'satisfaction', 'tags', 'tier', 'address']);
    expect(file.childFields!.lines!.map((f) => f.id)).to.deep.equal(['product', 'quantity', 'lineAmount']);
  });

  it('loads the pack for a form that needs it, renders every widget and submits lines that total into the amount', async () => {
    expect(getWidget('rating'), 'the page starts with the runtime’s widgets only').to.equal(undefined);
    const { file } = publishForm(orderApp(), 'orders', 'order');
    const src = URL.createObjectURL(new Blob([JSON.stringify(file)], { type: 'application/json' }));
    let ready: CustomEvent | undefined;
    const el = await fixture<HTMLElement>(html`<ltc-form src=${src} lang="zh-CN" @ltc-form-ready=${(e: CustomEvent) => (ready = e)}></ltc-form>`);
    await waitFor(() => deep(el, '[data-field="lines"] .subtable'), 'the line items');
    await waitFor(() => ready, 'ltc-form-ready');
    expect(ready!.detail).to.deep.equal({ appId: 'shop', tableId: 'orders', formId: 'order' });
    for (const type of ['rating', 'tags', 'tier', 'subtable', 'address']) expect(getWidget(type), type).to.not.equal(undefined);
    expect(deepAll(el, '[data-field="satisfaction"] input[type="radio"]').length, 'five stars').to.equal(5);
    expect(deep(el, '[data-field="address"] ltc-address-input'), 'the address input').to.exist;
    expect(deep(el, '[data-field="tier"] select, [data-field="tier"] input'), 'the tier input').to.exist;
    expect(deep(el, '[data-field="receipt"]'), 'no file input').to.equal(null);

    await typeInto(deep<HTMLInputElement>(el, '[data-field="buyer"] input')!, '赵敏');
    for (const [product, quantity, amount] of [['咖啡豆', '2', '128'], ['滤纸', '1', '20.5']] as const) {
      deep<HTMLButtonElement>(el, '[data-field="lines"] button.add')!.click();
      await waitFor(() => deep(el, '[data-field="lines"] tbody tr:last-child input'), 'a new line');
      // Each cell looked up afresh (the line may be drawn again after each value typed), typed
      // only once it has the focus, and the next one only once the value is in.
      const cell = (i: number) => deepAll<HTMLInputElement>(el, '[data-field="lines"] tbody tr:last-child input')[i]!;
      for (const [i, text] of [product, quantity, amount].entries()) {
        cell(i).focus();
        await waitFor(() => cell(i).matches(':focus'), `the focus in cell ${i}`);
        await typeInto(cell(i), text);
        await waitFor(() => cell(i).value === text, `“${text}” in cell ${i}`);
      }
    }
    await waitFor(() => deep(el, '[data-field="lines"] [data-total]')?.textContent?.includes('148.5'), 'the lines’ total');
    deepAll<HTMLInputElement>(el, '[data-field="satisfaction"] input[type="radio"]')[3]!.click();

    const submitted = new Promise<CustomEvent<{ submission: FormSubmission }>>((resolve) => el.addEventListener('ltc-form-submitted', (e) => resolve(e as CustomEvent), { once: true }));
    deep<HTMLButtonElement>(el, 'button[type="submit"]')!.click();
    const { submission } = (await submitted).detail;
    expect(submission.values.satisfaction).to.equal(4);
    const records = submissionRecords(submission, file);
    const order = records[0]!;
    expect(order.values.buyer).to.equal('赵敏');
    expect(order.values.amount, 'the lines’ total in the amount').to.equal(148.5);
    const lines = records.slice(1);
    expect(lines.map((line) => [line.tableId, line.values.product, line.values.quantity, line.values.lineAmount, line.values.order])).to.deep.equal([
      ['orderLines', '咖啡豆', 2, 128, order.id],
      ['orderLines', '滤纸', 1, 20.5, order.id],
    ]);
  });

  it('shows a line’s problem beside its cell and names the row on the field; nothing is submitted', async () => {
    const { file } = publishForm(orderApp(), 'orders', 'order');
    const src = URL.createObjectURL(new Blob([JSON.stringify(file)], { type: 'application/json' }));
    const el = await fixture<HTMLElement>(html`<ltc-form src=${src} lang="zh-CN"></ltc-form>`);
    await waitFor(() => deep(el, '[data-field="lines"] button.add'), 'the line items');
    await typeInto(deep<HTMLInputElement>(el, '[data-field="buyer"] input')!, '赵敏');
    deep<HTMLButtonElement>(el, '[data-field="lines"] button.add')!.click();
    await waitFor(() => deep(el, '[data-field="lines"] tbody tr[data-row="0"] input'), 'a line');
    const cells = deepAll<HTMLInputElement>(el, '[data-field="lines"] tbody tr[data-row="0"] input');
    await typeInto(cells[0]!, '咖啡豆');
    await typeInto(cells[1]!, '两袋');
    let submitted = false;
    el.addEventListener('ltc-form-submitted', () => (submitted = true));
    deep<HTMLButtonElement>(el, 'button[type="submit"]')!.click();
    const message = await waitFor(() => deep(el, '[data-field="lines"] .cell-message'), 'the cell’s message');
    expect(message.textContent).to.contain('数量');
    const quantity = deepAll<HTMLInputElement>(el, '[data-field="lines"] tbody tr[data-row="0"] input')[1]!;
    expect(quantity.getAttribute('aria-invalid')).to.equal('true');
    expect(quantity.getAttribute('aria-describedby')).to.equal(message.id);
    expect(deep(el, '[data-field="lines"] .message')!.textContent).to.match(/^第 1 行：/);
    expect(submitted).to.equal(false);
    // Fixing the cell clears both.
    await typeInto(quantity, '2');
    await waitFor(() => !deep(el, '[data-field="lines"] .cell-message'), 'the message gone');
    expect(deep(el, '[data-field="lines"] .message')).to.equal(null);
  });
});
