// Custom operations: one registration through addOperation serves json-logic-js `apply`
// and the compiled path alike, with the same arguments and the same `this`.
import { expect } from '@open-wc/testing';
import jsonLogic from 'json-logic-js';
import '../../../src/core/logic/json-logic-mirror.js';
import { addOperation, applyLogic, compileLogic } from '../../../src/core/logic/index.js';

describe('logic: custom operations (addOperation)', () => {
  it('is used identically by json-logic-js apply and by compileLogic', () => {
    const calls: unknown[][] = [];
    addOperation('test:clamp', function (this: unknown, value: unknown, lo: unknown, hi: unknown) {
      calls.push([this, value, lo, hi]);
      return Math.min(Math.max(Number(value), Number(lo)), Number(hi));
    });
    const rule = { 'test:clamp': [{ var: 'x' }, 0, { var: 'max' }] };
    const data = { x: 42, max: 10 };
    expect(jsonLogic.apply(rule, data)).to.equal(10);
    expect(compileLogic(rule)(data)).to.equal(10);
    expect(applyLogic(rule, { x: -3, max: 10 })).to.equal(0);
    // Evaluated arguments, data as `this`, in both paths.
    expect(calls).to.deep.equal([
      [data, 42, 0, 10],
      [data, 42, 0, 10],
      [{ x: -3, max: 10 }, -3, 0, 10],
    ]);
  });

  it('receives the same arguments object shape (count included) for every arity', () => {
    const seen: number[] = [];
    addOperation('test:arity', (...args: unknown[]) => {
      seen.push(args.length);
      return args.length;
    });
    for (const args of [[], [1], [1, 2], [1, 2, 3], [1, 2, 3, 4, 5]]) {
      const rule = { 'test:arity': args };
      expect(compileLogic(rule)()).to.equal(jsonLogic.apply(rule));
    }
    expect(compileLogic({ 'test:arity': 'single' })()).to.equal(1);
    expect(seen).to.deep.equal([0, 0, 1, 1, 2, 2, 3, 3, 5, 5, 1]);
  });

  it('works inside scoped operations with the element as data', () => {
    addOperation('test:double', function (this: unknown) {
      return (this as number) * 2;
    });
    const rule = { map: [{ var: 'xs' }, { 'test:double': [] }] };
    expect(applyLogic(rule, { xs: [1, 2, 3] })).to.deep.equal([2, 4, 6]);
    expect(jsonLogic.apply(rule, { xs: [1, 2, 3] })).to.deep.equal([2, 4, 6]);
  });

  it('is found by logic compiled before the operation was registered', () => {
    const rule = { 'test:late': [{ var: 'a' }] };
    const run = compileLogic(rule);
    expect(() => run({ a: 1 })).to.throw('Unrecognized operation test:late');
    addOperation('test:late', (a: unknown) => `late ${String(a)}`);
    expect(run({ a: 1 })).to.equal('late 1');
    expect(jsonLogic.apply(rule, { a: 1 })).to.equal('late 1');
  });

  it('registering a name again replaces it in both paths', () => {
    addOperation('test:version', () => 1);
    const run = compileLogic({ 'test:version': [] });
    expect(run()).to.equal(1);
    addOperation('test:version', () => 2);
    expect(run()).to.equal(2);
    expect(jsonLogic.apply({ 'test:version': [] })).to.equal(2);
  });

  it('errors thrown by an operation propagate unchanged', () => {
    addOperation('test:fail', () => {
      throw new RangeError('bad input');
    });
    expect(() => applyLogic({ 'test:fail': [] })).to.throw(RangeError, 'bad input');
    expect(() => jsonLogic.apply({ 'test:fail': [] })).to.throw(RangeError, 'bad input');
  });

  it('supports dotted names registered as such, and dotted walks like json-logic-js', () => {
    addOperation('test.dotted', (a: unknown) => `dotted ${String(a)}`);
    expect(applyLogic({ 'test.dotted': 'x' })).to.equal('dotted x');
    expect(jsonLogic.apply({ 'test.dotted': 'x' })).to.equal('dotted x');
    // A function's own prototype.constructor is the function itself in both paths.
    addOperation('test:fn', function (this: unknown, a: unknown) {
      return `fn ${String(a)}`;
    });
    expect(applyLogic({ 'test:fn.prototype.constructor': 'y' })).to.equal('fn y');
    expect(jsonLogic.apply({ 'test:fn.prototype.constructor': 'y' })).to.equal('fn y');
  });

  it('refuses built-in names, reserved names and non-functions', () => {
    for (const name of ['+', 'var', 'if', '?:', 'map', 'missing_some', 'and']) {
      expect(() => addOperation(name, () => 0), name).to.throw(/built-in/);
    }
    expect(() => addOperation('__proto__', () => 0)).to.throw(/reserved/);
    expect(() => addOperation('hasOwnProperty', () => 0)).to.throw(/reserved/);
    expect(() => addOperation('test:notfn', 5 as unknown as () => unknown)).to.throw(TypeError);
    // The refused registrations changed nothing.
    expect(applyLogic({ '+': [1, 2] })).to.equal(3);
    expect(jsonLogic.apply({ '+': [1, 2] })).to.equal(3);
  });
});
