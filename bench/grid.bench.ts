/**
 * Benchmark (issue 10): `<ltc-table>` over 100,000 customers held in a MemoryStore (the
 * grid's cost, not IndexedDB's: app.bench.ts measures reading from disk), next to the floor —
 * a hand-rolled fixed-row-height virtual list over the same records, written here — in the
 * same run: first rows painted, sort / filter / group to paint, 100 jumps top → bottom and a
 * wheel flick (frames over 50 ms), and the JS heap. Budgets: first rows ≤ 1.5× the floor,
 * sort and filter ≤ 1.5×, group ≤ 2×, no frame over 50 ms.
 */
import { cloneTemplate } from '../src/core/templates/index.js';
import type { RecordData, TemplateDef } from '../src/core/schema/types.js';
import { MemoryStore } from '../src/store/index.js';
import { orderBy } from '../src/store/records.js';
import '../src/define.js';
import type { LtcApp } from '../src/elements/ltc-app.js';
import type { LtcTable } from '../src/elements/ltc-table.js';
import type { BenchRow } from './types.js';
import { customers } from './app.bench.js';

const ROW = 36;
const frame = () => new Promise<number>((resolve) => requestAnimationFrame(resolve));

/** The floor: a scroller, a spacer, and the visible rows' text written with textContent. */
class Floor {
  readonly scroller = document.createElement('div');
  private readonly body = document.createElement('div');
  constructor(private records: RecordData[], private fields: string[]) {
    this.scroller.style.cssText = 'height:600px;overflow:auto;position:relative';
    this.body.style.position = 'relative';
    this.scroller.append(this.body);
    this.scroller.addEventListener('scroll', () => this.paint());
    document.body.append(this.scroller);
  }
  show(records: RecordData[]): void {
    this.records = records;
    this.paint();
  }
  paint(): void {
    this.body.style.height = `${this.records.length * ROW}px`;
    const first = Math.floor(this.scroller.scrollTop / ROW);
    const rows: HTMLElement[] = [];
    for (let i = Math.max(0, first - 8); i < Math.min(this.records.length, first + 26); i++) {
      const row = document.createElement('div');
      row.style.cssText = `position:absolute;top:${i * ROW}px;height:${ROW}px;display:flex`;
      for (const id of this.fields) {
        const cell = document.createElement('span');
        cell.style.width = '160px';
        cell.textContent = String(this.records[i].values[id] ?? '');
        row.append(cell);
      }
      rows.push(row);
    }
    this.body.replaceChildren(...rows);
  }
}

async function timed(work: () => Promise<unknown> | unknown): Promise<number> {
  const start = performance.now();
  await work();
  await frame();
  return performance.now() - start;
}

/** Frames over 50 ms while `steps` scroll positions are set, one per frame. */
async function longFrames(scroller: HTMLElement, positions: number[]): Promise<number> {
  let over = 0;
  let last = await frame();
  for (const top of positions) {
    scroller.scrollTop = top;
    const now = await frame();
    if (now - last > 50) over++;
    last = now;
  }
  return over;
}

