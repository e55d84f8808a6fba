/**
 * CSV import (`csvToRecords`): value forms of Chinese spreadsheets, RFC 4180 parsing, header
 * guessing and mapping, and every kind of reported problem — row numbers, columns, values,
 * codes and messages in both languages.
 */
import { expect } from '@open-wc/testing';
import { csvToRecords, decodeCsvBytes } from '../../../src/core/index.js';
import type { CsvImportOptions } from '../../../src/core/index.js';
import type { CellValue } from '../../../src/core/schema/types.js';
import { customers, orders } from './fixture.js';

/** One column "header" + one cell → the stored value, or the error code. */
function one(header: string, cell: string, options: CsvImportOptions = {}): { value?: CellValue; code?: string } {
  const quoted = /[",\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell;
  const result = csvToRecords(`${header}\r\n${quoted}\r\n`, customers, options);
  if (result.errors.length) return { code: result.errors[0]!.code };
  const fieldId = result.mapping[header]!;
  return { value: result.records[0]!.values[fieldId] };
}

describe('csvToRecords: value forms', () => {
  const cases: Array<[string, string, CellValue | { code: string }]> = [
    ['注册日期', '2024/1/5', '2024-01-05'],
    ['注册日期', '2024-01-05', '2024-01-05'],
    ['注册日期', '2024年1月5日', '2024-01-05'],
    ['注册日期', '2024/2/30', { code: 'field.date' }],
    ['最近访问', '2024-01-05 13:45:00', new Date(2024, 0, 5, 13, 45, 0).toISOString()],
    ['消费金额', '¥1,234.50', 1234.5],
    ['消费金额', '￥88', 88],
    ['消费金额', '1,234.5元', 1234.5],
    ['消费金额', '-3.5', -3.5],
    ['消费金额', 'abc', { code: 'field.number' }],
    ['订单数', '1,234', 1234],
    ['折扣', '35%', 0.35],
    ['折扣', '0.35', 0.35],
    ['订阅', '是', true],
    ['订阅', '否', false],
    ['订阅', 'TRUE', true],
    ['订阅', 'FALSE', false],
    ['订阅', '1', true],
    ['订阅', '0', false],
    ['订阅', '也许', { code: 'field.boolean' }],
    ['等级', '黄金', 'gold'],
    ['等级', 'Gold', 'gold'],
    ['等级', 'silver', 'silver'],
    ['等级', '钻石', { code: 'field.choice' }],
    ['标签', '大客户, 批发', ['vip', 'wholesale']],
    ['标签', '线上，VIP', ['vip', 'online']],
    ['标签', 'VIP;Online', ['vip', 'online']],
    ['标签', '批发、线上', ['wholesale', 'online']],
    ['标签', '批发、钻石', { code: 'field.choice' }],
    ['手机', '138 0013 8000', '13800138000'],
    ['手机', '+86 138-0013-8000', '13800138000'],
    ['手机', '0755 1234 5678', '0755-12345678'],
    ['手机', '12345', { code: 'field.phone' }],
    ['邮箱', 'a@b.cn', 'a@b.cn'],
    ['邮箱', 'not-mail', { code: 'field.email' }],
    ['姓名', '  张三  ', '张三'],
    ['姓名', "'=1+2", '=1+2'],
    ['姓名', "'-3", '-3'],
    ['姓名', "'abc", "'abc"],
    ['备注', '第一行\n第二行', '第一行\n第二行'],
  ];
  for (const [header, cell, expected] of cases) {
    it(`${header}: ${JSON.stringify(cell)} → ${JSON.stringify(expected)}`, () => {
      const got = one(header, cell);
      if (expected !== null && typeof expected === 'object' && !Array.isArray(expected)) expect(got.code).to.equal(expected.code);
      else expect(got).to.deep.equal({ value: expected });
    });
  }
});

describe('csvToRecords: blank cells', () => {
  it('a blank checkbox is false, other blanks null', () => {
    const result = csvToRecords('姓名,订阅,订单数,标签\n甲,,,\n', customers);
    expect(result.records[0]!.values).to.deep.equal({ name: '甲', subscribed: false, orders: null, tags: null });
  });
});

describe('csvToRecords: repeated cells', () => {
  it('a repeated bad cell is reported on every row, and repeated lists are not shared', () => {
    const result = csvToRecords('姓名,标签,订单数\n甲,大客户、线上,x\n乙,大客户、线上,x\n', customers);
    expect(result.errors.map((e) => [e.row, e.code])).to.deep.equal([[2, 'field.number'], [3, 'field.number']]);
    const ok = csvToRecords('姓名,标签\n甲,大客户、线上\n乙,大客户、线上\n', customers).records;
    expect(ok[0]!.values.tags).to.deep.equal(['vip', 'online']);
    expect(ok[0]!.values.tags).to.not.equal(ok[1]!.values.tags);
  });
});

describe('csvToRecords: parsing', () => {
  it('reads RFC 4180 quotes, embedded commas, quotes and newlines, and strips a BOM', () => {
    const text = '\uFEFF姓名,备注,订单数\r\n"张, 三","他说""好""\r\n第二行",3\r\n李四,,4\r\n';
    const result = csvToRecords(text, customers);
    expect(result.errors).to.deep.equal([]);
    expect(result.mapping).to.deep.equal({ 姓名: 'name', 备注: 'notes', 订单数: 'orders' });
    expect(result.records).to.deep.equal([
      { row: 2, values: { name: '张, 三', notes: '他说"好"\r\n第二行', orders: 3 } },
      { row: 3, values: { name: '李四', notes: null, orders: 4 } },
    ]);
  });

  for (const [name, delimiter] of [['semicolon', ';'], ['tab', '\t'], ['comma', ',']] as const) {
    it(`detects the ${name} delimiter`, () => {
      const text = ['姓名', '消费金额', '订单数'].join(delimiter) + '\n' + ['王五', '"1,234.5"', '2'].join(delimiter) + '\n';
      const result = csvToRecords(text, customers);
      expect(result.delimiter).to.equal(delimiter);
      expect(result.errors).to.deep.equal([]);
      expect(result.records[0]!.values).to.deep.equal({ name: '王五', spent: 1234.5, orders: 2 });
    });
  }

  it('reports ragged rows per row and keeps the good ones', () => {
    const text = '姓名,订单数\n甲,1\n乙,2,多余\n丙\n丁,4\n';
    const result = csvToRecords(text, customers);
    expect(result.records.map((r) => r.row)).to.deep.equal([2, 5]);
    expect(result.errors.map((e) => [e.row, e.code, e.value])).to.deep.equal([
      [3, 'csv.tooManyCells', '多余'],
      [4, 'csv.tooFewCells', ''],
    ]);
    expect(result.errors[0]!.message).to.equal('Row 3: This row has 3 cells but the header has 2 columns');
  });

  it('keeps spreadsheet row numbers across blank rows and multi-line cells', () => {
    const text = '姓名,订单数\n"多\n行",1\n\n,\nX,bad\n';
    const result = csvToRecords(text, customers);
    // Row 2 is the multi-line record, 3 and 4 are blank, 5 is the bad one.
    expect(result.errors.map((e) => [e.row, e.column, e.value, e.code])).to.deep.equal([[5, '订单数', 'bad', 'field.number']]);
    expect(result.rowCount).to.equal(2);
  });

  for (const text of ['', '\uFEFF', '  \r\n\r\n']) {
    it(`an empty file (${JSON.stringify(text)}) is a clear error`, () => {
      const result = csvToRecords(text, customers, { locale: 'zh-CN' });
      expect(result.records).to.deep.equal([]);
      expect(result.errors.map((e) => e.code)).to.deep.equal(['csv.empty']);
      expect(result.errors[0]!.message).to.equal('文件是空的：没有表头行，也没有数据');
    });
  }

  it('a header-only file gives no records and no errors', () => {
    const result = csvToRecords('姓名,订单数\r\n', customers);
    expect(result).to.include({ rowCount: 0 });
    expect(result.records).to.deep.equal([]);
    expect(result.errors).to.deep.equal([]);
  });

  it('reports unbalanced quotes with the row', () => {
    const result = csvToRecords('姓名,订单数\n甲,1\n"乙,2\n', customers);
    expect(result.records.map((r) => r.row)).to.deep.equal([2]);
    expect(result.errors.some((e) => e.row === 3 && e.code === 'csv.quotes')).to.equal(true);
  });
});

describe('csvToRecords: errors', () => {
  it('one error per bad cell, with row, column, value and a message in each language', () => {
    const text = '姓名,消费金额,注册日期\n甲,¥12,2024/1/5\n乙,十二,2024/13/1\n';
    const en = csvToRecords(text, customers);
    expect(en.records.map((r) => r.row)).to.deep.equal([2]);
    expect(en.errors).to.deep.equal([
      { row: 3, column: '消费金额', value: '十二', code: 'field.number', message: 'Row 3, column "消费金额": "Spent" must be a number' },
      { row: 3, column: '注册日期', value: '2024/13/1', code: 'field.date', message: 'Row 3, column "注册日期": "Joined" is not a valid date (use YYYY-MM-DD)' },
    ]);
    const zh = csvToRecords(text, customers, { locale: 'zh-CN' });
    expect(zh.errors.map((e) => e.message)).to.deep.equal([
      '第 3 行“消费金额”列：“消费金额”必须是数字',
      '第 3 行“注册日期”列：“注册日期”不是有效的日期（格式 YYYY-MM-DD）',
    ]);
  });

  it('a required field left blank is an error of its row', () => {
    const result = csvToRecords('订单号,金额\nA1,10\n ,20\n', orders);
    expect(result.records.map((r) => r.values)).to.deep.equal([{ no: 'A1', amount: 10 }]);
    expect(result.errors.map((e) => [e.row, e.column, e.code])).to.deep.equal([[3, '订单号', 'field.required']]);
    expect(result.errors[0]!.message).to.equal('Row 3, column "订单号": "Order no." is required');
  });

  it('a required field without a column is a header error, and no rows are good', () => {
    const result = csvToRecords('金额\n10\n', orders, { locale: 'zh-CN' });
    expect(result.records).to.deep.equal([]);
    expect(result.errors.map((e) => [e.row, e.code, e.message])).to.deep.equal([[1, 'csv.requiredColumnMissing', '必填字段“订单号”没有对应的列']]);
  });

  it('a field validation (min) is reported', () => {
    const table = { ...orders, fields: orders.fields.map((f) => (f.id === 'amount' ? { ...f, options: { min: 0 } } : f)) };
    const result = csvToRecords('订单号,金额\nA,-1\n', table);
    expect(result.errors.map((e) => [e.row, e.code])).to.deep.equal([[2, 'field.min']]);
  });
});

describe('csvToRecords: mapping', () => {
  const guesses: Array<[string, string | null]> = [
    ['姓名', 'name'],
    ['Name', 'name'],
    [' NAME ', 'name'],
    ['name', 'name'],
    ['消费金额（元）', 'spent'],
    ['Spent (CNY)', 'spent'],
    ['ｓｐｅｎｔ', 'spent'],
    ['Last seen', 'seen'],
    ['last   SEEN', 'seen'],
    ['最近访问', 'seen'],
    ['phone', 'phone'],
    ['生日', null],
    ['', null],
  ];
  for (const [header, id] of guesses) {
    it(`guesses ${JSON.stringify(header)} → ${id}`, () => {
      const result = csvToRecords(`${header},X\n1,2\n`, customers);
      expect(result.mapping[header.trim()]).to.equal(id);
    });
  }

  it('unknown headers are skipped, not errors', () => {
    const result = csvToRecords('姓名,生日\n甲,1990\n', customers);
    expect(result.errors).to.deep.equal([]);
    expect(result.skipped).to.deep.equal([{ column: '生日', reason: 'unknown' }]);
    expect(result.records[0]!.values).to.deep.equal({ name: '甲' });
  });

  it('a guessed derived column is skipped; a second column for one field too', () => {
    const result = csvToRecords('姓名,LTV,Name,买家\n甲,100,乙,x\n', customers);
    expect(result.errors).to.deep.equal([]);
    expect(result.mapping).to.deep.equal({ 姓名: 'name', LTV: null, Name: null, 买家: null });
    expect(result.skipped).to.deep.equal([
      { column: 'LTV', reason: 'derived' },
      { column: 'Name', reason: 'duplicate' },
      { column: '买家', reason: 'derived' },
    ]);
    expect(result.records[0]!.values).to.deep.equal({ name: '甲' });
  });

  it('a given mapping overrides the guess and null skips a column', () => {
    const result = csvToRecords('客户名,姓名,订单数\n甲,乙,3\n', customers, { mapping: { 客户名: 'name', 订单数: null } });
    expect(result.mapping).to.deep.equal({ 客户名: 'name', 姓名: null, 订单数: null });
    expect(result.records[0]!.values).to.deep.equal({ name: '甲' });
    expect(result.skipped).to.deep.equal([
      { column: '订单数', reason: 'skipped' },
      { column: '姓名', reason: 'duplicate' },
    ]);
  });

  it('mapping to a derived field or to no field is an error naming it', () => {
    const result = csvToRecords('a,b,c\n1,2,3\n', customers, { mapping: { a: 'ltv', b: 'nope', c: 'orders' } });
    expect(result.records).to.deep.equal([]);
    expect(result.errors.map((e) => [e.row, e.column, e.code, e.message])).to.deep.equal([
      [1, 'a', 'csv.derivedField', 'Header, column "a": "LTV" is computed (a formula or an inverse link) and cannot be imported'],
      [1, 'b', 'csv.unknownField', 'Header, column "b": The column is mapped to a field that does not exist: "nope"'],
    ]);
    expect(result.mapping).to.deep.equal({ a: null, b: null, c: 'orders' });
  });
});

describe('csvToRecords: choices and relations', () => {
  it('an unknown choice is an error without addChoices', () => {
    const result = csvToRecords('等级,标签\n钻石,大客户\n', customers);
    expect(result.errors.map((e) => [e.row, e.column, e.value, e.code])).to.deep.equal([[2, '等级', '钻石', 'field.choice']]);
    expect(result.newChoices).to.deep.equal({});
  });

  it('with addChoices unknown names become new choices with stable ids', () => {
    const text = '等级,标签\n钻石,大客户、社群、团购\n钻石,社群\n黄金,\n';
    const first = csvToRecords(text, customers, { addChoices: true });
    const again = csvToRecords(text, customers, { addChoices: true });
    expect(first.errors).to.deep.equal([]);
    expect(first.newChoices).to.deep.equal({ level: ['钻石'], tags: ['社群', '团购'] });
    expect(first.addedChoices).to.deep.equal(again.addedChoices);
    const [diamond] = first.addedChoices.level!;
    const [community, groupBuy] = first.addedChoices.tags!;
    expect(diamond!.id).to.match(/^c-[0-9a-z]+$/);
    expect(first.records.map((r) => r.values)).to.deep.equal([
      { level: diamond!.id, tags: ['vip', community!.id, groupBuy!.id] },
      { level: diamond!.id, tags: [community!.id] },
      { level: 'gold', tags: null },
    ]);
  });

  it('relations without a resolver are csv.relationUnresolved', () => {
    const result = csvToRecords('订单号,客户\nA,张三\nB,\n', orders);
    expect(result.errors.map((e) => [e.row, e.column, e.value, e.code, e.message])).to.deep.equal([
      [2, '客户', '张三', 'csv.relationUnresolved', 'Row 2, column "客户": "Customer": no record found for "张三"'],
    ]);
    expect(result.records).to.deep.equal([{ row: 3, values: { no: 'B', customer: null } }]);
  });

  it('resolves relations through resolveRelation (one, several, unknown, ambiguous)', () => {
    const byPhone: Record<string, string[]> = { '13800138000': ['c1'], '13900139000': ['c2'], '13700137000': ['c3', 'c4'] };
    const seen: string[] = [];
    const resolveRelation = (field: { id: string }, text: string) => {
      seen.push(`${field.id}:${text}`);
      return byPhone[text];
    };
    const text = '姓名,推荐人,好友\n甲,13800138000,"13900139000, 13800138000"\n乙,13600136000,\n丙,,13700137000\n';
    const result = csvToRecords(text, customers, { resolveRelation });
    expect(result.records).to.deep.equal([{ row: 2, values: { name: '甲', referrer: 'c1', friends: ['c2', 'c1'] } }]);
    expect(result.errors.map((e) => [e.row, e.column, e.value, e.code])).to.deep.equal([
      [3, '推荐人', '13600136000', 'csv.relationUnresolved'],
      [4, '好友', '13700137000', 'csv.relationAmbiguous'],
    ]);
    expect(seen).to.include('friends:13900139000');
  });
});

describe('csvToRecords: Excel serial dates', () => {
  const cases: Array<[string, string, CellValue | { code: string }]> = [
    ['注册日期', '45000', '2023-03-15'],
    ['注册日期', '1', '1900-01-01'],
    ['注册日期', '59', '1900-02-28'],
    ['注册日期', '60', { code: 'csv.excelSerialFictional' }],
    ['注册日期', '61', '1900-03-01'],
    ['注册日期', '2958465', '9999-12-31'],
    ['注册日期', '0', { code: 'csv.excelSerialRange' }],
    ['注册日期', '2024/1/5', '2024-01-05'],
    ['最近访问', '45000.75', new Date(2023, 2, 15, 18, 0, 0).toISOString()],
    ['订单数', '45000', 45000],
  ];
  for (const [header, cell, expected] of cases) {
    it(`${header}: ${cell} → ${JSON.stringify(expected)}`, () => {
      const got = one(header, cell, { excelSerialDates: true });
      if (expected !== null && typeof expected === 'object' && !Array.isArray(expected)) expect(got.code).to.equal(expected.code);
      else expect(got).to.deep.equal({ value: expected });
    });
  }

  it('without the option a number in a date column is an error', () => {
    expect(one('注册日期', '45000').code).to.equal('field.date');
  });

  it('the fictional day has a message in both languages', () => {
    const zh = csvToRecords('注册日期\n60\n', customers, { excelSerialDates: true, locale: 'zh-CN' });
    expect(zh.errors[0]!.message).to.equal('第 2 行“注册日期”列：“注册日期”：Excel 日期序号 60 是不存在的 1900-02-29（Excel 的闰年错误）');
  });
});

describe('decodeCsvBytes', () => {
  const hex = (h: string) => new Uint8Array(h.match(/../g)!.map((b) => parseInt(b, 16)));
  const expected = '姓名,订单数,消费金额\r\n张三,3,￥12\r\n';
  it('decodes GBK bytes (Chinese Excel) as gb18030, and the records import', () => {
    // '姓名,订单数,消费金额\r\n张三,3,￥12\r\n' encoded by Python's gbk codec.
    const gbk = hex('d0d5c3fb2cb6a9b5a5cafd2ccffbb7d1bdf0b6ee0d0ad5c5c8fd2c332ca3a431320d0a');
    const decoded = decodeCsvBytes(gbk);
    expect(decoded).to.deep.equal({ text: expected, encoding: 'gb18030' });
    expect(csvToRecords(decoded.text, customers).records[0]!.values).to.deep.equal({ name: '张三', orders: 3, spent: 12 });
  });
  it('decodes UTF-8 with and without a BOM', () => {
    const bytes = new TextEncoder().encode(expected);
    expect(decodeCsvBytes(bytes)).to.deep.equal({ text: expected, encoding: 'utf-8' });
    expect(decodeCsvBytes(new Uint8Array([0xef, 0xbb, 0xbf, ...bytes]))).to.deep.equal({ text: expected, encoding: 'utf-8' });
  });
  it('decodes UTF-16 LE and BE by their BOM', () => {
    const units = [...'姓名,a\r\n'].map((c) => c.charCodeAt(0));
    const le = new Uint8Array([0xff, 0xfe, ...units.flatMap((u) => [u & 0xff, u >> 8])]);
    const be = new Uint8Array([0xfe, 0xff, ...units.flatMap((u) => [u >> 8, u & 0xff])]);
    expect(decodeCsvBytes(le)).to.deep.equal({ text: '姓名,a\r\n', encoding: 'utf-16le' });
    expect(decodeCsvBytes(be)).to.deep.equal({ text: '姓名,a\r\n', encoding: 'utf-16be' });
  });
});

describe('csvToRecords: size', () => {
  it('imports 20,000 rows × 12 columns correctly', () => {
    const header = ['姓名', '备注', '订单数', '消费金额', '折扣', '注册日期', '等级', '标签', '订阅', '手机', '邮箱', '最近访问'];
    const lines = [header.join(',')];
    for (let i = 0; i < 20_000; i++) {
      lines.push([`客户${i}`, `"备注, ${i}"`, String(i % 50), `"¥${(i * 1.5).toFixed(2)}"`, `${i % 100}%`, `2024/${(i % 12) + 1}/${(i % 28) + 1}`, ['黄金', 'Silver', '青铜'][i % 3], '大客户、线上', i % 2 ? '是' : '否', `138${String(i).padStart(8, '0')}`, `u${i}@shop.cn`, `2024-01-05 10:${String(i % 60).padStart(2, '0')}:00`].join(','));
    }
    lines.push('坏,,x,,,,,,,,,');
    const result = csvToRecords(lines.join('\r\n'), customers);
    expect(result.records.length).to.equal(20_000);
    expect(result.errors.map((e) => [e.row, e.column, e.code])).to.deep.equal([[20_002, '订单数', 'field.number']]);
    const r = result.records[12_345]!;
    expect(r.row).to.equal(12_347);
    expect(r.values).to.deep.equal({
      name: '客户12345',
      notes: '备注, 12345',
      orders: 45,
      spent: 18517.5,
      discount: 0.45,
      joined: '2024-10-26',
      level: 'gold',
      tags: ['vip', 'online'],
      subscribed: true,
      phone: '13800012345',
      email: 'u12345@shop.cn',
      seen: new Date(2024, 0, 5, 10, 45, 0).toISOString(),
    });
  });
});
