/**
 * The form runtime's strings (src/i18n/form-runtime.ts, built into dist/ltc-form.js in place of
 * src/i18n/index.ts) read exactly as the workspace's, and cover every key the form renderer and
 * the visitor's widgets ask for.
 */
import { expect } from '@open-wc/testing';
import { FORM_RUNTIME_MESSAGES, t as formT, isMessageKey as formIsKey } from '../../src/i18n/form-runtime.js';
import { t, isMessageKey, type MessageKey } from '../../src/i18n/index.js';
import { fillIssueTemplate, issueMessage, type IssueCode } from '../../src/core/schema/messages.js';
import {
  VALUE_CODE_MESSAGES,
  VALUE_KIND_LABELS,
  fillIssueTemplate as valuesFill,
  isIssueCode as valuesIsIssueCode,
  issueMessage as valuesIssueMessage,
} from '../../src/core/schema/messages-values.js';

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

describe('form runtime value-code messages (src/core/schema/messages-values.ts)', () => {
  for (const locale of ['zh-CN', 'en'] as const) {
    it(`read as the schema's in ${locale}, kind names translated alike`, () => {
      const codes = Object.keys(VALUE_CODE_MESSAGES) as IssueCode[];
      expect(codes.length).to.be.greaterThan(4);
      const params = { actual: 'x', type: 'number', value: 'v', allowed: 'a, b', field: '金额', kind: 'formula' };
      for (const code of codes) {
        expect(valuesIssueMessage(code, params, locale), code).to.equal(issueMessage(code, params, locale));
        expect(valuesIsIssueCode(code), code).to.equal(true);
      }
      for (const kind of Object.keys(VALUE_KIND_LABELS)) {
        const template = '{expected}/{actual}';
        expect(valuesFill(template, { expected: kind, actual: kind }, locale), kind).to.equal(fillIssueTemplate(template, { expected: kind, actual: kind }, locale));
      }
    });
  }

  it('covers every value code a field type reports about a stored value', () => {
    for (const code of ['schema.valueType', 'schema.dateFormat', 'schema.datetimeFormat', 'schema.choiceUnknown', 'schema.derivedStored']) expect(valuesIsIssueCode(code), code).to.equal(true);
    // A wrong value of a number field reads in words, not as a code.
    expect(valuesIssueMessage('schema.valueType', { type: 'number', expected: 'number', actual: 'string' }, 'zh-CN')).to.equal('number 字段的值应为数字，实际为字符串。');
  });
});
