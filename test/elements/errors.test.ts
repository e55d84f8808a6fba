/** Failures reach the user in their language: storage errors by code, others as they are. */
import { expect } from '@open-wc/testing';
import { errorMessage } from '../../src/i18n/index.js';
import { StaleWriteError, StoreError } from '../../src/store/types.js';

describe('errorMessage', () => {
  it('translates storage failures by code', () => {
    expect(errorMessage(new StoreError('store.quota', 'QuotaExceededError'), 'zh-CN')).to.contain('存储空间已满');
    expect(errorMessage(new StoreError('store.quota', 'QuotaExceededError'), 'en')).to.contain('storage is full');
    expect(errorMessage(new StaleWriteError('customers', 'c1', 1, 2), 'zh-CN')).to.contain('已在别处被修改');
    expect(errorMessage(new StoreError('store.open', 'x'), 'en')).to.contain('private mode');
  });

  it('falls back to the error’s own message for anything else', () => {
    expect(errorMessage(new Error('磁盘坏了'), 'zh-CN')).to.equal('操作失败：磁盘坏了');
    expect(errorMessage(Object.assign(new Error('odd'), { code: 'no.such.code' }), 'en')).to.equal('The action failed: odd');
  });
});
