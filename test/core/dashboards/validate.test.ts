/** Dashboard validation: every problem with its path and a zh/en message, through validateApp and validateTemplate too. */
import { expect } from '@open-wc/testing';
import { checkDashboards, dashboardMessage, DASHBOARD_MESSAGES } from '../../../src/core/dashboards/index.js';
import { validateApp, validateTemplate } from '../../../src/core/schema/validate.js';
import { shopApp } from './fixtures.js';

const tables = shopApp().tables;
const good = {
  id: 'main',
  name: 'Overview',
  panels: [
    { id: 'n', title: 'Customers', kind: 'metric', chart: 'number', tableId: 'customers', measure: { op: 'count' }, compare: { dateFieldId: 'registeredOn', period: 'month' } },
    { id: 'b', title: 'LTV by tier', kind: 'metric', chart: 'bar', span: 2, tableId: 'customers', measure: { op: 'avg', fieldId: 'ltv' }, group: { fieldId: 'tier' } },
    { id: 'h', title: 'LTV', kind: 'histogram', tableId: 'customers', fieldId: 'ltv', bins: 12 },
    { id: 'c', title: 'Cohorts', kind: 'cohort', tableId: 'customers', ordersFieldId: 'orders', dateFieldId: 'date', months: 12 },
    { id: 'r', title: 'Repurchase', kind: 'repurchase', tableId: 'customers', ordersFieldId: 'orders', dateFieldId: 'paidAt', windows: [30, 60, 90] },
    { id: 'p', title: 'CLV', kind: 'predicted', tableId: 'customers', predictedFieldId: 'notYet', historicFieldId: 'ltv' },
    { id: 'l', title: 'L2C', kind: 'leadToCash', tableId: 'leads', steps: [{ tableId: 'leads' }, { tableId: 'deals', linkFieldId: 'lead' }] },
    { id: 'v', title: 'A/B', kind: 'variants', tableId: 'customers', ruleId: 'gone' },
  ],
};

describe('checkDashboards', () => {
  it('accepts a valid dashboard (built-ins referring to fields an app may add later included)', () => {
    expect(checkDashboards([good], tables)).to.deep.equal([]);
  });

  it('reports each problem at its path', () => {
    const bad = [
      {
        id: 'main',
        name: '',
        panels: [
          { id: 'x', title: 'A', kind: 'metric', chart: 'donut', tableId: 'customers', measure: { op: 'sum' }, group: { fieldId: 'name' } },
          { id: 'x', title: 'B', kind: 'metric', chart: 'bar', span: 4, tableId: 'customers', measure: { op: 'median' } },
          { id: 'y', title: 'C', kind: 'metric', chart: 'line', tableId: 'customers', measure: { op: 'avg', fieldId: 'tier' }, group: { fieldId: 'tier', by: 'month' }, compare: { dateFieldId: 'registeredOn', period: 'month' } },
          { id: 'z', title: 'D', kind: 'histogram', tableId: 'nowhere', fieldId: 'ltv' },
          { id: 'w', title: 'E', kind: 'cohort', tableId: 'customers', ordersFieldId: 'tier', dateFieldId: 'date', months: 99 },
          { id: 'u', title: 'F', kind: 'repurchase', tableId: 'customers', ordersFieldId: 'orders', dateFieldId: 'amount', windows: [0] },
          { id: 't', title: 'G', kind: 'pie3d', tableId: 'customers' },
          { id: 's', title: 'H', kind: 'metric', chart: 'pivot', tableId: 'customers', measure: { op: 'count' }, group: { fieldId: 'registeredOn', by: 'hour' }, filter: 'vip' },
        ],
      },
      { id: 'main', name: 'Again', panels: 'none' },
    ];
    const issues = checkDashboards(bad, tables).map((i) => `${i.path} ${i.code}`);
    expect(issues).to.deep.equal([
      'dashboards[0].name dashboard.noName',
      'dashboards[0].panels[0].chart dashboard.unknownChart',
      'dashboards[0].panels[0].measure.fieldId dashboard.measureField',
      'dashboards[0].panels[0].group.fieldId dashboard.needsGroupable',
      'dashboards[0].panels[1].id dashboard.duplicateId',
      'dashboards[0].panels[1].span dashboard.badSpan',
      'dashboards[0].panels[1].measure.op dashboard.badMeasure',
      'dashboards[0].panels[1].group dashboard.needsGroup',
      'dashboards[0].panels[2].measure.fieldId dashboard.needsNumber',
      'dashboards[0].panels[2].group.by dashboard.periodNotDate',
      'dashboards[0].panels[2].compare dashboard.compareNotNumber',
      'dashboards[0].panels[3].tableId dashboard.unknownTable',
      'dashboards[0].panels[4].ordersFieldId dashboard.needsInverse',
      'dashboards[0].panels[4].months dashboard.badNumber',
      'dashboards[0].panels[5].dateFieldId dashboard.needsDate',
      'dashboards[0].panels[5].windows[0] dashboard.badNumber',
      'dashboards[0].panels[6].kind dashboard.unknownKind',
      'dashboards[0].panels[7].filter dashboard.badCondition',
      'dashboards[0].panels[7].group.by dashboard.badPeriod',
      'dashboards[0].panels[7].columns dashboard.needsColumns',
      'dashboards[1].id dashboard.duplicateId',
      'dashboards[1].panels dashboard.notArray',
    ]);
  });

  it('has every message in zh-CN and en, with the params filled in', () => {
    for (const [code, text] of Object.entries(DASHBOARD_MESSAGES)) {
      expect(text['zh-CN'], code).to.be.a('string').and.not.equal('');
      expect(text.en, code).to.be.a('string').and.not.equal('');
    }
    const issue = checkDashboards([{ id: 'd', name: 'D', panels: [{ id: 'p', title: 'P', kind: 'histogram', tableId: 'customers', fieldId: 'nope' }] }], tables)[0];
    expect(dashboardMessage(issue, 'en')).to.equal('Table "客户" has no field "nope".');
    expect(dashboardMessage(issue, 'zh-CN')).to.equal('数据表“客户”中没有字段“nope”。');
  });
});

describe('dashboards in app and template files', () => {
  it('keeps valid dashboards and rejects bad ones with the full path', () => {
    const ok = validateApp({ ...shopApp(), dashboards: [good] });
    expect(ok.ok).to.equal(true);
    if (ok.ok) expect(ok.value.dashboards).to.deep.equal([good]);
    const bad = validateApp({ ...shopApp(), dashboards: [{ ...good, panels: [{ ...good.panels[1], group: { fieldId: 'nope' } }] }] }, { locale: 'zh-CN' });
    expect(bad.ok).to.equal(false);
    if (!bad.ok) {
      expect(bad.errors.map((e) => e.path)).to.deep.equal(['dashboards[0].panels[0].group.fieldId']);
      expect(bad.errors[0].message).to.equal('数据表“客户”中没有字段“nope”。');
    }
  });

  it('validates a template’s dashboards', () => {
    const app = shopApp();
    const template = { format: 'ltc-template', formatVersion: 1, id: 'shop', name: 'Shop', tables: app.tables, dashboards: [{ ...good, panels: [{ ...good.panels[0], span: 0 }] }] };
    const result = validateTemplate(template);
    expect(result.ok).to.equal(false);
    if (!result.ok) expect(result.errors.map((e) => `${e.path} ${e.code}`)).to.deep.equal(['dashboards[0].panels[0].span dashboard.badSpan']);
  });
});
