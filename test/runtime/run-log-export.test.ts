/**
 * The run log travels with the app: an export (built as `<ltc-app>.exportApp` builds it)
 * holds the run log table and every run the real engine wrote — webhook attempt lines,
 * cursors, the rule's saved outcome — and importing that file into another store brings
 * them back exactly; a bad outcome in a file is refused with its path.
 */
import { expect } from '@open-wc/testing';
import { MemoryStore } from '../../src/store/index.js';
import type { Store } from '../../src/store/types.js';
import type { AppDef, RecordData } from '../../src/core/schema/types.js';
import type { RuleDef } from '../../src/core/rules/index.js';
import { buildExport } from '../../src/core/schema/build-export.js';
import { parseExport } from '../../src/core/schema/export.js';
import { replaceApp } from '../../src/runtime/import-app.js';
import { RuleEngine } from '../../src/runtime/rules/engine.js';
import { RUN_TABLE_ID, withRunLog } from '../../src/runtime/rules/run-log.js';

const welcome: RuleDef = {
  id: 'welcome',
  name: '欢迎短信',
  enabled: true,
  tableId: 'customers',
  trigger: { type: 'record-created' },
  variants: [
    { id: 'A', weight: 1 },
    { id: 'B', weight: 1 },
  ],
  actions: [
    { type: 'set-field', fieldId: 'points', value: 10, variant: 'A' },
    { type: 'webhook', url: 'https://hooks.example.com/sms', body: { to: '{姓名}' }, retries: 1 },
  ],
  outcome: { type: 'field', condition: { '>': [{ var: 'points' }, 0] } },
};

function appDef(rules: RuleDef[] = [welcome]): AppDef {
  return withRunLog({
    id: 'shop',
    name: 'Shop',
    version: 0,
    createdAt: '2026-11-01T00:00:00.000Z',
    updatedAt: '2026-11-01T00:00:00.000Z',
    tables: [
      {
        id: 'customers',
        name: '客户',
        primaryFieldId: 'name',
        fields: [
          { id: 'name', name: '姓名', type: 'text' },
          { id: 'points', name: '积分', type: 'number' },
        ],
      },
    ],
    rules,
  } as AppDef);
}

async function exportOf(store: Store, app: AppDef) {
  const records: Record<string, RecordData[]> = {};
  for (const table of app.tables) records[table.id] = await store.queryRecords(app.id, table.id);
  return buildExport(app, records);
}

describe('run log export and import', () => {
  it('exports the run log with the app and an import brings every run back', async () => {
    const store = new MemoryStore();
    const app = await store.putApp(appDef());
    let calls = 0;
    const engine = new RuleEngine({ store, appId: 'shop', app: () => app, timeZone: 'UTC', webhookOrigins: ['https://hooks.example.com'], fetch: async () => (++calls % 2 ? { ok: false, status: 500 } : { ok: true, status: 200 }), wait: async () => {} });
    engine.start();
    try {
      for (let i = 0; i < 6; i++) await store.mutate('shop', [{ type: 'create', tableId: 'customers', id: `c${i}`, values: { name: `客户${i}`, points: 0 } }]);
      const until = Date.now() + 5000;
      while ((await store.queryRecords('shop', RUN_TABLE_ID)).filter((r) => String(r.values.error ?? '').includes('attempt 2')).length < 6 && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
    } finally {
      engine.stop();
    }
    const runs = await store.queryRecords('shop', RUN_TABLE_ID);
    expect(runs.filter((r) => r.id.startsWith('run_'))).to.have.length(6);
    expect(new Set(runs.map((r) => r.values.variant))).to.deep.equal(new Set(['A', 'B']));

    const data = await exportOf(store, app);
    expect(data.app.tables.map((t) => t.id)).to.include(RUN_TABLE_ID);
    expect(data.records[RUN_TABLE_ID]).to.deep.equal(runs);

    const parsed = parseExport(JSON.stringify(data), 'en');
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
    const other = new MemoryStore();
    await other.putApp(appDef([]));
    await replaceApp(other, 'shop', parsed.value);
    const back = await other.queryRecords('shop', RUN_TABLE_ID);
    expect(back.map(({ id, version, values }) => ({ id, version, values }))).to.deep.equal(runs.map(({ id, version, values }) => ({ id, version, values })));
    expect(String(back.find((r) => r.id.startsWith('run_'))!.values.error)).to.match(/webhook attempt 1: HTTP 500\n.*webhook attempt 2: 200/);
    expect((await other.getApp('shop'))!.rules![0]!.outcome).to.deep.equal(welcome.outcome);
  });

  it('refuses a file whose rule outcome names a field the table lacks, with its path', async () => {
    const store = new MemoryStore();
    const app = await store.putApp(appDef([{ ...welcome, outcome: { type: 'related-record', relationFieldId: 'name', dateFieldId: 'x', withinDays: 30 } }]));
    const parsed = parseExport(JSON.stringify(await exportOf(store, app)), 'zh-CN');
    expect(parsed.ok).to.equal(false);
    if (parsed.ok) return;
    expect(parsed.errors.map((e) => [e.path, e.message])).to.deep.include(['app.rules[0].outcome.relationFieldId', '数据表“客户”中没有关联字段“name”。']);
  });
});
