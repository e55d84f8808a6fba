/** The rule templates library: every template builds rules checkRule accepts, and the picks are guessed from an app. */
import { expect } from '@open-wc/testing';
import { RULE_PICKS, RULE_TEMPLATES, TEMPLATE_PICKS, checkRule, ruleTemplate, suggestRuleTemplates, type RuleDef, type RuleTemplatePick } from '../../../src/core/rules/index.js';
import type { AppDef } from '../../../src/core/schema/types.js';
import { rulesApp } from '../../fixtures/rules-app.js';

function checkAll(app: AppDef, rules: RuleDef[]) {
  const seen = new Set<string>();
  return rules.flatMap((rule, i) => checkRule(rule, i, app, seen));
}

describe('rule templates library', () => {
  it('guesses every pick for an app shaped like customer-ltv', () => {
    const app = rulesApp();
    const suggestions = suggestRuleTemplates(app);
    expect(suggestions.map((s) => s.template.id)).to.have.members(RULE_TEMPLATES.map((t) => t.id));
    for (const s of suggestions) expect(s.missing, s.template.id).to.deep.equal([]);
    expect(suggestions[0]!.picks).to.deep.include({
      tableId: 'customers',
      stageFieldId: 'stage',
      dateFieldId: 'lastOrderDate',
      orderCountFieldId: 'orderCount',
      ownerFieldId: 'owner',
      pointsFieldId: 'points',
      tierFieldId: 'tier',
      tasksTableId: 'tasks',
      taskLinkFieldId: 'customer',
      taskTitleFieldId: 'title',
      taskDueFieldId: 'due',
      taskOwnerFieldId: 'assignee',
      messagesTableId: 'messages',
      messageLinkFieldId: 'customer',
      messageContentFieldId: 'content',
      messageVariantFieldId: 'variant',
    });
  });

  it('guesses English names too', () => {
    const app: AppDef = {
      ...rulesApp(),
      tables: [
        {
          id: 't1',
          name: 'Leads',
          primaryFieldId: 'n',
          fields: [
            { id: 'n', name: 'Name', type: 'text' },
            { id: 'd', name: 'Last purchase', type: 'date' },
            { id: 'p', name: 'Points', type: 'number' },
            { id: 'o', name: 'Owner', type: 'relation', options: { table: 't2' } },
          ],
        },
        { id: 't2', name: 'Sales team', primaryFieldId: 'n', fields: [{ id: 'n', name: 'Name', type: 'text' }] },
      ],
    };
    const picks = suggestRuleTemplates(app).find((s) => s.template.id === 'lead-assignment')!;
    expect(picks.missing).to.deep.equal([]);
    expect(picks.picks).to.deep.include({ tableId: 't1', dateFieldId: 'd', pointsFieldId: 'p', ownerFieldId: 'o' });
    const churn = suggestRuleTemplates(app).find((s) => s.template.id === 'churn-warning')!;
    expect(churn.missing).to.include.members(['stageFieldId', 'tasksTableId']);
  });

  it('every template builds rules that checkRule accepts, disabled, with zh and en names', () => {
    const app = rulesApp();
    for (const { template, picks } of suggestRuleTemplates(app)) {
      const rules = template.build(app, picks);
      expect(rules.length, template.id).to.be.greaterThan(0);
      expect(checkAll(app, rules), template.id).to.deep.equal([]);
      for (const rule of rules) {
        expect(rule.enabled).to.equal(false);
        expect(rule.labels?.['zh-CN']).to.be.a('string');
        expect(rule.labels?.en).to.be.a('string');
      }
      expect(template.labels.en).to.not.equal(template.labels['zh-CN']);
    }
  });

  it('the repurchase sequence fires 3, 7 and 15 days after the last order at 10:00, day 15 split A/B', () => {
    const app = rulesApp();
    const rules = ruleTemplate('repurchase-sequence').build(app, { ...suggestRuleTemplates(app)[0]!.picks, abSplit: true });
    expect(rules.map((r) => r.trigger)).to.deep.equal([3, 7, 15].map((offset) => ({ type: 'date-relative', fieldId: 'lastOrderDate', offset, unit: 'days', at: '10:00' })));
    expect(rules.map((r) => r.variants?.length ?? 0)).to.deep.equal([0, 0, 2]);
    expect(rules[2]!.actions.map((a) => `${a.type}:${a.variant}`)).to.deep.equal(['create-record:A', 'dispatch-event:A', 'create-record:B', 'dispatch-event:B']);
    expect(rules[0]!.actions.map((a) => a.type)).to.deep.equal(['create-record', 'dispatch-event']);
  });

  it('new rule ids do not collide with the app’s rules', () => {
    const app = rulesApp();
    const picks = suggestRuleTemplates(app)[0]!.picks;
    const first = ruleTemplate('churn-warning').build(app, picks);
    const second = ruleTemplate('churn-warning').build({ ...app, rules: first }, picks);
    expect(second[0]!.id).to.equal('churn-warning-2');
  });

  it('every guessed pick is one the pick specs offer, and every required pick is offered', () => {
    const app = rulesApp();
    const picks = suggestRuleTemplates(app)[0]!.picks;
    for (const [key, spec] of Object.entries(RULE_PICKS) as Array<[RuleTemplatePick, NonNullable<(typeof RULE_PICKS)[RuleTemplatePick]>]>) {
      const value = picks[key];
      if (value === undefined) continue;
      const offered = spec.kind === 'table' ? app.tables.map((t) => t.id) : app.tables.find((t) => t.id === picks[spec.of])!.fields.filter((f) => spec.accept(f, picks)).map((f) => f.id);
      expect(offered, key).to.include(value);
    }
    for (const template of RULE_TEMPLATES) for (const key of template.required) expect(TEMPLATE_PICKS[template.id], template.id).to.include(key);
  });

  it('refuses to build without a required pick', () => {
    expect(() => ruleTemplate('tier-upgrade').build(rulesApp(), { tableId: 'customers' })).to.throw(/pointsFieldId/);
  });

  it('lead assignment by fewest open tasks counts the tasks table', () => {
    const app = rulesApp();
    const picks = { ...suggestRuleTemplates(app)[0]!.picks, strategy: 'fewest-open' as const };
    const [rule] = ruleTemplate('lead-assignment').build(app, picks);
    expect(rule!.actions[0]).to.deep.include({ strategy: 'fewest-open', openTasks: { tableId: 'tasks', ownerFieldId: 'assignee' } });
    expect(checkAll(app, [rule!])).to.deep.equal([]);
  });
});
