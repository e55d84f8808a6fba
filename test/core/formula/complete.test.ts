/**
 * Autocompletion of formula source: which context the cursor is in, which items are
 * offered in which order, which range they replace, and what inserting one produces.
 * `|` in a case's source marks the cursor.
 */
import { expect } from '@open-wc/testing';
import { applyCompletion, completeFormula, completionScopeForTable, functionSignature, type CompletionScope } from '../../../src/core/formula/complete.js';
import { FUNCTIONS_BY_NAME, compileFormula, renameFieldInFormula } from '../../../src/core/formula/index.js';
import type { AppDef } from '../../../src/core/schema/types.js';

const scope: CompletionScope = {
  fields: [
    { id: 'aov', name: '平均客单价', type: 'money', labels: { en: 'Average order value' } },
    { id: 'freq', name: '购买频次', type: 'number', labels: { en: 'Purchase frequency' } },
    { id: 'ret', name: '客户保持率', type: 'percent', labels: { en: 'Retention rate' } },
    { id: 'name', name: '客户名称', type: 'text' },
    { id: 'dot', name: 'v1.2', type: 'number' },
    {
      id: 'orders',
      name: '订单',
      type: 'relation',
      labels: { en: 'Orders' },
      fields: [
        { id: 'amount', name: '金额', type: 'money', labels: { en: 'Amount' } },
        { id: 'date', name: '下单日期', type: 'date' },
      ],
    },
  ],
};

function at(marked: string): { source: string; cursor: number } {
  const cursor = marked.indexOf('|');
  if (cursor < 0) throw new Error(`no cursor in ${marked}`);
  return { source: marked.slice(0, cursor) + marked.slice(cursor + 1), cursor };
}

interface Case {
  name: string;
  input: string;
  context: 'field' | 'identifier' | 'none';
  /** The labels offered, in order (a prefix of the list when `prefixOnly`). */
  labels?: string[];
  prefixOnly?: boolean;
  /** Source after accepting the first item. */
  accept?: string;
}

const cases: Case[] = [
  { name: 'a brace offers the fields, then relation paths', input: '{|', context: 'field', labels: ['平均客单价', '购买频次', '客户保持率', '客户名称', 'v1.2', '订单', '订单.金额', '订单.下单日期'], accept: '{平均客单价}' },
  { name: 'a Chinese prefix', input: '{购|', context: 'field', labels: ['购买频次'], accept: '{购买频次}' },
  { name: 'a substring in the middle of a name', input: '{频次|', context: 'field', labels: ['购买频次'] },
  { name: 'prefix matches come before substring matches', input: '{客户|', context: 'field', labels: ['客户保持率', '客户名称'] },
  { name: 'the English label finds the Chinese name', input: '{purch|', context: 'field', labels: ['购买频次'], accept: '{购买频次}' },
  { name: 'English label matching ignores case', input: '{RETENTION|', context: 'field', labels: ['客户保持率'] },
  { name: 'a relation path', input: 'SUM({订单.|', context: 'field', labels: ['订单.金额', '订单.下单日期'], accept: 'SUM({订单.金额}' },
  { name: 'a related field by its own name', input: '{金|', context: 'field', labels: ['订单.金额'], accept: '{订单.金额}' },
  { name: 'a related field through English labels', input: '{orders.am|', context: 'field', labels: ['订单.金额'] },
  { name: 'the closing brace after the cursor is replaced too', input: '{购|} * 2', context: 'field', labels: ['购买频次'], accept: '{购买频次} * 2' },
  { name: 'the rest of the reference is replaced', input: '{购|买} + 1', context: 'field', labels: ['购买频次'], accept: '{购买频次} + 1' },
  { name: 'a full-width brace typed with an IME', input: '｛购|', context: 'field', labels: ['购买频次'], accept: '{购买频次}' },
  { name: 'a name containing a dot is escaped on insert', input: '{v1|', context: 'field', labels: ['v1.2'], accept: '{v1\\.2}' },
  { name: 'an escaped dot matches the dotted name', input: '{v1\\.|', context: 'field', labels: ['v1.2'] },
  { name: 'no match inside a brace gives no items', input: '{不存在|', context: 'field', labels: [] },
  { name: 'after a closed reference nothing is offered', input: '{购买频次}|', context: 'none', labels: [] },
  { name: 'a function prefix', input: 'ROU|', context: 'identifier', labels: ['ROUND', 'ROUNDUP', 'ROUNDDOWN'], accept: 'ROUND(' },
  { name: 'function names are matched case-insensitively, fields by label after them', input: 'avera|', context: 'identifier', labels: ['AVERAGE', 'AVERAGEIF', '平均客单价'], accept: 'AVERAGE(' },
  { name: 'prefix before substring for functions', input: 'DAY|', context: 'identifier', labels: ['DAY', 'DAYS', 'TODAY', 'WEEKDAY'] },
  { name: 'an existing parenthesis is not doubled', input: 'SU|(1, 2)', context: 'identifier', labels: ['SUM', 'SUMIF', 'SUBSTITUTE'], prefixOnly: true, accept: 'SUM(1, 2)' },
  { name: 'the whole identifier around the cursor is replaced', input: 'CO|UN + 1', context: 'identifier', labels: ['COUNT', 'COUNTA', 'COUNTIF', 'CONCATENATE'], prefixOnly: true, accept: 'COUNT( + 1' },
  { name: 'a bare field name offers the field in braces', input: '1 + 购买|', context: 'identifier', labels: ['购买频次'], accept: '1 + {购买频次}' },
  { name: 'inside quoted text nothing is offered', input: '"SU|', context: 'none', labels: [] },
  { name: 'inside Chinese quotes nothing is offered', input: '“{购|', context: 'none', labels: [] },
  { name: 'a brace inside text is not a reference', input: '"a{b" & {购|', context: 'field', labels: ['购买频次'] },
  { name: 'a doubled quote stays inside the text', input: '"say ""hi"" SU|', context: 'none', labels: [] },
  { name: 'after an operator nothing is offered', input: '1 + |', context: 'none', labels: [] },
  { name: 'a number is not an identifier', input: '1e|', context: 'none', labels: [] },
];

