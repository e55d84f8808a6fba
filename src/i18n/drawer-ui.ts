/**
 * UI strings of the record drawer (`<ltc-record-drawer>`: a record's fields, related records
 * and change history), zh-CN and en, in the shape of `src/i18n/index.ts` (`td(locale, key,
 * params)` fills `{name}` placeholders; results are plain text, never HTML). The drawer
 * loads with the designer script, so its strings stay out of the script-tag bundle.
 */
import type { Locale } from '../core/schema/types.js';

const zh = {
  'drawer.close': '关闭',
  'drawer.back': '返回 {name}',
  'drawer.previous': '上一条',
  'drawer.next': '下一条',
  'drawer.fields': '字段',
  'drawer.missing': '这条记录已不存在（可能已在别处删除）。',
  'drawer.related': '{table}（{count}）',
  'drawer.relatedNone': '没有关联记录',
  'drawer.showMore': '再显示 {count} 条（共 {total} 条）',
  'drawer.open': '打开 {name}',
  'drawer.history': '修改记录',
  'drawer.historyNone': '还没有修改记录',
  'drawer.historyOlder': '更早的记录',
  'drawer.historyLoading': '正在读取修改记录…',
  'drawer.by': '由 {who}',
  'drawer.kind.created': '创建',
  'drawer.kind.updated': '修改',
  'drawer.kind.deleted': '删除',
  'drawer.origin.user': '用户',
  'drawer.origin.import': '导入',
  'drawer.origin.template': '模板',
  'drawer.origin.rule': '规则',
  'drawer.origin.sync': '同步',
  'drawer.origin.tab': '另一个窗口（{who}）',
  'drawer.blank': '（空）',
  'drawer.change': '{field}：{before} → {after}',
  'drawer.value': '{field}：{value}',
  // Lifecycle stage moves recorded by the stage tracker (src/runtime/stage-tracker.ts).
  'drawer.origin.lifecycle': '生命周期阶段',
  'drawer.stage.first': '首次记录阶段',
  'drawer.stage.silent': '超过 {days} 天没有计入的订单（{day}）',
  'drawer.stage.day': '按 {day} 重新计算',
  'drawer.stage.records': '计入的订单 {count} 笔，最近一笔在 {last}',
  'drawer.stage.recordsNone': '没有计入的订单',
};

export type DrawerUiKey = keyof typeof zh;

const en: Record<DrawerUiKey, string> = {
  'drawer.close': 'Close',
  'drawer.back': 'Back to {name}',
  'drawer.previous': 'Previous',
  'drawer.next': 'Next',
  'drawer.fields': 'Fields',
  'drawer.missing': 'This record no longer exists (it may have been deleted elsewhere).',
  'drawer.related': '{table} ({count})',
  'drawer.relatedNone': 'No related records',
  'drawer.showMore': 'Show {count} more (of {total})',
  'drawer.open': 'Open {name}',
  'drawer.history': 'History',
  'drawer.historyNone': 'No changes yet',
  'drawer.historyOlder': 'Older changes',
  'drawer.historyLoading': 'Reading the history…',
  'drawer.by': 'by {who}',
  'drawer.kind.created': 'Created',
  'drawer.kind.updated': 'Changed',
  'drawer.kind.deleted': 'Deleted',
  'drawer.origin.user': 'a user',
  'drawer.origin.import': 'an import',
  'drawer.origin.template': 'the template',
  'drawer.origin.rule': 'a rule',
  'drawer.origin.sync': 'sync',
  'drawer.origin.tab': 'another tab ({who})',
  'drawer.blank': '(empty)',
  'drawer.change': '{field}: {before} → {after}',
  'drawer.value': '{field}: {value}',
  'drawer.origin.lifecycle': 'lifecycle stages',
  'drawer.stage.first': 'stage recorded for the first time',
  'drawer.stage.silent': 'more than {days} days without a counted order ({day})',
  'drawer.stage.day': 'recomputed for {day}',
  'drawer.stage.records': '{count} counted orders, the latest on {last}',
  'drawer.stage.recordsNone': 'no counted orders',
};

const tables: Record<Locale, Record<DrawerUiKey, string>> = { 'zh-CN': zh, en };

/** Translate a drawer string into `locale`, filling `{param}` placeholders. */
export function td(locale: Locale, key: DrawerUiKey, params?: Record<string, string | number>): string {
  const template = tables[locale]?.[key] ?? tables.en[key] ?? key;
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.prototype.hasOwnProperty.call(params, name) ? String(params[name]) : whole,
  );
}
