import { expect } from '@open-wc/testing';
import { parseTemplate } from '../../../src/core/templates/index.js';
// The shipped template uses the field types added since the first fifteen (order lines, predictions).
import '../schema/fixtures.js';

describe('parseTemplate', () => {
  it('reads the shipped template file', async () => {
    const text = await (await fetch('/templates/customer-ltv.json')).text();
    const result = parseTemplate(text, 'zh-CN');
    expect(result.ok).to.equal(true);
    if (result.ok) expect(result.template.tables.map((t) => t.id)).to.deep.equal(['customers', 'orders', 'orderLines', 'staff', 'tasks', 'messages']);
  });

  it('locates a syntax error, as a user would see it', () => {
    const text = '{\n  "format": "ltc-template",\n  "id": "x",\n}\n';
    const result = parseTemplate(text, 'zh-CN');
    expect(result.ok).to.equal(false);
    if (result.ok) return;
    expect(result.errors).to.have.length(1);
    expect(result.errors[0].code).to.equal('json.syntax');
    expect(result.errors[0].position).to.deep.equal({ offset: 43, line: 4, column: 1 });
    expect(result.errors[0].message).to.equal('文件不是有效的 JSON：第 4 行第 1 列（偏移 43）处应为带双引号的属性名（实际为 "}"）。');
  });

  it('validates what it parsed', () => {
    const result = parseTemplate('{"format":"ltc-template","formatVersion":1,"id":"x","name":"X","tables":[{"id":"t","name":"T","primaryFieldId":"nope","fields":[]}]}');
    expect(result.ok).to.equal(false);
    if (!result.ok) expect(result.errors.map((e) => [e.code, e.path])).to.deep.equal([['schema.primaryFieldMissing', 'tables[0].primaryFieldId']]);
  });
});
