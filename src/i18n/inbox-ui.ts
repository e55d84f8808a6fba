/**
 * UI strings of the workspace's inbox of published forms' submissions (src/forms/inbox.ts;
 * zh-CN and en), in the shape of `src/i18n/index.ts` (`ti(locale, key, params)`; plain text,
 * never HTML). They load with the designer script.
 */
import type { Locale } from '../core/schema/types.js';

const zh = {
  'inbox.pull': '拉取表单提交',
  'inbox.pulled': '已从收件箱收到 {count} 条新提交',
  'inbox.invalid': '收件箱中有 {count} 条提交无效，未保存：{details}',
  'inbox.failed': '无法拉取收件箱 {url}：{message}',
} as const;

export type InboxMessageKey = keyof typeof zh;

const en: Record<InboxMessageKey, string> = {
  'inbox.pull': 'Pull submissions',
  'inbox.pulled': '{count} new submission(s) from the inbox',
  'inbox.invalid': '{count} submission(s) in the inbox are not valid and were not stored: {details}',
  'inbox.failed': 'Could not pull the inbox {url}: {message}',
};

const messages: Record<Locale, Record<InboxMessageKey, string>> = { 'zh-CN': zh, en };

/** An inbox string in `locale`, placeholders filled (plain text). */
export function ti(locale: Locale, key: InboxMessageKey, params: Record<string, string | number> = {}): string {
  return messages[locale][key].replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}
