/**
 * CSV export (`recordsToCsv`): BOM, CRLF, RFC 4180 quoting, values as Excel reads them, the
 * formula-injection guard — and the round trip: export then import gives back the stored
 * values of every built-in stored type (a fast-check property).
 */
import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import { csvToRecords, recordsToCsv } from '../../../src/core/index.js';
import { fieldTypeOf } from '../../../src/core/fields/index.js';
import type { Locale, RecordValues } from '../../../src/core/schema/types.js';
import { customers } from './fixture.js';

const lines = (csv: string) => csv.slice(1).split('\r\n');

describe('recordsToCsv: format', () => {
  const record: RecordValues = {
    name: '张三',
    notes: '第一行\n第二行, 还有 "引号"',
    orders: 1234567,
    spent: 1234.5,
    discount: 0.35,
    joined: '2024-01-05',
    seen: new Date(2024, 0, 5, 13, 45, 7).toISOString(),
    level: 'gold',
    tags: ['vip', 'online'],
    subscribed: true,
    phone: '13800138000',
    email: 'a@b.cn',
    referrer: 'c1',
    friends: ['c1', 'c2'],
  };
  const recordLabel = (table: string, id: string) => (table === 'customers' ? { c1: '李四', c2: '王五' }[id] : undefined);

  it('writes a BOM, CRLF line ends, zh-CN headers and values as Excel reads them', () => {
    const csv = recordsToCsv(customers, [{ values: { ...record, ltv: 2469 } }], { locale: 'zh-CN', recordLabel });
    expect(csv.startsWith('\uFEFF')).to.equal(true);
    expect(csv.endsWith('\r\n')).to.equal(true);
    expect(lines(csv)).to.deep.equal([
      '姓名,备注,订单数,消费金额,折扣,注册日期,最近访问,等级,标签,订阅,手机,邮箱,推荐人,好友,生命周期价值,买家',
      '张三,"第一行\n第二行, 还有 ""引号""",1234567,1234.5,35%,2024-01-05,2024-01-05 13:45:07,黄金,大客户、线上,是,13800138000,a@b.cn,李四,李四、王五,2469,',
      '',
    ]);
  });

  it('writes en headers, labels and TRUE/FALSE; ids when there is no record label', () => {
    const csv = recordsToCsv(customers, [{ values: { ...record, subscribed: false } }], { fields: ['name', 'level', 'tags', 'subscribed', 'friends'] });
    expect(lines(csv)).to.deep.equal(['Name,Level,Tags,Subscribed,Friends', 'Bob,Gold,"VIP, Online",FALSE,"c1, c2"'.replace('Bob', '张三'), '']);
  });

  it('picks and orders columns with options.fields, and refuses unknown ones', () => {
    expect(lines(recordsToCsv(customers, [{ values: record }], { fields: ['spent', 'name'] }))).to.deep.equal(['Spent,Name', '1234.5,张三', '']);
    expect(() => recordsToCsv(customers, [], { fields: ['nope'] })).to.throw(TypeError, /no field "nope"/);
  });

  it('writes formula errors as their code and blanks as empty cells', () => {
    const csv = recordsToCsv(customers, [{ values: { name: null, ltv: { code: '#DIV/0!' } as never } }], { fields: ['name', 'ltv'] });
    expect(lines(csv)[1]).to.equal(',#DIV/0!');
  });

  const guard: Array<[string, string]> = [
    ['=1+2', "'=1+2"],
    ['+86 138', "'+86 138"],
    ['-3', "'-3"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\t=x', "'\t=x"],
    ['\r=x', `"'\r=x"`],
    ["'=x", "''=x"],
    ["'abc", "'abc"],
    ['a=b', 'a=b'],
  ];
  for (const [text, cell] of guard) {
    it(`guards text ${JSON.stringify(text)} as ${JSON.stringify(cell)}`, () => {
      expect(lines(recordsToCsv(customers, [{ values: { notes: text } }], { fields: ['notes'] }))[1]).to.equal(cell);
    });
  }

  it('does not guard numbers in number columns, but guards labels and headers', () => {
    const table = { ...customers, fields: [...customers.fields, { id: 'calc', name: '=calc', type: 'text' }] };
    const csv = recordsToCsv(table, [{ values: { orders: -3.5, spent: -12, discount: -0.5, tags: ['odd'], level: null, calc: '-1' } }], { fields: ['orders', 'spent', 'discount', 'tags', 'calc'] });
    expect(lines(csv)).to.deep.equal(["Orders,Spent,Discount,Tags,'=calc", "-3.5,-12,-50%,'-minus,'-1", '']);
  });

  it('writes a percent as the fraction when no % text reads back exactly', () => {
    const csv = recordsToCsv(customers, [{ values: { discount: 0.1234567890123456 } }, { values: { discount: 0.125 } }], { fields: ['discount'] });
    expect(lines(csv).slice(1, 3)).to.deep.equal(['0.1234567890123456', '12.5%']);
  });
});

// ---- round trip ----

const choiceIds = (fieldId: string) => customers.fields.find((f) => f.id === fieldId)!.options!.choices!.map((c) => c.id);
const people = { c1: '李四', c2: '王五', c3: 'Smith, J.', c4: '=evil' } as Record<string, string>;
const ids = Object.keys(people);

/** Text with what breaks naive CSV: quotes, commas, semicolons, tabs, newlines, leading = + - @ ' and Chinese. */
const nastyText = fc
  .array(fc.constantFrom('a', 'Z', '张', '三', ' ', ',', ';', '"', "'", '\n', '\r\n', '\t', '=', '+', '-', '@', '1', '.', '、', '，', '|', '\u3000'), { maxLength: 12 })
  .map((parts) => parts.join(''));

const storedOf = (fieldId: string) => (raw: unknown) => {
  const field = customers.fields.find((f) => f.id === fieldId)!;
  const coerced = fieldTypeOf(field).coerce(raw, field, 'json');
  return coerced.ok ? coerced.value : null;
};

const finite = fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e15, max: 1e15 }).map((n) => (Object.is(n, -0) ? 0 : n));

