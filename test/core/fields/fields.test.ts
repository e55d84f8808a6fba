/**
 * The core field-type model: CSV-style coercion of what Chinese spreadsheets hold, percent
 * input and messages in the unit the user sees, phone normalisation, number display
 * precision, blank semantics and sort keys — without a page.
 */
import { expect } from '@open-wc/testing';
import { compareSortKeys, fieldTypeOf, isBlank, listFieldTypes, parseDate, parseNumber, registerFieldType, defineFieldType } from '../../../src/core/fields/index.js';
import type { CellValue, FieldDef } from '../../../src/core/schema/types.js';
import type { ValueSource } from '../../../src/core/fields/types.js';

const choices = [
  { id: 'gold', name: '黄金', labels: { 'zh-CN': '黄金', en: 'Gold' } },
  { id: 'silver', name: '白银', labels: { 'zh-CN': '白银', en: 'Silver' } },
  { id: 'bronze', name: '青铜', labels: { 'zh-CN': '青铜', en: 'Bronze' } },
];
const field = (type: string, options: FieldDef['options'] = {}): FieldDef => ({ id: 'f', name: '字段', type, options: { choices, ...options } });

describe('CSV cells (source: csv)', () => {
  const cases: Array<[string, unknown, CellValue | 'error']> = [
    ['date', '2024/1/5', '2024-01-05'],
    ['date', '2024-01-05', '2024-01-05'],
    ['date', '2024年1月5日', '2024-01-05'],
    ['date', '２０２４年１月５日', '2024-01-05'],
    ['date', '2024/13/5', 'error'],
    ['money', '¥1,234.50', 1234.5],
    ['money', '￥88', 88],
    ['money', '1,234.5元', 1234.5],
    ['money', '-¥12', -12],
    ['money', '12 apples', 'error'],
    ['number', '1,234,567', 1234567],
    ['percent', '35%', 0.35],
    ['percent', '35％', 0.35],
    ['percent', '0.35', 0.35],
    // A bare fraction is the stored value itself: all 17 digits kept (what a CSV export writes when no % text reads back exactly).
    ['percent', '0.1234567890123456', 0.1234567890123456],
    ['percent', '-7.104707818782165e-309', -7.104707818782165e-309],
    ['checkbox', '是', true],
    ['checkbox', '否', false],
    ['checkbox', 'TRUE', true],
    ['checkbox', 'FALSE', false],
    ['checkbox', '1', true],
    ['checkbox', '0', false],
    ['select', '黄金', 'gold'],
    ['select', 'Gold', 'gold'],
    ['select', 'gold', 'gold'],
    ['select', 'SILVER', 'silver'],
    ['multiselect', '黄金, 白银', ['gold', 'silver']],
    ['multiselect', '青铜，黄金', ['gold', 'bronze']],
    ['multiselect', 'Gold; Silver', ['gold', 'silver']],
    ['multiselect', '白银、青铜', ['silver', 'bronze']],
    ['multiselect', '黄金、铁', 'error'],
  ];
  for (const [type, raw, expected] of cases) {
    it(`${type}: ${JSON.stringify(raw)} → ${JSON.stringify(expected)}`, () => {
      const result = fieldTypeOf(type).coerce(raw, field(type), 'csv');
      if (expected === 'error') expect(result.ok, JSON.stringify(result)).to.equal(false);
      else expect(result).to.deep.equal({ ok: true, value: expected });
    });
  }
});

describe('percent: input and messages in the unit the user sees', () => {
  const percent = fieldTypeOf('percent');
  const capped = field('percent', { min: 0, max: 1 });

  it('takes typed 150 as 150% and reports the bound as 100%, not 1', () => {
    const typed = percent.coerce('150', capped, 'input');
    expect(typed).to.deep.equal({ ok: true, value: 1.5 });
    expect(percent.validate(1.5, capped)).to.deep.equal({ key: 'field.max', params: { max: '100%' } });
    expect(percent.validate(-0.05, capped)).to.deep.equal({ key: 'field.min', params: { min: '0%' } });
    expect(percent.validate(0.99, capped)).to.equal(null);
  });

  it('reads a bare number per source: typed = percentage, CSV/JSON = fraction', () => {
    const sources: Array<[ValueSource, number]> = [['input', 0.8], ['csv', 80], ['json', 80]];
    for (const [source, expected] of sources) expect(percent.coerce('80', capped, source), source).to.deep.equal({ ok: true, value: expected });
    expect(percent.coerce(0.35, capped, 'json')).to.deep.equal({ ok: true, value: 0.35 });
  });
});

describe('phone normalisation', () => {
  const phone = fieldTypeOf('phone');
  const cases: Array<[string, string | 'error']> = [
    ['138 0013 8000', '13800138000'],
    ['138-0013-8000', '13800138000'],
    ['+86 138 0013 8000', '13800138000'],
    ['+44 20 7946 0958', '+442079460958'],
    ['010-12345678', '010-12345678'],
    ['12345', 'error'],
    ['12800138000', 'error'],
  ];
  for (const [raw, expected] of cases) {
    it(`${raw} → ${expected}`, () => {
      const result = phone.coerce(raw, field('phone'), 'input');
      if (expected === 'error') expect(result.ok).to.equal(false);
      else expect(result).to.deep.equal({ ok: true, value: expected });
    });
  }
});

