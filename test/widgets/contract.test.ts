/**
 * One contract every widget passes — the built-in ones and a site owner's own registered
 * through `registerWidget` — plus table-driven cases for the parsing people rely on
 * (numbers with separators, Chinese dates, phones, emails, percentages, choices).
 */
import { expect, fixture, html } from '@open-wc/testing';
import { render, html as litHtml } from 'lit';
import '../../widgets/index.js';
import { getWidget, listWidgets, registerWidget } from '../../widgets/registry.js';
import type { WidgetDefinition } from '../../widgets/types.js';
import type { CellValue, FieldDef } from '../../src/core/schema/types.js';

const choices = [
  { id: 'gold', name: '黄金', labels: { 'zh-CN': '黄金', en: 'Gold' }, color: '#d4a017' },
  { id: 'silver', name: '白银', labels: { 'zh-CN': '白银', en: 'Silver' } },
];

/** A field of the widget's type with the options it needs. */
function fieldFor(type: string): FieldDef {
  return { id: 'f', name: '字段', type, options: { choices, table: 'customers', currency: 'CNY' } };
}

/** A valid stored value per built-in type, for round trips. */
const SAMPLE: Record<string, CellValue> = {
  text: '张三',
  textarea: '第一行\n第二行',
  number: 1234.5,
  money: 99.9,
  percent: 0.8,
  date: '2024-03-05',
  datetime: '2024-03-05T06:30:00.000Z',
  select: 'gold',
  multiselect: ['gold', 'silver'],
  checkbox: true,
  phone: '13800138000',
  email: 'a@example.com',
  relation: 'c001',
};

/** The contract, run for one widget. */
function contract(widget: WidgetDefinition): void {
  describe(`widget contract: ${widget.type}`, () => {
    const field = fieldFor(widget.type);

    it('has labels in both languages and a category', () => {
      expect(widget.labels['zh-CN']).to.be.a('string').and.not.empty;
      expect(widget.labels.en).to.be.a('string').and.not.empty;
      expect(['basic', 'choice', 'datetime', 'relation', 'computed']).to.include(widget.category);
    });

    it('turns blank input into a blank value and formats blanks as empty text', () => {
      for (const blank of [null, undefined, '', '   ']) {
        const result = widget.coerce(blank, field);
        expect(result.ok, String(blank)).to.equal(true);
        if (result.ok) expect([null, false]).to.include(result.value);
      }
      expect(widget.format(null, field, { locale: 'en' })).to.equal('');
    });

    it('keeps a stored value through coerce (JSON import) and formats it as text', () => {
      if (!widget.isEditable(field)) return;
      const sample = SAMPLE[widget.type];
      if (sample === undefined) return;
      const result = widget.coerce(sample, field);
      expect(result.ok).to.equal(true);
      if (result.ok) expect(result.value).to.deep.equal(sample);
      expect(widget.format(sample, field, { locale: 'zh-CN' })).to.be.a('string').and.not.empty;
    });

    it('renders a labelled control with the given id that reports input', async () => {
      let received: unknown;
      const host = await fixture<HTMLElement>(html`<div></div>`);
      render(
        litHtml`<label for="w1">字段</label>${widget.renderInput({
          id: 'w1',
          field,
          value: SAMPLE[widget.type] ?? null,
          locale: 'zh-CN',
          invalid: false,
          onInput: (raw) => (received = raw),
          relationOptions: [{ id: 'c001', label: '张三' }],
        })}`,
        host,
      );
      const control = host.querySelector('#w1');
      expect(control, 'control with the id').to.exist;
      if (widget.isEditable(field)) {
        const input = host.querySelector<HTMLInputElement>('input, select, textarea');
        expect(input).to.exist;
        input!.dispatchEvent(new Event(input!.type === 'checkbox' || input!.tagName === 'SELECT' ? 'change' : 'input'));
        expect(received, 'onInput called').to.not.equal(undefined);
      }
      await expect(host).to.be.accessible();
    });

    it('never renders a value as HTML', async () => {
      const hostile = '<img src=x onerror="window.__pwned=1">';
      const host = await fixture<HTMLElement>(html`<div></div>`);
      render(
        litHtml`${widget.renderInput({ id: 'w2', field, value: hostile, locale: 'en', invalid: false, onInput: () => {} })}
          <span>${widget.format(hostile as CellValue, field, { locale: 'en' })}</span>
          ${widget.renderCell ? widget.renderCell(hostile as CellValue, field, { locale: 'en' }) : ''}`,
        host,
      );
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(host.querySelector('img')).to.equal(null);
      expect((window as { __pwned?: number }).__pwned).to.equal(undefined);
    });
  });
}

for (const widget of listWidgets()) contract(widget);

