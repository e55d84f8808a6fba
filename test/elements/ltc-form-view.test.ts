/**
 * The store-free form renderer (`LtcFormView`, src/elements/form/form-view.ts), driven like a
 * user: sections and rows, visibility that follows the typing, validation after leaving a
 * field and on submit in both languages, focus on the first invalid field, native input /
 * change events a plain listener sees, the thank-you state, rows stacked on a phone, axe.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys, setViewport } from '@web/test-runner-commands';
import '../../widgets/index.js';
import { LtcFormView } from '../../src/elements/form/form-view.js';
import type { FieldDef } from '../../src/core/schema/types.js';
import type { FormDef, SubmissionValues } from '../../src/core/forms/model.js';
import { deep, deepAll, typeInto, waitFor } from './helpers.js';

class TestFormView extends LtcFormView {
  submissions: SubmissionValues[] = [];
  failWith: Error | undefined;
  protected override async submitValues(values: SubmissionValues) {
    if (this.failWith) throw this.failWith;
    this.submissions.push(values);
    return { appId: 'a', tableId: 'customers', recordId: `r${this.submissions.length}` };
  }
}
if (!customElements.get('test-form-view')) customElements.define('test-form-view', TestFormView);

const FIELDS: FieldDef[] = [
  { id: 'name', name: '姓名', type: 'text', labels: { en: 'Name' }, required: true },
  { id: 'kind', name: '客户类型', type: 'select', options: { choices: [{ id: 'person', name: '个人', labels: { en: 'Person' } }, { id: 'company', name: '企业', labels: { en: 'Company' } }] } },
  { id: 'company', name: '公司', type: 'text', labels: { en: 'Company name' }, required: true },
  { id: 'phone', name: '电话', type: 'phone', labels: { en: 'Phone' } },
  { id: 'email', name: '邮箱', type: 'email', labels: { en: 'Email' } },
  { id: 'spend', name: '预算', type: 'money', labels: { en: 'Budget' }, options: { min: 0 } },
  { id: 'source', name: '来源', type: 'text', labels: { en: 'Source' } },
  { id: 'news', name: '订阅', type: 'checkbox', labels: { en: 'Newsletter' } },
];

const FORM: FormDef = {
  id: 'lead',
  name: 'Lead',
  description: { text: 'Tell us about you', labels: { 'zh-CN': '介绍一下你自己' } },
  items: [
    { id: 'h1', kind: 'heading', title: { text: 'Contact', labels: { 'zh-CN': '联系方式' } } },
    { id: 'i1', kind: 'field', fieldId: 'name', label: { text: 'Your name', labels: { 'zh-CN': '您的姓名' } }, help: { text: 'As on your ID' } },
    { id: 'i2', kind: 'field', fieldId: 'kind', defaultValue: 'person' },
    { id: 'i3', kind: 'field', fieldId: 'company', visibleWhen: { '==': [{ var: 'kind' }, 'company'] } },
    { id: 'r1', kind: 'row', items: [{ id: 'i4', kind: 'field', fieldId: 'phone' }, { id: 'i5', kind: 'field', fieldId: 'email', placeholder: { text: 'you@example.com' } }] },
    { id: 'h2', kind: 'heading', title: { text: 'More' } },
    { id: 't1', kind: 'text', text: { text: 'Optional questions' } },
    { id: 'i6', kind: 'field', fieldId: 'spend' },
    { id: 'i7', kind: 'field', fieldId: 'source', readOnly: true },
    { id: 'i8', kind: 'field', fieldId: 'news' },
  ],
  thankYou: { title: { text: 'Got it', labels: { 'zh-CN': '已收到' } } },
};

async function view(locale: 'en' | 'zh-CN' = 'en'): Promise<TestFormView> {
  const el = await fixture<TestFormView>(html`<test-form-view .formDef=${FORM} .fields=${FIELDS} .locale=${locale} .values=${{ kind: 'person', source: 'wechat' }}></test-form-view>`);
  await el.updateComplete;
  return el;
}

const input = (el: Element, fieldId: string) => deep<HTMLInputElement>(el, `[name="${fieldId}"]`);
const message = (el: Element, fieldId: string) => deep(el, `[data-field="${fieldId}"] .message`)?.textContent?.trim();

describe('LtcFormView (the form renderer)', function () {
  this.timeout(20000);
  afterEach(() => setViewport({ width: 800, height: 600 }));

  it('renders sections, texts, rows, per-form labels, help and placeholders, a read-only prefilled value', async () => {
    const el = await view('zh-CN');
    expect(deepAll(el, 'section h3').map((h) => h.textContent)).to.deep.equal(['联系方式', 'More']);
    expect(deep(el, 'label[for="f-1"]')?.textContent).to.equal('您的姓名');
    expect(deep(el, 'label[for="f-1"]')?.classList.contains('required')).to.equal(true);
    expect(deep(el, '#f-1-help')?.textContent).to.equal('As on your ID');
    expect(input(el, 'email')?.placeholder).to.equal('you@example.com');
    expect(deepAll(el, '.row [data-field]').map((f) => f.getAttribute('data-field'))).to.deep.equal(['phone', 'email']);
    expect(deep(el, 'output[name="source"]')?.textContent).to.equal('wechat');
    expect(input(el, 'source')?.localName).to.equal('output');
    expect(deep(el, 'form > .description')?.textContent).to.equal('介绍一下你自己');
  });

  it('shows and hides a field as the user chooses, and a hidden required field does not block', async () => {
    const el = await view();
    expect(input(el, 'company')).to.equal(null);
    const kind = deep<HTMLSelectElement>(el, 'select[name="kind"]')!;
    kind.value = 'company';
    kind.dispatchEvent(new Event('change', { bubbles: true }));
    await el.updateComplete;
    expect(input(el, 'company')).to.not.equal(null);
    kind.value = 'person';
    kind.dispatchEvent(new Event('change', { bubbles: true }));
    await el.updateComplete;
    expect(input(el, 'company')).to.equal(null);
    await typeInto(input(el, 'name')!, 'Wang Fang');
    deep<HTMLButtonElement>(el, 'button[type="submit"]')!.click();
    await waitFor(() => el.submissions.length === 1, 'submitted');
    expect(el.submissions[0]).to.not.have.property('company');
    expect(el.submissions[0]).to.include({ name: 'Wang Fang', kind: 'person', source: 'wechat' });
  });

  it('validates a field after it is left, then as the user types, in the page language', async () => {
    for (const [locale, required, email] of [
      ['en', '"Your name" is required', 'is not a valid email'],
      ['zh-CN', '“您的姓名”为必填项', '邮箱'],
    ] as const) {
      const el = await view(locale);
      const name = input(el, 'name')!;
      name.focus();
      await sendKeys({ type: 'a' });
      expect(message(el, 'name'), 'not validated before the field is left').to.equal(undefined);
      await sendKeys({ press: 'Backspace' });
      await sendKeys({ press: 'Tab' });
      await el.updateComplete;
      expect(message(el, 'name')).to.equal(required);
      name.focus();
      await sendKeys({ type: 'W' });
      await el.updateComplete;
      expect(message(el, 'name'), 'cleared as the user types').to.equal(undefined);
      await typeInto(input(el, 'email')!, 'not-an-email');
      await sendKeys({ press: 'Tab' });
      await el.updateComplete;
      expect(message(el, 'email')).to.contain(email);
    }
  });

  it('on submit marks every problem and moves focus to the first invalid field', async () => {
    const el = await view();
    await typeInto(input(el, 'spend')!, '-5');
    deep<HTMLButtonElement>(el, 'button[type="submit"]')!.click();
    await waitFor(() => message(el, 'name'), 'errors shown');
    expect(message(el, 'spend')).to.be.a('string');
    expect(el.shadowRoot!.activeElement).to.equal(input(el, 'name'));
    expect(deep(el, '.summary')?.textContent).to.contain('2');
    expect(el.submissions).to.have.length(0);
  });

  it('fires native input and change events from the host that a plain listener sees, and exposes the values', async () => {
    const el = await view();
    const seen: string[] = [];
    const listener = (event: Event) => seen.push(`${event.type}:${event.target === el}:${(event as CustomEvent).detail ?? 'none'}`);
    document.body.addEventListener('input', listener);
    document.body.addEventListener('change', listener);
    try {
      await typeInto(input(el, 'name')!, 'Li');
      expect(seen.filter((s) => s.startsWith('input:'))).to.deep.equal(['input:true:none', 'input:true:none']);
      expect(el.values.name).to.equal('Li');
      expect(el.getValue('name')).to.equal('Li');
      input(el, 'news')!.click();
      await el.updateComplete;
      expect(seen).to.include('change:true:none');
      expect(el.getValue('news')).to.equal(true);
      el.setValue('phone', '13800138000');
      await el.updateComplete;
      expect(input(el, 'phone')?.value).to.equal('13800138000');
    } finally {
      document.body.removeEventListener('input', listener);
      document.body.removeEventListener('change', listener);
    }
  });

  it('shows the thank-you state, fires ltc-form-submitted, and starts over with "submit another"', async () => {
    const el = await view('zh-CN');
    const events: CustomEvent[] = [];
    el.addEventListener('ltc-form-submitted', (event) => events.push(event));
    await typeInto(input(el, 'name')!, '王芳');
    deep<HTMLButtonElement>(el, 'button[type="submit"]')!.click();
    await waitFor(() => deep(el, '.thank-you'), 'thank-you');
    expect(deep(el, '.thank-you h2')?.textContent).to.equal('已收到');
    expect(events[0]?.detail).to.include({ recordId: 'r1', tableId: 'customers' });
    expect(events[0]?.detail.values.name).to.equal('王芳');
    deep<HTMLButtonElement>(el, '.thank-you button')!.click();
    await waitFor(() => input(el, 'name'), 'form again');
    expect(input(el, 'name')!.value).to.equal('');
  });

  it('shows a failed submission as an error and keeps what was typed', async () => {
    const el = await view();
    el.failWith = new Error('offline');
    await typeInto(input(el, 'name')!, 'Li');
    deep<HTMLButtonElement>(el, 'button[type="submit"]')!.click();
    await waitFor(() => deep(el, '.summary'), 'error');
    expect(deep(el, '.summary')?.textContent).to.equal('Could not submit: offline');
    expect(input(el, 'name')!.value).to.equal('Li');
  });

  it('stacks the items of a row on a 390 px phone and puts them side by side on a wide screen', async () => {
    const el = await view();
    const [phone, email] = deepAll(el, '.row [data-field]');
    expect(phone!.getBoundingClientRect().top).to.equal(email!.getBoundingClientRect().top);
    await setViewport({ width: 390, height: 800 });
    await waitFor(() => email!.getBoundingClientRect().top > phone!.getBoundingClientRect().bottom - 1, 'stacked');
    expect(email!.getBoundingClientRect().left).to.equal(phone!.getBoundingClientRect().left);
  });

  it('is accessible with sections, rows and an error shown', async () => {
    const el = await view();
    deep<HTMLButtonElement>(el, 'button[type="submit"]')!.click();
    await waitFor(() => message(el, 'name'), 'errors');
    await expect(el).to.be.accessible();
  });
});
