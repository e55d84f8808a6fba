/**
 * The `src/i18n/index.ts` API for the form runtime (dist/ltc-form.js) over only the messages a
 * published form can show: the field issues, and the few words the input widgets use. The
 * `form` build (vite.config.ts) puts this module in place of src/i18n/index.ts, so a public
 * page does not download the workspace's several hundred strings; test/forms/form-strings.test.ts
 * checks that every message here reads exactly as the workspace's does.
 */
import type { Locale, LocalizedLabels } from '../core/schema/types.js';
import { FIELD_ISSUE_MESSAGES } from '../core/fields/messages.js';
import type { MessageKey, MessageParams } from './index.js';

export type { Locale, MessageKey, MessageParams };

export const LOCALES: readonly Locale[] = ['zh-CN', 'en'];

/** The messages of the form runtime, per locale (the same texts as src/i18n/index.ts). */
export const FORM_RUNTIME_MESSAGES: Record<Locale, Record<string, string>> = {
  'zh-CN': { ...FIELD_ISSUE_MESSAGES['zh-CN'], 'form.readonly': '自动计算', 'form.none': '（无）', 'form.selectPlaceholder': '请选择', 'error.generic': '操作失败：{message}' },
  en: { ...FIELD_ISSUE_MESSAGES.en, 'form.readonly': 'Calculated', 'form.none': '(none)', 'form.selectPlaceholder': 'Choose…', 'error.generic': 'The action failed: {message}' },
};

/** Add messages (both locales) for keys the runtime does not have (the widget pack's value issues). */
export function addMessages(messages: Readonly<Record<Locale, Readonly<Record<string, string>>>>): void {
  for (const locale of LOCALES) {
    for (const [key, text] of Object.entries(messages[locale])) if (!Object.prototype.hasOwnProperty.call(FORM_RUNTIME_MESSAGES[locale], key)) FORM_RUNTIME_MESSAGES[locale][key] = text;
  }
}

export function t(locale: Locale, key: MessageKey, params?: MessageParams): string {
  const template = FORM_RUNTIME_MESSAGES[locale]?.[key] ?? FORM_RUNTIME_MESSAGES.en[key] ?? key;
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (Object.prototype.hasOwnProperty.call(params, name) ? String(params[name]) : whole));
}

export function isMessageKey(key: string): key is MessageKey {
  return Object.prototype.hasOwnProperty.call(FORM_RUNTIME_MESSAGES.en, key);
}

export function resolveLocale(...candidates: Array<string | null | undefined>): Locale {
  for (const candidate of candidates) {
    const lower = candidate?.toLowerCase() ?? '';
    if (lower.startsWith('zh')) return 'zh-CN';
    if (lower.startsWith('en')) return 'en';
  }
  return 'en';
}

export function labelOf(entity: { name: string; labels?: LocalizedLabels }, locale: Locale): string {
  return entity.labels?.[locale] || entity.name;
}

export function formatNumber(value: number, locale: Locale, options?: Intl.NumberFormatOptions): string {
  return new Intl.NumberFormat(locale, options).format(value);
}

export function errorMessage(error: unknown, locale: Locale): string {
  return t(locale, 'error.generic', { message: error instanceof Error ? error.message : String(error) });
}
