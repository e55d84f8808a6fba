/**
 * View edits over a real store with the customer-ltv app: save, save as, rename, delete and
 * reorder each store one new app version; stale edits and invalid views are refused with
 * translated messages and leave the stored app as it was; deleting a field cleans the views
 * in the same write; views survive an export round trip (fixed cases and a property).
 */
import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import type { AppDef, RecordData, ViewDef } from '../../src/core/schema/types.js';
import { MemoryStore } from '../../src/store/index.js';
import { ensureApp } from '../../src/runtime/open-app.js';
import { ViewEditError, createView, deleteView, renameView, reorderViews, saveView } from '../../src/runtime/views.js';
import { deleteField, saveField } from '../../src/runtime/app-edits.js';
import { buildExport } from '../../src/core/schema/build-export.js';
import { parseExport } from '../../src/core/schema/export.js';
import { isGroupableField, isSortableField, isSummableField, isDateField } from '../../src/core/schema/view-fields.js';
import { customerLtvTemplate as template } from '../helpers/customer-ltv.js';

function views(app: AppDef, tableId = 'customers'): ViewDef[] {
  return app.tables.find((t) => t.id === tableId)!.views ?? [];
}

async function expectViewError(promise: Promise<unknown>, code: string): Promise<ViewEditError> {
  try {
    await promise;
  } catch (error) {
    expect(error, String(error)).to.be.instanceOf(ViewEditError);
    expect((error as ViewEditError).code).to.equal(code);
    return error as ViewEditError;
  }
  throw new Error(`expected ${code}, but the edit was accepted`);
}

