/**
 * `<ltc-rule-editor>` driven like a user: a rule built from the keyboard alone is found in
 * the store; every trigger and action picker yields a rule checkRule accepts; a bad value
 * shows checkRule's message next to its control; the dry run gives the right count and
 * changes on a seeded app and writes nothing; templates come from the library; axe in both
 * locales.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/designer.js';
import type { LtcRuleEditor } from '../../src/elements/rules/ltc-rule-editor.js';
import type { AppDef, Locale } from '../../src/core/schema/types.js';
import { ACTION_TYPES, TRIGGER_TYPES, checkRule, ruleTemplate, suggestRuleTemplates } from '../../src/core/rules/index.js';
import { MemoryStore } from '../../src/store/index.js';
import { withRunLog } from '../../src/runtime/rules/run-log.js';
import { rulesApp, seedRulesApp, snapshot } from '../fixtures/rules-app.js';
import { typeInto, waitFor } from './helpers.js';
import { setAppTimeZone, type RuleEditError } from '../../src/runtime/rules/edits.js';

async function setUp(locale: Locale = 'en', seed = 0) {
  const store = new MemoryStore();
  const app = await store.putApp(withRunLog(rulesApp()));
  if (seed) await seedRulesApp(store, app, seed);
  const el = await fixture<LtcRuleEditor>(html`<ltc-rule-editor .store=${store} .app=${app} .locale=${locale} webhook-origins="https://hooks.example.com"></ltc-rule-editor>`);
  return { store, app, el };
}

const $ = <T extends Element = HTMLElement>(el: LtcRuleEditor, selector: string) => el.shadowRoot!.querySelector<T>(selector);
const $$ = <T extends Element = HTMLElement>(el: LtcRuleEditor, selector: string) => [...el.shadowRoot!.querySelectorAll<T>(selector)];

/** Picks an option of a select as a user does (value, then the change event). */
async function pick(el: LtcRuleEditor, path: string, value: string) {
  const select = $<HTMLSelectElement>(el, `select[data-path="${path}"]`);
  if (!select) throw new Error(`no picker ${path}`);
  select.value = value;
  select.dispatchEvent(new Event('change'));
  await el.updateComplete;
}

async function fill(el: LtcRuleEditor, path: string, text: string) {
  const input = $<HTMLInputElement>(el, `[data-path="${path}"]`);
  if (!input) throw new Error(`no input ${path}`);
  input.value = text;
  input.dispatchEvent(new Event('change'));
  await el.updateComplete;
}

const problemsOf = (app: AppDef, el: LtcRuleEditor) => checkRule(el.editing, 0, app);

