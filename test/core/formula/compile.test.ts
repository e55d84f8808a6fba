// Compile-time behaviour: error codes, character ranges, messages in zh-CN and en,
// suggestions, types, dependencies, IME punctuation and the shape of compiled logic.
import { expect } from '@open-wc/testing';
import {
  applyLogic,
} from '../../../src/core/logic/index.js';
import {
  FUNCTIONS,
  FormulaError,
  compileFormula,
  evaluateFormula,
  parseFormula,
  unparseFormula,
} from '../../../src/core/formula/index.js';
import { NOW, record, run, scope } from './helpers.js';

function compileError(source: string, locale: 'en' | 'zh-CN' = 'en'): FormulaError {
  try {
    compileFormula(source, scope, { locale });
  } catch (e) {
    expect(e, source).to.be.instanceOf(FormulaError);
    return e as FormulaError;
  }
  throw new Error(`expected ${source} not to compile`);
}

/** Asserts code and the exact underlined text. */
function expectError(source: string, code: string, underlined: string): FormulaError {
  const e = compileError(source);
  expect(e.code, source).to.equal(code);
  expect(source.slice(e.start, e.end), `${source}: range`).to.equal(underlined);
  return e;
}

describe('formula compile errors', () => {
  it('reports syntax errors with positions', () => {
    expectError('1 +', 'formula.syntax', '');
    expect(compileError('1 +').start).to.equal(3);
    expectError('1 + * 2', 'formula.syntax', '*');
    expectError('(1 + 2', 'formula.syntax', '');
    expectError('1 + 2)', 'formula.syntax', ')');
    expectError('SUM(1 2)', 'formula.syntax', '2');
    expectError('"abc', 'formula.syntax', '"abc');
    expectError('{平均客单价', 'formula.syntax', '{平均客单价');
    expectError('1 + {}', 'formula.syntax', '{}');
    expectError('1 # 2', 'formula.syntax', '#');
    expectError('', 'formula.empty', '');
    expectError('   ', 'formula.empty', '   ');
  });

  it('reports unknown fields with a suggestion', () => {
    const e = expectError('{平均客单价} * {购买频率}', 'formula.unknownField', '{购买频率}');
    expect(e.suggestion).to.equal('Did you mean {购买频次}?');
    expect(e.replacement).to.equal('{购买频次}');
    const zh = compileError('{平均客单价} * {购买频率}', 'zh-CN');
    expect(zh.message).to.equal('没有名为 {购买频率} 的字段。');
    expect(zh.suggestion).to.equal('您是不是要引用 {购买频次}？');
    expect(zh.messages.en).to.equal('There is no field named {购买频率}.');
    expectError('1 + {完全不存在的字段名}', 'formula.unknownField', '{完全不存在的字段名}');
    expect(compileError('{完全不存在的字段名}').suggestion).to.equal(undefined);
  });

  it('reports unknown related fields and non-relations', () => {
    const e = expectError('SUM({订单.金e})', 'formula.unknownField', '{订单.金e}');
    expect(e.message).to.contain('{订单}');
    expect(e.replacement).to.equal('{订单.金额}');
    expectError('{客户名称.x}', 'formula.unknownField', '{客户名称.x}');
  });

  it('reports bare words and suggests braces or parentheses', () => {
    const e = expectError('客户名称 & "!"', 'formula.unknownField', '客户名称');
    expect(e.replacement).to.equal('{客户名称}');
    expect(expectError('TODAY - 1', 'formula.syntax', 'TODAY').replacement).to.equal('TODAY()');
  });

  it('reports unknown functions with a suggestion', () => {
    expect(expectError('1 + SUMM(1, 2)', 'formula.unknownFunction', 'SUMM').suggestion).to.equal('Did you mean SUM?');
    expect(expectError('AVG({订单.金额})', 'formula.unknownFunction', 'AVG').replacement).to.equal('AVERAGE');
    expect(compileError('foo(1)', 'zh-CN').message).to.equal('没有函数 foo。');
  });

  it('reports wrong argument counts over the whole call', () => {
    const e = expectError('1 + ROUND(1, 2, 3)', 'formula.argCount', 'ROUND(1, 2, 3)');
    expect(e.message).to.equal('ROUND takes 1 to 2 arguments but got 3.');
    expect(compileError('ROUND(1, 2, 3)', 'zh-CN').message).to.equal('ROUND 需要 1 到 2 个参数，实际为 3 个。');
    expectError('MID("a", 1)', 'formula.argCount', 'MID("a", 1)');
    expectError('TODAY(1)', 'formula.argCount', 'TODAY(1)');
    expectError('IFS(TRUE, 1, FALSE)', 'formula.argCount', 'IFS(TRUE, 1, FALSE)');
    expectError('SUM()', 'formula.argCount', 'SUM()');
  });

  it('reports type mismatches on the operand', () => {
    const e = expectError('{平均客单价} * {客户名称}', 'formula.type', '{客户名称}');
    expect(e.message).to.equal('{客户名称} is text; it cannot be used with *.');
    expect(e.replacement).to.equal('VALUE({客户名称})');
    expect(compileError('{客户名称} * 2', 'zh-CN').message).to.equal('{客户名称} 是文本，不能用于 * 运算。');
    expectError('-{客户名称}', 'formula.type', '{客户名称}');
    expectError('{首单日期} * 2', 'formula.type', '{首单日期}');
    expectError('{首单日期} + {首单日期}', 'formula.type', '{首单日期}');
    expect(compileError('{首单日期} + {首单日期}').start).to.equal(9);
    expectError('1 - {首单日期}', 'formula.type', '{首单日期}');
    expectError('ROUND({客户名称}, 1)', 'formula.type', '{客户名称}');
    expectError('SUM({订单.状态})', 'formula.type', '{订单.状态}');
    expectError('YEAR({VIP})', 'formula.type', '{VIP}');
    expectError('(LEFT("12", 1)) * 3', 'formula.type', '(LEFT("12", 1))');
  });

  it('refuses a list where one value is needed, suggesting an aggregate', () => {
    const e = expectError('{订单.金额} * 2', 'formula.type', '{订单.金额}');
    expect(e.replacement).to.equal('SUM({订单.金额})');
    expectError('{订单.金额}', 'formula.type', '{订单.金额}');
    expectError('ROUND({订单.金额}, 1)', 'formula.type', '{订单.金额}');
    expectError('"x" & {订单.金额}', 'formula.type', '{订单.金额}');
  });

  it('refuses nesting deeper than the limit with a FormulaError, not a stack overflow', () => {
    const deep = `${'('.repeat(5000)}1${')'.repeat(5000)}`;
    expect(compileError(deep).code).to.equal('formula.tooComplex');
    expect(compileError(`${'-'.repeat(5000)}1`).code).to.equal('formula.tooComplex');
    // Postfix % nests too: 1%%%… used to overflow the stack with an uncaught RangeError.
    expect(compileError(`1${'%'.repeat(3000)}`).code).to.equal('formula.tooComplex');
    expect(compileError(`1${'%'.repeat(5000)}`).code).to.equal('formula.tooComplex');
    // Chains that keep a nested shape (comparisons, ^) are refused, not overflowed.
    expect(compileError(`1${'=1'.repeat(5000)}`).code).to.equal('formula.tooComplex');
  });

  it('does not count a flat chain of operators as nesting', () => {
    // A flat 300-term sum used to be refused as "nested too deeply".
    expect(evaluateFormula(compileFormula(`1${'+1'.repeat(299)}`, scope), {})).to.equal(300);
    const sum = compileFormula(`1${'+1'.repeat(5000)}`, scope);
    expect(evaluateFormula(sum, {})).to.equal(5001);
    // The logic is flat: one n-ary chain, not a tree 5,000 levels deep.
    const chain = (sum.logic as { 'fx:OUT': [Record<string, unknown[]>] })['fx:OUT'][0];
    expect(Object.keys(chain)).to.deep.equal(['fx:CHAIN']);
    expect(chain['fx:CHAIN']!.length).to.equal(10001);
    expect(JSON.parse(JSON.stringify(sum.logic))).to.deep.equal(sum.logic);
    expect(evaluateFormula(compileFormula(`10${'-1+2'.repeat(2500)}`, scope), {})).to.equal(2510);
    expect(evaluateFormula(compileFormula(`1${'*2'.repeat(20)}`, scope), {})).to.equal(2 ** 20);
    expect(evaluateFormula(compileFormula(`"a"${'&"b"'.repeat(5000)}`, scope), {})).to.equal(`a${'b'.repeat(5000)}`);
    // Same results as the nested form, errors included.
    expect(String(evaluateFormula(compileFormula(`1${'*1e300'.repeat(10)}`, scope), {}))).to.equal('#NUM!');
    expect(String(evaluateFormula(compileFormula(`1${'+1'.repeat(8)} + 1/0`, scope), {}))).to.equal('#DIV/0!');
    expectError(`1${'+1'.repeat(10)} + {客户名称}`, 'formula.type', '{客户名称}');
  });
});

