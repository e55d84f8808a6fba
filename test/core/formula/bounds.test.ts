// Bounded work for any formula (issue 9, section 2): text results and intermediate text
// stop at Excel's 32,767 characters with #VALUE! before they are built, wildcard criteria
// cannot backtrack exponentially, and deep JSON Logic gives a clear error, not a RangeError.
import { expect } from '@open-wc/testing';
import { applyLogic, compileLogic } from '../../../src/core/logic/index.js';
import { CellError, compileFormula, evaluateFormula } from '../../../src/core/formula/index.js';
import { scope } from './helpers.js';

function run(source: string, data: Record<string, unknown> = {}): unknown {
  return evaluateFormula(compileFormula(source, scope), data);
}

/** SUBSTITUTE nested `depth` deep, each replacing "a" with ten of them (issue 9's formula). */
function substituteBomb(depth: number): string {
  let f = '"aaaaaaaaaa"';
  for (let i = 0; i < depth; i++) f = `SUBSTITUTE(${f},"a","aaaaaaaaaa")`;
  return f;
}

function expectTooLong(value: unknown): void {
  expect(value).to.be.instanceOf(CellError);
  const e = value as CellError;
  expect(e.code).to.equal('#VALUE!');
  expect(e.message).to.contain('32,767');
  expect(e.messageIn('zh-CN')).to.contain('32,767');
}

describe('formula bounds: text length', () => {
  it('the 7-deep SUBSTITUTE formula evaluates to #VALUE! at once (it built 100 MB before)', () => {
    const source = substituteBomb(7);
    const compiled = compileFormula(source, scope);
    const started = performance.now();
    for (let i = 0; i < 100; i++) expectTooLong(evaluateFormula(compiled, {}));
    // 100 evaluations; each took about a second before the bound.
    expect(performance.now() - started).to.be.below(1000);
    // Below the bound SUBSTITUTE still works: 10^4 characters.
    expect((run(substituteBomb(3)) as string).length).to.equal(10_000);
  });

  it('every operation that lengthens text checks the bound before building it', () => {
    const big = 'x'.repeat(20_000);
    const data = { name: big };
    expectTooLong(run('{客户名称} & {客户名称}', data));
    expectTooLong(run('CONCATENATE({客户名称}, {客户名称})', data));
    expectTooLong(run(`{客户名称}${' & "y"'.repeat(9)} & {客户名称}`, data));
    expectTooLong(run('SUBSTITUTE({客户名称}, "x", "yy")', data));
    expectTooLong(run('SUBSTITUTE({客户名称} & LEFT({客户名称}, 12767), "x", "yy", 1)', data));
    // Exactly at the limit is fine.
    expect((run('{客户名称} & LEFT({客户名称}, 12767)', data) as string).length).to.equal(32_767);
    // IFERROR catches it like any error value.
    expect(run('IFERROR({客户名称} & {客户名称}, "too long")', data)).to.equal('too long');
    // Case mapping can lengthen text: ß becomes SS.
    expectTooLong(run('UPPER({客户名称})', { name: 'ß'.repeat(20_000) }));
  });
});

describe('formula bounds: wildcard criteria', () => {
  it('many * wildcards against long text finish quickly (a regular expression backtracked exponentially)', () => {
    const criterion = `${'*a'.repeat(12)}*b`;
    const started = performance.now();
    const result = run(`COUNTIF({客户名称}, "${criterion}")`, { name: 'a'.repeat(3000) });
    expect(result).to.equal(0);
    expect(performance.now() - started).to.be.below(2000);
  });

  it('still matches like Excel', () => {
    const cases: Array<[string, string, number]> = [
      ['abc', 'a*', 1],
      ['abc', '*c', 1],
      ['abc', 'a?c', 1],
      ['abc', '?', 0],
      ['abc', '*', 1],
      ['a*c', 'a~*c', 1],
      ['abc', 'a~*c', 0],
      ['ABC', 'a*C', 1],
      ['aXbXc', '*x*x*', 1],
      ['客户生命周期', '客户*周期', 1],
      ['客户生命周期', '客户??周期', 1],
      ['😀x', '?x', 1],
    ];
    for (const [text, criterion, expected] of cases) {
      expect(run(`COUNTIF({客户名称}, "${criterion}")`, { name: text }), `${text} ~ ${criterion}`).to.equal(expected);
    }
  });
});

describe('logic bounds: nesting', () => {
  it('deeply nested hand-written JSON Logic gives a clear error, not a stack overflow', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 100_000; i++) deep = { '+': [deep, 1] };
    for (const attempt of [() => applyLogic(deep), () => compileLogic(deep)]) {
      let error: unknown;
      try {
        attempt();
      } catch (e) {
        error = e;
      }
      expect(error).to.be.instanceOf(Error);
      expect(error).not.to.be.instanceOf(RangeError);
      expect((error as Error).message).to.contain('nested too deeply');
    }
  });

  it('logic within the limit still evaluates', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 400; i++) deep = { '+': [deep, 1] };
    expect(applyLogic(deep)).to.equal(401);
  });
});
