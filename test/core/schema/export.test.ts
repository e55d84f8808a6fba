import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import { buildExport, parseExport, parseJsonText } from '../../../src/core/schema/export.js';
import { findJsonSyntaxError } from '../../../src/core/schema/json-syntax.js';
import { validateTemplate } from '../../../src/core/schema/validate.js';
import { cloneTemplate } from '../../../src/core/templates/clone.js';
import type { AppDef, CellValue, FieldDef, RecordData, TableDef, TemplateDef } from '../../../src/core/schema/types.js';
import { loadCustomerLtvJson, loose, miniTemplate } from './fixtures.js';

const NOW = new Date('2026-11-01T09:30:00.000Z');

/** Clone a template and turn its records into stored records, as the store would hold them. */
function storedApp(template: TemplateDef): { app: AppDef; records: Record<string, RecordData[]> } {
  let n = 0;
  const { app, records } = cloneTemplate(template, { now: NOW, newId: () => `id${++n}` });
  const stored: Record<string, RecordData[]> = {};
  for (const [tableId, list] of Object.entries(records)) {
    stored[tableId] = list.map((r) => ({
      id: r.id,
      tableId,
      version: 1,
      createdAt: NOW.toISOString(),
      updatedAt: NOW.toISOString(),
      values: r.values,
    }));
  }
  return { app, records: stored };
}

describe('buildExport', () => {
  it('lists every table of the app, in order, with its records', () => {
    const { app, records } = storedApp(miniTemplate());
    delete records.orders;
    const exported = buildExport(app, records, NOW);
    expect(exported.format).to.equal('ltc-export');
    expect(exported.formatVersion).to.equal(1);
    expect(exported.exportedAt).to.equal('2026-11-01T09:30:00.000Z');
    expect(Object.keys(exported.records)).to.deep.equal(['customers', 'orders']);
    expect(exported.records.customers).to.deep.equal(records.customers);
    expect(exported.records.orders).to.deep.equal([]);
  });

  it('shares no objects with its inputs', () => {
    const { app, records } = storedApp(miniTemplate());
    const exported = buildExport(app, records, NOW);
    exported.app.tables[0].name = 'changed';
    exported.records.customers[0].values.name = 'changed';
    expect(app.tables[0].name).to.equal('客户');
    expect(records.customers[0].values.name).to.equal('王伟');
  });

  it('refuses records of a table the app does not have', () => {
    const { app, records } = storedApp(miniTemplate());
    expect(() => buildExport(app, { ...records, ghosts: [] }, NOW)).to.throw(TypeError, /ghosts/);
  });
});

describe('export round trip', () => {
  it('buildExport → JSON → parseExport equals the original for the full customer-ltv data', async () => {
    const checked = validateTemplate(await loadCustomerLtvJson());
    if (!checked.ok) throw new Error('template invalid');
    const { app, records } = storedApp(checked.template);
    expect(records.customers.length).to.be.at.least(220);
    expect(records.orders.length).to.be.at.least(1600);
    const exported = buildExport(app, records, NOW);
    const parsed = parseExport(JSON.stringify(exported));
    if (!parsed.ok) throw new Error(parsed.errors.slice(0, 3).map((e) => `${e.path}: ${e.message}`).join('\n'));
    expect(parsed.warnings).to.deep.equal([]);
    expect(parsed.value).to.deep.equal(exported);
    expect(parsed.value.app).to.deep.equal(app);
    expect(parsed.value.records).to.deep.equal(records);
  });

  it('keeps keys a newer version added, with a warning', () => {
    const { app, records } = storedApp(miniTemplate());
    const exported = loose(buildExport(app, records, NOW));
    // Dashboards are known now (docs/dashboards.md); reports stand for a key a later version adds.
    exported.app.reports = [{ id: 'r1', panels: [{ kind: 'number' }] }];
    exported.records.orders[0].owner = 'u7';
    const parsed = parseExport(JSON.stringify(exported));
    expect(parsed.ok).to.equal(true);
    if (!parsed.ok) return;
    expect(parsed.value).to.deep.equal(exported);
    expect(parsed.warnings?.map((w) => w.path)).to.deep.equal(['app.reports', 'records.orders[0].owner']);
  });

  it('ignores a leading byte-order mark', () => {
    const { app, records } = storedApp(miniTemplate());
    const parsed = parseExport(`\uFEFF${JSON.stringify(buildExport(app, records, NOW))}`);
    expect(parsed.ok).to.equal(true);
  });

  it('holds for random apps and records (property)', () => {
    fc.assert(
      fc.property(fc.gen(), (g) => {
        const { app, records } = randomApp(g);
        const exported = buildExport(app, records, NOW);
        const parsed = parseExport(JSON.stringify(exported));
        if (!parsed.ok) throw new Error(parsed.errors.slice(0, 3).map((e) => `${e.path}: ${e.message}`).join('\n'));
        expect(parsed.warnings).to.deep.equal([]);
        expect(parsed.value).to.deep.equal(exported);
        expect(parsed.value.records).to.deep.equal(records);
      }),
      { seed: 20261123, numRuns: 150 },
    );
  });
});

