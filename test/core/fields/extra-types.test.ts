/**
 * The field types of issue 12, part A — rating, tags, member tier, assignee, created /
 * updated time — as core facts: coercion from what people type and spreadsheets hold,
 * stored-value checks, validation, plain text, sort keys, a computed tier through the
 * formula graph (and updating with its points), timestamps read from the record, and a CSV
 * round trip (recordsToCsv → csvToRecords) for each.
 */
import { expect } from '@open-wc/testing';
import { registerExtraFieldTypes, EXTRA_FIELD_TYPE_DEFS } from '../../../src/core/fields/extra-types.js';
import { fieldTypeOf, listFieldTypes, BUILTIN_FIELD_TYPE_DEFS, checkOptionSpecs } from '../../../src/core/fields/index.js';
import { fieldTypeIcon, GENERIC_FIELD_ICON } from '../../../src/core/fields/icons.js';
import { csvToRecords, recordsToCsv } from '../../../src/core/csv/index.js';
import { buildFormulaGraph } from '../../../src/core/formula/graph.js';
import { evaluateFormula } from '../../../src/core/formula/index.js';
import { tierForPoints } from '../../../src/core/fields/types/tier.js';
import type { AppDef, CellValue, FieldDef, TableDef } from '../../../src/core/schema/types.js';
import { MemoryStore } from '../../../src/store/memory-store.js';
import { DerivedValues } from '../../../src/runtime/derived.js';

registerExtraFieldTypes();

const RATING: FieldDef = { id: 'r', name: '评分', type: 'rating', options: { max: 5 } };
const TAGS: FieldDef = { id: 'tags', name: '标签', type: 'tags' };
const LEVELS = [
  { id: 'normal', name: '普通会员', labels: { 'zh-CN': '普通会员', en: 'Member' }, minPoints: 0 },
  { id: 'silver', name: '银卡', labels: { 'zh-CN': '银卡', en: 'Silver' }, color: '#94a3b8', minPoints: 100 },
  { id: 'gold', name: '金卡', labels: { 'zh-CN': '金卡', en: 'Gold' }, color: '#d4a017', minPoints: 1000 },
];
const TIER: FieldDef = { id: 'tier', name: '会员等级', type: 'tier', options: { levels: LEVELS } };
const COMPUTED_TIER: FieldDef = { id: 'ctier', name: '等级', type: 'tier', options: { levels: LEVELS, pointsField: 'points' } };
const ASSIGNEE: FieldDef = { id: 'owner', name: '负责人', type: 'assignee', options: { table: 'staff' } };
const CREATED: FieldDef = { id: 'created', name: '创建时间', type: 'createdTime' };
const UPDATED: FieldDef = { id: 'updated', name: '更新时间', type: 'updatedTime' };

function coerce(field: FieldDef, raw: unknown, source: 'input' | 'csv' | 'json' = 'csv') {
  return fieldTypeOf(field).coerce(raw, field, source);
}

describe('the added field types', () => {
  it('are registered once, with zh/en labels, a category and an icon, after the built-ins', () => {
    registerExtraFieldTypes();
    const types = listFieldTypes().map((t) => t.type);
    for (const def of EXTRA_FIELD_TYPE_DEFS) {
      expect(types.filter((t) => t === def.type), def.type).to.have.length(1);
      expect(def.labels['zh-CN']).to.be.a('string').and.not.empty;
      expect(def.labels.en).to.be.a('string').and.not.empty;
      expect(def.icon, def.type).to.match(/^M[\d\s.,MLHVCSQTAZmlhvcsqtaz-]+$/);
    }
    expect(types.indexOf('rating')).to.be.greaterThan(types.indexOf('stage'));
  });

  it('gives every type a palette icon: the first fifteen from the icon table, the others their own', () => {
    const icons = new Set<string>();
    for (const def of [...BUILTIN_FIELD_TYPE_DEFS, ...EXTRA_FIELD_TYPE_DEFS]) {
      const icon = fieldTypeIcon(def.type);
      expect(icon, def.type).to.not.equal(GENERIC_FIELD_ICON);
      icons.add(icon);
    }
    expect(icons.size).to.equal(BUILTIN_FIELD_TYPE_DEFS.length + EXTRA_FIELD_TYPE_DEFS.length);
    expect(fieldTypeIcon('a-site-owners-type')).to.equal(GENERIC_FIELD_ICON);
  });
});

