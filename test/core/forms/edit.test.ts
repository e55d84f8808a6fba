// The designer's pure form edits: insert, move, rows, duplicate, remove, keyboard steps and the
// undo / redo history. Plus a property test: any sequence of moves keeps every item exactly
// once and no row outside 2–3 cells.
import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import {
  ROW_MAX,
  canDrop,
  createHistory,
  duplicateItem,
  flatItems,
  insertItem,
  itemPosition,
  moveItem,
  pushHistory,
  redoHistory,
  removeItem,
  shiftItemIntoRow,
  stepItem,
  undoHistory,
  updateItem,
  withoutField,
  type FormDropTarget,
} from '../../../src/core/forms/edit.js';
import type { FormDef, FormItem } from '../../../src/core/forms/model.js';

let rows = 0;
const rowId = () => `row${++rows}`;
const field = (id: string): FormItem => ({ id, kind: 'field', fieldId: `f_${id}` });
const formOf = (...items: FormItem[]): FormDef => ({ id: 'form', name: 'Form', items });
/** The form's layout as text: `a [b c] d` (rows in brackets). */
const shape = (form: FormDef): string => form.items.map((i) => (i.kind === 'row' ? `[${i.items.map((c) => c.id).join(' ')}]` : i.id)).join(' ');

describe('form edits', () => {
  it('inserts between items and beside one, making and extending a row', () => {
    let form = formOf(field('a'), field('b'));
    form = insertItem(form, field('c') as never, { kind: 'between', index: 1 }, rowId);
    expect(shape(form)).to.equal('a c b');
    form = insertItem(form, field('d') as never, { kind: 'beside', targetId: 'c', side: 'right' }, rowId);
    expect(shape(form)).to.equal('a [c d] b');
    form = insertItem(form, field('e') as never, { kind: 'beside', targetId: 'c', side: 'left' }, rowId);
    expect(shape(form)).to.equal('a [e c d] b');
    // A full row takes no fourth item: it goes after the row instead.
    form = insertItem(form, field('f') as never, { kind: 'beside', targetId: 'd', side: 'right' }, rowId);
    expect(shape(form)).to.equal('a [e c d] f b');
  });

  it('keeps headings out of rows', () => {
    const heading: FormItem = { id: 'h', kind: 'heading', title: { text: 'Section' } };
    const form = formOf(field('a'), heading);
    expect(canDrop(form, heading, { kind: 'beside', targetId: 'a', side: 'right' })).to.equal(false);
    expect(canDrop(form, field('x'), { kind: 'beside', targetId: 'h', side: 'right' })).to.equal(false);
    expect(shape(insertItem(form, field('x') as never, { kind: 'beside', targetId: 'h', side: 'left' }, rowId))).to.equal('a h x');
  });

  it('moves items, counting the target index as the items were', () => {
    const form = formOf(field('a'), field('b'), field('c'), field('d'));
    expect(shape(moveItem(form, 'a', { kind: 'between', index: 3 }, rowId))).to.equal('b c a d');
    expect(shape(moveItem(form, 'd', { kind: 'between', index: 0 }, rowId))).to.equal('d a b c');
    expect(shape(moveItem(form, 'a', { kind: 'beside', targetId: 'c', side: 'left' }, rowId))).to.equal('b [a c] d');
    expect(moveItem(form, 'zz', { kind: 'between', index: 0 }, rowId)).to.equal(form);
  });

  it('dissolves a row left with one cell', () => {
    const form = moveItem(formOf(field('a'), field('b'), field('c')), 'b', { kind: 'beside', targetId: 'a', side: 'right' }, rowId);
    expect(shape(form)).to.equal('[a b] c');
    expect(shape(removeItem(form, 'a'))).to.equal('b c');
    expect(shape(moveItem(form, 'b', { kind: 'between', index: 2 }, rowId))).to.equal('a c b');
  });

  it('steps with Alt+ArrowUp/Down and joins or leaves rows with Alt+ArrowRight/Left', () => {
    let form = formOf(field('a'), field('b'), field('c'));
    form = stepItem(form, 'c', -1, rowId);
    expect(shape(form)).to.equal('a c b');
    expect(stepItem(form, 'a', -1, rowId)).to.equal(form);
    form = shiftItemIntoRow(form, 'c', 'in', rowId);
    expect(shape(form)).to.equal('[a c] b');
    expect(itemPosition(form, 'c')).to.equal(2);
    form = shiftItemIntoRow(form, 'b', 'in', rowId);
    expect(shape(form)).to.equal('[a c b]');
    form = shiftItemIntoRow(form, 'c', 'out', rowId);
    expect(shape(form)).to.equal('[a b] c');
    // A cell stepping up leaves its row, above it.
    expect(shape(stepItem(form, 'b', -1, rowId))).to.equal('b a c');
  });

  it('duplicates beside in a row with room, else below', () => {
    const form = formOf(field('a'), field('b'));
    expect(shape(duplicateItem(form, 'a', field('a2') as never, rowId))).to.equal('a a2 b');
    const row = moveItem(form, 'b', { kind: 'beside', targetId: 'a', side: 'right' }, rowId);
    expect(shape(duplicateItem(row, 'a', field('a2') as never, rowId))).to.equal('[a a2 b]');
  });

  it('updates an item and drops the keys set to undefined', () => {
    const form = updateItem(formOf(field('a')), 'a', { required: true, help: { text: 'Why' } });
    expect(form.items[0]).to.deep.equal({ id: 'a', kind: 'field', fieldId: 'f_a', required: true, help: { text: 'Why' } });
    expect(updateItem(form, 'a', { help: undefined }).items[0]).to.deep.equal({ id: 'a', kind: 'field', fieldId: 'f_a', required: true });
  });

  it('removes every item of a field', () => {
    const form = moveItem(formOf(field('a'), field('b'), { id: 'a2', kind: 'field', fieldId: 'f_a' }), 'a2', { kind: 'beside', targetId: 'b', side: 'right' }, rowId);
    expect(shape(withoutField(form, 'f_a'))).to.equal('b');
  });

  it('undoes and redoes drafts, dropping the redo list on a new draft', () => {
    let history = createHistory('a', 2);
    history = pushHistory(history, 'b');
    history = pushHistory(history, 'c');
    history = pushHistory(history, 'd');
    expect(history.past).to.deep.equal(['b', 'c']);
    history = undoHistory(history);
    expect(history.present).to.equal('c');
    history = undoHistory(undoHistory(history));
    expect(history.present).to.equal('b');
    history = redoHistory(history);
    expect(history.present).to.equal('c');
    history = pushHistory(history, 'x');
    expect(history.future).to.deep.equal([]);
    expect(redoHistory(history)).to.equal(history);
  });

  it('keeps every item once and rows within 2–3 cells under any moves (property)', () => {
    const ids = ['a', 'b', 'c', 'd', 'e', 'f'];
    const target = fc.oneof(
      fc.record({ kind: fc.constant('between' as const), index: fc.integer({ min: 0, max: 6 }) }),
      fc.record({ kind: fc.constant('beside' as const), targetId: fc.constantFrom(...ids), side: fc.constantFrom('left' as const, 'right' as const) }),
    );
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom(...ids), target), { maxLength: 25 }), (moves) => {
        let form = formOf(...ids.map(field));
        for (const [id, to] of moves) form = moveItem(form, id, to as FormDropTarget, rowId);
        expect(flatItems(form).map((i) => i.id).sort()).to.deep.equal(ids);
        for (const item of form.items) if (item.kind === 'row') expect(item.items.length).to.be.within(2, ROW_MAX);
      }),
    );
  });
});
