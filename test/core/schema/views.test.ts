/**
 * Validation of saved views (`TableDef.views`): every rule of docs/views.md with the path it
 * reports and its message in both languages, the customer-ltv template's views, and the
 * field abilities (sort, group, sum) the validator and the view settings share.
 */
import { expect } from '@open-wc/testing';
import { validateTemplate, type SchemaIssue } from '../../../src/core/schema/validate.js';
import { buildExport } from '../../../src/core/schema/build-export.js';
import { parseExport } from '../../../src/core/schema/export.js';
import { cloneTemplate } from '../../../src/core/templates/clone.js';
import { isGroupableField, isSortableField, isSummableField, sameView, viewColumns, fitViewToTable } from '../../../src/core/schema/view-fields.js';
import type { FieldDef, TemplateDef, ViewDef } from '../../../src/core/schema/types.js';
import { loadCustomerLtvJson, loose, miniTemplate } from './fixtures.js';

/** The mini template with these views on its customers table. */
function withViews(views: unknown[]): TemplateDef {
  const template = loose(miniTemplate());
  template.tables[0].views = views;
  return template;
}

function errorsOf(views: unknown[], locale: 'en' | 'zh-CN' = 'en'): SchemaIssue[] {
  const result = validateTemplate(withViews(views), { locale });
  return result.ok ? [] : result.errors;
}

function only(views: unknown[], locale: 'en' | 'zh-CN' = 'en'): SchemaIssue {
  const errors = errorsOf(views, locale);
  expect(errors, JSON.stringify(errors)).to.have.length(1);
  return errors[0]!;
}

const FIELD_ORDER = ['name', 'spend', 'joined', 'city', 'orders', 'total', 'tags'];

