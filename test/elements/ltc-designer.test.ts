/**
 * `<ltc-designer>` driven like a user: a form built with the keyboard alone (stored FormDef
 * and table checked), real mouse drags through pointer events and native drag events with the
 * drop indicator checked, undo / redo across every action, a visibility condition stored as
 * JSON Logic, a field with data archived and restored, a type change that cannot convert
 * every value (reported, values kept), a change in another tab reported rather than
 * overwritten, one pane with tabs at phone width, and axe.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys, sendMouse, setViewport } from '@web/test-runner-commands';
import '../../src/define.js';
import '../../src/designer.js';
import { LtcDesigner, AUTOSAVE_DELAY, DRAG_MIME } from '../../src/elements/designer/ltc-designer.js';
import { flatItems } from '../../src/core/forms/edit.js';
import { listFieldTypes } from '../../src/core/fields/index.js';
import { GENERIC_FIELD_ICON, fieldTypeIcon } from '../../src/core/fields/icons.js';
import type { FormDef, FormFieldItem } from '../../src/core/forms/model.js';
import type { AppDef, TableDef } from '../../src/core/schema/types.js';
import { MemoryStore } from '../../src/store/index.js';
import { applyLogic } from '../../src/core/logic/index.js';
import { deep, deepAll, waitFor } from './helpers.js';

function leadsApp(id: string): AppDef {
  const now = new Date().toISOString();
  return {
    id,
    name: 'CRM',
    version: 0,
    createdAt: now,
    updatedAt: now,
    tables: [
      {
        id: 'leads',
        name: '线索',
        primaryFieldId: 'name',
        fields: [
          { id: 'name', name: '姓名', type: 'text' },
          { id: 'kind', name: '客户类型', type: 'select', options: { choices: [{ id: 'biz', name: '企业' }, { id: 'person', name: '个人' }] } },
          { id: 'note', name: '备注', type: 'text' },
        ],
      },
    ],
  };
}

async function setUp(id: string, locale = 'zh-CN') {
  const store = new MemoryStore();
  await store.putApp(leadsApp(id));
  await store.mutate(id, [
    { type: 'create', tableId: 'leads', values: { name: '王芳', kind: 'biz', note: '12' } },
    { type: 'create', tableId: 'leads', values: { name: '李雷', kind: 'person', note: 'abc' } },
  ]);
  const app = (await store.getApp(id))!;
  const el = await fixture<LtcDesigner>(html`<ltc-designer .app=${app} .store=${store} locale=${locale} table-id="leads"></ltc-designer>`);
  await el.updateComplete;
  return { store, el };
}

const root = (el: LtcDesigner) => el.shadowRoot!;
const q = <T extends Element = HTMLElement>(el: LtcDesigner, selector: string) => root(el).querySelector<T>(selector)!;
const bodies = (el: LtcDesigner) => [...root(el).querySelectorAll<HTMLElement>('.item-body')];
const labels = (el: LtcDesigner) => bodies(el).map((b) => b.dataset.name);

async function storedTable(store: MemoryStore, appId: string): Promise<TableDef> {
  return (await store.getApp(appId))!.tables.find((t) => t.id === 'leads')!;
}

/** Waits for the autosave to store the present draft. */
async function saved(el: LtcDesigner): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, AUTOSAVE_DELAY + 50));
  await el.flush();
  await waitFor(() => el.saveState === 'saved', 'the draft saved');
}

function storedForm(table: TableDef): FormDef {
  return table.forms![0]!;
}

const fieldNames = (table: TableDef, form: FormDef) =>
  flatItems(form).map((item) => (item.kind === 'field' ? table.fields.find((f) => f.id === item.fieldId)?.name : item.kind));

function center(element: Element, dx = 0.5, dy = 0.5): [number, number] {
  const r = element.getBoundingClientRect();
  return [Math.round(r.left + r.width * dx), Math.round(r.top + r.height * dy)];
}