describe('completeFormula', () => {
  for (const c of cases) {
    it(c.name, () => {
      const { source, cursor } = at(c.input);
      const completion = completeFormula(source, cursor, scope, 'zh-CN');
      expect(completion.context, 'context').to.equal(c.context);
      const labels = completion.items.map((i) => i.label);
      if (c.labels) {
        if (c.prefixOnly) expect(labels.slice(0, c.labels.length)).to.deep.equal(c.labels);
        else expect(labels).to.deep.equal(c.labels);
      }
      if (c.accept !== undefined) {
        const { source: next, cursor: after } = applyCompletion(source, completion, completion.items[0]!);
        expect(next).to.equal(c.accept);
        expect(after).to.equal(completion.from + completion.items[0]!.insert.length);
      }
    });
  }

  it('gives kinds and details: field type and other label, relation path, function signature', () => {
    const fields = completeFormula('{', 1, scope, 'zh-CN').items;
    expect(fields.find((i) => i.label === '购买频次')).to.deep.equal({ label: '购买频次', insert: '{购买频次}', kind: 'field', detail: '数字 · Purchase frequency' });
    expect(fields.find((i) => i.label === '订单.金额')).to.deep.equal({ label: '订单.金额', insert: '{订单.金额}', kind: 'relationField', detail: '订单 → 金额' });
    // In English the English labels are shown and inserted; the name is the detail.
    const english = completeFormula('{', 1, scope, 'en').items;
    expect(english.find((i) => i.label === 'Purchase frequency')).to.deep.equal({ label: 'Purchase frequency', insert: '{Purchase frequency}', kind: 'field', detail: 'number · 购买频次' });
    expect(english.find((i) => i.label === 'Orders.Amount')).to.deep.equal({ label: 'Orders.Amount', insert: '{Orders.Amount}', kind: 'relationField', detail: 'Orders → money' });
    // A field without an English label keeps its name.
    expect(english.some((i) => i.label === '客户名称')).to.equal(true);
    const round = completeFormula('ROUND', 5, scope, 'zh-CN').items[0]!;
    expect(round).to.deep.equal({ label: 'ROUND', insert: 'ROUND(', kind: 'function', detail: 'ROUND(数字, [数字])' });
  });

  it('Ctrl+Space (explicit) offers fields and functions where nothing would be offered', () => {
    const { source, cursor } = at('1 + |');
    const completion = completeFormula(source, cursor, scope, 'en', { explicit: true });
    expect(completion.from).to.equal(cursor);
    expect(completion.to).to.equal(cursor);
    expect(completion.items[0]!.label).to.equal('Average order value');
    expect(completion.items.some((i) => i.kind === 'function' && i.label === 'SUM')).to.equal(true);
  });

  it('in English, {Average offers and inserts the English label, and the reference compiles (issue 9)', () => {
    const completion = completeFormula('{Average', 8, scope, 'en');
    expect(completion.items.map((i) => i.label)).to.deep.equal(['Average order value']);
    const { source } = applyCompletion('{Average', completion, completion.items[0]!);
    expect(source).to.equal('{Average order value}');
    expect(compileFormula(`${source} * {Purchase frequency}`, scope).deps).to.deep.equal(['aov', 'freq']);
    expect(compileFormula(`${source} * {Purchase frequency}`, scope).type).to.equal('money');
  });

  it('a reference by label survives renames: it still compiles, and a rename rewrites it to the new name', () => {
    expect(compileFormula('SUM({Orders.Amount}) + {Average order value}', scope).deps).to.deep.equal(['orders.amount', 'aov']);
    expect(renameFieldInFormula('{Average order value} + {平均客单价} + {Retention rate}', scope, 'aov', 'AOV')).to.equal('{AOV} + {AOV} + {Retention rate}');
  });

  it('does not insert a label that is another field’s name (names win over labels)', () => {
    const clash: CompletionScope = {
      fields: [
        { id: 'a', name: 'Total', type: 'number' },
        { id: 'b', name: '合计', type: 'money', labels: { en: 'Total' } },
      ],
    };
    const items = completeFormula('{', 1, clash, 'en').items;
    expect(items.map((i) => i.insert)).to.deep.equal(['{Total}', '{合计}']);
    expect(compileFormula('{合计}', clash).deps).to.deep.equal(['b']);
    expect(compileFormula('{Total}', clash).deps).to.deep.equal(['a']);
  });

  it('every inserted item compiles in its place', () => {
    // A completed field reference or function call is valid source (functions get their arguments).
    for (const item of completeFormula('{', 1, scope, 'en').items) {
      expect(() => compileFormula(`COUNTA(${item.insert})`, scope), item.insert).not.to.throw();
    }
  });

  it('respects the limit', () => {
    expect(completeFormula('{', 1, scope, 'en', { limit: 3 }).items).to.have.length(3);
  });
});