describe('formula result types: amounts stay amounts', () => {
  const CASES: Array<[string, string]> = [
    ['{平均客单价} * {购买频次}', 'money'],
    ['{购买频次} * {平均客单价}', 'money'],
    ['{平均客单价} / {购买频次}', 'money'],
    ['{平均客单价} + {平均客单价}', 'money'],
    ['{平均客单价} - {平均客单价}', 'money'],
    ['{平均客单价} / {平均客单价}', 'number'],
    ['{客户保持率} * {平均客单价}', 'money'],
    ['SUM({订单.金额})', 'money'],
    ['AVERAGE({订单.金额})', 'money'],
    ['MIN({订单.金额})', 'money'],
    ['MAX({订单.金额})', 'money'],
    ['ROUND({平均客单价}, 2)', 'money'],
    ['SUM({订单.金额}, 10)', 'money'],
    // Issue 9: a plain 0 in one branch made the average order value a plain number, so
    // {平均客单价} * {购买频次} showed "2,601.2126241135".
    ['IF({购买频次}=0, 0, AVERAGE({订单.金额}))', 'money'],
    ['IF({购买频次}=0, 0, AVERAGE({订单.金额})) * {购买频次}', 'money'],
    ['IF({购买频次}=0, 0, {客户保持率})', 'percent'],
    ['IF({购买频次}=0, {客户保持率}, {平均客单价})', 'number'],
    ['{购买频次} * 2', 'number'],
    [`{平均客单价}${' + 1'.repeat(10)}`, 'money'],
  ];
  for (const [source, type] of CASES) {
    it(`${source} is ${type}`, () => {
      expect(compileFormula(source, scope).type).to.equal(type);
    });
  }
});

