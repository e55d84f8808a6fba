/**
 * Form definitions (`TableDef.forms`) are checked on template load and import: every error
 * path of src/core/forms/validate.ts, its messages in both languages, and the round trip of
 * forms through an export.
 */
import { expect } from '@open-wc/testing';
import { validateTemplate } from '../../../src/core/schema/validate.js';
import { buildExport, parseExport } from '../../../src/core/schema/export.js';
import { cloneTemplate } from '../../../src/core/templates/clone.js';
import type { FormDef } from '../../../src/core/forms/index.js';
import { loose, miniTemplate, type Loose } from '../schema/fixtures.js';

/** The mini template with a lead form on customers and an order form on orders. */
function withForms(): Loose {
  const template = loose(miniTemplate());
  template.tables[0].fields.push({ id: 'old', name: '旧字段', type: 'text', archived: true });
  const lead: FormDef = {
    id: 'lead',
    name: '线索',
    description: { text: 'Tell us about you', labels: { 'zh-CN': '介绍一下你自己' } },
    items: [
      { id: 'h1', kind: 'heading', title: { text: 'Contact' } },
      { id: 'i1', kind: 'field', fieldId: 'name', required: true, label: { text: 'Your name' } },
      { id: 'r1', kind: 'row', items: [{ id: 'i2', kind: 'field', fieldId: 'spend' }, { id: 'i3', kind: 'field', fieldId: 'joined' }] },
      { id: 'i4', kind: 'field', fieldId: 'city', defaultValue: 'sh', visibleWhen: { '>': [{ var: 'spend' }, 100] } },
      { id: 't1', kind: 'text', text: { text: 'Thanks' } },
    ],
    thankYou: { title: { text: 'Done' } },
  };
  template.tables[0].forms = [lead];
  template.tables[1].forms = [{ id: 'order', name: '下单', items: [{ id: 'i1', kind: 'field', fieldId: 'no' }] }];
  return template;
}

function errorsOf(template: unknown, locale: 'en' | 'zh-CN' = 'en') {
  const result = validateTemplate(template, { locale });
  return result.ok ? [] : result.errors;
}

