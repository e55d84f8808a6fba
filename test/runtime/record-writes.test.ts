/**
 * The record-write rules without a page, over a MemoryStore: coercion per field type,
 * required, relation targets, unique values, size limits, stale updates — and a record
 * imported with a bad value: other edits go through with a warning naming the field; an
 * edit of that field must fix it.
 */
import { expect } from '@open-wc/testing';
import type { AppDef, RecordData } from '../../src/core/schema/types.js';
import { MemoryStore } from '../../src/store/index.js';
import { StaleWriteError } from '../../src/store/types.js';
import { prepareRecordWrite, writeRecord } from '../../src/runtime/record-writes.js';

const NOW = '2026-01-01T00:00:00.000Z';

function crm(): AppDef {
  return {
    id: 'rw',
    name: 'CRM',
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
          { id: 'phone', name: '手机', type: 'phone', unique: true },
          { id: 'joined', name: '注册日期', type: 'date' },
          { id: 'discount', name: '折扣', type: 'percent', options: { min: 0, max: 1 } },
          { id: 'agree', name: '同意条款', type: 'checkbox', required: true },
          { id: 'orders', name: '订单', type: 'relation', options: { table: 'orders', inverseOf: 'customer', multiple: true } },
        ],
      },
      {
        id: 'orders',
        name: '订单',
        primaryFieldId: 'no',
        fields: [
          { id: 'no', name: '单号', type: 'text' },
          { id: 'customer', name: '客户', type: 'relation', options: { table: 'customers' } },
          { id: 'amount', name: '金额', type: 'money' },
        ],
      },
    ],
  };
}

