/**
 * Member tiers (会员等级): ordered levels (`options.levels`, lowest first: 普通 → 银卡 → 金卡),
 * each with an id, a name, labels, a colour and the least points it needs. A tier field either
 * stores a level id (chosen by hand) or, with `options.pointsField`, is computed from a points
 * field of the same table: the highest level whose `minPoints` the points reach. Computed, it
 * is derived and read-only, and the formula graph recomputes it through `compile` when the
 * points change (like lifecycle stages; see docs/field-types.md).
 */
import { defineFieldType, mismatch } from '../define.js';
import type { CoerceResult, DerivedLogic } from '../types.js';
import type { ChoiceDef, FieldDef, Locale, TierLevel } from '../../schema/types.js';
import { isBlank, toHalfWidth } from '../values.js';

/** A tier field's levels, in order (lowest first). */
export function tierLevels(field: FieldDef): readonly TierLevel[] {
  return Array.isArray(field.options?.levels) ? field.options.levels : [];
}

/** Whether a tier field is computed from points (and so read-only). */
export function isComputedTier(field: FieldDef): boolean {
  return typeof field.options?.pointsField === 'string' && field.options.pointsField !== '';
}

/** A level by id, name or a label in either language (any case), as a person or a CSV writes it. */
export function findLevel(field: FieldDef, raw: string): TierLevel | undefined {
  const text = toHalfWidth(raw).trim();
  const lower = text.toLowerCase();
  const levels = tierLevels(field);
  return (
    levels.find((level) => level.id === text) ??
    levels.find((level) => level.name.toLowerCase() === lower || Object.values(level.labels ?? {}).some((label) => label?.toLowerCase() === lower))
  );
}

/** The label of a level in a locale (its name without one); an unknown id as is. */
export function levelLabel(field: FieldDef, id: string, locale: Locale): string {
  const level = tierLevels(field).find((l) => l.id === id);
  return level ? (level.labels?.[locale] ?? level.name) : id;
}

/**
 * The level points reach: the highest whose `minPoints` is at most `points` (levels without
 * `minPoints` are never reached by points). Null for blank or non-numeric points.
 */
export function tierForPoints(field: FieldDef, points: unknown): string | null {
  if (typeof points !== 'number' || !Number.isFinite(points)) return null;
  let found: string | null = null;
  let best = -Infinity;
  for (const level of tierLevels(field)) {
    if (typeof level.minPoints === 'number' && level.minPoints <= points && level.minPoints >= best) {
      best = level.minPoints;
      found = level.id;
    }
  }
  return found;
}

/**
 * JSON Logic of a computed tier: levels by `minPoints`, highest first, in one `if` chain over
 * the points field; blank points (null, text) give no tier. Standard operations only, so any
 * JSON Logic evaluator computes the same level.
 */
export function tierLogic(field: FieldDef): unknown {
  const points = { var: field.options?.pointsField };
  const ranked = tierLevels(field)
    .filter((level) => typeof level.minPoints === 'number')
    .map((level, index) => ({ level, index }))
    .sort((a, b) => b.level.minPoints! - a.level.minPoints! || b.index - a.index);
  // Blank points reach no level (`null >= 0` is true in JavaScript).
  const chain: unknown[] = [{ or: [{ '==': [points, null] }, { '==': [points, ''] }] }, null];
  for (const { level } of ranked) chain.push({ '>=': [points, level.minPoints] }, level.id);
  chain.push(null);
  return { if: chain };
}

export const tierType = defineFieldType({
  type: 'tier',
  labels: { 'zh-CN': '会员等级', en: 'Member tier' },
  category: 'choice',
  icon: 'M4 18h16v2H4zm0-2l2-9 4 4 2-6 2 6 4-4 2 9z',
  isDerived: (field) => isComputedTier(field),
  coerce(raw, field): CoerceResult {
    // A computed tier is never typed or imported: it follows its points.
    if (isComputedTier(field) || isBlank(raw)) return { ok: true, value: null };
    if (typeof raw !== 'string') return { ok: false, issue: { key: 'field.choice' } };
    const level = findLevel(field, raw);
    return level ? { ok: true, value: level.id } : { ok: false, issue: { key: 'field.choice' } };
  },
  checkStored(value, field) {
    if (isComputedTier(field)) return { key: 'schema.derivedStored', params: { field: field.name, kind: 'tier' } };
    if (typeof value !== 'string') return mismatch(field, 'level id', value);
    const levels = tierLevels(field);
    if (levels.length === 0 || levels.some((level) => level.id === value)) return null;
    return { key: 'schema.choiceUnknown', params: { value: value.slice(0, 80), allowed: levels.slice(0, 20).map((l) => l.id).join(', ') } };
  },
  validate: (value, field) => (typeof value === 'string' && tierLevels(field).some((level) => level.id === value) ? null : { key: 'field.choice' }),
  // Levels sort in their order (lowest first), not alphabetically.
  sortKey: (value, field) => {
    const index = tierLevels(field).findIndex((level) => level.id === value);
    return index === -1 ? Number.MAX_SAFE_INTEGER : index;
  },
  format: (value, field, { locale }) => (typeof value === 'string' ? levelLabel(field, value, locale) : ''),
  choices: (field): readonly ChoiceDef[] => tierLevels(field).map((level) => ({ id: level.id, name: level.name, ...(level.labels ? { labels: level.labels } : {}), ...(level.color ? { color: level.color } : {}) })),
  compile(field): DerivedLogic | undefined {
    if (!isComputedTier(field)) return undefined;
    return { logic: tierLogic(field), refs: [{ fieldId: field.options!.pointsField! }], volatile: false };
  },
  options: [
    { key: 'levels', kind: 'json', required: true, labels: { 'zh-CN': '等级（从低到高）', en: 'Levels (lowest first)' } },
    {
      key: 'pointsField',
      kind: 'field',
      labels: { 'zh-CN': '按积分字段计算', en: 'Computed from points field' },
      help: { 'zh-CN': '设置后等级由积分自动得出，不能手动修改', en: 'When set, the level follows the points and cannot be edited' },
    },
  ],
});
