/**
 * The `stage` field type: its facts (stored recorded stage, stage-order sort, zh/en labels,
 * option specs) and the validation of its options and of the app's time zone, errors with
 * paths.
 */
import { expect } from '@open-wc/testing';
import { registerStageFieldType } from '../../../src/core/lifecycle/stage-field.js';
import { fieldTypeOf, listFieldTypes } from '../../../src/core/fields/index.js';
import { LIFECYCLE_STAGES } from '../../../src/core/lifecycle/stage.js';
import { describeIssue, validateApp } from '../../../src/core/schema/validate.js';
import type { AppDef } from '../../../src/core/schema/types.js';
import { STAGE_FIELD, shopApp } from '../../helpers/stage-app.js';

registerStageFieldType();

const stage = fieldTypeOf('stage');

function withStageOptions(options: Record<string, unknown>, extra: Partial<AppDef> = {}): unknown {
  const app = shopApp(extra);
  const field = app.tables[0]!.fields.find((f) => f.id === 'stage')!;
  field.options = { ...field.options, ...options } as never;
  return app;
}

function errorsOf(json: unknown) {
  const result = validateApp(json);
  return result.ok ? [] : result.errors;
}

describe('the stage field type', () => {
  it('is a registered, derived, computed type', () => {
    expect(listFieldTypes().map((t) => t.type)).to.include('stage');
    expect(stage.category).to.equal('computed');
    expect(stage.isDerived(STAGE_FIELD)).to.equal(true);
    expect(stage.scalar(STAGE_FIELD)).to.deep.equal({ type: 'text', list: false });
    expect(typeof stage.compile).to.equal('function');
  });

  it('accepts a stored stage id or null (the recorded stage), nothing else', () => {
    for (const id of LIFECYCLE_STAGES) expect(stage.checkStored(id, STAGE_FIELD)).to.equal(null);
    expect(stage.checkStored(null, STAGE_FIELD)).to.equal(null);
    expect(stage.checkStored('vip', STAGE_FIELD)?.key).to.equal('schema.valueType');
    expect(stage.checkStored(3, STAGE_FIELD)?.key).to.equal('schema.valueType');
  });

  it('sorts in stage order and formats by locale', () => {
    const shuffled = ['churned', 'new', 'potential', 'silent', 'active'];
    const sorted = [...shuffled].sort((a, b) => (stage.sortKey(a, STAGE_FIELD) as number) - (stage.sortKey(b, STAGE_FIELD) as number));
    expect(sorted).to.deep.equal([...LIFECYCLE_STAGES]);
    expect(stage.format('silent', STAGE_FIELD, { locale: 'zh-CN' })).to.equal('沉默客户');
    expect(stage.format('silent', STAGE_FIELD, { locale: 'en' })).to.equal('Silent');
    expect(stage.format(null, STAGE_FIELD, { locale: 'en' })).to.equal('');
  });

  it('describes its options for the property panel, with defaults and help in both languages', () => {
    const byKey = new Map(stage.options.map((spec) => [spec.key, spec]));
    expect([...byKey.keys()]).to.deep.equal(['source', 'dateField', 'countWhen', 'silentAfterDays', 'churnedAfterDays', 'activeMinOrders']);
    expect(byKey.get('source')!.required).to.equal(true);
    expect(byKey.get('countWhen')!.kind).to.equal('json');
    expect([byKey.get('silentAfterDays')!.default, byKey.get('churnedAfterDays')!.default, byKey.get('activeMinOrders')!.default]).to.deep.equal([60, 180, 2]);
    for (const spec of stage.options) {
      expect(spec.help?.['zh-CN'], spec.key).to.be.a('string').and.not.equal('');
      expect(spec.help?.en, spec.key).to.be.a('string').and.not.equal('');
    }
  });
});

describe('validating stage fields and the app time zone', () => {
  it('accepts the customer-ltv stage field and a known zone', () => {
    expect(errorsOf(shopApp())).to.deep.equal([]);
    expect(errorsOf(withStageOptions({ silentAfterDays: 30, churnedAfterDays: 90, activeMinOrders: 3 }))).to.deep.equal([]);
  });

  it('refuses a source that is not an inverse relation of the table', () => {
    const errors = errorsOf(withStageOptions({ source: 'name' }));
    expect(errors.map((e) => [e.path, e.code])).to.deep.equal([['tables[0].fields[2].options.source', 'schema.stageSource']]);
    expect(describeIssue(errors[0]!)).to.contain('"name" is not an inverse relation');
    expect(errorsOf(withStageOptions({ source: 'nothing' }))[0]?.code).to.equal('schema.stageSource');
  });

  it('refuses a date field that is missing or not a date of the related table', () => {
    expect(errorsOf(withStageOptions({ dateField: 'orderNo' })).map((e) => [e.path, e.code])).to.deep.equal([['tables[0].fields[2].options.dateField', 'schema.stageDateField']]);
    expect(errorsOf(withStageOptions({ dateField: 'gone' }))[0]?.code).to.equal('schema.stageDateField');
  });

  it('refuses a count condition reading a field the related table does not have', () => {
    const errors = errorsOf(withStageOptions({ countWhen: { '==': [{ var: 'status' }, 'paid'] } }));
    expect(errors.map((e) => [e.path, e.code])).to.deep.equal([['tables[0].fields[2].options.countWhen', 'schema.stageCountField']]);
  });

  it('refuses thresholds that are not positive integers, and churn not after silence', () => {
    expect(errorsOf(withStageOptions({ silentAfterDays: 0 })).map((e) => e.path)).to.include('tables[0].fields[2].options.silentAfterDays');
    expect(errorsOf(withStageOptions({ activeMinOrders: 1.5 })).map((e) => e.path)).to.include('tables[0].fields[2].options.activeMinOrders');
    const errors = errorsOf(withStageOptions({ silentAfterDays: 90, churnedAfterDays: 90 }));
    expect(errors.map((e) => [e.path, e.code])).to.deep.equal([['tables[0].fields[2].options.churnedAfterDays', 'schema.stageThresholds']]);
    expect(errors[0]!.message).to.contain('(90)');
  });

  it('refuses an unknown time zone with its path, zh and en', () => {
    const errors = errorsOf(shopApp({ timeZone: 'Mars/Olympus' }));
    expect(errors.map((e) => [e.path, e.code])).to.deep.equal([['timeZone', 'schema.timeZone']]);
    expect(errors[0]!.message).to.contain('Mars/Olympus');
    const zh = validateApp(shopApp({ timeZone: 'Mars/Olympus' }), { locale: 'zh-CN' });
    expect(zh.ok ? '' : zh.errors[0]!.message).to.contain('时区');
  });
});