describe('<ltc-designer>', function () {
  this.timeout(60000);

  afterEach(async () => {
    await sendMouse({ type: 'up' }).catch(() => undefined);
    await setViewport({ width: 1360, height: 900 });
  });

  before(async () => {
    await setViewport({ width: 1360, height: 900 });
  });

  it('shows every registered field type in the palette, the form on the canvas, and is accessible', async () => {
    const { el } = await setUp('d-axe');
    const types = deepAll<HTMLButtonElement>(el, '.palette-item').map((b) => b.dataset.type);
    for (const def of listFieldTypes()) expect(types).to.include(def.type);
    expect(types).to.include.members(['layout:heading', 'layout:text']);
    expect(labels(el)).to.deep.equal(['姓名', '客户类型', '备注']);
    bodies(el)[1]!.focus();
    await el.updateComplete;
    expect(q(el, '.properties #p-label')).to.exist;
    await expect(el).to.be.accessible();
  });

  it('builds a 5-field form with the keyboard alone: adds, moves, joins a row, removes, duplicates', async () => {
    const { store, el } = await setUp('d-keys');
    const palette = (type: string) => q<HTMLButtonElement>(el, `.palette-item[data-type="${type}"]`);
    // Select the last item, then add five widgets after it from the palette with Enter.
    bodies(el)[2]!.focus();
    for (const type of ['phone', 'email', 'number', 'date', 'layout:heading']) {
      palette(type).focus();
      await sendKeys({ press: 'Enter' });
      await el.updateComplete;
    }
    expect(labels(el)).to.deep.equal(['姓名', '客户类型', '备注', '手机', '邮箱', '数字', '日期', '新分段']);
    expect(el.announcement).to.equal('已添加「新分段」，位于第 8 位');

    // Alt+ArrowUp moves the selected item; the move is announced.
    bodies(el)[3]!.focus();
    await sendKeys({ press: 'Alt+ArrowUp' });
    await el.updateComplete;
    expect(labels(el).slice(0, 4)).to.deep.equal(['姓名', '客户类型', '手机', '备注']);
    await waitFor(() => el.announcement === '已将「手机」移到第 3 位', 'the move announced');
    expect((root(el).activeElement as HTMLElement | null)?.dataset.name).to.equal('手机');

    // Alt+ArrowRight puts 邮箱 beside 备注 (a row); Alt+ArrowLeft takes it out again and back in.
    bodies(el)[4]!.focus();
    await sendKeys({ press: 'Alt+ArrowRight' });
    await el.updateComplete;
    expect(q(el, '.top.row')).to.exist;
    expect([...q(el, '.top.row').querySelectorAll('.item-body')].map((b) => (b as HTMLElement).dataset.name)).to.deep.equal(['备注', '邮箱']);
    await sendKeys({ press: 'Alt+ArrowLeft' });
    await el.updateComplete;
    expect(q(el, '.top.row')).to.equal(null);
    await sendKeys({ press: 'Alt+ArrowRight' });
    await el.updateComplete;

    // Delete removes an empty field (日期), Ctrl+D duplicates 数字.
    bodies(el).find((b) => b.dataset.name === '日期')!.focus();
    await sendKeys({ press: 'Delete' });
    await waitFor(() => !labels(el).includes('日期'), 'the date field removed');
    bodies(el).find((b) => b.dataset.name === '数字')!.focus();
    await sendKeys({ press: 'Control+d' });
    await el.updateComplete;
    expect(labels(el)).to.deep.equal(['姓名', '客户类型', '手机', '备注', '邮箱', '数字', '数字 2', '新分段']);

    await saved(el);
    const table = await storedTable(store, 'd-keys');
    const form = storedForm(table);
    expect(fieldNames(table, form)).to.deep.equal(['姓名', '客户类型', '手机', '备注', '邮箱', '数字', '数字 2', 'heading']);
    expect(form.items[3]!.kind).to.equal('row');
    expect(table.fields.map((f) => `${f.name}:${f.type}`)).to.deep.equal(['姓名:text', '客户类型:select', '备注:text', '手机:phone', '邮箱:email', '数字:number', '数字 2:number']);
    expect(new Set(table.fields.map((f) => f.id)).size).to.equal(7);
  });

  it('drags with the mouse (pointer events): from the palette between items, then an item beside another, with the drop indicator', async () => {
    const { store, el } = await setUp('d-pointer');
    const entry = q(el, '.palette-item[data-type="phone"]');
    const [second] = [bodies(el)[1]!];
    await sendMouse({ type: 'move', position: center(entry) });
    await sendMouse({ type: 'down' });
    const [x, y] = center(second, 0.5, 0.2);
    await sendMouse({ type: 'move', position: [x - 20, y] });
    await sendMouse({ type: 'move', position: [x, y] });
    await el.updateComplete;
    // The indicator sits before the second item (top half of it).
    const line = q(el, '.drop-line');
    expect(line, 'drop line shown').to.exist;
    expect(line.nextElementSibling?.getAttribute('data-index')).to.equal('1');
    await sendMouse({ type: 'up' });
    await el.updateComplete;
    expect(q(el, '.drop-line')).to.equal(null);
    expect(labels(el)).to.deep.equal(['姓名', '手机', '客户类型', '备注']);

    // Drag 备注 onto the right edge of 姓名: a row, with the side indicator while dragging.
    const note = bodies(el)[3]!;
    const name = bodies(el)[0]!;
    await sendMouse({ type: 'move', position: center(note) });
    await sendMouse({ type: 'down' });
    await sendMouse({ type: 'move', position: center(name, 0.7, 0.5) });
    await sendMouse({ type: 'move', position: center(name, 0.95, 0.5) });
    await el.updateComplete;
    expect(q(el, '.cell.drop-right'), 'side indicator').to.exist;
    await sendMouse({ type: 'up' });
    await el.updateComplete;
    const row = q(el, '.top.row');
    expect([...row.querySelectorAll('.item-body')].map((b) => (b as HTMLElement).dataset.name)).to.deep.equal(['姓名', '备注']);
    await saved(el);
    const table = await storedTable(store, 'd-pointer');
    expect(storedForm(table).items.map((i) => i.kind)).to.deep.equal(['row', 'field', 'field']);
  });

  it('drags by touch (pointer events of a touch pointer) from the palette beside an item', async () => {
    const { el } = await setUp('d-touch');
    const entry = q(el, '.palette-item[data-type="email"]');
    const touch = (type: string, [clientX, clientY]: [number, number], target: EventTarget) =>
      target.dispatchEvent(new PointerEvent(type, { pointerId: 7, pointerType: 'touch', isPrimary: true, button: 0, clientX, clientY, bubbles: true, composed: true, cancelable: true }));
    touch('pointerdown', center(entry), entry);
    const edge = center(bodies(el)[2]!, 0.05, 0.5);
    touch('pointermove', [edge[0] + 10, edge[1]], window);
    touch('pointermove', edge, window);
    await el.updateComplete;
    expect(q(el, '.cell.drop-left'), 'left-edge indicator').to.exist;
    touch('pointerup', edge, window);
    await el.updateComplete;
    expect([...q(el, '.top.row').querySelectorAll<HTMLElement>('.item-body')].map((b) => b.dataset.name)).to.deep.equal(['邮箱', '备注']);
  });

  it('draws each field type\'s own palette icon', async () => {
    const { el } = await setUp('d-icons');
    for (const def of listFieldTypes()) {
      expect(q(el, `.palette-item[data-type="${def.type}"] path`).getAttribute('d'), def.type).to.equal(fieldTypeIcon(def.type));
    }
    // Every type has a glyph of its own: the built-ins' and the new types' icons, not the generic one.
    expect(listFieldTypes().filter((def) => fieldTypeIcon(def.type) === GENERIC_FIELD_ICON).map((def) => def.type)).to.deep.equal([]);
  });

  it('accepts native drag events on the canvas, with the drop indicator', async () => {
    const { el } = await setUp('d-native');
    const canvas = q(el, '.canvas-items');
    const data = new DataTransfer();
    data.setData(DRAG_MIME, JSON.stringify({ kind: 'palette', type: 'email' }));
    const last = bodies(el)[2]!;
    const [x, y] = center(last, 0.5, 0.9);
    canvas.dispatchEvent(new DragEvent('dragover', { dataTransfer: data, clientX: x, clientY: y, bubbles: true, cancelable: true, composed: true }));
    await el.updateComplete;
    expect(q(el, '.drop-line')).to.exist;
    expect(q(el, '.drop-line').previousElementSibling?.getAttribute('data-index')).to.equal('2');
    canvas.dispatchEvent(new DragEvent('drop', { dataTransfer: data, clientX: x, clientY: y, bubbles: true, cancelable: true, composed: true }));
    await el.updateComplete;
    expect(labels(el)).to.deep.equal(['姓名', '客户类型', '备注', '邮箱']);
    expect(q(el, '.drop-line')).to.equal(null);
  });

  it('undoes and redoes every action: add, move, item property, field rename, remove', async () => {
    const { store, el } = await setUp('d-undo');
    const snapshots: string[] = [];
    const snap = () => JSON.stringify(el.draft!.tables[0]);
    snapshots.push(snap());
    el.add('phone');
    await el.updateComplete;
    snapshots.push(snap());
    el.move(el.form!.items[3]!.id, { kind: 'between', index: 0 });
    await el.updateComplete;
    snapshots.push(snap());
    bodies(el)[0]!.click();
    await el.updateComplete;
    const required = q<HTMLInputElement>(el, '#p-required');
    required.click();
    await el.updateComplete;
    snapshots.push(snap());
    const label = q<HTMLInputElement>(el, '#p-label');
    label.value = '联系电话';
    label.dispatchEvent(new Event('change'));
    await el.updateComplete;
    snapshots.push(snap());
    expect(labels(el)[0]).to.equal('联系电话');
    await el.removeWidget(el.form!.items[0]!.id);
    await el.updateComplete;
    snapshots.push(snap());
    expect(labels(el)).to.deep.equal(['姓名', '客户类型', '备注']);

    // Ctrl+Z from the canvas steps back through each one; Ctrl+Shift+Z forward again.
    bodies(el)[0]!.focus();
    for (let i = snapshots.length - 2; i >= 0; i--) {
      await sendKeys({ press: 'Control+z' });
      await el.updateComplete;
      expect(snap(), `undo to step ${i}`).to.equal(snapshots[i]);
    }
    expect(q<HTMLButtonElement>(el, 'button.undo').disabled).to.equal(true);
    for (let i = 1; i < snapshots.length; i++) {
      q<HTMLButtonElement>(el, 'button.redo').click();
      await el.updateComplete;
      expect(snap(), `redo to step ${i}`).to.equal(snapshots[i]);
    }
    // Undo the removal, then the rename: the store ends with 手机 back, required.
    el.undo();
    el.undo();
    await saved(el);
    const table = await storedTable(store, 'd-undo');
    const phone = table.fields.find((f) => f.type === 'phone')!;
    expect(phone.name).to.equal('手机');
    expect((storedForm(table).items[0] as FormFieldItem).required).to.equal(true);
  });

  it('stores a visibility condition built with the condition builder as JSON Logic', async () => {
    const { store, el } = await setUp('d-visible');
    bodies(el)[2]!.click();
    await el.updateComplete;
    const builder = deep<HTMLElement & { updateComplete: Promise<boolean> }>(el, 'ltc-condition-builder')!;
    deep<HTMLButtonElement>(builder, 'button.add')!.click();
    await builder.updateComplete;
    const field = deep<HTMLSelectElement>(builder, 'select.field')!;
    field.value = 'kind';
    field.dispatchEvent(new Event('change', { bubbles: true }));
    await builder.updateComplete;
    const box = deepAll<HTMLInputElement>(builder, 'fieldset.choices input[type=checkbox]').find((b) => b.value === 'biz')!;
    box.click();
    await el.updateComplete;
    await saved(el);
    const item = storedForm(await storedTable(store, 'd-visible')).items[2] as FormFieldItem;
    expect(item.fieldId).to.equal('note');
    expect(applyLogic(item.visibleWhen as never, { kind: 'biz' })).to.equal(true);
    expect(applyLogic(item.visibleWhen as never, { kind: 'person' })).to.equal(false);
    expect(q(el, '.item-body[data-id="' + item.id + '"] .item-meta').textContent).to.contain('显示条件');
  });

  it('asks before removing a field with data, archives it with its values, and restores it', async () => {
    const { store, el } = await setUp('d-archive');
    bodies(el)[2]!.focus();
    await sendKeys({ press: 'Delete' });
    const dialog = await waitFor(() => root(el).querySelector<HTMLDialogElement>('dialog.confirm[open]'), 'the confirmation');
    expect(dialog.textContent).to.contain('有 2 条记录');
    q<HTMLButtonElement>(el, 'button.confirm-remove').click();
    await el.updateComplete;
    expect(labels(el)).to.deep.equal(['姓名', '客户类型']);
    expect(el.announcement === '' || el.announcement.includes('已归档')).to.equal(true);
    await saved(el);
    let table = await storedTable(store, 'd-archive');
    expect(table.fields.find((f) => f.id === 'note')?.archived).to.equal(true);
    expect((await store.queryRecords('d-archive', 'leads')).map((r) => r.values.note)).to.deep.equal(['12', 'abc']);
    const restore = q<HTMLButtonElement>(el, 'button.restore[data-field="note"]');
    expect(restore.getAttribute('aria-label')).to.equal('恢复「备注」');
    restore.click();
    await el.updateComplete;
    expect(labels(el)).to.deep.equal(['姓名', '客户类型', '备注']);
    await saved(el);
    table = await storedTable(store, 'd-archive');
    expect(table.fields.find((f) => f.id === 'note')?.archived).to.equal(undefined);
  });

  it('changes a type, converting what it can and keeping the rest in an archived copy; undo brings the field back', async () => {
    const { store, el } = await setUp('d-type');
    bodies(el)[2]!.click();
    await el.updateComplete;
    q<HTMLSelectElement>(el, '#p-type').value = 'number';
    q<HTMLButtonElement>(el, 'button.change-type').click();
    await waitFor(() => q(el, '.notice')?.textContent?.includes('无法转换'), 'the report');
    expect(q(el, '.notice').textContent).to.contain('转换了 1 个值');
    expect(q(el, '.notice').textContent).to.contain('1 个值无法转换，原值保留在已归档字段「备注 (原值)」中');
    const table = await storedTable(store, 'd-type');
    const converted = table.fields.find((f) => f.name === '备注')!;
    const original = table.fields.find((f) => f.name === '备注 (原值)')!;
    expect(converted.type).to.equal('number');
    expect(original).to.include({ id: 'note', type: 'text', archived: true });
    const records = await store.queryRecords('d-type', 'leads');
    expect(records.map((r) => r.values[converted.id] ?? null)).to.deep.equal([12, null]);
    expect(records.map((r) => r.values.note)).to.deep.equal(['12', 'abc']);
    expect((storedForm(table).items[2] as FormFieldItem).fieldId).to.equal(converted.id);
    el.undo();
    await saved(el);
    const back = await storedTable(store, 'd-type');
    expect(back.fields.find((f) => f.id === 'note')).to.deep.equal({ id: 'note', name: '备注', type: 'text' });
    expect(back.fields.some((f) => f.id === converted.id)).to.equal(false);
  });

  it('reports a change made in another tab instead of overwriting it', async () => {
    const { store, el } = await setUp('d-conflict');
    const other = (await store.getApp('d-conflict'))!;
    await store.putApp({ ...other, name: 'Renamed elsewhere' }, other.version);
    el.add('email');
    await new Promise((resolve) => setTimeout(resolve, AUTOSAVE_DELAY + 50));
    await el.flush();
    await waitFor(() => el.saveState === 'conflict', 'the conflict');
    expect(q(el, '.save-problem').textContent).to.contain('其他标签页');
    const stored = (await store.getApp('d-conflict'))!;
    expect(stored.name).to.equal('Renamed elsewhere');
    expect(stored.tables[0]!.fields.some((f) => f.type === 'email')).to.equal(false);
    q<HTMLButtonElement>(el, 'button.reload').click();
    await waitFor(() => el.saveState === 'saved' && el.draft?.name === 'Renamed elsewhere', 'reloaded');
  });

  it('shows one pane at a time with tabs at phone width', async () => {
    await setViewport({ width: 390, height: 800 });
    const { el } = await setUp('d-narrow', 'en');
    const visible = (selector: string) => getComputedStyle(q(el, selector)).display !== 'none';
    expect(visible('.pane-tabs')).to.equal(true);
    expect(visible('.pane.canvas')).to.equal(true);
    expect(visible('.pane.palette')).to.equal(false);
    q<HTMLButtonElement>(el, '.pane-tabs button.pane-palette').click();
    await el.updateComplete;
    expect(visible('.pane.palette')).to.equal(true);
    expect(visible('.pane.canvas')).to.equal(false);
    await expect(el).to.be.accessible();
  });

  it('gives a field a label, placeholder and help of this form\'s own, in both languages, without renaming the field', async () => {
    const { store, el } = await setUp('d-form-label');
    bodies(el)[0]!.click();
    await el.updateComplete;
    const type = (selector: string, text: string) => {
      const input = q<HTMLInputElement | HTMLTextAreaElement>(el, selector);
      input.value = text;
      input.dispatchEvent(new Event('change'));
    };
    expect(q<HTMLInputElement>(el, '#p-form-label').placeholder, 'the field name as the hint').to.equal('姓名');
    type('#p-form-label', '您的称呼');
    await el.updateComplete;
    type('#p-form-label-en', 'Your name');
    await el.updateComplete;
    type('#p-help-en', 'As on your ID card');
    await el.updateComplete;
    // Canvas: the form's label, the field's name kept in the meta line.
    expect(q(el, '.item-body .item-label').textContent!.trim()).to.equal('您的称呼');
    expect(q(el, '.item-body .item-meta').textContent).to.contain('姓名');
    await saved(el);
    const table = await storedTable(store, 'd-form-label');
    const item = storedForm(table).items.find((i) => i.kind === 'field' && i.fieldId === 'name') as FormFieldItem;
    expect(item.label).to.deep.equal({ text: '您的称呼', labels: { en: 'Your name' } });
    expect(item.help).to.deep.equal({ text: 'As on your ID card', labels: { en: 'As on your ID card' } });
    expect(table.fields.find((f) => f.id === 'name')!.name, 'the field is not renamed').to.equal('姓名');
    // The preview in English shows the translation.
    el.locale = 'en';
    await el.updateComplete;
    q<HTMLButtonElement>(el, 'button.mode-preview').click();
    await el.updateComplete;
    const preview = deep(el, 'ltc-form-preview')!;
    await waitFor(() => preview.shadowRoot?.textContent?.includes('Your name'), 'the English label in the preview');
    // In English, the first input shows and edits the English label; the Chinese one stays.
    q<HTMLButtonElement>(el, 'button.mode-design').click();
    await el.updateComplete;
    bodies(el)[0]!.click();
    await el.updateComplete;
    expect(q<HTMLInputElement>(el, '#p-form-label').value).to.equal('Your name');
    expect(q<HTMLInputElement>(el, '#p-form-label-zh-CN').value, 'no Chinese label of its own').to.equal('');
    type('#p-form-label', 'Your full name');
    await el.updateComplete;
    expect((el.form!.items.find((i) => i.kind === 'field' && i.fieldId === 'name') as FormFieldItem).label).to.deep.equal({ text: '您的称呼', labels: { en: 'Your full name' } });
    // Clearing the English label, then the text, goes back to the field's name.
    type('#p-form-label', '');
    await el.updateComplete;
    expect((el.form!.items.find((i) => i.kind === 'field' && i.fieldId === 'name') as FormFieldItem).label).to.deep.equal({ text: '您的称呼' });
    type('#p-form-label', '');
    await el.updateComplete;
    expect((el.form!.items.find((i) => i.kind === 'field' && i.fieldId === 'name') as FormFieldItem).label).to.equal(undefined);
    expect(q(el, '.item-body .item-label').textContent!.trim()).to.equal('姓名');
  });

  it('previews the draft with the forms renderer: rows, the new field, and no record stored on submit', async () => {
    const { store, el } = await setUp('d-preview', 'en');
    el.add('email');
    el.move(el.form!.items[2]!.id, { kind: 'beside', targetId: el.form!.items[1]!.id, side: 'right' });
    await el.updateComplete;
    q<HTMLButtonElement>(el, 'button.mode-preview').click();
    await el.updateComplete;
    const preview = deep(el, 'ltc-form-preview')!;
    await waitFor(() => preview.shadowRoot?.textContent?.includes('Email'), 'the new field in the preview');
    expect(preview.shadowRoot!.querySelector('[part~="row"]'), 'a row of two').to.exist;
    const before = await store.countRecords('d-preview', 'leads');
    preview.shadowRoot!.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
    await waitFor(() => preview.shadowRoot!.textContent!.includes('nothing is submitted'), 'the preview notice');
    expect(await store.countRecords('d-preview', 'leads')).to.equal(before);
    await expect(el).to.be.accessible();
  });

  it('publishes the form: the file to download, the snippet with the endpoint, the fields a visitor cannot fill left out', async () => {
    const { el } = await setUp('d-publish', 'en');
    el.add('formula');
    await el.updateComplete;
    q<HTMLButtonElement>(el, 'button.mode-publish').click();
    await el.updateComplete;
    const snippet = q<HTMLTextAreaElement>(el, '.publish-snippet textarea');
    expect(snippet.value).to.match(/<script src="[^"]*ltc-form\.js" defer><\/script>/);
    expect(snippet.value).to.include(`<ltc-form src="${el.form!.id}.form.json"></ltc-form>`);
    const action = q<HTMLInputElement>(el, '.publish-action input');
    action.value = 'https://shop.example.com/api/forms/submissions';
    action.dispatchEvent(new Event('input'));
    await el.updateComplete;
    expect(q<HTMLTextAreaElement>(el, '.publish-snippet textarea').value).to.include('action="https://shop.example.com/api/forms/submissions"');
    const formula = el.table!.fields.find((f) => f.type === 'formula')!;
    const left = q(el, `.publish-issues li[data-field="${formula.id}"]`);
    expect(left.textContent).to.include('computed');
    // The download is the published file: the form and only the fields a visitor fills in.
    let downloaded: Blob | undefined;
    const create = URL.createObjectURL;
    URL.createObjectURL = (blob: Blob) => ((downloaded = blob), 'blob:test');
    try {
      q<HTMLButtonElement>(el, 'button.download-form').click();
    } finally {
      URL.createObjectURL = create;
    }
    const file = JSON.parse(await downloaded!.text());
    expect(file.format).to.equal('ltc-form');
    expect(file.fields.map((f: { id: string }) => f.id)).to.include('name').and.not.include(formula.id);
    await expect(el).to.be.accessible();
  });
});
