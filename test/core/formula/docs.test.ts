// docs/formulas.md cannot lie: every `formula` → `result` example in it is compiled and
// evaluated against the example record the page itself defines, and every function of the
// language must have at least one example there.
import { expect } from '@open-wc/testing';
import { CellError, FUNCTIONS, FormulaError, compileFormula, evaluateFormula, type FormulaScope } from '../../../src/core/formula/index.js';

interface ExampleSetup {
  now: string;
  fields: FormulaScope['fields'];
  record: Record<string, unknown>;
}

/** A result as written in the docs: a formula literal, an error code or a compile error code. */
function parseExpected(text: string): { kind: 'value'; value: unknown } | { kind: 'error'; code: string } | { kind: 'compile'; code: string } {
  if (text.startsWith('formula.')) return { kind: 'compile', code: text };
  if (text.startsWith('#')) return { kind: 'error', code: text };
  if (text === 'TRUE' || text === 'FALSE') return { kind: 'value', value: text === 'TRUE' };
  if (text === '(blank)') return { kind: 'value', value: null };
  if (text.startsWith('"')) return { kind: 'value', value: JSON.parse(text) as string };
  const n = Number(text);
  if (Number.isNaN(n)) throw new Error(`unreadable expected value in docs: ${text}`);
  return { kind: 'value', value: n };
}

describe('docs/formulas.md', () => {
  let markdown = '';
  before(async () => {
    const response = await fetch('/docs/formulas.md');
    expect(response.ok).to.equal(true);
    markdown = await response.text();
  });

  it('every example gives the stated result, and every function has one', () => {
    const block = /```json formula-examples\n([\s\S]*?)```/.exec(markdown);
    expect(block, 'example setup block').to.not.equal(null);
    const setup = JSON.parse(block![1]!) as ExampleSetup;
    const scope: FormulaScope = { fields: setup.fields };
    const examples = [...markdown.matchAll(/`([^`]+)`\s*→\s*`([^`]+)`/g)].map((m) => ({ source: m[1]!, expected: m[2]! }));
    expect(examples.length).to.be.greaterThan(120);
    const failures: string[] = [];
    for (const { source, expected } of examples) {
      const want = parseExpected(expected);
      let got: unknown;
      try {
        got = evaluateFormula(compileFormula(source, scope), setup.record, { now: setup.now });
      } catch (e) {
        if (!(e instanceof FormulaError)) throw e;
        if (want.kind !== 'compile' || want.code !== e.code) failures.push(`${source}: threw ${e.code} ${e.message}`);
        continue;
      }
      if (want.kind === 'compile') failures.push(`${source}: compiled, expected ${want.code}`);
      else if (want.kind === 'error') {
        if (!(got instanceof CellError) || got.code !== want.code) failures.push(`${source}: got ${String(got)}, expected ${want.code}`);
      } else if (got instanceof CellError || JSON.stringify(got) !== JSON.stringify(want.value)) {
        failures.push(`${source}: got ${JSON.stringify(got)}, expected ${expected}`);
      }
    }
    expect(failures).to.deep.equal([]);
    const used = new Set(examples.flatMap((e) => [...e.source.toUpperCase().matchAll(/([A-Z]+)\s*[(（]/g)].map((m) => m[1]!)));
    const undocumented = FUNCTIONS.map((f) => f.name).filter((name) => !used.has(name));
    expect(undocumented).to.deep.equal([]);
  });
});
