/**
 * `<ltc-run-log>` over a real store: newest first in pages, every filter, a run's details as
 * text (webhook attempts from the real engine included), live runs from the change feed, the
 * record link, CSV export of the filtered runs, and the variant comparison saved to the rule
 * with a versioned write; keyboard only, axe, zh-CN and en.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/designer.js';
import { MemoryStore } from '../../src/store/index.js';
import type { AppDef, RecordData } from '../../src/core/schema/types.js';
import { measureOutcome, type RuleDef } from '../../src/core/rules/index.js';
import { RuleEngine } from '../../src/runtime/rules/engine.js';
import { RUN_TABLE_ID, runId, withRunLog } from '../../src/runtime/rules/run-log.js';
import type { LtcRunLog } from '../../src/elements/rules/ltc-run-log.js';
import type { LtcRunCompare } from '../../src/elements/rules/run-log-compare.js';
import { runRow } from '../../src/elements/rules/run-log-rows.js';
import { deep, deepAll, typeInto, waitFor } from './helpers.js';

const DAY = 86_400_000;
const T0 = Date.UTC(2026, 10, 1, 2);

const coupon: RuleDef = {
  id: 'coupon',
  name: '复购优惠券',
  labels: { en: 'Repurchase coupon' },
  enabled: false,
  tableId: 'customers',
  trigger: { type: 'record-created' },
  variants: [
    { id: 'A', weight: 1 },
    { id: 'B', weight: 1 },
  ],
  actions: [{ type: 'notify', message: '发券' }],
};
const hook: RuleDef = {
  id: 'hook',
  name: 'Webhook',
  enabled: true,
  tableId: 'customers',
  trigger: { type: 'record-created' },
  actions: [{ type: 'webhook', url: 'https://hooks.example.com/sms', body: { name: '{姓名}' }, retries: 1 }],
};

function appDef(): AppDef {
  return withRunLog({
    id: 'shop',
    name: 'Shop',
    version: 0,
    createdAt: '',
    updatedAt: '',
    tables: [
      {
        id: 'customers',
        name: '客户',
        labels: { en: 'Customers' },
        primaryFieldId: 'name',
        fields: [
          { id: 'name', name: '姓名', labels: { en: 'Name' }, type: 'text' },
          { id: 'points', name: '积分', labels: { en: 'Points' }, type: 'number' },
          { id: 'orders', name: '订单', labels: { en: 'Orders' }, type: 'relation', options: { table: 'orders', inverseOf: 'customer', multiple: true } },
        ],
      },
      {
        id: 'orders',
        name: '订单',
        labels: { en: 'Orders' },
        primaryFieldId: 'no',
        fields: [
          { id: 'no', name: '单号', type: 'text' },
          { id: 'customer', name: '客户', type: 'relation', options: { table: 'customers' } },
          { id: 'date', name: '下单日期', labels: { en: 'Order date' }, type: 'date' },
        ],
      },
    ],
    rules: [coupon, hook],
  } as AppDef);
}

/** 120 customers, each reached by the coupon rule (A / B alternately, one run a day apart), a third of B's buying again within a week. */
async function setup() {
  const store = new MemoryStore();
  const app = await store.putApp(appDef());
  const customers = Array.from({ length: 120 }, (_, i) => ({ id: `c${i}`, values: { name: i === 7 ? '<b>范国庆</b>' : `客户${i}`, points: i } }));
  await store.bulkCreate('shop', 'customers', customers);
  const orders = customers
    .filter((_, i) => i % 2 === 1 && i % 3 === 0)
    .map((c) => ({ id: `o_${c.id}`, values: { no: `NO-${c.id}`, customer: c.id, date: new Date(T0 + Number(c.id.slice(1)) * DAY + 3 * DAY).toISOString().slice(0, 10) } }));
  await store.bulkCreate('shop', 'orders', orders);
  const runs = customers.map((c, i) => {
    const failed = i % 10 === 9;
    return {
      id: runId('coupon', c.id, 'created@1'),
      values: {
        rule: 'coupon',
        table: 'customers',
        record: c.id,
        trigger: 'created',
        occurrence: 'created@1',
        variant: i % 2 === 0 ? 'A' : 'B',
        status: failed ? 'error' : 'ok',
        at: new Date(T0 + i * DAY).toISOString(),
        depth: 1,
        inputs: JSON.stringify(c.values),
        steps: JSON.stringify({ steps: [{ actionIndex: 0, type: 'notify', status: failed ? 'error' : 'planned', ...(failed ? { reason: 'no message' } : {}) }], update: null, creates: [] }),
        error: failed ? 'no message' : null,
      },
    };
  });
  await store.bulkCreate('shop', RUN_TABLE_ID, [...runs, { id: 'cursor_coupon', values: { rule: 'coupon', at: new Date(T0).toISOString(), status: 'ok' } }]);
  return { store, app };
}

