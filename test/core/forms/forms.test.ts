/**
 * Forms as definitions without a page: the default form, finding a form, its fields, the
 * visible items for the values being typed, starting values and prefill from the page.
 */
import { expect } from '@open-wc/testing';
import { defaultForm, formFields, initialValues, prefillValues, resolveForm, visibleFieldIds, visibleItems, type FormDef } from '../../../src/core/forms/index.js';
import type { AppDef, TableDef } from '../../../src/core/schema/types.js';

const CUSTOMERS: TableDef = {
  id: 'customers',
  name: '客户',
  primaryFieldId: 'name',
  fields: [
    { id: 'name', name: '姓名', type: 'text', required: true },
    { id: 'kind', name: '客户类型', type: 'select', options: { choices: [{ id: 'person', name: '个人' }, { id: 'company', name: '企业' }] } },
    { id: 'company', name: '公司', type: 'text' },
    { id: 'since', name: '注册日期', type: 'date', options: { defaultValue: '2026-01-01' } },
    { id: 'spend', name: '消费', type: 'money' },
    { id: 'total', name: '累计', type: 'formula', options: { formula: '{消费}*2', resultType: 'money' } },
    { id: 'old', name: '旧', type: 'text', archived: true },
    { id: 'source', name: '来源', type: 'text' },
  ],
};

const FORM: FormDef = {
  id: 'lead',
  name: 'Lead',
  items: [
    { id: 'a', kind: 'field', fieldId: 'name' },
    { id: 'b', kind: 'field', fieldId: 'kind', defaultValue: 'person' },
    { id: 'c', kind: 'field', fieldId: 'company', visibleWhen: { '==': [{ var: 'kind' }, 'company'] } },
    { id: 'h', kind: 'heading', title: { text: 'More' }, visibleWhen: { '>': [{ var: 'spend' }, 0] } },
    { id: 'r', kind: 'row', items: [{ id: 'd', kind: 'field', fieldId: 'since' }, { id: 'e', kind: 'text', text: { text: 'x' }, visibleWhen: false }] },
    { id: 'h2', kind: 'heading', title: { text: 'Tracking' } },
    { id: 'f', kind: 'field', fieldId: 'source', prefill: 'utm_source' },
    { id: 'g', kind: 'field', fieldId: 'spend', prefill: 'amount' },
  ],
};

describe('form definitions: core', () => {
  it('gives a table without forms a default form of its editable, non-archived fields in order', () => {
    const form = defaultForm(CUSTOMERS);
    expect(form.items.map((item) => (item.kind === 'field' ? item.fieldId : item.kind))).to.deep.equal(['name', 'kind', 'company', 'since', 'spend', 'source']);
  });

  it('finds a form by id across the tables, and the first or default form without one', () => {
    const orders: TableDef = { id: 'orders', name: '订单', primaryFieldId: 'no', fields: [{ id: 'no', name: '单号', type: 'text' }], forms: [FORM] };
    const app: AppDef = { id: 'a', name: 'A', version: 1, createdAt: '', updatedAt: '', tables: [CUSTOMERS, orders] };
    expect(resolveForm(app, 'lead')?.table.id).to.equal('orders');
    expect(resolveForm(app, 'missing')).to.equal(undefined);
    expect(resolveForm(app)?.form.id).to.equal('customers-default');
    expect(resolveForm(app, undefined, 'orders')?.form).to.equal(FORM);
  });

  it('lists the form’s fields in form order, rows flattened', () => {
    expect(formFields(FORM, CUSTOMERS).map((f) => f.id)).to.deep.equal(['name', 'kind', 'company', 'since', 'source', 'spend']);
  });

  it('shows and hides items as the values change; a hidden heading hides its section', () => {
    const ids = (values: Record<string, unknown>) => [...visibleFieldIds(FORM, values)];
    expect(ids({ kind: 'person', spend: 0 })).to.deep.equal(['name', 'kind', 'source', 'spend']);
    expect(ids({ kind: 'company', spend: 5 })).to.deep.equal(['name', 'kind', 'company', 'since', 'source', 'spend']);
    const row = visibleItems(FORM, { spend: 5 }).find((item) => item.id === 'r');
    expect(row?.kind === 'row' && row.items.map((item) => item.id)).to.deep.equal(['d']);
  });

  it('starts from the item’s default, else the field’s', () => {
    expect(initialValues(FORM, CUSTOMERS)).to.deep.equal({ kind: 'person', since: '2026-01-01' });
  });

  it('prefills from page parameters through the field type’s coercion, leaving out what it refuses', () => {
    expect(prefillValues(FORM, CUSTOMERS, { utm_source: 'wechat', amount: '1,200.50', other: 'x' })).to.deep.equal({ source: 'wechat', spend: 1200.5 });
    expect(prefillValues(FORM, CUSTOMERS, { amount: 'lots' })).to.deep.equal({});
  });
});
