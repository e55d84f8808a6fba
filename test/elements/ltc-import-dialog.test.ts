/**
 * `<ltc-import-dialog>` driven like a user, with the keyboard only: choose a file, check the
 * guessed mapping (a header-less column guessed from its values), change a field, set the
 * duplicate key, see the preview with problems marked per cell and the counts, import,
 * read the summary and the report; axe-clean at every step; cancel and close events.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../widgets/index.js';
import '../../src/designer.js';
import type { LtcImportDialog, ImportDoneDetail } from '../../src/elements/ltc-import-dialog.js';
import { MemoryStore } from '../../src/store/index.js';
import type { Store } from '../../src/store/types.js';
import type { AppDef } from '../../src/core/schema/types.js';
import { waitFor } from './helpers.js';
import { shopApp } from '../fixtures/import/shop-app.js';

async function setup(locale: 'zh-CN' | 'en' = 'zh-CN'): Promise<{ el: LtcImportDialog; store: Store; app: AppDef }> {
  const store = new MemoryStore();
  const app = await store.putApp(shopApp());
  await store.mutate(app.id, [{ type: 'create', tableId: 'customers', id: 'old', values: { name: '老客户', phone: '13800138000' } }]);
  const el = await fixture<LtcImportDialog>(html`<ltc-import-dialog table-id="customers" .store=${store} .app=${app} .locale=${locale}></ltc-import-dialog>`);
  el.show();
  await el.updateComplete;
  return { el, store, app };
}

const $ = <T extends Element = HTMLElement>(el: LtcImportDialog, selector: string) => el.shadowRoot!.querySelector<T>(selector);

/** What the system file picker does: the input gets the file and fires change. */
function pick(input: HTMLInputElement, file: File): void {
  const transfer = new DataTransfer();
  transfer.items.add(file);
  input.files = transfer.files;
  input.dispatchEvent(new Event('change', { bubbles: true }));
}

async function tabTo(el: LtcImportDialog, selector: string): Promise<HTMLElement> {
  const target = $(el, selector)!;
  for (let i = 0; i < 40 && el.shadowRoot!.activeElement !== target; i++) await sendKeys({ press: 'Tab' });
  expect(el.shadowRoot!.activeElement, `focus reached ${selector}`).to.equal(target);
  return target;
}

const FILE = '姓名,手机,联系方式,等级,注册日期\n张三,13800138000,zs@example.com,金卡,2024/1/5\n李四,12,ls@example.com,钻石,2024-01-05\n王五,13700137000,ww@example.com,银卡,2024年1月5日\n';

