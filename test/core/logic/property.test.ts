// Property tests: random JSON Logic over random data, the compiled closures against
// json-logic-js 2.0.5 `apply` as the oracle. Same value (deep, with NaN equal to NaN and
// -0 distinct from 0), or both throw (with the same message for unknown operations).
import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import jsonLogic from 'json-logic-js';
import '../../../src/core/logic/json-logic-mirror.js';
import { applyLogic, compileLogic } from '../../../src/core/logic/index.js';

const SEED = 20261123;

// Field names and strings avoid names of inherited members (toString, constructor, …):
// that is the one place where our `var` deliberately differs (see security.test.ts).
const PATHS = [
  'a', 'b', 'n', 's', 'xs', 'obj', 'obj.x', 'obj.y.z', 'xs.0', 'xs.1', 'xs.length',
  's.length', 's.0', 'nested.a.b', 'nope', '', 'current', 'accumulator', 'current.a',
  'accumulator.0', '0', '1', 'a.b.c',
];
const STRINGS = ['', 'a', 'b', 'abc', '0', '1', '-0', '2.5', ' 3 ', '1e3', 'x.y', 'apple', 'Infinity', 'null', 'obj.x'];

const scalar = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.integer({ min: -5, max: 10 }),
  fc.constantFrom(0, -0, 0.5, -2.5, NaN, Infinity, -Infinity, 1e21),
  fc.double(),
  fc.constantFrom(...STRINGS),
);

const { value: jsonValue } = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', maxDepth: 3 },
    scalar,
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(fc.constantFrom('a', 'b', 'x', 'y', 'z', '0'), tie('value'), { maxKeys: 3 }),
  ),
}));

const record = fc.record(
  {
    a: jsonValue,
    b: jsonValue,
    n: fc.oneof(fc.integer({ min: -3, max: 20 }), fc.constantFrom(0, -0, 2.5, '7', null)),
    s: fc.constantFrom(...STRINGS),
    xs: fc.array(jsonValue, { maxLength: 5 }),
    obj: fc.dictionary(fc.constantFrom('x', 'y', 'z'), jsonValue, { maxKeys: 3 }),
    nested: jsonValue,
  },
  { requiredKeys: [] },
);

const data = fc.oneof({ weight: 6, arbitrary: record }, { weight: 1, arbitrary: jsonValue }, fc.constant(undefined));

// Ordinary operations (arguments evaluated first). `log` is left out only to keep the
// console quiet; quirks.test.ts covers it. `nope` and the dotted names must throw alike.
const ORDINARY = [
  '==', '===', '!=', '!==', '>', '>=', '<', '<=', '!!', '!', '%', 'in', 'cat', 'substr',
  '+', '*', '-', '/', 'min', 'max', 'merge', 'missing', 'missing_some', 'var',
];
const CONTROL = ['if', '?:', 'and', 'or'];
const SCOPED = ['map', 'filter', 'all', 'none', 'some'];
const UNKNOWN = ['nope', 'cat.x', 'var.prototype.constructor', 'a.b'];

const { expr } = fc.letrec<{ expr: unknown; node: unknown; args: unknown }>((tie) => ({
  expr: fc.oneof(
    { depthSize: 'medium', maxDepth: 12 },
    { weight: 2, arbitrary: scalar },
    { weight: 2, arbitrary: fc.constantFrom(...PATHS).map((p) => ({ var: p })) },
    { weight: 5, arbitrary: tie('node') },
    { weight: 1, arbitrary: fc.array(tie('expr'), { maxLength: 3 }) },
  ),
  // An operand list, or (json-logic-js's shorthand) a single non-array operand.
  args: fc.oneof(
    { weight: 4, arbitrary: fc.array(tie('expr'), { maxLength: 4 }) },
    { weight: 1, arbitrary: tie('expr') },
  ),
  node: fc.oneof(
    { weight: 8, arbitrary: fc.tuple(fc.constantFrom(...ORDINARY), tie('args')).map(([op, a]) => ({ [op]: a })) },
    { weight: 3, arbitrary: fc.tuple(fc.constantFrom(...CONTROL), tie('args')).map(([op, a]) => ({ [op]: a })) },
    {
      weight: 2,
      arbitrary: fc
        .tuple(fc.constantFrom(...SCOPED), tie('expr'), tie('expr'))
        .map(([op, list, each]) => ({ [op]: [list, each] })),
    },
    {
      weight: 1,
      arbitrary: fc
        .tuple(tie('expr'), tie('expr'), fc.option(tie('expr'), { nil: undefined }))
        .map(([list, each, init]) => ({ reduce: init === undefined ? [list, each] : [list, each, init] })),
    },
    {
      weight: 2,
      arbitrary: fc
        .tuple(fc.constantFrom(...PATHS), tie('expr'))
        .map(([p, fallback]) => ({ var: [p, fallback] })),
    },
    { weight: 1, arbitrary: tie('expr').map((p) => ({ var: p })) },
    { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...UNKNOWN), tie('args')).map(([op, a]) => ({ [op]: a })) },
    { weight: 1, arbitrary: fc.constantFrom<unknown>({}, { a: 1, b: 2 }) },
  ),
}));