async function mount(store: MemoryStore, app: AppDef, locale = 'en', ruleId = '') {
  const el = await fixture<LtcRunLog>(html`<ltc-run-log .store=${store} .app=${app} locale=${locale} rule-id=${ruleId} time-zone="Asia/Shanghai"></ltc-run-log>`);
  await waitFor(() => el.rows.length > 0, 'runs read');
  await el.updateComplete;
  return el;
}

const shownRuns = (el: LtcRunLog) => deepAll(el, 'tbody tr[data-run]').map((tr) => tr.querySelectorAll('td')[2]!.textContent!.trim());
const pick = async (el: LtcRunLog, name: string, value: string) => {
  const select = deep<HTMLSelectElement>(el, `select[name=${name}]`)!;
  select.value = value;
  select.dispatchEvent(new Event('change'));
  await el.updateComplete;
};

describe('<ltc-run-log>', () => {
  it('shows the runs newest first, 50 a page, without the cursors; axe clean', async () => {
    const { store, app } = await setup();
    const el = await mount(store, app);
    expect(el.rows.length).to.equal(120);
    expect(shownRuns(el).slice(0, 3)).to.deep.equal(['Repurchase coupon', 'Repurchase coupon', 'Repurchase coupon']);
    const records = deepAll(el, 'tbody tr[data-run] td:nth-child(4)').map((td) => td.textContent!.trim());
    expect(records.slice(0, 2)).to.deep.equal(['客户119', '客户118']);
    expect(records.length).to.equal(50);
    expect(deep(el, '[part=pager] span')!.textContent).to.equal('1–50 of 120');
    deep<HTMLButtonElement>(el, 'button[name=next]')!.click();
    await el.updateComplete;
    expect(deep(el, '[part=pager] span')!.textContent).to.equal('51–100 of 120');
    expect(deepAll(el, 'tbody tr[data-run] td:nth-child(4)')[0]!.textContent!.trim()).to.equal('客户69');
    await expect(el).to.be.accessible();
  });

  it('filters by result, variant, rule, trigger, date range and record name', async () => {
    const { store, app } = await setup();
    const el = await mount(store, app);
    await pick(el, 'status', 'error');
    expect(el.visibleRuns.map((r) => r.record)).to.deep.equal(['c119', 'c109', 'c99', 'c89', 'c79', 'c69', 'c59', 'c49', 'c39', 'c29', 'c19', 'c9']);
    await pick(el, 'variant', 'A');
    expect(el.visibleRuns).to.have.length(0);
    expect(deep(el, 'p.empty')!.textContent).to.equal('No runs match.');
    deep<HTMLButtonElement>(el, 'button[name=clear]')!.click();
    await el.updateComplete;
    await pick(el, 'variant', 'B');
    expect(el.visibleRuns).to.have.length(60);
    await pick(el, 'rule', 'hook');
    expect(el.visibleRuns).to.have.length(0);
    await pick(el, 'rule', 'coupon');
    await pick(el, 'trigger', 'created');
    expect(el.visibleRuns).to.have.length(60);
    // 2026-11-03 and 2026-11-04 in Shanghai: runs c2 and c3 (10:00 local each day).
    const from = deep<HTMLInputElement>(el, 'input[name=from]')!;
    from.value = '2026-11-03';
    from.dispatchEvent(new Event('change'));
    const to = deep<HTMLInputElement>(el, 'input[name=to]')!;
    to.value = '2026-11-04';
    to.dispatchEvent(new Event('change'));
    await el.updateComplete;
    expect(el.visibleRuns.map((r) => r.record)).to.deep.equal(['c3']);
    deep<HTMLButtonElement>(el, 'button[name=clear]')!.click();
    await el.updateComplete;
    await typeInto(deep<HTMLInputElement>(el, 'input[name=record]')!, '范国');
    await el.updateComplete;
    expect(el.visibleRuns.map((r) => r.record)).to.deep.equal(['c7']);
  });

  it('opens a run with the keyboard to its inputs, actions and error, as text', async () => {
    const { store, app } = await setup();
    const el = await mount(store, app);
    await typeInto(deep<HTMLInputElement>(el, 'input[name=record]')!, '客户9');
    await el.updateComplete;
    await pick(el, 'status', 'error');
    const toggle = deep<HTMLButtonElement>(el, 'tbody tr[data-run] .details-toggle')!;
    toggle.focus();
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(toggle.getAttribute('aria-expanded')).to.equal('true');
    const details = deep(el, '[part=details]')!;
    expect([...details.querySelectorAll('dt')].map((dt) => dt.textContent)).to.deep.equal(['Name', 'Points']);
    expect([...details.querySelectorAll('dd')].map((dd) => dd.textContent)).to.deep.equal(['客户99', '99']);
    expect(details.querySelector('ol li')!.textContent!.trim()).to.equal('Action 1: Notification, failed — no message');
    expect(details.querySelector('.lines li')!.textContent).to.equal('no message');
    await sendKeys({ press: 'Space' });
    await el.updateComplete;
    expect(deep(el, '[part=details]')).to.equal(null);
  });

  it('never renders a record name as HTML', async () => {
    const { store, app } = await setup();
    const el = await mount(store, app);
    await typeInto(deep<HTMLInputElement>(el, 'input[name=record]')!, '<b>');
    await el.updateComplete;
    const link = deep(el, 'tbody tr[data-run] button.link')!;
    expect(link.textContent).to.equal('<b>范国庆</b>');
    expect(link.querySelector('b')).to.equal(null);
  });

  it('shows live runs the real engine writes, with every webhook attempt', async () => {
    const { store, app } = await setup();
    const el = await mount(store, app);
    let calls = 0;
    const engine = new RuleEngine({
      store,
      appId: 'shop',
      app: () => app,
      timeZone: 'Asia/Shanghai',
      now: () => T0 + 200 * DAY,
      webhookOrigins: ['https://hooks.example.com'],
      fetch: async () => (++calls === 1 ? { ok: false, status: 503 } : { ok: true, status: 200 }),
      wait: async () => {},
    });
    engine.start();
    try {
      await store.mutate('shop', [{ type: 'create', tableId: 'customers', id: 'new1', values: { name: '新客户', points: 0 } }]);
      await waitFor(() => el.rows[0]?.record === 'new1' && String(el.rows[0].source.values.error ?? '').includes('attempt 2'), 'live run with attempts');
      await el.updateComplete;
      expect(el.rows).to.have.length(121);
      expect(deepAll(el, 'tbody tr[data-run] td:nth-child(4)')[0]!.textContent!.trim()).to.equal('新客户');
      expect(deep(el, '[role=status]')!.textContent).to.equal('1 new runs');
      deep<HTMLButtonElement>(el, 'tbody tr[data-run] .details-toggle')!.click();
      await el.updateComplete;
      const lines = [...deep(el, '[part=details]')!.querySelectorAll('.lines li')].map((li) => li.textContent!.replace(/^\S+ /, ''));
      expect(lines).to.deep.equal(['webhook attempt 1: HTTP 503', 'webhook attempt 2: 200']);
    } finally {
      engine.stop();
    }
  });

  it('follows the change feed again after being moved in the page', async () => {
    const { store, app } = await setup();
    const el = await mount(store, app);
    const parent = el.parentElement!;
    el.remove();
    await store.mutate('shop', [{ type: 'create', tableId: RUN_TABLE_ID, id: 'run_while_away', values: { rule: 'coupon', table: 'customers', record: 'c1', trigger: 'created', status: 'ok', variant: 'B', at: new Date(T0 + 500 * DAY).toISOString() } }]);
    parent.append(el);
    await waitFor(() => el.rows[0]?.id === 'run_while_away', 'the run written while detached');
    await store.mutate('shop', [{ type: 'create', tableId: RUN_TABLE_ID, id: 'run_after', values: { rule: 'coupon', table: 'customers', record: 'c2', trigger: 'created', status: 'ok', variant: 'A', at: new Date(T0 + 501 * DAY).toISOString() } }]);
    await waitFor(() => el.rows[0]?.id === 'run_after', 'a live run after re-attaching');
    expect(el.rows.filter((r) => r.id === 'run_after')).to.have.length(1);
  });

  it('links a run to its record: ltc-record-open, or the record drawer when the host does not take it', async () => {
    const { store, app } = await setup();
    const el = await mount(store, app);
    const seen: unknown[] = [];
    const take = (event: CustomEvent) => {
      seen.push(event.detail);
      event.preventDefault();
    };
    document.addEventListener('ltc-record-open', take);
    deep<HTMLButtonElement>(el, 'tbody tr[data-run] button.link')!.click();
    document.removeEventListener('ltc-record-open', take);
    expect(seen).to.deep.equal([{ appId: 'shop', tableId: 'customers', recordId: 'c119' }]);
    expect(deep(el, 'ltc-record-drawer')).to.equal(null);
    deep<HTMLButtonElement>(el, 'tbody tr[data-run] button.link')!.click();
    const drawer = await waitFor(() => deep<HTMLElement & { recordId: string; tableId: string }>(el, 'ltc-record-drawer'), 'drawer');
    expect([drawer.tableId, drawer.recordId]).to.deep.equal(['customers', 'c119']);
  });

  it('exports the filtered runs as CSV', async () => {
    const { store, app } = await setup();
    const el = await mount(store, app);
    await pick(el, 'status', 'error');
    const text = el.exportCsv();
    await el.updateComplete;
    const lines = text.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines).to.have.length(13);
    expect(lines[0]!.split(',').slice(0, 3)).to.deep.equal(['Rule', 'Table', 'Record']);
    expect(lines[1]).to.contain('c119');
    expect(deep(el, '[role=status]')!.textContent).to.equal('Exported 12 runs');
  });

  it('compares the variants on a repurchase outcome and saves it to the rule', async () => {
    const { store, app } = await setup();
    const el = await mount(store, app, 'en', 'coupon');
    deep<HTMLButtonElement>(el, 'button[name=compare]')!.click();
    await el.updateComplete;
    const panel = deep<LtcRunCompare>(el, 'ltc-run-compare')!;
    await panel.updateComplete;
    const choose = async (name: string, value: string) => {
      const select = deep<HTMLSelectElement>(panel, `select[name=${name}]`)!;
      select.value = value;
      select.dispatchEvent(new Event('change'));
      await panel.updateComplete;
    };
    await choose('relation', 'orders');
    await choose('date', 'date');
    const days = deep<HTMLInputElement>(panel, 'input[name=days]')!;
    days.value = '7';
    days.dispatchEvent(new Event('change'));
    await panel.updateComplete;
    deep<HTMLButtonElement>(panel, 'button[name=compare]')!.click();
    await waitFor(() => deep(panel, '[part=results]'), 'results');
    const cells = deepAll(panel, '[part=results] tbody tr').map((tr) => [...tr.children].map((c) => c.textContent!.trim()));
    const records = new Map((await store.queryRecords('shop', 'customers')).map((r): [string, RecordData] => [r.id, r]));
    const expected = measureOutcome('coupon', ['A', 'B'], { type: 'related-record', relationFieldId: 'orders', dateFieldId: 'date', withinDays: 7 }, el.rows, {
      table: app.tables[0]!,
      records,
      relatedTable: app.tables[1]!,
      relatedRecords: await store.queryRecords('shop', 'orders'),
      timeZone: 'Asia/Shanghai',
      now: new Date(),
    });
    expect(expected[1]!.converted).to.be.above(10);
    expect(cells.map((row) => row.slice(0, 3))).to.deep.equal(expected.map((line) => [line.variant, String(line.reached), String(line.converted)]));
    expect(cells[1]![6]).to.equal('Significant difference');
    await expect(panel).to.be.accessible();
    deep<HTMLButtonElement>(panel, 'button[name=save]')!.click();
    await waitFor(() => deep(panel, '[role=status]')!.textContent, 'saved');
    const stored = await store.getApp('shop');
    expect(stored!.rules!.find((r) => r.id === 'coupon')!.outcome).to.deep.equal({ type: 'related-record', relationFieldId: 'orders', dateFieldId: 'date', withinDays: 7 });
    expect(stored!.version).to.equal(app.version + 1);
  });

  it('refuses to overwrite an app changed elsewhere', async () => {
    const { store, app } = await setup();
    const el = await mount(store, app, 'zh-CN', 'coupon');
    await store.putApp({ ...app, name: '别处改过' }, app.version);
    await waitFor(() => el.app!.version > app.version, 'the newer app shown');
    deep<HTMLButtonElement>(el, 'button[name=compare]')!.click();
    await el.updateComplete;
    const panel = deep<LtcRunCompare>(el, 'ltc-run-compare')!;
    panel.app = app;
    await panel.updateComplete;
    const type = deep<HTMLSelectElement>(panel, 'select[name=type]')!;
    type.value = 'field';
    type.dispatchEvent(new Event('change'));
    await panel.updateComplete;
    deep<HTMLButtonElement>(panel, 'button[name=save]')!.click();
    await waitFor(() => deep(panel, '[role=alert]')!.textContent, 'refused');
    expect(deep(panel, '[role=alert]')!.textContent).to.contain('应用定义已在别处被修改');
    expect((await store.getApp('shop'))!.rules!.find((r) => r.id === 'coupon')!.outcome).to.equal(undefined);
  });

  it('opens the comparison and changes its outcome with the keyboard alone', async () => {
    const { store, app } = await setup();
    const el = await mount(store, app, 'en', 'coupon');
    const button = deep<HTMLButtonElement>(el, 'button[name=compare]')!;
    button.focus();
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(button.getAttribute('aria-expanded')).to.equal('true');
    const panel = deep<LtcRunCompare>(el, 'ltc-run-compare')!;
    await panel.updateComplete;
    await sendKeys({ press: 'Tab' });
    expect(panel.shadowRoot!.activeElement?.getAttribute('name')).to.equal('type');
    await sendKeys({ press: 'ArrowDown' });
    await panel.updateComplete;
    expect(deep<HTMLSelectElement>(panel, 'select[name=type]')!.value).to.equal('field');
    expect(deep(panel, 'ltc-condition-builder')).to.not.equal(null);
    expect(deep(panel, 'select[name=relation]')).to.equal(null);
  });

  it('speaks zh-CN', async () => {
    const { store, app } = await setup();
    const el = await mount(store, app, 'zh-CN');
    expect(deep(el, 'button[name=export]')!.textContent).to.equal('导出 CSV');
    expect(deepAll(el, 'tbody tr[data-run] td:nth-child(7)').slice(0, 2).map((td) => td.textContent)).to.deep.equal(['失败', '成功']);
    expect(deep(el, '[part=pager] span')!.textContent).to.equal('第 1–50 条，共 120 条');
    await expect(el).to.be.accessible();
  });
});

describe('runRow', () => {
  it('skips cursor records and reads a run', () => {
    const base = { tableId: RUN_TABLE_ID, version: 1, createdAt: '', updatedAt: '' };
    expect(runRow({ ...base, id: 'cursor_x', values: { rule: 'x', at: '2026-01-01T00:00:00Z', status: 'ok' } })).to.equal(undefined);
    expect(runRow({ ...base, id: 'run_1', values: { rule: 'x', record: 'c1', table: 't', at: '2026-01-01T00:00:00Z', status: 'ok', variant: null } }, 'Ann')).to.include({ variant: null, search: 'ann\u0000c1', time: Date.UTC(2026, 0, 1) });
  });
});
