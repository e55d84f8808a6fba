/**
 * The widgets of issue 12, part A: the widget contract over each (coerce, format, axe, no
 * HTML), the keyboard paths — a rating's radio group moved with the arrow keys, tags added
 * with Enter and a comma, removed with Backspace and their buttons — read-only serial
 * numbers, computed tiers and timestamps, and axe on a whole `<ltc-form>` holding all of
 * them with a record saved through it (a serial number assigned by the store).
 */
import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { html as litHtml, render } from 'lit';
import '../../widgets/index.js';
import '../../widgets/extra.js';
import { getWidget } from '../../widgets/registry.js';
import { runWidgetContractTests } from '../../widgets/testing.js';
import type { InputContext } from '../../widgets/types.js';
import { installCreateHooks } from '../../src/store/assign-on-create.js';
import { LtcForm } from '../../src/elements/ltc-form.js';
import { MemoryStore } from '../../src/store/index.js';
import type { AppDef, CellValue, FieldDef } from '../../src/core/schema/types.js';
import { deep, deepAll, waitFor } from '../elements/helpers.js';

if (!customElements.get('ltc-form')) customElements.define('ltc-form', LtcForm);
installCreateHooks();

const LEVELS = [
  { id: 'normal', name: '普通会员', labels: { 'zh-CN': '普通会员', en: 'Member' }, minPoints: 0 },
  { id: 'gold', name: '金卡', labels: { 'zh-CN': '金卡', en: 'Gold' }, color: '#d4a017', minPoints: 1000 },
];
const FIELDS: Record<string, FieldDef> = {
  rating: { id: 'r', name: '评分', type: 'rating', options: { max: 5 } },
  tags: { id: 'tags', name: '标签', type: 'tags' },
  tier: { id: 'tier', name: '会员等级', type: 'tier', options: { levels: LEVELS } },
  computedTier: { id: 'ctier', name: '积分等级', type: 'tier', options: { levels: LEVELS, pointsField: 'points' } },
  assignee: { id: 'owner', name: '负责人', type: 'assignee', options: { table: 'staff' } },
  serial: { id: 'no', name: '会员编号', type: 'serial', options: { pattern: 'M{YYYY}{seq:4}' } },
  createdTime: { id: 'created', name: '创建时间', type: 'createdTime' },
  updatedTime: { id: 'updated', name: '更新时间', type: 'updatedTime' },
};
const SAMPLES: Record<string, CellValue> = {
  rating: 4,
  tags: ['VIP', '华东'],
  tier: 'gold',
  computedTier: 'gold',
  assignee: 's1',
  serial: 'M20260001',
  createdTime: '2026-09-21T01:02:03.000Z',
  updatedTime: '2026-09-22T04:05:06.000Z',
};

for (const [key, field] of Object.entries(FIELDS)) {
  runWidgetContractTests(getWidget(field.type)!, { sample: SAMPLES[key]!, field, relationOptions: [{ id: 's1', label: '李四' }] });
}

/** Renders a widget's input in a fresh host, with `onInput` recording what it reports. */
async function renderInput(field: FieldDef, value: CellValue, extra: Partial<InputContext> = {}) {
  const reported: unknown[] = [];
  const host = await fixture<HTMLElement>(html`<div></div>`);
  const draw = (current: CellValue) =>
    render(
      litHtml`<span id="l">${field.name}</span>${getWidget(field.type)!.renderInput({
        id: 'w',
        field,
        value: current,
        locale: 'zh-CN',
        invalid: false,
        onInput: (raw) => {
          reported.push(raw);
          // As <ltc-form> does: the widget is drawn again with what it reported.
          draw(getWidget(field.type)!.coerce(raw, field, 'input').ok ? ((getWidget(field.type)!.coerce(raw, field, 'input') as { value: CellValue }).value) : current);
        },
        ...extra,
      })}`,
      host,
    );
  draw(value);
  return { host, reported };
}

