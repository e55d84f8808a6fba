/**
 * `<ltc-condition-builder>` as a user drives it: pick a field and an operator, type a value and
 * see `value` (JSON Logic) follow; switch AND / OR; add a group; remove; labelled controls, axe.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/designer.js';
import type { ConditionChangedDetail, LtcConditionBuilder } from '../../src/elements/ltc-condition-builder.js';
import { applyLogic } from '../../src/core/logic/index.js';
import type { TableDef } from '../../src/core/schema/types.js';
import { deepAll, typeInto } from './helpers.js';

const table: TableDef = {
  id: 'customers',
  name: '客户',
  primaryFieldId: 'name',
  fields: [
    { id: 'name', name: '姓名', type: 'text', labels: { en: 'Name' } },
    { id: 'city', name: '城市', type: 'select', labels: { en: 'City' }, options: { choices: [{ id: 'sh', name: '上海', labels: { en: 'Shanghai' } }, { id: 'bj', name: '北京', labels: { en: 'Beijing' } }] } },
    { id: 'rate', name: '折扣', type: 'percent' },
    { id: 'born', name: '生日', type: 'date' },
  ],
};

async function builder(value: unknown = true, locale = 'en') {
  const el = await fixture<LtcConditionBuilder>(html`<ltc-condition-builder .table=${table} .value=${value} locale=${locale}></ltc-condition-builder>`);
  const events: ConditionChangedDetail[] = [];
  let changes = 0;
  el.addEventListener('ltc-condition-changed', (e) => events.push(e.detail));
  el.addEventListener('change', () => changes++);
  return { el, events, changes: () => changes };
}
const q = <T extends Element>(el: LtcConditionBuilder, selector: string) => el.shadowRoot!.querySelector<T>(selector)!;
async function choose(select: HTMLSelectElement, value: string) {
  select.value = value;
  select.dispatchEvent(new Event('change', { bubbles: true }));
  await ((select.getRootNode() as ShadowRoot).host as LtcConditionBuilder).updateComplete;
}

describe('<ltc-condition-builder>', function () {
  this.timeout(30000);

  it('builds "name contains 国庆" by picking and typing, and value follows', async () => {
    const { el, events, changes } = await builder();
    q<HTMLButtonElement>(el, 'button.add').click();
    await el.updateComplete;
    expect(q<HTMLSelectElement>(el, 'select.field').value).to.equal('name');
    await choose(q(el, 'select.op'), 'contains');
    await typeInto(q<HTMLInputElement>(el, 'input.value'), '国庆');
    await el.updateComplete;
    expect(applyLogic(el.value, { name: '范国庆' })).to.equal(true);
    expect(applyLogic(el.value, { name: '李雷' })).to.equal(false);
    expect(events.at(-1)!.condition).to.deep.equal({ all: [{ field: 'name', op: 'contains', value: '国庆' }] });
    expect(events.at(-1)!.logic).to.equal(el.value);
    expect(changes()).to.be.greaterThan(0);
  });

  it('offers choices as labelled checkboxes and percents typed as percentages', async () => {
    const { el } = await builder();
    q<HTMLButtonElement>(el, 'button.add').click();
    await el.updateComplete;
    await choose(q(el, 'select.field'), 'city');
    const boxes = deepAll<HTMLInputElement>(el, 'fieldset.choices input[type=checkbox]');
    expect(boxes.map((b) => b.parentElement!.textContent!.trim())).to.deep.equal(['Shanghai', 'Beijing']);
    boxes[0]!.focus();
    await sendKeys({ press: 'Space' });
    await el.updateComplete;
    expect(el.condition).to.deep.equal({ all: [{ field: 'city', op: 'isAnyOf', value: ['sh'] }] });
    expect(applyLogic(el.value, { city: 'sh' })).to.equal(true);
    expect(applyLogic(el.value, { city: 'bj' })).to.equal(false);

    await choose(q(el, 'select.field'), 'rate');
    await choose(q(el, 'select.op'), '>=');
    await typeInto(q<HTMLInputElement>(el, 'input.value'), '80');
    await el.updateComplete;
    expect(el.condition).to.deep.equal({ all: [{ field: 'rate', op: '>=', value: 0.8 }] });
    await typeInto(q<HTMLInputElement>(el, 'input.value'), 'abc');
    await el.updateComplete;
    expect(q<HTMLInputElement>(el, 'input.value').getAttribute('aria-invalid')).to.equal('true');
    expect(el.value).to.equal(true);
  });

  it('relative dates as a number and a unit', async () => {
    const { el } = await builder();
    q<HTMLButtonElement>(el, 'button.add').click();
    await el.updateComplete;
    await choose(q(el, 'select.field'), 'born');
    await choose(q(el, 'select.op'), 'inLast');
    await typeInto(q<HTMLInputElement>(el, 'input.count'), '2');
    await choose(q(el, 'select.unit'), 'week');
    expect(el.condition).to.deep.equal({ all: [{ field: 'born', op: 'inLast', value: { n: 2, unit: 'week' } }] });
    expect(applyLogic(el.value, { born: '2026-11-20', $today: '2026-12-01' })).to.equal(true);
    expect(applyLogic(el.value, { born: '2026-11-10', $today: '2026-12-01' })).to.equal(false);
  });

  it('switches AND / OR, nests a group and removes', async () => {
    const start = { and: [{ in: [{ ltc_text: ['a'] }, { ltc_text: [{ var: 'name' }] }] }, { in: [{ var: 'city' }, ['sh']] }] };
    const { el } = await builder(start);
    expect(deepAll(el, '.row')).to.have.length(2);
    expect(applyLogic(el.value, { name: 'Ada', city: 'bj' })).to.equal(false);
    await choose(q(el, 'select.mode'), 'any');
    expect(applyLogic(el.value, { name: 'Ada', city: 'bj' })).to.equal(true);
    q<HTMLButtonElement>(el, 'button.add-group').click();
    await el.updateComplete;
    expect(deepAll(el, 'fieldset.group fieldset.group')).to.have.length(1);
    expect(el.condition).to.deep.equal({ any: [{ field: 'name', op: 'contains', value: 'a' }, { field: 'city', op: 'isAnyOf', value: ['sh'] }, { all: [{ field: 'name', op: 'contains' }] }] });
    q<HTMLButtonElement>(el, 'button[aria-label="Remove condition 1"]').click();
    await el.updateComplete;
    expect(deepAll(el, '.row')).to.have.length(2);
    q<HTMLButtonElement>(el, 'button.remove-group').click();
    await el.updateComplete;
    expect(el.condition).to.deep.equal({ any: [{ field: 'city', op: 'isAnyOf', value: ['sh'] }] });
    expect(el.value).to.deep.equal({ or: [{ in: [{ var: 'city' }, ['sh']] }] });
  });

  it('shows logic it did not make as a custom condition and leaves it alone', async () => {
    const { el, events } = await builder({ '==': [{ var: 'name' }, 'x'] }, 'zh-CN');
    expect(q(el, '.custom').textContent).to.contain('自定义条件');
    expect(el.value).to.deep.equal({ '==': [{ var: 'name' }, 'x'] });
    q<HTMLButtonElement>(el, 'button.replace').click();
    await el.updateComplete;
    expect(el.value).to.equal(true);
    expect(events).to.have.length(1);
  });

  it('labels every control, in zh-CN too, never renders user text as HTML, and passes axe', async () => {
    const evil: TableDef = { ...table, fields: [{ ...table.fields[0]!, labels: { 'zh-CN': '<img src=x onerror=alert(1)>' } }, table.fields[1]!] };
    const el = await fixture<LtcConditionBuilder>(html`<ltc-condition-builder .table=${evil} locale="zh-CN"></ltc-condition-builder>`);
    q<HTMLButtonElement>(el, 'button.add').click();
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('img')).to.equal(null);
    expect(q<HTMLSelectElement>(el, 'select.field').getAttribute('aria-label')).to.equal('条件 1 的字段');
    expect(q<HTMLSelectElement>(el, 'select.field').options[0]!.textContent).to.equal('<img src=x onerror=alert(1)>');
    await expect(el).to.be.accessible();
    await choose(q(el, 'select.field'), 'city');
    await expect(el).to.be.accessible();
  });
});
