/**
 * The workspace reopened with its derived values kept (issue 10, "every computed column ready
 * ≤ 1.5 s"): the customers grid shows every computed column, sorts and filters, while the
 * orders behind it are still being read; the full load then takes over with the same values.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { setViewport } from '@web/test-runner-commands';
import type { LtcApp } from '../../src/elements/ltc-app.js';
import type { LtcTable } from '../../src/elements/ltc-table.js';
import '../../src/define.js';
import { SNAPSHOT_NAME } from '../../src/runtime/derived-snapshot.js';
import { MemoryStore } from '../../src/store/index.js';
import type { Store } from '../../src/store/types.js';
import { deep, forgetLanguageChoices, stagesRecorded, waitFor } from './helpers.js';

const APP = 'snap-app';

describe('<ltc-app> reopened with kept derived values', function () {
  this.timeout(120000);
  beforeEach(forgetLanguageChoices);
  afterEach(async () => {
    forgetLanguageChoices();
    await setViewport({ width: 800, height: 600 });
  });

  it('paints the computed columns before the orders are read, and the full load agrees', async () => {
    await setViewport({ width: 1360, height: 800 });
    const store = new MemoryStore();
    const first = await fixture<LtcApp>(html`<ltc-app template="customer-ltv" app-id=${APP} lang="zh-CN" .store=${store}></ltc-app>`);
    await waitFor(() => first.derived?.ready, 'derived values', 20000);
    await stagesRecorded(store, APP);
    // Kept a moment after the last change settled, at the revision the store is at.
    await waitFor(
      async () => {
        const kept = await store.readDerived(APP, SNAPSHOT_NAME);
        return (kept.value as { revision?: string } | undefined)?.revision === kept.revision;
      },
      'the snapshot kept at the current revision',
      20000,
    );
    const customers = await store.queryRecords(APP, 'customers');
    const ltvBefore = new Map(customers.map((c) => [c.id, first.derived!.value('customers', c.id, 'ltv')]));
    first.remove();

    // Reopen on a store whose orders take as long as we like to read.
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const held = Object.create(store) as Store;
    held.queryRecords = async (appId, tableId, query) => {
      if (tableId === 'orders' && query?.limit === undefined) await gate;
      return store.queryRecords(appId, tableId, query);
    };
    const el = await fixture<LtcApp>(html`<ltc-app app-id=${APP} lang="zh-CN" .store=${held}></ltc-app>`);
    const table = await waitFor(() => deep<LtcTable>(el, 'ltc-table'), 'ltc-table', 20000);
    await waitFor(() => el.derived?.isReady('customers'), 'the customers from the kept values', 20000);
    expect(el.derived!.ready).to.equal(false);
    // Sorted by LTV, highest first, in memory: the grid's first row is the top customer.
    table.view = { id: 'by-ltv', name: 'by LTV', sort: [{ fieldId: 'ltv', direction: 'desc' }] };
    const top = [...ltvBefore.entries()].filter(([, v]) => typeof v === 'number').sort((a, b) => (b[1] as number) - (a[1] as number))[0]![0];
    await waitFor(() => table.shadowRoot!.querySelector<HTMLElement>('tr[data-id]')?.dataset.id === top, 'sorted by the kept LTV');
    const cells = [...table.shadowRoot!.querySelectorAll<HTMLElement>('td[role="gridcell"]')].map((td) => td.textContent!.trim());
    expect(cells.length).to.be.greaterThan(20);
    // No computed cell waits ('…'), and the table does not say it is computing.
    expect(cells.filter((text) => text.endsWith('…'))).to.deep.equal([]);
    expect(table.shadowRoot!.querySelector('.status')?.textContent ?? '').to.not.match(/计算|Computing/);
    expect(el.derived!.ready).to.equal(false);

    release();
    await waitFor(() => el.derived?.ready, 'the full load', 20000);
    const after = [...ltvBefore.keys()].filter((id) => el.derived!.value('customers', id, 'ltv') !== ltvBefore.get(id));
    expect(after).to.deep.equal([]);
  });
});
