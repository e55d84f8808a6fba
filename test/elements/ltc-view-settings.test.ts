/**
 * `<ltc-view-settings>` as a user drives it: hide a column, move columns with Alt+↑/↓ (and
 * hear where they went) and by dragging the handle with the pointer, set the frozen count,
 * add / reorder / remove sort levels, group by a date with a period and sums, build a filter;
 * every change dispatched as `ltc-view-change` with the whole view; axe in both languages.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys, sendMouse, resetMouse } from '@web/test-runner-commands';
import '../../src/designer.js';
import type { LtcViewSettings, ViewChangeDetail } from '../../src/elements/ltc-view-settings.js';
import type { TableDef, ViewDef } from '../../src/core/schema/types.js';
import { typeInto, waitFor } from './helpers.js';

const table: TableDef = {
  id: 'customers',
  name: '客户',
  primaryFieldId: 'name',
  fields: [
    { id: 'name', name: '姓名', type: 'text', labels: { en: 'Name' } },
    { id: 'city', name: '城市', type: 'select', labels: { en: 'City' }, options: { choices: [{ id: 'sh', name: '上海', labels: { en: 'Shanghai' } }, { id: 'bj', name: '北京' }] } },
    { id: 'spend', name: '消费', type: 'money', labels: { en: 'Spend' } },
    { id: 'joined', name: '注册日期', type: 'date', labels: { en: 'Joined' } },
    { id: 'tags', name: '标签', type: 'multiselect', labels: { en: 'Tags' }, options: { choices: [{ id: 'vip', name: 'VIP' }] } },
  ],
};

async function settings(view: ViewDef = { id: 'v1', name: '视图' }, locale = 'en') {
  const el = await fixture<LtcViewSettings>(html`<ltc-view-settings .table=${table} .view=${view} locale=${locale}></ltc-view-settings>`);
  const events: ViewChangeDetail[] = [];
  el.addEventListener('ltc-view-change', (e) => events.push(e.detail));
  return { el, events, last: () => events[events.length - 1]! };
}
const q = <T extends Element>(el: Element, selector: string) => el.shadowRoot!.querySelector<T>(selector)!;
const qa = <T extends Element>(el: Element, selector: string) => [...el.shadowRoot!.querySelectorAll<T>(selector)];
const order = (el: LtcViewSettings) => qa<HTMLElement>(el, 'li.column').map((li) => li.dataset.fieldId);
const status = (el: LtcViewSettings) => q<HTMLElement>(el, '[role="status"]').textContent!.trim();
async function choose(el: LtcViewSettings, select: HTMLSelectElement, value: string) {
  select.value = value;
  select.dispatchEvent(new Event('change', { bubbles: true }));
  await el.updateComplete;
}

describe('<ltc-view-settings>', function () {
  this.timeout(30000);
  afterEach(() => resetMouse());

  it('lists every field in the view order, then the rest, and hides a column with its checkbox', async () => {
    const { el, events, last } = await settings({ id: 'v1', name: 'v', columns: [{ fieldId: 'spend' }, { fieldId: 'name' }] });
    expect(order(el)).to.deep.equal(['spend', 'name', 'city', 'joined', 'tags']);
    const box = q<HTMLInputElement>(el, 'li[data-field-id="city"] input[type="checkbox"]');
    expect(box.getAttribute('aria-label')).to.equal('Show "City"');
    box.click();
    await el.updateComplete;
    expect(events).to.have.length(1);
    expect(last().tableId).to.equal('customers');
    expect(last().view.columns).to.deep.equal([{ fieldId: 'spend' }, { fieldId: 'name' }, { fieldId: 'city', hidden: true }, { fieldId: 'joined' }, { fieldId: 'tags' }]);
    expect(last().view.id).to.equal('v1');
    expect(el.view.columns![2]!.hidden).to.equal(true);
  });

  it('moves a column with Alt+↓ and Alt+↑ from the keyboard alone, announcing the new place (zh-CN)', async () => {
    const { el, last } = await settings({ id: 'v1', name: 'v' }, 'zh-CN');
    const first = q<HTMLElement>(el, 'li[data-field-id="name"]');
    first.focus();
    await sendKeys({ press: 'Alt+ArrowDown' });
    await el.updateComplete;
    expect(order(el)).to.deep.equal(['city', 'name', 'spend', 'joined', 'tags']);
    await waitFor(() => status(el) === '已将「姓名」移到第 2 位', 'announcement');
    expect(last().view.columns!.map((c) => c.fieldId)).to.deep.equal(['city', 'name', 'spend', 'joined', 'tags']);
    // Focus follows the moved column, so the user can keep moving it.
    await waitFor(() => el.shadowRoot!.activeElement?.getAttribute('data-field-id') === 'name', 'focus on the moved column');
    await sendKeys({ press: 'Alt+ArrowDown' });
    await sendKeys({ press: 'Alt+ArrowDown' });
    await el.updateComplete;
    expect(order(el)).to.deep.equal(['city', 'spend', 'joined', 'name', 'tags']);
    await waitFor(() => status(el) === '已将「姓名」移到第 4 位', 'second announcement');
    await sendKeys({ press: 'Alt+ArrowUp' });
    await el.updateComplete;
    expect(order(el)).to.deep.equal(['city', 'spend', 'name', 'joined', 'tags']);
    // Plain arrows do not move anything.
    await sendKeys({ press: 'ArrowUp' });
    await el.updateComplete;
    expect(order(el)).to.deep.equal(['city', 'spend', 'name', 'joined', 'tags']);
  });

  it('reaches the columns and hides one with the keyboard only (Tab, Space)', async () => {
    const { el, last } = await settings();
    q<HTMLElement>(el, 'li[data-field-id="name"]').focus();
    await sendKeys({ press: 'Tab' });
    expect(el.shadowRoot!.activeElement?.getAttribute('aria-label')).to.equal('Show "Name"');
    await sendKeys({ press: 'Space' });
    await el.updateComplete;
    expect(last().view.columns![0]).to.deep.equal({ fieldId: 'name', hidden: true });
  });

  it('moves a column by dragging its handle with the pointer', async () => {
    const { el, last } = await settings({ id: 'v1', name: 'v' }, 'zh-CN');
    const handle = q<HTMLElement>(el, 'li[data-field-id="name"] .handle');
    const from = handle.getBoundingClientRect();
    const target = q<HTMLElement>(el, 'li[data-field-id="joined"]').getBoundingClientRect();
    await sendMouse({ type: 'move', position: [Math.round(from.left + from.width / 2), Math.round(from.top + from.height / 2)] });
    await sendMouse({ type: 'down' });
    await sendMouse({ type: 'move', position: [Math.round(from.left + 4), Math.round(target.top + target.height * 0.75)] });
    await sendMouse({ type: 'move', position: [Math.round(from.left + 4), Math.round(target.bottom - 2)] });
    await el.updateComplete;
    await sendMouse({ type: 'up' });
    await el.updateComplete;
    expect(order(el)).to.deep.equal(['city', 'spend', 'joined', 'name', 'tags']);
    expect(last().view.columns!.map((c) => c.fieldId)).to.deep.equal(['city', 'spend', 'joined', 'name', 'tags']);
    await waitFor(() => status(el) === '已将「姓名」移到第 4 位', 'drag announcement');
  });

  it('sets the frozen count within 0 and the number of visible columns', async () => {
    const { el, last } = await settings({ id: 'v1', name: 'v', columns: [{ fieldId: 'name' }, { fieldId: 'city', hidden: true }, { fieldId: 'spend', hidden: true }] });
    const input = q<HTMLInputElement>(el, 'input[name="frozen"]');
    expect(input.max).to.equal('3');
    await typeInto(input, '2');
    input.dispatchEvent(new Event('change'));
    await el.updateComplete;
    expect(last().view.frozen).to.equal(2);
    await typeInto(input, '9');
    input.dispatchEvent(new Event('change'));
    await el.updateComplete;
    expect(last().view.frozen).to.equal(3);
    expect(input.value).to.equal('3');
  });

  it('adds, changes, reorders and removes sort levels; lists are not offered', async () => {
    const { el, last } = await settings();
    q<HTMLButtonElement>(el, 'button.add-sort').click();
    await el.updateComplete;
    expect(last().view.sort).to.deep.equal([{ fieldId: 'name', direction: 'asc' }]);
    const fieldOptions = qa<HTMLOptionElement>(el, 'select[name="sort-field"] option').map((o) => o.value);
    expect(fieldOptions).to.deep.equal(['name', 'city', 'spend', 'joined']);
    await choose(el, q<HTMLSelectElement>(el, 'select[name="sort-field"]'), 'spend');
    await choose(el, q<HTMLSelectElement>(el, 'select[name="sort-direction"]'), 'desc');
    q<HTMLButtonElement>(el, 'button.add-sort').click();
    await el.updateComplete;
    expect(last().view.sort).to.deep.equal([{ fieldId: 'spend', direction: 'desc' }, { fieldId: 'name', direction: 'asc' }]);
    const up = qa<HTMLButtonElement>(el, 'button.sort-up')[1]!;
    expect(up.getAttribute('aria-label')).to.equal('Move sort level 2 up');
    up.click();
    await el.updateComplete;
    expect(last().view.sort!.map((s) => s.fieldId)).to.deep.equal(['name', 'spend']);
    qa<HTMLButtonElement>(el, 'button.sort-remove')[0]!.click();
    await el.updateComplete;
    expect(last().view.sort).to.deep.equal([{ fieldId: 'spend', direction: 'desc' }]);
  });

  it('groups by a date with a period and sums, and only offers groupable and summable fields', async () => {
    const { el, last } = await settings();
    const select = q<HTMLSelectElement>(el, 'select[name="group-field"]');
    expect([...select.options].map((o) => o.value)).to.deep.equal(['', 'city', 'joined']);
    await choose(el, select, 'joined');
    expect(last().view.group).to.deep.equal({ fieldId: 'joined', by: 'month' });
    await choose(el, q<HTMLSelectElement>(el, 'select[name="group-by"]'), 'year');
    expect(last().view.group).to.deep.equal({ fieldId: 'joined', by: 'year' });
    const sums = qa<HTMLInputElement>(el, 'input[name="sum"]');
    expect(sums.map((s) => s.value)).to.deep.equal(['spend']);
    sums[0]!.click();
    await el.updateComplete;
    expect(last().view.group).to.deep.equal({ fieldId: 'joined', by: 'year', sums: ['spend'] });
    await choose(el, q<HTMLSelectElement>(el, 'select[name="group-field"]'), 'city');
    expect(last().view.group).to.deep.equal({ fieldId: 'city', sums: ['spend'] });
    expect(q(el, 'select[name="group-by"]')).to.equal(null);
    await choose(el, q<HTMLSelectElement>(el, 'select[name="group-field"]'), '');
    expect(last().view.group).to.equal(undefined);
  });

  it('takes the filter from the embedded condition builder, built by the user', async () => {
    const { el, last } = await settings();
    const builder = q<HTMLElement & { updateComplete: Promise<boolean> }>(el, 'ltc-condition-builder');
    const inner = <T extends Element>(selector: string) => builder.shadowRoot!.querySelector<T>(selector)!;
    inner<HTMLButtonElement>('button.add').click();
    await builder.updateComplete;
    const field = inner<HTMLSelectElement>('select.field');
    field.value = 'city';
    field.dispatchEvent(new Event('change', { bubbles: true }));
    await builder.updateComplete;
    inner<HTMLInputElement>('fieldset.choices input[type=checkbox]').click();
    await builder.updateComplete;
    await el.updateComplete;
    expect(last().view.filter).to.deep.equal({ and: [{ in: [{ var: 'city' }, ['sh']] }] });
    expect(el.view.filter).to.deep.equal(last().view.filter);
  });

  for (const locale of ['en', 'zh-CN']) {
    it(`passes axe (${locale}) with sort and group set`, async () => {
      const { el } = await settings({ id: 'v', name: 'v', sort: [{ fieldId: 'name', direction: 'asc' }], group: { fieldId: 'joined', by: 'week' } }, locale);
      await expect(el).to.be.accessible();
      if (locale === 'zh-CN') expect(q(el, '#columns-title').textContent).to.equal('列');
    });
  }
});