describe('form definitions: validation', () => {
  it('accepts well-formed forms and keeps them', () => {
    const result = validateTemplate(withForms());
    expect(result.ok, JSON.stringify(!result.ok && result.errors)).to.equal(true);
    if (!result.ok) return;
    expect(result.template.tables[0].forms?.[0]?.items).to.have.length(5);
    expect(result.template.tables[0].fields.find((f) => f.id === 'old')?.archived).to.equal(true);
  });

  const cases: Array<[string, (t: Loose) => void, string, string]> = [
    ['a form id used twice in the app', (t) => (t.tables[1].forms[0].id = 'lead'), 'tables[1].forms[0].id', 'schema.duplicateId'],
    ['a bad form id', (t) => (t.tables[0].forms[0].id = 'no spaces'), 'tables[0].forms[0].id', 'schema.idSyntax'],
    ['an item id used twice in a form', (t) => (t.tables[0].forms[0].items[3].id = 'i1'), 'tables[0].forms[0].items[3].id', 'schema.duplicateId'],
    ['a missing form name', (t) => delete t.tables[0].forms[0].name, 'tables[0].forms[0].name', 'schema.required'],
    ['items that are not a list', (t) => (t.tables[0].forms[0].items = {}), 'tables[0].forms[0].items', 'schema.type'],
    ['an unknown item kind', (t) => (t.tables[0].forms[0].items[4].kind = 'video'), 'tables[0].forms[0].items[4].kind', 'form.kind'],
    ['a field the table does not have', (t) => (t.tables[0].forms[0].items[3].fieldId = 'nope'), 'tables[0].forms[0].items[3].fieldId', 'form.fieldUnknown'],
    ['an archived field', (t) => (t.tables[0].forms[0].items[3].fieldId = 'old'), 'tables[0].forms[0].items[3].fieldId', 'form.fieldArchived'],
    ['a field twice in one form', (t) => (t.tables[0].forms[0].items[2].items[1].fieldId = 'name'), 'tables[0].forms[0].items[2].items[1].fieldId', 'form.fieldTwice'],
    ['a row of one item', (t) => t.tables[0].forms[0].items[2].items.pop(), 'tables[0].forms[0].items[2].items', 'form.rowSize'],
    [
      'a row of four items',
      (t) => t.tables[0].forms[0].items[2].items.push({ id: 'x1', kind: 'text', text: { text: 'a' } }, { id: 'x2', kind: 'text', text: { text: 'b' } }),
      'tables[0].forms[0].items[2].items',
      'form.rowSize',
    ],
    ['a heading inside a row', (t) => (t.tables[0].forms[0].items[2].items[1] = { id: 'h9', kind: 'heading', title: { text: 'x' } }), 'tables[0].forms[0].items[2].items[1].kind', 'form.rowItem'],
    ['a condition on a field the table lacks', (t) => (t.tables[0].forms[0].items[3].visibleWhen = { '==': [{ var: 'ghost' }, 1] }), 'tables[0].forms[0].items[3].visibleWhen', 'form.visibleWhenField'],
    ['a label that is not a FormText', (t) => (t.tables[0].forms[0].items[1].label = 'Your name'), 'tables[0].forms[0].items[1].label', 'schema.type'],
    ['a FormText without text', (t) => (t.tables[0].forms[0].items[0].title = { labels: { en: 'x' } }), 'tables[0].forms[0].items[0].title.text', 'schema.required'],
    ['a FormText label that is not a string', (t) => (t.tables[0].forms[0].description.labels.en = 3), 'tables[0].forms[0].description.labels["en"]', 'schema.type'],
    ['a default that is not a choice', (t) => (t.tables[0].forms[0].items[3].defaultValue = 'paris'), 'tables[0].forms[0].items[3].defaultValue', 'form.defaultValue'],
    ['a default of the wrong type', (t) => (t.tables[0].forms[0].items[2].items[0].defaultValue = 'lots'), 'tables[0].forms[0].items[2].items[0].defaultValue', 'form.defaultValue'],
    ['required that is not a boolean', (t) => (t.tables[0].forms[0].items[1].required = 'yes'), 'tables[0].forms[0].items[1].required', 'schema.type'],
    ['forms that are not a list', (t) => (t.tables[1].forms = { id: 'x' }), 'tables[1].forms', 'schema.type'],
  ];
  for (const [name, breakIt, path, code] of cases) {
    it(`reports ${name} at ${path}`, () => {
      const template = withForms();
      breakIt(template);
      const errors = errorsOf(template);
      expect(errors.map((e) => `${e.path} ${(e as { code?: string }).code}`)).to.include(`${path} ${code}`);
    });
  }

  it('says what is wrong in zh-CN and en', () => {
    const template = withForms();
    template.tables[0].forms[0].items[3].fieldId = 'old';
    const [en] = errorsOf(template, 'en');
    const [zh] = errorsOf(template, 'zh-CN');
    expect(en?.message).to.equal('Field "旧字段" is archived: restore it before a form shows it.');
    expect(zh?.message).to.equal('字段“旧字段”已归档：恢复后才能在表单中显示。');
  });

  it('exports forms with the app and reads them back unchanged', () => {
    const result = validateTemplate(withForms());
    if (!result.ok) throw new Error('template invalid');
    const { app } = cloneTemplate(result.template, { now: new Date('2026-11-01T00:00:00Z') });
    expect(app.tables[0].forms?.[0]?.id).to.equal('lead');
    const text = JSON.stringify(buildExport(app, {}, new Date('2026-11-02T00:00:00Z')));
    const parsed = parseExport(text);
    expect(parsed.ok, JSON.stringify(!parsed.ok && parsed.errors)).to.equal(true);
    if (!parsed.ok) return;
    expect(parsed.value.app.tables.map((t) => t.forms)).to.deep.equal(app.tables.map((t) => t.forms));
  });
});
