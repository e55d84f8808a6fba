// The official JSON Logic test suite, run through applyLogic and compileLogic, with
// json-logic-js 2.0.5 as a second oracle.
//
// test/fixtures/jsonlogic-tests.json is the file jsonlogic.com publishes as tests.json
// (https://jsonlogic.com/tests.json), copied byte for byte from the site's repository,
// github.com/jwadhams/json-logic, path tests.json, commit
// 0ecb3b5963882e8499106579ca0eb4289aa32324 (16,770 bytes, 267 cases, ends with "EOF").
// Entries are [logic, data, expected]; strings are section comments.
import { expect } from '@open-wc/testing';
import jsonLogic from 'json-logic-js';
import '../../../src/core/logic/json-logic-mirror.js';
import { applyLogic, compileLogic } from '../../../src/core/logic/index.js';

type Case = [unknown, unknown, unknown];

async function loadSuite(): Promise<{ section: string; cases: Case[] }[]> {
  const res = await fetch(new URL('../../fixtures/jsonlogic-tests.json', import.meta.url));
  const entries = (await res.json()) as unknown[];
  const sections: { section: string; cases: Case[] }[] = [];
  let current = { section: '(start)', cases: [] as Case[] };
  sections.push(current);
  for (const entry of entries) {
    if (typeof entry === 'string') {
      current = { section: entry, cases: [] };
      sections.push(current);
    } else {
      current.cases.push(entry as Case);
    }
  }
  return sections.filter((s) => s.cases.length > 0);
}

describe('logic: official JSON Logic test suite (jsonlogic.com/tests.json)', () => {
  let suite: { section: string; cases: Case[] }[] = [];

  before(async () => {
    suite = await loadSuite();
  });

  it('loads all 267 cases', () => {
    const total = suite.reduce((n, s) => n + s.cases.length, 0);
    expect(total).to.equal(267);
  });

  it('applyLogic gives the expected result for every case', () => {
    for (const { section, cases } of suite) {
      for (const [logic, data, expected] of cases) {
        expect(applyLogic(logic, data), `${section}: ${JSON.stringify(logic)} on ${JSON.stringify(data)}`).to.deep.equal(expected);
      }
    }
  });

  it('compileLogic gives the expected result for every case', () => {
    for (const { section, cases } of suite) {
      for (const [logic, data, expected] of cases) {
        // A fresh copy, so the compile cache filled by the previous test is not what runs.
        const run = compileLogic(structuredClone(logic));
        expect(run(data), `${section}: ${JSON.stringify(logic)} on ${JSON.stringify(data)}`).to.deep.equal(expected);
      }
    }
  });

  it('json-logic-js agrees on every case (the oracle itself passes the suite)', () => {
    for (const { section, cases } of suite) {
      for (const [logic, data, expected] of cases) {
        expect(jsonLogic.apply(logic, data), `${section}: ${JSON.stringify(logic)}`).to.deep.equal(expected);
      }
    }
  });

  it('a compiled rule evaluates correctly over many records in a row', () => {
    // The cached evaluator is reused: no state may leak from one record to the next.
    for (const { cases } of suite) {
      for (const [logic, data, expected] of cases) {
        const run = compileLogic(logic);
        expect(run(data)).to.deep.equal(expected);
        expect(run(data)).to.deep.equal(expected);
      }
    }
  });
});