describe('functionSignature', () => {
  const cases: Array<[string, string, string]> = [
    ['ROUND', 'en', 'ROUND(number, [number])'],
    ['SUM', 'en', 'SUM(numbers, …)'],
    ['IF', 'zh-CN', 'IF(条件, 值, [值])'],
    ['TODAY', 'en', 'TODAY()'],
    ['DATEDIF', 'en', 'DATEDIF(date, date, text)'],
  ];
  for (const [name, locale, expected] of cases) {
    it(`${name} in ${locale}`, () => {
      expect(functionSignature(FUNCTIONS_BY_NAME.get(name)!, locale as 'en' | 'zh-CN')).to.equal(expected);
    });
  }
});

describe('completionScopeForTable', () => {
  it('adds the labels of the table and of related tables', () => {
    const app: AppDef = {
      id: 'a',
      name: 'a',
      version: 1,
      createdAt: '',
      updatedAt: '',
      tables: [
        {
          id: 'c',
          name: '客户',
          primaryFieldId: 'n',
          fields: [
            { id: 'n', name: '名称', type: 'text', labels: { en: 'Name' } },
            { id: 'o', name: '订单', type: 'relation', options: { table: 'o', inverseOf: 'c' } },
          ],
        },
        {
          id: 'o',
          name: '订单',
          primaryFieldId: 'amt',
          fields: [
            { id: 'amt', name: '金额', type: 'money', labels: { en: 'Amount' } },
            { id: 'c', name: '客户', type: 'relation', options: { table: 'c' } },
          ],
        },
      ],
    };
    const s = completionScopeForTable(app, 'c');
    expect(completeFormula('{nam', 4, s, 'zh-CN').items.map((i) => i.label)).to.deep.equal(['名称']);
    expect(completeFormula('{amount', 7, s, 'zh-CN').items.map((i) => i.label)).to.deep.equal(['订单.金额']);
    expect(completeFormula('{nam', 4, s, 'en').items.map((i) => i.label)).to.deep.equal(['Name']);
    expect(completeFormula('{amount', 7, s, 'en').items.map((i) => i.label)).to.deep.equal(['订单.Amount']);
  });
});
