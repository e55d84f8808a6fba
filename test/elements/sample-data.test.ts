/**
 * Starting with your own data (issue 10): `sample-data="none"`, the choice when a workspace
 * is first created (`sample-data="ask"`), and "clear sample data" with an Undo that restores.
 */
import { expect, fixture, html } from '@open-wc/testing';
import '../../src/define.js';
import type { LtcApp } from '../../src/elements/ltc-app.js';
import type { LtcTable } from '../../src/elements/ltc-table.js';
import { MemoryStore } from '../../src/store/index.js';
import { deep, waitFor, forgetLanguageChoices } from './helpers.js';

async function open(store: MemoryStore, sampleData: string, appId = 'samples') {
  return fixture<LtcApp>(html`<ltc-app template="customer-ltv" app-id=${appId} lang="zh-CN" sample-data=${sampleData} .store=${store}></ltc-app>`);
}

describe('starting with your own data', function () {
  this.timeout(60000);
  beforeEach(forgetLanguageChoices);
  afterEach(forgetLanguageChoices);

  it('sample-data="none" creates the template’s tables with no records and no "clear sample data"', async () => {
    const store = new MemoryStore();
    const el = await open(store, 'none');
    await waitFor(() => el.app, 'app');
    const table = await waitFor(() => deep<LtcTable>(el, 'ltc-table'), 'table');
    await waitFor(() => !table.loading, 'loaded');
    expect(el.app!.tables.map((t) => t.id)).to.deep.equal(['customers', 'orders', 'orderLines', 'staff', 'tasks', 'messages']);
    expect(await store.countRecords('samples', 'customers')).to.equal(0);
    expect(table.total).to.equal(0);
    expect(deep(el, 'button.clear-samples')).to.equal(null);
  });

  it('sample-data="ask" lets the person creating the workspace choose, from the keyboard too', async () => {
    const store = new MemoryStore();
    const el = await open(store, 'ask');
    const empty = await waitFor(() => deep<HTMLButtonElement>(el, 'button.start-empty'), 'the choice');
    expect(deep(el, 'button.start-samples')).to.exist;
    await expect(el).to.be.accessible();
    expect(await store.getApp('samples')).to.equal(undefined);
    empty.focus();
    empty.click();
    await waitFor(() => el.app, 'app');
    expect(await store.countRecords('samples', 'customers')).to.equal(0);
    // Once the workspace exists, it opens without asking.
    el.remove();
    const again = await open(store, 'ask');
    await waitFor(() => again.app, 'app reopened');
    expect(deep(again, 'button.start-empty')).to.equal(null);
  });

  it('clears sample data after confirmation, keeps the user’s own records, and Undo restores every record', async () => {
    const store = new MemoryStore();
    const el = await open(store, '');
    await waitFor(() => el.app, 'app');
    const table = await waitFor(() => deep<LtcTable>(el, 'ltc-table'), 'table');
    await waitFor(() => table.total === 240, '240 sample customers');
    const [mine] = await store.mutate('samples', [{ type: 'create', tableId: 'customers', values: { name: '我的第一位客户' } }]);
    await waitFor(() => table.total === 241, 'own customer shown');

    const button = await waitFor(() => deep<HTMLButtonElement>(el, 'button.clear-samples'), 'clear sample data button');
    button.click();
    const dialog = await waitFor(() => deep<HTMLDialogElement>(el, 'dialog.clear-samples[open]'), 'confirmation');
    await expect(el).to.be.accessible();
    // Cancel changes nothing.
    deep<HTMLButtonElement>(dialog, 'button.cancel')!.click();
    expect(dialog.open).to.equal(false);
    expect(await store.countRecords('samples', 'customers')).to.equal(241);

    button.click();
    deep<HTMLButtonElement>(el, 'dialog.clear-samples button.confirm-clear')!.click();
    await waitFor(() => deep(el, '.toast button.undo'), 'undo offered');
    expect((await store.queryRecords('samples', 'customers')).map((r) => r.id)).to.deep.equal([mine!.id]);
    expect(await store.countRecords('samples', 'orders')).to.equal(0);
    await waitFor(() => table.total === 1, 'table shows only the own customer');
    await waitFor(() => deep(el, 'button.clear-samples') === null, 'button gone once cleared');

    deep<HTMLButtonElement>(el, '.toast button.undo')!.click();
    await waitFor(() => table.total === 241, 'sample customers back');
    expect(await store.countRecords('samples', 'orders')).to.be.greaterThan(2000);
    await waitFor(() => deep(el, 'button.clear-samples'), 'the button is back with the sample data');
  });
});