const recordArb = fc.record({
  name: nastyText.map(storedOf('name')),
  notes: nastyText.map(storedOf('notes')),
  orders: fc.option(fc.oneof(fc.integer(), finite), { nil: null }),
  spent: fc.option(fc.oneof(fc.integer({ min: -1e7, max: 1e7 }).map((n) => n / 100), finite), { nil: null }),
  discount: fc.option(fc.oneof(fc.integer({ min: -20000, max: 20000 }).map((n) => n / 10000), finite), { nil: null }),
  joined: fc.option(fc.date({ min: new Date('1900-03-01T00:00:00Z'), max: new Date('2200-01-01T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)), { nil: null }),
  // Whole seconds: the CSV shows date and time to the second, as Excel does.
  seen: fc.option(fc.integer({ min: 0, max: 4_000_000_000 }).map((s) => new Date(s * 1000).toISOString()), { nil: null }),
  level: fc.option(fc.constantFrom(...choiceIds('level')), { nil: null }),
  tags: fc.subarray(choiceIds('tags')).map(storedOf('tags')),
  subscribed: fc.boolean(),
  phone: fc.option(fc.constantFrom('13800138000', '010-12345678', '0755-12345678', '+442079460958'), { nil: null }),
  email: fc.option(fc.constantFrom('a@b.cn', 'first.last+tag@shop.example.com', "o'brien@mail.cn"), { nil: null }),
  referrer: fc.option(fc.constantFrom(...ids), { nil: null }),
  // A label holding a list separator ('Smith, J.') cannot name one of several links (docs/csv.md).
  friends: fc.option(fc.uniqueArray(fc.constantFrom('c1', 'c2', 'c4'), { minLength: 1 }), { nil: null }),
});

describe('recordsToCsv → csvToRecords round trip', () => {
  for (const locale of ['zh-CN', 'en'] as Locale[]) {
    it(`gives back the stored values of every stored type (${locale})`, () => {
      const byLabel = new Map(Object.entries(people).map(([id, label]) => [label, id]));
      fc.assert(
        fc.property(fc.array(recordArb, { maxLength: 8 }), (records) => {
          const csv = recordsToCsv(customers, records.map((values) => ({ values: { ...values, ltv: 1 } })), { locale, recordLabel: (_t, id) => people[id] });
          const back = csvToRecords(csv, customers, { locale, resolveRelation: (_f, text) => byLabel.get(text) });
          expect(back.errors).to.deep.equal([]);
          expect(back.records.map((r) => r.values)).to.deep.equal(records);
          expect(back.records.map((r) => r.row)).to.deep.equal(records.map((_r, i) => i + 2));
        }),
        { numRuns: 300 },
      );
    });
  }
});
