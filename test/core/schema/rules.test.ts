/** Rules in templates and export files: validated with paths, cloned, round-tripped. */
import { expect } from '@open-wc/testing';
import { validateTemplate } from '../../../src/core/schema/validate.js';
import { buildExport } from '../../../src/core/schema/build-export.js';
import { parseExport } from '../../../src/core/schema/export.js';
import { cloneTemplate } from '../../../src/core/templates/clone.js';
import type { RuleDef } from '../../../src/core/rules/index.js';
import { miniTemplate } from './fixtures.js';

const welcome: RuleDef = {
  id: 'welcome',
  name: '新客欢迎',
  enabled: true,
  tableId: 'customers',
  trigger: { type: 'date-relative', fieldId: 'joined', offset: 3, unit: 'days', at: '10:00' },
  actions: [{ type: 'add-tags', fieldId: 'tags', tags: ['vip'] }],
};

describe('rules in templates and exports', () => {
  it('a template with valid rules validates, and its clone carries them', () => {
    const result = validateTemplate({ ...miniTemplate(), rules: [welcome] });
    expect(result.ok, JSON.stringify(!result.ok && result.errors)).to.equal(true);
    if (!result.ok) return;
    expect(result.template.rules).to.deep.equal([welcome]);
    const { app } = cloneTemplate(result.template, { now: new Date('2026-11-01T00:00:00Z') });
    expect(app.rules).to.deep.equal([welcome]);
  });

  it('a bad rule is refused with its path and a message in the user’s language', () => {
    const bad = { ...welcome, trigger: { ...welcome.trigger, at: '25:00' }, actions: [{ type: 'add-tags', fieldId: 'tags', tags: ['gold'] }] };
    const result = validateTemplate({ ...miniTemplate(), rules: [welcome, bad] }, { locale: 'zh-CN' });
    expect(result.ok).to.equal(false);
    if (result.ok) return;
    expect(result.errors.map((e) => [e.path, e.message])).to.deep.equal([
      ['rules[1].id', '已有规则使用 ID“welcome”。'],
      ['rules[1].trigger.at', '“25:00”不是一天中的时间（HH:MM，例如 10:00）。'],
      ['rules[1].actions[0].tags[0]', '字段“标签”没有选项“gold”。'],
    ]);
    expect(validateTemplate({ ...miniTemplate(), rules: {} }).ok).to.equal(false);
  });

  it('an export keeps rules and the run log table; a bad rule in an import names its path under app', () => {
    const { app } = cloneTemplate({ ...miniTemplate(), rules: [welcome] }, { now: new Date('2026-11-01T00:00:00Z') });
    app.tables.push({ id: 'ltc_rule_runs', name: 'ltc_rule_runs', system: 'rule-runs', primaryFieldId: 'rule', fields: [{ id: 'rule', name: 'rule', type: 'text' }] });
    const parsed = parseExport(JSON.stringify(buildExport(app, {})), 'en');
    expect(parsed.ok, JSON.stringify(!parsed.ok && parsed.errors)).to.equal(true);
    if (!parsed.ok) return;
    expect(parsed.value.app.rules).to.deep.equal([welcome]);
    expect(parsed.value.app.tables.at(-1)!.system).to.equal('rule-runs');
    expect(parsed.warnings).to.deep.equal([]);

    app.rules = [{ ...welcome, tableId: 'members' }];
    const refused = parseExport(JSON.stringify(buildExport(app, {})), 'en');
    expect(refused.ok).to.equal(false);
    if (refused.ok) return;
    expect(refused.errors.map((e) => [e.path, e.message])).to.deep.equal([['app.rules[0].tableId', 'There is no table "members".']]);
    app.rules = [];
    app.tables.at(-1)!.system = 'other' as never;
    const badSystem = parseExport(JSON.stringify(buildExport(app, {})), 'en');
    expect(badSystem.ok).to.equal(false);
  });
});
