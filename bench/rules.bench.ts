/**
 * Benchmark (issue 11, "Speed"): lifecycle stages and the customer-ltv template's enabled
 * rules over 100,000 customers and 1,000,000 orders held in memory.
 *
 * 1. Full pass — stages from paid orders (the stage field's `countWhen`, compiled JSON Logic,
 *    per order; `lifecycleStage` per customer), then every enabled rule's trigger check
 *    (`triggerMatches` on the customer's stage move, `dueDateRelative` for the three
 *    date-relative rules) and its condition (compiled JSON Logic) for every customer — next
 *    to a hand-written loop doing the same checks in the same run. Budget: ≤ 3× the loop and
 *    < 1 s.
 * 2. One order edit — the customer's stage from their orders, the tracker's write of the new
 *    stage to a MemoryStore holding the 100,000 customers, and `RuleEngine.handleEvent` for
 *    the stage move (churn warning + care: a task, a tag, a message row and the run log, all
 *    written). Budget: < 16 ms.
 * 3. The scheduler's wake-up — `RuleEngine.wake()` over the 100,000 customers with the three
 *    date-relative rules (a minute with nothing due, and the 10:00 wake that finds the day's
 *    occurrences, whose runs are counted separately), and a weekly recurring rule with a
 *    condition over every customer. Budget: < 100 ms for the wake-up.
 *
 * Customers and orders are generated here (deterministic), not read from the template: only
 * the template's definition and rules are used.
 */
import { cloneTemplate } from '../src/core/templates/index.js';
import type { AppDef, CellValue, FieldDef, RecordData, TemplateDef } from '../src/core/schema/types.js';
import { compileLogic, truthy } from '../src/core/logic/index.js';
import { lifecycleStage, type LifecycleStage, type StageThresholds } from '../src/core/lifecycle/stage.js';
import { dueDateRelative, isTimeTrigger, triggerMatches, type DateRelativeTrigger, type RuleDef, type RuleEvent } from '../src/core/rules/index.js';
import { MemoryStore } from '../src/store/index.js';
import { RuleEngine } from '../src/runtime/rules/engine.js';
import { withRunLog } from '../src/runtime/rules/run-log.js';
import type { BenchRow } from './types.js';
import { median } from './types.js';

const CUSTOMERS = 100_000;
const ORDERS = 1_000_000;
const TZ = 'Asia/Shanghai';
const DAY = 86_400_000;
/** "Now": 2026-12-02 10:00 in Shanghai. */
const NOW = Date.UTC(2026, 11, 2, 2, 0);
const STATUSES = ['paid', 'paid', 'paid', 'paid', 'paid', 'paid', 'paid', 'paid', 'pending', 'refunded'];

interface Order {
  customer: number;
  orderDate: string;
  paymentStatus: string;
}