describe('number display', () => {
  it('shows at most 2 decimals without precision, exactly `precision` with it', () => {
    expect(fieldTypeOf('number').format(2601.2126241135, field('number'), { locale: 'en' })).to.equal('2,601.21');
    expect(fieldTypeOf('number').format(3, field('number'), { locale: 'en' })).to.equal('3');
    expect(fieldTypeOf('number').format(2601.2126241135, field('number', { precision: 4 }), { locale: 'en' })).to.equal('2,601.2126');
  });
  it('formats formula number results the same way', () => {
    const formula: FieldDef = { id: 'f', name: 'f', type: 'formula', options: { formula: '1', resultType: 'number' } };
    expect(fieldTypeOf('formula').format(2601.2126241135, formula, { locale: 'en' })).to.equal('2,601.21');
    const untyped: FieldDef = { id: 'f', name: 'f', type: 'formula', options: { formula: '1' } };
    expect(fieldTypeOf('formula').format(2601.2126241135, untyped, { locale: 'en' })).to.equal('2,601.21');
    expect(fieldTypeOf('formula').format(2601.2126241135, { ...formula, options: { ...formula.options, precision: 3 } }, { locale: 'en' })).to.equal('2,601.213');
  });
});

describe('one meaning of blank', () => {
  it('null, undefined, whitespace text and empty lists are blank; 0 and false are values', () => {
    for (const blank of [null, undefined, '', '  ', []]) expect(isBlank(blank), JSON.stringify(blank)).to.equal(true);
    for (const value of [0, false, 'a', ['x']]) expect(isBlank(value), JSON.stringify(value)).to.equal(false);
  });
  it('a required checkbox is empty until ticked', () => {
    expect(fieldTypeOf('checkbox').isEmpty(false, field('checkbox'))).to.equal(true);
    expect(fieldTypeOf('checkbox').isEmpty(true, field('checkbox'))).to.equal(false);
    expect(fieldTypeOf('number').isEmpty(0, field('number'))).to.equal(false);
  });
});

describe('facts per type', () => {
  it('derived: formulas and inverse relations', () => {
    expect(fieldTypeOf('formula').isDerived(field('formula'))).to.equal(true);
    expect(fieldTypeOf('relation').isDerived(field('relation', { table: 't', inverseOf: 'x' }))).to.equal(true);
    expect(fieldTypeOf('relation').isDerived(field('relation', { table: 't' }))).to.equal(false);
  });
  it('formula scalar types', () => {
    expect(fieldTypeOf('money').scalar(field('money'))).to.deep.equal({ type: 'money', list: false });
    expect(fieldTypeOf('checkbox').scalar(field('checkbox')).type).to.equal('boolean');
    expect(fieldTypeOf('multiselect').scalar(field('multiselect'))).to.deep.equal({ type: 'text', list: true });
  });
  it('sort keys: choices in designed order, text in pinyin order, numbers numerically', () => {
    const select = fieldTypeOf('select');
    const keys = ['bronze', 'gold', 'silver'].map((id) => select.sortKey(id, field('select')));
    expect(keys).to.deep.equal([2, 0, 1]);
    const names = ['张三', '李四', '王五', '阿明'].sort((a, b) => compareSortKeys(fieldTypeOf('text').sortKey(a, field('text')), fieldTypeOf('text').sortKey(b, field('text'))));
    expect(names).to.deep.equal(['阿明', '李四', '王五', '张三']);
    expect([10, 9, 100].sort((a, b) => compareSortKeys(a, b))).to.deep.equal([9, 10, 100]);
  });
  it('unknown types fall back to a permissive text-like definition', () => {
    const unknown = fieldTypeOf('no-such-type');
    expect(unknown.isDerived(field('no-such-type'))).to.equal(false);
    expect(unknown.checkStored({ any: 1 } as never, field('no-such-type'))).to.equal(null);
    expect(unknown.format('abc', field('no-such-type'), { locale: 'en' })).to.equal('abc');
  });
  it('text values have a hard size limit', () => {
    const huge = 'x'.repeat(100_001);
    expect(fieldTypeOf('text').validate(huge, field('text'))?.key).to.equal('field.tooLong');
    expect(fieldTypeOf('textarea').validate('x'.repeat(100_000), field('textarea'))).to.equal(null);
  });
});

describe('registerFieldType', () => {
  it('refuses to replace a built-in type unless asked', () => {
    const fake = defineFieldType({ type: 'money', labels: { 'zh-CN': '假', en: 'Fake' }, category: 'basic' });
    expect(() => registerFieldType(fake)).to.throw(/already registered/);
    expect(fieldTypeOf('money').labels.en).to.equal('Money');
  });
  it('lists built-ins first, in palette order', () => {
    expect(listFieldTypes().slice(0, 3).map((t) => t.type)).to.deep.equal(['text', 'textarea', 'number']);
  });
});

describe('pure parsing', () => {
  it('parseNumber and parseDate need no page', () => {
    expect(parseNumber('¥1,234.50')).to.equal(1234.5);
    expect(parseNumber('1,234.5元')).to.equal(1234.5);
    expect(parseDate('2024年1月5日')).to.equal('2024-01-05');
  });
});
