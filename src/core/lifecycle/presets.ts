/**
 * LTV formula presets (the four ways of DOMAIN.md). A preset is data: labels, the inputs
 * the user maps onto fields (or rollups of orders), a formula template and its worked
 * example. `buildLtvFormula` turns a preset and a mapping into ordinary formula source,
 * which the user can go on editing like any other formula.
 */
import type { Locale } from '../schema/types.js';
import { parseFormula } from '../formula/parser.js';

/** Ids of the shipped LTV presets. */
export type LtvPresetId = 'retention-weighted' | 'net-of-costs' | 'net-of-acquisition' | 'profit';

/** One input of a preset. */
export interface LtvPresetInput {
  id: string;
  labels: Record<Locale, string>;
  /** What the mapped field or expression should hold. */
  kind: 'money' | 'number' | 'percent';
  /** A field name that usually holds it, offered as the default mapping. */
  suggestedField: Record<Locale, string>;
}

/** One LTV preset. */
export interface LtvPreset {
  id: LtvPresetId;
  labels: Record<Locale, string>;
  descriptions: Record<Locale, string>;
  inputs: LtvPresetInput[];
  /** Formula source with `[[inputId]]` placeholders. */
  template: string;
  /** DOMAIN.md's worked example: input values and the exact result. */
  example: { values: Record<string, number>; result: number };
}

const AOV: LtvPresetInput = {
  id: 'averageOrderValue',
  labels: { 'zh-CN': '平均客单价', en: 'Average order value' },
  kind: 'money',
  suggestedField: { 'zh-CN': '平均客单价', en: 'Average order value' },
};
const FREQUENCY: LtvPresetInput = {
  id: 'purchaseFrequency',
  labels: { 'zh-CN': '购买频次（次/年）', en: 'Purchase frequency (orders/year)' },
  kind: 'number',
  suggestedField: { 'zh-CN': '购买频次', en: 'Purchase frequency' },
};
const RETENTION: LtvPresetInput = {
  id: 'retentionRate',
  labels: { 'zh-CN': '客户保持率', en: 'Retention rate' },
  kind: 'percent',
  suggestedField: { 'zh-CN': '客户保持率', en: 'Retention rate' },
};
const LENGTH: LtvPresetInput = {
  id: 'relationshipYears',
  labels: { 'zh-CN': '关系时长（年）', en: 'Relationship length (years)' },
  kind: 'number',
  suggestedField: { 'zh-CN': '关系时长', en: 'Relationship length' },
};
const LIFESPAN: LtvPresetInput = {
  id: 'lifespanYears',
  labels: { 'zh-CN': '客户生命周期（年）', en: 'Customer lifespan (years)' },
  kind: 'number',
  suggestedField: { 'zh-CN': '客户生命周期', en: 'Customer lifespan' },
};
const ACQUISITION: LtvPresetInput = {
  id: 'acquisitionCost',
  labels: { 'zh-CN': '获客成本', en: 'Acquisition cost' },
  kind: 'money',
  suggestedField: { 'zh-CN': '获客成本', en: 'Acquisition cost' },
};
const RETENTION_COST: LtvPresetInput = {
  id: 'retentionCost',
  labels: { 'zh-CN': '留存成本', en: 'Retention cost' },
  kind: 'money',
  suggestedField: { 'zh-CN': '留存成本', en: 'Retention cost' },
};
const MARGIN: LtvPresetInput = {
  id: 'profitMargin',
  labels: { 'zh-CN': '利润率', en: 'Profit margin' },
  kind: 'percent',
  suggestedField: { 'zh-CN': '利润率', en: 'Profit margin' },
};

