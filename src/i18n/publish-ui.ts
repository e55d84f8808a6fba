/**
 * UI strings of published forms (`<ltc-form src>` and its delivery through the outbox; zh-CN
 * and en), in the shape of `src/i18n/index.ts` (`tp(locale, key, params)` fills `{name}`
 * placeholders; plain text, never HTML). The form runtime carries them; the main bundle does not.
 */
import type { Locale } from '../core/schema/types.js';

const zh = {
  'publish.loading': '正在加载表单…',
  'publish.loadFailed': '无法加载表单 {src}：{message}',
  'publish.invalidFile': '表单文件无效：{details}',
  'publish.noSrc': '未指定表单文件（src 属性）。',
  'publish.actionInvalid': '提交地址“{action}”无效，只支持 http(s) 地址。',
  'publish.actionOrigin': '不允许提交到 {origin}：它不是本页的来源，也不在 allowed-origins 中。',
  'publish.sent': '已提交。',
  'publish.queued': '已保存在本机，联网后会自动提交。',
  'publish.rejected': '提交被拒绝（{message}）。',
  'publish.packFailed': '无法加载表单的控件（{file}）：{message}',
} as const;

export type PublishMessageKey = keyof typeof zh;

const en: Record<PublishMessageKey, string> = {
  'publish.loading': 'Loading the form…',
  'publish.loadFailed': 'Could not load the form {src}: {message}',
  'publish.invalidFile': 'The form file is not valid: {details}',
  'publish.noSrc': 'No form file given (the src attribute).',
  'publish.actionInvalid': 'The form’s action “{action}” is not an http(s) address.',
  'publish.actionOrigin': 'Submitting to {origin} is not allowed: not this page’s origin, not in allowed-origins.',
  'publish.sent': 'Sent.',
  'publish.queued': 'Saved on this device; it is sent once you are online.',
  'publish.rejected': 'The submission was refused ({message}).',
  'publish.packFailed': 'Could not load the form’s widgets ({file}): {message}',
};

const messages: Record<Locale, Record<PublishMessageKey, string>> = { 'zh-CN': zh, en };

/** A published-form or inbox string in `locale`, placeholders filled (plain text). */
export function tp(locale: Locale, key: PublishMessageKey, params: Record<string, string | number> = {}): string {
  return messages[locale][key].replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}