describe('rating', () => {
  const cases: Array<[unknown, CellValue]> = [
    ['★★★', 3],
    ['★★★★☆', 4],
    ['4', 4],
    ['４', 4],
    ['4/5', 4],
    ['8/10', 4],
    ['4星', 4],
    ['4 stars', 4],
    [4, 4],
    ['★★★★☆ 4/5', null],
    ['', null],
    ['☆☆☆☆☆', null],
  ];
  for (const [raw, value] of cases) {
    it(`reads ${JSON.stringify(raw)}`, () => {
      const result = coerce(RATING, raw);
      if (value === null && raw === '★★★★☆ 4/5') expect(result.ok).to.equal(false);
      else expect(result).to.deep.equal({ ok: true, value });
    });
  }

  it('refuses what is not a rating, or out of range', () => {
    expect(coerce(RATING, 'good')).to.deep.equal({ ok: false, issue: { key: 'field.number' } });
    expect(coerce(RATING, '6')).to.deep.equal({ ok: false, issue: { key: 'field.max', params: { max: 5 } } });
    expect(coerce(RATING, 3.5)).to.deep.equal({ ok: false, issue: { key: 'field.integer' } });
    expect(coerce({ ...RATING, options: { max: 10 } }, '8')).to.deep.equal({ ok: true, value: 8 });
  });

  it('checks stored values and validates the range', () => {
    const type = fieldTypeOf('rating');
    expect(type.checkStored(4, RATING)).to.equal(null);
    expect(type.checkStored('4', RATING)).to.not.equal(null);
    expect(type.validate(4, RATING)).to.equal(null);
    expect(type.validate(7, RATING)).to.deep.equal({ key: 'field.max', params: { max: 5 } });
    expect(type.validate(0, RATING)).to.deep.equal({ key: 'field.min', params: { min: 1 } });
  });

  it('formats stars with the number, sorts by the number, defaults max to 5', () => {
    const type = fieldTypeOf('rating');
    expect(type.format(4, RATING, { locale: 'zh-CN' })).to.equal('★★★★☆ 4/5');
    expect(type.format(2, { ...RATING, options: {} }, { locale: 'en' })).to.equal('★★☆☆☆ 2/5');
    expect(type.sortKey(4, RATING)).to.equal(4);
    expect(type.scalar(RATING)).to.deep.equal({ type: 'number', list: false });
    expect(checkOptionSpecs(type, { type: 'rating', options: { max: 11 } })).to.have.length(1);
  });
});

describe('tags', () => {
  it('splits text on , ， ; ； 、 and line breaks, trims, drops blanks and duplicates', () => {
    expect(coerce(TAGS, 'VIP, 华东，老客户;新品；VIP、 ')).to.deep.equal({ ok: true, value: ['VIP', '华东', '老客户', '新品'] });
    expect(coerce(TAGS, ['a', ' b ', 'a'], 'json')).to.deep.equal({ ok: true, value: ['a', 'b'] });
    expect(coerce(TAGS, ' , ')).to.deep.equal({ ok: true, value: null });
    expect(coerce(TAGS, 42)).to.deep.equal({ ok: false, issue: { key: 'field.text' } });
  });

  it('checks stored lists and tag length, formats and sorts by the tags', () => {
    const type = fieldTypeOf('tags');
    expect(type.checkStored(['a'], TAGS)).to.equal(null);
    expect(type.checkStored('a', TAGS)).to.not.equal(null);
    expect(type.checkStored([1], TAGS)).to.not.equal(null);
    expect(type.validate(['x'.repeat(51)], TAGS)).to.deep.equal({ key: 'field.maxLength', params: { max: 50 } });
    expect(type.format(['VIP', '华东'], TAGS, { locale: 'zh-CN' })).to.equal('VIP, 华东');
    expect(type.scalar(TAGS)).to.deep.equal({ type: 'text', list: true });
    expect(type.isEmpty([], TAGS)).to.equal(true);
  });
});

