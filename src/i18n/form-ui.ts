/**
 * Strings of the form renderer (src/elements/form/), in Simplified Chinese and English. Kept
 * beside src/i18n/index.ts rather than in it so the renderer's strings travel with the
 * renderer (the published form loads nothing else of the workspace UI).
 */
import type { Locale } from '../core/schema/types.js';

const zh = {
  'formView.submit': '提交',
  'formView.submitting': '正在提交…',
  'formView.thankYouTitle': '提交成功',
  'formView.thankYouMessage': '感谢你的填写。',
  'formView.submitAnother': '再填一份',
  'formView.submitFailed': '提交失败：{message}',
  'formView.fixErrors': '请修正标出的 {count} 处错误',
  'formView.lineProblem': '第 {row} 行：{message}',
};

export type FormUiKey = keyof typeof zh;

const en: Record<FormUiKey, string> = {
  'formView.submit': 'Submit',
  'formView.submitting': 'Submitting…',
  'formView.thankYouTitle': 'Thank you',
  'formView.thankYouMessage': 'Your answers were sent.',
  'formView.submitAnother': 'Submit another',
  'formView.submitFailed': 'Could not submit: {message}',
  'formView.fixErrors': 'Please fix the {count} marked problem(s)',
  'formView.lineProblem': 'Line {row}: {message}',
};

const tables: Record<Locale, Record<FormUiKey, string>> = { 'zh-CN': zh, en };

/** A form renderer string in `locale`, `{name}` placeholders filled from params (plain text). */
export function ft(locale: Locale, key: FormUiKey, params: Record<string, string | number> = {}): string {
  const template = (tables[locale] ?? en)[key];
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}
