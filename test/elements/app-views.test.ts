/**
 * Saved views inside `<ltc-app>`: the template's views appear as tabs above the table,
 * choosing one makes the table show it (filter, sort, columns), changing the sort from the
 * header marks the view modified, and the settings panel opens from the keyboard.
 */
import { expect, fixture, html } from '@open-wc/testing';
import '../../src/define.js';
import type { LtcApp } from '../../src/elements/ltc-app.js';
import type { LtcTable } from '../../src/elements/ltc-table.js';
import { MemoryStore } from '../../src/store/index.js';
import { deep, deepAll, waitFor, forgetLanguageChoices } from './helpers.js';

describe('<ltc-app> saved views', function () {
  this.timeout(60000);
  beforeEach(forgetLanguageChoices);
  afterEach(forgetLanguageChoices);

  it('shows the template’s views as tabs; a tab makes the table show that view', async () => {
    const el = await fixture<LtcApp>(html`<ltc-app template="customer-ltv" app-id="views-app" lang="zh-CN" .store=${new MemoryStore()}></ltc-app>`);
    await waitFor(() => el.app, 'app', 20000);
    const table = await waitFor(() => deep<LtcTable>(el, 'ltc-table'), 'table');
    await waitFor(() => table.total > 0, 'rows');
    const tabs = await waitFor(() => {
      const found = deepAll<HTMLButtonElement>(el, 'ltc-view-bar', '[role="tab"]');
      return found.length >= 4 ? found : undefined;
    }, 'view tabs', 20000);
    expect(tabs.map((tab) => tab.textContent!.trim())).to.include.members(['高价值客户', '沉默客户', '按来源']);
    const all = table.total;

    tabs.find((tab) => tab.textContent!.includes('沉默客户'))!.click();
    await waitFor(() => table.view?.id === 'goneQuiet', 'the table to take the view');
    await waitFor(() => table.total < all && table.total > 0, 'the view filter to apply', 20000);
    const saved = el.app!.tables[0]!.views!.find((view) => view.id === 'goneQuiet')!;
    expect(table.view).to.deep.equal(saved);
    const headers = deepAll<HTMLElement>(el, 'ltc-table', 'thead button.sort').map((button) => button.dataset.field);
    expect(headers.slice(0, 2)).to.deep.equal(['name', 'mobile']);

    // Sorting from the header changes the view the table shows; the bar marks it modified.
    const sortButton = deep<HTMLButtonElement>(el, 'ltc-table', 'thead button.sort[data-field="name"]')!;
    sortButton.click();
    await waitFor(() => table.view?.sort?.[0]?.fieldId === 'name', 'the sort to change');
    await waitFor(() => deep(el, 'ltc-view-bar', '.modified'), 'the modified marker');

    // Back to All records: no view filter.
    deepAll<HTMLButtonElement>(el, 'ltc-view-bar', '[role="tab"]')[0]!.click();
    await waitFor(() => table.total === all, 'all records again', 20000);
  });

  it('opens the view settings panel', async () => {
    const el = await fixture<LtcApp>(html`<ltc-app template="customer-ltv" app-id="views-app-2" lang="en" .store=${new MemoryStore()}></ltc-app>`);
    await waitFor(() => el.app, 'app', 20000);
    const button = await waitFor(() => deep<HTMLButtonElement>(el, 'button.view-settings-open'), 'settings button');
    button.click();
    const dialog = await waitFor(() => {
      const found = deep<HTMLDialogElement>(el, 'dialog.view-settings');
      return found?.open ? found : undefined;
    }, 'the settings dialog', 20000);
    expect(dialog.querySelector('ltc-view-settings')).to.not.equal(null);
  });
});