describe('rating input', () => {
  it('is a radio group of stars moved with the arrow keys', async () => {
    const { host, reported } = await renderInput(FIELDS.rating!, 3);
    const group = host.querySelector('[role="radiogroup"]')!;
    expect(group.id).to.equal('w');
    const radios = [...host.querySelectorAll<HTMLInputElement>('input[type="radio"]')];
    expect(radios.map((r) => r.getAttribute('aria-label'))).to.deep.equal(['1 星', '2 星', '3 星', '4 星', '5 星']);
    expect(radios[2]!.checked).to.equal(true);
    radios[2]!.focus();
    await sendKeys({ press: 'ArrowRight' });
    expect(reported.at(-1)).to.equal(4);
    await sendKeys({ press: 'ArrowRight' });
    expect(reported.at(-1)).to.equal(5);
    await sendKeys({ press: 'ArrowLeft' });
    expect(reported.at(-1)).to.equal(4);
    expect(host.querySelectorAll<HTMLInputElement>('input:checked')[0]!.value).to.equal('4');
  });

  it('can be cleared when not required, and shows stars with the number as text in cells', async () => {
    const { host, reported } = await renderInput(FIELDS.rating!, 2);
    host.querySelector<HTMLButtonElement>('.rating-clear')!.click();
    expect(reported.at(-1)).to.equal(null);
    const cell = await fixture<HTMLElement>(html`<div>${getWidget('rating')!.renderCell!(4, FIELDS.rating!, { locale: 'en' })}</div>`);
    expect(cell.querySelector('[role="img"]')!.getAttribute('aria-label')).to.equal('★★★★☆ 4/5');
    await expect(cell).to.be.accessible();
  });
});

describe('tags input', () => {
  it('adds with Enter and a comma, splits a paste, removes with Backspace and the chip buttons', async () => {
    const { host, reported } = await renderInput(FIELDS.tags!, ['VIP']);
    const box = host.querySelector<HTMLInputElement>('#w')!;
    box.focus();
    await sendKeys({ type: '华东' });
    await sendKeys({ press: 'Enter' });
    expect(reported.at(-1)).to.deep.equal(['VIP', '华东']);
    expect(box.value).to.equal('');
    await sendKeys({ type: '老客户,' });
    expect(reported.at(-1)).to.deep.equal(['VIP', '华东', '老客户']);
    expect([...host.querySelectorAll('li.chip')].map((li) => [...li.childNodes].filter((n) => n.nodeType === Node.TEXT_NODE).map((n) => n.textContent).join(''))).to.deep.equal(['VIP', '华东', '老客户']);
    await sendKeys({ press: 'Backspace' });
    expect(reported.at(-1)).to.deep.equal(['VIP', '华东']);
    host.querySelector<HTMLButtonElement>('li.chip button[aria-label="移除标签 VIP"]')!.click();
    expect(reported.at(-1)).to.deep.equal(['华东']);
    box.value = 'a、b；c';
    box.dispatchEvent(new Event('input'));
    expect(reported.at(-1)).to.deep.equal(['华东', 'a', 'b', 'c']);
  });

  it('offers the tags other records use, except those it has', async () => {
    const { host } = await renderInput(FIELDS.tags!, ['VIP'], { tagSuggestions: ['VIP', '华南', '新客'] });
    const box = host.querySelector<HTMLInputElement>('#w')!;
    const list = host.querySelector<HTMLDataListElement>(`#${box.getAttribute('list')}`)!;
    expect([...list.options].map((o) => o.value)).to.deep.equal(['华南', '新客']);
  });
});

describe('read-only widgets', () => {
  it('shows a serial number read-only, and "assigned when saved" before', async () => {
    const { host } = await renderInput(FIELDS.serial!, null);
    const box = host.querySelector<HTMLInputElement>('#w')!;
    expect(box.readOnly).to.equal(true);
    expect(box.placeholder).to.equal('保存后自动生成');
  });

  it('shows a computed tier as a tinted chip, with no control to change it', async () => {
    const { host } = await renderInput(FIELDS.computedTier!, 'gold');
    expect(host.querySelector('select, input')).to.equal(null);
    const chip = host.querySelector<HTMLElement>('output#w [part~="chip"]')!;
    expect(chip.textContent).to.equal('金卡');
    expect(chip.style.getPropertyValue('--chip')).to.equal('#d4a017');
  });

  it('shows created time as text, with no control', async () => {
    const { host } = await renderInput(FIELDS.createdTime!, '2026-09-21T01:02:03.000Z');
    expect(host.querySelector('select, input')).to.equal(null);
    expect(host.querySelector('output#w')!.textContent).to.contain('2026');
  });
});

