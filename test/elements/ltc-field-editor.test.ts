/**
 * `<ltc-field-editor>` on the customer-ltv template, driven like a user: the LTV preset
 * flow produces a formula field whose value for real customers is the preset's
 * arithmetic; validation messages appear next to their inputs; renames, choices and
 * formulas are saved through the store; Escape cancels; axe finds nothing.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../widgets/index.js';
import { getWidget, registerWidget } from '../../widgets/registry.js';
import { LtcFieldEditor, type FieldSavedDetail } from '../../src/elements/ltc-field-editor.js';
import { LtcFormulaEditor, checkFormulaSource } from '../../src/elements/ltc-formula-editor.js';
import type { AppDef, FieldDef } from '../../src/core/schema/types.js';
import { MemoryStore } from '../../src/store/index.js';
import { DerivedValues } from '../../src/runtime/derived.js';
import { deep, deepAll, typeInto, waitFor } from './helpers.js';
import { openCustomerLtv } from '../helpers/customer-ltv.js';

if (!customElements.get('ltc-formula-editor')) customElements.define('ltc-formula-editor', LtcFormulaEditor);
if (!customElements.get('ltc-field-editor')) customElements.define('ltc-field-editor', LtcFieldEditor);


function choose(select: HTMLSelectElement, value: string): void {
  select.value = value;
  if (select.value !== value) throw new Error(`no option ${value} in #${select.id}: ${[...select.options].map((o) => o.value).join(', ')}`);
  select.dispatchEvent(new Event('change'));
}

function fieldNamed(app: AppDef, name: string): FieldDef | undefined {
  return app.tables.find((t) => t.id === 'customers')!.fields.find((f) => f.name === name);
}

describe('<ltc-field-editor>', function () {
  this.timeout(40000);
  let store: MemoryStore;
  let app: AppDef;
  let derived: DerivedValues;

  beforeEach(async () => {
    ({ store, app, derived } = await openCustomerLtv('fe'));
  });

  afterEach(() => derived.dispose());

  async function editor(fieldId = '', locale = 'zh-CN'): Promise<LtcFieldEditor> {
    const el = await fixture<LtcFieldEditor>(html`<ltc-field-editor
      .app=${app}
      .store=${store}
      .derived=${derived}
      locale=${locale}
      table-id="customers"
      field-id=${fieldId}
    ></ltc-field-editor>`);
    await el.updateComplete;
    return el;
  }

  function saved(el: LtcFieldEditor): Promise<FieldSavedDetail> {
    return new Promise((resolve) => el.addEventListener('ltc-field-saved', (e) => resolve(e.detail), { once: true }));
  }

  it('builds an LTV field from a preset with a rollup, previews it, and saves a formula equal to the arithmetic', async () => {
    const el = await editor();
    choose(deep<HTMLSelectElement>(el, '#type')!, 'ltv');
    await el.updateComplete;
    // Four presets with their worked examples, computed by the formula engine.
    const presets = deepAll(el, '.preset');
    expect(presets).to.have.length(4);
    expect(presets.map((p) => p.querySelector('small')!.textContent)).to.deep.equal([
      '例：4 × ¥100 × 80% = ¥320',
      '例：(¥100 × 4 × 3) − (¥150 + ¥50) = ¥1,000',
      '例：¥100 × 4 × 3 − ¥150 = ¥1,050',
      '例：¥100 × 4 × 3 × 30% = ¥360',
    ]);
    deep<HTMLInputElement>(el, 'input[type=radio][value="net-of-acquisition"]')!.click();
    await el.updateComplete;
    // Inputs default to the template's fields of the same name.
    expect(deep<HTMLSelectElement>(el, '#map-purchaseFrequency')!.value).to.equal('{购买频次}');
    expect(deep<HTMLSelectElement>(el, '#map-relationshipYears')!.value).to.equal('{关系时长}');
    expect(deep<HTMLSelectElement>(el, '#map-acquisitionCost')!.value).to.equal('{获客成本}');
    // Average order value from the orders instead of the field.
    choose(deep<HTMLSelectElement>(el, '#map-averageOrderValue')!, 'AVERAGE({订单.金额})');
    await el.updateComplete;
    const source = 'AVERAGE({订单.金额}) * {购买频次} * {关系时长} - {获客成本}';
    expect(deep(el, 'code.generated')!.textContent).to.equal(source);

    const customer = derived.all('customers').find((c) => (derived.get('customers', c.id)!.orderCount as number) >= 3)!;
    choose(deep<HTMLSelectElement>(el, '#ltv-record')!, customer.id);
    await el.updateComplete;
    const v = derived.get('customers', customer.id)!;
    const orders = (await store.queryRecords('fe', 'orders')).filter((o) => o.values.customer === customer.id);
    const average = orders.reduce((s, o) => s + (o.values.amount as number), 0) / orders.length;
    const expected = average * (v.purchaseFrequency as number) * (v.relationshipYears as number) - (customer.values.acquisitionCost as number);
    expect(Number(deep<HTMLOutputElement>(el, '.ltv output')!.dataset.value)).to.be.closeTo(expected, 1e-6);

    const name = deep<HTMLInputElement>(el, '#name')!;
    expect(name.value, 'the name follows the chosen preset').to.equal('扣除获客成本 LTV');
    await typeInto(name, '净 LTV');
    const done = saved(el);
    deep<HTMLButtonElement>(el, 'button.save')!.click();
    const detail = await done;
    const field = fieldNamed(detail.app, '净 LTV')!;
    expect(field.id).to.equal(detail.fieldId);
    expect(field.type).to.equal('formula');
    expect(field.options).to.include({ formula: source, resultType: 'money' });
    expect((await store.getApp('fe'))!.version).to.equal(app.version + 1);

    // The saved field computes, for every real customer, the preset's arithmetic.
    const after = new DerivedValues(store, detail.app);
    await after.load();
    try {
      let checked = 0;
      for (const c of after.all('customers')) {
        const values = after.get('customers', c.id)!;
        const mine = await store.queryRecords('fe', 'orders', { where: { field: 'customer', equals: c.id } });
        if (mine.length === 0) continue;
        const avg = mine.reduce((s, o) => s + (o.values.amount as number), 0) / mine.length;
        const want = avg * (values.purchaseFrequency as number) * (values.relationshipYears as number) - (c.values.acquisitionCost as number);
        expect(values[field.id] as number, c.id).to.be.closeTo(want, 1e-6);
        if (++checked >= 25) break;
      }
      expect(checked).to.equal(25);
    } finally {
      after.dispose();
    }
    // The editor now edits the saved field: an ordinary, editable formula.
    await el.updateComplete;
    expect(deep<HTMLSelectElement>(el, '#type')!.value).to.equal('formula');
    const nested = deep<LtcFormulaEditor>(el, 'ltc-formula-editor')!;
    expect(nested.value).to.equal(source);
  });

  it('offers only mappings that compile, for every input of every preset', async () => {
    const el = await editor('', 'en');
    choose(deep<HTMLSelectElement>(el, '#type')!, 'ltv');
    await el.updateComplete;
    let checked = 0;
    for (const preset of ['retention-weighted', 'net-of-costs', 'net-of-acquisition', 'profit']) {
      deep<HTMLInputElement>(el, `input[type=radio][value="${preset}"]`)!.click();
      await el.updateComplete;
      for (const select of deepAll<HTMLSelectElement>(el, '.mapping select')) {
        const values = [...select.options].map((o) => o.value).filter((v) => v !== '__custom__');
        expect(values.length, select.id).to.be.greaterThan(0);
        for (const value of values) {
          expect(() => checkFormulaSource(app, 'customers', '', `${value} * 1`, 'en'), value).not.to.throw();
          checked += 1;
        }
      }
    }
    // Rollups are offered where they fit: average order value and frequency from the orders.
    deep<HTMLInputElement>(el, 'input[type=radio][value="retention-weighted"]')!.click();
    await el.updateComplete;
    const frequency = [...deep<HTMLSelectElement>(el, '#map-purchaseFrequency')!.options].map((o) => o.value);
    expect(frequency).to.include('COUNT({订单.金额})').and.to.include('COUNT({订单.金额}) / MAX(1, DAYS(TODAY(), MIN({订单.下单日期})) / 365)');
    expect(checked).to.be.greaterThan(40);
  });

  it('asks for every preset input, and accepts a typed expression', async () => {
    const el = await editor('', 'en');
    choose(deep<HTMLSelectElement>(el, '#type')!, 'ltv');
    await el.updateComplete;
    deep<HTMLInputElement>(el, 'input[type=radio][value="net-of-costs"]')!.click();
    await el.updateComplete;
    // The template has no retention cost: the input starts as an empty expression.
    const custom = deep<HTMLInputElement>(el, 'input.custom-expression[data-input="retentionCost"]')!;
    expect(custom.value).to.equal('');
    deep<HTMLButtonElement>(el, 'button.save')!.click();
    const message = await waitFor(() => deep(el, '#map-retentionCost-msg'), 'unmapped message');
    expect(message.textContent).to.contain('Retention cost');
    expect(deep(el, '#map-retentionCost')!.getAttribute('aria-invalid')).to.equal('true');
    expect((await store.getApp('fe'))!.version).to.equal(app.version);

    await typeInto(custom, '20 + 30');
    await el.updateComplete;
    expect(deep(el, 'code.generated')!.textContent).to.equal('({平均客单价} * {购买频次} * {关系时长}) - ({获客成本} + (20 + 30))');
    const done = saved(el);
    deep<HTMLButtonElement>(el, 'button.save')!.click();
    const detail = await done;
    expect(fieldNamed(detail.app, 'LTV net of costs')!.options!.formula).to.contain('(20 + 30)');
  });

  it('shows name problems next to the name, and stores nothing', async () => {
    const el = await editor();
    deep<HTMLButtonElement>(el, 'button.save')!.click();
    await waitFor(() => deep(el, '#name-msg'), 'required message');
    expect(deep(el, '#name-msg')!.textContent).to.equal('请填写字段名称');
    expect(deep(el, '#name')!.getAttribute('aria-invalid')).to.equal('true');
    await typeInto(deep<HTMLInputElement>(el, '#name')!, '手机');
    deep<HTMLButtonElement>(el, 'button.save')!.click();
    await waitFor(() => deep(el, '#name-msg')?.textContent?.includes('已有名为'), 'duplicate message');
    expect((await store.getApp('fe'))!.version).to.equal(app.version);
  });

  it('renames a field and every formula follows', async () => {
    const el = await editor('purchaseFrequency');
    expect(deep<HTMLInputElement>(el, '#name')!.value).to.equal('购买频次');
    await typeInto(deep<HTMLInputElement>(el, '#name')!, '年购买次数');
    const done = saved(el);
    deep<HTMLButtonElement>(el, 'button.save')!.click();
    const detail = await done;
    expect(fieldNamed(detail.app, 'LTV')!.options!.formula).to.equal('{平均客单价} * {年购买次数} * {客户保持率}');
  });

  it('edits a formula with the formula editor and refuses a cycle with the cycle named', async () => {
    const el = await editor('avgOrderValue');
    const nested = deep<LtcFormulaEditor>(el, 'ltc-formula-editor')!;
    await nested.updateComplete;
    await typeInto(deep<HTMLTextAreaElement>(nested, 'textarea')!, '{LTV} / 2');
    expect(el.draft.options!.formula).to.equal('{LTV} / 2');
    await waitFor(() => deep(nested, '#message')?.textContent?.includes('循环引用'), 'live cycle message');
    deep<HTMLButtonElement>(el, 'button.save')!.click();
    const message = await waitFor(() => deep(el, '.formula-message'), 'save refused');
    expect(message.textContent).to.contain('{LTV}').and.to.contain('{平均客单价}');
    expect((await store.getApp('fe'))!.version).to.equal(app.version);
  });

  it('adds a select field with choices added, renamed and removed', async () => {
    const el = await editor('', 'en');
    await typeInto(deep<HTMLInputElement>(el, '#name')!, '客户级别');
    choose(deep<HTMLSelectElement>(el, '#type')!, 'select');
    await el.updateComplete;
    deep<HTMLButtonElement>(el, 'button.add-choice')!.click();
    deep<HTMLButtonElement>(el, 'button.add-choice')!.click();
    await el.updateComplete;
    const inputs = deepAll<HTMLInputElement>(el, '.choice input');
    expect(inputs).to.have.length(3);
    await typeInto(inputs[0]!, '金卡');
    await typeInto(inputs[1]!, '银卡');
    await typeInto(inputs[2]!, '铜卡');
    deepAll<HTMLButtonElement>(el, 'button.remove-choice')[1]!.click();
    await el.updateComplete;
    const done = saved(el);
    deep<HTMLButtonElement>(el, 'button.save')!.click();
    const detail = await done;
    const field = fieldNamed(detail.app, '客户级别')!;
    expect(field.type).to.equal('select');
    expect(field.options!.choices!.map((c) => c.name)).to.deep.equal(['金卡', '铜卡']);
    expect(new Set(field.options!.choices!.map((c) => c.id)).size).to.equal(2);
  });

  it('lists every registered field type with labels in the UI language, plus LTV', async () => {
    const el = await editor('', 'en');
    const labels = [...deep<HTMLSelectElement>(el, '#type')!.options].map((o) => o.textContent!.trim());
    expect(labels).to.include.members(['Text', 'Money', 'Formula', 'Linked records']);
    expect(labels.at(-1)).to.match(/^LTV/);
  });

  it('cancels with Escape and with the Cancel button', async () => {
    const el = await editor();
    let cancelled = 0;
    el.addEventListener('ltc-field-cancelled', () => (cancelled += 1));
    deep<HTMLInputElement>(el, '#name')!.focus();
    await sendKeys({ press: 'Escape' });
    expect(cancelled).to.equal(1);
    deep<HTMLButtonElement>(el, 'button.cancel')!.click();
    expect(cancelled).to.equal(2);
  });

  it("two editors of one field: B's save after A's is refused with a message, and A's formula is kept", async () => {
    // Tab A and tab B open the same formula field; <ltc-app> hands B the app A saved.
    const a = await editor('avgOrderValue');
    const b = await editor('avgOrderValue');
    const nested = deep<LtcFormulaEditor>(a, 'ltc-formula-editor')!;
    await nested.updateComplete;
    await typeInto(deep<HTMLInputElement>(b, '#name')!, '客单价');
    expect(b.dirty).to.equal(true);
    await typeInto(deep<HTMLTextAreaElement>(nested, 'textarea')!, '{累计消费} / 2');
    const done = saved(a);
    deep<HTMLButtonElement>(a, 'button.save')!.click();
    const first = await done;
    b.app = first.app; // what the context does after A's save
    await b.updateComplete;
    expect(deep<HTMLInputElement>(b, '#name')!.value, 'B keeps its draft').to.equal('客单价');
    const result = await b.save();
    expect(result).to.equal(undefined);
    const summary = deep(b, '.summary')!;
    expect(summary.textContent).to.contain('其他窗口').and.to.contain('平均客单价');
    const stored = (await store.getApp('fe'))!;
    expect(stored.version).to.equal(first.app.version);
    expect(fieldNamed(stored, '平均客单价')!.options!.formula).to.equal('{累计消费} / 2');
    expect(fieldNamed(stored, '客单价')).to.equal(undefined);
  });

  it('follows a newer definition while nothing is typed, and reports dirty only after an edit', async () => {
    const a = await editor('purchaseFrequency');
    const b = await editor('purchaseFrequency');
    expect(b.dirty).to.equal(false);
    await typeInto(deep<HTMLInputElement>(a, '#name')!, '年购买次数');
    expect(a.dirty).to.equal(true);
    const done = saved(a);
    deep<HTMLButtonElement>(a, 'button.save')!.click();
    const first = await done;
    expect(a.dirty, 'clean after saving').to.equal(false);
    b.app = first.app;
    await b.updateComplete;
    expect(deep<HTMLInputElement>(b, '#name')!.value).to.equal('年购买次数');
    await typeInto(deep<HTMLInputElement>(b, '#name')!, '购买次数');
    const again = saved(b);
    deep<HTMLButtonElement>(b, 'button.save')!.click();
    expect(fieldNamed((await again).app, '购买次数')).to.exist;
  });

  it('draws the property panel from the type\'s options schema (money: currency, precision; text: max length)', async () => {
    const el = await editor('', 'en');
    await typeInto(deep<HTMLInputElement>(el, '#name')!, 'Deposit');
    choose(deep<HTMLSelectElement>(el, '#type')!, 'money');
    await el.updateComplete;
    expect(deep<HTMLInputElement>(el, '#opt-precision')!.value).to.equal('2');
    choose(deep<HTMLSelectElement>(el, '#opt-currency')!, 'USD');
    await typeInto(deep<HTMLInputElement>(el, '#opt-min')!, '0');
    await el.updateComplete;
    const done = saved(el);
    deep<HTMLButtonElement>(el, 'button.save')!.click();
    const stored = (await done).app.tables[0]!.fields.find((f) => f.name === 'Deposit')!;
    expect(stored.options).to.include({ currency: 'USD', min: 0 });
    choose(deep<HTMLSelectElement>(el, '#type')!, 'text');
    await el.updateComplete;
    expect(deep(el, '#opt-maxLength')).to.exist;
    expect(deep(el, '#opt-currency')).to.equal(null);
    await expect(el).to.be.accessible();
  });

  it("gives a site owner's type a property panel from its options schema, and saves what it sets", async () => {
    if (!getWidget('stars')) {
      registerWidget({
        type: 'stars',
        labels: { 'zh-CN': '星级', en: 'Stars' },
        coerce: (raw) => ({ ok: true, value: raw === '' || raw === null || raw === undefined ? null : Number(raw) }),
        format: (value) => (typeof value === 'number' ? '★'.repeat(value) : ''),
        options: [
          { key: 'max', kind: 'integer', min: 1, max: 10, default: 5, labels: { 'zh-CN': '最多几颗星', en: 'Most stars' } },
          { key: 'placeholder', kind: 'text', labels: { 'zh-CN': '提示', en: 'Hint' } },
        ],
        renderInput: (ctx) => html`<input id=${ctx.id} .value=${String(ctx.value ?? '')} />`,
      });
    }
    const el = await editor('', 'en');
    await typeInto(deep<HTMLInputElement>(el, '#name')!, 'Satisfaction');
    choose(deep<HTMLSelectElement>(el, '#type')!, 'stars');
    await el.updateComplete;
    expect(deep(el, 'label[for="opt-max"]')!.textContent).to.equal('Most stars');
    expect(deep<HTMLInputElement>(el, '#opt-max')!.value).to.equal('5');
    await typeInto(deep<HTMLInputElement>(el, '#opt-max')!, '7');
    const done = saved(el);
    deep<HTMLButtonElement>(el, 'button.save')!.click();
    const stored = (await done).app.tables[0]!.fields.find((f) => f.name === 'Satisfaction')!;
    expect(stored).to.deep.include({ type: 'stars', options: { max: 7 } });
  });

  it('is accessible (axe), plain and in the LTV preset flow', async () => {
    const el = await editor();
    await expect(el).to.be.accessible();
    choose(deep<HTMLSelectElement>(el, '#type')!, 'ltv');
    await el.updateComplete;
    await expect(el).to.be.accessible();
    choose(deep<HTMLSelectElement>(el, '#type')!, 'formula');
    await el.updateComplete;
    await expect(el).to.be.accessible();
  });
});