/** The four LTV presets of DOMAIN.md. */
export const LTV_PRESETS: readonly LtvPreset[] = [
  {
    id: 'retention-weighted',
    labels: { 'zh-CN': '留存加权 LTV', en: 'Retention-weighted LTV' },
    descriptions: { 'zh-CN': '购买频次 × 平均客单价 × 客户保持率', en: 'Purchase frequency × average order value × retention rate' },
    inputs: [FREQUENCY, AOV, RETENTION],
    template: '[[purchaseFrequency]] * [[averageOrderValue]] * [[retentionRate]]',
    example: { values: { purchaseFrequency: 4, averageOrderValue: 100, retentionRate: 0.8 }, result: 320 },
  },
  {
    id: 'net-of-costs',
    labels: { 'zh-CN': '扣除成本 LTV', en: 'LTV net of costs' },
    descriptions: {
      'zh-CN': '（平均客单价 × 购买频次 × 关系时长）−（获客成本 + 留存成本）',
      en: '(average order value × purchase frequency × relationship length) − (acquisition cost + retention cost)',
    },
    inputs: [AOV, FREQUENCY, LENGTH, ACQUISITION, RETENTION_COST],
    template: '([[averageOrderValue]] * [[purchaseFrequency]] * [[relationshipYears]]) - ([[acquisitionCost]] + [[retentionCost]])',
    example: {
      values: { averageOrderValue: 100, purchaseFrequency: 4, relationshipYears: 3, acquisitionCost: 150, retentionCost: 50 },
      result: 1000,
    },
  },
  {
    id: 'net-of-acquisition',
    labels: { 'zh-CN': '扣除获客成本 LTV', en: 'LTV net of acquisition cost' },
    descriptions: {
      'zh-CN': '平均客单价 × 购买频次 × 关系时长 − 获客成本',
      en: 'Average order value × purchase frequency × relationship length − acquisition cost',
    },
    inputs: [AOV, FREQUENCY, LENGTH, ACQUISITION],
    template: '[[averageOrderValue]] * [[purchaseFrequency]] * [[relationshipYears]] - [[acquisitionCost]]',
    example: { values: { averageOrderValue: 100, purchaseFrequency: 4, relationshipYears: 3, acquisitionCost: 150 }, result: 1050 },
  },
  {
    id: 'profit',
    labels: { 'zh-CN': '利润 LTV', en: 'Profit LTV' },
    descriptions: {
      'zh-CN': '平均客单价 × 购买频次 × 客户生命周期 × 利润率',
      en: 'Average order value × purchase frequency × customer lifespan × profit margin',
    },
    inputs: [AOV, FREQUENCY, LIFESPAN, MARGIN],
    template: '[[averageOrderValue]] * [[purchaseFrequency]] * [[lifespanYears]] * [[profitMargin]]',
    example: { values: { averageOrderValue: 100, purchaseFrequency: 4, lifespanYears: 3, profitMargin: 0.3 }, result: 360 },
  },
];

/** A preset by id, or undefined. */
export function ltvPreset(id: string): LtvPreset | undefined {
  return LTV_PRESETS.find((p) => p.id === id);
}

/**
 * Whether a mapped expression can stand next to `*` and `-` without parentheses: a field
 * reference, number, text, function call or percentage. Anything else (a sum, a product,
 * a negation, or text that does not parse) is wrapped in parentheses, so the preset's
 * arithmetic means what its template says.
 */
function isAtom(expression: string): boolean {
  try {
    const node = parseFormula(expression);
    // A parenthesised node's range includes its parentheses, so "(a + b)" starts before
    // its left operand while "(a) + (b)" does not.
    if (node.type === 'binary') return node.left.start > node.start;
    if (node.type === 'unary') return expression[node.start] === '(';
    return true;
  } catch {
    return false;
  }
}

/**
 * Builds formula source from a preset and a mapping of each input id to a field reference
 * (`{平均客单价}`) or any expression (`AVERAGE({订单.金额})`).
 * @throws RangeError for an unknown preset or an unmapped input (a programming error).
 */
export function buildLtvFormula(presetId: string, mapping: Readonly<Record<string, string>>): string {
  const preset = ltvPreset(presetId);
  if (!preset) throw new RangeError(`Unknown LTV preset: ${presetId}`);
  return preset.template.replace(/\[\[(\w+)\]\]/g, (_, inputId: string) => {
    const expression = mapping[inputId]?.trim();
    if (!expression) throw new RangeError(`LTV preset ${presetId}: input ${inputId} is not mapped`);
    return isAtom(expression) ? expression : `(${expression})`;
  });
}
