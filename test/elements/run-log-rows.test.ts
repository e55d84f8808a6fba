/** The run log's rows without the DOM: newest-first inserts, the filter against a plain loop, narrowing while typing, details of cut-off runs. */
import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import type { RecordData } from '../../src/core/schema/types.js';
import { RUN_TABLE_ID } from '../../src/runtime/rules/run-log.js';
import { RUN_NO_VARIANT, compareRows, filterRuns, narrows, runChoices, runDetails, runRow, upsertRow, type RunFilter, type RunRow } from '../../src/elements/rules/run-log-rows.js';

const run = (id: string, values: RecordData['values']): RecordData => ({ id, tableId: RUN_TABLE_ID, version: 1, createdAt: '', updatedAt: '', values: { table: 't', trigger: 'created', ...values } });

describe('run log rows', () => {
  it('filters like a plain loop, and narrowing a typed search gives the same runs', () => {
    const row = fc.record({ rule: fc.constantFrom('r1', 'r2'), status: fc.constantFrom('ok', 'error'), variant: fc.constantFrom('A', 'B', null), trigger: fc.constantFrom('created', 'recurring'), day: fc.integer({ min: 0, max: 9 }), name: fc.constantFrom('张三', '张三丰', 'Ann', 'anna') });
    const filter = fc.record({ rule: fc.constantFrom('', 'r1'), status: fc.constantFrom('', 'error'), variant: fc.constantFrom('', 'A', RUN_NO_VARIANT), trigger: fc.constantFrom('', 'recurring'), from: fc.option(fc.integer({ min: 0, max: 9 }), { nil: undefined }), record: fc.constantFrom('', '张', '张三', 'AN', 'ann') });
    fc.assert(
      fc.property(fc.array(row, { maxLength: 40 }), filter, (list, f) => {
        const rows = list.map((r, i) => runRow(run(`run_${i}`, { rule: r.rule, status: r.status, variant: r.variant, trigger: r.trigger, record: `c${i}`, at: new Date(Date.UTC(2026, 0, 1 + r.day)).toISOString() }), r.name)!).sort(compareRows);
        const query: RunFilter = { ...f, ...(f.from !== undefined ? { from: Date.UTC(2026, 0, 1 + f.from) } : {}) };
        const expected = rows.filter((r) => {
          const source = list[Number(r.id.slice(4))]!;
          return (!f.rule || r.rule === f.rule) && (!f.status || r.status === f.status) && (!f.variant || r.variant === (f.variant === RUN_NO_VARIANT ? null : f.variant)) && (!f.trigger || r.trigger === f.trigger) && (f.from === undefined || source.day >= f.from) && (!f.record || source.name.toLowerCase().includes(f.record.toLowerCase()) || r.record.includes(f.record.toLowerCase()));
        });
        expect(filterRuns(rows, query).map((r) => r.id)).to.deep.equal(expected.map((r) => r.id));
        const shorter = { ...query, record: (query.record ?? '').slice(0, 1) };
        expect(narrows(shorter, query)).to.equal(true);
        expect(filterRuns(filterRuns(rows, shorter), query).map((r) => r.id)).to.deep.equal(expected.map((r) => r.id));
      }),
    );
    expect(narrows({ record: '张三' }, { record: '张' })).to.equal(false);
    expect(narrows({ record: '张', status: 'ok' }, { record: '张三' })).to.equal(false);
  });

  it('keeps the list newest first when a live run arrives or changes', () => {
    const rows = ['2026-01-03', '2026-01-01'].map((day, i) => runRow(run(`run_${i}`, { rule: 'r', record: 'c', status: 'ok', at: `${day}T00:00:00Z` }))!);
    let next: RunRow[] = upsertRow(rows, runRow(run('run_x', { rule: 'r', record: 'c', status: 'ok', at: '2026-01-02T00:00:00Z' }))!);
    expect(next.map((r) => r.id)).to.deep.equal(['run_0', 'run_x', 'run_1']);
    next = upsertRow(next, runRow(run('run_x', { rule: 'r', record: 'c', status: 'partial', at: '2026-01-02T00:00:00Z' }))!);
    expect(next.map((r) => [r.id, r.status])).to.deep.equal([['run_0', 'ok'], ['run_x', 'partial'], ['run_1', 'ok']]);
    expect(runChoices(next).variants.get('')).to.deep.equal([]);
  });

  it('reads a run cut off at its length limit without failing, and keeps each error line', () => {
    const details = runDetails(run('run_1', { rule: 'r', record: 'c', status: 'partial', inputs: '{"name":"张', steps: '{"steps":[{"actionIndex":0,"type":"webhook","status":"planned"}],"update":{"values":{"points":5}},"creates":[{"tableId":"tasks","id":"t1"}]}', error: 'first\n2026-01-01T00:00:00Z webhook attempt 1: HTTP 500\nfailed: webhook gave up after 1 attempts' }));
    expect(details.unreadable).to.equal(true);
    expect(details.inputs).to.equal(undefined);
    expect(details.steps).to.deep.equal([{ actionIndex: 0, type: 'webhook', status: 'planned' }]);
    expect(details.update).to.deep.equal({ points: 5 });
    expect(details.creates).to.deep.equal([{ tableId: 'tasks', id: 't1' }]);
    expect(details.errors).to.deep.equal(['first', '2026-01-01T00:00:00Z webhook attempt 1: HTTP 500', 'failed: webhook gave up after 1 attempts']);
  });
});
