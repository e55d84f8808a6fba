import { expect } from '@open-wc/testing';
import {
  describeIssue,
  isIsoDate,
  isIsoDateTime,
  validateApp,
  validateExport,
  validateTemplate,
  type SchemaIssue,
} from '../../../src/core/schema/validate.js';
import type { Locale, TemplateDef } from '../../../src/core/schema/types.js';
import { loadCustomerLtvJson, loose, miniTemplate, type Loose } from './fixtures.js';

const LOCALES: Locale[] = ['en', 'zh-CN'];
const CJK = /[\u4e00-\u9fff]/;
const ZH_PUNCTUATION = /[“”，。：（）]/;

function errorsOf(input: unknown, locale: Locale = 'en', knownFieldTypes?: string[]): SchemaIssue[] {
  const result = validateTemplate(input, { locale, knownFieldTypes });
  return result.ok ? [] : result.errors;
}

describe('validateTemplate: the shipped customer-ltv template', () => {
  for (const locale of LOCALES) {
    it(`passes with no errors and no warnings (${locale})`, async () => {
      const result = validateTemplate(await loadCustomerLtvJson(), { locale });
      if (!result.ok) throw new Error(result.errors.slice(0, 5).map(describeIssue).join('\n'));
      expect(result.warnings).to.deep.equal([]);
      expect(result.template.id).to.equal('customer-ltv');
    });
  }

  it('returns a deep copy equal to the input', async () => {
    const json = await loadCustomerLtvJson();
    const result = validateTemplate(json);
    expect(result.ok).to.equal(true);
    if (!result.ok) return;
    expect(result.template).to.deep.equal(json);
    expect(result.template).not.to.equal(json);
    expect(result.template.tables[0]).not.to.equal((json as Loose).tables[0]);
    result.template.tables[0].fields[0].name = 'changed';
    expect((json as Loose).tables[0].fields[0].name).to.equal('客户名称');
  });
});

describe('validateTemplate: the mini template', () => {
  it('is valid', () => {
    const result = validateTemplate(miniTemplate());
    expect(result.ok, JSON.stringify(result)).to.equal(true);
  });

  it('does not modify its input', () => {
    const input = loose(miniTemplate());
    input.extra = { a: [1, 2] };
    const snapshot = structuredClone(input);
    validateTemplate(input);
    expect(input).to.deep.equal(snapshot);
  });
});

interface BrokenCase {
  name: string;
  /** Change a fresh mini template, or return a whole input of its own. */
  breakIt: (t: Loose) => unknown;
  code: string;
  path: string | RegExp;
}

