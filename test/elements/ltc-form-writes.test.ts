/**
 * `<ltc-form>` writes through the record-write rules (src/runtime/record-writes.ts): a
 * record imported with a bad value can still be edited — the form names the field and the
 * problem as a warning and lets the other edit through — and typing into a percent field
 * speaks in percent.
 */
import { expect, fixture, html } from '@open-wc/testing';
import '../../widgets/index.js';
import { LtcForm } from '../../src/elements/ltc-form.js';
import type { AppDef, RecordData } from '../../src/core/schema/types.js';
import { MemoryStore } from '../../src/store/index.js';
import { deep, typeInto, waitFor } from './helpers.js';

if (!customElements.get('ltc-form')) customElements.define('ltc-form', LtcForm);

const NOW = '2026-01-01T00:00:00.000Z';
const APP: AppDef = {
  id: 'fw',
  name: 'Form writes',
  version: 1,
  createdAt: NOW,
  updatedAt: NOW,
  tables: [
    {
      id: 'customers',
      name: '客户',
      primaryFieldId: 'name',
      fields: [
        { id: 'name', name: '姓名', type: 'text', required: true },
        { id: 'joined', name: '注册日期', type: 'date' },
        { id: 'discount', name: '折扣', type: 'percent', options: { max: 1 } },
      ],
    },
  ],
};

describe('<ltc-form> record writes', function () {
  this.timeout(20000);
  let store: MemoryStore;
  let app: AppDef;
  let imported: RecordData;

  beforeEach(async () => {
    store = new MemoryStore();
    app = await store.putApp(structuredClone(APP));
    [imported] = (await store.mutate(app.id, [{ type: 'create', tableId: 'customers', values: { name: '赵六', joined: '2024/13/45' } }])) as RecordData[];
  });

  async function form(recordId: string): Promise<LtcForm> {
    const el = await fixture<LtcForm>(html`<ltc-form table-id="customers" record-id=${recordId}></ltc-form>`);
    el.locale = 'zh-CN';
    el.store = store;
    el.app = app;
    await waitFor(() => deep<HTMLInputElement>(el, '[name="name"]')?.value === '赵六' || (!recordId && deep(el, '[name="name"]')), 'form loaded');
    return el;
  }

  it('lets another edit of a record with a bad imported value through, naming that field as a warning', async () => {
    const el = await form(imported.id);
    await waitFor(() => deep(el, '.warning'), 'warning on load');
    expect(deep(el, '.warning')!.textContent).to.contain('注册日期').and.contain('2024/13/45');
    await typeInto(deep<HTMLInputElement>(el, '[name="name"]')!, '赵六六');
    deep<HTMLButtonElement>(el, 'button[type=submit]')!.click();
    await waitFor(() => el.record?.version === 2, 'saved');
    const stored = await store.getRecord(app.id, 'customers', imported.id);
    expect(stored!.values).to.include({ name: '赵六六', joined: '2024/13/45' });
    expect(deep(el, '.message'), 'no blocking message').to.equal(null);
    expect(deep(el, '.warning')!.textContent).to.contain('注册日期');
  });

  it('takes 150 typed into a percent field as 150% and says the limit is 100%', async () => {
    const el = await form(imported.id);
    await typeInto(deep<HTMLInputElement>(el, '[name="discount"]')!, '150');
    deep<HTMLButtonElement>(el, 'button[type=submit]')!.click();
    const message = await waitFor(() => deep(el, '.message'), 'range message');
    expect(message.textContent).to.contain('100%').and.not.match(/大于 1$/);
    expect((await store.getRecord(app.id, 'customers', imported.id))!.version).to.equal(1);
  });
});
