import { expect } from '@open-wc/testing';
import { cloneTemplate } from '../../../src/core/templates/clone.js';
import { validateApp, validateExport, validateTemplate } from '../../../src/core/schema/validate.js';
import { buildExport } from '../../../src/core/schema/export.js';
import type { TemplateDef } from '../../../src/core/schema/types.js';
import { loadCustomerLtvJson, loose, miniTemplate } from '../schema/fixtures.js';

const NOW = new Date('2026-11-01T00:00:00.000Z');

function counter(prefix = 'n'): () => string {
  let n = 0;
  return () => `${prefix}${++n}`;
}

async function customerLtv(): Promise<TemplateDef> {
  const result = validateTemplate(await loadCustomerLtvJson());
  if (!result.ok) throw new Error('customer-ltv.json is invalid');
  return result.template;
}

describe('cloneTemplate', () => {
  it('creates a fresh app definition', () => {
    const { app } = cloneTemplate(miniTemplate(), { appId: 'crm', now: NOW });
    expect(app).to.deep.equal({
      id: 'crm',
      name: 'Mini CRM',
      labels: { 'zh-CN': '迷你客户管理', en: 'Mini CRM' },
      templateId: 'mini',
      version: 1,
      createdAt: '2026-11-01T00:00:00.000Z',
      updatedAt: '2026-11-01T00:00:00.000Z',
      tables: miniTemplate().tables,
    });
    expect(validateApp(app).ok).to.equal(true);
  });

  it('uses a chosen name without the template labels', () => {
    const { app } = cloneTemplate(miniTemplate(), { name: '华东区客户', now: NOW });
    expect(app.name).to.equal('华东区客户');
    expect(app.labels).to.equal(undefined);
    expect(app.id).to.match(/^app_[0-9a-z]{20}$/);
  });

  it('gives every record a new id and rewrites relations to the new ids', () => {
    const { records } = cloneTemplate(miniTemplate(), { appId: 'crm', newId: counter() });
    expect(records).to.deep.equal({
      customers: [
        { id: 'n1', values: { name: '王伟', spend: 12.5, joined: '2025-01-02', city: 'sh', tags: ['vip'] } },
        { id: 'n2', values: { name: '李娜' } },
      ],
      orders: [
        { id: 'n3', values: { no: 'SO1', customer: 'n1', amount: 99.9, related: [] } },
        { id: 'n4', values: { no: 'SO2', customer: 'n2', amount: 10, related: ['n3'] } },
      ],
    });
  });

  it('never stores inverse relations or formulas', () => {
    // A template author may not know these are derived; validation reports them, and the
    // clone drops them even from an unvalidated template.
    const t = loose(miniTemplate());
    t.sampleData.customers[0].values.orders = ['o1'];
    t.sampleData.customers[0].values.total = 109.9;
    const { records } = cloneTemplate(t, { newId: counter() });
    expect(records.customers[0].values).not.to.have.any.keys('orders', 'total');
  });

  it('remaps every relation of the full customer-ltv data', async () => {
    const template = await customerLtv();
    const { records } = cloneTemplate(template, { now: NOW, newId: counter('x') });
    const samples = template.sampleData ?? {};
    expect(records.customers).to.have.length(samples.customers.length);
    expect(records.orders).to.have.length(samples.orders.length);
    const newCustomerId = new Map(samples.customers.map((c, i) => [c.id, records.customers[i].id]));
    const oldIds = new Set(samples.customers.map((c) => c.id));
    samples.orders.forEach((order, i) => {
      const cloned = records.orders[i].values;
      expect(cloned.customer).to.equal(newCustomerId.get(String(order.values.customer)));
      expect(oldIds.has(String(cloned.customer))).to.equal(false);
      const { customer: _old, ...rest } = order.values;
      const { customer: _new, ...clonedRest } = cloned;
      expect(clonedRest).to.deep.equal(rest);
    });
    for (const c of records.customers) {
      for (const key of Object.keys(c.values)) {
        const field = template.tables[0].fields.find((f) => f.id === key);
        expect(field?.type, key).not.to.equal('formula');
        expect(field?.options?.inverseOf, key).to.equal(undefined);
      }
    }
  });

  it('produces data that validates as an export without a single warning', async () => {
    const { app, records } = cloneTemplate(await customerLtv(), { now: NOW });
    const stored = Object.fromEntries(
      Object.entries(records).map(([tableId, list]) => [
        tableId,
        list.map((r) => ({ ...r, tableId, version: 1, createdAt: NOW.toISOString(), updatedAt: NOW.toISOString() })),
      ]),
    );
    const result = validateExport(buildExport(app, stored, NOW));
    expect(result.ok).to.equal(true);
    if (result.ok) expect(result.warnings).to.deep.equal([]);
  });

  it('is deterministic when newId is given', async () => {
    const template = await customerLtv();
    const a = cloneTemplate(template, { now: NOW, newId: counter() });
    const b = cloneTemplate(template, { now: NOW, newId: counter() });
    expect(a).to.deep.equal(b);
    expect(a.app.id).to.equal('n1');
  });

  it('gives two clones of one template no id in common', async () => {
    const template = await customerLtv();
    const a = cloneTemplate(template);
    const b = cloneTemplate(template);
    const idsOf = (clone: typeof a) => [clone.app.id, ...Object.values(clone.records).flatMap((list) => list.map((r) => r.id))];
    const idsA = idsOf(a);
    const idsB = new Set(idsOf(b));
    expect(new Set(idsA).size).to.equal(idsA.length);
    expect(idsB.size).to.equal(idsA.length);
    expect(idsA.filter((id) => idsB.has(id))).to.deep.equal([]);
    // Record values that point at records point at the clone's own records only.
    const aRecordIds = new Set(idsA);
    for (const order of b.records.orders) expect(aRecordIds.has(String(order.values.customer))).to.equal(false);
  });

  it('shares no objects with the template', () => {
    const template = miniTemplate();
    const { app, records } = cloneTemplate(template, { newId: counter() });
    app.tables[0].fields[3].options?.choices?.push({ id: 'gz', name: '广州' });
    (records.customers[0].values.tags as string[]).push('new');
    expect(template.tables[0].fields[3].options?.choices).to.have.length(2);
    expect(template.sampleData?.customers[0].values.tags).to.deep.equal(['vip']);
  });

  it('refuses a relation to a sample record that does not exist', () => {
    const t = loose(miniTemplate());
    t.sampleData.orders[0].values.customer = 'c404';
    expect(() => cloneTemplate(t, { newId: counter() })).to.throw(TypeError, /c404/);
  });

  it('refuses an id generator that repeats itself or makes invalid ids', () => {
    expect(() => cloneTemplate(miniTemplate(), { newId: () => 'same' })).to.throw(TypeError, /twice/);
    expect(() => cloneTemplate(miniTemplate(), { newId: () => 'not valid' })).to.throw(TypeError, /invalid/);
  });
});
