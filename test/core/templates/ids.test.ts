import { expect } from '@open-wc/testing';
import { createId } from '../../../src/core/ids.js';
import { isValidId } from '../../../src/core/schema/validate.js';

describe('createId', () => {
  it('makes short ids with an optional prefix', () => {
    expect(createId()).to.match(/^[0-9a-z]{20}$/);
    expect(createId('rec')).to.match(/^rec_[0-9a-z]{20}$/);
    expect(isValidId(createId('app'))).to.equal(true);
  });

  it('makes 20,000 distinct ids that sort in creation order', () => {
    const ids = Array.from({ length: 20_000 }, () => createId('r'));
    expect(new Set(ids).size).to.equal(ids.length);
    expect([...ids].sort()).to.deep.equal(ids);
  });

  it('starts with the current time, so later ids sort later across sessions', () => {
    const before = Date.now();
    const id = createId();
    const time = parseInt(id.slice(0, 9), 36);
    expect(time).to.be.at.least(before);
    expect(time).to.be.at.most(Date.now() + 1);
  });

  it('has random tails (no two of 1,000 share their last 8 characters)', () => {
    const tails = new Set(Array.from({ length: 1000 }, () => createId().slice(-8)));
    expect(tails.size).to.equal(1000);
  });

  it('refuses prefixes that would break the id syntax', () => {
    for (const prefix of ['', 'a b', '__proto__', 'x-y', 'toolongprefix12345']) {
      expect(() => createId(prefix), prefix).to.throw(TypeError);
    }
  });
});
