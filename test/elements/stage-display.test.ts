/**
 * Lifecycle stages on screen and in views: the stage chip (zh/en, per-stage colour through
 * `--ltc-stage-<id>`, axe), the condition builder offering the five stages as choices, and
 * views grouping by stage in stage order with counts, and the record drawer's history
 * showing a recorded move as from → to chips with its reason.
 */
import { expect, fixture, html } from '@open-wc/testing';
import '../../widgets/index.js';
import '../../src/designer.js';
import type { LtcConditionBuilder } from '../../src/elements/ltc-condition-builder.js';
import { applyLogic } from '../../src/core/logic/index.js';
import { fieldTypeOf } from '../../src/core/fields/index.js';
import { groupRecords } from '../../src/core/views/index.js';
import { orderBy } from '../../src/store/records.js';
import { conditionKind, operatorsFor } from '../../src/core/conditions/model.js';
import { isGroupableField } from '../../src/core/schema/view-fields.js';
import type { TableDef } from '../../src/core/schema/types.js';
import { stageChip, stageWidget } from '../../widgets/stage.js';
import { STAGE_FIELD, shopApp } from '../helpers/stage-app.js';
import type { LtcRecordDrawer } from '../../src/elements/ltc-record-drawer.js';
import { MemoryStore } from '../../src/store/index.js';
import { DerivedValues } from '../../src/runtime/derived.js';
import { registerStageFieldType } from '../../src/core/lifecycle/stage-field.js';
import { deep, deepAll, waitFor } from './helpers.js';

const table: TableDef = {
  id: 'customers',
  name: '客户',
  primaryFieldId: 'name',
  fields: [{ id: 'name', name: '姓名', type: 'text' }, { id: 'orders', name: '订单', type: 'relation', options: { table: 'orders', inverseOf: 'customer', multiple: true } }, STAGE_FIELD],
};

