/**
 * The designer's table edits (src/runtime/form-edits.ts) against the store: a type change
 * interrupted at each of its writes leaves records and definition as they were; one that
 * completes converts what it can, keeps every original value and points forms, views, rules
 * and formulas at the converted field; archiving keeps values and hides the field from views;
 * deleting an empty field leaves the forms; a stale draft is refused.
 */
import { expect } from '@open-wc/testing';
import '../../widgets/index.js';
import { addFieldWidget, archiveField, changeFieldType, deleteEmptyField, formToDesign, restoreField, saveDesign, withForm } from '../../src/runtime/form-edits.js';
import { viewColumns } from '../../src/core/schema/view-fields.js';
import { resolveColumns } from '../../src/core/views/index.js';
import { completionScopeForTable } from '../../src/core/formula/complete.js';
import { flatItems } from '../../src/core/forms/edit.js';
import type { AppDef, RecordData } from '../../src/core/schema/types.js';
import { MemoryStore } from '../../src/store/index.js';
import { StaleWriteError, type Store } from '../../src/store/types.js';

function app(id: string): AppDef {
  const now = new Date().toISOString();
  return {
    id,
    name: 'CRM',
    version: 0,
    createdAt: now,
    updatedAt: now,
    tables: [
      {
        id: 'leads',
        name: 'Leads',
        primaryFieldId: 'name',
        fields: [
          { id: 'name', name: 'Name', type: 'text' },
          { id: 'budget', name: 'Budget', type: 'text' },
          { id: 'double', name: 'Double', type: 'formula', options: { formula: 'VALUE({Budget}) * 2', resultType: 'number' } },
        ],
        views: [{ id: 'v1', name: 'By budget', columns: [{ fieldId: 'budget', width: 120 }], sort: [{ fieldId: 'budget', direction: 'asc' }] }],
      },
    ],
  };
}

async function setUp(id: string) {
  const store = new MemoryStore();
  await store.putApp(app(id));
  await store.mutate(id, [
    { type: 'create', tableId: 'leads', values: { name: 'A', budget: '1200' } },
    { type: 'create', tableId: 'leads', values: { name: 'B', budget: 'about ten' } },
    { type: 'create', tableId: 'leads', values: { name: 'C', budget: null } },
  ]);
  const stored = (await store.getApp(id))!;
  const form = formToDesign(stored.tables[0]!);
  const withAForm = await store.putApp(withForm(stored, 'leads', form), stored.version);
  return { store, app: withAForm };
}

