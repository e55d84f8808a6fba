// The four LTV presets of DOMAIN.md give exactly the worked examples' numbers.
import { expect } from '@open-wc/testing';
import { compileFormula, evaluateFormula, type FormulaScope } from '../../../src/core/formula/index.js';
import { LTV_PRESETS, buildLtvFormula, ltvPreset } from '../../../src/core/lifecycle/presets.js';

const EXPECTED: Record<string, number> = { 'retention-weighted': 320, 'net-of-costs': 1000, 'net-of-acquisition': 1050, profit: 360 };

describe('LTV presets', () => {
  it('ships the four presets with labels in both locales', () => {
    expect(LTV_PRESETS.map((p) => p.id)).to.deep.equal(['retention-weighted', 'net-of-costs', 'net-of-acquisition', 'profit']);
    for (const p of LTV_PRESETS) {
      expect(p.labels['zh-CN'] && p.labels.en, p.id).to.be.ok;
      for (const i of p.inputs) expect(i.labels['zh-CN'] && i.labels.en, `${p.id}.${i.id}`).to.be.ok;
    }
  });

  for (const preset of LTV_PRESETS) {
    it(`${preset.id}: the worked example gives exactly ¥${EXPECTED[preset.id]}`, () => {
      // Each input mapped onto a field named as the preset suggests (zh-CN), as a user would.
      const fields = preset.inputs.map((i) => ({ id: i.id, name: i.suggestedField['zh-CN'], type: i.kind }));
      const scope: FormulaScope = { fields };
      const mapping = Object.fromEntries(preset.inputs.map((i) => [i.id, `{${i.suggestedField['zh-CN']}}`]));
      const source = buildLtvFormula(preset.id, mapping);
      const compiled = compileFormula(source, scope);
      expect(compiled.type).to.equal('money');
      const result = evaluateFormula(compiled, preset.example.values);
      expect(result).to.equal(EXPECTED[preset.id]);
      expect(result).to.equal(preset.example.result);
    });
  }

  it('produces editable source and accepts rollup expressions as inputs', () => {
    expect(
      buildLtvFormula('retention-weighted', {
        purchaseFrequency: '{购买频次}',
        averageOrderValue: '{平均客单价}',
        retentionRate: '{客户保持率}',
      }),
    ).to.equal('{购买频次} * {平均客单价} * {客户保持率}');
    const source = buildLtvFormula('net-of-acquisition', {
      averageOrderValue: 'AVERAGE({订单.金额})',
      purchaseFrequency: 'COUNT({订单.金额}) / {关系时长}',
      relationshipYears: '{关系时长}',
      acquisitionCost: '{获客成本}',
    });
    expect(source).to.equal('AVERAGE({订单.金额}) * (COUNT({订单.金额}) / {关系时长}) * {关系时长} - {获客成本}');
    const scope: FormulaScope = {
      fields: [
        { id: 'years', name: '关系时长', type: 'number' },
        { id: 'cac', name: '获客成本', type: 'money' },
        { id: 'orders', name: '订单', type: 'relation', fields: [{ id: 'amount', name: '金额', type: 'money' }] },
      ],
    };
    const orders = Array.from({ length: 12 }, () => ({ amount: 100 }));
    // 12 orders over 3 years = 4/yr at ¥100 for 3 years, minus ¥150.
    expect(evaluateFormula(compileFormula(source, scope), { years: 3, cac: 150, orders })).to.equal(1050);
    expect(buildLtvFormula('profit', { averageOrderValue: '(1+2)', purchaseFrequency: '-{a}', lifespanYears: '(1)+(2)', profitMargin: '30%' })).to.equal(
      '(1+2) * (-{a}) * ((1)+(2)) * 30%',
    );
  });

  it('refuses unknown presets and unmapped inputs', () => {
    expect(() => buildLtvFormula('nope', {})).to.throw(RangeError);
    expect(() => buildLtvFormula('profit', { averageOrderValue: '{a}' })).to.throw(RangeError, /purchaseFrequency/);
    expect(ltvPreset('profit')!.inputs.map((i) => i.kind)).to.deep.equal(['money', 'number', 'number', 'percent']);
  });
});