describe('views: validation', () => {
  it('accepts a complete view and keeps every part of it', () => {
    const view: ViewDef = {
      id: 'v1',
      name: '上海客户',
      labels: { en: 'Shanghai' },
      columns: [{ fieldId: 'city', width: 120 }, { fieldId: 'name' }, { fieldId: 'tags', hidden: true }],
      frozen: 2,
      sort: [{ fieldId: 'spend', direction: 'desc' }, { fieldId: 'name', direction: 'asc' }],
      filter: { in: [{ var: 'city' }, ['sh']] },
      group: { fieldId: 'joined', by: 'month', sums: ['spend', 'total'], collapsed: ['2025-01'] },
    };
    const result = validateTemplate(withViews([view]));
    expect(result.ok, JSON.stringify(result)).to.equal(true);
    if (!result.ok) return;
    expect(result.warnings).to.deep.equal([]);
    expect(result.template.tables[0]!.views).to.deep.equal([view]);
  });

  it('accepts the customer-ltv template with its saved views', async () => {
    const result = validateTemplate(await loadCustomerLtvJson());
    expect(result.ok, JSON.stringify(result.ok ? [] : result.errors.slice(0, 3))).to.equal(true);
    if (!result.ok) return;
    expect(result.warnings).to.deep.equal([]);
    expect(result.template.tables.map((t) => (t.views ?? []).map((v) => v.id))).to.deep.equal([
      ['highValue', 'goneQuiet', 'bySource', 'needsFollowUp'],
      ['byMonth', 'pending'],
      [],
      [],
      ['open'],
      ['latest'],
    ]);
  });

  it('names an unknown column field with its path, in both languages', () => {
    const views = [{ id: 'v1', name: 'a' }, { id: 'v2', name: 'b', columns: [{ fieldId: 'name' }, { fieldId: 'city' }, { fieldId: 'ghost' }] }];
    const en = only(views);
    expect(en.path).to.equal('tables[0].views[1].columns[2].fieldId');
    expect(en.code).to.equal('schema.fieldUnknown');
    expect(en.message).to.equal('Table "customers" has no field with id "ghost".');
    expect(only(views, 'zh-CN').message).to.equal('表“customers”中没有 ID 为“ghost”的字段。');
  });

  it('refuses duplicate and malformed view ids, and a view without a name', () => {
    const errors = errorsOf([{ id: 'v1', name: 'a' }, { id: 'v1', name: 'b' }, { id: 'bad id', name: 'c' }, { id: 'v3', name: '  ' }, { id: 'v4' }]);
    expect(errors.map((e) => [e.path, e.code])).to.deep.equal([
      ['tables[0].views[1].id', 'schema.duplicateId'],
      ['tables[0].views[2].id', 'schema.idSyntax'],
      ['tables[0].views[3].name', 'schema.empty'],
      ['tables[0].views[4].name', 'schema.required'],
    ]);
    expect(errors[0]!.message).to.equal('Duplicate id "v1" (first used at tables[0].views[0].id).');
  });

  it('refuses a field listed twice among the columns', () => {
    const issue = only([{ id: 'v', name: 'v', columns: [{ fieldId: 'name' }, { fieldId: 'spend' }, { fieldId: 'name' }] }], 'zh-CN');
    expect(issue.path).to.equal('tables[0].views[0].columns[2].fieldId');
    expect(issue.code).to.equal('schema.viewColumnDuplicate');
    expect(issue.message).to.equal('字段“客户名称”在此视图中已有一列（位于 tables[0].views[0].columns[0].fieldId）。');
  });

  for (const width of [39, 801, 100.5, '120']) {
    it(`refuses a column width of ${JSON.stringify(width)}`, () => {
      const issue = only([{ id: 'v', name: 'v', columns: [{ fieldId: 'name', width }] }]);
      expect(issue.path).to.equal('tables[0].views[0].columns[0].width');
      expect(issue.message).to.equal('A column width must be a whole number of pixels from 40 to 800.');
    });
  }

  it('accepts widths 40 and 800, frozen 0 and 10', () => {
    expect(errorsOf([{ id: 'v', name: 'v', frozen: 0, columns: [{ fieldId: 'name', width: 40 }, { fieldId: 'spend', width: 800 }] }, { id: 'w', name: 'w', frozen: 10 }])).to.deep.equal([]);
  });

  for (const frozen of [-1, 11, 1.5, null]) {
    it(`refuses frozen ${JSON.stringify(frozen)}`, () => {
      const issue = only([{ id: 'v', name: 'v', frozen }], 'zh-CN');
      expect(issue.path).to.equal('tables[0].views[0].frozen');
      expect(issue.message).to.equal('冻结列数必须是 0 到 10 之间的整数。');
    });
  }

  it('sorts only by existing, single-valued fields, each once, asc or desc', () => {
    const errors = errorsOf([
      {
        id: 'v',
        name: 'v',
        sort: [
          { fieldId: 'tags', direction: 'asc' },
          { fieldId: 'ghost', direction: 'asc' },
          { fieldId: 'spend', direction: 'up' },
          { fieldId: 'name', direction: 'asc' },
          { fieldId: 'name', direction: 'desc' },
          { fieldId: 'joined' },
        ],
      },
    ]);
    expect(errors.map((e) => [e.path, e.code])).to.deep.equal([
      ['tables[0].views[0].sort[0].fieldId', 'schema.viewSortField'],
      ['tables[0].views[0].sort[1].fieldId', 'schema.fieldUnknown'],
      ['tables[0].views[0].sort[2].direction', 'schema.enum'],
      ['tables[0].views[0].sort[4].fieldId', 'schema.viewSortDuplicate'],
      ['tables[0].views[0].sort[5].direction', 'schema.required'],
    ]);
    expect(errors[0]!.message).to.equal('Field "标签" holds a list of values and cannot be sorted by.');
    expect(errors[2]!.message).to.equal('"up" is not one of: asc, desc.');
  });

  it('groups only by groupable fields, with a period only for dates', () => {
    expect(only([{ id: 'v', name: 'v', group: { fieldId: 'name' } }]).message).to.equal(
      'Records cannot be grouped by field "客户名称": group by a choice, checkbox, single relation, date or text formula field.',
    );
    expect(only([{ id: 'v', name: 'v', group: { fieldId: 'tags' } }], 'zh-CN').path).to.equal('tables[0].views[0].group.fieldId');
    const period = only([{ id: 'v', name: 'v', group: { fieldId: 'city', by: 'month' } }], 'zh-CN');
    expect(period.path).to.equal('tables[0].views[0].group.by');
    expect(period.message).to.equal('分组周期（by）只适用于日期字段，字段“城市”不是日期字段。');
    expect(only([{ id: 'v', name: 'v', group: { fieldId: 'joined', by: 'quarter' } }]).code).to.equal('schema.enum');
    expect(errorsOf([{ id: 'v', name: 'v', group: { fieldId: 'city' } }, { id: 'w', name: 'w', group: { fieldId: 'joined', by: 'week' } }])).to.deep.equal([]);
  });

  it('sums only number, money and percent fields, formulas with such a result included', () => {
    const issue = only([{ id: 'v', name: 'v', group: { fieldId: 'city', sums: ['spend', 'total', 'name'] } }]);
    expect(issue.path).to.equal('tables[0].views[0].group.sums[2]');
    expect(issue.message).to.equal('Field "客户名称" is not a number, money or percent field, so it cannot be summed.');
  });

  it('takes a filter the condition builder reads, and refuses one it cannot read', () => {
    expect(errorsOf([{ id: 'v', name: 'v', filter: { and: [{ '!=': [{ var: 'spend' }, null] }, { '>': [{ var: 'spend' }, 10] }] } }])).to.deep.equal([]);
    expect(errorsOf([{ id: 'v', name: 'v', filter: true }])).to.deep.equal([]);
    const ghost = only([{ id: 'v', name: 'v', filter: { in: [{ var: 'ghost' }, ['sh']] } }], 'zh-CN');
    expect(ghost.path).to.equal('tables[0].views[0].filter');
    expect(ghost.code).to.equal('schema.viewFilterUnreadable');
    expect(ghost.message).to.equal('筛选条件无法读取为本表的条件：它可能引用了本表没有的字段、使用了该字段不支持的运算，或缺少值。');
    expect(only([{ id: 'v', name: 'v', filter: { '+': [1, 2] } }]).message).to.match(/^The filter is not a condition the filter builder can read/);
  });

  it('refuses a filter with an incomplete condition or an operator the field does not offer', () => {
    expect(only([{ id: 'v', name: 'v', filter: { in: [{ var: 'city' }, []] } }]).code).to.equal('schema.viewFilterUnreadable');
    expect(only([{ id: 'v', name: 'v', filter: { '===': [{ var: 'name' }, true] } }]).code).to.equal('schema.viewFilterUnreadable');
  });

  it('refuses a bad view in an import file, naming its path under app', () => {
    const { app } = cloneTemplate(miniTemplate(), { now: new Date('2026-11-01T00:00:00Z'), newId: (() => { let n = 0; return () => `id${++n}`; })() });
    app.tables[0]!.views = [{ id: 'v', name: 'v', sort: [{ fieldId: 'gone', direction: 'asc' }] }];
    const parsed = parseExport(JSON.stringify(buildExport(app, {})), 'zh-CN');
    expect(parsed.ok).to.equal(false);
    if (parsed.ok) return;
    expect(parsed.errors.map((e) => [e.path, e.message])).to.deep.equal([['app.tables[0].views[0].sort[0].fieldId', '表“customers”中没有 ID 为“gone”的字段。']]);
  });

  it('reports unknown keys of a view as warnings and keeps them', () => {
    const result = validateTemplate(withViews([{ id: 'v', name: 'v', color: 'red', columns: [{ fieldId: 'name', pinned: true }] }]));
    expect(result.ok).to.equal(true);
    if (!result.ok) return;
    expect(result.warnings.map((w) => w.path)).to.deep.equal(['tables[0].views[0].color', 'tables[0].views[0].columns[0].pinned']);
    expect(loose(result.template.tables[0]!.views![0]).color).to.equal('red');
  });

  it('refuses views that are not a list of objects', () => {
    expect(validateTemplate(loose({ ...withViews([]), tables: [{ ...miniTemplate().tables[0], views: {} }, miniTemplate().tables[1]] })).ok).to.equal(false);
    expect(only([42]).path).to.equal('tables[0].views[0]');
  });
});

