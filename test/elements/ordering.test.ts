/**
 * One ordering for a field (issue 9): a column sorted by the store (before derived values
 * have loaded) and the same column sorted in memory by the table (after) come out in the same
 * order — a select by its option order, not by its stored ids — so rows never reorder when
 * computed values arrive.
 */
import { expect, fixture, html } from '@open-wc/testing';
import '../../src/define.js';
import { MemoryStore } from '../../src/store/index.js';
import { withCompiledFormulas } from '../../src/core/formula/index.js';
import type { AppDef } from '../../src/core/schema/types.js';
import type { LtcApp } from '../../src/elements/ltc-app.js';
import type { LtcTable } from '../../src/elements/ltc-table.js';
import { deep, deepAll, waitFor } from './helpers.js';

const APP: AppDef = withCompiledFormulas({
  id: 'ordering',
  name: 'Ordering',
  version: 1,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  tables: [
    {
      id: 'customers',
      name: '客户',
      primaryFieldId: 'name',
      fields: [
        { id: 'name', name: '姓名', type: 'text' },
        {
          id: 'tier',
          name: '等级',
          type: 'select',
          // Designed order gold < silver < bronze; ids in alphabetical order would be bronze < gold < silver.
          options: { choices: [{ id: 'gold', name: '黄金' }, { id: 'silver', name: '白银' }, { id: 'bronze', name: '青铜' }] },
        },
        { id: 'spend', name: '消费', type: 'money' },
        { id: 'double', name: '双倍', type: 'formula', options: { formula: '{消费} * 2' } },
      ],
    },
  ],
});

const ROWS = [
  { name: '甲', tier: 'silver', spend: 3 },
  { name: '乙', tier: 'bronze', spend: 1 },
  { name: '丙', tier: 'gold', spend: 2 },
  { name: '丁', tier: null, spend: 4 },
  { name: '戊', tier: 'gold', spend: 5 },
];

async function storeWithApp(): Promise<MemoryStore> {
  const store = new MemoryStore();
  await store.putApp(APP);
  await store.bulkCreate(APP.id, 'customers', ROWS.map((values) => ({ values })));
  return store;
}

describe('one ordering for a field: the store and the table agree', () => {
  it('the store sorts a select by its option order, blanks last', async () => {
    const store = await storeWithApp();
    const asc = await store.queryRecords(APP.id, 'customers', { sortBy: 'tier' });
    expect(asc.map((r) => r.values.name)).to.deep.equal(['丙', '戊', '甲', '乙', '丁']);
    const desc = await store.queryRecords(APP.id, 'customers', { sortBy: 'tier', direction: 'desc' });
    expect(desc.map((r) => r.values.name)).to.deep.equal(['乙', '甲', '丙', '戊', '丁']);
  });

  it('the table shows the same order sorted in memory (derived values loaded) as the store gave', async () => {
    const store = await storeWithApp();
    const fromStore = (await store.queryRecords(APP.id, 'customers', { sortBy: 'tier' })).map((r) => r.id);
    const el = await fixture<LtcApp>(html`<ltc-app app-id="ordering" lang="zh-CN" .store=${store}></ltc-app>`);
    const table = await waitFor(() => deep<LtcTable>(el, 'ltc-table'), 'table');
    // The formula column makes the table load derived values; then it sorts in memory.
    await waitFor(() => el.derived?.ready, 'derived values');
    deep<HTMLButtonElement>(el, 'ltc-table', 'th button.sort[data-field="tier"]')!.click();
    await waitFor(() => table.sortBy === 'tier' && table.rows.length === ROWS.length, 'sorted by tier');
    await table.updateComplete;
    const shown = deepAll<HTMLTableRowElement>(el, 'ltc-table', 'tbody tr[data-id]').map((tr) => tr.dataset.id);
    expect(shown).to.deep.equal(fromStore);
  });
});
