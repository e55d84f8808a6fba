/**
 * Lifecycle stage fields (生命周期阶段): the facts of the `stage` type the script-tag bundle
 * needs to show, sort and store them — a derived field whose values are stage ids, shown by
 * their zh/en names, sorted in stage order. The last stage the product recorded is stored in
 * the record under the field's id (the stage tracker writes it), so a stored stage id is
 * accepted.
 *
 * How a stage is computed (the `compile` hook, the options schema of the property panel and
 * the `ltc_stage` operation) loads with the designer script, which replaces this definition
 * with the complete one (src/core/lifecycle/stage-field.ts): the bundle budget has no room
 * for it, and an app with a stage field starts the stage tracker there anyway.
 */
import { defineFieldType, mismatch } from '../define.js';
import { LIFECYCLE_STAGES, STAGE_LABELS, isLifecycleStage, type LifecycleStage } from '../../lifecycle/stage.js';


export const stageType = defineFieldType({
  type: 'stage',
  labels: { 'zh-CN': '生命周期阶段', en: 'Lifecycle stage' },
  category: 'computed',
  isDerived: () => true,
  // The stage last recorded (its history and rules build on it) travels with exports.
  keepsStoredValue: true,
  // Stages are computed: typed or imported text is never a stage of its own.
  coerce: (raw) => ({ ok: true, value: isLifecycleStage(raw) ? raw : null }),
  checkStored: (value, field) => (value === null || isLifecycleStage(value) ? null : mismatch(field, 'stage id', value)),
  sortKey: (value) => LIFECYCLE_STAGES.indexOf(value as LifecycleStage),
  format: (value, _field, { locale }) => (isLifecycleStage(value) ? STAGE_LABELS[value][locale] : ''),
  // Filters offer the five stages as choices and views group by them, in stage order.
  choices: () => LIFECYCLE_STAGES.map((id) => ({ id, name: STAGE_LABELS[id]['zh-CN'], labels: STAGE_LABELS[id] })),
});