export default async function run(): Promise<BenchRow[]> {
  const template = (await (await fetch('/templates/customer-ltv.json')).json()) as TemplateDef;
  const { app } = cloneTemplate({ ...template, sampleData: {} }, { appId: 'grid-bench' });
  const store = new MemoryStore();
  await store.putApp(app);
  await store.bulkCreate(app.id, 'customers', customers(template), { batchSize: 20_000 });
  const all = await store.queryRecords(app.id, 'customers');
  const fields = app.tables[0].fields.filter((f) => f.type !== 'formula' && f.type !== 'relation').map((f) => f.id);
  const rows: BenchRow[] = [];
  const add = (name: string, floor: number, grid: number, budget: number, unit = 'ms') => {
    const group = `grid, 100,000 customers: ${name}`;
    rows.push({ group, name: 'floor: hand-rolled virtual list', value: floor, unit });
    rows.push({ group, name: '<ltc-table>', value: grid, unit, note: `${(grid / floor).toFixed(2)}× floor; budget ${budget}×: ${grid / floor <= budget ? 'ok' : 'OVER'}` });
  };

  const floor = new Floor([], fields);
  const floorFirst = await timed(async () => floor.show(await store.queryRecords(app.id, 'customers', { limit: 40 })));
  floor.show(all);
  const floorSort = await timed(() => floor.show(orderBy([...all], (r) => r.values.name, 'asc')));
  const floorFilter = await timed(() => floor.show(all.filter((r) => r.values.city === 'shanghai')));
  const floorGroup = await timed(() => {
    const groups = new Map<string, RecordData[]>();
    for (const r of all) {
      const key = String(r.values.city ?? '');
      (groups.get(key) ?? groups.set(key, []).get(key)!).push(r);
    }
    floor.show([...groups.values()].flat());
  });
  const floorJumps = await longFrames(floor.scroller, Array.from({ length: 100 }, (_, i) => (i % 2 ? all.length * ROW : 0)));
  floor.scroller.remove();

  const start = performance.now();
  const el = document.createElement('ltc-app') as LtcApp;
  el.setAttribute('app-id', app.id);
  el.store = store;
  document.body.append(el);
  let table: LtcTable | null = null;
  // Polled at each frame: a paint is what counts, and timers wait behind the derived values' slices.
  while (!(table = el.shadowRoot?.querySelector('ltc-table') as LtcTable | null)?.shadowRoot?.querySelector('tbody tr[data-id]')) await new Promise((r) => requestAnimationFrame(r));
  const gridFirst = performance.now() - start;
  while (!el.derived?.ready) await new Promise((r) => setTimeout(r, 10));
  const t = table!;
  const settle = async () => {
    await t.updateComplete;
    while (t.loading) await new Promise((r) => setTimeout(r, 1));
    await t.updateComplete;
  };
  await settle();
  const base = { id: 'bench', name: 'bench' };
  const gridSort = await timed(async () => ((t.view = { ...base, sort: [{ fieldId: 'name', direction: 'asc' }] }), await settle()));
  const gridFilter = await timed(async () => ((t.view = { ...base, filter: { in: [{ var: 'city' }, ['shanghai']] } }), await settle()));
  const gridGroup = await timed(async () => ((t.view = { ...base, group: { fieldId: 'city', sums: ['acquisitionCost'] } }), await settle()));
  t.view = undefined;
  await settle();
  const scroller = t.shadowRoot!.querySelector<HTMLElement>('.scroller')!;
  const gridJumps = await longFrames(scroller, Array.from({ length: 100 }, (_, i) => (i % 2 ? scroller.scrollHeight : 0)));
  scroller.scrollTop = 0;
  const flick = await longFrames(scroller, Array.from({ length: 120 }, (_, i) => i * 400));
  const heap = (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize ?? 0;

  add('first rows painted', floorFirst, gridFirst, 1.5);
  add('sort by name to paint', floorSort, gridSort, 1.5);
  add('filter city = 上海 to paint', floorFilter, gridFilter, 1.5);
  add('group by city (+ sum) to paint', floorGroup, gridGroup, 2);
  rows.push({ group: 'grid, frames over 50 ms', name: 'floor: 100 jumps top ↔ bottom', value: floorJumps, unit: 'frames' });
  rows.push({ group: 'grid, frames over 50 ms', name: '<ltc-table>: 100 jumps top ↔ bottom', value: gridJumps, unit: 'frames', note: `budget 0: ${gridJumps === 0 ? 'ok' : 'OVER'}` });
  rows.push({ group: 'grid, frames over 50 ms', name: '<ltc-table>: wheel flick (120 frames, 400 px each)', value: flick, unit: 'frames', note: `budget 0: ${flick === 0 ? 'ok' : 'OVER'}` });
  rows.push({ group: 'grid, memory', name: 'JS heap with 100,000 customers and the grid', value: heap / 1e6, unit: 'MB' });
  el.remove();
  return rows;
}