describe('member tier', () => {
  it('reads a level by id, name or label and refuses others', () => {
    expect(coerce(TIER, 'gold')).to.deep.equal({ ok: true, value: 'gold' });
    expect(coerce(TIER, '银卡')).to.deep.equal({ ok: true, value: 'silver' });
    expect(coerce(TIER, 'SILVER')).to.deep.equal({ ok: true, value: 'silver' });
    expect(coerce(TIER, '钻石')).to.deep.equal({ ok: false, issue: { key: 'field.choice' } });
  });

  it('sorts in level order, formats the label per locale, offers the levels as choices', () => {
    const type = fieldTypeOf('tier');
    expect(['gold', 'normal', 'silver'].sort((a, b) => (type.sortKey(a, TIER) as number) - (type.sortKey(b, TIER) as number))).to.deep.equal(['normal', 'silver', 'gold']);
    expect(type.format('gold', TIER, { locale: 'en' })).to.equal('Gold');
    expect(type.format('gold', TIER, { locale: 'zh-CN' })).to.equal('金卡');
    expect(type.choices!(TIER).map((c) => c.id)).to.deep.equal(['normal', 'silver', 'gold']);
    expect(type.checkStored('gold', TIER)).to.equal(null);
    expect(type.checkStored('diamond', TIER)).to.not.equal(null);
    expect(type.validate('diamond', TIER)).to.deep.equal({ key: 'field.choice' });
  });

  it('is stored when chosen by hand and derived (read-only, never imported) when computed from points', () => {
    const type = fieldTypeOf('tier');
    expect(type.isDerived(TIER)).to.equal(false);
    expect(type.compile!(TIER, { app: {} as AppDef, tableId: 't' })).to.equal(undefined);
    expect(type.isDerived(COMPUTED_TIER)).to.equal(true);
    expect(coerce(COMPUTED_TIER, 'gold')).to.deep.equal({ ok: true, value: null });
    expect(type.checkStored('gold', COMPUTED_TIER)).to.not.equal(null);
  });

  it('computes the highest level the points reach, blank points none', () => {
    const table: TableDef = { id: 'members', name: '会员', primaryFieldId: 'points', fields: [{ id: 'points', name: '积分', type: 'number' }, COMPUTED_TIER, TIER] };
    const app = { id: 'a', name: 'a', version: 1, tables: [table] } as AppDef;
    const graph = buildFormulaGraph(app);
    expect(graph.compiled('members', 'tier'), 'a tier chosen by hand is not computed').to.equal(undefined);
    const compiled = graph.compiled('members', 'ctier')!;
    expect(compiled.deps).to.deep.equal(['points']);
    for (const [points, tier] of [[0, 'normal'], [99, 'normal'], [100, 'silver'], [999.5, 'silver'], [1000, 'gold'], [50000, 'gold'], [-1, null], [null, null]] as const) {
      expect(evaluateFormula(compiled, { points }), String(points)).to.equal(tier);
      expect(tierForPoints(COMPUTED_TIER, points), String(points)).to.equal(tier);
    }
  });

  it('updates a member’s tier when the points change (derived values)', async () => {
    const table: TableDef = { id: 'members', name: '会员', primaryFieldId: 'name', fields: [{ id: 'name', name: '姓名', type: 'text' }, { id: 'points', name: '积分', type: 'number' }, COMPUTED_TIER] };
    const app = { id: 'club', name: '会员', version: 1, tables: [table] } as AppDef;
    const store = new MemoryStore();
    await store.putApp(app);
    const [member] = await store.mutate('club', [{ type: 'create', tableId: 'members', values: { name: '张三', points: 150 } }]);
    const derived = new DerivedValues(store, app);
    await derived.load();
    expect(derived.value('members', member!.id, 'ctier')).to.equal('silver');
    const changed = new Promise<void>((resolve) => {
      const stop = derived.subscribe(() => {
        stop();
        resolve();
      });
    });
    await store.mutate('club', [{ type: 'update', tableId: 'members', id: member!.id, values: { points: 1200 } }]);
    await changed;
    expect(derived.value('members', member!.id, 'ctier')).to.equal('gold');
    derived.dispose();
  });
});

describe('assignee', () => {
  it('stores one staff record id, shown by the staff member’s name', () => {
    const type = fieldTypeOf('assignee');
    expect(coerce(ASSIGNEE, ' s1 ')).to.deep.equal({ ok: true, value: 's1' });
    expect(coerce(ASSIGNEE, ['s1'], 'json')).to.deep.equal({ ok: true, value: 's1' });
    expect(coerce(ASSIGNEE, ['s1', 's2'], 'json').ok).to.equal(false);
    expect(type.checkStored('s1', ASSIGNEE)).to.equal(null);
    expect(type.checkStored(['s1'], ASSIGNEE)).to.not.equal(null);
    expect(type.format('s1', ASSIGNEE, { locale: 'zh-CN', recordLabel: (t, id) => (t === 'staff' && id === 's1' ? '李四' : undefined) })).to.equal('李四');
    expect(checkOptionSpecs(type, { type: 'assignee', options: {} })[0]?.code).to.equal('schema.relationTableMissing');
  });
});

