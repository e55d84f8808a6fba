/**
 * One id rule for templates, apps and exports (src/core/ids.ts `isValidId`): an id that
 * validates always exports and imports back, and the field-type registry's checks reach
 * template loading (options schema and stored values of a site owner's type, size limits).
 */
import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import { isValidId } from '../../../src/core/ids.js';
import { buildExport, parseExport } from '../../../src/core/schema/export.js';
import { validateApp, validateTemplate } from '../../../src/core/schema/validate.js';
import { defineFieldType, registerFieldType, isKnownFieldType } from '../../../src/core/fields/index.js';
import type { AppDef, RecordData, TemplateDef } from '../../../src/core/schema/types.js';
import { miniTemplate } from './fixtures.js';

const NOW = new Date('2026-01-02T03:04:05.000Z');

describe('one id rule', () => {
  it('refuses prototype and constructor (which the export parser cannot key by) everywhere', () => {
    for (const id of ['prototype', 'constructor', '__proto__']) expect(isValidId(id), id).to.equal(false);
    for (const id of ['Prototype', 'toString', 'a', 'rec_0mwsm3ccj003pbasflez', 'x-1_2']) expect(isValidId(id), id).to.equal(true);
    const template = miniTemplate();
    template.tables[0].id = 'prototype';
    const result = validateTemplate(template);
    expect(result.ok).to.equal(false);
    if (!result.ok) expect(result.errors.some((e) => e.code === 'schema.idSyntax' && e.path === 'tables[0].id')).to.equal(true);
  });

  it('any app that validates exports and imports back (property)', () => {
    const id = fc.oneof(
      fc.constantFrom('prototype', 'constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf', '0', 'a-', 'A_b'),
      fc.stringMatching(/^[A-Za-z0-9_-]{1,12}$/),
    );
    fc.assert(
      fc.property(fc.uniqueArray(id, { minLength: 1, maxLength: 3 }), id, id, (tableIds, fieldId, recordId) => {
        const app: AppDef = {
          id: 'app1',
          name: 'App',
          version: 1,
          createdAt: NOW.toISOString(),
          updatedAt: NOW.toISOString(),
          tables: tableIds.map((tableId, i) => ({
            id: tableId,
            name: `表${i}`,
            primaryFieldId: fieldId,
            fields: [{ id: fieldId, name: '名称', type: 'text' }],
          })),
        };
        // Refused up front is fine: it can never be exported. (Record ids come from the store's createId.)
        if (!validateApp(app).ok || !isValidId(recordId)) return;
        const records: Record<string, RecordData[]> = {};
        for (const table of app.tables) {
          records[table.id] = [{ id: recordId, tableId: table.id, version: 1, createdAt: NOW.toISOString(), updatedAt: NOW.toISOString(), values: { [fieldId]: 'x' } }];
        }
        const exported = buildExport(app, records, NOW);
        const parsed = parseExport(JSON.stringify(exported));
        if (!parsed.ok) throw new Error(`${JSON.stringify(tableIds)} ${fieldId} ${recordId}: ${parsed.errors.map((e) => `${e.path}: ${e.message}`).join('; ')}`);
        expect(parsed.value).to.deep.equal(exported);
      }),
      { seed: 20261201, numRuns: 400 },
    );
  });
});

describe('template load asks the field-type registry', () => {
  before(() => {
    if (isKnownFieldType('stars')) return;
    registerFieldType(
      defineFieldType({
        type: 'stars',
        labels: { 'zh-CN': '星级', en: 'Stars' },
        category: 'basic',
        scalar: () => ({ type: 'number', list: false }),
        checkStored: (value) => (typeof value === 'number' && Number.isInteger(value) ? null : { key: 'stars.notInteger' }),
        options: [{ key: 'max', kind: 'integer', min: 1, max: 10, required: true, labels: { 'zh-CN': '最多', en: 'Most' } }],
      }),
    );
  });

  function withStars(options: Record<string, unknown> | undefined, value: unknown): TemplateDef {
    const template = miniTemplate();
    template.tables[0].fields.push({ id: 'stars', name: '星级', type: 'stars', ...(options ? { options } : {}) } as never);
    template.sampleData!.customers![0].values.stars = value as never;
    return template;
  }

  it('accepts a registered third-party type without knownFieldTypes', () => {
    const result = validateTemplate(withStars({ max: 5 }, 4));
    expect(result.ok, JSON.stringify(!result.ok && result.errors)).to.equal(true);
  });

  it("validates its options against its schema (required, range)", () => {
    const missing = validateTemplate(withStars(undefined, 4));
    expect(missing.ok).to.equal(false);
    if (!missing.ok) expect(missing.errors.map((e) => [e.path, e.code])).to.deep.include(['tables[0].fields[7].options.max', 'schema.required']);
    const range = validateTemplate(withStars({ max: 50 }, 4));
    expect(range.ok).to.equal(false);
    if (!range.ok) expect(range.errors.map((e) => [e.path, e.code])).to.deep.include(['tables[0].fields[7].options.max', 'schema.range']);
  });

  it('checks its stored values with its own checkStored', () => {
    const result = validateTemplate(withStars({ max: 5 }, 3.5));
    expect(result.ok).to.equal(false);
    if (!result.ok) {
      const issue = result.errors.find((e) => e.path === 'sampleData.customers[0].values.stars');
      expect(issue?.code).to.equal('schema.valueInvalid');
      expect(issue?.message).to.contain('stars');
    }
  });

  it('refuses a text value over the size limit, naming the limit', () => {
    const template = miniTemplate();
    template.sampleData!.customers![0].values.name = 'x'.repeat(100_001);
    const result = validateTemplate(template, { locale: 'zh-CN' });
    expect(result.ok).to.equal(false);
    if (!result.ok) {
      const issue = result.errors.find((e) => e.path === 'sampleData.customers[0].values.name');
      expect(issue?.code).to.equal('schema.valueTooLong');
      expect(issue?.message).to.contain('100000');
    }
  });
});
