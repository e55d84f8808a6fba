/** A/B variant assignment and payload templates of rule actions. */
import { expect } from '@open-wc/testing';
import { assignVariant, stableFraction } from '../../../src/core/rules/variants.js';
import { MAX_TEMPLATE_TEXT, TemplateError, fillTemplate, templatePlaceholders } from '../../../src/core/rules/template.js';

describe('assignVariant', () => {
  const ab = [{ id: 'A', weight: 50 }, { id: 'B', weight: 50 }];

  it('is stable for a rule and record, and differs across rules', () => {
    expect(assignVariant('r1', 'c42', ab)).to.equal(assignVariant('r1', 'c42', ab));
    const ids = Array.from({ length: 200 }, (_, i) => `c${i}`);
    const first = ids.map((id) => assignVariant('r1', id, ab));
    const second = ids.map((id) => assignVariant('r2', id, ab));
    expect(first).to.not.deep.equal(second);
  });

  it('comes close to the requested split', () => {
    const counts: Record<string, number> = { A: 0, B: 0, C: 0 };
    const split = [{ id: 'A', weight: 1 }, { id: 'B', weight: 1 }, { id: 'C', weight: 2 }];
    for (let i = 0; i < 20_000; i++) counts[assignVariant('repurchase', `rec_${i}`, split)]!++;
    expect(counts.A! / 20_000).to.be.within(0.23, 0.27);
    expect(counts.B! / 20_000).to.be.within(0.23, 0.27);
    expect(counts.C! / 20_000).to.be.within(0.48, 0.52);
  });

  it('skips zero weights and refuses an empty split', () => {
    for (let i = 0; i < 500; i++) expect(assignVariant('r', `c${i}`, [{ id: 'off', weight: 0 }, { id: 'on', weight: 3 }])).to.equal('on');
    expect(() => assignVariant('r', 'c', [])).to.throw(RangeError);
    expect(() => assignVariant('r', 'c', [{ id: 'A', weight: 0 }])).to.throw(RangeError);
    for (let i = 0; i < 1000; i++) expect(stableFraction(`x${i}`)).to.be.within(0, 0.9999999999);
  });
});

describe('fillTemplate', () => {
  const values: Record<string, unknown> = { 姓名: '范国庆', 累计消费: 1234.5, 标签: ['VIP', '复购'], 手机: null };
  const lookup = { value: (name: string) => (name in values ? (values[name] as never) : undefined) };

  it('puts whole values in place and text inside strings', () => {
    const { result, missing } = fillTemplate(
      { to: '{手机}', amount: '{累计消费}', tags: '{标签}', text: '您好 {姓名}，您已消费 {累计消费} 元 {{VIP}}', nested: [{ who: '{ 姓名 }' }], n: 3, ok: true },
      lookup,
    );
    expect(result).to.deep.equal({ to: null, amount: 1234.5, tags: ['VIP', '复购'], text: '您好 范国庆，您已消费 1234.5 元 {VIP}', nested: [{ who: '范国庆' }], n: 3, ok: true });
    expect(missing).to.deep.equal([]);
  });

  it('reports unknown names and lists the placeholders', () => {
    const template = { a: '{等级}', b: 'Hi {昵称} / {姓名}' };
    expect(fillTemplate(template, lookup).missing).to.deep.equal(['等级', '昵称']);
    expect(templatePlaceholders(template)).to.deep.equal(['等级', '昵称', '姓名']);
  });

  it('keeps __proto__ a plain key and bounds the output', () => {
    const filled = fillTemplate(JSON.parse('{"__proto__": {"polluted": "{姓名}"}}'), lookup).result as Record<string, unknown>;
    expect(Object.keys(filled)).to.deep.equal(['__proto__']);
    expect(({} as Record<string, unknown>).polluted).to.equal(undefined);
    let deep: unknown = 'x';
    for (let i = 0; i < 30; i++) deep = [deep];
    expect(() => fillTemplate(deep, lookup)).to.throw(TemplateError);
    const long = { value: () => 'x'.repeat(MAX_TEMPLATE_TEXT / 2) };
    expect(() => fillTemplate(['{a}', '{a}', '{a}'], long)).to.throw(TemplateError);
  });
});