describe('tier property panel', () => {
  it('edits the levels and the points field, and passes axe', async () => {
    const patches: Array<Record<string, unknown>> = [];
    let field: FieldDef = { ...FIELDS.tier!, options: { levels: [LEVELS[0]!] } };
    const app = { id: 'a', name: 'a', version: 1, tables: [{ id: 'members', name: 'm', primaryFieldId: 'name', fields: [{ id: 'name', name: '姓名', type: 'text' }, { id: 'points', name: '积分', type: 'number' }, field] }] } as AppDef;
    const host = await fixture<HTMLElement>(html`<div></div>`);
    const draw = () =>
      render(
        getWidget('tier')!.renderOptions!({
          field,
          locale: 'zh-CN',
          tableId: 'members',
          app,
          onChange: (patch) => {
            patches.push(patch);
            field = { ...field, options: { ...field.options, ...patch } };
            draw();
          },
        }),
        host,
      );
    draw();
    [...host.querySelectorAll('button')].find((b) => b.textContent === '添加等级')!.click();
    expect(field.options!.levels!.map((l) => [l.id, l.minPoints])).to.deep.equal([['normal', 0], ['level2', 100]]);
    const names = host.querySelectorAll<HTMLInputElement>('li input[type="text"]');
    names[2]!.value = '金卡';
    names[2]!.dispatchEvent(new Event('change'));
    expect(field.options!.levels![1]).to.deep.include({ name: '金卡', labels: { 'zh-CN': '金卡' } });
    const select = host.querySelector<HTMLSelectElement>('select')!;
    expect([...select.options].map((o) => o.value)).to.deep.equal(['', 'points']);
    select.value = 'points';
    select.dispatchEvent(new Event('change'));
    expect(field.options!.pointsField).to.equal('points');
    await expect(host).to.be.accessible();
    host.querySelector<HTMLButtonElement>('button[type="button"]')!.click();
    expect(field.options!.levels!.map((l) => l.id)).to.deep.equal(['level2']);
  });
});

describe('<ltc-form> with every added widget', function () {
  this.timeout(30000);
  const app: AppDef = {
    id: 'club',
    name: '会员',
    version: 1,
    tables: [
      {
        id: 'members',
        name: '会员',
        primaryFieldId: 'name',
        fields: [{ id: 'name', name: '姓名', type: 'text', required: true }, { id: 'points', name: '积分', type: 'number' }, ...Object.values(FIELDS)],
      },
      { id: 'staff', name: '员工', primaryFieldId: 'sname', fields: [{ id: 'sname', name: '姓名', type: 'text' }] },
    ],
  } as AppDef;

  it('renders them accessibly, saves a record and the store numbers it', async () => {
    const store = new MemoryStore();
    const stored = await store.putApp(structuredClone(app));
    await store.mutate('club', [{ type: 'create', tableId: 'staff', id: 's1', values: { sname: '李四' } }]);
    const el = await fixture<LtcForm>(html`<ltc-form table-id="members"></ltc-form>`);
    el.locale = 'zh-CN';
    el.store = store;
    el.app = stored;
    await waitFor(() => deep(el, '[name="name"]') && deepAll(el, 'select[name="owner"] option').length === 2, 'form loaded');
    await expect(el).to.be.accessible();
    const name = deep<HTMLInputElement>(el, '[name="name"]')!;
    name.value = '张三';
    name.dispatchEvent(new Event('input', { bubbles: true }));
    deep<HTMLInputElement>(el, 'input[type="radio"][value="5"]')!.click();
    const owner = deep<HTMLSelectElement>(el, 'select[name="owner"]')!;
    owner.value = 's1';
    owner.dispatchEvent(new Event('change', { bubbles: true }));
    const tags = deep<HTMLInputElement>(el, 'input[name="tags"]')!;
    tags.value = 'VIP，华东';
    tags.dispatchEvent(new Event('input', { bubbles: true }));
    await el.updateComplete;
    deep<HTMLButtonElement>(el, 'button[type="submit"]')!.click();
    const [saved] = await waitFor(async () => {
      const rows = await store.queryRecords('club', 'members');
      return rows.length === 1 && rows;
    }, 'record saved');
    expect(saved!.values).to.include({ name: '张三', r: 5, owner: 's1' });
    expect(saved!.values.tags).to.deep.equal(['VIP', '华东']);
    expect(saved!.values.no).to.equal(`M${new Date().getFullYear()}0001`);
    expect(saved!.values).to.not.have.property('created');
  });
});
