/**
 * Finding customers in `<ltc-table>` as a user does: type in the search box (by name, by a
 * phone fragment written with spaces), build a filter "城市 is any of 上海" in the filter
 * dialog and see the rows, count and footer follow; clearing restores every record.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/define.js';
import type { LtcApp } from '../../src/elements/ltc-app.js';
import type { LtcTable } from '../../src/elements/ltc-table.js';
import type { LtcConditionBuilder } from '../../src/elements/ltc-condition-builder.js';
import { MemoryStore } from '../../src/store/index.js';
import { deep, deepAll, typeInto, waitFor, forgetLanguageChoices } from './helpers.js';

async function openTable() {
  const store = new MemoryStore();
  const el = await fixture<LtcApp>(html`<ltc-app template="customer-ltv" app-id="find-app" lang="zh-CN" .store=${store}></ltc-app>`);
  await waitFor(() => el.app, 'app to open', 20000);
  const table = await waitFor(() => deep<LtcTable>(el, 'ltc-table'), 'ltc-table');
  await waitFor(() => table.rows.length > 0 && table.total > 0, 'rows');
  return { el, table, store };
}
const names = (table: LtcTable) => table.rows.map((r) => r.values.name);

describe('<ltc-table>: search and filter', function () {
  this.timeout(60000);
  beforeEach(forgetLanguageChoices);
  afterEach(forgetLanguageChoices);

  it('searches as the user types: by name and by a phone fragment with spaces', async () => {
    const { table } = await openTable();
    expect(table.total).to.equal(240);
    const box = table.shadowRoot!.querySelector<HTMLInputElement>('input.search')!;
    expect(box.getAttribute('aria-label')).to.contain('搜索');
    await typeInto(box, '范国庆');
    await waitFor(() => table.total === 1, 'one match by name');
    expect(names(table)).to.deep.equal(['范国庆']);
    expect(table.shadowRoot!.querySelector('.count')!.textContent).to.contain('1');
    expect(deepAll(table, 'tbody tr[data-id]')).to.have.length(1);

    await typeInto(box, '156 9804');
    await waitFor(() => table.search === '156 9804', 'the new search applied');
    await waitFor(() => !table.loading, 'search done');
    expect(names(table)).to.include('范国庆');
    expect(table.rows.every((r) => String(r.values.mobile).replace(/\D/g, '').includes('1569804'))).to.equal(true);

    box.focus();
    box.select();
    await sendKeys({ press: 'Backspace' });
    await waitFor(() => table.total === 240, 'all rows again');
  });

  it('filters by 城市 is any of 上海 through the filter dialog; clearing restores 240', async () => {
    const { el, table, store } = await openTable();
    const customers = el.app!.tables[0]!;
    const all = await store.queryRecords(el.app!.id, customers.id, {});
    const inShanghai = all.filter((r) => r.values.city === 'shanghai').length;
    expect(inShanghai).to.be.greaterThan(0).and.lessThan(240);

    table.shadowRoot!.querySelector<HTMLButtonElement>('button.filter')!.click();
    const builder = await waitFor(() => deep<LtcConditionBuilder>(table, 'dialog.filter[open] ltc-condition-builder'), 'filter dialog');
    await builder.updateComplete;
    builder.shadowRoot!.querySelector<HTMLButtonElement>('button.add')!.click();
    await builder.updateComplete;
    const field = builder.shadowRoot!.querySelector<HTMLSelectElement>('select.field')!;
    field.value = 'city';
    field.dispatchEvent(new Event('change'));
    await builder.updateComplete;
    const shanghai = deepAll<HTMLInputElement>(builder, 'fieldset.choices input').find((box) => box.parentElement!.textContent!.includes('上海'))!;
    shanghai.click();
    await waitFor(() => table.total === inShanghai, 'filtered count');
    expect(table.rows.every((r) => r.values.city === 'shanghai')).to.equal(true);
    expect(table.shadowRoot!.querySelector('button.filter .badge')!.textContent).to.equal('(1)');
    expect(table.shadowRoot!.querySelector('.footer')!.textContent).to.contain(String(inShanghai));
    await expect(table.shadowRoot!.querySelector('dialog.filter')).to.be.accessible();

    // Search and filter combine (the modal dialog closed first: the page behind it is inert).
    table.shadowRoot!.querySelector<HTMLButtonElement>('button.filter-done')!.click();
    await waitFor(() => !table.shadowRoot!.querySelector('dialog.filter')!.hasAttribute('open'), 'dialog closed by Done');
    expect(table.total).to.equal(inShanghai);
    const someone = table.rows[0]!.values.name as string;
    await typeInto(table.shadowRoot!.querySelector<HTMLInputElement>('input.search')!, someone);
    await waitFor(() => table.search === someone && table.total >= 1 && table.total < inShanghai, 'search within the filter');

    table.shadowRoot!.querySelector<HTMLButtonElement>('button.filter')!.click();
    await waitFor(() => deep(table, 'dialog.filter[open] ltc-condition-builder'), 'filter dialog again');
    const reopened = deep<LtcConditionBuilder>(table, 'dialog.filter ltc-condition-builder')!;
    expect(reopened.condition).to.deep.equal({ all: [{ field: 'city', op: 'isAnyOf', value: ['shanghai'] }] });
    table.shadowRoot!.querySelector<HTMLButtonElement>('button.clear-filter')!.click();
    await waitFor(() => !table.shadowRoot!.querySelector('dialog.filter')!.hasAttribute('open'), 'dialog closed');
    const box = table.shadowRoot!.querySelector<HTMLInputElement>('input.search')!;
    box.focus();
    box.select();
    await sendKeys({ press: 'Backspace' });
    await waitFor(() => table.total === 240, 'all 240 again');
    expect(table.shadowRoot!.querySelector('button.filter')!.textContent!.trim()).to.equal('筛选');
    expect(table.shadowRoot!.querySelector('button.filter .badge')).to.equal(null);
  });
});