/** A store whose `method` fails (as a closed page or a full disk would). */
function failing(store: Store, method: 'putApp' | 'mutate'): Store {
  return new Proxy(store, {
    get(target, key, receiver) {
      if (key === method) return () => Promise.reject(new Error(`${method} failed`));
      const value = Reflect.get(target, key, receiver) as unknown;
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}

const values = (records: RecordData[], fieldId: string) => records.map((r) => r.values[fieldId] ?? null);

describe('form edits against the store', function () {
  this.timeout(30000);

  for (const method of ['mutate', 'putApp'] as const) {
    it(`leaves records and definition as they were when ${method} fails during a type change`, async () => {
      const { store, app: before } = await setUp(`fe-fail-${method}`);
      const recordsBefore = await store.queryRecords(before.id, 'leads');
      let error: unknown;
      try {
        await changeFieldType(failing(store, method), before, 'leads', 'budget', 'number', 'en');
      } catch (e) {
        error = e;
      }
      expect((error as Error).message).to.equal(`${method} failed`);
      const after = (await store.getApp(before.id))!;
      expect(after).to.deep.equal(before);
      const recordsAfter = await store.queryRecords(before.id, 'leads');
      expect(values(recordsAfter, 'budget')).to.deep.equal(values(recordsBefore, 'budget'));
      // Nothing in the stored definition names a field holding partial values.
      expect(after.tables[0]!.fields.map((f) => f.id)).to.deep.equal(['name', 'budget', 'double']);
    });
  }

  it('converts what it can, keeps every original, and points views, forms and formulas at the converted field', async () => {
    const { store, app: before } = await setUp('fe-convert');
    const change = await changeFieldType(store, before, 'leads', 'budget', 'number', 'en');
    expect(change.converted).to.equal(1);
    expect(change.unconverted).to.deep.equal([{ recordId: change.unconverted[0]!.recordId, text: 'about ten' }]);
    const table = change.app.tables[0]!;
    const converted = table.fields.find((f) => f.id === change.fieldId)!;
    expect(converted).to.include({ name: 'Budget', type: 'number' });
    expect(table.fields.map((f) => f.name)).to.deep.equal(['Name', 'Budget', 'Double', 'Budget (original)']);
    expect(table.fields.find((f) => f.id === 'budget')).to.include({ archived: true, type: 'text' });
    const records = await store.queryRecords(before.id, 'leads');
    expect(values(records, change.fieldId)).to.deep.equal([1200, null, null]);
    expect(values(records, 'budget')).to.deep.equal(['1200', 'about ten', null]);
    expect(table.views![0]!.columns).to.deep.equal([{ fieldId: change.fieldId, width: 120 }]);
    expect(table.views![0]!.sort).to.deep.equal([{ fieldId: change.fieldId, direction: 'asc' }]);
    expect(flatItems(table.forms![0]!).map((i) => (i.kind === 'field' ? i.fieldId : ''))).to.deep.equal(['name', change.fieldId]);
    expect(table.fields.find((f) => f.id === 'double')!.options!.deps).to.deep.equal([change.fieldId]);
  });

  it('refuses a type change based on an old version, leaving the definition alone', async () => {
    const { store, app: before } = await setUp('fe-stale');
    await store.putApp({ ...before, name: 'Elsewhere' }, before.version);
    let error: unknown;
    try {
      await changeFieldType(store, before, 'leads', 'budget', 'number', 'en');
    } catch (e) {
      error = e;
    }
    expect(error).to.be.instanceOf(StaleWriteError);
    expect((await store.getApp(before.id))!.tables[0]!.fields.map((f) => f.id)).to.deep.equal(['name', 'budget', 'double']);
  });

  it('archives a field: values kept, gone from forms, views and completions; restore brings it back', async () => {
    const { store, app: before } = await setUp('fe-archive');
    const archived = archiveField(before, 'leads', 'budget', 'en');
    const saved = await saveDesign(store, archived, before.version);
    const table = saved.tables[0]!;
    expect(table.fields.find((f) => f.id === 'budget')?.archived).to.equal(true);
    expect(flatItems(table.forms![0]!).some((i) => i.kind === 'field' && i.fieldId === 'budget')).to.equal(false);
    expect(viewColumns(table, table.views![0]).map((c) => c.field.id)).to.deep.equal(['name', 'double']);
    expect(resolveColumns(table, table.views![0]).map((c) => c.field.id)).to.deep.equal(['name', 'double']);
    expect(completionScopeForTable(saved, 'leads').fields.map((f) => f.id)).to.not.include('budget');
    expect(values(await store.queryRecords(before.id, 'leads'), 'budget')).to.deep.equal(['1200', 'about ten', null]);
    const restored = restoreField(saved, 'leads', table.forms![0]!, 'budget');
    expect(restored.app.tables[0]!.fields.find((f) => f.id === 'budget')).to.deep.equal({ id: 'budget', name: 'Budget', type: 'text' });
    expect(flatItems(restored.form).map((i) => (i.kind === 'field' ? i.fieldId : ''))).to.deep.equal(['name', 'budget']);
  });

  it('deletes an empty field from the table, its forms and views; refuses the primary field', async () => {
    const { app: before } = await setUp('fe-delete');
    const added = addFieldWidget(before, 'leads', before.tables[0]!.forms![0]!, 'email', { kind: 'between', index: 1 }, 'en');
    expect(added.app.tables[0]!.fields.find((f) => f.id === added.fieldId)).to.include({ name: 'Email', type: 'email' });
    const next = deleteEmptyField(added.app, 'leads', added.fieldId!, 'en');
    expect(next.tables[0]!.fields.some((f) => f.id === added.fieldId)).to.equal(false);
    expect(flatItems(next.tables[0]!.forms![0]!).some((i) => i.id === added.itemId)).to.equal(false);
    expect(() => deleteEmptyField(before, 'leads', 'name', 'en')).to.throw('primary field');
    expect(() => archiveField(before, 'leads', 'name', 'en')).to.throw('primary field');
  });
});
