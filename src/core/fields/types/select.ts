/**
 * Single select: the record stores a choice id; the choice's label is shown. Input (typed,
 * CSV) may name a choice by id, name or a label in either language.
 */
import { defineFieldType, mismatch } from '../define.js';
import type { OptionSpec, ValueIssue } from '../types.js';
import type { ChoiceDef, FieldDef, Locale } from '../../schema/types.js';
import { isBlank, toHalfWidth } from '../values.js';

export const CHOICES_OPTION: OptionSpec = {
  key: 'choices',
  kind: 'choices',
  required: true,
  labels: { 'zh-CN': '选项', en: 'Choices' },
};

/** Find a choice by id, or by its name / a label (what a CSV or a person would write), ignoring case. */
export function findChoice(field: FieldDef, raw: string): ChoiceDef | undefined {
  const choices = field.options?.choices ?? [];
  const text = toHalfWidth(raw).trim();
  const lower = text.toLowerCase();
  return (
    choices.find((c) => c.id === text) ??
    choices.find((c) => c.name === text || Object.values(c.labels ?? {}).includes(text)) ??
    choices.find((c) => c.name.toLowerCase() === lower || Object.values(c.labels ?? {}).some((l) => l?.toLowerCase() === lower))
  );
}

/** The label of a choice in a locale (its name when there is none); an unknown id as is. */
export function choiceLabel(field: FieldDef, id: string, locale: Locale): string {
  const choice = (field.options?.choices ?? []).find((c) => c.id === id);
  return choice ? (choice.labels?.[locale] ?? choice.name) : id;
}

/** Position in the choice list: choices sort in the order the user designed, not alphabetically. */
export function choiceIndex(field: FieldDef, id: unknown): number {
  const index = (field.options?.choices ?? []).findIndex((c) => c.id === id);
  return index === -1 ? Number.MAX_SAFE_INTEGER : index;
}

/** Unknown choice ids of a stored value, as a schema issue. */
export function unknownChoice(field: FieldDef, ids: readonly string[], indexed: boolean): ValueIssue | null {
  const choices = field.options?.choices ?? [];
  // A field without choices was reported already; every value would be "unknown".
  if (choices.length === 0) return null;
  const known = new Set(choices.map((c) => c.id));
  const bad = ids.find((id) => !known.has(id));
  if (bad === undefined) return null;
  return { key: 'schema.choiceUnknown', params: { value: bad.slice(0, 80), allowed: choices.slice(0, 20).map((c) => c.id).join(', '), ...(indexed ? { index: ids.indexOf(bad) } : {}) } };
}

export const selectType = defineFieldType({
  type: 'select',
  labels: { 'zh-CN': '单选', en: 'Single select' },
  category: 'choice',
  coerce(raw, field) {
    if (isBlank(raw)) return { ok: true, value: null };
    if (typeof raw !== 'string') return { ok: false, issue: { key: 'field.choice' } };
    const choice = findChoice(field, raw);
    return choice ? { ok: true, value: choice.id } : { ok: false, issue: { key: 'field.choice' } };
  },
  checkStored(value, field) {
    if (typeof value !== 'string') return mismatch(field, 'choice id', value);
    return unknownChoice(field, [value], false);
  },
  sortKey: (value, field) => choiceIndex(field, value),
  format: (value, field, { locale }) => (typeof value === 'string' ? choiceLabel(field, value, locale) : ''),
  options: [CHOICES_OPTION],
});
