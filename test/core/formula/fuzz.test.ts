// Property tests: random input never makes the compiler throw anything but FormulaError,
// evaluation never throws or yields NaN/Infinity, printing and re-parsing is stable, and
// arithmetic and ROUND agree with exact oracles.
import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import jsonLogic from 'json-logic-js';
import '../../../src/core/logic/json-logic-mirror.js';
import { applyLogic } from '../../../src/core/logic/index.js';
import {
  CellError,
  FormulaError,
  compileFormula,
  evaluateFormula,
  parseFormula,
  unparseFormula,
} from '../../../src/core/formula/index.js';
import { scope } from './helpers.js';

const PIECES = [
  '1', '0', '2.5', '.5', '1e3', '100', '-', '+', '*', '/', '^', '%', '&', '=', '<>', '<', '>=', '(', ')', ',', ' ',
  '"', '"a"', '""', '{', '}', '.', '{平均客单价}', '{购买频次}', '{客户名称}', '{首单日期}', '{空字段}', '{订单.金额}',
  '{订单.下单日期}', '{订单}', '{VIP}', '{等级}', '{不存在}', 'SUM(', 'IF(', 'ROUND(', 'TEXT(', 'DATE(', 'MID(', 'AVERAGE(',
  'IFERROR(', 'DATEDIF(', 'EDATE(', 'VALUE(', 'TODAY()', 'NOW()', 'TRUE', 'FALSE', 'abc', '，', '（', '）', '“', '”', '×',
  '"yyyy-mm-dd"', '"0.00%"', '"Y"', '\\', '#', '\u3000',
];

const formulaish = fc.array(fc.constantFrom(...PIECES), { maxLength: 25 }).map((parts) => parts.join(''));

const cellValue = fc.oneof(
  fc.double(),
  fc.integer(),
  fc.string(),
  fc.boolean(),
  fc.constant(null),
  fc.constantFrom('2024-02-29', '2024-06-01T08:00:00Z', 'not a date', '', '12%', '1,234'),
);
const recordArb = fc.record({
  aov: cellValue,
  freq: cellValue,
  ret: cellValue,
  name: cellValue,
  blank: cellValue,
  first: cellValue,
  vip: cellValue,
  tier: cellValue,
  orders: fc.oneof(
    fc.array(fc.record({ amount: cellValue, orderedAt: cellValue, status: cellValue }), { maxLength: 4 }),
    cellValue,
    fc.array(fc.string(), { maxLength: 3 }),
  ),
});

/** A comparable rendering: error values by code, numbers exactly, lists element-wise. */
function show(v: unknown): string {
  if (v instanceof CellError) return v.code;
  if (Array.isArray(v)) return `[${v.map(show).join(',')}]`;
  return typeof v === 'number' ? `n:${Object.is(v, -0) ? 0 : v}` : JSON.stringify(v) ?? 'undefined';
}

function assertSane(v: unknown, label: string): void {
  if (typeof v === 'number') expect(Number.isFinite(v), `${label} → ${v}`).to.equal(true);
  else if (Array.isArray(v)) v.forEach((x) => assertSane(x, label));
  else if (v !== null && typeof v === 'object') expect(v, label).to.be.instanceOf(CellError);
}

function compileOrFormulaError(source: string) {
  try {
    return compileFormula(source, scope);
  } catch (e) {
    if (!(e instanceof FormulaError)) throw e;
    expect(e.start, source).to.be.within(0, source.length);
    expect(e.end, source).to.be.within(e.start, source.length);
    expect(e.messages.en).to.be.a('string').and.not.empty;
    expect(e.messages['zh-CN']).to.be.a('string').and.not.empty;
    return undefined;
  }
}