describe('lifecycle stages on screen', function () {
  this.timeout(30000);

  it('shows a stage as a chip with its zh/en name and a colour a host can override', async () => {
    const el = await fixture<HTMLDivElement>(html`<div style="--ltc-stage-silent: rgb(1, 2, 3)">${stageChip('silent', 'zh-CN')} ${stageChip('active', 'en')}</div>`);
    const [silent, active] = [...el.querySelectorAll<HTMLElement>('.chip')];
    expect(silent!.textContent).to.equal('沉默客户');
    expect(active!.textContent).to.equal('Active');
    expect(silent!.getAttribute('part')).to.equal('chip stage-silent');
    // The chip's --chip resolves to the host's colour, or the stage's default.
    expect(getComputedStyle(silent!).getPropertyValue('--chip').trim()).to.equal('rgb(1, 2, 3)');
    expect(getComputedStyle(active!).getPropertyValue('--chip').trim()).to.equal('#16a34a');
    await expect(el).to.be.accessible();
  });

  it('renders the form’s read-only output as the chip; a blank stage as a dash', async () => {
    const context = (value: unknown) => ({ id: 'f-stage', field: STAGE_FIELD, value, locale: 'en', onInput: () => undefined, invalid: false }) as never;
    const el = await fixture<HTMLDivElement>(html`<div>${stageWidget.renderInput(context('churned'))}${stageWidget.renderInput(context(null))}</div>`);
    const outputs = el.querySelectorAll('output');
    expect(outputs[0]!.querySelector('.chip')!.textContent).to.equal('Churned');
    expect(outputs[1]!.textContent).to.contain('—');
  });

  it('is a choice field for conditions: any of / none of the five stages, in stage order', async () => {
    expect(conditionKind(STAGE_FIELD)).to.equal('choice');
    expect(operatorsFor(STAGE_FIELD).map((o) => o.op)).to.deep.equal(['isAnyOf', 'isNoneOf', 'isEmpty', 'isNotEmpty']);
    const el = await fixture<LtcConditionBuilder>(html`<ltc-condition-builder .table=${table} .value=${true} locale="zh-CN"></ltc-condition-builder>`);
    el.shadowRoot!.querySelector<HTMLButtonElement>('button.add')!.click();
    await el.updateComplete;
    const field = el.shadowRoot!.querySelector<HTMLSelectElement>('select.field')!;
    field.value = 'stage';
    field.dispatchEvent(new Event('change', { bubbles: true }));
    await el.updateComplete;
    const boxes = [...el.shadowRoot!.querySelectorAll<HTMLInputElement>('fieldset.choices input[type=checkbox]')];
    expect(boxes.map((b) => b.parentElement!.textContent!.trim())).to.deep.equal(['潜在客户', '新客户', '活跃客户', '沉默客户', '流失客户']);
    // Tick silent, then churned.
    for (const id of ['churned', 'silent']) {
      const box = boxes.find((b) => b.value === id)!;
      box.checked = true;
      box.dispatchEvent(new Event('change', { bubbles: true }));
      await el.updateComplete;
    }
    expect(applyLogic(el.value, { stage: 'silent' })).to.equal(true);
    expect(applyLogic(el.value, { stage: 'churned' })).to.equal(true);
    expect(applyLogic(el.value, { stage: 'active' })).to.equal(false);
    await expect(el).to.be.accessible();
  });

  it('groups records by stage in stage order, with counts', () => {
    expect(isGroupableField(STAGE_FIELD)).to.equal(true);
    const stages = ['silent', 'active', 'potential', 'silent', 'churned', null, 'active', 'silent', 'new'];
    const records = stages.map((stage, i) => ({ id: `c${i}`, stage }));
    const type = fieldTypeOf(STAGE_FIELD);
    const groups = groupRecords(records, { valueOf: (r) => r.stage, keyOf: (v) => type.sortKey(v, STAGE_FIELD) }, orderBy);
    expect(groups.map((g) => [g.value, g.items.length])).to.deep.equal([
      ['potential', 1],
      ['new', 1],
      ['active', 2],
      ['silent', 3],
      ['churned', 1],
      [null, 1],
    ]);
  });

  it('shows a recorded stage move in the drawer’s history as from → to chips with the reason', async () => {
    registerStageFieldType();
    const store = new MemoryStore();
    const app = await store.putApp(shopApp());
    await store.mutate('shop', [{ type: 'create', tableId: 'customers', id: 'c1', values: { name: '范国庆' } }]);
    let record = (await store.getRecord('shop', 'customers', 'c1'))!;
    await store.mutate('shop', [{ type: 'update', tableId: 'customers', id: 'c1', expectedVersion: record.version, values: { stage: 'active' } }], { origin: { kind: 'lifecycle', depth: 0, reason: { cause: 'first', day: '2026-04-01' } } });
    record = (await store.getRecord('shop', 'customers', 'c1'))!;
    const reason = { cause: 'time' as const, day: '2026-04-12', silentAfterDays: 60, churnedAfterDays: 180 };
    await store.mutate('shop', [{ type: 'update', tableId: 'customers', id: 'c1', expectedVersion: record.version, values: { stage: 'silent' } }], { origin: { kind: 'lifecycle', depth: 0, reason } });
    const derived = new DerivedValues(store, app);
    await derived.load();
    const el = await fixture<LtcRecordDrawer>(html`<ltc-record-drawer table-id="customers" record-id="c1"></ltc-record-drawer>`);
    el.locale = 'zh-CN';
    el.store = store;
    el.app = app;
    el.derived = derived;
    await waitFor(() => deepAll(el, 'ol.history > li').length === 3, 'three history entries');
    const [moved, first] = deepAll(el, 'ol.history > li');
    const chips = [...moved!.querySelectorAll('.stage-move .chip')].map((chip) => chip.textContent);
    expect(chips).to.deep.equal(['活跃客户', '沉默客户']);
    const text = moved!.textContent!.replace(/\s+/g, ' ');
    expect(text).to.contain('由 生命周期阶段').and.contain('超过 60 天没有计入的订单（2026-04-12）');
    expect(first!.textContent).to.contain('首次记录阶段');
    expect(deep(el, 'ol.history')).to.not.equal(undefined);
    await expect(el).to.be.accessible();
    derived.dispose();
  });
});
