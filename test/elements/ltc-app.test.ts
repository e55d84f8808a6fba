/**
 * `<ltc-app>` end to end, as a user meets it: clone the customer-ltv template, see rows,
 * add / edit / delete records through the form, reload and find them still there, switch
 * language, and get clear errors for bad templates and stale edits.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { emulateMedia, sendKeys } from '@web/test-runner-commands';
import '../../src/define.js';
import type { LtcApp } from '../../src/elements/ltc-app.js';
import type { LtcTable } from '../../src/elements/ltc-table.js';
import type { LtcForm } from '../../src/elements/ltc-form.js';
import { MemoryStore, openIndexedDbStore } from '../../src/store/index.js';
import type { Store } from '../../src/store/types.js';
import { deep, deepAll, typeInto, waitFor, forgetLanguageChoices, stagesRecorded } from './helpers.js';

async function openApp(store: Store, attrs: { appId?: string; lang?: string; templateSrc?: string } = {}) {
  const el = await fixture<LtcApp>(html`<ltc-app
    template="customer-ltv"
    app-id=${attrs.appId ?? 'test-app'}
    lang=${attrs.lang ?? 'zh-CN'}
    template-src=${attrs.templateSrc ?? ''}
    .store=${store}
  ></ltc-app>`);
  return el;
}

async function ready(el: LtcApp): Promise<LtcTable> {
  await waitFor(() => el.app, 'app to open', 20000);
  const table = await waitFor(() => deep<LtcTable>(el, 'ltc-table'), 'ltc-table');
  await waitFor(() => table.rows.length > 0 && table.total > 0, 'rows');
  return table;
}

function customersTable(el: LtcApp) {
  return el.app!.tables[0];
}

describe('<ltc-app>', function () {
  this.timeout(60000);
  beforeEach(forgetLanguageChoices);
  afterEach(forgetLanguageChoices);

  it('clones the customer-ltv template on first load and lists customers with a count', async () => {
    const store = new MemoryStore();
    const el = await openApp(store);
    const table = await ready(el);
    const customers = customersTable(el);
    const stored = await store.countRecords(el.app!.id, customers.id);
    expect(stored).to.be.greaterThanOrEqual(200);
    expect(table.total).to.equal(stored);
    // Only a window of rows is rendered (virtual scrolling), the count says how many there are.
    const rows = deepAll(el, 'ltc-table', 'tbody tr[data-id]');
    expect(rows.length).to.be.greaterThan(5).and.lessThan(stored);
    expect(deep(el, 'ltc-table', '.count')!.textContent).to.contain(String(stored));
    // The side navigation lists both tables.
    const navButtons = deepAll<HTMLButtonElement>(el, 'nav button');
    expect(navButtons.map((b) => b.textContent!.trim())).to.include.members(['客户', '订单']);
  });

  it('works from the keyboard: open the form, type, Enter saves, Escape closes', async () => {
    const store = new MemoryStore();
    const el = await openApp(store, { lang: 'en' });
    const table = await ready(el);
    const customers = customersTable(el);
    const before = table.total;
    deep<HTMLButtonElement>(el, 'ltc-table', 'button.add')!.focus();
    await sendKeys({ press: 'Enter' });
    const form = await waitFor(() => deep<LtcForm>(el, 'ltc-table', 'dialog[open] ltc-form'), 'form opened by Enter');
    await form.updateComplete;
    await typeInto(deep<HTMLInputElement>(form, `[name="${customers.primaryFieldId}"]`)!, '键盘客户');
    await sendKeys({ press: 'Enter' });
    await waitFor(() => table.total === before + 1, 'saved by Enter');
    expect(deep(el, 'ltc-table', 'dialog.editor')!.hasAttribute('open')).to.equal(false);
    // Escape closes an open dialog without saving.
    deep<HTMLButtonElement>(el, 'ltc-table', 'button.add')!.focus();
    await sendKeys({ press: 'Enter' });
    await waitFor(() => deep(el, 'ltc-table', 'dialog.editor[open]'), 'reopened');
    await sendKeys({ press: 'Escape' });
    await waitFor(() => !deep(el, 'ltc-table', 'dialog.editor')!.hasAttribute('open'), 'closed by Escape');
    expect(table.total).to.equal(before + 1);
  });

  it('opens once on the default IndexedDB store, and reopens when given another store', async () => {
    const ready: string[] = [];
    const el = await fixture<LtcApp>(html`<ltc-app
      template="customer-ltv"
      app-id=${`default-${Date.now()}`}
      @ltc-app-ready=${(e: CustomEvent) => ready.push(e.detail.appId)}
    ></ltc-app>`);
    await waitFor(() => ready.length > 0, 'ready', 20000);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(ready).to.have.length(1);
    const memory = new MemoryStore();
    el.store = memory;
    await waitFor(() => ready.length === 2, 'reopened on the new store', 20000);
    expect((await memory.listApps()).length).to.equal(1);
  });

  it('never clones twice: a second load finds the same data', async () => {
    const store = new MemoryStore();
    const first = await openApp(store);
    await ready(first);
    const appId = first.app!.id;
    const tableId = customersTable(first).id;
    const count = await store.countRecords(appId, tableId);
    first.remove();
    const second = await openApp(store);
    await ready(second);
    expect(await store.countRecords(appId, tableId)).to.equal(count);
    expect((await store.listApps()).length).to.equal(1);
  });

  it('keeps two apps with different app-id apart', async () => {
    const store = new MemoryStore();
    const a = await openApp(store, { appId: 'shop-a' });
    const b = await openApp(store, { appId: 'shop-b' });
    await ready(a);
    await ready(b);
    const tableId = customersTable(a).id;
    const before = await store.countRecords('shop-b', tableId);
    await store.mutate('shop-a', [{ type: 'create', tableId, values: { [customersTable(a).primaryFieldId]: '只在A' } }]);
    expect(await store.countRecords('shop-a', tableId)).to.equal(before + 1);
    expect(await store.countRecords('shop-b', tableId)).to.equal(before);
  });

  it('adds a record through the form, with validation messages, and shows it', async () => {
    const store = new MemoryStore();
    const el = await openApp(store, { lang: 'en' });
    const table = await ready(el);
    const customers = customersTable(el);
    const before = table.total;
    deep<HTMLButtonElement>(el, 'ltc-table', 'button.add')!.click();
    const form = await waitFor(() => deep<LtcForm>(el, 'ltc-table', 'dialog[open] ltc-form'), 'form dialog');
    await form.updateComplete;
    // Submitting empty: the required name is reported, nothing is stored.
    deep<HTMLButtonElement>(form, 'button[type=submit]')!.click();
    await waitFor(() => deep(form, '.message'), 'validation message');
    expect(deep(form, '.message')!.textContent).to.match(/required/);
    expect(await store.countRecords(el.app!.id, customers.id)).to.equal(before);

    const nameField = customers.fields.find((f) => f.id === customers.primaryFieldId)!;
    const phoneField = customers.fields.find((f) => f.type === 'phone')!;
    const emailField = customers.fields.find((f) => f.type === 'email')!;
    const inputFor = (fieldId: string) => deep<HTMLInputElement>(form, `[name="${fieldId}"]`)!;
    await typeInto(inputFor(nameField.id), '测试客户');
    await typeInto(inputFor(phoneField.id), '电话abc');
    await typeInto(inputFor(emailField.id), 'not-an-email');
    deep<HTMLButtonElement>(form, 'button[type=submit]')!.click();
    await waitFor(() => deepAll(form, '.message').length === 2, 'phone and email messages');
    const messages = deepAll(form, '.message').map((m) => m.textContent);
    expect(messages.join(' ')).to.contain('phone').and.to.contain('email');
    expect(inputFor(phoneField.id).getAttribute('aria-invalid')).to.equal('true');

    await typeInto(inputFor(phoneField.id), '13800138000');
    await typeInto(inputFor(emailField.id), 'ceshi@example.com');
    deep<HTMLButtonElement>(form, 'button[type=submit]')!.click();
    await waitFor(() => table.total === before + 1, 'count to grow');
    const all = await store.queryRecords(el.app!.id, customers.id);
    const saved = all.find((r) => r.values[nameField.id] === '测试客户');
    expect(saved, 'stored record').to.exist;
    expect(saved!.values[phoneField.id]).to.equal('13800138000');
    expect(saved!.values[emailField.id]).to.equal('ceshi@example.com');
    expect(deep(el, 'ltc-table', 'dialog.editor')!.hasAttribute('open')).to.equal(false);
  });

  it('persists in IndexedDB: reload the page (new store, new element) and the record is still there', async () => {
    const dbName = `ltc-test-${Date.now()}-${Math.random().toString(36).slice(2)}`;
    const store1 = await openIndexedDbStore(dbName);
    const el1 = await openApp(store1, { appId: 'persist' });
    await ready(el1);
    const customers = customersTable(el1);
    const count = await store1.countRecords('persist', customers.id);
    const [created] = await store1.mutate('persist', [
      { type: 'create', tableId: customers.id, values: { [customers.primaryFieldId]: '持久化客户' } },
    ]);
    el1.remove();
    store1.close();

    const store2 = await openIndexedDbStore(dbName);
    const el2 = await openApp(store2, { appId: 'persist' });
    await ready(el2);
    expect(await store2.countRecords('persist', customers.id)).to.equal(count + 1);
    const again = await store2.getRecord('persist', customers.id, created!.id);
    expect(again!.values[customers.primaryFieldId]).to.equal('持久化客户');
    el2.remove();
    store2.close();
    await new Promise((resolve) => {
      const request = indexedDB.deleteDatabase(dbName);
      request.onsuccess = request.onerror = request.onblocked = resolve;
    });
  });

  it('shows changes made in another tab (two stores on one database, BroadcastChannel)', async () => {
    const dbName = `ltc-tabs-${Date.now()}-${Math.random().toString(36).slice(2)}`;
    const tab1 = await openIndexedDbStore(dbName);
    const tab2 = await openIndexedDbStore(dbName);
    const el1 = await openApp(tab1, { appId: 'tabs' });
    const table1 = await ready(el1);
    const el2 = await openApp(tab2, { appId: 'tabs' });
    const table2 = await ready(el2);
    const customers = customersTable(el1);
    const before = table2.total;
    await waitFor(() => el2.derived?.ready, 'derived values in tab 2');
    // Tab 1 adds a customer through its form.
    deep<HTMLButtonElement>(el1, 'ltc-table', 'button.add')!.click();
    const form = await waitFor(() => deep<LtcForm>(el1, 'ltc-table', 'dialog[open] ltc-form'), 'form');
    await form.updateComplete;
    await typeInto(deep<HTMLInputElement>(form, `[name="${customers.primaryFieldId}"]`)!, '另一个标签页');
    deep<HTMLButtonElement>(form, 'button[type=submit]')!.click();
    await waitFor(() => table1.total === before + 1, 'tab 1 count');
    // Tab 2 sees it without reloading.
    await waitFor(() => table2.total === before + 1, 'tab 2 count');
    expect(table2.total).to.equal(before + 1);
    el1.remove();
    el2.remove();
    tab1.close();
    tab2.close();
    await new Promise((resolve) => {
      const request = indexedDB.deleteDatabase(dbName);
      request.onsuccess = request.onerror = request.onblocked = resolve;
    });
  });

  it('a full disk: the form says so in the user’s language and nothing is stored', async () => {
    const dbName = `ltc-quota-${Date.now()}-${Math.random().toString(36).slice(2)}`;
    let diskFull = false;
    const store = await openIndexedDbStore(dbName, {
      beforeWrite: () => {
        if (diskFull) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      },
    });
    const el = await openApp(store, { appId: 'quota' });
    const table = await ready(el);
    const customers = customersTable(el);
    const before = await store.countRecords('quota', customers.id);
    // The first open's stage recording is done before the disk fills (it is not what this test is about).
    await stagesRecorded(store, 'quota');
    diskFull = true;
    deep<HTMLButtonElement>(el, 'ltc-table', 'button.add')!.click();
    const form = await waitFor(() => deep<LtcForm>(el, 'ltc-table', 'dialog[open] ltc-form'), 'form');
    await form.updateComplete;
    await typeInto(deep<HTMLInputElement>(form, `[name="${customers.primaryFieldId}"]`)!, '存不下的客户');
    deep<HTMLButtonElement>(form, 'button[type=submit]')!.click();
    const summary = await waitFor(() => deep(form, '.summary'), 'quota message');
    expect(summary.textContent).to.contain('存储空间已满');
    expect(await store.countRecords('quota', customers.id)).to.equal(before);
    expect(table.total).to.equal(before);
    // The form keeps what was typed, so nothing is lost once space is freed.
    diskFull = false;
    deep<HTMLButtonElement>(form, 'button[type=submit]')!.click();
    await waitFor(() => table.total === before + 1, 'saved after space was freed', 20000);
    el.remove();
    store.close();
    await new Promise((resolve) => {
      const request = indexedDB.deleteDatabase(dbName);
      request.onsuccess = request.onerror = request.onblocked = resolve;
    });
  });

  it('sorts by a column when its header is clicked, and scrolls on', async () => {
    const store = new MemoryStore();
    const el = await openApp(store);
    const table = await ready(el);
    const customers = customersTable(el);
    const name = customers.primaryFieldId;
    deep<HTMLButtonElement>(el, 'ltc-table', `th button[data-field="${name}"]`)!.click();
    await waitFor(() => table.sortBy === name && !table.loading, `sorted (sortBy=${table.sortBy})`);
    await table.updateComplete;
    const names = table.rows.map((r) => String(r.values[name]));
    const sorted = [...names].sort(new Intl.Collator('zh-CN', { numeric: true, sensitivity: 'base' }).compare);
    expect(names).to.deep.equal(sorted);
    expect(deep(el, 'ltc-table', `th[aria-sort="ascending"]`)).to.exist;
    const scroller = deep<HTMLElement>(el, 'ltc-table', '.scroller')!;
    scroller.scrollTop = 50 * 36;
    await waitFor(() => deep(el, 'ltc-table', '.footer')!.textContent!.includes('第 51–'), 'scrolled to row 51');
  });

  it('sorts in memory once computed values are loaded: names in zh-CN order down the grid, LTV descending', async () => {
    const store = new MemoryStore();
    const el = await openApp(store);
    const table = await ready(el);
    await waitFor(() => el.derived?.ready, 'derived values');
    const name = customersTable(el).primaryFieldId;
    deep<HTMLButtonElement>(el, 'ltc-table', `th button.sort[data-field="${name}"]`)!.click();
    await waitFor(() => table.sortBy === name && table.rows.length > 0, 'sorted by name');
    const collator = new Intl.Collator('zh-CN', { numeric: true });
    const firstPage = table.rows.map((r) => String(r.values[name]));
    const scroller = deep<HTMLElement>(el, 'ltc-table', '.scroller')!;
    scroller.scrollTop = 100 * 36;
    await waitFor(() => Number(deep(el, 'ltc-table', 'tbody tr[data-id]')?.getAttribute('aria-rowindex')) > 60, 'scrolled down');
    const secondPage = table.rows.map((r) => String(r.values[name]));
    const seen = [...firstPage, ...secondPage];
    expect(seen).to.deep.equal([...seen].sort(collator.compare));
    // A computed column, twice: descending.
    const ltv = deep<HTMLButtonElement>(el, 'ltc-table', 'th button.sort[data-field="ltv"]')!;
    ltv.click();
    await waitFor(() => table.sortBy === 'ltv', 'sorted by LTV');
    ltv.click();
    scroller.scrollTop = 0;
    await waitFor(() => table.direction === 'desc' && deep(el, 'ltc-table', 'tbody tr[data-id]')?.getAttribute('aria-rowindex') === '2', 'descending, at the top');
    await table.updateComplete;
    const values = table.rows.map((r) => el.derived!.get('customers', r.id)!.ltv as number);
    expect(values).to.deep.equal([...values].sort((a, b) => b - a));
    expect(values[0]).to.be.greaterThan(0);
  });

  it('edits a record, refusing a stale edit without losing the other change', async () => {
    const store = new MemoryStore();
    const el = await openApp(store, { lang: 'en' });
    const table = await ready(el);
    const customers = customersTable(el);
    const first = table.rows[0];
    deep<HTMLButtonElement>(el, 'ltc-table', `tr[data-id="${first.id}"] button.open`)!.click();
    const form = await waitFor(() => deep<LtcForm>(el, 'ltc-table', 'ltc-record-drawer', 'dialog[open] ltc-form'), 'edit form', 10000);
    await waitFor(() => form.record?.id === first.id, 'record loaded');
    await form.updateComplete;
    // Meanwhile another tab changes the same record.
    await store.mutate(el.app!.id, [
      { type: 'update', tableId: customers.id, id: first.id, expectedVersion: first.version, values: { [customers.primaryFieldId]: '另一个窗口改的' } },
    ]);
    await typeInto(deep<HTMLInputElement>(form, `[name="${customers.primaryFieldId}"]`)!, '我改的');
    deep<HTMLButtonElement>(form, 'button[type=submit]')!.click();
    await waitFor(() => deep(form, '.summary'), 'stale message');
    expect(deep(form, '.summary')!.textContent).to.match(/changed elsewhere/);
    const stored = await store.getRecord(el.app!.id, customers.id, first.id);
    expect(stored!.values[customers.primaryFieldId]).to.equal('另一个窗口改的');
  });

  it('shows a customer’s orders (the inverse relation) and computed fields in the edit form', async () => {
    const store = new MemoryStore();
    const el = await openApp(store);
    const table = await ready(el);
    await waitFor(() => el.derived?.ready, 'derived values');
    const customer = table.rows.find((r) => ((el.derived!.get('customers', r.id)!.orders as string[]) ?? []).length > 0)!;
    const orderIds = el.derived!.get('customers', customer.id)!.orders as string[];
    deep<HTMLButtonElement>(el, 'ltc-table', `tr[data-id="${customer.id}"] button.open`)!.click();
    const form = await waitFor(() => deep<LtcForm>(el, 'ltc-table', 'ltc-record-drawer', 'dialog[open] ltc-form'), 'edit form', 10000);
    await waitFor(() => deepAll(form, '.linked li').length > 0, 'linked orders');
    const shown = deepAll(form, '.linked li:not(.more)').map((li) => li.textContent!.trim());
    const expected = orderIds.slice(0, 12).map((id) => el.derived!.label('orders', id));
    expect(shown).to.deep.equal(expected);
    // Computed fields are shown read-only with their values.
    const outputs = deepAll(form, 'output.computed').map((o) => o.textContent!);
    expect(outputs.join(' ')).to.contain('¥');
  });

  it('links an order to a customer by typing in the relation picker (keyboard only), and it rolls up', async () => {
    const store = new MemoryStore();
    const el = await openApp(store);
    await ready(el);
    await waitFor(() => el.derived?.ready, 'derived values');
    deep<HTMLButtonElement>(el, 'nav button[data-table="orders"]')!.click();
    const table = await waitFor(() => {
      const t = deep<LtcTable>(el, 'ltc-table');
      return t && t.tableId === 'orders' && t.rows.length > 0 ? t : undefined;
    }, 'orders table');
    const target = el.derived!.all('customers').find((c) => String(c.values.name).length >= 2)!;
    const name = String(target.values.name);
    const before = el.derived!.get('customers', target.id)!.orderCount as number;
    deep<HTMLButtonElement>(el, 'ltc-table', 'button.add')!.click();
    const form = await waitFor(() => deep<LtcForm>(el, 'ltc-table', 'dialog[open] ltc-form'), 'order form');
    const picker = await waitFor(() => deep<HTMLElement & { value: string; updateComplete: Promise<unknown> }>(form, 'ltc-relation-picker'), 'relation picker');
    await picker.updateComplete;
    await typeInto(deep<HTMLInputElement>(form, '[name="orderNo"]')!, 'SO-TEST-1');
    await typeInto(deep<HTMLInputElement>(form, '[name="amount"]')!, '88.8');
    const date = deep<HTMLInputElement>(form, '[name="orderDate"]')!;
    date.value = '2026-11-01';
    date.dispatchEvent(new Event('input'));
    const status = deep<HTMLSelectElement>(form, '[name="paymentStatus"]')!;
    status.value = 'paid';
    status.dispatchEvent(new Event('change'));
    await typeInto(picker.shadowRoot!.querySelector('input')!, name);
    await picker.updateComplete;
    const offered = [...picker.shadowRoot!.querySelectorAll<HTMLElement>('[role=option]')].map((o) => o.dataset.id);
    expect(offered).to.include(target.id);
    // Same-named customers are told apart by the detail (phone) shown beside the name.
    const shown = picker.shadowRoot!.querySelector<HTMLElement>(`[role=option][data-id="${target.id}"]`)!.textContent!;
    if (target.values.mobile) expect(shown).to.contain(String(target.values.mobile));
    while (picker.shadowRoot!.querySelector<HTMLElement>('[aria-selected=true]')!.dataset.id !== target.id) {
      await sendKeys({ press: 'ArrowDown' });
      await picker.updateComplete;
    }
    await sendKeys({ press: 'Enter' });
    await waitFor(() => picker.value !== '', 'picked');
    // Enter picked a record; it did not submit the form.
    expect(deep(el, 'ltc-table', 'dialog.editor')!.hasAttribute('open')).to.equal(true);
    expect(picker.value).to.equal(target.id);
    await expect(form).to.be.accessible();
    deep<HTMLButtonElement>(form, 'button[type=submit]')!.click();
    await waitFor(
      () => !deep(el, 'ltc-table', 'dialog.editor')!.hasAttribute('open'),
      `saved (${deepAll(form, '.message').map((m) => m.textContent).join('; ')})`,
    );
    const saved = (await store.queryRecords(el.app!.id, 'orders')).find((o) => o.values.orderNo === 'SO-TEST-1')!;
    expect(el.derived!.label('customers', saved.values.customer as string)).to.equal(name);
    await waitFor(() => (el.derived!.get('customers', saved.values.customer as string)!.orderCount as number) >= 1, 'rollup');
    if (saved.values.customer === target.id) expect(el.derived!.get('customers', target.id)!.orderCount).to.equal(before + 1);
    expect(table.tableId).to.equal('orders');
  });

  it('refuses a duplicate value in a unique field (order number), and a rule added in the field editor applies', async () => {
    const store = new MemoryStore();
    const el = await openApp(store, { lang: 'en' });
    await ready(el);
    await waitFor(() => el.derived?.ready, 'derived values');
    const customerCount = await store.countRecords(el.app!.id, 'customers');
    // Make 邮箱 required through the field editor (keyboard-reachable ⋯ button).
    deep<HTMLButtonElement>(el, 'ltc-table', 'th button.edit-field[data-field="email"]')!.click();
    const editor = await waitFor(() => deep<HTMLElement & { updateComplete: Promise<unknown> }>(el, 'ltc-table', 'dialog.fields[open] ltc-field-editor'), 'field editor');
    await editor.updateComplete;
    deep<HTMLInputElement>(editor, 'input.rule-required')!.click();
    deep<HTMLButtonElement>(editor, 'button.save')!.click();
    await waitFor(() => el.app!.tables[0].fields.find((f) => f.id === 'email')!.required === true, 'rule stored');
    deep<HTMLButtonElement>(el, 'ltc-table', 'button.add')!.click();
    let form = await waitFor(() => deep<LtcForm>(el, 'ltc-table', 'dialog.editor[open] ltc-form'), 'customer form');
    await form.updateComplete;
    await typeInto(deep<HTMLInputElement>(form, '[name="name"]')!, '没有邮箱');
    deep<HTMLButtonElement>(form, 'button[type=submit]')!.click();
    await waitFor(() => deepAll(form, '.message').some((m) => m.textContent!.includes('Email')), 'email required');
    deep<HTMLButtonElement>(form, 'button[type=button]')!.click();
    expect(await store.countRecords(el.app!.id, 'customers')).to.equal(customerCount);

    // Order numbers are unique.
    deep<HTMLButtonElement>(el, 'nav button[data-table="orders"]')!.click();
    const orders = await waitFor(() => {
      const t = deep<LtcTable>(el, 'ltc-table');
      return t && t.tableId === 'orders' && t.rows.length > 0 ? t : undefined;
    }, 'orders');
    const taken = String(orders.rows[0].values.orderNo);
    const count = await store.countRecords(el.app!.id, 'orders');
    deep<HTMLButtonElement>(el, 'ltc-table', `tr[data-id="${orders.rows[1].id}"] button.open`)!.click();
    form = await waitFor(() => deep<LtcForm>(el, 'ltc-table', 'ltc-record-drawer', 'dialog[open] ltc-form'), 'order form', 10000);
    await waitFor(() => form.record?.id === orders.rows[1].id, 'order loaded');
    await form.updateComplete;
    await typeInto(deep<HTMLInputElement>(form, '[name="orderNo"]')!, taken.toLowerCase());
    deep<HTMLButtonElement>(form, 'button[type=submit]')!.click();
    const message = await waitFor(() => deepAll(form, '.message').find((m) => m.textContent!.includes(taken.toLowerCase())), 'unique message');
    expect(message.textContent).to.contain('already has');
    expect((await store.getRecord(el.app!.id, 'orders', orders.rows[1].id))!.values.orderNo).to.equal(orders.rows[1].values.orderNo);
    expect(await store.countRecords(el.app!.id, 'orders')).to.equal(count);
  });

  it('deletes a selected record after confirmation', async () => {
    const store = new MemoryStore();
    const el = await openApp(store);
    const table = await ready(el);
    const customers = customersTable(el);
    const victim = table.rows[0];
    const before = table.total;
    let deletedEvent: CustomEvent | undefined;
    el.addEventListener('ltc-record-deleted', (e) => (deletedEvent = e));
    deep<HTMLInputElement>(el, 'ltc-table', `tr[data-id="${victim.id}"] input.select`)!.click();
    await waitFor(() => deep(el, 'ltc-table', 'button.delete-shown')!.textContent!.includes('1'), 'one selected');
    deep<HTMLButtonElement>(el, 'ltc-table', 'button.delete-shown')!.click();
    await waitFor(() => deep(el, 'ltc-table', 'dialog.confirm-bulk[open]'), 'confirm dialog');
    deep<HTMLButtonElement>(el, 'ltc-table', 'button.confirm-bulk-delete')!.click();
    await waitFor(() => table.total === before - 1, 'count to shrink');
    expect(await store.getRecord(el.app!.id, customers.id, victim.id)).to.equal(undefined);
    expect(deletedEvent?.detail.recordId).to.equal(victim.id);
  });

  it('speaks Chinese and English, and the user can switch', async () => {
    const store = new MemoryStore();
    const el = await openApp(store, { lang: 'en' });
    await ready(el);
    expect(deep(el, 'ltc-table', 'button.add')!.textContent).to.contain('New record');
    expect(deepAll(el, 'nav button').map((b) => b.textContent!.trim())).to.include('Customers');
    const select = deep<HTMLSelectElement>(el, 'select.locale')!;
    select.value = 'zh-CN';
    select.dispatchEvent(new Event('change'));
    await waitFor(() => deep(el, 'ltc-table', 'button.add')!.textContent!.includes('新增记录'), 'Chinese labels');
    expect(deepAll(el, 'nav button').map((b) => b.textContent!.trim())).to.include('客户');
  });

  it('loads a site owner’s own template from template-src; a required checkbox must be ticked', async () => {
    const own = {
      format: 'ltc-template',
      formatVersion: 1,
      id: 'signup',
      name: '报名',
      tables: [
        {
          id: 'leads',
          name: '线索',
          primaryFieldId: 'name',
          fields: [
            { id: 'name', name: '姓名', type: 'text', required: true },
            { id: 'agree', name: '同意隐私条款', type: 'checkbox', required: true },
          ],
        },
      ],
    };
    const url = URL.createObjectURL(new Blob([JSON.stringify(own)], { type: 'application/json' }));
    const store = new MemoryStore();
    const el = await openApp(store, { appId: 'signup', templateSrc: url });
    await waitFor(() => el.app, 'own template opened');
    const table = await waitFor(() => deep<LtcTable>(el, 'ltc-table'), 'table');
    await table.updateComplete;
    deep<HTMLButtonElement>(el, 'ltc-table', 'button.add')!.click();
    const form = await waitFor(() => deep<LtcForm>(el, 'ltc-table', 'dialog[open] ltc-form'), 'form');
    await form.updateComplete;
    await typeInto(deep<HTMLInputElement>(form, '[name="name"]')!, '李雷');
    deep<HTMLButtonElement>(form, 'button[type=submit]')!.click();
    await waitFor(() => deepAll(form, '.message').some((m) => m.textContent!.includes('同意隐私条款')), 'checkbox required');
    expect(await store.countRecords('signup', 'leads')).to.equal(0);
    deep<HTMLInputElement>(form, '[name="agree"]')!.click();
    deep<HTMLButtonElement>(form, 'button[type=submit]')!.click();
    await waitFor(() => table.total === 1, 'saved once ticked');
    const [lead] = await store.queryRecords('signup', 'leads');
    expect(lead.values).to.deep.equal({ name: '李雷', agree: true });
  });

  it('names the available templates when asked for one that does not exist', async () => {
    const store = new MemoryStore();
    const el = await fixture<LtcApp>(html`<ltc-app template="crm-nope" app-id="nope" lang="zh-CN" .store=${store}></ltc-app>`);
    const alert = await waitFor(() => deep(el, '.error'), 'error message');
    expect(alert.textContent).to.contain('crm-nope').and.to.contain('customer-ltv');
    expect(await store.listApps()).to.have.length(0);
  });

  it('reports a broken template with the path of the problem and stores nothing', async () => {
    const store = new MemoryStore();
    const broken = { format: 'ltc-template', formatVersion: 1, id: 'x', name: 'X', tables: [{ id: 't', name: 'T', primaryFieldId: 'nope', fields: [{ id: 'a', name: 'A', type: 'text' }] }] };
    const url = URL.createObjectURL(new Blob([JSON.stringify(broken)], { type: 'application/json' }));
    const el = await openApp(store, { appId: 'broken', templateSrc: url, lang: 'en' });
    const alert = await waitFor(() => deep(el, '.error'), 'error message');
    expect(alert.textContent).to.contain('tables[0].primaryFieldId');
    expect(await store.listApps()).to.have.length(0);
  });

  it('exports and imports the whole app losslessly through the element API', async () => {
    const store = new MemoryStore();
    const el = await openApp(store);
    await ready(el);
    const exported = await el.exportApp();
    const customers = customersTable(el);
    const count = exported.records[customers.id].length;
    await store.mutate(el.app!.id, [{ type: 'delete', tableId: customers.id, id: exported.records[customers.id][0].id }]);
    // A malformed file is refused and changes nothing.
    let error: Error | undefined;
    try {
      await el.importText('{"format":"ltc-export"');
    } catch (e) {
      error = e as Error;
    }
    expect(error?.message).to.match(/导入失败|Import failed/);
    expect(await store.countRecords(el.app!.id, customers.id)).to.equal(count - 1);
    const imported = await el.importText(JSON.stringify(exported));
    expect(await store.countRecords(el.app!.id, customers.id)).to.equal(count);
    expect(imported).to.equal(Object.values(exported.records).reduce((n, rows) => n + rows.length, 0));
    const original = exported.records[customers.id][0];
    const back = await store.getRecord(el.app!.id, customers.id, original.id);
    expect(back!.values).to.deep.equal(original.values);
    // Versions and timestamps come back too: exporting again gives the same records.
    expect({ version: back!.version, createdAt: back!.createdAt, updatedAt: back!.updatedAt }).to.deep.equal({
      version: original.version,
      createdAt: original.createdAt,
      updatedAt: original.updatedAt,
    });
    const again = await el.exportApp();
    expect(again.records).to.deep.equal(exported.records);
  });

  it('adds a formula field from the table toolbar, shows it computed, and deletes it', async () => {
    const store = new MemoryStore();
    const el = await openApp(store);
    const table = await ready(el);
    await waitFor(() => el.derived?.ready, 'derived values');
    deep<HTMLButtonElement>(el, 'ltc-table', 'button.add-field')!.click();
    const editor = await waitFor(() => deep<HTMLElement & { updateComplete: Promise<unknown> }>(el, 'ltc-table', 'dialog.fields[open] ltc-field-editor'), 'field dialog');
    await editor.updateComplete;
    await typeInto(deep<HTMLInputElement>(editor, '#name')!, '消费翻倍');
    const type = deep<HTMLSelectElement>(editor, '#type')!;
    type.value = 'formula';
    type.dispatchEvent(new Event('change'));
    await editor.updateComplete;
    const formulaEditor = await waitFor(() => deep<HTMLElement & { updateComplete: Promise<unknown> }>(editor, 'ltc-formula-editor'), 'formula editor');
    await formulaEditor.updateComplete;
    await typeInto(deep<HTMLTextAreaElement>(formulaEditor, 'textarea')!, '{累计消费} * 2');
    deep<HTMLButtonElement>(editor, 'button.save')!.click();
    const added = await waitFor(() => el.app!.tables[0].fields.find((f) => f.name === '消费翻倍'), 'field stored and adopted');
    expect((await store.getApp(el.app!.id))!.tables[0].fields.some((f) => f.id === added.id)).to.equal(true);
    await waitFor(() => deep(el, 'ltc-table', `th button.sort[data-field="${added.id}"]`), 'new column');
    // The new column is computed for every customer: twice the total spend.
    const row = table.rows.find((r) => (el.derived!.get('customers', r.id)!.totalSpend as number) > 0)!;
    const values = el.derived!.get('customers', row.id)!;
    expect(values[added.id] as number).to.be.closeTo((values.totalSpend as number) * 2, 1e-9);

    // Delete it again through the field dialog.
    deep<HTMLButtonElement>(el, 'ltc-table', `th button.edit-field[data-field="${added.id}"]`)!.click();
    await waitFor(() => deep(el, 'ltc-table', 'dialog.fields[open] button.delete-field'), 'delete button');
    deep<HTMLButtonElement>(el, 'ltc-table', 'button.delete-field')!.click();
    await waitFor(() => deep(el, 'ltc-table', 'dialog.confirm-field[open]'), 'confirm');
    deep<HTMLButtonElement>(el, 'ltc-table', 'button.confirm-delete-field')!.click();
    await waitFor(() => !el.app!.tables[0].fields.some((f) => f.id === added.id), 'field removed');
    expect((await store.getApp(el.app!.id))!.tables[0].fields.some((f) => f.id === added.id)).to.equal(false);
  });

  it('imports an export file chosen with the Import button (after confirmation), and reports a bad file', async () => {
    const store = new MemoryStore();
    const el = await openApp(store, { lang: 'en' });
    await ready(el);
    const exported = await el.exportApp();
    const customers = customersTable(el);
    await store.mutate(el.app!.id, [{ type: 'delete', tableId: customers.id, id: exported.records[customers.id][0].id }]);
    const input = deep<HTMLInputElement>(el, 'input.file-input')!;
    const choose = (text: string) => {
      const transfer = new DataTransfer();
      transfer.items.add(new File([text], 'backup.ltc.json', { type: 'application/json' }));
      input.files = transfer.files;
      input.dispatchEvent(new Event('change'));
    };
    const originalConfirm = window.confirm;
    let asked = '';
    window.confirm = (message?: string) => ((asked = String(message)), true);
    try {
      choose('{"format": "ltc-export", "formatVersion": 1,');
      const problems = await waitFor(() => deep<HTMLDialogElement>(el, 'dialog.import-errors[open]'), 'bad file reported in a dialog');
      expect(problems.textContent).to.contain('This file cannot be imported');
      expect(asked).to.equal('');
      problems.close();
      choose(JSON.stringify(exported));
      await waitFor(() => deep(el, '.toast')!.textContent!.includes('Imported'), 'imported');
      expect(asked).to.contain('replaces');
      expect(await store.countRecords(el.app!.id, customers.id)).to.equal(exported.records[customers.id].length);
    } finally {
      window.confirm = originalConfirm;
    }
  });

  it('passes an axe accessibility check in dark mode too (colour contrast)', async () => {
    await emulateMedia({ colorScheme: 'dark' });
    try {
      const store = new MemoryStore();
      const el = await openApp(store);
      await ready(el);
      await waitFor(() => el.derived?.ready, 'derived values');
      // The dark palette is really in use (not the light one checked above).
      expect(getComputedStyle(el).backgroundColor).to.equal('rgb(31, 41, 55)');
      await expect(el).to.be.accessible();
    } finally {
      await emulateMedia({ colorScheme: 'light' });
    }
  });

  it('passes an axe accessibility check', async () => {
    const store = new MemoryStore();
    const el = await openApp(store);
    await ready(el);
    await expect(el).to.be.accessible();
  });
});
