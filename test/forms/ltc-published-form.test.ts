/**
 * `<ltc-form src action>`, the published form (src/form-runtime.ts), driven like a visitor:
 * it renders a form file, submits through the outbox while the endpoint is down, keeps the
 * submission across a "reload" (a new element over the same outbox, the page's sender gone)
 * and sends it once the endpoint is back, with the same submissionId, stored once even when
 * an answer is lost; an action on a foreign origin is refused; a broken form file shows a
 * clear error; and the whole loop runs against the demo server's endpoint and inbox.
 */
import { expect, fixture, html } from '@open-wc/testing';
import '../../src/form-runtime.js';
import { publishForm } from '../../src/core/forms/publish.js';
import type { FormSubmission } from '../../src/core/forms/model.js';
import { Outbox } from '../../src/forms/outbox.js';
import { closeSender } from '../../src/forms/delivery.js';
import { pullInbox } from '../../src/forms/inbox.js';
import { submissionRecordId } from '../../src/core/forms/submission.js';
import { openCustomerLtv } from '../helpers/customer-ltv.js';
import { deep, typeInto, waitFor } from '../elements/helpers.js';
import { leadApp } from './fixtures.js';

const ACTION = 'https://shop.test/api/forms/submissions';

/** A fake endpoint on another origin: down, up, or up but losing its answer once. */
class Endpoint {
  up = false;
  loseNextAnswer = false;
  readonly stored = new Map<string, FormSubmission>();
  posts = 0;

  async handle(init: RequestInit | undefined): Promise<Response> {
    if (!this.up) throw new TypeError('Failed to fetch');
    this.posts++;
    const submission = JSON.parse(String(init?.body)) as FormSubmission;
    const repeat = this.stored.has(submission.submissionId);
    if (!repeat) this.stored.set(submission.submissionId, submission);
    if (this.loseNextAnswer) {
      this.loseNextAnswer = false;
      throw new TypeError('network changed');
    }
    return new Response(JSON.stringify({ stored: !repeat }), { status: repeat ? 200 : 201 });
  }
}

let endpoint: Endpoint;
let calls: string[];
const realFetch = window.fetch;

beforeEach(() => {
  endpoint = new Endpoint();
  calls = [];
  window.fetch = (input: RequestInfo | URL, init?: RequestInit) => {
    const url = String(input instanceof Request ? input.url : input);
    calls.push(url);
    return url.startsWith('https://shop.test/') ? endpoint.handle(init) : realFetch(input, init);
  };
});
afterEach(() => {
  window.fetch = realFetch;
});

function fileUrl(json: unknown): string {
  return URL.createObjectURL(new Blob([JSON.stringify(json)], { type: 'application/json' }));
}

const leadFile = () => publishForm(leadApp(), 'customers', 'lead').file;

async function renderForm(template: ReturnType<typeof html>): Promise<HTMLElement> {
  const el = await fixture<HTMLElement>(template);
  await waitFor(() => deep(el, '[data-field="name"] input'), 'the form to render');
  return el;
}

async function fillAndSubmit(el: HTMLElement, name: string): Promise<CustomEvent<{ submission: FormSubmission; recordId: string }>> {
  await typeInto(deep<HTMLInputElement>(el, '[data-field="name"] input')!, name);
  // The demo's lead form (the template's) asks for a mobile number too.
  const mobile = deep<HTMLInputElement>(el, '[data-field="mobile"] input');
  if (mobile) await typeInto(mobile, '13912345678');
  const submitted = new Promise<CustomEvent<{ submission: FormSubmission; recordId: string }>>((resolve) => el.addEventListener('ltc-form-submitted', (e) => resolve(e as CustomEvent), { once: true }));
  deep<HTMLButtonElement>(el, 'button[type="submit"]')!.click();
  return submitted;
}

async function outboxEntries(name: string) {
  const outbox = await Outbox.open(name);
  try {
    return await outbox.all();
  } finally {
    outbox.close();
  }
}

