/**
 * `<ltc-multi-relation-picker>` and the relation widget's use of it: chips with remove
 * buttons, type to search, arrow keys and Enter to add, Backspace to remove the last, the
 * change event, screen-reader announcements, axe, 100,000 records without rendering them,
 * and a multiple relation linked from the keyboard alone in `<ltc-form>` and stored.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../widgets/index.js';
import { LtcMultiRelationPicker } from '../../widgets/multi-relation-picker.js';
import { LtcForm } from '../../src/elements/ltc-form.js';
import type { AppDef } from '../../src/core/schema/types.js';
import type { RelationOption } from '../../widgets/types.js';
import { MemoryStore } from '../../src/store/index.js';
import { deep, deepAll, typeInto, waitFor } from '../elements/helpers.js';

if (!customElements.get('ltc-multi-relation-picker')) customElements.define('ltc-multi-relation-picker', LtcMultiRelationPicker);
if (!customElements.get('ltc-form')) customElements.define('ltc-form', LtcForm);

const STAFF: RelationOption[] = [
  { id: 's1', label: '王芳', detail: '13800000001' },
  { id: 's2', label: '王磊', detail: '13800000002' },
  { id: 's3', label: 'Li Na' },
  { id: 's4', label: '赵六' },
];

async function picker(values: string[] = [], options = STAFF): Promise<LtcMultiRelationPicker> {
  const el = await fixture<LtcMultiRelationPicker>(html`<ltc-multi-relation-picker label="负责人" locale="zh-CN" .options=${options} .values=${values}></ltc-multi-relation-picker>`);
  await el.updateComplete;
  return el;
}

const input = (el: LtcMultiRelationPicker) => el.shadowRoot!.querySelector('input')!;
const chips = (el: LtcMultiRelationPicker) => deepAll(el, '.chip').map((chip) => chip.dataset.id);
const offered = (el: LtcMultiRelationPicker) => deepAll(el, '[role=option][data-id]').map((option) => option.dataset.id);
const active = (el: LtcMultiRelationPicker) => deep<HTMLElement>(el, '[role=option][aria-selected=true]')?.dataset.id;

describe('<ltc-multi-relation-picker>', function () {
  this.timeout(30000);

  it('shows the linked records as chips with a labelled remove button each', async () => {
    const el = await picker(['s2', 's3']);
    expect(chips(el)).to.deep.equal(['s2', 's3']);
    expect(deep(el, '.chip[data-id=s2]')!.textContent).to.contain('王磊');
    expect(deep(el, '.chip[data-id=s3] button')!.getAttribute('aria-label')).to.equal('移除 Li Na');
    expect(deep(el, 'button[aria-label="清除"]'), 'no single-mode clear button').to.equal(null);
  });

  it('lists matches as the user types, leaving out linked records, and Enter adds the active one', async () => {
    const el = await picker(['s1']);
    const changes: string[][] = [];
    el.addEventListener('change', () => changes.push([...el.values]));
    await typeInto(input(el), '王');
    await el.updateComplete;
    expect(input(el).getAttribute('aria-expanded')).to.equal('true');
    expect(offered(el)).to.deep.equal(['s2']);
    // Matching the detail (a phone) works too.
    await typeInto(input(el), '0004');
    await el.updateComplete;
    expect(deep(el, '.empty')!.textContent).to.contain('无匹配记录');
    await typeInto(input(el), '13800000002');
    await el.updateComplete;
    expect(offered(el)).to.deep.equal(['s2']);
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(el.values).to.deep.equal(['s1', 's2']);
    expect(changes).to.deep.equal([['s1', 's2']]);
    expect(chips(el)).to.deep.equal(['s1', 's2']);
    // The list stays open for the next one, the query cleared.
    expect(input(el).value).to.equal('');
    expect(input(el).getAttribute('aria-expanded')).to.equal('true');
    expect(offered(el)).to.deep.equal(['s3', 's4']);
    expect(deep(el, '[role=status]')!.textContent).to.equal('已添加 王磊');
  });

  it('moves with the arrow keys (aria-activedescendant follows) and adds several in a row', async () => {
    const el = await picker();
    input(el).focus();
    await sendKeys({ press: 'ArrowDown' });
    await el.updateComplete;
    expect(offered(el)).to.deep.equal(['s1', 's2', 's3', 's4']);
    expect(active(el)).to.equal('s1');
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'ArrowDown' });
    await el.updateComplete;
    expect(active(el)).to.equal('s3');
    const activeOption = deep<HTMLElement>(el, '[role=option][aria-selected=true]')!;
    expect(input(el).getAttribute('aria-activedescendant')).to.equal(activeOption.id);
    await sendKeys({ press: 'ArrowUp' });
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(el.values).to.deep.equal(['s2']);
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(el.values).to.deep.equal(['s2', 's1']);
    // Escape closes the list without changing anything.
    await sendKeys({ press: 'Escape' });
    await el.updateComplete;
    expect(input(el).getAttribute('aria-expanded')).to.equal('false');
    expect(el.values).to.deep.equal(['s2', 's1']);
  });

  it('removes the last chip with Backspace in the empty input, and only then', async () => {
    const el = await picker(['s1', 's2', 's3']);
    await typeInto(input(el), 'L');
    await sendKeys({ press: 'Backspace' });
    await el.updateComplete;
    expect(el.values, 'Backspace deleting a typed letter keeps the chips').to.deep.equal(['s1', 's2', 's3']);
    await sendKeys({ press: 'Backspace' });
    await el.updateComplete;
    expect(el.values).to.deep.equal(['s1', 's2']);
    expect(deep(el, '[role=status]')!.textContent).to.equal('已移除 Li Na');
    await sendKeys({ press: 'Backspace' });
    await sendKeys({ press: 'Backspace' });
    await sendKeys({ press: 'Backspace' });
    await el.updateComplete;
    expect(el.values).to.deep.equal([]);
    expect(chips(el)).to.deep.equal([]);
  });

  it("removes a chip with its button and keeps focus in the picker", async () => {
    const el = await picker(['s1', 's2']);
    let changed = 0;
    el.addEventListener('change', () => changed++);
    deep<HTMLButtonElement>(el, '.chip[data-id=s1] button')!.click();
    await el.updateComplete;
    expect(el.values).to.deep.equal(['s2']);
    expect(changed).to.equal(1);
    expect(el.shadowRoot!.activeElement).to.equal(input(el));
  });

  it('adds a match by clicking it', async () => {
    const el = await picker();
    await typeInto(input(el), 'li');
    await el.updateComplete;
    deep<HTMLElement>(el, '[role=option][data-id=s3]')!.click();
    await el.updateComplete;
    expect(el.values).to.deep.equal(['s3']);
  });

  it('speaks English', async () => {
    const el = await fixture<LtcMultiRelationPicker>(html`<ltc-multi-relation-picker label="Owners" locale="en" .options=${STAFF} .values=${['s4']}></ltc-multi-relation-picker>`);
    expect(deep(el, '.chip button')!.getAttribute('aria-label')).to.equal('Remove 赵六');
    expect(deep(el, '.chips')!.getAttribute('aria-label')).to.equal('Linked records');
    expect(input(el).placeholder).to.equal('Type to search');
  });

  it('passes axe with chips and the list open', async () => {
    const el = await picker(['s1']);
    await typeInto(input(el), '王');
    await el.updateComplete;
    expect(offered(el)).to.deep.equal(['s2']);
    await expect(el).to.be.accessible();
  });

  it('searches 100,000 records while rendering at most 20 of them', async () => {
    const many: RelationOption[] = Array.from({ length: 100_000 }, (_, i) => ({ id: `c${i}`, label: `客户${String(i).padStart(6, '0')}`, detail: `139${String(i).padStart(8, '0')}` }));
    const el = await picker(['c99998'], many);
    input(el).focus();
    await sendKeys({ press: 'ArrowDown' });
    await el.updateComplete;
    expect(offered(el)).to.have.length(20);
    await typeInto(input(el), '客户0999');
    // One keystroke's search and render, over every record (a query that matches late).
    const started = performance.now();
    input(el).value = '客户09999';
    input(el).dispatchEvent(new Event('input'));
    await el.updateComplete;
    const elapsed = performance.now() - started;
    // 099990 … 099999, less the linked 099998.
    expect(offered(el)).to.deep.equal(['c99990', 'c99991', 'c99992', 'c99993', 'c99994', 'c99995', 'c99996', 'c99997', 'c99999']);
    expect(deepAll(el, 'li').length).to.be.at.most(21);
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(el.values).to.deep.equal(['c99998', 'c99990']);
    expect(deep(el, '.chip[data-id=c99990]')!.textContent).to.contain('客户099990');
    console.log(`relation picker: one keystroke over 100,000 records took ${elapsed.toFixed(1)} ms`);
    expect(elapsed, 'a keystroke stays interactive').to.be.below(200);
  });
});

const NOW = '2026-01-01T00:00:00.000Z';
const APP: AppDef = {
  id: 'rel',
  name: 'Relations',
  version: 1,
  createdAt: NOW,
  updatedAt: NOW,
  tables: [
    {
      id: 'projects',
      name: '项目',
      primaryFieldId: 'name',
      fields: [
        { id: 'name', name: '名称', type: 'text', required: true },
        { id: 'team', name: '成员', labels: { 'zh-CN': '成员', en: 'Team' }, type: 'relation', options: { table: 'staff', multiple: true } },
      ],
    },
    { id: 'staff', name: '员工', primaryFieldId: 'name', fields: [{ id: 'name', name: '姓名', type: 'text' }] },
  ],
};

describe('a multiple relation in <ltc-form>', function () {
  this.timeout(30000);

  it('links two records from the keyboard alone and stores their ids', async () => {
    const store = new MemoryStore();
    const app = await store.putApp(structuredClone(APP));
    const staff = await store.mutate(app.id, ['王芳', '王磊', '李娜'].map((name) => ({ type: 'create' as const, tableId: 'staff', values: { name } })));
    const el = await fixture<LtcForm>(html`<ltc-form table-id="projects"></ltc-form>`);
    el.locale = 'zh-CN';
    el.store = store;
    el.app = app;
    const teamPicker = await waitFor(() => {
      const found = deep<LtcMultiRelationPicker>(el, 'ltc-multi-relation-picker');
      return found && found.options.length === 3 ? found : undefined;
    }, 'team picker');
    expect(deep(el, 'select[multiple]'), 'no plain multiple select').to.equal(null);
    // The form's label names the picker's combobox.
    expect(input(teamPicker).getAttribute('aria-label')).to.equal('成员');
    await typeInto(deep<HTMLInputElement>(el, '[name="name"]')!, '官网改版');
    await typeInto(input(teamPicker), '李');
    await sendKeys({ press: 'Enter' });
    await typeInto(input(teamPicker), '王');
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'Enter' });
    await teamPicker.updateComplete;
    expect(chips(teamPicker)).to.deep.equal([staff[2]!.id, staff[1]!.id]);
    deep<HTMLButtonElement>(el, 'button[type=submit]')!.click();
    const saved = await waitFor(async () => (await store.queryRecords(app.id, 'projects'))[0], 'project saved');
    expect(saved.values).to.deep.include({ name: '官网改版', team: [staff[2]!.id, staff[1]!.id] });
  });
});
