/**
 * A recorded lifecycle stage travels with the app: an export of an app whose stages were
 * recorded imports back with them, without the "computed field's value" warning it drew before;
 * a value that is not a stage is reported with its path (exports are lenient: kept, warned).
 */
import { expect } from '@open-wc/testing';
import { buildExport, parseExport } from '../../src/core/schema/export.js';
import type { RecordData } from '../../src/core/schema/types.js';
import { shopApp } from '../helpers/stage-app.js';

const record = (tableId: string, id: string, values: RecordData['values']): RecordData => ({ id, tableId, version: 2, createdAt: '2026-11-01T00:00:00.000Z', updatedAt: '2026-11-02T00:00:00.000Z', values });

describe('recorded stages in exports', () => {
  const app = shopApp();
  const records = {
    customers: [record('customers', 'c1', { name: '范国庆', stage: 'active' }), record('customers', 'c2', { name: '李娜', stage: 'silent' })],
    orders: [record('orders', 'o1', { orderNo: 'SO1', customer: 'c1', orderDate: '2026-10-30', paymentStatus: 'paid' })],
  };

  it('imports back with the recorded stages, and no warning', () => {
    const parsed = parseExport(JSON.stringify(buildExport(app, records)), 'zh-CN');
    expect(parsed.ok, JSON.stringify(parsed.ok ? [] : parsed.errors)).to.equal(true);
    if (!parsed.ok) return;
    expect(parsed.value.records.customers!.map((r) => r.values.stage)).to.deep.equal(['active', 'silent']);
    expect(parsed.warnings).to.deep.equal([]);
  });

  it('reports a stage that is not one of the five, naming the record and field', () => {
    const bad = { ...records, customers: [record('customers', 'c1', { name: '范国庆', stage: 'vip' })] };
    const parsed = parseExport(JSON.stringify(buildExport(app, bad)), 'en');
    const issues = (parsed.ok ? parsed.warnings : parsed.errors) ?? [];
    expect(issues.map((e) => e.path)).to.deep.equal(['records.customers[0].values.stage']);
  });
});
