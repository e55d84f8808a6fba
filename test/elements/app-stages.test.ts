/**
 * `<ltc-app>` with a lifecycle stage field: the designer script's tracker records every
 * customer's stage on open, an order paid in the workspace moves its customer's stage at
 * once, the host hears `ltc-stage-changed`, the table shows the stage chip, and the record
 * drawer's history shows the move as from → to chips with its reason.
 */
import { expect, fixture, html } from '@open-wc/testing';
import '../../src/define.js';
import type { LtcApp } from '../../src/elements/ltc-app.js';
import { MemoryStore } from '../../src/store/index.js';
import type { StageChangedDetail } from '../../src/runtime/stage-tracker.js';
import { deepAll, waitFor } from './helpers.js';
import { shopApp } from '../helpers/stage-app.js';

/** Polls an async check until it holds. */
async function until(check: () => Promise<boolean>, message: string, timeout = 20000): Promise<void> {
  const started = performance.now();
  while (!(await check())) {
    if (performance.now() - started > timeout) throw new Error(`timed out waiting for ${message}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('<ltc-app> lifecycle stages', function () {
  this.timeout(60000);

  it('records stages, moves one when an order is paid and tells the host page', async () => {
    const store = new MemoryStore();
    await store.putApp(shopApp({ id: 'stage-shop' }));
    const today = new Date().toISOString().slice(0, 10);
    await store.mutate('stage-shop', [
      { type: 'create', tableId: 'customers', id: 'c1', values: { name: '范国庆' } },
      { type: 'create', tableId: 'orders', id: 'o1', values: { customer: 'c1', orderDate: today, paymentStatus: 'paid' } },
      { type: 'create', tableId: 'orders', id: 'o2', values: { customer: 'c1', orderDate: today, paymentStatus: 'pending' } },
    ]);
    const heard: StageChangedDetail[] = [];
    const el = await fixture<LtcApp>(html`<ltc-app app-id="stage-shop" lang="en" .store=${store} @ltc-stage-changed=${(e: CustomEvent<StageChangedDetail>) => heard.push(e.detail)}></ltc-app>`);
    await until(async () => (await store.getRecord('stage-shop', 'customers', 'c1'))?.values.stage === 'new', 'the first recorded stage');
    expect(heard).to.deep.equal([]);
    await waitFor(() => deepAll(el, 'ltc-table', '.chip[data-stage="new"]').length > 0, 'the stage chip in the table', 10000);
    expect(deepAll(el, 'ltc-table', '.chip[data-stage="new"]')[0]!.textContent).to.equal('New');

    const o2 = (await store.getRecord('stage-shop', 'orders', 'o2'))!;
    await store.mutate('stage-shop', [{ type: 'update', tableId: 'orders', id: 'o2', expectedVersion: o2.version, values: { paymentStatus: 'paid' } }]);
    await waitFor(() => heard.length === 1, 'ltc-stage-changed', 10000);
    expect(heard[0]).to.deep.include({ appId: 'stage-shop', tableId: 'customers', recordId: 'c1', fieldId: 'stage', from: 'new', to: 'active' });
    expect(heard[0]!.reason).to.deep.include({ cause: 'records', counted: 2, lastAt: today });
    expect((await store.getRecord('stage-shop', 'customers', 'c1'))!.values.stage).to.equal('active');
  });
});