describe('formula fuzzing', () => {
  it('formula-like strings: only FormulaError at compile time; evaluation never throws or yields NaN', () => {
    let compiled = 0;
    fc.assert(
      fc.property(formulaish, recordArb, (source, rec) => {
        const c = compileOrFormulaError(source);
        if (!c) return;
        compiled++;
        const v = evaluateFormula(c, rec, { now: '2024-06-15T10:00:00' });
        assertSane(v, source);
        const viaJson = applyLogic(JSON.parse(JSON.stringify(c.logic)), rec);
        if (!c.volatile) expect(String(viaJson), source).to.equal(String(v));
        // The compiled fast paths (bound operations, inline arithmetic, fused rollups) must
        // mean exactly what the same logic means to json-logic-js with the plain operations.
        if (!c.volatile) expect(show(jsonLogic.apply(c.logic, rec)), source).to.equal(show(v));
      }),
      { seed: 20261123, numRuns: 3000 },
    );
    // The generator must actually reach the evaluator, or the property says little.
    expect(compiled).to.be.greaterThan(100);
  });

  it('arbitrary Unicode strings: only FormulaError', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 40 }), (source) => {
        const c = compileOrFormulaError(source);
        if (c) assertSane(evaluateFormula(c, {}), source);
      }),
      { seed: 20261123, numRuns: 2000 },
    );
  });

  it('printing a parsed formula and parsing it again gives the same tree', () => {
    fc.assert(
      fc.property(formulaish, (source) => {
        let ast;
        try {
          ast = parseFormula(source);
        } catch (e) {
          if (e instanceof FormulaError) return;
          throw e;
        }
        const printed = unparseFormula(ast);
        expect(unparseFormula(parseFormula(printed)), source).to.equal(printed);
      }),
      { seed: 20261123, numRuns: 2000 },
    );
  });

  it('arithmetic on numbers matches JavaScript at 15 significant digits', () => {
    const s = { fields: [{ id: 'x', name: 'x', type: 'number' }, { id: 'y', name: 'y', type: 'number' }] };
    const c = compileFormula('{x} + {y} * 2 - {x} / {y}', s);
    fc.assert(
      fc.property(fc.integer({ min: -1e6, max: 1e6 }), fc.integer({ min: -1e6, max: 1e6 }).filter((y) => y !== 0), (x, y) => {
        expect(evaluateFormula(c, { x, y })).to.equal(Number((x + y * 2 - x / y).toPrecision(15)));
      }),
    );
  });

  it('ROUND agrees with exact decimal rounding, half away from zero', () => {
    fc.assert(
      fc.property(fc.integer({ min: -99_999_999, max: 99_999_999 }), fc.integer({ min: 0, max: 5 }), (k, d) => {
        // k millionths, written as an exact decimal literal.
        const sign = k < 0 ? '-' : '';
        const abs = String(Math.abs(k)).padStart(7, '0');
        const literal = `${sign}${abs.slice(0, -6)}.${abs.slice(-6)}`;
        const unit = 10 ** (6 - d);
        const q = Math.floor((Math.abs(k) + unit / 2) / unit) * (k < 0 ? -1 : 1);
        const expected = Number(`${q}e-${d}`) || 0;
        const got = evaluateFormula(compileFormula(`ROUND(${literal}, ${d})`, { fields: [] }), {});
        expect(got, `ROUND(${literal}, ${d})`).to.equal(expected);
      }),
      { seed: 20261123, numRuns: 2000 },
    );
  });
});

describe('15-significant-digit rounding', () => {
  it('round15 equals the exact decimal conversion for any double', async () => {
    const { round15 } = await import('../../../src/core/formula/values.js');
    const check = (x: number) => {
      const want = Number(x.toPrecision(15)) || 0;
      expect(round15(x), String(x)).to.equal(want);
    };
    fc.assert(fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), check), { seed: 20261123, numRuns: 20000 });
    fc.assert(fc.property(fc.integer({ min: -1e9, max: 1e9 }), fc.integer({ min: 1, max: 12 }), (k, d) => check(k / 10 ** d + k / 7)), { seed: 20261123, numRuns: 20000 });
    for (const x of [0.1 + 0.2, 1 - 0.9, 999.9999999999999, 1e-8, 9.999999999999999e14, 0.30000000000000004, 2.675, -1.005, 100 * 1.1]) check(x);
  });
});
