/**
 * `<ltc-formula-editor>` as a user meets it, on the customer-ltv template: typing a typo
 * underlines exactly the bad reference and says why, the suggestion fixes it, completion
 * works from the keyboard, the preview computes on a real customer, the function reference
 * inserts functions, cycles are refused, and the whole thing passes axe.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../widgets/index.js';
import { LtcFormulaEditor, checkFormulaSource } from '../../src/elements/ltc-formula-editor.js';
import type { AppDef } from '../../src/core/schema/types.js';
import { MemoryStore } from '../../src/store/index.js';
import { DerivedValues } from '../../src/runtime/derived.js';
import { deep, deepAll, typeInto, waitFor } from './helpers.js';
import { openCustomerLtv } from '../helpers/customer-ltv.js';

if (!customElements.get('ltc-formula-editor')) customElements.define('ltc-formula-editor', LtcFormulaEditor);


describe('<ltc-formula-editor>', function () {
  this.timeout(30000);
  let store: MemoryStore;
  let app: AppDef;
  let derived: DerivedValues;

  beforeEach(async () => {
    ({ store, app, derived } = await openCustomerLtv('fx'));
  });

  afterEach(() => derived.dispose());

  async function editor(value = '', fieldId = '', locale = 'zh-CN'): Promise<LtcFormulaEditor> {
    const el = await fixture<LtcFormulaEditor>(html`<ltc-formula-editor
      .app=${app}
      .derived=${derived}
      locale=${locale}
      table-id="customers"
      field-id=${fieldId}
      .value=${value}
    ></ltc-formula-editor>`);
    await el.updateComplete;
    return el;
  }

  const textarea = (el: LtcFormulaEditor) => deep<HTMLTextAreaElement>(el, 'textarea')!;

  it('underlines exactly the mistyped reference and shows the message', async () => {
    const el = await editor();
    let inputs = 0;
    el.addEventListener('input', () => (inputs += 1));
    await typeInto(textarea(el), '2 * {购买频率}');
    expect(el.value).to.equal('2 * {购买频率}');
    expect(inputs).to.be.greaterThan(0);
    const mark = await waitFor(() => deep(el, '.mirror mark.error-range'), 'underline');
    expect(mark.textContent).to.equal('{购买频率}');
    // The mirror holds the same text, so the mark sits over characters 4…10.
    const mirror = deep(el, '.mirror')!;
    expect(mirror.textContent!.replace(/\u200b$/, '')).to.equal('2 * {购买频率}');
    expect(mirror.textContent!.indexOf('{购买频率}')).to.equal(4);
    // Same box as the textarea, so the mirror wraps lines exactly where the textarea does.
    expect(mirror.clientWidth).to.equal(textarea(el).clientWidth);
    expect(getComputedStyle(mirror).paddingLeft).to.equal(getComputedStyle(textarea(el)).paddingLeft);
    const box = mark.getBoundingClientRect();
    const area = textarea(el).getBoundingClientRect();
    expect(box.width).to.be.greaterThan(20);
    expect(box.left).to.be.greaterThan(area.left);
    expect(box.right).to.be.lessThan(area.right);
    const message = deep(el, '#message[role=alert]')!;
    expect(message.textContent).to.contain('没有名为 {购买频率} 的字段');
    expect(textarea(el).getAttribute('aria-invalid')).to.equal('true');
    expect(textarea(el).getAttribute('aria-describedby')).to.contain('message');
    expect(el.error?.code).to.equal('formula.unknownField');
  });

  it('applies the suggested fix when its button is clicked', async () => {
    const el = await editor();
    await typeInto(textarea(el), '2 * {购买频率}');
    const fix = await waitFor(() => deep<HTMLButtonElement>(el, '#message button.fix'), 'fix button');
    expect(fix.textContent).to.contain('{购买频次}');
    let inputs = 0;
    el.addEventListener('input', () => (inputs += 1));
    fix.click();
    await waitFor(() => el.value === '2 * {购买频次}', 'fixed value');
    await el.updateComplete;
    expect(inputs).to.equal(1);
    expect(textarea(el).value).to.equal('2 * {购买频次}');
    expect(deep(el, '.mirror mark')).to.equal(null);
    expect(textarea(el).getAttribute('aria-invalid')).to.equal('false');
    expect(deep(el, '#message')!.textContent).to.contain('公式正确');
  });

  it('completes a field from the keyboard: {购, ArrowDown, Enter', async () => {
    const el = await editor();
    textarea(el).focus();
    await sendKeys({ type: '{购' });
    const listbox = await waitFor(() => deep(el, '[role=listbox]'), 'listbox');
    expect(listbox.getAttribute('aria-label')).to.equal('建议');
    expect(deepAll(el, '[role=option]').map((o) => o.querySelector('.label')!.textContent)).to.deep.equal(['购买频次']);
    expect(textarea(el).hasAttribute('aria-activedescendant')).to.equal(false);
    await sendKeys({ press: 'ArrowDown' });
    await el.updateComplete;
    expect(textarea(el).getAttribute('aria-activedescendant')).to.equal('opt-0');
    expect(deep(el, '#opt-0')!.getAttribute('aria-selected')).to.equal('true');
    await sendKeys({ press: 'Enter' });
    await waitFor(() => el.value === '{购买频次}', `inserted (value ${el.value})`);
    await el.updateComplete;
    expect(textarea(el).value).to.equal('{购买频次}');
    expect(textarea(el).selectionStart).to.equal('{购买频次}'.length);
    expect(deep(el, '[role=listbox]')).to.equal(null);

    // Go on typing: a function by prefix, accepted with Tab.
    await sendKeys({ type: ' * ROU' });
    await waitFor(() => deep(el, '[role=listbox]'), 'function list');
    await sendKeys({ press: 'Tab' });
    await waitFor(() => el.value === '{购买频次} * ROUND(', `function inserted (value ${el.value})`);

    // Escape closes the list without changing anything; Enter then is a plain line break.
    await sendKeys({ type: '{平' });
    await waitFor(() => deep(el, '[role=listbox]'), 'list again');
    let escapedOut = false;
    el.addEventListener('keydown', (e) => e.key === 'Escape' && (escapedOut = true));
    await sendKeys({ press: 'Escape' });
    await el.updateComplete;
    expect(deep(el, '[role=listbox]')).to.equal(null);
    expect(escapedOut, 'Escape does not reach a surrounding dialog').to.equal(false);
    expect(el.value).to.equal('{购买频次} * ROUND({平');
  });

  it('moves through several items with ArrowDown/ArrowUp and opens with Ctrl+Space', async () => {
    const el = await editor();
    textarea(el).focus();
    await sendKeys({ type: '{客户' });
    await waitFor(() => deepAll(el, '[role=option]').length === 8, 'matching fields');
    // Name prefixes first, then a label match (LTV is labelled 客户终身价值), then the relation paths.
    expect(deepAll(el, '[role=option] .label').map((o) => o.textContent)).to.deep.equal(['客户名称', '客户来源', '客户保持率', 'LTV', '订单.客户', '跟进任务.客户', '消息记录.客户', '负责人.负责客户']);
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'ArrowUp' });
    await sendKeys({ press: 'Enter' });
    await waitFor(() => el.value === '{客户来源}', `second item (value ${el.value})`);
    await sendKeys({ type: ' & ' });
    await el.updateComplete;
    expect(deep(el, '[role=listbox]')).to.equal(null);
    await sendKeys({ press: 'Control+Space' });
    const options = await waitFor(() => deepAll(el, '[role=option]').length > 10 && deepAll(el, '[role=option]'), 'explicit list');
    expect(options.some((o) => o.dataset.kind === 'function')).to.equal(true);
    expect(options.some((o) => o.dataset.kind === 'relationField')).to.equal(true);
  });

  it('previews the formula on a real customer, and on another one when chosen', async () => {
    const customers = derived.all('customers');
    const withOrders = customers.filter((c) => ((derived.get('customers', c.id)!.orderCount as number) ?? 0) >= 3);
    const [first, second] = withOrders;
    const el = await fixture<LtcFormulaEditor>(html`<ltc-formula-editor
      .app=${app}
      .derived=${derived}
      locale="en"
      table-id="customers"
      result-type="money"
      preview-record-id=${first!.id}
      .value=${'{平均客单价} * {购买频次} * {客户保持率}'}
    ></ltc-formula-editor>`);
    const values = derived.get('customers', first!.id)!;
    const expected = (values.avgOrderValue as number) * (values.purchaseFrequency as number) * (first!.values.retentionRate as number);
    const output = await waitFor(() => deep<HTMLOutputElement>(el, '.preview output[data-value]:not([data-value=""])'), 'preview');
    expect(Number(output.dataset.value)).to.be.closeTo(expected, 1e-9);
    const money = new Intl.NumberFormat('en', { style: 'currency', currency: 'CNY', minimumFractionDigits: 2, maximumFractionDigits: 2 });
    expect(output.textContent!.trim()).to.equal(money.format(expected));
    expect(expected).to.be.greaterThan(0);

    const select = deep<HTMLSelectElement>(el, '#preview-record')!;
    expect(select.selectedOptions[0]!.textContent).to.equal(first!.values.name);
    select.value = second!.id;
    select.dispatchEvent(new Event('change'));
    await el.updateComplete;
    const v2 = derived.get('customers', second!.id)!;
    const expected2 = (v2.avgOrderValue as number) * (v2.purchaseFrequency as number) * (second!.values.retentionRate as number);
    expect(Number(deep<HTMLOutputElement>(el, '.preview output')!.dataset.value)).to.be.closeTo(expected2, 1e-9);
  });

  it('previews a rollup through the relation and shows error values with their reason', async () => {
    const el = await editor('SUM({订单.金额}) / 0', '', 'en');
    const output = await waitFor(() => deep(el, '.preview output.error'), 'error value');
    expect(output.textContent).to.equal('#DIV/0!');
    expect(deep(el, '.preview .why')!.textContent).to.equal('Division by zero.');
    const customer = derived.all('customers')[0]!;
    const orders = (await store.queryRecords('fx', 'orders')).filter((o) => o.values.customer === customer.id);
    el.value = 'SUM({订单.金额})';
    await el.updateComplete;
    const sum = orders.reduce((s, o) => s + (o.values.amount as number), 0);
    expect(Number(deep<HTMLOutputElement>(el, '.preview output')!.dataset.value)).to.be.closeTo(sum, 1e-9);
  });

  it('works standalone with only a store: reads the records for the preview itself', async () => {
    const el = await fixture<LtcFormulaEditor>(html`<ltc-formula-editor .app=${app} .store=${store} table-id="customers" .value=${'{获客成本} * 2'}></ltc-formula-editor>`);
    const first = derived.all('customers')[0]!;
    const output = await waitFor(() => deep<HTMLOutputElement>(el, '.preview output[data-value]:not([data-value=""])'), 'own preview');
    expect(Number(output.dataset.value)).to.be.closeTo((first.values.acquisitionCost as number) * 2, 1e-9);
  });

  it('refuses a circular reference, naming the cycle', async () => {
    const el = await editor('{LTV} / 2', 'avgOrderValue');
    expect(el.error?.code).to.equal('formula.cycle');
    expect(deep(el, '#message')!.textContent).to.contain('循环引用').and.to.contain('{LTV}');
    expect(deep(el, '.mirror mark')!.textContent).to.equal('{LTV}');
  });

  it('searches the function reference and inserts a function at the cursor', async () => {
    const el = await editor('{购买频次}');
    const area = textarea(el);
    area.focus();
    area.setSelectionRange(0, 0);
    area.dispatchEvent(new KeyboardEvent('keyup'));
    await typeInto(deep<HTMLInputElement>(el, 'input.function-search')!, '四舍五入');
    await el.updateComplete;
    const buttons = deepAll<HTMLButtonElement>(el, 'aside button.fn');
    expect(buttons.map((b) => b.dataset.name)).to.deep.equal(['ROUND']);
    expect(deepAll(el, 'aside h4').map((h) => h.textContent)).to.deep.equal(['数学']);
    buttons[0]!.click();
    await waitFor(() => el.value === 'ROUND(){购买频次}', `inserted (value ${el.value})`);
    await el.updateComplete;
    expect(area.selectionStart).to.equal('ROUND('.length);
  });

  it('emits change when the textarea loses focus after an edit', async () => {
    const el = await editor();
    let changes = 0;
    el.addEventListener('change', () => (changes += 1));
    await typeInto(textarea(el), '1+1');
    textarea(el).blur();
    expect(changes).to.equal(1);
    textarea(el).focus();
    textarea(el).blur();
    expect(changes).to.equal(1);
  });

  it('is accessible (axe), with an error shown and the completion list open', async () => {
    const el = await editor();
    await typeInto(textarea(el), '{购买频率} + {客');
    await waitFor(() => deep(el, '[role=listbox]') && deep(el, '.mirror mark'), 'list and underline');
    await sendKeys({ press: 'ArrowDown' });
    await el.updateComplete;
    await expect(el).to.be.accessible();
  });

  it('in English, the example names real fields, and {Average completes to a reference that compiles (issue 9)', async () => {
    const el = await editor('', '', 'en');
    const placeholder = textarea(el).placeholder;
    expect(placeholder.startsWith('e.g. ')).to.equal(true);
    const example = placeholder.slice('e.g. '.length);
    // Real fields, in English, and a formula that compiles on this table.
    expect(example).to.match(/^\{[A-Za-z ]+\} \* \{[A-Za-z ]+\}$/);
    expect(() => checkFormulaSource(app, 'customers', '', example, 'en')).not.to.throw();
    const zh = await editor('', '', 'zh-CN');
    expect(textarea(zh).placeholder).to.match(/^例如 \{.+\} \* \{.+\}$/);
    expect(() => checkFormulaSource(app, 'customers', '', textarea(zh).placeholder.slice(3), 'zh-CN')).not.to.throw();

    textarea(el).focus();
    await sendKeys({ type: '{Average' });
    await waitFor(() => deep(el, '[role=listbox]'), 'listbox');
    expect(deepAll(el, '[role=option] .label').map((o) => o.textContent)).to.deep.equal(['Average order value']);
    // One suggestion shown: Enter accepts it (it used to insert a line break).
    await sendKeys({ press: 'Enter' });
    await waitFor(() => el.value === '{Average order value}', `inserted (value ${JSON.stringify(el.value)})`);
    await sendKeys({ type: ' * 2' });
    const ok = await waitFor(() => deep(el, '.status, .message, #message') && el.shadowRoot!.textContent!.includes('The formula is valid'), 'valid');
    expect(ok).to.equal(true);
    expect(deep(el, '.mirror mark.error-range')).to.equal(null);
  });

  it('Enter with several items and none chosen stays a line break', async () => {
    const el = await editor();
    textarea(el).focus();
    await sendKeys({ type: '{客户' });
    await waitFor(() => deepAll(el, '[role=option]').length > 1, 'several');
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(el.value).to.equal('{客户\n');
  });

  it('Esc inside a dialog closes only the suggestion list; with no list open it reaches the dialog', async () => {
    const dialog = await fixture<HTMLDialogElement>(html`<dialog><ltc-formula-editor
      .app=${app}
      .derived=${derived}
      locale="zh-CN"
      table-id="customers"
    ></ltc-formula-editor></dialog>`);
    const el = dialog.querySelector('ltc-formula-editor') as LtcFormulaEditor;
    dialog.showModal();
    await el.updateComplete;
    let cancels = 0;
    dialog.addEventListener('cancel', (e) => {
      cancels++;
      e.preventDefault();
    });
    textarea(el).focus();
    await sendKeys({ type: '{购' });
    await waitFor(() => deep(el, '[role=listbox]'), 'listbox');
    await sendKeys({ press: 'Escape' });
    await el.updateComplete;
    expect(deep(el, '[role=listbox]')).to.equal(null);
    expect(cancels, 'the dialog did not hear Esc').to.equal(0);
    expect(dialog.open).to.equal(true);
    expect(el.value).to.equal('{购');
    // No list open: Esc is the dialog's (the field editor asks before discarding).
    await sendKeys({ press: 'Escape' });
    await waitFor(() => cancels === 1, 'cancel reached the dialog');
    dialog.close();
  });
});
