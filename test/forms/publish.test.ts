/**
 * Publishing a form and checking what comes back (src/core/forms/publish.ts, submission.ts):
 * the form file keeps only what a visitor can fill in and says what it left out; hostile
 * form files and submissions are refused with the path of each problem; a submission becomes
 * records whose ids come from its submissionId.
 */
import { expect } from '@open-wc/testing';
import { formSnippet, publishForm, validateFormFile } from '../../src/core/forms/publish.js';
import { submissionRecords, validateSubmission, MAX_SUBMISSION_FIELDS } from '../../src/core/forms/submission.js';
import type { FormFile, FormSubmission } from '../../src/core/forms/model.js';
import { leadApp } from './fixtures.js';

const NOW = new Date('2026-12-01T00:00:00.000Z');

function leadFile(): FormFile {
  return publishForm(leadApp(), 'customers', 'lead', NOW).file;
}

function submission(values: Record<string, unknown>, extra: Partial<FormSubmission> = {}): Record<string, unknown> {
  return { format: 'ltc-submission', formatVersion: 1, submissionId: '6f1c2a10-0000-4000-8000-000000000001', appId: 'shop', tableId: 'customers', formId: 'lead', submittedAt: '2026-12-02T00:00:00.000Z', values, ...extra };
}

const paths = (result: { ok: boolean; errors?: Array<{ path: string }> }) => (result.ok ? [] : result.errors!.map((e) => e.path));

describe('publishForm', () => {
  it('keeps the fillable fields with their labels and choices, and reports each field it leaves out', () => {
    const { file, issues } = publishForm(leadApp(), 'customers', 'lead', NOW);
    expect(file.format).to.equal('ltc-form');
    expect(file.publishedAt).to.equal(NOW.toISOString());
    expect(file.fields.map((f) => f.id)).to.deep.equal(['name', 'email', 'kind', 'company', 'budget', 'source']);
    expect(file.fields.find((f) => f.id === 'kind')!.options!.choices![1]!.labels).to.deep.equal({ en: 'Company' });
    expect(issues.map((i) => [i.fieldId, i.code, i.path])).to.deep.equal([
      ['score', 'publish.derived', 'items[4].items[1]'],
      ['owner', 'publish.relation', 'items[6]'],
      ['old', 'publish.archived', 'items[7]'],
    ]);
    // The row keeps its remaining item; the visibility condition travels with its item.
    const row = file.form.items.find((item) => item.id === 'row');
    expect(row && row.kind === 'row' ? row.items.map((i) => i.id) : []).to.deep.equal(['i-budget']);
    expect(file.form.items.find((item) => item.id === 'i-company')!.visibleWhen).to.deep.equal({ '==': [{ var: 'kind' }, 'company'] });
    expect(JSON.stringify(file)).not.to.include('records');
    expect(validateFormFile(JSON.parse(JSON.stringify(file))).ok).to.equal(true);
  });

  it('carries a sub-table with its child columns, without the link back', () => {
    const { file, issues } = publishForm(leadApp(), 'orders', 'order', NOW);
    expect(issues).to.deep.equal([]);
    expect(file.childFields!.lines!.map((f) => f.id)).to.deep.equal(['product', 'qty', 'total']);
  });

  it('refuses an unknown table or form as a caller mistake', () => {
    expect(() => publishForm(leadApp(), 'nope', 'lead')).to.throw(TypeError);
    expect(() => publishForm(leadApp(), 'customers', 'nope')).to.throw(TypeError);
  });

  it('gives a snippet whose attribute values cannot break out of their quotes', () => {
    const snippet = formSnippet(leadFile(), { scriptUrl: 'https://cdn.example/ltc-form.js', action: 'https://shop.example/api?a=1&b="x"><script>' });
    expect(snippet).to.include('<script src="https://cdn.example/ltc-form.js" defer></script>');
    expect(snippet).to.include('src="lead.form.json"');
    expect(snippet).to.include('action="https://shop.example/api?a=1&#38;b=&#34;x&#34;&#62;&#60;script&#62;"');
    expect(snippet.match(/<script/g)!.length).to.equal(1);
  });
});