describe('record writes (runtime, no page)', () => {
  let store: MemoryStore;
  let app: AppDef;
  let wang: RecordData;

  beforeEach(async () => {
    store = new MemoryStore();
    app = await store.putApp(crm());
    [wang] = (await store.mutate(app.id, [
      { type: 'create', tableId: 'customers', id: 'c1', values: { name: '王芳', phone: '13800138000', agree: true } },
    ])) as RecordData[];
  });

  it('coerces typed input per field type and stores it', async () => {
    const result = await writeRecord(store, app, 'customers', { name: ' 李雷 ', phone: '139 0013 9000', joined: '2024年1月5日', discount: '15', agree: true }, { locale: 'zh-CN' });
    expect(result.ok, JSON.stringify(result)).to.equal(true);
    if (!result.ok) return;
    expect(result.record.values).to.deep.equal({ name: '李雷', phone: '13900139000', joined: '2024-01-05', discount: 0.15, agree: true });
    expect((await store.getRecord(app.id, 'customers', result.record.id))!.values.phone).to.equal('13900139000');
  });

  it('refuses required, bad and out-of-range values, naming each field, and writes nothing', async () => {
    const result = await writeRecord(store, app, 'customers', { name: '', phone: '12345', joined: '2024-02-30', discount: '150', agree: false }, { locale: 'zh-CN' });
    expect(result.ok).to.equal(false);
    if (result.ok) return;
    const byField = Object.fromEntries(result.errors.map((e) => [e.fieldId, e]));
    expect(Object.keys(byField).sort()).to.deep.equal(['agree', 'discount', 'joined', 'name', 'phone']);
    expect(byField.name!.code).to.equal('field.required');
    expect(byField.agree!.code, 'a required checkbox must be ticked').to.equal('field.required');
    expect(byField.phone!.message).to.contain('手机');
    expect(byField.discount!.message, 'the bound in the unit the user sees').to.contain('100%').and.not.match(/大于 1$/);
    expect(await store.queryRecords(app.id, 'customers')).to.have.length(1);
  });

  it('refuses a value another record holds in a unique field (store queried when nothing is in memory)', async () => {
    const result = await writeRecord(store, app, 'customers', { name: '张伟', phone: '+86 138 0013 8000', agree: true }, { locale: 'en' });
    expect(result.ok).to.equal(false);
    if (!result.ok) expect(result.errors.map((e) => [e.fieldId, e.code])).to.deep.equal([['phone', 'field.unique']]);
    // The record itself may keep its value.
    const same = await writeRecord(store, app, 'customers', { phone: '138-0013-8000' }, { existing: wang });
    expect(same.ok).to.equal(true);
  });

  it('refuses a link to a record that does not exist', async () => {
    const bad = await writeRecord(store, app, 'orders', { no: 'SO1', customer: 'nobody' }, { locale: 'en' });
    expect(bad.ok).to.equal(false);
    if (!bad.ok) expect(bad.errors.map((e) => e.code)).to.deep.equal(['field.relation']);
    const good = await writeRecord(store, app, 'orders', { no: 'SO1', customer: 'c1', amount: '¥1,234.50' });
    expect(good.ok).to.equal(true);
    if (good.ok) expect(good.record.values).to.include({ customer: 'c1', amount: 1234.5 });
  });

  it('an imported bad value does not block other edits: a warning names the field and why', async () => {
    const [imported] = (await store.mutate(app.id, [
      { type: 'create', tableId: 'customers', values: { name: '赵六', joined: '2024/13/45', agree: true } },
    ])) as RecordData[];
    const other = await writeRecord(store, app, 'customers', { name: '赵六六' }, { existing: imported, locale: 'zh-CN' });
    expect(other.ok, JSON.stringify(other)).to.equal(true);
    if (!other.ok) return;
    expect(other.record.values.name).to.equal('赵六六');
    expect(other.record.values.joined, 'left as it was').to.equal('2024/13/45');
    expect(other.warnings).to.have.length(1);
    expect(other.warnings[0]!.fieldId).to.equal('joined');
    expect(other.warnings[0]!.message).to.contain('注册日期').and.contain('2024/13/45');

    // Editing that field holds it to the rules.
    const still = await writeRecord(store, app, 'customers', { joined: '2024/13/46' }, { existing: other.record, locale: 'zh-CN' });
    expect(still.ok).to.equal(false);
    if (!still.ok) expect(still.errors.map((e) => e.fieldId)).to.deep.equal(['joined']);
    const fixed = await writeRecord(store, app, 'customers', { joined: '2024/12/31' }, { existing: other.record });
    expect(fixed.ok).to.equal(true);
    if (fixed.ok) expect(fixed.warnings).to.deep.equal([]);
  });

  it('required-ness still blocks an edit of another field', async () => {
    const [blank] = (await store.mutate(app.id, [{ type: 'create', tableId: 'customers', values: { name: '', agree: true } }])) as RecordData[];
    const result = prepareRecordWrite(app, 'customers', { joined: '2024-01-01' }, { existing: blank });
    expect(result.ok).to.equal(false);
    expect(result.errors.map((e) => [e.fieldId, e.code])).to.deep.equal([['name', 'field.required']]);
  });

  it('refuses a text value over the size limit with a clear message', () => {
    const result = prepareRecordWrite(app, 'orders', { no: 'x'.repeat(100_001) }, { locale: 'en' });
    expect(result.ok).to.equal(false);
    expect(result.errors[0]!.message).to.contain('单号').and.contain('100000');
  });

  it('an update names the version it was based on: a stale one is refused', async () => {
    await writeRecord(store, app, 'customers', { name: '王芳芳' }, { existing: wang });
    let caught: unknown;
    try {
      await writeRecord(store, app, 'customers', { name: '王小芳' }, { existing: wang });
    } catch (error) {
      caught = error;
    }
    expect(caught).to.be.instanceOf(StaleWriteError);
    expect((await store.getRecord(app.id, 'customers', 'c1'))!.values.name).to.equal('王芳芳');
  });

  it('never writes derived fields, and names unknown fields and tables', () => {
    const derived = prepareRecordWrite(app, 'customers', { name: 'a', agree: true, orders: ['o1'] });
    expect(derived.ok).to.equal(true);
    expect(derived.values).to.not.have.property('orders');
    expect(prepareRecordWrite(app, 'customers', { nope: 1, name: 'a', agree: true }).errors.map((e) => e.code)).to.deep.equal(['record.unknownField']);
    expect(prepareRecordWrite(app, 'nope', {}).errors.map((e) => e.code)).to.deep.equal(['record.tableUnknown']);
  });
});
