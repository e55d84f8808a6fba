/** The function reference texts fetched by the formula editor cover every function, in both languages. */
import { expect } from '@open-wc/testing';
import { FUNCTIONS } from '../../../src/core/formula/index.js';
import { loadFunctionDocs } from '../../../src/elements/function-docs.js';

describe('function reference texts (src/i18n/function-docs.json)', () => {
  it('has parameters and a description in zh-CN and en for every function, and nothing else', async () => {
    const docs = await loadFunctionDocs();
    expect(Object.keys(docs).sort()).to.deep.equal(FUNCTIONS.map((f) => f.name).sort());
    for (const fn of FUNCTIONS) {
      const doc = docs[fn.name];
      for (const locale of ['zh-CN', 'en'] as const) {
        expect(doc.params[locale], `${fn.name} params ${locale}`).to.be.a('string');
        expect(doc.description[locale], `${fn.name} description ${locale}`).to.be.a('string').and.not.empty;
      }
    }
  });
});