/** Deterministic data: orders over the two years before NOW, a customer's orders bunched by activity. */
function generate(): { orders: Order[]; recorded: LifecycleStage[] } {
  let seed = 20261202;
  const random = () => ((seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 4294967296);
  const dates: string[] = [];
  for (let d = 0; d < 730; d++) dates.push(new Date(NOW - (d + 1) * DAY).toISOString().slice(0, 10));
  const orders: Order[] = [];
  // Every customer has a "last active" day; their orders fall before it. A tenth are leads (no orders).
  const lastActive = Array.from({ length: CUSTOMERS }, () => Math.floor(random() ** 2 * 700));
  for (let i = 0; i < ORDERS; i++) {
    let customer = Math.floor(random() * CUSTOMERS);
    if (customer % 10 === 0) customer++;
    const back = lastActive[customer % CUSTOMERS]! + Math.floor(random() * 25);
    orders.push({ customer: customer % CUSTOMERS, orderDate: dates[Math.min(729, back)]!, paymentStatus: STATUSES[Math.floor(random() * STATUSES.length)]! });
  }
  // The recorded stage: what it was a few days ago, so a share of customers moves now.
  const recorded = lastActive.map((day, i): LifecycleStage => (i % 10 === 0 ? 'potential' : day > 57 && day < 64 ? 'active' : day > 175 && day < 185 ? 'silent' : day <= 60 ? 'active' : day <= 180 ? 'silent' : 'churned'));
  return { orders, recorded };
}

/** The stage field's thresholds, as `lifecycleStage` takes them. */
function stageThresholds(field: FieldDef): StageThresholds {
  const { silentAfterDays, churnedAfterDays, activeMinOrders } = field.options as StageThresholds;
  return { silentAfterDays, churnedAfterDays, activeMinOrders };
}

interface Pass {
  moves: number;
  matched: Record<string, number>;
}

/** The library path: compiled `countWhen`, `lifecycleStage`, `triggerMatches`, `dueDateRelative`, compiled conditions. */
function libraryPass(app: AppDef, orders: Order[], recorded: LifecycleStage[], stageField: FieldDef, since: number): Pass {
  const countWhen = compileLogic((stageField.options as { countWhen?: unknown }).countWhen);
  const count = new Int32Array(CUSTOMERS);
  const last: Array<string | undefined> = new Array(CUSTOMERS);
  for (const order of orders) {
    if (!truthy(countWhen(order))) continue;
    count[order.customer]!++;
    const had = last[order.customer];
    if (had === undefined || order.orderDate > had) last[order.customer] = order.orderDate;
  }
  const thresholds = stageThresholds(stageField);
  const stages: LifecycleStage[] = new Array(CUSTOMERS);
  for (let i = 0; i < CUSTOMERS; i++) stages[i] = lifecycleStage({ orders: count[i]!, lastOrderAt: last[i] }, NOW, thresholds, { timeZone: TZ });

  const rules = (app.rules ?? []).filter((rule) => rule.enabled);
  const matched: Record<string, number> = {};
  const rows: Array<{ id: number; values: Record<string, CellValue> }> = [];
  for (let i = 0; i < CUSTOMERS; i++) rows.push({ id: i, values: { orderCount: count[i]!, lastOrderDate: last[i] ?? null, stage: stages[i]! } });
  let moves = 0;
  for (const rule of rules) {
    const condition = rule.condition === undefined ? undefined : compileLogic(rule.condition);
    const passes = (row: { values: Record<string, CellValue> }) => condition === undefined || truthy(condition(row.values));
    let hits = 0;
    if (rule.trigger.type === 'date-relative') {
      for (const { record } of dueDateRelative(rule.trigger, rows, (row) => row.values.lastOrderDate, since, NOW, TZ)) if (passes(record)) hits++;
      // Conditions are evaluated for every customer too (the dry run, the "would match now" count).
      for (const row of rows) passes(row);
    } else {
      for (let i = 0; i < CUSTOMERS; i++) {
        const row = rows[i]!;
        const event: RuleEvent = { type: 'stage-changed', tableId: rule.tableId, record: row as unknown as RecordData, fieldId: 'stage', from: recorded[i]!, to: stages[i]! };
        const moved = recorded[i] !== stages[i];
        if (moved && rule === rules[0]) moves++;
        if (passes(row) && moved && triggerMatches(rule.trigger, event)) hits++;
      }
    }
    matched[rule.id] = hits;
  }
  return { moves, matched };
}

/** The hand-written loop: the same checks with nothing general in the way. */
function plainLoop(orders: Order[], recorded: LifecycleStage[], since: number): Pass {
  const count = new Int32Array(CUSTOMERS);
  const lastDay = new Int32Array(CUSTOMERS).fill(-1);
  const lastText: Array<string | undefined> = new Array(CUSTOMERS);
  const dayCache = new Map<string, number>();
  for (const order of orders) {
    if (order.paymentStatus !== 'paid') continue;
    count[order.customer]!++;
    let day = dayCache.get(order.orderDate);
    if (day === undefined) dayCache.set(order.orderDate, (day = Date.parse(`${order.orderDate}T00:00:00Z`) / DAY));
    if (day > lastDay[order.customer]!) {
      lastDay[order.customer] = day;
      lastText[order.customer] = order.orderDate;
    }
  }
  const today = Math.floor((NOW + 8 * 3_600_000) / DAY);
  const matched: Record<string, number> = { churnWarning: 0, careFrequentBuyer: 0, repurchase3d: 0, repurchase7d: 0, repurchase15d: 0 };
  let moves = 0;
  const sinceDay = Math.floor((since + 8 * 3_600_000) / DAY);
  for (let i = 0; i < CUSTOMERS; i++) {
    const n = count[i]!;
    const days = today - lastDay[i]!;
    const stage = n === 0 ? 'potential' : days > 180 ? 'churned' : days > 60 ? 'silent' : n >= 2 ? 'active' : 'new';
    if (stage !== recorded[i]) {
      moves++;
      if (recorded[i] === 'active' && stage === 'silent') {
        matched.churnWarning!++;
        if (n >= 5) matched.careFrequentBuyer!++;
      }
    }
    if (n >= 1) {
      for (const [offset, id] of [[3, 'repurchase3d'], [7, 'repurchase7d'], [15, 'repurchase15d']] as const) {
        const due = lastDay[i]! + offset;
        // 10:00 Shanghai on the due day, inside (since, NOW].
        const at = due * DAY + 2 * 3_600_000;
        if (due >= sinceDay && at > since && at <= NOW) matched[id]!++;
      }
    }
  }
  void lastText;
  return { moves, matched };
}

export default async function run(): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const template = (await (await fetch('/templates/customer-ltv.json')).json()) as TemplateDef;
  const { app: cloned } = cloneTemplate(template, { appId: 'bench-rules', sampleData: false });
  const app = withRunLog(cloned);
  const stageField = app.tables[0]!.fields.find((f) => f.id === 'stage')!;
  const { orders, recorded } = generate();
  // Wake window: the last minute (the 10:00 wake, so the day's date-relative occurrences are in it).
  const since = NOW - 60_000;

  // 1. The full pass, alternating library and loop, median of 5 each.
  const lib: number[] = [];
  const loop: number[] = [];
  let libResult: Pass | undefined;
  let loopResult: Pass | undefined;
  for (let round = 0; round < 5; round++) {
    let start = performance.now();
    libResult = libraryPass(app, orders, recorded, stageField, since);
    lib.push(performance.now() - start);
    start = performance.now();
    loopResult = plainLoop(orders, recorded, since);
    loop.push(performance.now() - start);
  }
  const same = JSON.stringify(libResult) === JSON.stringify(loopResult);
  const group1 = `stages + 5 enabled rules, ${CUSTOMERS.toLocaleString('en-US')} customers / ${ORDERS.toLocaleString('en-US')} orders`;
  const libMs = median(lib);
  const loopMs = median(loop);
  rows.push({ group: group1, name: 'baseline: hand-written loop', value: loopMs, unit: 'ms' });
  rows.push({
    group: group1,
    name: 'countWhen + lifecycleStage + triggerMatches / dueDateRelative + conditions',
    value: libMs,
    unit: 'ms',
    note: `median of 5; ${(libMs / loopMs).toFixed(2)}× loop (budget 3×: ${libMs <= 3 * loopMs ? 'ok' : 'OVER'}); budget 1000 ms: ${libMs < 1000 ? 'ok' : 'OVER'}; ${libResult!.moves} stage moves, matches ${JSON.stringify(libResult!.matched)}${same ? ', same as the loop' : `, DIFFERENT from the loop ${JSON.stringify(loopResult)}`}`,
  });

  // 2 and 3 use a MemoryStore with the customers, as the tracker and the engine see them.
  const store = new MemoryStore();
  await store.putApp(app);
  const byCustomer: Order[][] = Array.from({ length: CUSTOMERS }, () => []);
  for (const order of orders) byCustomer[order.customer]!.push(order);
  const countWhen = compileLogic((stageField.options as { countWhen?: unknown }).countWhen);
  const summary = (i: number) => {
    let n = 0;
    let last: string | undefined;
    for (const order of byCustomer[i]!) {
      if (!truthy(countWhen(order))) continue;
      n++;
      if (last === undefined || order.orderDate > last) last = order.orderDate;
    }
    return { orders: n, lastOrderAt: last };
  };
  const derived = new Map<string, { orderCount: number; lastOrderDate: string | null }>();
  const customerRecords: Array<{ id: string; values: Record<string, CellValue> }> = [];
  for (let i = 0; i < CUSTOMERS; i++) {
    const s = summary(i);
    derived.set(`c${i}`, { orderCount: s.orders, lastOrderDate: s.lastOrderAt ?? null });
    customerRecords.push({ id: `c${i}`, values: { name: `客户${i}`, mobile: `138${String(i).padStart(8, '0')}`, stage: lifecycleStage(s, NOW, {}, { timeZone: TZ }), tags: [] } });
  }
  await store.bulkCreate(app.id, 'customers', customerRecords);
  const staff = [{ id: 's1', values: { name: '陈晓燕', active: true } }];
  await store.bulkCreate(app.id, 'staff', staff);
  const all = await store.queryRecords(app.id, 'customers');
  const clock = { now: NOW };
  const engineFor = (rules: RuleDef[]) =>
    new RuleEngine({
      store,
      appId: app.id,
      app: () => ({ ...app, rules }),
      records: async (tableId) => (tableId === 'customers' ? all : store.queryRecords(app.id, tableId)),
      readValue: (record, field) => {
        const computed = derived.get(record.id) as Record<string, CellValue> | undefined;
        return computed && field.id in computed ? computed[field.id]! : (record.values[field.id] ?? null);
      },
      now: () => clock.now,
      timeZone: TZ,
      dispatch: () => undefined,
    });

  // 2. One order edit: a frequent buyer's recent orders are refunded, an older one becomes their last paid order → silent.
  const enabled = (app.rules ?? []).filter((rule) => rule.enabled);
  const engine = engineFor(enabled);
  const edits: number[] = [];
  let edited = 0;
  for (let i = 1; i < CUSTOMERS && edits.length < 30; i++) {
    const record = (await store.getRecord(app.id, 'customers', `c${i}`))!;
    if (record.values.stage !== 'active' || (derived.get(record.id)?.orderCount ?? 0) < 5) continue;
    const start = performance.now();
    // The edit: every order of the last 60 days refunded (one write in the app; here, in memory).
    for (const order of byCustomer[i]!) if (Date.parse(order.orderDate) > NOW - 61 * DAY) order.paymentStatus = 'refunded';
    const s = summary(i);
    const stage = lifecycleStage(s, NOW, stageThresholds(stageField), { timeZone: TZ });
    derived.set(record.id, { orderCount: s.orders, lastOrderDate: s.lastOrderAt ?? null });
    // Only edits that move the customer to silent, so both rules run and write every time.
    if (stage !== 'silent') continue;
    const [updated] = await store.mutate(app.id, [{ type: 'update', tableId: 'customers', id: record.id, expectedVersion: record.version, values: { stage } }], { origin: { kind: 'user' } });
    await engine.handleEvent({ type: 'stage-changed', tableId: 'customers', record: updated!, fieldId: 'stage', from: String(record.values.stage), to: stage });
    edits.push(performance.now() - start);
    edited++;
  }
  const tasks = (await store.queryRecords(app.id, 'tasks')).length;
  const editMs = median(edits);
  rows.push({
    group: 'one order edit → stage → rules (written to a MemoryStore of 100,000 customers)',
    name: 'order refunded → stage active→silent → churn warning + care',
    value: editMs,
    unit: 'ms',
    note: `median of ${edited} edits (max ${Math.max(...edits).toFixed(1)} ms); ${tasks} tasks written; budget 16 ms: ${editMs < 16 ? 'ok' : 'OVER'}`,
  });

  // 3. The scheduler: three date-relative rules, and a weekly recurring rule with a condition.
  const dated = enabled.filter((rule) => rule.trigger.type === 'date-relative');
  const scheduler = engineFor(dated);
  clock.now = NOW - 5 * 60_000;
  await scheduler.wake(); // cursors start
  const quiet: number[] = [];
  for (let minute = 4; minute >= 1; minute--) {
    clock.now = NOW - minute * 60_000;
    const start = performance.now();
    await scheduler.wake();
    quiet.push(performance.now() - start);
  }
  const quietMs = median(quiet);
  clock.now = NOW + 60_000;
  let start = performance.now();
  const dueFound = dated.reduce((sum, rule) => sum + dueDateRelative(rule.trigger as DateRelativeTrigger, all, (record) => derived.get(record.id)?.lastOrderDate, NOW - 60_000, NOW + 60_000, TZ).length, 0);
  const findMs = performance.now() - start;
  const before = (await store.queryRecords(app.id, 'messages')).length;
  start = performance.now();
  await scheduler.wake();
  const dueMs = performance.now() - start;
  const written = (await store.queryRecords(app.id, 'messages')).length - before;
  const group3 = `scheduler wake-up, ${CUSTOMERS.toLocaleString('en-US')} customers, 3 date-relative rules`;
  rows.push({ group: group3, name: 'wake with nothing due (a minute of the day)', value: quietMs, unit: 'ms', note: `median of 4; budget 100 ms: ${quietMs < 100 ? 'ok' : 'OVER'}` });
  rows.push({ group: group3, name: 'finding the 10:00 occurrences (dueDateRelative × 3)', value: findMs, unit: 'ms', note: `${dueFound} due; budget 100 ms: ${findMs < 100 ? 'ok' : 'OVER'}` });
  rows.push({ group: group3, name: 'the 10:00 wake, runs written', value: dueMs, unit: 'ms', note: `${written} message rows + run log, ${written > 0 ? (dueMs / written).toFixed(2) : '-'} ms per run` });

  const weekly: RuleDef = {
    id: 'weeklyCare',
    name: '每周关怀',
    enabled: true,
    tableId: 'customers',
    trigger: { type: 'recurring', every: 'week', weekday: 3, at: '10:00' },
    condition: { and: [{ '!=': [{ var: 'orderCount' }, null] }, { '>=': [{ var: 'orderCount' }, 1000] }] },
    actions: [{ type: 'dispatch-event', payload: { customer: '{客户名称}' } }],
  };
  if (!isTimeTrigger(weekly.trigger)) throw new Error('weekly rule is not time-based');
  const recurring = engineFor([weekly]);
  clock.now = NOW - 60_000;
  await recurring.wake();
  clock.now = NOW + 60_000; // 2026-12-02 is a Wednesday: the weekly occurrence is due
  start = performance.now();
  await recurring.wake();
  const weeklyMs = performance.now() - start;
  rows.push({ group: group3, name: 'weekly recurring rule: condition over every customer', value: weeklyMs, unit: 'ms', note: `budget 100 ms: ${weeklyMs < 100 ? 'ok' : 'OVER'}` });
  store.close();
  return rows;
}
