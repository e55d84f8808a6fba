import { expect } from '@open-wc/testing';
import jsonLogic from 'json-logic-js';

describe('toolchain', () => {
  it('loads json-logic-js in the browser', () => {
    expect(jsonLogic.apply({ '*': [2, { var: 'a' }] }, { a: 21 })).to.equal(42);
  });
});
