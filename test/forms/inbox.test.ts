/**
 * The workspace's inbox (src/forms/inbox.ts): submissions pulled from the endpoint are stored
 * once however often (and from however many tabs) they are pulled, sub-table rows become
 * child records in the same write, invalid submissions are reported and not stored, and the
 * cursor makes the next pull ask only for newer ones.
 */
import { expect } from '@open-wc/testing';
import { MemoryStore } from '../../src/store/index.js';
import { pullInbox, startInbox } from '../../src/forms/inbox.js';
import type { FormSubmission } from '../../src/core/forms/model.js';
import { waitFor } from '../elements/helpers.js';
import { leadApp } from './fixtures.js';

function submission(n: number, values: FormSubmission['values'], form = { tableId: 'customers', formId: 'lead' }): FormSubmission {
  return { format: 'ltc-submission', formatVersion: 1, submissionId: `7a000000-0000-4000-8000-${String(n).padStart(12, '0')}`, appId: 'shop', ...form, submittedAt: '2026-12-02T00:00:00.000Z', values };
}

/** An inbox endpoint over a list, answering pages of `page` after a numeric cursor. */
function inboxFetch(list: unknown[], page = 2, asked: string[] = []): typeof fetch {
  return async (input) => {
    const url = new URL(String(input));
    const after = Number(url.searchParams.get('after') ?? 0);
    asked.push(url.searchParams.get('after') ?? '');
    const submissions = list.slice(after, after + page);
    return new Response(JSON.stringify({ submissions, next: String(after + submissions.length) }), { status: 200 });
  };
}

async function storeWithApp(): Promise<MemoryStore> {
  const store = new MemoryStore();
  await store.putApp(leadApp());
  return store;
}

describe('pullInbox', () => {
  it('stores each submission once, by its id, however often and however concurrently it is pulled', async () => {
    const store = await storeWithApp();
    const list = [submission(1, { name: '甲', budget: 10 }), submission(2, { name: '乙' }), submission(3, { name: '丙', kind: 'company', company: 'ACME' })];
    const fetcher = inboxFetch(list);
    const [a, b] = await Promise.all([pullInbox({ store, appId: 'shop', url: 'https://shop.test/inbox', fetch: fetcher }), pullInbox({ store, appId: 'shop', url: 'https://shop.test/inbox', fetch: fetcher })]);
    expect(a.stored + b.stored).to.equal(3);
    expect(a.stored + a.repeated).to.equal(3);
    const again = await pullInbox({ store, appId: 'shop', url: 'https://shop.test/inbox', fetch: fetcher });
    expect([again.stored, again.repeated]).to.deep.equal([0, 3]);
    const records = await store.queryRecords('shop', 'customers');
    expect(records.map((r) => [r.id, r.values.name]).sort()).to.deep.equal([
      ['sub_7a000000-0000-4000-8000-000000000001', '甲'],
      ['sub_7a000000-0000-4000-8000-000000000002', '乙'],
      ['sub_7a000000-0000-4000-8000-000000000003', '丙'],
    ]);
    expect(records.find((r) => r.values.name === '甲')!.values.budget).to.equal(10);
  });

  it('pulls only after the cursor it was given, and returns the new one', async () => {
    const store = await storeWithApp();
    const asked: string[] = [];
    const list = [submission(1, { name: 'a' }), submission(2, { name: 'b' }), submission(3, { name: 'c' })];
    const first = await pullInbox({ store, appId: 'shop', url: 'https://shop.test/inbox', fetch: inboxFetch(list, 2, asked) });
    expect([first.stored, first.cursor]).to.deep.equal([3, '3']);
    list.push(submission(4, { name: 'd' }));
    const next = await pullInbox({ store, appId: 'shop', url: 'https://shop.test/inbox', cursor: first.cursor, fetch: inboxFetch(list, 2, asked) });
    expect([next.stored, next.repeated, next.cursor]).to.deep.equal([1, 0, '4']);
    expect(asked).to.deep.equal(['', '2', '3', '3', '4']);
  });

  it('stores a sub-table submission as the parent and its rows in one write, and reports invalid ones without storing them', async () => {
    const store = await storeWithApp();
    const order = submission(5, { no: 'SO1', lines: [{ values: { product: '苹果', qty: 2 } }, { values: { product: '梨', qty: 1 } }] }, { tableId: 'orders', formId: 'order' });
    const invalid = submission(6, { name: '', budget: 'lots', ghost: 1 });
    const strange = { ...submission(7, { name: 'x' }), tableId: 'nope' };
    const pulled = await pullInbox({ store, appId: 'shop', url: 'https://shop.test/inbox', fetch: inboxFetch([order, invalid, strange, 'junk'], 10) });
    expect(pulled.stored).to.equal(1);
    expect(pulled.invalid.map((p) => p.submissionId)).to.deep.equal([invalid.submissionId, strange.submissionId, undefined]);
    expect(pulled.invalid[0]!.errors.map((e) => e.path)).to.have.members(['values.name', 'values.budget', 'values.ghost']);
    const parentId = 'sub_7a000000-0000-4000-8000-000000000005';
    expect((await store.getRecord('shop', 'orders', parentId))?.values.no).to.equal('SO1');
    const lines = await store.queryRecords('shop', 'lines');
    expect(lines.map((l) => [l.values.product, l.values.qty, l.values.order])).to.deep.equal([
      ['苹果', 2, parentId],
      ['梨', 1, parentId],
    ]);
    expect(await store.countRecords('shop', 'customers')).to.equal(0);
  });

  it('checks against the table\'s default form when the app has no form of that id', async () => {
    const store = await storeWithApp();
    const pulled = await pullInbox({ store, appId: 'shop', url: 'https://shop.test/inbox', fetch: inboxFetch([submission(8, { name: 'd', company: 'ACME', source: 'web' }, { tableId: 'customers', formId: 'lead-capture' }), submission(9, { score: 3 }, { tableId: 'customers', formId: 'lead-capture' })], 10) });
    expect(pulled.stored).to.equal(1);
    expect(pulled.invalid[0]!.errors.map((e) => e.path)).to.include('values.score');
  });
});

describe('startInbox', () => {
  it('pulls on start and on pullNow, tells the workspace, reports invalid submissions as ltc-error, and stops once inactive', async () => {
    const store = await storeWithApp();
    const list: unknown[] = [submission(10, { name: 'e' })];
    const host = new EventTarget();
    const errors: string[] = [];
    host.addEventListener('ltc-error', (e) => errors.push((e as CustomEvent<{ code: string }>).detail.code));
    const messages: string[] = [];
    let active = true;
    let requests = 0;
    const fetcher = inboxFetch(list, 10);
    const inbox = startInbox({ store, appId: 'shop', url: 'https://shop.test/inbox', host, locale: () => 'en', onMessage: (m) => messages.push(m), active: () => active, intervalMs: 60_000, fetch: (input, init) => (requests++, fetcher(input, init)) });
    await waitFor(() => messages.length === 1, 'the first pull');
    expect(messages[0]).to.equal('1 new submission(s) from the inbox');
    expect(inbox.label('zh-CN')).to.equal('拉取表单提交');
    list.push(submission(11, { name: '' }));
    await inbox.pullNow();
    expect(errors).to.deep.equal(['inbox.invalid']);
    expect(messages[1]).to.include('values.name');
    active = false;
    const before = requests;
    expect(await inbox.pullNow()).to.equal(undefined);
    expect(requests).to.equal(before);
    expect(await store.countRecords('shop', 'customers')).to.equal(1);
  });
});