describe('<ltc-rule-editor>', function () {
  this.timeout(60000);

  it('builds a rule from the keyboard alone and stores it', async () => {
    const { store, app, el } = await setUp('zh-CN');
    $<HTMLButtonElement>(el, 'button.new-rule')!.focus();
    await sendKeys({ press: 'Enter' });
    await waitFor(() => $<HTMLDialogElement>(el, 'dialog.new-rule')!.open, 'the new-rule dialog');
    // The dialog focuses its first button: a blank rule.
    expect(el.shadowRoot!.activeElement?.classList.contains('blank')).to.equal(true);
    await sendKeys({ press: 'Enter' });
    await waitFor(() => el.shadowRoot!.activeElement?.getAttribute('data-path') === 'name', 'the name input focused');
    await sendKeys({ press: 'Control+A' });
    await sendKeys({ type: '新客送积分' });
    await sendKeys({ press: 'Tab' }); // to the table picker (customers)
    expect(el.shadowRoot!.activeElement?.getAttribute('data-path')).to.equal('tableId');
    await sendKeys({ press: 'Tab' }); // to the trigger picker: record created is the default
    expect(el.shadowRoot!.activeElement?.getAttribute('data-path')).to.equal('trigger.type');
    $<HTMLButtonElement>(el, 'button.add-action')!.focus();
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    $<HTMLSelectElement>(el, 'select[data-path="actions[0].type"]')!.focus();
    for (let i = 0; i < 3; i++) await sendKeys({ press: 'ArrowDown' }); // set-field → add-tags → remove-tags → add-points
    await el.updateComplete;
    expect(el.editing!.actions[0]!.type).to.equal('add-points');
    $<HTMLSelectElement>(el, 'select[data-path="actions[0].fieldId"]')!.focus();
    await sendKeys({ press: 'ArrowDown' }); // 订单数 → 积分
    await el.updateComplete;
    const points = $<HTMLInputElement>(el, 'input[data-path="actions[0].points"]')!;
    await typeInto(points, '100');
    await sendKeys({ press: 'Tab' });
    await el.updateComplete;
    $<HTMLButtonElement>(el, 'button.save')!.focus();
    await sendKeys({ press: 'Enter' });
    let stored: AppDef | undefined;
    await waitFor(() => {
      void store.getApp(app.id).then((a) => (stored = a));
      return stored?.rules?.length === 1;
    }, 'the rule stored');
    const rule = stored!.rules![0]!;
    expect(rule).to.deep.include({ name: '新客送积分', tableId: 'customers', enabled: false, trigger: { type: 'record-created' } });
    expect(rule.actions).to.deep.equal([{ type: 'add-points', fieldId: 'points', points: 100 }]);
    expect($(el, '.status')!.textContent).to.contain('规则已保存');
  });

  it('every trigger and action picker gives a rule checkRule accepts', async () => {
    const { app, el } = await setUp('en');
    el.edit({ id: 'r1', name: 'All pickers', enabled: false, tableId: 'customers', trigger: { type: 'record-created' }, actions: [] });
    await el.updateComplete;
    $<HTMLButtonElement>(el, 'button.add-action')!.click();
    await el.updateComplete;
    for (const type of TRIGGER_TYPES) {
      await pick(el, 'trigger.type', type);
      expect(el.editing!.trigger.type).to.equal(type);
      expect(problemsOf(app, el), type).to.deep.equal([]);
    }
    await pick(el, 'trigger.type', 'record-updated');
    await pick(el, 'trigger.fieldId', 'tier');
    await pick(el, 'trigger.to', 'gold');
    expect(el.editing!.trigger).to.deep.equal({ type: 'record-updated', fieldId: 'tier', to: 'gold' });
    await pick(el, 'trigger.type', 'stage-changed');
    await pick(el, 'trigger.from', 'active');
    await pick(el, 'trigger.to', 'silent');
    expect(el.editing!.trigger).to.deep.equal({ type: 'stage-changed', fieldId: 'stage', from: 'active', to: 'silent' });
    await pick(el, 'trigger.type', 'date-relative');
    await fill(el, 'trigger.offset', '7');
    await pick(el, 'trigger.direction', 'before');
    expect(el.editing!.trigger).to.deep.equal({ type: 'date-relative', fieldId: 'lastOrderDate', offset: -7, unit: 'days', at: '10:00' });
    expect($(el, '.time-zone')!.textContent).to.contain('time zone');
    await pick(el, 'trigger.type', 'recurring');
    await pick(el, 'trigger.every', 'month');
    await fill(el, 'trigger.day', '31');
    expect(el.editing!.trigger).to.deep.equal({ type: 'recurring', every: 'month', at: '09:00', day: 31 });
    await pick(el, 'catchUp.missed', 'skip');
    expect(el.editing!.catchUp).to.deep.equal({ missed: 'skip' });

    for (const type of ACTION_TYPES) {
      await pick(el, 'actions[0].type', type);
      expect(el.editing!.actions[0]!.type).to.equal(type);
      if (type === 'add-tags' || type === 'remove-tags') {
        $<HTMLInputElement>(el, 'fieldset[data-path="actions[0].tags"] input[type="checkbox"]')!.click();
        await el.updateComplete;
      }
      if (type === 'webhook') {
        await fill(el, 'actions[0].url', 'https://other.example.org/hook');
        expect($(el, '#e-actions-0--url')!.textContent).to.contain('webhook-origins');
        await fill(el, 'actions[0].url', 'https://hooks.example.com/sms');
        expect($(el, '#e-actions-0--url')).to.equal(null);
        const body = $<HTMLTextAreaElement>(el, 'textarea[data-path="actions[0].body"]')!;
        body.value = '{"to": "{手机}"}';
        body.dispatchEvent(new Event('change'));
        await el.updateComplete;
        expect((el.editing!.actions[0] as { body?: unknown }).body).to.deep.equal({ to: '{手机}' });
      }
      if (type === 'notify') await fill(el, 'actions[0].message', '{客户名称} 需要回访');
      if (type === 'assign-owner') {
        await pick(el, 'actions[0].strategy', 'fewest-open');
        expect(el.editing!.actions[0]).to.deep.include({ openTasks: { tableId: 'tasks', ownerFieldId: 'assignee' } });
      }
      if (type === 'create-record') {
        await pick(el, 'actions[0].tableId', 'tasks');
        expect(el.editing!.actions[0]).to.deep.include({ tableId: 'tasks', link: 'customer' });
        $<HTMLButtonElement>(el, 'button.add-value')!.click();
        await el.updateComplete;
        await pick(el, 'actions[0].values.title.kind', 'formula');
        await fill(el, 'actions[0].values.title.formula', '{客户名称}');
      }
      if (type === 'set-field') {
        await pick(el, 'actions[0].fieldId', 'points');
        await fill(el, 'actions[0]', '5');
        expect(el.editing!.actions[0]).to.deep.equal({ type: 'set-field', fieldId: 'points', value: 5 });
      }
      expect(problemsOf(app, el), type).to.deep.equal([]);
    }
    // A/B split: two variants, an action limited to one.
    $<HTMLInputElement>(el, 'input.split')!.click();
    await el.updateComplete;
    await pick(el, 'actions[0].variant', 'B');
    expect(el.editing!.variants).to.deep.equal([{ id: 'A', weight: 50 }, { id: 'B', weight: 50 }]);
    expect(el.editing!.actions[0]!.variant).to.equal('B');
    expect(problemsOf(app, el)).to.deep.equal([]);
  });

  it('shows checkRule’s message next to the control its path names', async () => {
    const { store, app, el } = await setUp('zh-CN');
    el.edit({ id: 'r1', name: '每日提醒', enabled: false, tableId: 'customers', trigger: { type: 'recurring', every: 'day', at: '09:00' }, actions: [{ type: 'notify', message: '你好' }] });
    await el.updateComplete;
    await fill(el, 'trigger.at', '25:00');
    const input = $<HTMLInputElement>(el, 'input[data-path="trigger.at"]')!;
    expect(input.getAttribute('aria-invalid')).to.equal('true');
    const message = $(el, `#${input.getAttribute('aria-describedby')}`)!;
    expect(message.textContent).to.equal('“25:00”不是一天中的时间（HH:MM，例如 10:00）。');
    expect(input.closest('label')!.nextElementSibling).to.equal(message);
    // Save refuses, stores nothing and focuses the control.
    $<HTMLButtonElement>(el, 'button.save')!.click();
    await el.updateComplete;
    await el.updateComplete;
    expect($(el, '.status')!.textContent).to.contain('1 处问题');
    expect((await store.getApp(app.id))!.rules ?? []).to.deep.equal([]);
    await waitFor(() => el.shadowRoot!.activeElement === input, 'the bad control focused');
    // An empty name: its message is next to the name.
    await fill(el, 'name', ' ');
    expect($(el, '#e-name')!.textContent).to.equal('规则需要一个名称。');
  });

  it('lists problems no control shows (a bad id) with their path, and never repeats an id', async () => {
    const { el } = await setUp('en');
    el.edit({
      id: 'bad id!',
      name: 'Imported',
      enabled: false,
      tableId: 'customers',
      trigger: { type: 'record-created' },
      actions: [{ type: 'create-record', tableId: 'tasks', link: 'customer', values: { title: { value: 'x', formula: 'TODAY()' } } }],
    });
    await el.updateComplete;
    const summary = $(el, '.summary')!;
    expect(summary.querySelector('p')!.textContent).to.equal('The rule has 2 problems; fix them first.');
    expect([...summary.querySelectorAll('li')].map((li) => li.textContent)).to.deep.equal(['id: "bad id!" is not a valid id: 1–128 letters, digits, "_" or "-", starting with a letter or digit.']);
    expect($(el, '#e-actions-0--values-title')!.textContent).to.equal('Give either a value or a formula.');
    const ids = $$(el, '[id]').map((e) => e.id);
    expect(ids.length).to.equal(new Set(ids).size);
  });

  it('dry run: the count and the changes on a seeded app, nothing written', async () => {
    const { store, app, el } = await setUp('zh-CN', 30);
    const before = await snapshot(store, app);
    const [rule] = ruleTemplate('tier-upgrade').build(app, suggestRuleTemplates(app)[0]!.picks);
    el.edit(rule!);
    await el.updateComplete;
    $<HTMLButtonElement>(el, 'button.dry-run-button')!.click();
    await waitFor(() => $(el, '.dry-run .matched'), 'the dry run');
    const customers = await store.queryRecords(app.id, 'customers');
    const expected = customers.filter((c) => (c.values.points as number) >= 1000).length;
    expect($(el, '.dry-run .matched')!.textContent).to.equal(`此规则现在会匹配 ${expected} 条记录。`);
    expect($$(el, '.dry-run li.plan')).to.have.length(expected);
    expect($(el, '.dry-run li.plan[data-record="c3"]')!.textContent).to.contain('会员等级：普通 → 银卡');
    expect($(el, '.dry-run li.plan[data-record="c11"]')!.textContent).to.contain('会员等级：普通 → 金卡');
    expect(await snapshot(store, app)).to.deep.equal(before);
    expect((await store.getApp(app.id))!.version).to.equal(app.version);
  });

  it('dry run of a time trigger says which occurrences are due now and which later', async () => {
    const { store, app, el } = await setUp('en', 6);
    await store.mutate(app.id, [{ type: 'update', tableId: 'customers', id: 'c1', values: { lastOrderDate: '2099-01-01' } }]);
    const before = await snapshot(store, app);
    const rules = ruleTemplate('repurchase-sequence').build(app, suggestRuleTemplates(app)[0]!.picks);
    el.edit(rules[0]!);
    await el.updateComplete;
    $<HTMLButtonElement>(el, 'button.dry-run-button')!.click();
    await waitFor(() => $(el, '.dry-run .timing'), 'the timing');
    expect($(el, '.dry-run .matched')!.textContent).to.equal('This rule would match 6 records now.');
    expect($(el, '.dry-run .timing')!.textContent).to.match(/due now, 1 later\.$/);
    expect($(el, '.dry-run li.plan[data-record="c1"] .when')!.textContent).to.match(/^At /);
    expect($(el, '.dry-run li.plan[data-record="c2"]')!.textContent).to.contain('New “Message log” record');
    expect(await snapshot(store, app)).to.deep.equal(before);
  });

  it('adds a template’s rules (disabled) and lists them with their triggers in words', async () => {
    const { store, app, el } = await setUp('en');
    $<HTMLButtonElement>(el, 'button.new-rule')!.click();
    await el.updateComplete;
    const item = $(el, 'li[data-template="repurchase-sequence"]')!;
    item.querySelector<HTMLButtonElement>('button.use-template')!.click();
    await el.updateComplete;
    // The picks step: guessed picks preselected, the A/B option offered.
    expect($<HTMLSelectElement>(el, 'select[data-pick="dateFieldId"]')!.value).to.equal('lastOrderDate');
    expect($<HTMLSelectElement>(el, 'select[data-pick="messagesTableId"]')!.value).to.equal('messages');
    expect($<HTMLInputElement>(el, 'input.ab-split')!.checked).to.equal(true);
    $<HTMLButtonElement>(el, 'button.create-rules')!.click();
    await waitFor(() => el.editing?.id === 'repurchase-3d', 'the first rule in the editor');
    const stored = (await store.getApp(app.id))!;
    expect(stored.rules![2]!.variants).to.have.length(2);
    expect(stored.rules!.map((r) => [r.id, r.enabled])).to.deep.equal([
      ['repurchase-3d', false],
      ['repurchase-7d', false],
      ['repurchase-15d', false],
    ]);
    $<HTMLButtonElement>(el, 'button.close-editor')!.click();
    await el.updateComplete;
    expect($$(el, 'td.summary').map((td) => td.textContent)).to.deep.equal(['3 days after “Last order date” at 10:00', '7 days after “Last order date” at 10:00', '15 days after “Last order date” at 10:00']);
    // Switch one on from the list.
    $<HTMLInputElement>(el, 'tr[data-rule="repurchase-7d"] input.rule-enabled')!.click();
    await waitFor(() => el.app?.rules?.find((r) => r.id === 'repurchase-7d')?.enabled, 'enabled');
    expect((await store.getApp(app.id))!.rules!.map((r) => r.enabled)).to.deep.equal([false, true, false]);
    // Delete asks first; Escape keeps the rule, the confirm button deletes it.
    $<HTMLButtonElement>(el, 'tr[data-rule="repurchase-15d"] button.delete')!.click();
    await waitFor(() => $<HTMLDialogElement>(el, 'dialog.delete-rule')!.open, 'the delete dialog');
    expect($(el, '#delete-text')!.textContent).to.contain('Repurchase · day 15');
    await sendKeys({ press: 'Escape' });
    await waitFor(() => !$<HTMLDialogElement>(el, 'dialog.delete-rule')!.open, 'closed by Escape');
    expect((await store.getApp(app.id))!.rules).to.have.length(3);
    $<HTMLButtonElement>(el, 'tr[data-rule="repurchase-15d"] button.delete')!.click();
    await waitFor(() => $<HTMLDialogElement>(el, 'dialog.delete-rule')!.open, 'the delete dialog');
    $<HTMLButtonElement>(el, 'button.confirm-delete')!.click();
    await waitFor(() => el.app?.rules?.length === 2, 'deleted');
    expect((await store.getApp(app.id))!.rules!.map((r) => r.id)).to.deep.equal(['repurchase-3d', 'repurchase-7d']);
    // Escape closes the new-rule dialog.
    $<HTMLButtonElement>(el, 'button.new-rule')!.focus();
    await sendKeys({ press: 'Enter' });
    await waitFor(() => $<HTMLDialogElement>(el, 'dialog.new-rule')!.open, 'open');
    await sendKeys({ press: 'Escape' });
    await waitFor(() => !$<HTMLDialogElement>(el, 'dialog.new-rule')!.open, 'closed by Escape');
  });

  it('shows each rule’s last run and the run log tab from the keyboard', async () => {
    const store = new MemoryStore();
    const app = await store.putApp(withRunLog({ ...rulesApp(), rules: [{ id: 'r1', name: 'Welcome', enabled: true, tableId: 'customers', trigger: { type: 'record-created' }, actions: [{ type: 'add-points', fieldId: 'points', points: 1 }] }] }));
    await store.mutate(app.id, [
      { type: 'create', tableId: 'ltc_rule_runs', id: 'run_a', values: { rule: 'r1', status: 'ok', at: '2026-12-01T02:00:00.000Z' } },
      { type: 'create', tableId: 'ltc_rule_runs', id: 'run_b', values: { rule: 'r1', status: 'partial', at: '2026-12-01T03:00:00.000Z' } },
      { type: 'create', tableId: 'ltc_rule_runs', id: 'cursor_r1', values: { rule: 'r1', status: 'ok', at: '2026-12-02T00:00:00.000Z' } },
    ]);
    const el = await fixture<LtcRuleEditor>(html`<ltc-rule-editor .store=${store} .app=${app} .locale=${'en'}></ltc-rule-editor>`);
    await waitFor(() => $(el, 'td.last-run')?.textContent?.startsWith('Partly failed'), 'the last run');
    $<HTMLButtonElement>(el, '#tab-rules')!.focus();
    await sendKeys({ press: 'ArrowRight' });
    await waitFor(() => $(el, 'ltc-run-log'), 'the run log');
    const log = $(el, 'ltc-run-log') as HTMLElement & { store?: unknown; app?: unknown; locale?: string };
    expect(log.store).to.equal(store);
    expect(log.app).to.equal(app);
    expect(log.locale).to.equal('en');
    expect(el.shadowRoot!.activeElement?.id).to.equal('tab-log');
    expect($(el, '#tab-log')!.getAttribute('aria-selected')).to.equal('true');
  });

  it('lets the user fill the picks a template could not guess', async () => {
    const store = new MemoryStore();
    const base = rulesApp();
    const app = await store.putApp(withRunLog({ ...base, tables: base.tables.map((t) => (t.id === 'tasks' ? { ...t, id: 'jobs', name: 'Jobs', labels: { en: 'Jobs' } } : t)) }));
    const el = await fixture<LtcRuleEditor>(html`<ltc-rule-editor .store=${store} .app=${app} .locale=${'en'}></ltc-rule-editor>`);
    $<HTMLButtonElement>(el, 'button.new-rule')!.click();
    await el.updateComplete;
    const item = $(el, 'li[data-template="churn-warning"]')!;
    expect(item.textContent).to.contain('This app lacks: Follow-up tasks table');
    item.querySelector<HTMLButtonElement>('button.use-template')!.click();
    await el.updateComplete;
    expect($<HTMLButtonElement>(el, 'button.create-rules')!.disabled).to.equal(true);
    for (const [pick, value] of [['tasksTableId', 'jobs'], ['taskLinkFieldId', 'customer'], ['taskTitleFieldId', 'title'], ['taskDueFieldId', 'due']] as const) {
      const select = $<HTMLSelectElement>(el, `select[data-pick="${pick}"]`)!;
      select.value = value;
      select.dispatchEvent(new Event('change'));
      await el.updateComplete;
    }
    expect($<HTMLButtonElement>(el, 'button.create-rules')!.disabled).to.equal(false);
    $<HTMLButtonElement>(el, 'button.create-rules')!.click();
    await waitFor(() => el.editing?.id === 'churn-warning', 'the rule in the editor');
    const [rule] = (await store.getApp(app.id))!.rules!;
    expect(rule!.actions[0]).to.deep.include({ type: 'create-record', tableId: 'jobs', link: 'customer' });
    expect(checkRule(rule, 0, app)).to.deep.equal([]);
  });

  for (const locale of ['zh-CN', 'en'] as const) {
    it(`is accessible in ${locale}: the list, the editor and the dry run`, async () => {
      const { app, el, store } = await setUp(locale, 4);
      const picks = suggestRuleTemplates(app)[0]!.picks;
      const rules = [...ruleTemplate('churn-warning').build(app, picks), ...ruleTemplate('lead-assignment').build(app, picks)];
      let current = app;
      for (const rule of rules) current = await store.putApp({ ...current, rules: [...(current.rules ?? []), rule] }, current.version);
      el.app = current;
      await el.updateComplete;
      await expect(el).to.be.accessible();
      el.edit({ ...rules[0]!, trigger: { type: 'date-relative', fieldId: 'lastOrderDate', offset: 3, unit: 'days', at: '10:00' }, variants: [{ id: 'A', weight: 1 }, { id: 'B', weight: 1 }] });
      await el.updateComplete;
      await fill(el, 'trigger.at', '99');
      $<HTMLButtonElement>(el, 'button.add-action')!.click();
      await el.updateComplete;
      await pick(el, 'actions[1].type', 'webhook');
      await expect(el).to.be.accessible();
      await fill(el, 'trigger.at', '10:00');
      await pick(el, 'actions[1].type', 'notify');
      await fill(el, 'actions[1].message', 'hi');
      $<HTMLButtonElement>(el, 'button.dry-run-button')!.click();
      await waitFor(() => $(el, '.dry-run .matched'), 'the dry run');
      await expect(el).to.be.accessible();
      $<HTMLButtonElement>(el, 'button.close-editor')!.click();
      await el.updateComplete;
      $<HTMLButtonElement>(el, 'button.new-rule')!.click();
      await waitFor(() => $<HTMLDialogElement>(el, 'dialog.new-rule')!.open, 'the new-rule dialog');
      await expect(el).to.be.accessible();
      $<HTMLButtonElement>(el, 'li[data-template="lead-assignment"] button.use-template')!.click();
      await el.updateComplete;
      await expect(el).to.be.accessible();
    });
  }

  it("sets the app's time zone, which rule times and stages count in, and refuses an unknown one", async () => {
    const { store, el } = await setUp('zh-CN');
    const select = $<HTMLSelectElement>(el, 'select[data-path="timeZone"]')!;
    expect(select.value).to.equal('');
    expect([...select.options].map((o) => o.value)).to.include.members(['Asia/Shanghai', 'Europe/Berlin']);
    await pick(el, 'timeZone', 'Asia/Shanghai');
    await waitFor(() => el.app?.timeZone === 'Asia/Shanghai', 'the zone saved');
    expect((await store.getApp(el.app!.id))!.timeZone).to.equal('Asia/Shanghai');
    await pick(el, 'timeZone', '');
    await waitFor(() => el.app && el.app.timeZone === undefined, 'back to the browser zone');
    expect((await store.getApp(el.app!.id))!.timeZone).to.equal(undefined);
    const error = await setAppTimeZone(store, el.app!, 'Mars/Olympus', { locale: 'zh-CN' }).then(
      () => undefined,
      (e: unknown) => e as RuleEditError,
    );
    expect(error?.code).to.equal('rules.timeZoneUnknown');
    expect(error?.message).to.equal('未知的时区：Mars/Olympus');
  });
});
