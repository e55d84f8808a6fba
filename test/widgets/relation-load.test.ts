/**
 * The relation widget loads `<ltc-multi-relation-picker>` (designer script) on demand: it
 * draws the element at once and asks the page's loader for it; the element upgrades in place
 * once loaded, showing the record's stored links as chips. This file must not define the
 * element up front (test/widgets/relation-picker.test.ts does).
 */
import { expect, fixture, html } from '@open-wc/testing';
import '../../widgets/index.js';
import { multiRelationPicker } from '../../widgets/relation.js';
import { LtcForm } from '../../src/elements/ltc-form.js';
import type { AppDef, RecordData } from '../../src/core/schema/types.js';
import { MemoryStore } from '../../src/store/index.js';
import { deep, deepAll, waitFor } from '../elements/helpers.js';

if (!customElements.get('ltc-form')) customElements.define('ltc-form', LtcForm);

const NOW = '2026-01-01T00:00:00.000Z';
const APP: AppDef = {
  id: 'rel-load',
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
        { id: 'name', name: '名称', type: 'text' },
        { id: 'team', name: '成员', type: 'relation', options: { table: 'staff', multiple: true } },
      ],
    },
    { id: 'staff', name: '员工', primaryFieldId: 'name', fields: [{ id: 'name', name: '姓名', type: 'text' }] },
  ],
};

async function editForm(): Promise<{ el: LtcForm; staff: Array<RecordData | undefined> }> {
  const store = new MemoryStore();
  const app = await store.putApp(structuredClone(APP));
  const staff = await store.mutate(app.id, ['王芳', '王磊', '李娜'].map((name) => ({ type: 'create' as const, tableId: 'staff', values: { name } })));
  const [project] = await store.mutate(app.id, [{ type: 'create', tableId: 'projects', values: { name: '官网改版', team: [staff[1]!.id, staff[2]!.id] } }]);
  const el = await fixture<LtcForm>(html`<ltc-form table-id="projects" record-id=${project!.id}></ltc-form>`);
  el.locale = 'zh-CN';
  el.store = store;
  el.app = app;
  return { el, staff };
}

describe('loading the multiple relation picker', function () {
  this.timeout(30000);

  it('draws the picker element even before it is defined, never a list of every record', async () => {
    expect(customElements.get('ltc-multi-relation-picker')).to.equal(undefined);
    multiRelationPicker.load = undefined;
    const { el } = await editForm();
    const picker = await waitFor(() => deep<HTMLElement & { options?: unknown[] }>(el, 'ltc-multi-relation-picker'), 'picker element');
    await waitFor(() => picker.options?.length === 3, 'options handed over');
    expect(picker.shadowRoot, 'not upgraded yet').to.equal(null);
    expect(deep(el, 'select[multiple]')).to.equal(null);
  });

  it('loads the picker once and upgrades it in place, the stored links shown as chips', async () => {
    let loads = 0;
    multiRelationPicker.load = async () => {
      loads++;
      const { LtcMultiRelationPicker } = await import('../../widgets/multi-relation-picker.js');
      if (!customElements.get('ltc-multi-relation-picker')) customElements.define('ltc-multi-relation-picker', LtcMultiRelationPicker);
    };
    const { el, staff } = await editForm();
    const picker = await waitFor(() => {
      const found = deep<HTMLElement & { values: string[]; updateComplete: Promise<unknown> }>(el, 'ltc-multi-relation-picker');
      return found?.shadowRoot && deepAll(found, '.chip').length === 2 ? found : undefined;
    }, 'upgraded picker with chips');
    expect(deepAll(picker, '.chip').map((chip) => chip.dataset.id)).to.deep.equal([staff[1]!.id, staff[2]!.id]);
    expect(deep(picker, '.chip')!.textContent).to.contain('王磊');
    expect(loads).to.be.at.least(1);
    const before = loads;
    // Once defined, drawing the field again does not ask for the script again.
    el.requestUpdate();
    await el.updateComplete;
    expect(loads).to.equal(before);
  });
});