/** How many rules are nested inside each other (a var inside a + inside an if is 3). */
function ruleDepth(logic: unknown): number {
  if (Array.isArray(logic)) return Math.max(0, ...logic.map(ruleDepth));
  if (typeof logic !== 'object' || logic === null || Object.keys(logic).length !== 1) return 0;
  return 1 + ruleDepth(Object.values(logic)[0]);
}

type Outcome = { threw: false; value: unknown } | { threw: true; message: string };

function outcome(fn: () => unknown): Outcome {
  try {
    return { threw: false, value: fn() };
  } catch (e) {
    return { threw: true, message: e instanceof Error ? e.message : String(e) };
  }
}

function assertSame(actual: Outcome, oracle: Outcome, label: string): void {
  if (oracle.threw) {
    expect(actual.threw, `${label}: json-logic-js threw "${oracle.message}"`).to.equal(true);
    if (actual.threw && oracle.message.startsWith('Unrecognized operation')) {
      expect(actual.message, label).to.equal(oracle.message);
    }
  } else {
    expect(actual.threw, `${label}: threw ${actual.threw ? actual.message : ''}`).to.equal(false);
    if (!actual.threw) expect(actual.value, label).to.deep.equal(oracle.value);
  }
}

describe('logic: compiled closures equal json-logic-js apply (fast-check)', () => {
  it('random logic on random data: compileLogic and applyLogic match apply', () => {
    fc.assert(
      fc.property(expr, data, (logic, input) => {
        const label = `${JSON.stringify(logic)} on ${JSON.stringify(input)}`;
        const oracle = outcome(() => jsonLogic.apply(logic, input));
        assertSame(outcome(() => compileLogic(logic)(input)), oracle, `compileLogic ${label}`);
        assertSame(outcome(() => applyLogic(logic, input)), oracle, `applyLogic ${label}`);
      }),
      { seed: SEED, numRuns: 3000 },
    );
  });

  it('one compiled rule over several records matches apply record by record', () => {
    fc.assert(
      fc.property(expr, fc.array(data, { minLength: 2, maxLength: 5 }), (logic, inputs) => {
        const run = compileLogic(logic);
        for (const input of inputs) {
          const label = `${JSON.stringify(logic)} on ${JSON.stringify(input)}`;
          assertSame(outcome(() => run(input)), outcome(() => jsonLogic.apply(logic, input)), label);
        }
      }),
      { seed: SEED + 1, numRuns: 1000 },
    );
  });

  it('the generator is not trivial: it yields rules that use data, throw, and nest', () => {
    const sample = fc.sample(fc.tuple(expr, data), { seed: SEED, numRuns: 500 });
    let threw = 0;
    let usedData = 0;
    let deep = 0;
    for (const [logic, input] of sample) {
      const result = outcome(() => jsonLogic.apply(logic, input));
      if (result.threw) threw++;
      if (jsonLogic.uses_data(logic).length > 0) usedData++;
      if (ruleDepth(logic) >= 3) deep++;
    }
    expect(threw).to.be.greaterThan(10);
    expect(usedData).to.be.greaterThan(100);
    expect(deep).to.be.greaterThan(50);
  });
});
