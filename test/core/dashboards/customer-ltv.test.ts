/** The customer-ltv template's dashboard: shipped, validated, cloned, and its numbers equal plain loops over the sample data and its derived values. */
import { expect } from '@open-wc/testing';
import '../../../src/designer.js';
import { computeDashboard } from '../../../src/core/dashboards/index.js';
import type { CellValue } from '../../../src/core/schema/types.js';
import { customerLtvTemplate, openCustomerLtv } from '../../helpers/customer-ltv.js';

describe('customer-ltv dashboard', () => {
  it('ships the overview: customers, stage funnel, LTV by channel, revenue by tier, repurchase, LTV distribution, cohorts, predicted vs historic CLV', async () => {
    const template = await customerLtvTemplate();
    expect(template.dashboards?.map((d) => d.id)).to.deep.equal(['overview']);
    expect(template.dashboards![0].panels.map((p) => p.id)).to.deep.equal(['customers', 'stageFunnel', 'ltvByChannel', 'revenueByTier', 'repurchase', 'ltvDistribution', 'cohorts', 'predictedVsHistoric']);
  });

  it('computes every panel from the cloned app, formula and stage values included', async () => {
    const { app, derived } = await openCustomerLtv('ltv-dashboard');
    expect(app.dashboards?.[0].id).to.equal('overview');
    const now = new Date('2026-10-31T04:00:00Z');
    const value = (tableId: string, id: string, fieldId: string) => derived.value(tableId, id, fieldId) as CellValue | undefined;
    const results = computeDashboard(app.dashboards![0], {
      app,
      records: (id) => derived.all(id),
      readValue: (record, field) => value(record.tableId, record.id, field.id),
      now,
      locale: 'en',
    });
    // The predicted-CLV panel (last) waits for the model fit, which a test without a worker lacks.
    expect(results.length).to.equal(8);
    for (const result of results.slice(0, 7)) expect(result.note, JSON.stringify(result.note)).to.equal(undefined);
    const customers = derived.all('customers');
    const [count, funnel, byChannel, byTier] = results;
    expect(count.headline!.value).to.equal(customers.length);
    const stages = ['potential', 'new', 'active', 'silent', 'churned'];
    expect(funnel.categories.map((c) => c.key)).to.deep.equal(stages);
    expect(funnel.series[0].values).to.deep.equal(stages.map((s) => customers.filter((c) => value('customers', c.id, 'stage') === s).length));
    expect(funnel.series[0].values.reduce((a, b) => a! + b!, 0)).to.equal(customers.length);
    byChannel.categories.forEach((category, i) => {
      const ltvs = customers.filter((c) => String(c.values.source ?? '') === category.key).map((c) => value('customers', c.id, 'ltv')).filter((v): v is number => typeof v === 'number');
      if (ltvs.length === 0) expect(byChannel.series[0].values[i]).to.equal(null);
      else expect(byChannel.series[0].values[i]).to.be.closeTo(ltvs.reduce((a, b) => a + b, 0) / ltvs.length, 1e-6);
    });
    let revenue = 0;
    for (const c of customers) revenue += (value('customers', c.id, 'totalSpend') as number) ?? 0;
    expect(byTier.series[0].values.reduce((a, b) => a! + b!, 0)).to.be.closeTo(revenue, 1e-4);
    expect(results[4].series.map((s) => s.key)).to.deep.equal(['d30', 'd60', 'd90', 'customers']);
    expect(results[6].chart).to.equal('heatmap');
  });
});
