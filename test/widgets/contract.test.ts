/**
 * One contract every widget passes — the built-in ones and a site owner's own registered
 * through `registerWidget` — plus table-driven cases for the parsing people rely on
 * (numbers with separators, Chinese dates, phones, emails, percentages, choices).
 */
import { expect } from '@open-wc/testing';
import { html as litHtml } from 'lit';
import '../../widgets/index.js';
import { getWidget, listWidgets, registerWidget } from '../../widgets/registry.js';
import { runWidgetContractTests } from '../../widgets/testing.js';
import { emailWidget } from '../../widgets/email.js';
import type { WidgetDefinition } from '../../widgets/types.js';
import { BUILTIN_FIELD_TYPE_DEFS, checkOptionSpecs, fieldTypeOf } from '../../src/core/fields/index.js';
import { ratingWidget } from './rating-widget.js';
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
  // A recorded lifecycle stage: computed, shown as a chip, never typed.
  stage: 'active',
};

const SAMPLE_FORMULA: FieldDef = { id: 'f', name: '字段', type: 'formula', options: { formula: '1 + 1', resultType: 'number' } };

for (const widget of listWidgets()) {
  if (widget.type === 'formula') runWidgetContractTests(widget, { sample: 2, field: SAMPLE_FORMULA });
  else if (SAMPLE[widget.type] !== undefined) runWidgetContractTests(widget, { sample: SAMPLE[widget.type], field: fieldFor(widget.type) });
}

describe('the contract covers every built-in widget', () => {
  it('has a sample for each', () => {
    for (const type of BUILTIN_FIELD_TYPE_DEFS.map((d) => d.type)) {
      expect(getWidget(type), type).to.exist;
      expect(type === 'formula' || SAMPLE[type] !== undefined, type).to.equal(true);
    }
  });
});

// A site owner's own widget goes through the same contract: the documented example.
registerWidget(ratingWidget);
runWidgetContractTests(ratingWidget, { sample: 4, field: { id: 'r', name: '评分', type: 'rating', options: { max: 5 } } });

describe('runWidgetContractTests', () => {
  it('requires a sample, instead of passing a widget it did not check', () => {
    expect(() => runWidgetContractTests(ratingWidget, {} as never)).to.throw(/sample/);
    expect(() => runWidgetContractTests(ratingWidget, { sample: null })).to.throw(/sample/);
  });
  it('refuses a widget that is not registered', () => {
    expect(() => runWidgetContractTests({ ...ratingWidget, type: 'nope' }, { sample: 1 })).to.throw(/registerWidget/);
  });
});

describe('registerWidget', () => {
  it('refuses definitions that would break the form', () => {
    expect(() => registerWidget({ ...ratingWidget, type: '' })).to.throw(TypeError);
    expect(() => registerWidget({ ...ratingWidget, type: 'rating2', coerce: undefined as never })).to.throw(/coerce/);
    expect(() => registerWidget({ ...ratingWidget, type: 'rating3', renderInput: undefined as never })).to.throw(/renderInput/);
  });

  it('does not silently replace a built-in widget', () => {
    const before = getWidget('money');
    const impostor: WidgetDefinition = { type: 'money', renderInput: () => litHtml`<input id="x" />` };
    expect(() => registerWidget(impostor)).to.throw(/already registered/);
    expect(getWidget('money')).to.equal(before);
    expect(() => registerWidget(ratingWidget)).to.throw(/already registered/);
  });

  it('replaces a widget when asked, keeping the core facts of the type', () => {
    const before = getWidget('email')!;
    try {
      registerWidget({ type: 'email', renderInput: (ctx) => litHtml`<input id=${ctx.id} class="mine" />` }, { replace: true });
      expect(getWidget('email')).to.not.equal(before);
      expect(getWidget('email')!.coerce(' li@example.cn ', fieldFor('email'))).to.deep.equal({ ok: true, value: 'li@example.cn' });
    } finally {
      registerWidget(emailWidget, { replace: true });
    }
  });

  it("registers a new type's facts in core, so imports check its options and values", () => {
    expect(fieldTypeOf('rating').labels.en).to.equal('Rating');
    const field: FieldDef = { id: 'r', name: '评分', type: 'rating', options: { max: 50 } };
    expect(checkOptionSpecs(fieldTypeOf('rating'), field).map((p) => p.key)).to.deep.equal(['max']);
    expect(fieldTypeOf('rating').checkStored('4', field)).to.not.equal(null);
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
    ['phone', '138 0013 8000', '13800138000'],
    ['phone', '138-0013-8000', '13800138000'],
    ['phone', '+86 138 0013 8000', '13800138000'],
    ['phone', '0086 13800138000', '13800138000'],
    ['phone', '+44 20 7946 0958', '+442079460958'],
    ['phone', '010-12345678', '010-12345678'],
    ['phone', '010-8888 6666', '010-88886666'],
    ['phone', '0755 1234 5678', '0755-12345678'],
    ['phone', '12345', 'error'],
    ['phone', '12800138000', 'error'],
    ['phone', '+1 23', 'error'],
    ['phone', '8888 6666', 'error'],
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