describe('views: field abilities', () => {
  const fields = Object.fromEntries(miniTemplate().tables[0]!.fields.map((f) => [f.id, f])) as Record<string, FieldDef>;
  const stageFormula: FieldDef = { id: 'stage', name: '阶段', type: 'formula', options: { formula: 'IF({消费}>0, "活跃", "潜在")', resultType: 'text' } };
  const checkbox: FieldDef = { id: 'vip', name: 'VIP', type: 'checkbox' };
  const single: FieldDef = { id: 'owner', name: '负责人', type: 'relation', options: { table: 'orders' } };

  it('sort: single values sort, lists do not', () => {
    expect(['name', 'spend', 'joined', 'city', 'total'].every((id) => isSortableField(fields[id]!))).to.equal(true);
    expect(isSortableField(fields.tags!)).to.equal(false);
    expect(isSortableField(fields.orders!)).to.equal(false);
  });

  it('group: choice, checkbox, single relation, date and text formula', () => {
    for (const f of [fields.city!, fields.joined!, stageFormula, checkbox, single]) expect(isGroupableField(f), f.id).to.equal(true);
    for (const f of [fields.name!, fields.spend!, fields.tags!, fields.orders!, fields.total!]) expect(isGroupableField(f), f.id).to.equal(false);
  });

  it('sum: numbers, money, percent and numeric formulas', () => {
    expect([fields.spend!, fields.total!].every(isSummableField)).to.equal(true);
    expect([fields.name!, fields.joined!, stageFormula, checkbox].some(isSummableField)).to.equal(false);
  });
});

