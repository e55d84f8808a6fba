/**
 * The form runtime's strings (src/i18n/form-runtime.ts, built into dist/ltc-form.js in place of
 * src/i18n/index.ts) read exactly as the workspace's, and cover every key the form renderer and
 * the visitor's widgets ask for.
 */
import { expect } from '@open-wc/testing';
import { FORM_RUNTIME_MESSAGES, t as formT, isMessageKey as formIsKey } from '../../src/i18n/form-runtime.js';
import { t, isMessageKey, type MessageKey } from '../../src/i18n/index.js';

describe('form runtime strings', () => {
  for (const locale of ['zh-CN', 'en'] as const) {
    it(`equal the workspace's in ${locale}`, () => {
      const keys = Object.keys(FORM_RUNTIME_MESSAGES[locale]);
      expect(keys.length).to.be.greaterThan(10);
      for (const key of keys) {
        expect(isMessageKey(key), key).to.equal(true);
        expect(formT(locale, key as MessageKey, { name: 'N', max: 3, min: 1, message: 'M' }), key).to.equal(t(locale, key as MessageKey, { name: 'N', max: 3, min: 1, message: 'M' }));
      }
    });
  }

  it('have every key the visitor-facing code uses', () => {
    for (const key of ['field.required', 'form.selectPlaceholder', 'form.none', 'form.readonly', 'error.generic']) expect(formIsKey(key), key).to.equal(true);
    expect(Object.keys(FORM_RUNTIME_MESSAGES['zh-CN']).sort()).to.deep.equal(Object.keys(FORM_RUNTIME_MESSAGES.en).sort());
  });
});
