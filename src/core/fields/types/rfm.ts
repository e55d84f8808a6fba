/**
 * RFM fields (RFM 客户分层): the facts of the `rfm` type — a derived field whose value is a
 * choice id: one of the eight segments (重要价值客户 … 一般挽留客户), or a recency, frequency
 * or monetary score '1' … '5' (`options.rfmOutput`). Filters offer the choices, views group by
 * them, rules compare them like any choice (src/core/lifecycle/rfm.ts says how scores and
 * segments are made).
 *
 * How a value is computed (`compile`, options, the `ltc_rfm` operation) is in
 * src/core/lifecycle/predict-fields.ts, loaded with the designer script.
 */
import { defineFieldType } from '../define.js';
import { rfmChoices, rfmSegmentLabel } from '../../lifecycle/rfm.js';
import type { FieldDef } from '../../schema/types.js';

const choicesOf = (field: FieldDef) => rfmChoices(field.options?.rfmOutput ?? 'segment');

export const rfmType = defineFieldType({
  type: 'rfm',
  labels: { 'zh-CN': 'RFM 分层', en: 'RFM segment' },
  category: 'computed',
  isDerived: () => true,
  coerce: () => ({ ok: true, value: null }),
  checkStored: () => null,
  sortKey: (value, field) => choicesOf(field).findIndex((c) => c.id === value),
  format: (value, field, { locale }) => ((field.options?.rfmOutput ?? 'segment') === 'segment' ? rfmSegmentLabel(value, locale) : typeof value === 'string' ? value : ''),
  choices: choicesOf,
});
