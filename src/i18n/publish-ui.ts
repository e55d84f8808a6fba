/**
 * UI strings of published forms (`<ltc-form src>`, its delivery through the outbox) and of the
 * workspace's inbox (zh-CN and en), in the shape of `src/i18n/index.ts` (`tp(locale, key,
 * params)` fills `{name}` placeholders; plain text, never HTML). The form runtime and the
 * designer script carry them; the main bundle does not.
 */
import type { Locale } from '../core/schema/types.js';

const zh = {
  'publish.loading': '正在加载表单…',
  'publish.loadFailed': '无法加载表单 {src}：{message}',
  'publish.invalidFile': '表单文件无效：{details}',
  'publish.noSrc': '未指定表单文件（src 属性）。',
  'publish.actionInvalid': '提交地址“{action}”无效，只支持 http(s) 地址。',
  'publish.actionOrigin': '不允许提交到 {origin}：该来源既不是本页面的来源，也不在 allowed-origins 中。',
  'publish.sending': '正在提交…',
  'publish.sent': '已提交。',
  'publish.queued': '已保存在本机，联网后会自动提交。',
  'publish.rejected': '提交被拒绝（{message}），内容已保存在本机。',
  'publish.waiting': '有 {count} 份提交等待发送。',
  'inbox.pull': '拉取表单提交',
  'inbox.pulled': '已从收件箱收到 {count} 条新提交',
  'inbox.invalid': '收件箱中有 {count} 条提交无效，未保存：{details}',
  'inbox.failed': '无法拉取收件箱 {url}：{message}',
} as const;

export type PublishMessageKey = keyof typeof zh;

const en: Record<PublishMessageKey, string> = {
  'publish.loading': 'Loading the form…',
  'publish.loadFailed': 'Could not load the form {src}: {message}',
  'publish.invalidFile': 'The form file is not valid: {details}',
  'publish.noSrc': 'No form file given (the src attribute).',
  'publish.actionInvalid': 'The form’s action “{action}” is not an http(s) address.',
  'publish.actionOrigin': 'Submitting to {origin} is not allowed: it is neither this page’s origin nor listed in allowed-origins.',
  'publish.sending': 'Sending…',
  'publish.sent': 'Sent.',
  'publish.queued': 'Saved on this device; it will be sent when you are back online.',
  'publish.rejected': 'The submission was refused ({message}); it is kept on this device.',
  'publish.waiting': '{count} submission(s) waiting to be sent.',
  'inbox.pull': 'Pull submissions',
  'inbox.pulled': '{count} new submission(s) from the inbox',
  'inbox.invalid': '{count} submission(s) in the inbox are not valid and were not stored: {details}',
  'inbox.failed': 'Could not pull the inbox {url}: {message}',
};

const messages: Record<Locale, Record<PublishMessageKey, string>> = { 'zh-CN': zh, en };

/** A published-form or inbox string in `locale`, placeholders filled (plain text). */
export function tp(locale: Locale, key: PublishMessageKey, params: Record<string, string | number> = {}): string {
  return messages[locale][key].replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}