describe('formula compile output', () => {
  it('compiles field references by name to reads by id, and lists dependencies', () => {
    const c = compileFormula('{平均客单价} * {购买频次} * {客户保持率}', scope);
    expect(c.logic).to.deep.equal({ 'fx:OUT': [{ 'fx:MUL': [{ 'fx:MUL': [{ var: 'aov' }, { var: 'freq' }] }, { var: 'ret' }] }] });
    expect(c.deps).to.deep.equal(['aov', 'freq', 'ret']);
    expect(c.type).to.equal('money');
    expect(c.volatile).to.equal(false);
    const r = compileFormula('SUM({订单.金额}) / COUNT({订单.金额}) + {购买频次}', scope);
    expect(r.deps).to.deep.equal(['orders.amount', 'freq']);
    expect(r.refs).to.deep.equal([{ fieldId: 'amount', via: 'orders' }, { fieldId: 'freq' }]);
  });

  it('is plain JSON evaluated by applyLogic with the same result', () => {
    const c = compileFormula('ROUND(AVERAGE({订单.金额}) * {购买频次}, 1) & " / " & TEXT({首单日期}, "yyyy-mm-dd")', scope);
    const stored = JSON.parse(JSON.stringify(c.logic)) as unknown;
    expect(applyLogic(stored, record)).to.equal('600 / 2024-01-31');
    expect(evaluateFormula(c, record)).to.equal('600 / 2024-01-31');
  });

  it('infers result types', () => {
    const type = (s: string) => compileFormula(s, scope).type;
    expect(type('{平均客单价} * 2')).to.equal('money');
    expect(type('{平均客单价} / {平均客单价}')).to.equal('number');
    expect(type('{客户保持率} + {客户保持率}')).to.equal('percent');
    expect(type('SUM({订单.金额})')).to.equal('money');
    expect(type('"a" & 1')).to.equal('text');
    expect(type('1 > 2')).to.equal('boolean');
    expect(type('{首单日期} + 7')).to.equal('date');
    expect(type('TODAY() - {首单日期}')).to.equal('number');
    expect(type('MAX({订单.下单日期})')).to.equal('date');
    expect(type('IF({VIP}, {首单日期}, "无")')).to.equal('text');
    expect(type('IF({VIP}, 1, "a")')).to.equal('any');
    expect(type('50%')).to.equal('percent');
  });

  it('makes a date in a text context read as YYYY-MM-DD', () => {
    expect(run('IF({VIP}, {首单日期}, "无")')).to.equal('2024-01-31');
    expect(run('"首单：" & {首单日期}')).to.equal('首单：2024-01-31');
  });

  it('accepts full-width punctuation typed with a Chinese IME', () => {
    expect(run('ROUND（2.675，2）')).to.equal(2.68);
    expect(run('IF（{VIP}，“是”，“否”）')).to.equal('是');
    expect(run('｛平均客单价｝×｛购买频次｝＋1')).to.equal(401);
    expect(run('{平均客单价}÷4－{购买频次}')).to.equal(21);
    expect(run('50％＞0.4')).to.equal(true);
    expect(run('"a"＆"b"')).to.equal('ab');
    expect(run('＝1＋1')).to.equal(2);
  });

  it('accepts a leading = , "" inside text and escaped braces in names', () => {
    expect(run('=1+1')).to.equal(2);
    expect(run('"say ""hi"""')).to.equal('say "hi"');
    const s = { fields: [{ id: 'x', name: 'a}b.c', type: 'number' }] };
    expect(evaluateFormula(compileFormula('{a\\}b.c} * 2', s), { x: 3 })).to.equal(6);
  });

  it('resolves names with spaces and dots, trimming padding inside braces', () => {
    expect(run('{Note with spaces}')).to.equal('x');
    expect(run('{ 平均客单价 }')).to.equal(100);
    const s = { fields: [{ id: 'v', name: 'v1.2', type: 'number' }] };
    expect(evaluateFormula(compileFormula('{v1.2} + 1', s), { v: 1 })).to.equal(2);
  });

  it('compiles unknown fields to #REF! when recompiling after a delete', () => {
    const c = compileFormula('IFERROR({已删除字段}, 0) + {购买频次}', scope, { unknownFields: 'ref' });
    expect(c.brokenReferences).to.deep.equal([{ name: '已删除字段', start: 8, end: 15 }]);
    expect(evaluateFormula(c, record)).to.equal(4);
    expect(String(evaluateFormula(compileFormula('{已删除字段} * 2', scope, { unknownFields: 'ref' }), record))).to.equal('#REF!');
  });

  it('evaluates with options.now as a Date, string or number', () => {
    const c = compileFormula('DAYS(TODAY(), {首单日期})', scope);
    expect(evaluateFormula(c, record, { now: NOW })).to.equal(136);
    expect(evaluateFormula(c, record, { now: new Date(2024, 5, 15, 23, 59) })).to.equal(136);
  });
});