describe('<ltc-form src action> (published)', () => {
  it('keeps a submission through a failing network and a reload, then sends it once with the same id', async () => {
    const db = `outbox-${crypto.randomUUID()}`;
    const src = fileUrl(leadFile());
    let el = await renderForm(html`<ltc-form lang="en" src=${src} action=${ACTION} allowed-origins="https://shop.test" outbox=${db}></ltc-form>`);
    const event = await fillAndSubmit(el, 'Wang');
    const id = event.detail.submission.submissionId;
    expect(id).to.match(/^[0-9a-f-]{36}$/);
    expect(event.detail.recordId).to.equal(submissionRecordId(id));
    expect(event.detail.submission.values).to.deep.equal({ name: 'Wang', email: null, kind: null, budget: null, source: null });
    // Queued before the first attempt; the attempt failed; the visitor is told it will be sent.
    await waitFor(() => deep(el, '[part="status"]')?.textContent?.includes('once you are online'), 'the saved-offline state');
    expect((await outboxEntries(db)).map((e) => [e.submission.submissionId, e.status, e.attempts])).to.deep.equal([[id, 'pending', 1]]);
    expect(endpoint.stored.size).to.equal(0);

    // The page is closed and opened again: a new element over the same outbox, the endpoint back
    // up but losing its first answer (stored, yet the browser hears nothing).
    el.remove();
    await closeSender(db);
    endpoint.up = true;
    endpoint.loseNextAnswer = true;
    el = await renderForm(html`<ltc-form lang="en" src=${src} action=${ACTION} allowed-origins="https://shop.test" outbox=${db}></ltc-form>`);
    await waitFor(() => endpoint.posts >= 1, 'the leftover submission to be sent on load');
    expect((await outboxEntries(db)).length, 'a lost answer keeps the entry').to.equal(1);
    window.dispatchEvent(new Event('online'));
    await waitFor(async () => (await outboxEntries(db)).length === 0, 'the retry to be accepted');
    expect(endpoint.posts).to.equal(2);
    expect([...endpoint.stored.keys()]).to.deep.equal([id]);
    await closeSender(db);
  });

  it('shows "sent" when the endpoint accepts at once, and passes prefill and utm values along', async () => {
    endpoint.up = true;
    const db = `outbox-${crypto.randomUUID()}`;
    const el = await renderForm(html`<ltc-form lang="zh-CN" src=${fileUrl(leadFile())} action=${ACTION} allowed-origins="https://shop.test" outbox=${db} prefill-utm_source="poster"></ltc-form>`);
    await expect(el).to.be.accessible();
    const event = await fillAndSubmit(el, '王小明');
    expect(event.detail.submission.values).to.deep.equal({ name: '王小明', email: null, kind: null, budget: null, source: 'poster' });
    await waitFor(() => deep(el, '[part="status"]')?.textContent?.includes('已提交'), 'the sent state');
    expect([...endpoint.stored.values()].map((s) => s.values.name)).to.deep.equal(['王小明']);
    expect(await outboxEntries(db)).to.deep.equal([]);
    await closeSender(db);
  });

  it('refuses an action on an origin neither the page nor allowed-origins names: nothing queued, nothing sent', async () => {
    endpoint.up = true;
    const db = `outbox-${crypto.randomUUID()}`;
    const el = await renderForm(html`<ltc-form lang="en" src=${fileUrl(leadFile())} action="https://evil.test/collect" allowed-origins="https://shop.test" outbox=${db}></ltc-form>`);
    const errors: string[] = [];
    el.addEventListener('ltc-error', (e) => errors.push((e as CustomEvent<{ code: string }>).detail.code));
    let submitted = false;
    el.addEventListener('ltc-form-submitted', () => (submitted = true));
    await typeInto(deep<HTMLInputElement>(el, '[data-field="name"] input')!, 'Mallory');
    deep<HTMLButtonElement>(el, 'button[type="submit"]')!.click();
    const alert = await waitFor(() => deep(el, '.summary'), 'the refusal');
    expect(alert.textContent).to.include('https://evil.test');
    expect(errors).to.deep.equal(['form.actionOrigin']);
    expect(submitted).to.equal(false);
    expect(calls.filter((url) => url.includes('evil.test'))).to.deep.equal([]);
    expect(await outboxEntries(db)).to.deep.equal([]);
    // The values are still there to send elsewhere.
    expect(deep<HTMLInputElement>(el, '[data-field="name"] input')!.value).to.equal('Mallory');
  });

  it('without action only fires the event, posting nothing', async () => {
    const el = await renderForm(html`<ltc-form lang="en" src=${fileUrl(leadFile())}></ltc-form>`);
    const event = await fillAndSubmit(el, 'Li');
    expect(event.detail.submission.values.name).to.equal('Li');
    expect(calls.filter((url) => !url.startsWith('blob:'))).to.deep.equal([]);
  });

  it('shows a clear error, with the path, for a file that is not a form', async () => {
    const broken = { ...leadFile(), form: { ...leadFile().form, items: [{ id: 'x', kind: 'field', fieldId: 'ghost' }] } };
    const el = await fixture<HTMLElement>(html`<ltc-form lang="en" src=${fileUrl(broken)}></ltc-form>`);
    const alert = await waitFor(() => deep(el, '[role="alert"]'), 'the error state');
    expect(alert.textContent).to.include('form.items[0].fieldId');
    expect(deep(el, 'form')).to.equal(null);
    const missing = await fixture<HTMLElement>(html`<ltc-form lang="en" src="/nowhere/lead.form.json"></ltc-form>`);
    expect((await waitFor(() => deep(missing, '[role="alert"]'), 'the load error')).textContent).to.include('HTTP 404');
  });
});

describe('the demo loop: the shop page posts to the demo endpoint, the workspace pulls the lead', () => {
  it('stores the lead once in the workspace, however often it pulls', async () => {
    window.fetch = realFetch;
    const db = `outbox-${crypto.randomUUID()}`;
    const el = await renderForm(html`<ltc-form lang="zh-CN" src="/demo/forms/lead-capture.form.json" action="/api/forms/submissions" outbox=${db}></ltc-form>`);
    const name = `访客${Math.floor(Math.random() * 1e6)}`;
    const event = await fillAndSubmit(el, name);
    await waitFor(() => deep(el, '[part="status"]')?.textContent?.includes('已提交'), 'the endpoint to accept');
    const { store } = await openCustomerLtv('fruit-shop');
    const first = await pullInbox({ store, appId: 'fruit-shop', url: '/api/inbox' });
    expect(first.invalid).to.deep.equal([]);
    expect(first.stored).to.be.greaterThan(0);
    const again = await pullInbox({ store, appId: 'fruit-shop', url: '/api/inbox' });
    expect(again.stored).to.equal(0);
    expect(again.repeated).to.equal(first.stored + first.repeated);
    const record = await store.getRecord('fruit-shop', 'customers', event.detail.recordId);
    expect(record?.values.name).to.equal(name);
    expect(record?.values.mobile).to.equal('13912345678');
    const leads = (await store.queryRecords('fruit-shop', 'customers')).filter((r) => r.values.name === name);
    expect(leads.length).to.equal(1);
    await closeSender(db);
  });
});