/** Cases are expected to produce exactly this one error (no cascade of follow-up reports). */
const CASES: BrokenCase[] = [
  { name: 'root is an array', breakIt: () => [], code: 'schema.type', path: '' },
  { name: 'root is null', breakIt: () => null, code: 'schema.type', path: '' },
  { name: 'root is a string', breakIt: () => 'customer-ltv', code: 'schema.type', path: '' },
  { name: 'root is a number', breakIt: () => 42, code: 'schema.type', path: '' },
  { name: 'missing name', breakIt: (t) => void delete t.name, code: 'schema.required', path: 'name' },
  { name: 'wrong format', breakIt: (t) => void (t.format = 'ltc-export'), code: 'schema.constant', path: 'format' },
  { name: 'newer format version', breakIt: (t) => void (t.formatVersion = 2), code: 'schema.formatVersion', path: 'formatVersion' },
  { name: 'tables is not an array', breakIt: (t) => void (t.tables = {}), code: 'schema.type', path: 'tables' },
  { name: 'table id with a space', breakIt: (t) => void (t.tables[1].id = 'or ders'), code: 'schema.idSyntax', path: 'tables[1].id' },
  {
    name: 'duplicate table id',
    breakIt: (t) => void t.tables.push({ id: 'customers', name: '其他', primaryFieldId: 'x', fields: [{ id: 'x', name: 'X', type: 'text' }] }),
    code: 'schema.duplicateId',
    path: 'tables[2].id',
  },
  {
    name: 'duplicate table name',
    breakIt: (t) => void t.tables.push({ id: 'extra', name: '客户', primaryFieldId: 'x', fields: [{ id: 'x', name: 'X', type: 'text' }] }),
    code: 'schema.duplicateName',
    path: 'tables[2].name',
  },
  { name: 'field id starting with _', breakIt: (t) => void (t.tables[0].fields[1].id = '_spend'), code: 'schema.idSyntax', path: 'tables[0].fields[1].id' },
  { name: 'duplicate field id', breakIt: (t) => void (t.tables[0].fields[2].id = 'spend'), code: 'schema.duplicateId', path: 'tables[0].fields[2].id' },
  { name: 'duplicate field name', breakIt: (t) => void (t.tables[0].fields[2].name = '消费'), code: 'schema.duplicateName', path: 'tables[0].fields[2].name' },
  { name: 'field name with braces', breakIt: (t) => void (t.tables[0].fields[1].name = '{消费}'), code: 'schema.nameChars', path: 'tables[0].fields[1].name' },
  { name: 'primary field not in the table', breakIt: (t) => void (t.tables[0].primaryFieldId = 'nope'), code: 'schema.primaryFieldMissing', path: 'tables[0].primaryFieldId' },
  { name: 'unregistered field type', breakIt: (t) => void (t.tables[0].fields[1].type = 'signature'), code: 'schema.fieldType', path: 'tables[0].fields[1].type' },
  { name: 'select without options', breakIt: (t) => void delete t.tables[0].fields[3].options, code: 'schema.choicesMissing', path: 'tables[0].fields[3].options.choices' },
  { name: 'select with no choices', breakIt: (t) => void (t.tables[0].fields[3].options.choices = []), code: 'schema.choicesMissing', path: 'tables[0].fields[3].options.choices' },
  {
    name: 'duplicate choice id',
    breakIt: (t) => void (t.tables[0].fields[3].options.choices[1].id = 'sh'),
    code: 'schema.duplicateId',
    path: 'tables[0].fields[3].options.choices[1].id',
  },
  {
    name: 'relation to a table that does not exist',
    breakIt: (t) => void (t.tables[1].fields[3].options.table = 'nope'),
    code: 'schema.relationTableUnknown',
    path: 'tables[1].fields[3].options.table',
  },
  {
    name: 'relation without a table',
    breakIt: (t) => void delete t.tables[1].fields[3].options.table,
    code: 'schema.relationTableMissing',
    path: 'tables[1].fields[3].options.table',
  },
  {
    name: 'inverse of a field that does not exist',
    breakIt: (t) => void (t.tables[0].fields[4].options.inverseOf = 'client'),
    code: 'schema.inverseFieldUnknown',
    path: 'tables[0].fields[4].options.inverseOf',
  },
  {
    name: 'inverse of a money field',
    breakIt: (t) => void (t.tables[0].fields[4].options.inverseOf = 'amount'),
    code: 'schema.inverseTarget',
    path: 'tables[0].fields[4].options.inverseOf',
  },
  {
    name: 'inverse of a relation pointing elsewhere',
    breakIt: (t) => void (t.tables[0].fields[4].options.inverseOf = 'related'),
    code: 'schema.inverseNotPointingBack',
    path: 'tables[0].fields[4].options.inverseOf',
  },
  { name: 'formula without source', breakIt: (t) => void delete t.tables[0].fields[5].options.formula, code: 'schema.formulaMissing', path: 'tables[0].fields[5].options.formula' },
  { name: 'formula source not a string', breakIt: (t) => void (t.tables[0].fields[5].options.formula = 42), code: 'schema.type', path: 'tables[0].fields[5].options.formula' },
  { name: 'unknown formula result type', breakIt: (t) => void (t.tables[0].fields[5].options.resultType = 'yuan'), code: 'schema.enum', path: 'tables[0].fields[5].options.resultType' },
  { name: 'label that is not a string', breakIt: (t) => void (t.tables[0].labels = { en: 5 }), code: 'schema.type', path: 'tables[0].labels.en' },
  { name: 'bad currency code', breakIt: (t) => void (t.tables[0].fields[1].options = { currency: 'yuan' }), code: 'schema.pattern', path: 'tables[0].fields[1].options.currency' },
  { name: 'min above max', breakIt: (t) => void (t.tables[0].fields[1].options = { min: 10, max: 1 }), code: 'schema.range', path: 'tables[0].fields[1].options.min' },
  { name: 'sample data for an unknown table', breakIt: (t) => void (t.sampleData.ghosts = []), code: 'schema.tableUnknown', path: 'sampleData.ghosts' },
  { name: 'sample records not an array', breakIt: (t) => void (t.sampleData.orders = {}), code: 'schema.type', path: 'sampleData.orders' },
  { name: 'value for an unknown field', breakIt: (t) => void (t.sampleData.customers[0].values.age = 30), code: 'schema.fieldUnknown', path: 'sampleData.customers[0].values.age' },
  { name: 'money given as text', breakIt: (t) => void (t.sampleData.customers[0].values.spend = '12.5'), code: 'schema.valueType', path: 'sampleData.customers[0].values.spend' },
  { name: 'impossible date', breakIt: (t) => void (t.sampleData.customers[0].values.joined = '2025-02-30'), code: 'schema.dateFormat', path: 'sampleData.customers[0].values.joined' },
  { name: 'date with slashes', breakIt: (t) => void (t.sampleData.customers[0].values.joined = '2025/01/02'), code: 'schema.dateFormat', path: 'sampleData.customers[0].values.joined' },
  { name: 'select value that is not a choice', breakIt: (t) => void (t.sampleData.customers[0].values.city = 'gz'), code: 'schema.choiceUnknown', path: 'sampleData.customers[0].values.city' },
  { name: 'multiselect given one string', breakIt: (t) => void (t.sampleData.customers[0].values.tags = 'vip'), code: 'schema.valueType', path: 'sampleData.customers[0].values.tags' },
  { name: 'object as a cell value', breakIt: (t) => void (t.sampleData.customers[0].values.name = { zh: '王伟' }), code: 'schema.type', path: 'sampleData.customers[0].values.name' },
  { name: 'relation to a missing record', breakIt: (t) => void (t.sampleData.orders[0].values.customer = 'c9'), code: 'schema.recordUnknown', path: 'sampleData.orders[0].values.customer' },
  { name: 'multiple relation to a missing record', breakIt: (t) => void (t.sampleData.orders[1].values.related = ['o1', 'o7']), code: 'schema.recordUnknown', path: 'sampleData.orders[1].values.related[1]' },
  { name: 'single relation given an array', breakIt: (t) => void (t.sampleData.orders[0].values.customer = ['c1']), code: 'schema.valueType', path: 'sampleData.orders[0].values.customer' },
  { name: 'inverse relation value stored', breakIt: (t) => void (t.sampleData.customers[0].values.orders = ['o1']), code: 'schema.derivedStored', path: 'sampleData.customers[0].values.orders' },
  { name: 'formula value stored', breakIt: (t) => void (t.sampleData.customers[0].values.total = 5), code: 'schema.derivedStored', path: 'sampleData.customers[0].values.total' },
  { name: 'required value missing', breakIt: (t) => void (t.sampleData.customers[1].values = {}), code: 'schema.requiredValue', path: 'sampleData.customers[1].values.name' },
  { name: 'duplicate sample record id', breakIt: (t) => void (t.sampleData.orders[1].id = 'o1'), code: 'schema.duplicateId', path: 'sampleData.orders[1].id' },
  { name: 'non-finite number (from JS, not JSON)', breakIt: (t) => void (t.sampleData.customers[0].values.spend = Infinity), code: 'schema.type', path: 'sampleData.customers[0].values.spend' },
  // Hostile input.
  {
    name: '__proto__ key at the root (as JSON.parse makes it)',
    breakIt: (t) => JSON.parse(JSON.stringify(t).replace(/^\{/, '{"__proto__":{"polluted":"yes"},')),
    code: 'schema.forbiddenKey',
    path: '__proto__',
  },
  {
    name: '__proto__ key in field options',
    breakIt: (t) => JSON.parse(JSON.stringify(t).replace('"type":"money"', '"type":"money","options":{"__proto__":{"polluted":"yes"}}')),
    code: 'schema.forbiddenKey',
    path: 'tables[0].fields[1].options.__proto__',
  },
  {
    name: '__proto__ key in labels',
    breakIt: (t) => JSON.parse(JSON.stringify(t).replace('"labels":{', '"labels":{"__proto__":{"polluted":"yes"},')),
    code: 'schema.forbiddenKey',
    path: 'labels.__proto__',
  },
  {
    name: 'constructor key in record values',
    breakIt: (t) => void (t.sampleData.customers[0].values.constructor = { prototype: { polluted: 'yes' } }),
    code: 'schema.forbiddenKey',
    path: 'sampleData.customers[0].values.constructor',
  },
  { name: 'prototype as a sample table id', breakIt: (t) => void (t.sampleData.prototype = []), code: 'schema.forbiddenKey', path: 'sampleData.prototype' },
  {
    name: 'nesting 10,000 levels deep under an unknown key',
    breakIt: (t) => {
      let deep: Loose = {};
      for (let i = 0; i < 10_000; i++) deep = { a: deep };
      t.extra = deep;
    },
    code: 'schema.tooDeep',
    path: /^extra(\.a){64}$/,
  },
  {
    name: 'a cycle under an unknown key (from JS, not JSON)',
    breakIt: (t) => {
      const cycle: Loose = { name: 'loop' };
      cycle.self = cycle;
      t.extra = cycle;
    },
    code: 'schema.tooDeep',
    path: /^extra(\.self){64}$/,
  },
  {
    name: 'a getter that throws',
    breakIt: (t) => {
      Object.defineProperty(t.tables[0], 'name', { enumerable: true, get: () => { throw new Error('boom'); } });
    },
    code: 'schema.invalidInput',
    path: '',
  },
  {
    name: 'a Proxy that throws on every key lookup',
    breakIt: () => new Proxy({}, { ownKeys: () => { throw new Error('boom'); } }),
    code: 'schema.invalidInput',
    path: '',
  },
];

describe('validateTemplate: broken templates', () => {
  it(`has at least 15 cases (${CASES.length})`, () => {
    expect(CASES.length).to.be.at.least(15);
  });

  for (const c of CASES) {
    for (const locale of LOCALES) {
      it(`${c.name} → ${c.code} (${locale})`, () => {
        const t = loose(miniTemplate());
        const replaced = c.breakIt(t);
        const input = replaced === undefined ? t : replaced;
        let errors: SchemaIssue[] = [];
        expect(() => (errors = errorsOf(input, locale))).not.to.throw();
        expect(errors.map((e) => `${e.code} @ ${e.path}`), 'exactly one error').to.have.length(1);
        const [error] = errors;
        expect(error.code).to.equal(c.code);
        if (typeof c.path === 'string') expect(error.path).to.equal(c.path);
        else expect(error.path).to.match(c.path);
        expect(error.severity).to.equal('error');
        expect(error.message).to.be.a('string').and.not.equal(c.code);
        if (locale === 'zh-CN') {
          expect(error.message).to.match(CJK);
          expect(error.message).to.match(ZH_PUNCTUATION);
        } else {
          expect(error.message).to.match(/^[\x20-\x7e]/);
          expect(error.message).not.to.match(ZH_PUNCTUATION);
        }
      });
    }
  }

  it('gives different messages per locale for the same problem', () => {
    const t = loose(miniTemplate());
    t.tables[0].primaryFieldId = 'nope';
    const [en] = errorsOf(t, 'en');
    const [zh] = errorsOf(t, 'zh-CN');
    expect(en.message).to.equal('The primary field "nope" is not a field of this table.');
    expect(zh.message).to.equal('主字段“nope”不是本表的字段。');
  });

  it('reports every problem, not just the first', () => {
    const t = loose(miniTemplate());
    t.id = 'bad id';
    t.tables[0].fields[3].options.choices[1].id = 'sh';
    t.tables[1].fields[3].options.table = 'nope';
    t.sampleData.customers[0].values.joined = '2025-13-01';
    t.sampleData.orders[0].values.customer = 'c404';
    const errors = errorsOf(t);
    expect(errors.map((e) => [e.code, e.path])).to.deep.equal([
      ['schema.idSyntax', 'id'],
      ['schema.duplicateId', 'tables[0].fields[3].options.choices[1].id'],
      ['schema.relationTableUnknown', 'tables[1].fields[3].options.table'],
      ['schema.dateFormat', 'sampleData.customers[0].values.joined'],
      ['schema.recordUnknown', 'sampleData.orders[0].values.customer'],
    ]);
  });

  it('names the first occurrence of a duplicate', () => {
    const t = loose(miniTemplate());
    t.tables[0].fields[2].id = 'spend';
    const [error] = errorsOf(t);
    expect(error.message).to.equal('Duplicate id "spend" (first used at tables[0].fields[1].id).');
  });

  it('quotes keys that are not identifiers in paths', () => {
    const t = loose(miniTemplate());
    t.sampleData.customers[0].values['年龄'] = 30;
    expect(errorsOf(t).map((e) => e.path)).to.deep.equal(['sampleData.customers[0].values["年龄"]']);
  });

  it('stops listing after maxIssues errors', () => {
    const t = loose(miniTemplate());
    for (let i = 0; i < 50; i++) t.sampleData.customers[0].values[`unknown${i}`] = i;
    const result = validateTemplate(t, { maxIssues: 10 });
    expect(result.ok).to.equal(false);
    if (result.ok) return;
    expect(result.errors).to.have.length(11);
    expect(result.errors[10].code).to.equal('schema.tooManyIssues');
  });
});

describe('validateTemplate: prototype pollution', () => {
  afterEach(() => {
    // If a test did pollute, clean up so later tests are not affected, then fail loudly.
    const polluted = Object.prototype.hasOwnProperty.call(Object.prototype, 'polluted');
    delete (Object.prototype as Loose).polluted;
    expect(polluted, 'Object.prototype was polluted').to.equal(false);
  });

  it('never writes through __proto__ anywhere in a template', () => {
    const text = JSON.stringify(miniTemplate())
      .replace(/\{"id":/g, '{"__proto__":{"polluted":"yes"},"id":')
      .replace('"values":{', '"values":{"__proto__":{"polluted":"yes"},');
    const json: unknown = JSON.parse(text);
    const result = validateTemplate(json);
    expect(result.ok).to.equal(false);
    if (result.ok) return;
    expect(result.errors.every((e) => e.code === 'schema.forbiddenKey')).to.equal(true);
    expect(result.errors.length).to.be.greaterThan(10);
    expect(({} as Loose).polluted).to.equal(undefined);
  });

  it('never writes through __proto__ in an export', () => {
    const text =
      '{"format":"ltc-export","formatVersion":1,"exportedAt":"2026-01-01T00:00:00.000Z","__proto__":{"polluted":"yes"},' +
      '"app":{"id":"a","name":"A","version":1,"createdAt":"2026-01-01T00:00:00Z","updatedAt":"2026-01-01T00:00:00Z",' +
      '"tables":[{"id":"t","name":"T","primaryFieldId":"f","fields":[{"id":"f","name":"F","type":"text"}]}]},' +
      '"records":{"__proto__":{"polluted":"yes"},"t":[{"id":"r1","tableId":"t","version":1,"createdAt":"2026-01-01T00:00:00Z",' +
      '"updatedAt":"2026-01-01T00:00:00Z","values":{"f":"x","__proto__":{"polluted":"yes"}}}]}}';
    const result = validateExport(JSON.parse(text));
    expect(result.ok).to.equal(false);
    if (result.ok) return;
    expect(result.errors.map((e) => e.path)).to.deep.equal(['__proto__', 'records.__proto__', 'records.t[0].values.__proto__']);
    expect(({} as Loose).polluted).to.equal(undefined);
  });

  it('keeps the validated value free of inherited surprises', () => {
    const t = loose(miniTemplate());
    t.tables[0].fields[0].options = JSON.parse('{"maxLength":5,"polluted":{"x":1}}');
    const result = validateTemplate(t);
    expect(result.ok).to.equal(true);
    if (!result.ok) return;
    expect(Object.getPrototypeOf(result.template)).to.equal(Object.prototype);
    expect(({} as Loose).polluted).to.equal(undefined);
  });
});

describe('validateTemplate: unknown keys and custom field types', () => {
  it('keeps unknown keys and reports them as warnings', () => {
    const t = loose(miniTemplate());
    t.author = 'ops team';
    t.tables[0].fields[1].hint = { text: '含税' };
    t.tables[0].labels = { en: 'Customers', ja: '顧客' };
    const result = validateTemplate(t);
    expect(result.ok).to.equal(true);
    if (!result.ok) return;
    expect(result.warnings.map((w) => [w.code, w.path, w.severity])).to.have.deep.members([
      ['schema.unknownKey', 'author', 'warning'],
      ['schema.unknownKey', 'tables[0].labels.ja', 'warning'],
      ['schema.unknownKey', 'tables[0].fields[1].hint', 'warning'],
    ]);
    expect((result.template as Loose).author).to.equal('ops team');
    expect((result.template.tables[0].fields[1] as Loose).hint).to.deep.equal({ text: '含税' });
    expect(result.template.tables[0].labels).to.deep.equal({ en: 'Customers', ja: '顧客' });
  });

  it('preserves the input key order', () => {
    const input = { tables: miniTemplate().tables, name: 'N', id: 'x', formatVersion: 1, format: 'ltc-template' };
    const result = validateTemplate(input);
    expect(result.ok).to.equal(true);
    if (result.ok) expect(Object.keys(result.template)).to.deep.equal(['tables', 'name', 'id', 'formatVersion', 'format']);
  });

  it('accepts a registered field type only when told about it', () => {
    const t = loose(miniTemplate());
    // (`rating` is built in now; a site owner's own type stands in.)
    t.tables[0].fields.push({ id: 'stars', name: '星级', type: 'stars', options: { max: 5, icon: 'star' } });
    t.sampleData.customers[0].values.stars = 4;
    expect(errorsOf(t).map((e) => e.code)).to.deep.equal(['schema.fieldType']);
    const result = validateTemplate(t, { knownFieldTypes: ['stars'] });
    expect(result.ok).to.equal(true);
    // The widget owns its option keys: no unknown-key warning for `icon`.
    if (result.ok) expect(result.warnings).to.deep.equal([]);
  });

  it('still checks that a registered type holds a cell value', () => {
    const t = loose(miniTemplate());
    t.tables[0].fields.push({ id: 'stars', name: '星级', type: 'rating' });
    t.sampleData.customers[0].values.stars = { value: 4 };
    expect(errorsOf(t, 'en', ['rating']).map((e) => [e.code, e.path])).to.deep.equal([
      ['schema.type', 'sampleData.customers[0].values.stars'],
    ]);
  });
});

describe('validateApp', () => {
  const app = () => ({
    id: 'app1',
    name: 'CRM',
    templateId: 'mini',
    version: 3,
    createdAt: '2026-01-01T08:00:00.000Z',
    updatedAt: '2026-01-02T08:00:00+08:00',
    tables: miniTemplate().tables,
  });

  it('accepts an app definition', () => {
    const result = validateApp(app());
    expect(result.ok).to.equal(true);
    if (result.ok) expect(result.value).to.deep.equal(app());
  });

  const broken: Array<[string, (a: Loose) => void, string, string]> = [
    ['version 0', (a) => (a.version = 0), 'schema.range', 'version'],
    ['version 1.5', (a) => (a.version = 1.5), 'schema.range', 'version'],
    ['date-only createdAt', (a) => (a.createdAt = '2026-01-01'), 'schema.datetimeFormat', 'createdAt'],
    ['timestamp without zone', (a) => (a.updatedAt = '2026-01-01T08:00:00'), 'schema.datetimeFormat', 'updatedAt'],
    ['missing tables', (a) => delete a.tables, 'schema.required', 'tables'],
    ['bad template id', (a) => (a.templateId = '../evil'), 'schema.idSyntax', 'templateId'],
  ];
  for (const [name, breakIt, code, path] of broken) {
    it(`rejects ${name}`, () => {
      const a = loose(app());
      breakIt(a);
      const result = validateApp(a, { locale: 'zh-CN' });
      expect(result.ok).to.equal(false);
      if (!result.ok) expect(result.errors.map((e) => [e.code, e.path])).to.deep.equal([[code, path]]);
    });
  }
});

describe('validateExport', () => {
  const exportOf = (values: Record<string, unknown>, tableId = 'orders') => ({
    format: 'ltc-export',
    formatVersion: 1,
    exportedAt: '2026-11-01T00:00:00.000Z',
    app: { id: 'a', name: 'A', version: 1, createdAt: '2026-01-01T00:00:00Z', updatedAt: '2026-01-01T00:00:00Z', tables: miniTemplate().tables },
    records: {
      customers: [{ id: 'c1', tableId: 'customers', version: 1, createdAt: '2026-01-01T00:00:00Z', updatedAt: '2026-01-01T00:00:00Z', values: { name: '王伟' } }],
      orders: [{ id: 'o1', tableId, version: 2, createdAt: '2026-01-01T00:00:00Z', updatedAt: '2026-01-03T00:00:00Z', values }],
    },
  });

  it('accepts a well-formed export', () => {
    const result = validateExport(exportOf({ no: 'SO1', customer: 'c1', amount: 5 }));
    expect(result.ok).to.equal(true);
    if (result.ok) expect(result.warnings).to.deep.equal([]);
  });

  it('keeps values that do not fit their field, as warnings', () => {
    const result = validateExport(exportOf({ no: 'SO1', customer: 'c404', amount: 'five', old: 'kept' }));
    expect(result.ok).to.equal(true);
    if (!result.ok) return;
    expect(result.warnings?.map((w) => [w.code, w.path])).to.deep.equal([
      ['schema.recordUnknown', 'records.orders[0].values.customer'],
      ['schema.valueType', 'records.orders[0].values.amount'],
      ['schema.fieldUnknown', 'records.orders[0].values.old'],
    ]);
    expect(result.value.records.orders[0].values).to.deep.equal({ no: 'SO1', customer: 'c404', amount: 'five', old: 'kept' });
  });

  it('rejects a record filed under the wrong table', () => {
    const result = validateExport(exportOf({ no: 'SO1' }, 'customers'));
    expect(result.ok).to.equal(false);
    if (!result.ok) expect(result.errors.map((e) => [e.code, e.path])).to.deep.equal([['schema.tableIdMismatch', 'records.orders[0].tableId']]);
  });

  it('rejects records of a table the app does not have, and a template file', () => {
    const e = loose(exportOf({ no: 'SO1' }));
    e.records.ghosts = [];
    const result = validateExport(e);
    expect(result.ok).to.equal(false);
    if (!result.ok) expect(result.errors.map((x) => [x.code, x.path])).to.deep.equal([['schema.tableUnknown', 'records.ghosts']]);
    const asTemplate = validateExport(miniTemplate());
    expect(asTemplate.ok).to.equal(false);
    if (!asTemplate.ok) expect(asTemplate.errors.map((x) => x.code)).to.include('schema.constant');
  });
});

describe('date helpers', () => {
  const dates: Array<[string, boolean]> = [
    ['2024-02-29', true],
    ['2025-02-29', false],
    ['2025-12-31', true],
    ['2025-13-01', false],
    ['2025-00-10', false],
    ['2025-1-01', false],
    ['2025-01-01T00:00:00Z', false],
  ];
  for (const [text, valid] of dates) {
    it(`isIsoDate(${text}) = ${valid}`, () => expect(isIsoDate(text)).to.equal(valid));
  }
  const times: Array<[string, boolean]> = [
    ['2026-01-01T08:00:00.000Z', true],
    ['2026-01-01T08:00Z', true],
    ['2026-01-01T08:00:00+08:00', true],
    ['2026-01-01T24:00:00Z', false],
    ['2026-01-01T08:00:00', false],
    ['2026-02-30T08:00:00Z', false],
  ];
  for (const [text, valid] of times) {
    it(`isIsoDateTime(${text}) = ${valid}`, () => expect(isIsoDateTime(text)).to.equal(valid));
  }
});

describe('the customer-ltv template content', () => {
  let t: TemplateDef;
  before(async () => {
    const result = validateTemplate(await loadCustomerLtvJson());
    if (!result.ok) throw new Error('template invalid');
    t = result.template;
  });

  const field = (tableId: string, name: string) => {
    const f = t.tables.find((x) => x.id === tableId)?.fields.find((x) => x.name === name);
    if (!f) throw new Error(`no field ${name} in ${tableId}`);
    return f;
  };

  it('has the expected identity and labels on everything', () => {
    expect(t.id).to.equal('customer-ltv');
    expect(t.name).to.equal('客户价值 (LTV)');
    expect(t.labels).to.deep.equal({ 'zh-CN': '客户价值 (LTV)', en: 'Customer LTV' });
    expect(t.tables.map((x) => x.name)).to.deep.equal(['客户', '订单', '订单明细', '员工', '跟进任务', '消息记录']);
    for (const table of t.tables) {
      for (const f of table.fields) {
        expect(f.labels?.['zh-CN'], f.name).to.be.a('string').and.not.equal('');
        expect(f.labels?.en, f.name).to.match(/^[\x20-\x7e]+$/);
      }
    }
  });

  it('has the required customer and order fields with the right types', () => {
    const expected: Array<[string, string, string]> = [
      ['customers', '客户名称', 'text'], ['customers', '手机', 'phone'], ['customers', '邮箱', 'email'],
      ['customers', '城市', 'select'], ['customers', '客户来源', 'select'], ['customers', '注册日期', 'date'],
      ['customers', '获客成本', 'money'], ['customers', '毛利率', 'percent'], ['customers', '客户保持率', 'percent'],
      ['customers', '备注', 'textarea'], ['customers', '订单', 'relation'],
      ['orders', '订单号', 'text'], ['orders', '客户', 'relation'], ['orders', '下单日期', 'date'],
      ['orders', '金额', 'money'], ['orders', '支付状态', 'select'], ['orders', '渠道', 'select'],
    ];
    for (const [tableId, name, type] of expected) expect(field(tableId, name).type, name).to.equal(type);
    const customers = t.tables[0];
    expect(customers.fields.find((f) => f.id === customers.primaryFieldId)?.name).to.equal('客户名称');
    expect(field('customers', '客户名称').required).to.equal(true);
    expect(t.tables[1].fields.find((f) => f.id === t.tables[1].primaryFieldId)?.name).to.equal('订单号');
    const link = field('orders', '客户');
    expect(link.options).to.include({ table: 'customers', multiple: false });
    expect(field('customers', '订单').options).to.deep.equal({ table: 'orders', inverseOf: link.id, multiple: true });
    const sources = field('customers', '客户来源').options?.choices?.map((c) => c.name);
    expect(sources).to.include.members(['线上商城', '门店', '小程序', '直播', '转介绍']);
    expect(field('orders', '支付状态').options?.choices?.map((c) => c.name)).to.deep.equal(['已支付', '待支付', '已退款']);
  });

  it('has the LTV formulas', () => {
    const formulas: Array<[string, string, string]> = [
      ['订单数', 'COUNTIF({订单.支付状态}, "已支付")', 'number'],
      ['累计消费', 'SUMIF({订单.支付状态}, "已支付", {订单.金额})', 'money'],
      ['平均客单价', 'IF({订单数}=0, 0, AVERAGEIF({订单.支付状态}, "已支付", {订单.金额}))', 'money'],
      ['最近下单日期', 'IF(COUNT({订单.下单日期})=0, "", MAX({订单.下单日期}))', 'date'],
      ['距上次下单天数', 'IF(COUNT({订单.下单日期})=0, "", DAYS(TODAY(), MAX({订单.下单日期})))', 'number'],
      ['LTV', '{平均客单价} * {购买频次} * {客户保持率}', 'money'],
    ];
    for (const [name, formula, resultType] of formulas) {
      const f = field('customers', name);
      expect(f.type).to.equal('formula');
      expect(f.options?.formula, name).to.equal(formula);
      expect(f.options?.resultType, name).to.equal(resultType);
    }
    // Every {reference} in a formula names a field of the table, or relation.field.
    const customers = t.tables[0];
    const names = new Set(customers.fields.map((f) => f.name));
    const orderNames = new Set(t.tables[1].fields.map((f) => f.name));
    for (const f of customers.fields.filter((x) => x.type === 'formula')) {
      for (const [, ref] of (f.options?.formula ?? '').matchAll(/\{([^}]+)\}/g)) {
        const [head, tail] = ref.split('.');
        if (tail === undefined) expect(names.has(head), `${f.name}: {${ref}}`).to.equal(true);
        else expect(head === '订单' && orderNames.has(tail), `${f.name}: {${ref}}`).to.equal(true);
      }
    }
  });

  it('has enough realistic sample data', () => {
    const customers = t.sampleData?.customers ?? [];
    const orders = t.sampleData?.orders ?? [];
    expect(customers.length).to.be.at.least(220);
    expect(orders.length).to.be.at.least(1600);
    const names = new Set<string>();
    for (const c of customers) {
      expect(c.values.name).to.match(/^[\u4e00-\u9fff]{2,4}$/);
      expect(c.values.mobile).to.match(/^1[3-9]\d{9}$/);
      if (c.values.email !== undefined) expect(c.values.email).to.match(/^[a-z0-9._]+@[a-z0-9.]+\.[a-z]+$/);
      names.add(String(c.values.name));
    }
    expect(names.size).to.equal(customers.length);
    let withCents = 0;
    for (const o of orders) {
      const date = String(o.values.orderDate);
      expect(date >= '2024-11-01' && date <= '2026-10-31', date).to.equal(true);
      const amount = Number(o.values.amount);
      expect(Math.round(amount * 100) / 100).to.equal(amount);
      if (!Number.isInteger(amount)) withCents += 1;
    }
    expect(withCents).to.be.greaterThan(orders.length * 0.9);
  });

  it('represents every lifecycle stage (60/180-day thresholds, as of 2026-11-01)', () => {
    const lastOrder = new Map<string, { count: number; last: string }>();
    for (const o of t.sampleData?.orders ?? []) {
      const id = String(o.values.customer);
      const s = lastOrder.get(id) ?? { count: 0, last: '' };
      s.count += 1;
      if (String(o.values.orderDate) > s.last) s.last = String(o.values.orderDate);
      lastOrder.set(id, s);
    }
    const stages: Record<string, number> = { potential: 0, new: 0, active: 0, silent: 0, churned: 0 };
    let heavy = 0;
    for (const c of t.sampleData?.customers ?? []) {
      const s = lastOrder.get(c.id ?? '');
      if (!s) {
        stages.potential += 1;
        continue;
      }
      if (s.count >= 20) heavy += 1;
      const days = (Date.UTC(2026, 10, 1) - Date.parse(s.last)) / 86_400_000;
      if (days > 180) stages.churned += 1;
      else if (days > 60) stages.silent += 1;
      else if (s.count === 1) stages.new += 1;
      else stages.active += 1;
    }
    for (const [stage, count] of Object.entries(stages)) expect(count, stage).to.be.at.least(10);
    expect(heavy).to.be.at.least(10);
  });
});
