import { expect } from '@open-wc/testing';
import { MemoryStore } from '../../src/store/memory-store.js';
import { runStoreContract, expectStoreError } from './contract.js';

runStoreContract('MemoryStore', () => {
  const opened: MemoryStore[] = [];
  return {
    async open(options) {
      const store = new MemoryStore(options);
      opened.push(store);
      return store;
    },
    async cleanup() {
      for (const store of opened) store.close();
    },
  };
});

describe('MemoryStore', () => {
  it('refuses every call after close', async () => {
    const store = new MemoryStore();
    store.close();
    await expectStoreError(store.listApps(), 'store.closed');
    expect(() => store.subscribe(() => undefined)).to.not.throw();
  });
});
