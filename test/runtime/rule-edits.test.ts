/**
 * Rule edits through the store: checked with checkRule (refused with path-named zh / en
 * messages, nothing stored), one versioned write (a change from another tab is refused as
 * stale), and a changed trigger never fires again what the rule already fired.
 */
import { expect } from '@open-wc/testing';
import { MemoryStore } from '../../src/store/index.js';
import type { RuleDef } from '../../src/core/rules/index.js';
import { RuleEngine } from '../../src/runtime/rules/engine.js';
import { RUN_TABLE_ID, withRunLog } from '../../src/runtime/rules/run-log.js';
import { RuleEditError, deleteRule, reorderRules, saveRule, setRuleEnabled } from '../../src/runtime/rules/edits.js';
import { rulesApp } from '../fixtures/rules-app.js';

const points = (id: string, extra: Partial<RuleDef> = {}): RuleDef => ({
  id,
  name: `规则 ${id}`,
  enabled: false,
  tableId: 'customers',
  trigger: { type: 'record-created' },
  actions: [{ type: 'add-points', fieldId: 'points', points: 10 }],
  ...extra,
});

async function setUp() {
  const store = new MemoryStore();
  const app = await store.putApp(withRunLog(rulesApp()));
  return { store, app };
}

async function refusal(promise: Promise<unknown>): Promise<RuleEditError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof RuleEditError) return error;
    throw error;
  }
  throw new Error('expected the edit to be refused');
}

describe('rule edits', () => {
  it('saves a new rule, then changes it in place, one version each', async () => {
    const { store, app } = await setUp();
    const first = await saveRule(store, app, points('a'));
    expect(first.app.version).to.equal(app.version + 1);
    expect((await store.getApp(app.id))!.rules!.map((r) => r.id)).to.deep.equal(['a']);
    const second = await saveRule(store, first.app, { ...points('a'), name: '改名' });
    expect(second.rule!.name).to.equal('改名');
    expect((await store.getApp(app.id))!.rules!.map((r) => r.name)).to.deep.equal(['改名']);
  });

  it('refuses a bad rule with the path and message in the chosen language, storing nothing', async () => {
    const { store, app } = await setUp();
    const bad = points('a', { trigger: { type: 'recurring', every: 'day', at: '25:00' }, actions: [{ type: 'webhook', url: 'javascript:alert(1)' }] });
    const error = await refusal(saveRule(store, app, bad, { locale: 'zh-CN' }));
    expect(error.code).to.equal('rules.invalid');
    expect(error.problems.map((p) => p.field)).to.deep.equal(['trigger.at', 'actions[0].url']);
    expect(error.problems[0]!.message).to.equal('“25:00”不是一天中的时间（HH:MM，例如 10:00）。');
    expect(error.message).to.contain('actions[0].url');
    const stored = (await store.getApp(app.id))!;
    expect(stored.version).to.equal(app.version);
    expect(stored.rules ?? []).to.deep.equal([]);
  });

  it('turns a write based on an old version into "changed in another tab, reload"', async () => {
    const { store, app } = await setUp();
    await saveRule(store, app, points('a'));
    const error = await refusal(saveRule(store, app, points('b'), { locale: 'en' }));
    expect(error.code).to.equal('rules.stale');
    expect(error.message).to.match(/another tab.*Reload/);
    expect((await store.getApp(app.id))!.rules!.map((r) => r.id)).to.deep.equal(['a']);
  });

  it('enables (checking the rule first), reorders and deletes', async () => {
    const { store, app } = await setUp();
    let current = (await saveRule(store, app, points('a'))).app;
    current = (await saveRule(store, current, points('b'))).app;
    current = (await setRuleEnabled(store, current, 'b', true)).app;
    expect(current.rules!.map((r) => r.enabled)).to.deep.equal([false, true]);
    current = (await reorderRules(store, current, ['b', 'a'])).app;
    expect((await store.getApp(app.id))!.rules!.map((r) => r.id)).to.deep.equal(['b', 'a']);
    expect((await refusal(reorderRules(store, current, ['b']))).code).to.equal('rules.order');
    current = (await deleteRule(store, current, 'b')).app;
    expect((await store.getApp(app.id))!.rules!.map((r) => r.id)).to.deep.equal(['a']);
    expect((await refusal(deleteRule(store, current, 'b'))).code).to.equal('rules.unknownRule');
    // A stored rule whose field went away cannot be switched on.
    const broken = { ...current, rules: [points('a', { actions: [{ type: 'add-points', fieldId: 'gone', points: 1 }] })] };
    const stored = await store.putApp(broken, current.version);
    const error = await refusal(setRuleEnabled(store, stored, 'a', true, { locale: 'en' }));
    expect(error.problems[0]!.field).to.equal('actions[0].fieldId');
  });

  it('a changed trigger time or offset does not fire again what the rule already fired', async () => {
    const { store, app } = await setUp();
    await store.mutate(app.id, [{ type: 'create', tableId: 'customers', id: 'c1', values: { name: '范', lastOrderDate: '2026-11-01', points: 0 } }]);
    const rule = points('seq', {
      enabled: true,
      trigger: { type: 'date-relative', fieldId: 'lastOrderDate', offset: 3, unit: 'days', at: '10:00' },
    });
    let current = (await saveRule(store, app, rule)).app;
    let now = Date.UTC(2026, 10, 1, 0); // 08:00 in Shanghai, day 0
    const engine = new RuleEngine({ store, appId: app.id, app: () => current, now: () => now, timeZone: 'Asia/Shanghai' });
    await engine.wake(); // the cursor starts here
    now = Date.UTC(2026, 10, 4, 2, 1); // day 3, 10:01
    await engine.wake();
    const runs = async () => (await store.queryRecords(app.id, RUN_TABLE_ID)).filter((r) => r.id.startsWith('run_') && r.values.rule === 'seq' && r.values.status === 'ok');
    expect(await runs()).to.have.length(1);
    current = (await saveRule(store, current, { ...rule, trigger: { type: 'date-relative', fieldId: 'lastOrderDate', offset: 3, unit: 'days', at: '11:00' } })).app;
    now = Date.UTC(2026, 10, 4, 3, 1); // 11:01
    await engine.wake();
    current = (await saveRule(store, current, { ...rule, trigger: { type: 'date-relative', fieldId: 'lastOrderDate', offset: 4, unit: 'days', at: '10:00' } })).app;
    now = Date.UTC(2026, 10, 5, 2, 1); // day 4, 10:01
    await engine.wake();
    expect(await runs()).to.have.length(1);
    expect((await store.getRecord(app.id, 'customers', 'c1'))!.values.points).to.equal(10);
    // A new last order date is a new occurrence.
    await store.mutate(app.id, [{ type: 'update', tableId: 'customers', id: 'c1', values: { lastOrderDate: '2026-11-02' } }]);
    now = Date.UTC(2026, 10, 6, 2, 1);
    await engine.wake();
    expect(await runs()).to.have.length(2);
  });
});