describe('view edits', function () {
  this.timeout(30000);
  let store: MemoryStore;
  let app: AppDef;

  beforeEach(async () => {
    store = new MemoryStore();
    const tpl = await template();
    ({ app } = await ensureApp(store, { appId: 'views', loadTemplate: async () => tpl }));
  });

  it('saveView replaces the view in place and bumps the version', async () => {
    const changed: ViewDef = { ...views(app)[1]!, sort: [{ fieldId: 'lastOrderDate', direction: 'asc' }], frozen: 2 };
    const { app: saved, view } = await saveView(store, app, 'customers', changed);
    expect(saved.version).to.equal(app.version + 1);
    expect(view).to.deep.equal(changed);
    expect(views(saved).map((v) => v.id)).to.deep.equal(['highValue', 'goneQuiet', 'bySource', 'needsFollowUp']);
    expect(views((await store.getApp('views'))!)[1]).to.deep.equal(changed);
  });

  it('createView adds a view with a fresh id at the end; an id in use is refused', async () => {
    const { app: saved, view } = await createView(store, app, 'customers', { name: '  上海客户 ', filter: { and: [{ in: [{ var: 'city' }, ['shanghai']] }] } });
    expect(view!.id).to.match(/^view_[a-z0-9]+$/);
    expect(view!.name).to.equal('上海客户');
    expect(views(saved).map((v) => v.id)).to.deep.equal(['highValue', 'goneQuiet', 'bySource', 'needsFollowUp', view!.id]);
    const error = await expectViewError(createView(store, saved, 'customers', { id: 'bySource', name: 'x' }, { locale: 'zh-CN' }), 'view.idTaken');
    expect(error.message).to.equal('视图 ID“bySource”已被使用。');
  });

  it('renameView trims the name and drops the translated labels', async () => {
    const { view } = await renameView(store, app, 'customers', 'highValue', ' 大客户 ');
    expect(view!.name).to.equal('大客户');
    expect(view!.labels).to.equal(undefined);
    const error = await expectViewError(renameView(store, app, 'customers', 'highValue', '   ', { locale: 'zh-CN' }), 'view.nameRequired');
    expect(error.message).to.equal('视图名称不能为空。');
  });

  it('deleteView removes only that view; reorderViews takes every id once', async () => {
    const { app: afterDelete } = await deleteView(store, app, 'customers', 'goneQuiet');
    expect(views(afterDelete).map((v) => v.id)).to.deep.equal(['highValue', 'bySource', 'needsFollowUp']);
    const { app: reordered } = await reorderViews(store, afterDelete, 'customers', ['bySource', 'needsFollowUp', 'highValue']);
    expect(views(reordered).map((v) => v.id)).to.deep.equal(['bySource', 'needsFollowUp', 'highValue']);
    await expectViewError(reorderViews(store, reordered, 'customers', ['bySource', 'highValue']), 'view.order');
    await expectViewError(reorderViews(store, reordered, 'customers', ['bySource', 'bySource', 'highValue']), 'view.order');
    await expectViewError(deleteView(store, reordered, 'customers', 'ghost'), 'view.unknownView');
  });

  it('an edit based on an older app version is refused with a translated message, and nothing is overwritten', async () => {
    const { app: first } = await renameView(store, app, 'customers', 'highValue', '大客户');
    const zh = await expectViewError(deleteView(store, app, 'customers', 'goneQuiet', { locale: 'zh-CN' }), 'view.stale');
    expect(zh.message).to.equal(`应用定义已在别处被修改（现为版本 ${first.version}），视图未保存，也未覆盖对方的修改。请重新打开后再试。`);
    const en = await expectViewError(reorderViews(store, app, 'customers', ['bySource', 'goneQuiet', 'needsFollowUp', 'highValue']), 'view.stale');
    expect(en.message).to.match(/^The app definition was changed elsewhere \(now version \d+\)/);
    const stored = (await store.getApp('views'))!;
    expect(stored.version).to.equal(first.version);
    expect(views(stored).map((v) => [v.id, v.name])).to.deep.equal([['highValue', '大客户'], ['goneQuiet', '沉默客户'], ['bySource', '按来源'], ['needsFollowUp', '需跟进']]);
  });

  it('a view the import validator would refuse is not stored', async () => {
    const bad: ViewDef = { ...views(app)[0]!, columns: [{ fieldId: 'name', width: 2000 }] };
    const error = await expectViewError(saveView(store, app, 'customers', bad, { locale: 'zh-CN' }), 'view.invalid');
    expect(error.message).to.equal('视图无法保存：columns[0].width: 列宽必须是 40 到 800 之间的整数像素。');
    await expectViewError(createView(store, app, 'customers', { name: 'x', group: { fieldId: 'name' } }), 'view.invalid');
    expect((await store.getApp('views'))!.version).to.equal(app.version);
  });

  it('deleting a field cleans every view that names it, in the same app write', async () => {
    const before = views(app);
    expect(before.some((v) => v.columns?.some((c) => c.fieldId === 'totalSpend'))).to.equal(true);
    expect(views(app)[2]!.group).to.deep.equal({ fieldId: 'source', sums: ['totalSpend', 'ltv'] });
    const { app: saved } = await deleteField(store, app, 'customers', 'totalSpend');
    expect(saved.version).to.equal(app.version + 1);
    for (const view of views(saved)) expect(JSON.stringify(view)).not.to.contain('totalSpend');
    expect(views(saved)[2]!.group).to.deep.equal({ fieldId: 'source', sums: ['ltv'] });
    expect(views(saved)[2]!.sort).to.deep.equal([]);
    // A dashboard panel measuring the field goes with it; the others stay.
    const panels = saved.dashboards![0]!.panels.map((panel) => panel.id);
    expect(panels).to.not.include('revenueByTier');
    expect(panels).to.include.members(['customers', 'stageFunnel', 'ltvByChannel', 'cohorts']);
    // The cleaned app is one its own import accepts.
    const parsed = parseExport(JSON.stringify(buildExport(saved, {})));
    expect(parsed.ok, parsed.ok ? '' : JSON.stringify(parsed.errors.slice(0, 2))).to.equal(true);

    const { app: noSource } = await deleteField(store, saved, 'customers', 'source');
    expect(views(noSource)[2]!.group).to.equal(undefined);
    const { app: noDays } = await deleteField(store, noSource, 'customers', 'daysSinceLastOrder');
    expect(views(noDays)[1]!.filter).to.equal(undefined);
    expect(views(noDays)[1]!.sort).to.deep.equal([]);
  });
});

