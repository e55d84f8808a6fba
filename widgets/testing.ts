/**
 * The widget contract as a test suite anyone can run: the built-in widgets run it in
 * test/widgets/contract.test.ts, and a site owner runs it on their own widget:
 *
 * ```ts
 * import { registerWidget } from 'ltc-kit/widgets';
 * import { runWidgetContractTests } from 'ltc-kit/widgets/testing';
 * registerWidget(ratingWidget);
 * runWidgetContractTests(ratingWidget, { sample: 4, field: { id: 'r', name: '评分', type: 'rating' } });
 * ```
 *
 * Every case checks something; none is skipped. A `sample` (a valid stored value) is
 * required: without one, coercion, stored-value checks and formatting could not be tested.
 * Runs under mocha-style `describe`/`it` (as @web/test-runner provides) with @open-wc/testing.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { render, html as litHtml } from 'lit';
import { checkOptionSpecs } from '../src/core/fields/index.js';
import type { CellValue, FieldDef } from '../src/core/schema/types.js';
import { getWidget } from './registry.js';
import type { RelationOption, ResolvedWidget, WidgetDefinition } from './types.js';

export interface WidgetContractOptions {
  /** A valid stored value of the type (required: it drives the round-trip and render cases). */
  sample: CellValue;
  /** A field of the type with the options it needs (default: `{ id: 'f', name: '字段', type }`). */
  field?: FieldDef;
  /** Linkable records, for widgets that pick records. */
  relationOptions?: RelationOption[];
}

const CATEGORIES = ['basic', 'choice', 'datetime', 'relation', 'computed', 'layout'];
const OPTION_KINDS = ['number', 'integer', 'boolean', 'text', 'enum', 'choices', 'table', 'field', 'formula', 'json'];

/**
 * Register the contract's cases for one widget (already registered with `registerWidget`).
 * @throws TypeError at once when the widget is not registered or no sample is given.
 */
export function runWidgetContractTests(definition: WidgetDefinition | ResolvedWidget | string, options: WidgetContractOptions): void {
  const type = typeof definition === 'string' ? definition : definition.type;
  const widget = getWidget(type);
  if (!widget) throw new TypeError(`runWidgetContractTests: no widget "${type}" is registered (call registerWidget first)`);
  if (!options || !('sample' in options) || options.sample === undefined || options.sample === null) {
    throw new TypeError(`runWidgetContractTests(${type}): a non-blank \`sample\` stored value is required`);
  }
  const field: FieldDef = options.field ?? { id: 'f', name: '字段', type };
  const sample = options.sample;
  const facts = widget.fieldType;
  const editable = widget.isEditable(field);

  describe(`widget contract: ${type}`, () => {
    it('has labels in both languages and a known category', () => {
      expect(widget.labels['zh-CN']).to.be.a('string').and.not.empty;
      expect(widget.labels.en).to.be.a('string').and.not.empty;
      expect(CATEGORIES).to.include(widget.category);
    });

    it('turns blank input into a blank value and formats blanks as empty text', () => {
      for (const blank of [null, undefined, '', '   ']) {
        const result = widget.coerce(blank, field);
        expect(result.ok, JSON.stringify(blank)).to.equal(true);
        if (result.ok) expect(result.value === null || facts.isEmpty(result.value, { ...field, required: true }), JSON.stringify(result.value)).to.equal(true);
      }
      expect(widget.format(null, field, { locale: 'en' })).to.equal('');
    });

    it(editable ? 'keeps the sample through coerce (JSON import), accepts it as stored and formats it' : 'never stores a value (derived) and formats the sample', () => {
      const result = widget.coerce(sample, field, 'json');
      expect(result.ok).to.equal(true);
      if (editable || facts.keepsStoredValue) {
        if (result.ok) expect(result.value).to.deep.equal(sample);
        expect(facts.checkStored(sample, field), 'checkStored').to.equal(null);
        if (editable) expect(widget.validate(sample, field), 'validate').to.equal(null);
        expect(facts.isEmpty(sample, field), 'isEmpty').to.equal(false);
      } else {
        if (result.ok) expect(result.value).to.equal(null);
        expect(facts.checkStored(sample, field), 'a derived value is never stored').to.not.equal(null);
      }
      expect(widget.format(sample, field, { locale: 'zh-CN' })).to.be.a('string').and.not.empty;
      expect(['number', 'string']).to.include(typeof facts.sortKey(sample, field));
    });

    it('describes its options with labels in both languages, and the given field passes them', () => {
      for (const spec of facts.options) {
        expect(OPTION_KINDS, spec.key).to.include(spec.kind);
        expect(spec.labels['zh-CN'], spec.key).to.be.a('string').and.not.empty;
        expect(spec.labels.en, spec.key).to.be.a('string').and.not.empty;
      }
      expect(checkOptionSpecs(facts, field)).to.deep.equal([]);
    });

    it('renders a labelled control with the given id that reports input, and passes axe', async () => {
      let received: unknown;
      const host = await fixture<HTMLElement>(html`<div></div>`);
      render(
        litHtml`<label for="w1">字段</label>${widget.renderInput({
          id: 'w1',
          field,
          value: sample,
          locale: 'zh-CN',
          invalid: false,
          onInput: (raw) => (received = raw),
          relationOptions: options.relationOptions ?? [{ id: 'c001', label: '张三' }],
        })}`,
        host,
      );
      expect(host.querySelector('#w1'), 'control with the id').to.exist;
      if (editable) {
        const input = host.querySelector<HTMLInputElement>('input, select, textarea');
        expect(input, 'an input, select or textarea').to.exist;
        input!.dispatchEvent(new Event(input!.type === 'checkbox' || input!.tagName === 'SELECT' ? 'change' : 'input'));
        expect(received, 'onInput called').to.not.equal(undefined);
      }
      await expect(host).to.be.accessible();
    });

    it('never renders a value as HTML', async () => {
      const hostile = '<img src=x onerror="window.__pwned=1">';
      const host = await fixture<HTMLElement>(html`<div></div>`);
      render(
        litHtml`${widget.renderInput({ id: 'w2', field, value: hostile, locale: 'en', invalid: false, onInput: () => {} })}
          <span>${widget.format(hostile as CellValue, field, { locale: 'en' })}</span>
          ${widget.renderCell ? widget.renderCell(hostile as CellValue, field, { locale: 'en' }) : ''}`,
        host,
      );
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(host.querySelector('img')).to.equal(null);
      expect((window as { __pwned?: number }).__pwned).to.equal(undefined);
    });
  });
}
