/**
 * The third-party widget of docs/widgets.md, exactly as documented (kept in step by
 * test/widgets/docs.test.ts): a 1–5 star rating registered with its own facts.
 */
import { html } from 'lit';
import type { WidgetDefinition } from '../../widgets/types.js';

export const ratingWidget: WidgetDefinition = {
  type: 'rating',
  labels: { 'zh-CN': '评分', en: 'Rating' },
  category: 'basic',
  coerce: (raw) => {
    if (raw === null || raw === undefined || (typeof raw === 'string' && raw.trim() === '')) return { ok: true, value: null };
    const n = Number(raw);
    return Number.isInteger(n) && n >= 1 && n <= 5 ? { ok: true, value: n } : { ok: false, issue: { key: 'field.number' } };
  },
  checkStored: (value) => (typeof value === 'number' ? null : { key: 'schema.valueType', params: { type: 'rating', expected: 'number', actual: typeof value } }),
  format: (value) => (typeof value === 'number' ? '★'.repeat(value) : ''),
  options: [{ key: 'max', kind: 'integer', min: 1, max: 10, labels: { 'zh-CN': '最多几颗星', en: 'Most stars' } }],
  renderInput: (ctx) =>
    html`<input
      id=${ctx.id}
      type="number"
      min="1"
      max="5"
      .value=${String(ctx.value ?? '')}
      aria-invalid=${ctx.invalid ? 'true' : 'false'}
      @input=${(e: Event) => ctx.onInput((e.target as HTMLInputElement).value)}
    />`,
};