describe('validateFormFile', () => {
  const hostile: Array<[string, (file: Record<string, any>) => unknown, string]> = [
    ['not an object', () => [], '$'],
    ['another format', (f) => ({ ...f, format: 'ltc-export' }), 'format'],
    ['an item naming a field the file lacks', (f) => ((f.form.items[0].fieldId = 'ghost'), f), 'form.items[0].fieldId'],
    ['a repeated item id', (f) => ((f.form.items[1].id = f.form.items[0].id), f), 'form.items[1].id'],
    ['an unknown item kind', (f) => ((f.form.items[0].kind = 'script'), f), 'form.items[0].kind'],
    ['a label that is not text', (f) => ((f.fields[0].labels = { en: { toString: 1 } }), f), 'fields[0].labels.en'],
    ['a choice without an id', (f) => ((f.fields[2].options.choices[0] = { name: 'x' }), f), 'fields[2].options.choices[0].id'],
    ['a pattern that is not a regular expression', (f) => ((f.fields[0].options.pattern = '(['), f), 'fields[0].options.pattern'],
    ['a condition nested 1,000 deep', (f) => ((f.form.items[0].visibleWhen = JSON.parse('['.repeat(1000) + ']'.repeat(1000))), f), 'form.items[0].visibleWhen'],
    ['a row inside a row', (f) => ((f.form.items.find((i: any) => i.kind === 'row').items[0] = { id: 'r2', kind: 'row', items: [] }), f), 'form.items[4].items[0].kind'],
    ['600 fields', (f) => ({ ...f, fields: Array.from({ length: 600 }, (_, i) => ({ id: `f${i}`, name: `f${i}`, type: 'text' })) }), 'fields'],
    ['a huge string', (f) => ((f.form.name = 'x'.repeat(5000)), f), 'form.name'],
  ];
  for (const [what, spoil, path] of hostile) {
    it(`refuses ${what}, naming ${path}`, () => {
      const result = validateFormFile(spoil(JSON.parse(JSON.stringify(leadFile()))));
      expect(result.ok).to.equal(false);
      // A problem deep inside a value is named by its full path, which starts with the value's.
      expect(paths(result).some((p) => p === path || p.startsWith(`${path}.`)), paths(result).join(', ')).to.equal(true);
    });
  }
});

describe('validateSubmission', () => {
  it('accepts a submission and stores the values as the field types store them', () => {
    const result = validateSubmission(submission({ name: '王小明', budget: '1200', kind: 'person', email: 'wang@example.com' }), leadFile());
    expect(result.ok).to.equal(true);
    if (result.ok) expect(result.value.values).to.deep.equal({ name: '王小明', budget: 1200, kind: 'person', email: 'wang@example.com' });
  });

  it('refuses unknown and computed fields, bad values and missing required ones, by path', () => {
    const result = validateSubmission(submission({ name: '', kind: 'alien', budget: -5, score: 3, email: 'not-mail', ghost: 1 }), leadFile());
    expect(paths(result)).to.have.members(['values.name', 'values.kind', 'values.budget', 'values.score', 'values.email', 'values.ghost']);
  });

  it('requires a field shown by its condition, and drops a value its condition hides', () => {
    expect(paths(validateSubmission(submission({ name: 'A', kind: 'company' }), leadFile()))).to.deep.equal(['values.company']);
    const hidden = validateSubmission(submission({ name: 'A', kind: 'person', company: 'ACME' }), leadFile());
    expect(hidden.ok && hidden.value.values).to.deep.equal({ name: 'A', kind: 'person' });
  });

  it('refuses another form, a malformed id, too many values and more than 100 KB', () => {
    const file = leadFile();
    expect(paths(validateSubmission(submission({ name: 'A' }, { formId: 'other' }), file))).to.include('formId');
    expect(paths(validateSubmission(submission({ name: 'A' }, { submissionId: '../../x' }), file))).to.include('submissionId');
    const many = Object.fromEntries(Array.from({ length: MAX_SUBMISSION_FIELDS + 1 }, (_, i) => [`f${i}`, 'x']));
    expect(paths(validateSubmission(submission(many), file))).to.deep.equal(['values']);
    expect(paths(validateSubmission(submission({ name: 'x'.repeat(120_000) }), file))).to.deep.equal(['$']);
    expect(paths(validateSubmission('{}', file))).to.deep.equal(['$']);
  });

  it('checks sub-table rows and turns them into child records linked to the parent', () => {
    const file = publishForm(leadApp(), 'orders', 'order', NOW).file;
    const sub = (values: Record<string, unknown>) => submission(values, { tableId: 'orders', formId: 'order' });
    expect(paths(validateSubmission(sub({ no: 'A1', lines: [{ values: { product: '', qty: 0 } }, { values: { order: 'x' } }] }), file))).to.have.members([
      'values.lines[0].values.product',
      'values.lines[0].values.qty',
      'values.lines[1].values.order',
      'values.lines[1].values.product',
    ]);
    expect(paths(validateSubmission(sub({ no: 'A1' }), file))).to.deep.equal(['values.lines']);
    const ok = validateSubmission(sub({ no: 'A1', lines: [{ values: { product: '苹果', qty: '2' } }, { values: { product: '梨', qty: 1 } }] }), file);
    expect(ok.ok).to.equal(true);
    if (!ok.ok) return;
    expect(submissionRecords(ok.value, file)).to.deep.equal([
      { tableId: 'orders', id: 'sub_6f1c2a10-0000-4000-8000-000000000001', values: { no: 'A1' } },
      { tableId: 'lines', id: 'sub_6f1c2a10-0000-4000-8000-000000000001_lines_1', values: { product: '苹果', qty: 2, order: 'sub_6f1c2a10-0000-4000-8000-000000000001' } },
      { tableId: 'lines', id: 'sub_6f1c2a10-0000-4000-8000-000000000001_lines_2', values: { product: '梨', qty: 1, order: 'sub_6f1c2a10-0000-4000-8000-000000000001' } },
    ]);
  });
});