// A site owner's own widget goes through the same contract.
const rating: WidgetDefinition = {
  type: 'rating',
  labels: { 'zh-CN': '评分', en: 'Rating' },
  category: 'basic',
  isEditable: () => true,
  coerce: (raw) => {
    if (raw === null || raw === undefined || (typeof raw === 'string' && raw.trim() === '')) return { ok: true, value: null };
    const n = Number(raw);
    return Number.isInteger(n) && n >= 1 && n <= 5 ? { ok: true, value: n } : { ok: false, issue: { key: 'field.number' } };
  },
  format: (value) => (typeof value === 'number' ? '★'.repeat(value) : ''),
  renderInput: (ctx) =>
    litHtml`<input id=${ctx.id} type="number" min="1" max="5" .value=${String(ctx.value ?? '')} @input=${(e: Event) => ctx.onInput((e.target as HTMLInputElement).value)} />`,
};
registerWidget(rating);
SAMPLE.rating = 4;
contract(getWidget('rating')!);

describe('registerWidget', () => {
  it('refuses definitions that would break the form', () => {
    expect(() => registerWidget({ ...rating, type: '' })).to.throw(TypeError);
    expect(() => registerWidget({ ...rating, coerce: undefined as never })).to.throw(/coerce/);
  });
});

describe('what people type', () => {
  const cases: Array<[string, unknown, CellValue | 'error']> = [
    ['number', '1,234.5', 1234.5],
    ['number', '１２３', 123],
    ['number', '¥ 99', 99],
    ['number', '12abc', 'error'],
    ['number', '1e3', 1000],
    ['money', '￥1,000.50', 1000.5],
    ['percent', '80', 0.8],
    ['percent', '80%', 0.8],
    ['percent', '12.5%', 0.125],
    ['percent', 0.35, 0.35],
    ['percent', 'abc', 'error'],
    ['date', '2024/3/5', '2024-03-05'],
    ['date', '2024年3月5日', '2024-03-05'],
    ['date', '2024.03.05', '2024-03-05'],
    ['date', '2024-02-30', 'error'],
    ['date', '2023-02-29', 'error'],
    ['date', '2024-02-29', '2024-02-29'],
    ['date', '05/03/2024', 'error'],
    ['phone', '138 0013 8000', '138 0013 8000'],
    ['phone', '12800138000', 'error'],
    ['phone', '+86 138 0013 8000', '+86 138 0013 8000'],
    ['phone', '010-8888 6666', '010-8888 6666'],
    ['phone', 'call me', 'error'],
    ['email', ' li@example.cn ', 'li@example.cn'],
    ['email', 'li@localhost', 'error'],
    ['email', 'no-at-sign.com', 'error'],
    ['select', '黄金', 'gold'],
    ['select', 'Gold', 'gold'],
    ['select', 'gold', 'gold'],
    ['select', '青铜', 'error'],
    ['multiselect', '白银，黄金', ['gold', 'silver']],
    ['multiselect', '黄金、黄金', ['gold']],
    ['checkbox', '是', true],
    ['checkbox', '否', false],
    ['checkbox', 'maybe', 'error'],
  ];
  for (const [type, raw, expected] of cases) {
    it(`${type}: ${JSON.stringify(raw)} → ${JSON.stringify(expected)}`, () => {
      const widget = getWidget(type)!;
      const result = widget.coerce(raw, fieldFor(type));
      if (expected === 'error') expect(result.ok).to.equal(false);
      else {
        expect(result.ok).to.equal(true);
        if (result.ok) expect(result.value).to.deep.equal(expected);
      }
    });
  }

  it('checks number bounds and text length on stored values', () => {
    const number = getWidget('number')!;
    const bounded: FieldDef = { id: 'n', name: 'n', type: 'number', options: { min: 0, max: 10 } };
    expect(number.validate!(11, bounded)?.key).to.equal('field.max');
    expect(number.validate!(-1, bounded)?.key).to.equal('field.min');
    expect(number.validate!(5, bounded)).to.equal(null);
    const text = getWidget('text')!;
    expect(text.validate!('一二三四', { id: 't', name: 't', type: 'text', options: { maxLength: 3 } })?.key).to.equal('field.maxLength');
  });

  it('formats money, percent and choices for each language', () => {
    expect(getWidget('money')!.format(1234.5, fieldFor('money'), { locale: 'zh-CN' })).to.equal('¥1,234.50');
    expect(getWidget('percent')!.format(0.805, fieldFor('percent'), { locale: 'en' })).to.equal('80.5%');
    expect(getWidget('select')!.format('gold', fieldFor('select'), { locale: 'en' })).to.equal('Gold');
    expect(getWidget('select')!.format('gold', fieldFor('select'), { locale: 'zh-CN' })).to.equal('黄金');
  });
});
