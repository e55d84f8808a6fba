// json-logic-js 2.0.5 behaviours beyond the official suite, table-driven. Each row states
// the expected value (read from logic.js) and is also checked against json-logic-js itself,
// through applyLogic and compileLogic alike.
import { expect } from '@open-wc/testing';
import jsonLogic from 'json-logic-js';
import '../../../src/core/logic/json-logic-mirror.js';
import { applyLogic, compileLogic, truthy } from '../../../src/core/logic/index.js';

type Row = [string, unknown, unknown, unknown];

function outcome(fn: () => unknown): { value?: unknown; error?: string } {
  try {
    return { value: fn() };
  } catch (e) {
    return { error: e instanceof Error ? e.message : String(e) };
  }
}

const rows: Row[] = [
  // var
  ['var: default when missing', { var: ['x', 7] }, { a: 1 }, 7],
  ['var: default not used when present but null', { var: ['a', 7] }, { a: null }, null],
  ['var: default used when undefined data', { var: ['a', 7] }, undefined, 7],
  ['var: "" is the whole data', { var: '' }, { a: 1 }, { a: 1 }],
  ['var: null is the whole data', { var: null }, [1, 2], [1, 2]],
  ['var: whole data of undefined', { var: '' }, undefined, undefined],
  ['var: numeric index', { var: 0 }, ['x', 'y'], 'x'],
  ['var: dotted index into nested array', { var: 'a.1.b' }, { a: [{}, { b: 3 }] }, 3],
  ['var: string length', { var: 'length' }, 'abcd', 4],
  ['var: string index', { var: '1' }, 'abcd', 'b'],
  ['var: array length', { var: 'a.length' }, { a: [1, 2, 3] }, 3],
  ['var: through a primitive', { var: 'a.b' }, { a: 5 }, null],
  ['var: dynamic path', { var: { cat: ['a', '.', 'b'] } }, { a: { b: 'ok' } }, 'ok'],
  ['var: boolean key', { var: true }, { true: 'yes' }, 'yes'],
  ['var: default is evaluated logic', { var: ['x', { '+': [1, 2] }] }, {}, 3],
  ['var: default undefined → null', { var: ['x', { var: '' }] }, undefined, null],
  ['var: empty array arg', { var: [] }, 5, 5],
  ['var: found 0 and false and ""', { cat: [{ var: 'a' }, { var: 'b' }, { var: 'c' }] }, { a: 0, b: false, c: '' }, '0false'],
  // missing / missing_some
  ['missing: "" counts as missing', { missing: ['a', 'b'] }, { a: '', b: 0 }, ['a']],
  ['missing: array from merge', { missing: { merge: [['a'], 'b'] } }, { b: 1 }, ['a']],
  ['missing: numeric keys', { missing: [0, 2] }, ['x'], [2]],
  ['missing_some: none missing enough', { missing_some: [0, ['a']] }, {}, []],
  ['missing_some: string options', { missing_some: [1, 'a'] }, {}, ['a']],
  // if / ?:
  ['if: non-array operand', { if: true }, null, true],
  ['if: even arity without else', { if: [false, 1, false, 2] }, null, null],
  ['if: unknown op in untaken branch is never reached', { if: [true, 1, { nope: [] }] }, null, 1],
  ['?: with one arg', { '?:': ['x'] }, null, 'x'],
  // and / or return values
  ['and: empty', { and: [] }, null, undefined],
  ['or: empty', { or: [] }, null, undefined],
  ['and: returns last truthy', { and: [1, 'a', [1]] }, null, [1]],
  ['or: returns last falsy', { or: [0, '', []] }, null, []],
  ['and: non-array operand', { and: 0 }, null, 0],
  // ! and !!
  ['!: no args', { '!': [] }, null, true],
  ['!!: empty array falsy', { '!!': [[]] }, null, false],
  ['!!: non-empty array', { '!!': [[0]] }, null, true],
  ['!: extra args ignored but evaluated', { '!': [1, { var: 'x' }] }, null, false],
  // equality and comparison
  ['==: null == undefined var', { '==': [null, { var: '' }] }, undefined, true],
  ['==: array vs string', { '==': [[1, 2], '1,2'] }, null, true],
  ['!=: 0 vs ""', { '!=': [0, ''] }, null, false],
  ['<: three args with a missing third is two-arg', { '<': [1, 2, { var: '' }] }, undefined, true],
  ['<: strings compare lexically', { '<': ['10', '9'] }, null, true],
  ['<: string vs number', { '<': ['10', 9] }, null, false],
  ['<=: between inclusive', { '<=': [1, 1, 1] }, null, true],
  ['<: between exclusive', { '<': [1, 1, 2] }, null, false],
  ['>: null vs 0', { '>': [null, -1] }, null, true],
  ['<: four args (fourth ignored)', { '<': [1, 2, 3, 0] }, null, true],
  // arithmetic
  ['+: unary string', { '+': '3.5' }, null, 3.5],
  ['+: no args', { '+': [] }, null, 0],
  ['+: parseFloat prefix', { '+': ['12px', 1] }, null, 13],
  ['+: not a number', { '+': ['abc', 1] }, null, NaN],
  ['+: null is NaN', { '+': [null, 1] }, null, NaN],
  ['+: -0 becomes 0', { '+': [-0] }, null, 0],
  ['+: -0 + -0', { '+': [-0, -0] }, null, 0],
  ['+: strings are not concatenated', { '+': ['1', '2'] }, null, 3],
  ['+: array parses its first element', { '+': [[5, 6], 1] }, null, 6],
  ['+: booleans are NaN', { '+': [true, 1] }, null, NaN],
  ['+: five args', { '+': [1, 2, 3, 4, 5] }, null, 15],
  ['*: single arg comes back unparsed', { '*': ['2'] }, null, '2'],
  ['*: single array arg unparsed', { '*': [[2]] }, null, [2]],
  ['*: strings parsed', { '*': ['2', '3'] }, null, 6],
  ['*: -0 parsed to 0', { '*': [-0, 5] }, null, 0],
  ['*: negative times zero', { '*': [-1, 0] }, null, -0],
  ['*: three with -0 in product', { '*': [-0, 5, -1] }, null, -0],
  ['*: three, product -0 reparsed', { '*': [-1, 0, 5] }, null, 0],
  ['*: four args', { '*': [1, 2, 3, 4] }, null, 24],
  ['*: null', { '*': [null, 2] }, null, NaN],
  ['-: unary', { '-': '4' }, null, -4],
  ['-: strings coerced', { '-': ['5', '2'] }, null, 3],
  ['-: second arg undefined is negation', { '-': [3, { var: '' }] }, undefined, -3],
  ['-: null', { '-': [null] }, null, -0],
  ['/: by zero', { '/': [1, 0] }, null, Infinity],
  ['/: strings', { '/': ['9', '3'] }, null, 3],
  ['%: negative', { '%': [-7, 3] }, null, -1],
  ['%: by zero', { '%': [1, 0] }, null, NaN],
  ['min: empty', { min: [] }, null, Infinity],
  ['max: empty', { max: [] }, null, -Infinity],
  ['max: strings', { max: ['3', 10, '20'] }, null, 20],
  ['min: with null', { min: [null, 1] }, null, 0],
  ['max: with non-numeric', { max: ['a', 1] }, null, NaN],
  // strings
  ['cat: null and arrays', { cat: [null, [1, 2], true, undefined] }, null, '1,2true'],
  ['cat: no args', { cat: [] }, null, ''],
  ['substr: positive start', { substr: ['jsonlogic', 4] }, null, 'logic'],
  ['substr: negative start', { substr: ['jsonlogic', -5] }, null, 'logic'],
  ['substr: start and length', { substr: ['jsonlogic', 1, 3] }, null, 'son'],
  ['substr: negative length', { substr: ['jsonlogic', 4, -2] }, null, 'log'],
  ['substr: number source', { substr: [12345, 1, 2] }, null, '23'],
  ['substr: null source', { substr: [null, 0, 2] }, null, 'nu'],
  ['in: substring', { in: ['ell', 'hello'] }, null, true],
  ['in: null haystack', { in: ['a', null] }, null, false],
  ['in: number haystack', { in: [1, 5] }, null, false],
  ['in: strict equality in arrays', { in: ['1', [1, 2]] }, null, false],
  ['in: NaN never found', { in: [NaN, [NaN]] }, null, false],
  ['in: empty list', { in: ['a', []] }, null, false],
  ['in: long literal list', { in: ['k', ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k']] }, null, true],
  ['in: long list with NaN', { in: [{ var: 'x' }, [1, 2, 3, 4, 5, 6, 7, 8, NaN, 9]] }, { x: 9 }, true],
  ['in: list from data', { in: [3, { var: 'xs' }] }, { xs: [1, 3] }, true],
  ['in: -0 finds 0', { in: [-0, [0, 1, 2]] }, null, true],
  // merge
  ['merge: nested arrays flatten one level', { merge: [[1, [2]], 3] }, null, [1, [2], 3]],
  ['merge: null', { merge: [null] }, null, [null]],
  // arrays of logic and literals
  ['array of logic is evaluated element-wise', [{ var: 'a' }, 1, [{ var: 'b' }]], { a: 1, b: 2 }, [1, 1, [2]]],
  ['object with two keys passes through', { a: 1, b: 2 }, null, { a: 1, b: 2 }],
  ['empty object passes through', {}, null, {}],
  ['non-logic object inside args passes through', { '==': [{}, {}] }, null, false],
  // scoped operations
  ['map: non-array', { map: [5, { var: '' }] }, null, []],
  ['map: no logic', { map: [[1, 2]] }, null, [undefined, undefined]],
  ['map: non-array operand', { map: { var: 'xs' } }, { xs: [1] }, [undefined]],
  ['filter: truthy per JSON Logic', { filter: [[[], [1], 0, 'a'], { var: '' }] }, null, [[1], 'a']],
  ['reduce: without initial starts at null (so + gives NaN)', { reduce: [[1, 2], { '+': [{ var: 'accumulator' }, { var: 'current' }] }] }, null, NaN],
  ['reduce: without initial, cat', { reduce: [[1, 2], { cat: [{ var: 'accumulator' }, { var: 'current' }] }] }, null, '12'],
  ['reduce: non-array returns initial', { reduce: [null, { var: 'current' }, 'init'] }, null, 'init'],
  ['reduce: initial is evaluated against outer data', { reduce: [[1], { var: 'accumulator' }, { var: 'seed' }] }, { seed: 9 }, 9],
  ['reduce: cannot see outer data', { reduce: [[1], { var: 'seed' }, 0] }, { seed: 9 }, null],
  ['all: empty is false', { all: [[], true] }, null, false],
  ['none: non-array is true', { none: ['abc', true] }, null, true],
  ['some: string is not an array', { some: ['abc', true] }, null, false],
  ['nested scopes', { map: [{ var: 'rows' }, { reduce: [{ var: 'xs' }, { '+': [{ var: 'current' }, { var: 'accumulator' }] }, 0] }] }, { rows: [{ xs: [1, 2] }, { xs: [3] }] }, [3, 3]],
  ['map with null elements', { map: [[null, { a: 1, b: 2 }], { var: 'a' }] }, null, [null, 1]],
];

const throwing: [string, unknown, unknown, string | null][] = [
  ['unknown operation', { nope: [1] }, null, 'Unrecognized operation nope'],
  ['unknown operation inside an array', [1, { nope: [] }], null, 'Unrecognized operation nope'],
  ['arguments are evaluated before the unknown operation', { nope: [{ other: [] }] }, null, 'Unrecognized operation other'],
  ['dotted unknown', { 'a.b': [] }, null, 'Unrecognized operation a.b (failed at a)'],
  ['dotted into a standard operation', { 'cat.bogus': [] }, null, 'Unrecognized operation cat.bogus (failed at cat.bogus)'],
  ['leading dot', { '.x': [] }, null, 'Unrecognized operation .x'],
  ['method is not an operation in 2.0.5', { method: ['abc', 'toUpperCase'] }, null, 'Unrecognized operation method'],
  ['empty operator', { '': [] }, null, 'Unrecognized operation '],
  ['*: no arguments', { '*': [] }, null, null],
  ['missing_some: null options', { missing_some: [1, null] }, null, null],
  ['unused argument still throws', { '!': [1, { nope: [] }] }, null, 'Unrecognized operation nope'],
  ['var default still evaluated', { var: ['a', { nope: [] }] }, { a: 1 }, 'Unrecognized operation nope'],
  ['dotted own property that is not a function', { 'cat.length': [] }, null, null],
];

describe('logic: json-logic-js 2.0.5 quirks', () => {
  for (const [name, logic, data, expected] of rows) {
    it(name, () => {
      const oracle = jsonLogic.apply(logic, data);
      expect(oracle, 'json-logic-js (the oracle) itself').to.deep.equal(expected);
      expect(applyLogic(logic, data), 'applyLogic').to.deep.equal(expected);
      expect(compileLogic(structuredClone(logic))(data), 'compileLogic').to.deep.equal(expected);
    });
  }

  for (const [name, logic, data, message] of throwing) {
    it(`throws like json-logic-js: ${name}`, () => {
      const oracle = outcome(() => jsonLogic.apply(logic, data));
      const ours = outcome(() => applyLogic(logic, data));
      const compiled = outcome(() => compileLogic(structuredClone(logic))(data));
      expect(oracle.error, 'json-logic-js throws').to.be.a('string');
      expect(ours.error, 'applyLogic throws').to.be.a('string');
      expect(compiled.error, 'compileLogic throws').to.be.a('string');
      if (message !== null) {
        expect(oracle.error).to.equal(message);
        expect(ours.error).to.equal(message);
        expect(compiled.error).to.equal(message);
      }
    });
  }

  it('compiling never throws for an unknown operation; evaluating it does', () => {
    const run = compileLogic({ if: [{ var: 'x' }, { nope: [] }, 'fine'] });
    expect(run({ x: false })).to.equal('fine');
    expect(() => run({ x: true })).to.throw('Unrecognized operation nope');
  });

  it('log prints its argument and returns it, in both paths', () => {
    const original = console.log;
    const seen: unknown[] = [];
    console.log = (...args: unknown[]) => {
      seen.push(args[0]);
    };
    try {
      expect(applyLogic({ log: { '+': [1, 2] } })).to.equal(3);
      expect(compileLogic({ log: ['x'] })()).to.equal('x');
      expect(jsonLogic.apply({ log: 'y' })).to.equal('y');
    } finally {
      console.log = original;
    }
    expect(seen).to.deep.equal([3, 'x', 'y']);
  });

  it('returns non-logic objects by reference, as json-logic-js does', () => {
    const literal = { a: 1, b: 2 };
    expect(applyLogic({ if: [true, literal] })).to.equal(literal);
    expect(jsonLogic.apply({ if: [true, literal] })).to.equal(literal);
    const data = { inner: { x: 1 } };
    expect(compileLogic({ var: 'inner' })(data)).to.equal(data.inner);
  });

  it('builds a fresh array on every evaluation of array logic', () => {
    const run = compileLogic({ merge: [[1], [2]] });
    const first = run() as unknown[];
    first.push(99);
    expect(run()).to.deep.equal([1, 2]);
    const literal = compileLogic([1, 2]);
    expect(literal()).to.not.equal(literal());
  });

  it('caches the compiled evaluator per logic object', () => {
    const rule = { '+': [{ var: 'a' }, 1] };
    expect(compileLogic(rule)).to.equal(compileLogic(rule));
    expect(compileLogic(structuredClone(rule))).to.not.equal(compileLogic(rule));
    expect(applyLogic(rule, { a: 1 })).to.equal(2);
  });

  it('primitive logic evaluates to itself', () => {
    for (const value of [0, 'x', null, true, undefined]) {
      expect(applyLogic(value, { a: 1 })).to.equal(value);
      expect(compileLogic(value)({ a: 1 })).to.equal(value);
    }
  });

  it('truthy matches jsonLogic.truthy', () => {
    for (const value of [[], [0], 0, -0, NaN, '', '0', null, undefined, {}, false, true, 1]) {
      expect(truthy(value), JSON.stringify(value)).to.equal(jsonLogic.truthy(value));
    }
  });
});
