/**
 * `createCsvReader`, the row reader the import worker streams rows through: row by row it
 * gives exactly what `csvToRecords` gives for the whole text (records, errors, mapping,
 * added choices), and `addChoices` as a list of field ids grows only those fields.
 */
import { expect } from '@open-wc/testing';
import Papa from 'papaparse';
import { createCsvReader, csvToRecords } from '../../../src/core/index.js';
import { shopApp } from '../../fixtures/import/shop-app.js';

const table = shopApp().tables[0]!;

describe('createCsvReader', () => {
  const texts = [
    '姓名,手机,等级,标签,会员,注册日期\n张三,138 0013 8000,金卡,"A,B",是,2024/1/5\n\n李四,12,钻石,D,maybe,2024-13-01\n王五,13700137000\n',
    'name,phone,level\n,13800138000,gold\nAda,13800138001,silver,extra\n',
    '手机\n13800138000\n',
  ];
  for (const [i, text] of texts.entries()) {
    it(`row by row equals csvToRecords (${i + 1})`, () => {
      const whole = csvToRecords(text, table, { locale: 'zh-CN', addChoices: ['level'] });
      const data = Papa.parse<string[]>(text, { skipEmptyLines: false }).data;
      const reader = createCsvReader(data[0]!.map((h) => h.trim()), table, { locale: 'zh-CN', addChoices: ['level'] });
      const records = data.slice(1).flatMap((cells, index) => reader.readRow(cells, index + 2) ?? []);
      expect(records).to.deep.equal(whole.records);
      expect(reader.result.errors).to.deep.equal(whole.errors);
      expect(reader.result.mapping).to.deep.equal(whole.mapping);
      expect(reader.result.addedChoices).to.deep.equal(whole.addedChoices);
      expect(reader.result.rowCount).to.equal(whole.rowCount);
    });
  }

  it('addChoices as field ids: only those fields grow; the others report field.choice', () => {
    const result = csvToRecords('姓名,等级,标签\n张三,钻石,D\n', table, { addChoices: ['level'] });
    expect(result.newChoices).to.deep.equal({ level: ['钻石'] });
    expect(result.errors.map((e) => [e.column, e.code])).to.deep.equal([['标签', 'field.choice']]);
    expect(csvToRecords('姓名,等级,标签\n张三,钻石,D\n', table, { addChoices: true }).newChoices).to.deep.equal({ level: ['钻石'], tags: ['D'] });
  });

  it('a header problem: no row is a record, every row is still checked', () => {
    const reader = createCsvReader(['手机'], table, { locale: 'en' });
    expect(reader.headerBroken).to.equal(true);
    expect(reader.readRow(['13800138000'], 2)).to.equal(undefined);
    expect(reader.readRow(['12'], 3)).to.equal(undefined);
    expect(reader.result.errors.map((e) => [e.row, e.code])).to.deep.equal([
      [1, 'csv.requiredColumnMissing'],
      [3, 'field.phone'],
    ]);
  });
});