describe('parseExport: JSON syntax errors', () => {
  const cases: Array<[string, string, number, number, number]> = [
    ['trailing comma', '[1, 2,]', 1, 7, 6],
    ['missing value', '{"a": 1,\n  "b": }', 2, 8, 16],
    ['missing colon', '{"a" 1}', 1, 6, 5],
    ['unclosed object', '{"a": 1', 1, 8, 7],
    ['unclosed string', '{\n"a": "x', 2, 6, 7],
    ['bad escape', '["\\x"]', 1, 3, 2],
    ['leading zero', '[01]', 1, 3, 2],
    ['text after the value', '{}\n\nx', 3, 1, 4],
    ['empty file', '', 1, 1, 0],
    ['single quotes', "{'a': 1}", 1, 2, 1],
  ];
  for (const [name, text, line, column, offset] of cases) {
    it(`${name}: line ${line}, column ${column}`, () => {
      const result = parseExport(text);
      expect(result.ok).to.equal(false);
      if (result.ok) return;
      expect(result.errors).to.have.length(1);
      const [error] = result.errors;
      expect(error.code).to.equal('json.syntax');
      expect(error.path).to.equal('');
      expect((error as { position?: unknown }).position).to.deep.equal({ offset, line, column });
      expect(error.message).to.contain(`line ${line}, column ${column}`);
    });
  }

  it('words the error in Chinese', () => {
    const result = parseExport('[1, 2,]', 'zh-CN');
    expect(result.ok).to.equal(false);
    if (!result.ok) expect(result.errors[0].message).to.equal('文件不是有效的 JSON：第 1 行第 7 列（偏移 6）处缺少值（实际为 "]"）。');
  });

  it('survives absurd nesting without throwing', () => {
    for (const text of ['['.repeat(200_000), `${'['.repeat(200_000)}${']'.repeat(200_000)}`, `${'{"a":'.repeat(50_000)}1${'}'.repeat(50_000)}`]) {
      let result: ReturnType<typeof parseExport> | undefined;
      expect(() => (result = parseExport(text))).not.to.throw();
      expect(result?.ok).to.equal(false);
    }
  });

  it('the scanner agrees with JSON.parse on random text (property)', () => {
    const jsonish = fc.stringMatching(/^[\s"{}[\],:0-9a-z.eE+\-\\]{0,24}$/);
    fc.assert(
      fc.property(fc.oneof(jsonish, fc.json(), fc.string()), (text) => {
        let valid = true;
        try {
          JSON.parse(text);
        } catch {
          valid = false;
        }
        expect(findJsonSyntaxError(text) === undefined, JSON.stringify(text)).to.equal(valid);
        expect(parseJsonText(text).ok).to.equal(valid);
      }),
      { seed: 20261123, numRuns: 2000 },
    );
  });
});

// ---------------------------------------------------------------------------------------
// A random, valid app with random, valid records, for the round-trip property.

type Gen = fc.GeneratorValue;

const SIMPLE_TYPES = ['text', 'textarea', 'number', 'money', 'percent', 'date', 'datetime', 'select', 'multiselect', 'checkbox', 'phone', 'email', 'relation', 'formula'] as const;
const DATE_RANGE = { min: new Date('1900-01-01T00:00:00Z'), max: new Date('2999-12-31T23:59:59Z'), noInvalidDate: true };

function text(g: Gen, maxLength = 12): string {
  return g(fc.string, { unit: 'binary', maxLength });
}

/** A display name: random text made unique by a suffix; braces are not allowed in names. */
function name(g: Gen, suffix: string): string {
  return `${text(g, 8).replace(/[{}]/g, '')}#${suffix}`;
}

function randomApp(g: Gen): { app: AppDef; records: Record<string, RecordData[]> } {
  const tableCount = g(fc.integer, { min: 1, max: 3 });
  const tables: TableDef[] = [];
  for (let t = 0; t < tableCount; t++) {
    const fields: FieldDef[] = [{ id: 'title', name: name(g, 'title'), type: 'text' }];
    const extra = g(fc.integer, { min: 0, max: 7 });
    for (let f = 0; f < extra; f++) {
      const type = g(fc.constantFrom, ...SIMPLE_TYPES);
      const field: FieldDef = { id: `f${f}`, name: name(g, `f${f}`), type };
      if (g(fc.boolean)) field.labels = { 'zh-CN': text(g), en: text(g) };
      if (type === 'select' || type === 'multiselect') {
        const count = g(fc.integer, { min: 1, max: 4 });
        field.options = { choices: Array.from({ length: count }, (_, k) => ({ id: `c${k}`, name: name(g, `c${k}`) })) };
      } else if (type === 'relation') {
        field.options = { table: `t${g(fc.integer, { min: 0, max: tableCount - 1 })}`, multiple: g(fc.boolean) };
      } else if (type === 'formula') {
        field.options = { formula: text(g, 30), resultType: g(fc.constantFrom, 'number', 'money', 'percent', 'text', 'date', 'boolean') };
      } else if (type === 'money' && g(fc.boolean)) {
        field.options = { precision: 2, currency: 'CNY', min: 0 };
      }
      fields.push(field);
    }
    tables.push({ id: `t${t}`, name: name(g, `t${t}`), primaryFieldId: 'title', fields });
  }
  // Inverse sides for some relations.
  let inverses = 0;
  for (const table of tables) {
    for (const field of [...table.fields]) {
      if (field.type !== 'relation' || field.options?.inverseOf !== undefined || !g(fc.boolean)) continue;
      const target = tables.find((x) => x.id === field.options?.table);
      target?.fields.push({ id: `inv${inverses}`, name: name(g, `inv${inverses}`), type: 'relation', options: { table: table.id, inverseOf: field.id, multiple: true } });
      inverses += 1;
    }
  }

  const ids = new Map<string, string[]>();
  for (const table of tables) {
    const count = g(fc.integer, { min: 0, max: 5 });
    ids.set(table.id, Array.from({ length: count }, (_, k) => `${g(fc.stringMatching, /^[a-z][a-z0-9_]{0,6}$/)}-${k}`));
  }
  const timestamp = (): string => g(fc.date, DATE_RANGE).toISOString();
  const records: Record<string, RecordData[]> = {};
  for (const table of tables) {
    records[table.id] = (ids.get(table.id) ?? []).map((id) => {
      const values: Record<string, CellValue> = {};
      for (const field of table.fields) {
        if (field.type === 'formula' || field.options?.inverseOf !== undefined) continue;
        const roll = g(fc.integer, { min: 0, max: 9 });
        if (roll === 0) continue; // absent
        values[field.id] = roll === 1 ? null : randomValue(g, field, ids);
      }
      return { id, tableId: table.id, version: g(fc.integer, { min: 1, max: 10_000 }), createdAt: timestamp(), updatedAt: timestamp(), values };
    });
  }
  const app: AppDef = {
    id: `app-${g(fc.stringMatching, /^[a-z0-9]{1,8}$/)}`,
    name: `App ${text(g)}`,
    version: g(fc.integer, { min: 1, max: 500 }),
    createdAt: timestamp(),
    updatedAt: timestamp(),
    tables,
  };
  if (g(fc.boolean)) app.templateId = 'customer-ltv';
  if (g(fc.boolean)) app.description = text(g, 40);
  return { app, records };
}

function randomValue(g: Gen, field: FieldDef, ids: ReadonlyMap<string, string[]>): CellValue {
  const choices = (field.options?.choices ?? []).map((c) => c.id);
  switch (field.type) {
    case 'number':
    case 'money':
    case 'percent': {
      const n = g(fc.double, { noNaN: true, noDefaultInfinity: true });
      return Object.is(n, -0) ? 0 : n; // JSON has no -0
    }
    case 'date':
      return g(fc.date, DATE_RANGE).toISOString().slice(0, 10);
    case 'datetime':
      return g(fc.date, DATE_RANGE).toISOString();
    case 'checkbox':
      return g(fc.boolean);
    case 'select':
      return g(fc.constantFrom, ...choices);
    case 'multiselect':
      return g(fc.subarray, choices);
    case 'relation': {
      const targets = ids.get(field.options?.table ?? '') ?? [];
      if (field.options?.multiple) return g(fc.subarray, targets);
      return targets.length === 0 ? null : g(fc.constantFrom, ...targets);
    }
    default:
      return text(g, 30);
  }
}
