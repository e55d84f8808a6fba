/**
 * UI strings of the widgets added in issue 12 (rating, tags, member tier, assignee, serial
 * number, created / updated time), zh-CN and en, in the shape of `src/i18n/index.ts`
 * (`tw(locale, key, params)` fills `{name}` placeholders; results are plain text, never
 * HTML). The widgets load with the designer script and the form runtime, not with the
 * script-tag bundle, so their strings stay out of it.
 */
import type { Locale } from '../core/schema/types.js';

const zh = {
  'rating.stars': '{count} 星',
  'rating.clear': '清除评分',
  'tags.add': '添加标签',
  'tags.remove': '移除标签 {tag}',
  'tags.help': '输入后按回车或逗号添加；退格键删除最后一个',
  'tags.list': '已添加的标签',
  'serial.pending': '保存后自动生成',
  'serial.assigned': '自动编号',
  'timestamp.pending': '保存后记录',
  'timestamp.readonly': '系统记录',
  'tier.computed': '按积分自动计算',
};

export type WidgetUiKey = keyof typeof zh;

const en: Record<WidgetUiKey, string> = {
  'rating.stars': '{count} stars',
  'rating.clear': 'Clear rating',
  'tags.add': 'Add tag',
  'tags.remove': 'Remove tag {tag}',
  'tags.help': 'Press Enter or a comma to add; Backspace removes the last one',
  'tags.list': 'Tags added',
  'serial.pending': 'Assigned when saved',
  'serial.assigned': 'Assigned automatically',
  'timestamp.pending': 'Recorded when saved',
  'timestamp.readonly': 'Recorded by the system',
  'tier.computed': 'Computed from points',
};

const tables: Record<Locale, Record<WidgetUiKey, string>> = { 'zh-CN': zh, en };

/** A widget string in `locale`, `{name}` placeholders filled from `params`. */
export function tw(locale: Locale, key: WidgetUiKey, params?: Record<string, string | number>): string {
  const text = tables[locale][key];
  return params ? text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole)) : text;
}