describe('views follow field changes', function () {
  this.timeout(30000);

  it('a select turned into text leaves the views it can no longer group, in the same write', async () => {
    const store = new MemoryStore();
    const tpl = await template();
    const { app } = await ensureApp(store, { appId: 'views', loadTemplate: async () => tpl });
    const source = app.tables[0]!.fields.find((f) => f.id === 'source')!;
    const saved = await saveField(store, app, 'customers', { id: 'source', name: source.name, type: 'text' });
    expect(saved.version).to.equal(app.version + 1);
    expect(views(saved)[2]!.group).to.equal(undefined);
    expect(views(saved)[2]!.sort).to.deep.equal([{ fieldId: 'totalSpend', direction: 'desc' }]);
    const parsed = parseExport(JSON.stringify(buildExport(saved, {})));
    expect(parsed.ok, parsed.ok ? '' : JSON.stringify(parsed.errors.slice(0, 2))).to.equal(true);
  });
});

describe('views: export round trip', () => {
  it('keeps the stored views exactly (customer-ltv)', async () => {
    const store = new MemoryStore();
    const tpl = await template();
    const { app } = await ensureApp(store, { appId: 'rt', loadTemplate: async () => tpl });
    const { app: withNew } = await createView(store, app, 'orders', { name: '大额订单', columns: [{ fieldId: 'amount', width: 160 }], filter: { and: [{ '!=': [{ var: 'amount' }, null] }, { '>=': [{ var: 'amount' }, 1000] }] } });
    const parsed = parseExport(JSON.stringify(buildExport(withNew, {})));
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors.slice(0, 3)));
    expect(parsed.warnings).to.deep.equal([]);
    expect(parsed.value.app.tables.map((t) => t.views)).to.deep.equal(withNew.tables.map((t) => t.views));
  });

  it('holds for random valid views (property)', async () => {
    const tpl = await template();
    const app: AppDef = { id: 'p', name: 'P', version: 1, createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z', tables: tpl.tables };
    const records: Record<string, RecordData[]> = {};
    fc.assert(
      fc.property(fc.gen(), (g) => {
        const next = structuredClone(app);
        for (const table of next.tables) {
          const ids = table.fields.map((f) => f.id);
          const count = g(fc.integer, { min: 0, max: 4 });
          table.views = Array.from({ length: count }, (_, i) => {
            const view: ViewDef = { id: `v${i}`, name: `${g(fc.string, { minLength: 1, maxLength: 8 }).replace(/^\s*$/, 'x')}` };
            if (g(fc.boolean)) {
              view.columns = g(fc.shuffledSubarray, ids).map((fieldId) => {
                const column: { fieldId: string; hidden?: boolean; width?: number } = { fieldId };
                if (g(fc.boolean)) column.hidden = g(fc.boolean);
                if (g(fc.boolean)) column.width = g(fc.integer, { min: 40, max: 800 });
                return column;
              });
            }
            if (g(fc.boolean)) view.frozen = g(fc.integer, { min: 0, max: 10 });
            if (g(fc.boolean)) {
              const sortable = table.fields.filter(isSortableField).map((f) => f.id);
              view.sort = g(fc.shuffledSubarray, sortable, { maxLength: 3 }).map((fieldId) => ({ fieldId, direction: g(fc.constantFrom, 'asc', 'desc') }));
            }
            const groupable = table.fields.filter(isGroupableField);
            if (g(fc.boolean) && groupable.length > 0) {
              const field = g(fc.constantFrom, ...groupable);
              view.group = { fieldId: field.id, sums: g(fc.subarray, table.fields.filter(isSummableField).map((f) => f.id)) };
              if (isDateField(field)) view.group.by = g(fc.constantFrom, 'day', 'week', 'month', 'year');
            }
            return view;
          });
        }
        const exported = buildExport(next, records);
        const parsed = parseExport(JSON.stringify(exported));
        if (!parsed.ok) throw new Error(parsed.errors.slice(0, 3).map((e) => `${e.path}: ${e.message}`).join('\n'));
        expect(parsed.warnings).to.deep.equal([]);
        expect(parsed.value.app).to.deep.equal(next);
      }),
      { seed: 20261201, numRuns: 100 },
    );
  });
});