describe('created / updated time', () => {
  const record = { createdAt: '2026-09-21T01:02:03.000Z', updatedAt: '2026-09-22T04:05:06.000Z' };
  it('are read-only and read from the record, never stored', () => {
    for (const field of [CREATED, UPDATED]) {
      const type = fieldTypeOf(field);
      expect(type.isDerived(field)).to.equal(true);
      expect(coerce(field, '2026-01-01 10:00')).to.deep.equal({ ok: true, value: null });
      expect(type.checkStored('2026-01-01T00:00:00Z', field)).to.not.equal(null);
      expect(type.scalar(field).type).to.equal('date');
    }
    expect(fieldTypeOf(CREATED).fromRecord!(record)).to.equal(record.createdAt);
    expect(fieldTypeOf(UPDATED).fromRecord!(record)).to.equal(record.updatedAt);
  });

  it('format in the locale and sort as date-times', () => {
    const type = fieldTypeOf(CREATED);
    const en = type.format(record.createdAt, CREATED, { locale: 'en' });
    const zh = type.format(record.createdAt, CREATED, { locale: 'zh-CN' });
    expect(en).to.equal(new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(record.createdAt)));
    expect(zh).to.contain('2026');
    expect(zh).to.not.equal(en);
    expect(type.sortKey(record.createdAt, CREATED)).to.be.lessThan(type.sortKey(record.updatedAt, CREATED) as number);
  });

  it('come from the record in derived values (cells, sort, the form)', async () => {
    const table: TableDef = { id: 't', name: 't', primaryFieldId: 'name', fields: [{ id: 'name', name: '名称', type: 'text' }, CREATED, UPDATED] };
    const app = { id: 'ts', name: 'ts', version: 1, tables: [table] } as AppDef;
    const store = new MemoryStore();
    await store.putApp(app);
    const [made] = await store.mutate('ts', [{ type: 'create', tableId: 't', values: { name: 'a' } }]);
    const derived = new DerivedValues(store, app);
    await derived.load();
    expect(derived.value('t', made!.id, 'created')).to.equal(made!.createdAt);
    expect(derived.get('t', made!.id)).to.include({ created: made!.createdAt, updated: made!.updatedAt });
    expect(made!.values).to.deep.equal({ name: 'a' });
    derived.dispose();
  });
});

describe('CSV round trip (recordsToCsv → csvToRecords)', () => {
  const table: TableDef = {
    id: 'members',
    name: '会员',
    primaryFieldId: 'name',
    fields: [{ id: 'name', name: '姓名', type: 'text' }, RATING, TAGS, TIER, ASSIGNEE, { id: 'no', name: '编号', type: 'serial' }, CREATED, UPDATED],
  };
  const records = [
    { values: { name: '张三', r: 4, tags: ['VIP', '华东'], tier: 'gold', owner: 's1', no: 'M0001', created: '2026-09-21T01:02:03.000Z', updated: '2026-09-22T04:05:06.000Z' } },
    { values: { name: '李四', r: 1, tags: ['新客'], tier: 'normal', owner: 's2', no: 'M0002' } },
    { values: { name: '王五' } },
  ];
  for (const locale of ['zh-CN', 'en'] as const) {
    it(`gives back every stored value (${locale}); created / updated time are exported and skipped on import`, () => {
      const staff: Record<string, string> = { s1: '李四', s2: 'Wang' };
      const csv = recordsToCsv(table, records, { locale, recordLabel: (tableId, id) => (tableId === 'staff' ? staff[id] : undefined) });
      expect(csv).to.contain(locale === 'zh-CN' ? 'VIP、华东' : '"VIP, 华东"');
      expect(csv).to.contain('李四');
      const back = csvToRecords(csv, table, { locale, resolveRelation: (_field, text) => Object.keys(staff).find((id) => staff[id] === text) });
      expect(back.errors).to.deep.equal([]);
      expect(back.records.map((r) => r.values)).to.deep.equal(
        records.map(({ values }) => {
          const { created: _c, updated: _u, ...stored } = values as Record<string, unknown>;
          return { r: null, tags: null, tier: null, owner: null, no: null, ...stored };
        }),
      );
    });
  }
});
