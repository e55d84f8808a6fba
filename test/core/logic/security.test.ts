// Security: rules are user-authored (formulas, conditions, imported templates), so they
// must not reach prototypes or functions through `var`, `missing` or operation names, and
// evaluation must never write to shared objects. Where json-logic-js is less strict, the
// test shows its behaviour too, so the difference is deliberate and visible.
import { expect } from '@open-wc/testing';
import jsonLogic from 'json-logic-js';
import '../../../src/core/logic/json-logic-mirror.js';
import { applyLogic, compileLogic } from '../../../src/core/logic/index.js';

function both(logic: unknown, data: unknown): [unknown, unknown] {
  return [applyLogic(logic, data), compileLogic(structuredClone(logic))(data)];
}

describe('logic: security', () => {
  it('{"var":"__proto__"} does not return Object.prototype', () => {
    expect(jsonLogic.apply({ var: '__proto__' }, {})).to.equal(Object.prototype);
    expect(both({ var: '__proto__' }, {})).to.deep.equal([null, null]);
    expect(both({ var: ['__proto__', 'none'] }, { a: 1 })).to.deep.equal(['none', 'none']);
  });

  it('{"var":"constructor.name"} and friends find nothing', () => {
    expect(jsonLogic.apply({ var: 'constructor.name' }, {})).to.equal('Object');
    for (const path of [
      'constructor',
      'constructor.name',
      'constructor.prototype',
      '__proto__.constructor',
      'toString',
      'hasOwnProperty',
      'valueOf',
      '__defineGetter__',
      'a.constructor',
      'list.constructor',
      'list.map',
      'text.constructor',
      'n.toFixed',
    ]) {
      expect(both({ var: path }, { a: {}, list: [1], text: 'x', n: 1 }), path).to.deep.equal([null, null]);
    }
  });

  it('the same guard applies to dynamic paths and inside scoped operations', () => {
    expect(applyLogic({ var: { cat: ['__pro', 'to__'] } }, {})).to.equal(null);
    expect(applyLogic({ map: [[{}, []], { var: 'constructor' }] })).to.deep.equal([null, null]);
    expect(applyLogic({ reduce: [[1], { var: 'current.constructor' }, 0] })).to.equal(null);
  });

  it('missing treats inherited members as missing', () => {
    expect(jsonLogic.apply({ missing: ['__proto__', 'a'] }, { a: 1 })).to.deep.equal([]);
    expect(both({ missing: ['__proto__', 'constructor', 'a'] }, { a: 1 })).to.deep.equal([
      ['__proto__', 'constructor'],
      ['__proto__', 'constructor'],
    ]);
  });

  it('own properties, including an own "__proto__" key from JSON, still read normally', () => {
    const data = JSON.parse('{"__proto__": {"x": 1}, "constructor": "mine", "a": {"b": [10, 20]}}') as unknown;
    expect(both({ var: '__proto__.x' }, data)).to.deep.equal([1, 1]);
    expect(jsonLogic.apply({ var: '__proto__.x' }, data)).to.equal(1);
    expect(both({ var: 'constructor' }, data)).to.deep.equal(['mine', 'mine']);
    expect(both({ var: 'a.b.1' }, data)).to.deep.equal([20, 20]);
    expect(both({ var: 'a.b.length' }, data)).to.deep.equal([2, 2]);
  });

  it('method does not exist (json-logic-js 2.0.5 has no method operation)', () => {
    for (const logic of [
      { method: ['abc', 'toUpperCase'] },
      { method: [{ var: '' }, 'constructor'] },
      { method: [[], 'constructor', ['return 1']] },
    ]) {
      expect(() => jsonLogic.apply(logic, {})).to.throw('Unrecognized operation method');
      expect(() => applyLogic(logic, {})).to.throw('Unrecognized operation method');
      expect(() => compileLogic(structuredClone(logic))({})).to.throw('Unrecognized operation method');
    }
  });

  it('operation names cannot walk to constructors or prototypes', () => {
    for (const op of [
      'constructor',
      '__proto__',
      'toString',
      'hasOwnProperty',
      'var.constructor',
      'var.constructor.constructor',
      'cat.__proto__',
      'cat.call',
      'cat.apply',
      'cat.bind',
    ]) {
      const logic: Record<string, unknown> = {};
      Object.defineProperty(logic, op, { value: ['return globalThis'], enumerable: true });
      expect(() => jsonLogic.apply(logic), `json-logic-js ${op}`).to.throw(Error, /Unrecognized operation/);
      expect(() => applyLogic(logic), op).to.throw(Error, /Unrecognized operation/);
    }
  });

  it('evaluation never writes to Object.prototype or to the data', () => {
    const data = JSON.parse('{"__proto__": {"polluted": true}, "xs": [{"a": 1}], "a": {"b": 1}}') as Record<string, unknown>;
    const before = JSON.stringify(data);
    for (const logic of [
      { var: '__proto__.polluted' },
      { reduce: [{ var: 'xs' }, { merge: [{ var: 'accumulator' }, { var: 'current' }] }, []] },
      { map: [{ var: 'xs' }, { var: '__proto__' }] },
      { missing: ['__proto__.polluted', 'constructor.prototype.polluted'] },
      { merge: [{ var: 'xs' }, { var: '__proto__' }] },
    ]) {
      applyLogic(logic, data);
      jsonLogic.apply(logic, data);
    }
    expect(({} as Record<string, unknown>)['polluted']).to.equal(undefined);
    expect(Object.prototype.hasOwnProperty.call(Object.prototype, 'polluted')).to.equal(false);
    expect(JSON.stringify(data)).to.equal(before);
  });

  it('rules are data: a rule object with extra keys is a literal, not code', () => {
    const literal = { if: [true, 'x'], then: 'y' };
    expect(applyLogic(literal)).to.equal(literal);
  });
});