describe('formula operations registration', () => {
  it('registers every function as a prefixed JSON Logic operation on import', () => {
    expect(applyLogic({ 'fx:SUM': [1, [2, 3]] })).to.equal(6);
    for (const f of FUNCTIONS) {
      const args = Array.from({ length: f.minArgs }, () => 1);
      expect(() => applyLogic({ [`fx:${f.name}`]: args }), f.name).to.not.throw();
    }
    // Standard JSON Logic is untouched: no unprefixed names were taken.
    expect(applyLogic({ '+': [1, 2] })).to.equal(3);
    expect(() => applyLogic({ SUM: [1, 2] })).to.throw(/Unrecognized operation/);
  });

  it('treats damaged stored logic as data, not as a crash', () => {
    expect(String(applyLogic({ 'fx:ERR': ['#BOGUS', 'noSuchReason', 'x'] }))).to.equal('#VALUE!');
    expect(applyLogic({ 'fx:CHOICE': ['c1', '{not json'] })).to.equal('c1');
  });
});

describe('formula parser', () => {
  it('keeps source ranges on nodes', () => {
    const ast = parseFormula('1 + ROUND({a}, 2)');
    expect(ast.type).to.equal('binary');
    if (ast.type !== 'binary') return;
    expect([ast.right.start, ast.right.end]).to.deep.equal([4, 17]);
    expect([ast.opStart, ast.opEnd]).to.deep.equal([2, 3]);
  });

  it('follows Excel precedence', () => {
    const canon = (s: string) => unparseFormula(parseFormula(s));
    expect(canon('-2^2')).to.equal('-2 ^ 2');
    expect(canon('1+2*3^2%')).to.equal('1 + 2 * 3 ^ 2%');
    expect(canon('(1+2)*3')).to.equal('(1 + 2) * 3');
    expect(canon('1-(2-3)')).to.equal('1 - (2 - 3)');
    expect(canon('"a"&1+2=3')).to.equal('"a" & 1 + 2 = 3');
    expect(canon('2^(3^2)')).to.equal('2 ^ (3 ^ 2)');
    expect(canon('if(a>1,,2)')).to.equal('IF(a > 1, , 2)');
    expect(canon('{订单.金额}+{a\\.b}')).to.equal('{订单.金额} + {a\\.b}');
  });
});

describe('formula unparse of long chains', () => {
  it('prints a flat 5,000-term chain without deep recursion, and it parses back to the same value', () => {
    const source = `1${' + 1'.repeat(5000)}`;
    const printed = unparseFormula(parseFormula(source));
    expect(printed).to.equal(source);
    expect(unparseFormula(parseFormula('(1 - 2) - (3 - 4) * 2 ^ 3 ^ 2'))).to.equal('1 - 2 - (3 - 4) * 2 ^ 3 ^ 2');
  });
});
