/**
 * `<ltc-app inbox>`: the workspace pulls the published lead form's submissions from the demo
 * server's inbox (mounted by the test runner under /api/) when it opens and on "Pull
 * submissions", stores each once, and shows what it did in its status line.
 */
import { expect, fixture, html } from '@open-wc/testing';
import '../../src/define.js';
import type { LtcApp } from '../../src/elements/ltc-app.js';
import { MemoryStore } from '../../src/store/index.js';
import { deep, waitFor } from '../elements/helpers.js';

function lead(name: string) {
  return {
    format: 'ltc-submission',
    formatVersion: 1,
    submissionId: crypto.randomUUID(),
    appId: 'fruit-shop',
    tableId: 'customers',
    formId: 'lead-capture',
    submittedAt: new Date().toISOString(),
    values: { name, mobile: '13912345678', city: 'hangzhou', source: 'online' },
  };
}

async function post(submission: ReturnType<typeof lead>): Promise<number> {
  const response = await fetch('/api/forms/submissions', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(submission) });
  return response.status;
}

describe('<ltc-app inbox>', () => {
  it('pulls leads on open and on "Pull submissions", one record per submission', async () => {
    const first = lead(`开店访客${Math.floor(Math.random() * 1e6)}`);
    expect(await post(first)).to.equal(201);
    const store = new MemoryStore();
    const el = await fixture<LtcApp>(html`<ltc-app template="customer-ltv" app-id="fruit-shop" lang="en" inbox="/api/inbox" .store=${store}></ltc-app>`);
    await waitFor(async () => (await store.getRecord('fruit-shop', 'customers', `sub_${first.submissionId}`))?.values.name === first.values.name, 'the lead pulled on open', 30000);
    const button = await waitFor(() => deep<HTMLButtonElement>(el, 'button.pull'), 'the pull button');
    expect(button.textContent).to.equal('Pull submissions');
    await waitFor(() => deep(el, '.toast')?.textContent?.includes('new submission'), 'the status line');

    const second = lead('第二位访客');
    expect(await post(second)).to.equal(201);
    expect(await post(second), 'a repeat is stored once by the endpoint').to.equal(200);
    button.click();
    await waitFor(async () => !!(await store.getRecord('fruit-shop', 'customers', `sub_${second.submissionId}`)), 'the second lead after "Pull submissions"', 30000);
    button.click();
    await new Promise((resolve) => setTimeout(resolve, 500));
    const records = await store.queryRecords('fruit-shop', 'customers');
    expect(records.filter((r) => r.values.name === second.values.name).length).to.equal(1);
    expect(records.filter((r) => r.values.name === first.values.name).length).to.equal(1);
    await expect(el).to.be.accessible();
  });
});