describe('views: view operations', () => {
  const table = miniTemplate().tables[0]!;

  it('viewColumns lists the view order first, then the fields it does not name, skipping unknown ones', () => {
    const columns = viewColumns(table, { id: 'v', name: 'v', columns: [{ fieldId: 'city', width: 90 }, { fieldId: 'ghost' }, { fieldId: 'name', hidden: true }] });
    expect(columns.map((c) => c.field.id)).to.deep.equal(['city', 'name', 'spend', 'joined', 'orders', 'total', 'tags']);
    expect(columns[0]).to.deep.include({ hidden: false, width: 90 });
    expect(columns[1]!.hidden).to.equal(true);
    expect(viewColumns(table, undefined).map((c) => c.field.id)).to.deep.equal(FIELD_ORDER);
  });

  it('sameView ignores key order and undefined keys, and sees every real difference', () => {
    const a: ViewDef = { id: 'v', name: 'v', sort: [{ fieldId: 'name', direction: 'asc' }] };
    expect(sameView(a, { sort: [{ direction: 'asc', fieldId: 'name' }], name: 'v', id: 'v', group: undefined })).to.equal(true);
    expect(sameView(a, { ...a, sort: [{ fieldId: 'name', direction: 'desc' }] })).to.equal(false);
    expect(sameView(a, { ...a, frozen: 1 })).to.equal(false);
  });

  it('sameView with the table counts defaults as set', () => {
    const bare: ViewDef = { id: 'v', name: 'v' };
    const spelled: ViewDef = { id: 'v', name: 'v', columns: FIELD_ORDER.map((fieldId) => ({ fieldId })), frozen: 1, sort: [], filter: true };
    expect(sameView(bare, spelled)).to.equal(false);
    expect(sameView(bare, spelled, table)).to.equal(true);
    expect(sameView(bare, { ...spelled, frozen: 2 }, table)).to.equal(false);
    expect(sameView(bare, { ...spelled, columns: [{ fieldId: 'spend' }] }, table)).to.equal(false);
    expect(sameView({ ...bare, group: { fieldId: 'city' } }, { ...bare, group: { fieldId: 'city', sums: [] } }, table)).to.equal(true);
  });

  it('fitViewToTable takes a deleted field out of columns, sort, group, sums and filter', () => {
    const after = { ...table, fields: table.fields.filter((f) => f.id !== 'spend') };
    const view: ViewDef = {
      id: 'v',
      name: 'v',
      columns: [{ fieldId: 'spend' }, { fieldId: 'name' }],
      sort: [{ fieldId: 'spend', direction: 'desc' }, { fieldId: 'name', direction: 'asc' }],
      group: { fieldId: 'city', sums: ['spend', 'total'] },
      filter: { and: [{ and: [{ '!=': [{ var: 'spend' }, null] }, { '>': [{ var: 'spend' }, 10] }] }, { in: [{ var: 'city' }, ['sh']] }] },
    };
    expect(fitViewToTable(view, table, after)).to.deep.equal({
      id: 'v',
      name: 'v',
      columns: [{ fieldId: 'name' }],
      sort: [{ fieldId: 'name', direction: 'asc' }],
      group: { fieldId: 'city', sums: ['total'] },
      filter: { and: [{ in: [{ var: 'city' }, ['sh']] }] },
    });
    const grouped = fitViewToTable({ id: 'g', name: 'g', group: { fieldId: 'spend' }, filter: { '>': [{ var: 'spend' }, 1] } }, table, after);
    expect(grouped).to.deep.equal({ id: 'g', name: 'g', filter: { '>': [{ var: 'spend' }, 1] } });
  });

  it('fitViewToTable follows a changed type: a select turned into text no longer groups or filters by choice', () => {
    const after = { ...table, fields: table.fields.map((f) => (f.id === 'city' ? { id: 'city', name: '城市', type: 'text' } : f.id === 'joined' ? { ...f, type: 'text' } : f)) };
    const view: ViewDef = {
      id: 'v',
      name: 'v',
      columns: [{ fieldId: 'city' }],
      sort: [{ fieldId: 'city', direction: 'asc' }],
      group: { fieldId: 'city' },
      filter: { and: [{ in: [{ var: 'city' }, ['sh']] }] },
    };
    expect(fitViewToTable(view, table, after)).to.deep.equal({ id: 'v', name: 'v', columns: [{ fieldId: 'city' }], sort: [{ fieldId: 'city', direction: 'asc' }] });
    const byDate = fitViewToTable({ id: 'd', name: 'd', group: { fieldId: 'joined', by: 'month' } }, table, after);
    expect(byDate.group).to.equal(undefined);
  });
});
