/**
 * The rules' run log: one record per rule execution in a system table of the app
 * (`ltc_rule_runs`), so a run is written in the same store transaction as its actions,
 * exported with the app, and readable with the table machinery (filter, sort, CSV).
 *
 * Run ids are deterministic — a hash of the rule, the record and the occurrence — so the
 * create of a run that another tab (or an earlier page, before a reload) already wrote fails
 * the whole transaction with `store.duplicateId`: that is what makes an occurrence fire
 * exactly once, without trusting any lock.
 *
 * Each rule also has a cursor record (`cursor_<ruleId>`): the instant up to which its
 * time-based occurrences have been handled, so the next open catches up from there.
 */
import type { AppDef, FieldDef, TableDef } from '../../core/schema/types.js';
import { stableHash } from '../../core/rules/variants.js';

export const RUN_TABLE_ID = 'ltc_rule_runs';

export type RunStatus = 'ok' | 'partial' | 'error' | 'stopped' | 'skipped';

const text = (id: string, zh: string, en: string): FieldDef => ({ id, name: id, type: 'text', labels: { 'zh-CN': zh, en } });

/** The run log table's definition. */
export function runLogTable(): TableDef {
  return {
    id: RUN_TABLE_ID,
    name: 'ltc_rule_runs',
    labels: { 'zh-CN': '规则运行记录', en: 'Rule runs' },
    system: 'rule-runs',
    primaryFieldId: 'rule',
    fields: [
      text('rule', '规则', 'Rule'),
      text('table', '数据表', 'Table'),
      text('record', '记录', 'Record'),
      text('trigger', '触发', 'Trigger'),
      text('occurrence', '触发时刻', 'Occurrence'),
      text('variant', '变体', 'Variant'),
      {
        id: 'status',
        name: 'status',
        type: 'select',
        labels: { 'zh-CN': '结果', en: 'Result' },
        options: {
          choices: [
            { id: 'ok', name: 'ok', labels: { 'zh-CN': '成功', en: 'Done' } },
            { id: 'partial', name: 'partial', labels: { 'zh-CN': '部分失败', en: 'Partly failed' } },
            { id: 'error', name: 'error', labels: { 'zh-CN': '失败', en: 'Failed' } },
            { id: 'stopped', name: 'stopped', labels: { 'zh-CN': '已中止（循环）', en: 'Stopped (loop)' } },
            { id: 'skipped', name: 'skipped', labels: { 'zh-CN': '已跳过', en: 'Skipped' } },
          ],
        },
      },
      { id: 'at', name: 'at', type: 'datetime', labels: { 'zh-CN': '运行时间', en: 'Ran at' } },
      { id: 'depth', name: 'depth', type: 'number', labels: { 'zh-CN': '链深度', en: 'Chain depth' } },
      text('inputs', '输入', 'Inputs'),
      text('steps', '动作', 'Actions'),
      text('error', '错误', 'Error'),
    ],
  };
}

/** The app with its run log table (added once; a stored one is kept as it is). */
export function withRunLog(app: AppDef): AppDef {
  if (app.tables.some((table) => table.id === RUN_TABLE_ID)) return app;
  return { ...app, tables: [...app.tables, runLogTable()] };
}

/** The id of a rule's run for a record and an occurrence (a time key, or a record version for event triggers). */
export function runId(ruleId: string, recordId: string, occurrence: string): string {
  return `run_${stableHash(`${ruleId}\u0000${recordId}\u0000${occurrence}`)}`;
}

export function cursorId(ruleId: string): string {
  return `cursor_${ruleId}`;
}
