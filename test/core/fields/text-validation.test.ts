/**
 * Text validation a form designer offers (the messages as the UI shows them): minimum and maximum length in characters, a
 * pattern the whole value must match (with a message of the user's own), and patterns
 * refused when they cannot be used safely.
 */
import { expect } from '@open-wc/testing';
import { fieldTypeOf } from '../../../src/core/fields/index.js';
import { checkOptionSpecs } from '../../../src/core/fields/options.js';
import { patternProblem } from '../../../src/core/fields/types/text.js';
import { t } from '../../../src/i18n/index.js';
import type { FieldDef, FieldOptions } from '../../../src/core/schema/types.js';

const text = (options: FieldOptions, type = 'text'): FieldDef => ({ id: 'f', name: '订单号', type, options });
const validate = (value: string, options: FieldOptions, type = 'text') => fieldTypeOf(type).validate(value, text(options, type));

describe('text validation', () => {
  it('counts characters as people do for minLength and maxLength', () => {
    expect(validate('范', { minLength: 2 })?.key).to.equal('field.minLength');
    expect(validate('范国', { minLength: 2 })).to.equal(null);
    expect(validate('😀😀', { minLength: 2, maxLength: 2 })).to.equal(null);
    expect(validate('一二三', { maxLength: 2 }, 'textarea')?.key).to.equal('field.maxLength');
    expect(validate('一', { minLength: 2 }, 'textarea')?.key).to.equal('field.minLength');
  });

  it('matches the whole value against the pattern', () => {
    const options = { pattern: 'SO\\d{11}' };
    expect(validate('SO20260921001', options)).to.equal(null);
    expect(validate('SO20260921001x', options)?.key).to.equal('field.pattern');
    expect(validate('xSO20260921001', options)?.key).to.equal('field.pattern');
  });

  it("shows the user's own message in the page language", () => {
    const issue = validate('abc', { pattern: '\\d+', patternMessage: { 'zh-CN': '请输入数字', en: 'Digits only' } })!;
    expect(t('zh-CN', issue.key as never, issue.params as never)).to.equal('请输入数字');
    expect(t('en', issue.key as never, issue.params as never)).to.equal('Digits only');
    const plain = validate('abc', { pattern: '\\d+' })!;
    expect(t('zh-CN', plain.key as never, { ...plain.params, name: '订单号' } as never)).to.equal('“订单号”的格式不正确');
  });

  it('refuses patterns that do not compile or repeat a repeating group', () => {
    expect(patternProblem('(')).to.equal('syntax');
    expect(patternProblem('(a+)+$')).to.equal('nested');
    expect(patternProblem('(\\d{3,})*')).to.equal('nested');
    expect(patternProblem('1[3-9]\\d{9}')).to.equal(null);
    const problems = checkOptionSpecs(fieldTypeOf('text'), { type: 'text', options: { pattern: '(a+)+' } });
    expect(problems.map((p) => p.key)).to.deep.equal(['pattern']);
    expect(checkOptionSpecs(fieldTypeOf('text'), { type: 'text', options: { patternMessage: 'oops' as never } }).map((p) => p.key)).to.deep.equal(['patternMessage']);
  });

  it('does not run a pattern over a huge value, and an unusable pattern checks nothing', () => {
    expect(validate('1'.repeat(5000), { pattern: '\\d+' })?.key).to.equal('field.pattern');
    expect(validate('anything', { pattern: '(a+)+' })).to.equal(null);
  });
});
