/**
 * `<ltc-app>`'s "自动化 / Automation" entry: the run log is not listed as a table, the entry
 * shows the rule editor (loaded with the designer) with the workspace's store, app and
 * locale, a rule saved there is stored and the workspace adopts it, and a table entry
 * brings the table back.
 */
import { expect, fixture, html } from '@open-wc/testing';
import '../../src/define.js';
import type { LtcApp } from '../../src/elements/ltc-app.js';
import type { LtcRuleEditor } from '../../src/elements/rules/ltc-rule-editor.js';
import { MemoryStore } from '../../src/store/index.js';
import type { RuleDef } from '../../src/core/rules/index.js';
import { rulesApp } from '../fixtures/rules-app.js';
import { deep, deepAll, waitFor } from './helpers.js';

const welcome: RuleDef = {
  id: 'welcome',
  name: '新客送积分',
  labels: { 'zh-CN': '新客送积分', en: 'Welcome points' },
  enabled: true,
  tableId: 'customers',
  trigger: { type: 'record-created' },
  actions: [{ type: 'add-points', fieldId: 'points', points: 100 }],
};

describe('<ltc-app> Automation', function () {
  this.timeout(60000);

  it('shows the rule editor instead of the run log table, and saves through it', async () => {
    const store = new MemoryStore();
    await store.putApp({ ...rulesApp('auto-shop'), rules: [welcome] });
    const el = await fixture<LtcApp>(html`<ltc-app app-id="auto-shop" lang="zh-CN" .store=${store}></ltc-app>`);
    await waitFor(() => el.app?.tables.some((t) => t.id === 'ltc_rule_runs'), 'the run log table', 20000);
    await el.updateComplete;
    const navLabels = deepAll(el, 'nav button').map((b) => b.textContent!.trim());
    expect(navLabels).to.not.include('规则运行记录');
    expect(navLabels.at(-1)).to.equal('自动化');
    deep<HTMLButtonElement>(el, 'nav button.automation')!.click();
    const editor = await waitFor(() => deep<LtcRuleEditor>(el, 'ltc-rule-editor'), 'the rule editor', 20000);
    await waitFor(() => customElements.get('ltc-rule-editor') && editor.shadowRoot?.querySelector('tr[data-rule="welcome"]'), 'the rule listed');
    expect(deep(el, 'nav button.automation')!.getAttribute('aria-current')).to.equal('true');
    expect(deep(el, 'ltc-table')).to.equal(null);
    expect(editor.locale).to.equal('zh-CN');
    expect(editor.shadowRoot!.querySelector('td.summary')!.textContent).to.equal('新增记录时');
    // Switching the rule off from the list is stored, and the workspace adopts the new definition.
    editor.shadowRoot!.querySelector<HTMLInputElement>('tr[data-rule="welcome"] input.rule-enabled')!.click();
    await waitFor(() => el.app?.rules?.[0]?.enabled === false, 'the workspace adopts the change');
    expect((await store.getApp('auto-shop'))!.rules![0]!.enabled).to.equal(false);
    // A table entry brings the grid back.
    deep<HTMLButtonElement>(el, 'nav button[data-table="customers"]')!.click();
    await waitFor(() => deep(el, 'ltc-table'), 'the table');
    expect(deep(el, 'ltc-rule-editor')).to.equal(null);
    await expect(el).to.be.accessible();
  });

  it("opens a run's record in its table's drawer from the run log", async () => {
    const store = new MemoryStore();
    await store.putApp({ ...rulesApp('auto-open'), rules: [welcome] });
    const el = await fixture<LtcApp>(html`<ltc-app app-id="auto-open" lang="en" .store=${store}></ltc-app>`);
    await waitFor(() => el.app?.tables.some((t) => t.id === 'ltc_rule_runs'), 'the run log table', 20000);
    // A customer created here fires the welcome rule: one run, naming the customer.
    const [created] = await store.mutate('auto-open', [{ type: 'create', tableId: 'customers', values: { name: '赵六' } }]);
    for (let tries = 0; !(await store.queryRecords('auto-open', 'ltc_rule_runs')).some((r) => r.values.record === created!.id); tries++) {
      if (tries > 500) throw new Error('the run was not written');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    deep<HTMLButtonElement>(el, 'nav button.automation')!.click();
    const tab = await waitFor(() => deep<HTMLButtonElement>(el, 'ltc-rule-editor', '#tab-log'), 'the rule editor', 20000);
    tab.click();
    const link = await waitFor(() => deep<HTMLButtonElement>(el, 'ltc-rule-editor', 'ltc-run-log', 'tbody tr[data-run] button.link'), 'the run with its record link', 20000);
    link.click();
    const drawer = await waitFor(() => deep<HTMLElement & { recordId: string; tableId: string }>(el, 'ltc-table', 'ltc-record-drawer'), 'the drawer in the table', 20000);
    expect([drawer.tableId, drawer.recordId]).to.deep.equal(['customers', created!.id]);
    // The workspace shows the table again, with the drawer over it (not over the run log).
    expect(deep(el, 'ltc-rule-editor')).to.equal(null);
    expect(deep(el, 'ltc-table')).to.not.equal(null);
  });
});