describe('ltc-import-dialog', function () {
  this.timeout(60000);

  it('imports a file with the keyboard only: mapping guessed, problems previewed, key field, summary', async () => {
    const { el, store, app } = await setup();
    const dialog = $<HTMLDialogElement>(el, 'dialog')!;
    expect(dialog.open).to.equal(true);
    await expect(el).to.be.accessible();
    const input = (await tabTo(el, 'input.file')) as HTMLInputElement;
    pick(input, new File([FILE], 'customers.csv', { type: 'text/csv' }));
    await waitFor(() => $(el, 'table.mapping'), 'mapping step');
    const mapped = () => [...el.shadowRoot!.querySelectorAll<HTMLSelectElement>('select.map')].map((s) => [s.dataset.column, s.value]);
    // 联系方式 names no field: its values are e-mail addresses.
    expect(mapped()).to.deep.equal([
      ['姓名', 'name'],
      ['手机', 'phone'],
      ['联系方式', 'email'],
      ['等级', 'level'],
      ['注册日期', 'joined'],
    ]);
    await expect(el).to.be.accessible();
    // Unknown choices of 等级 become new options.
    const unknown = (await tabTo(el, 'select.unknown-choices[data-field="level"]')) as HTMLSelectElement;
    await sendKeys({ press: 'ArrowDown' });
    expect(unknown.value).to.equal('add');
    // The duplicate key: phone, updating the existing record.
    const key = (await tabTo(el, 'select.key')) as HTMLSelectElement;
    while (key.value !== 'phone') await sendKeys({ press: 'ArrowDown' });
    await el.updateComplete;
    const duplicates = (await tabTo(el, 'select.duplicates')) as HTMLSelectElement;
    await sendKeys({ press: 'ArrowDown' });
    expect(duplicates.value).to.equal('update');
    await tabTo(el, 'button.next');
    await sendKeys({ press: 'Enter' });
    await waitFor(() => $(el, 'table.preview'), 'preview step');
    expect($(el, 'p.counts')!.textContent).to.equal('2 行没有问题，1 行有问题');
    const bad = $(el, 'tr[data-row="3"] td.problem[data-column="手机"]')!;
    expect(bad.textContent).to.contain('12');
    expect(bad.querySelector('.reason')!.textContent).to.match(/^第 3 行“手机”列：/);
    // Good rows are shown as the table shows them: the choice by its label, the date stored.
    expect($(el, 'tr[data-row="2"] td[data-column="等级"]')!.textContent).to.equal('金卡');
    expect($(el, 'tr[data-row="4"] td[data-column="注册日期"]')!.textContent).to.contain('2024');
    expect(el.problemReport().split('\r\n')[1]).to.match(/^3,手机,12,/);
    await expect(el).to.be.accessible();
    const events: ImportDoneDetail[] = [];
    el.addEventListener('ltc-import-done', (e) => events.push(e.detail));
    await tabTo(el, 'button.start');
    await sendKeys({ press: 'Enter' });
    await waitFor(() => $(el, 'ul.summary'), 'summary');
    expect(events).to.deep.equal([{ tableId: 'customers', created: 1, updated: 1, skipped: 0, failed: 1 }]);
    expect($(el, 'li.created')!.textContent).to.equal('新建 1 条');
    expect($(el, 'li.failed')!.textContent).to.equal('失败 1 行');
    expect((await store.getRecord(app.id, 'customers', 'old'))!.values).to.include({ name: '张三', email: 'zs@example.com', joined: '2024-01-05' });
    expect(await store.countRecords(app.id, 'customers')).to.equal(2);
    await expect(el).to.be.accessible();
    let closed = 0;
    el.addEventListener('ltc-import-close', () => closed++);
    await tabTo(el, 'button.close');
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(closed).to.equal(1);
    expect(dialog.open).to.equal(false);
  });

  it('"import nothing if any row fails" writes nothing and says so (en)', async () => {
    const { el, store, app } = await setup('en');
    pick($<HTMLInputElement>(el, 'input.file')!, new File([FILE], 'c.csv'));
    (await waitFor(() => $<HTMLButtonElement>(el, 'button.next'), 'mapping step')).click();
    await waitFor(() => $(el, 'table.preview'), 'preview');
    (el.shadowRoot!.querySelector('input[name="policy"][value="all"]') as HTMLInputElement).click();
    $(el, 'button.start')!.click();
    await waitFor(() => $(el, 'ul.summary'), 'summary');
    expect($(el, 'h3.summary-title')!.textContent).to.equal('2 rows have problems; as you chose, nothing was imported');
    expect(await store.countRecords(app.id, 'customers')).to.equal(1);
  });

  it('shows a clear error for an empty file and stays at the first step; Escape closes', async () => {
    const { el } = await setup('en');
    pick($<HTMLInputElement>(el, 'input.file')!, new File([''], 'empty.csv'));
    const alert = await waitFor(() => $(el, '[role="alert"]'), 'error');
    expect(alert.textContent).to.equal('The file is empty: no header row and no data');
    expect($(el, 'input.file')).to.exist;
    let closed = 0;
    el.addEventListener('ltc-import-close', () => closed++);
    $(el, 'input.file')!.focus();
    await sendKeys({ press: 'Escape' });
    await el.updateComplete;
    expect(closed).to.equal(1);
    expect(el.open).to.equal(false);
  });
});
