/**
 * The designer's property panel for the selected item: for a field, its name (which renames
 * the field in every form), the label this form shows instead, placeholder, help, required, default, validation (min / max / minLength / maxLength /
 * pattern with its message, as the field's type offers them), the choices editor, the
 * visibility condition (`<ltc-condition-builder>`, stored as JSON Logic in `visibleWhen`), the
 * prefill parameter, the type (changed through `changeFieldType`) and the type's other
 * settings through `<ltc-field-editor>`; for a heading or a text, its texts.
 *
 * Every text a form shows (label, placeholder, help, heading, description) has a second input
 * for its translation in the other UI language.
 *
 * Text inputs commit on `change` (Enter or leaving the input), so one edit is one undo step.
 */
import { html, nothing } from 'lit';
import { live } from 'lit/directives/live.js';
import { fieldTypeOf, listFieldTypes } from '../../core/fields/index.js';
import { createId } from '../../core/ids.js';
import type { FormFieldItem, FormText } from '../../core/forms/model.js';
import type { FormHeadingOrCell, ItemPatch } from '../../core/forms/edit.js';
import type { CellValue, FieldDef, FieldOptions, Locale, TableDef } from '../../core/schema/types.js';
import type { ConditionChangedDetail } from '../ltc-condition-builder.js';
import { td, type DesignerKey } from '../../i18n/designer-ui.js';
import { labelOf } from '../../i18n/index.js';

/** What the panel asks of the designer. */
export interface PropertiesHost {
  locale: Locale;
  table: TableDef;
  /** The field as stored in the draft, for a field item. */
  field?: FieldDef;
  /** A problem with the last field edit (shown, not saved). */
  fieldError: string;
  /** Whether the draft is stored (the nested field editor saves on its own). */
  saved: boolean;
  editItem(patch: ItemPatch): void;
  editField(field: FieldDef): void;
  changeType(type: string): void;
}

const VALIDATION_KEYS = ['min', 'max', 'minLength', 'maxLength', 'pattern'] as const;

const textOf = (value: { text: string } | undefined): string => value?.text ?? '';

/** The other of the two UI languages: the one a form text's translation is typed in. */
const otherLocale = (locale: Locale): Locale => (locale === 'en' ? 'zh-CN' : 'en');

/**
 * A form text (label, help, placeholder) as two inputs: the text itself and its translation in
 * the other UI language (`labels[other]`, shown to visitors whose page is in that language).
 * Clearing the text clears the translation with it.
 */
function bilingualInput(host: PropertiesHost, id: string, label: string, value: FormText | undefined, onChange: (text: FormText | undefined) => void, multiline = false, placeholder = '') {
  const locale = host.locale;
  const other = otherLocale(locale);
  // The first input edits what this UI language shows: its own label when the text has one
  // (a template's bilingual texts), else the text itself.
  const ownLabel = value?.labels?.[locale];
  const changed = (event: Event) => {
    const text = (event.target as HTMLInputElement | HTMLTextAreaElement).value;
    if (ownLabel !== undefined && value) {
      const { [locale]: _old, ...rest } = value.labels ?? {};
      const labels = text.trim() === '' ? rest : { ...rest, [locale]: text };
      return onChange({ text: value.text, ...(Object.keys(labels).length ? { labels } : {}) });
    }
    if (text.trim() === '') return onChange(undefined);
    onChange({ ...value, text });
  };
  const translated = (event: Event) => {
    const text = (event.target as HTMLInputElement | HTMLTextAreaElement).value.trim();
    const { [other]: _old, ...rest } = value?.labels ?? {};
    const labels = text ? { ...rest, [other]: text } : rest;
    const base = value?.text ?? text;
    if (!base) return onChange(undefined);
    onChange({ text: base, ...(Object.keys(labels).length ? { labels } : {}) });
  };
  const translation = value?.labels?.[other] ?? '';
  const otherLabel = td(locale, 'designer.inLanguage', { label, language: td(locale, other === 'en' ? 'designer.english' : 'designer.chinese') });
  return html`<div class="prop">
      <label for=${id}>${label}</label>
      ${multiline
        ? html`<textarea id=${id} rows="3" .value=${live(ownLabel ?? textOf(value))} placeholder=${placeholder} @change=${changed}></textarea>`
        : html`<input id=${id} .value=${live(ownLabel ?? textOf(value))} placeholder=${placeholder} @change=${changed} />`}
    </div>
    <div class="prop translation">
      <label for="${id}-${other}">${otherLabel}</label>
      ${multiline
        ? html`<textarea id="${id}-${other}" rows="2" lang=${other} .value=${live(translation)} @change=${translated}></textarea>`
        : html`<input id="${id}-${other}" lang=${other} .value=${live(translation)} @change=${translated} />`}
    </div>`;
}

function textInput(id: string, label: string, value: string, onChange: (text: string) => void, multiline = false) {
  const changed = (event: Event) => onChange((event.target as HTMLInputElement | HTMLTextAreaElement).value);
  return html`<div class="prop">
    <label for=${id}>${label}</label>
    ${multiline
      ? html`<textarea id=${id} rows="3" .value=${live(value)} @change=${changed}></textarea>`
      : html`<input id=${id} .value=${live(value)} @change=${changed} />`}
  </div>`;
}

function renderChoices(host: PropertiesHost, field: FieldDef) {
  const locale = host.locale;
  const choices = field.options?.choices ?? [];
  const save = (next: NonNullable<FieldOptions['choices']>) => host.editField({ ...field, options: { ...field.options, choices: next } });
  return html`<fieldset class="choices">
    <legend>${td(locale, 'designer.choices')}</legend>
    ${choices.map(
      (choice, index) => html`<div class="choice">
        <input
          aria-label=${td(locale, 'designer.choiceName', { n: index + 1 })}
          .value=${live(choice.name)}
          @change=${(e: Event) => save(choices.map((c) => (c.id === choice.id ? { ...c, name: (e.target as HTMLInputElement).value } : c)))}
        />
        <button type="button" class="remove-choice" aria-label=${td(locale, 'designer.removeChoice', { name: choice.name })} @click=${() => save(choices.filter((c) => c.id !== choice.id))}>×</button>
      </div>`,
    )}
    <button type="button" class="add-choice" @click=${() => save([...choices, { id: createId('opt'), name: td(locale, 'designer.newChoice', { n: choices.length + 1 }) }])}>
      + ${td(locale, 'designer.addChoice')}
    </button>
  </fieldset>`;
}

function renderValidation(host: PropertiesHost, field: FieldDef) {
  const locale = host.locale;
  const keys = new Set(fieldTypeOf(field).options.map((spec) => spec.key));
  const offered = VALIDATION_KEYS.filter((key) => keys.has(key));
  if (offered.length === 0) return nothing;
  const setOption = (key: keyof FieldOptions, value: unknown) => {
    const options: FieldOptions = { ...field.options, [key]: value };
    if (value === undefined) delete options[key];
    host.editField({ ...field, options });
  };
  return html`<fieldset class="validation">
    <legend>${td(locale, 'designer.validation')}</legend>
    ${offered.map((key) => {
      const numeric = key !== 'pattern';
      const current = field.options?.[key];
      return html`<div class="prop">
        <label for=${`v-${key}`}>${td(locale, `designer.${key}` as DesignerKey)}</label>
        <input
          id=${`v-${key}`}
          data-option=${key}
          type=${numeric ? 'number' : 'text'}
          .value=${live(current === undefined ? '' : String(current))}
          @change=${(e: Event) => {
            const text = (e.target as HTMLInputElement).value.trim();
            setOption(key, text === '' ? undefined : numeric ? Number(text) : text);
          }}
        />
      </div>`;
    })}
    ${keys.has('pattern')
      ? textInput('v-patternMessage', td(locale, 'designer.patternMessage'), field.options?.patternMessage?.[locale] ?? '', (text) =>
          setOption('patternMessage', text.trim() === '' ? undefined : { ...field.options?.patternMessage, [locale]: text }),
        )
      : nothing}
  </fieldset>`;
}

/** The stored default as the text an input shows. */
function defaultText(field: FieldDef, value: CellValue | undefined, locale: Locale): string {
  return value === undefined || value === null ? '' : fieldTypeOf(field).format(value, field, { locale });
}

function renderFieldProperties(host: PropertiesHost, item: FormFieldItem, field: FieldDef) {
  const locale = host.locale;
  const type = fieldTypeOf(field);
  const storedTypes = listFieldTypes().filter((def) => !def.isDerived({ ...field, type: def.type }));
  const derived = type.isDerived(field);
  return html`
    ${textInput('p-label', td(locale, 'designer.label'), field.name, (name) => host.editField({ ...field, name }))}
    ${host.fieldError ? html`<p class="field-error" role="alert">${host.fieldError}</p>` : nothing}
    ${bilingualInput(host, 'p-form-label', td(locale, 'designer.formLabel'), item.label, (label) => host.editItem({ label }), false, labelOf(field, locale))}
    ${derived ? nothing : bilingualInput(host, 'p-placeholder', td(locale, 'designer.placeholder'), item.placeholder, (placeholder) => host.editItem({ placeholder }))}
    ${bilingualInput(host, 'p-help', td(locale, 'designer.help'), item.help, (help) => host.editItem({ help }), true)}
    ${derived
      ? nothing
      : html`<div class="prop check">
            <label><input id="p-required" type="checkbox" .checked=${live(item.required === true)} @change=${(e: Event) => host.editItem({ required: (e.target as HTMLInputElement).checked || undefined })} />
              ${td(locale, 'designer.required')}</label>
          </div>
          ${textInput('p-default', td(locale, 'designer.default'), defaultText(field, item.defaultValue, locale), (text) => {
            const result = type.coerce(text, field, 'input');
            host.editItem({ defaultValue: result.ok && result.value !== null ? result.value : undefined });
          })}`}
    ${type.options.some((spec) => spec.kind === 'choices') ? renderChoices(host, field) : nothing} ${renderValidation(host, field)}
    <fieldset class="visibility">
      <legend>${td(locale, 'designer.visibility')}</legend>
      <p class="hint">${td(locale, 'designer.visibilityHint')}</p>
      <ltc-condition-builder
        .table=${host.table}
        .value=${item.visibleWhen ?? true}
        @ltc-condition-changed=${(e: CustomEvent<ConditionChangedDetail>) => {
          const logic = e.detail.logic;
          if (JSON.stringify(logic) !== JSON.stringify(item.visibleWhen ?? true)) host.editItem({ visibleWhen: logic === true ? undefined : logic });
        }}
      ></ltc-condition-builder>
    </fieldset>
    ${derived ? nothing : textInput('p-prefill', td(locale, 'designer.prefill'), item.prefill ?? '', (text) => host.editItem({ prefill: text.trim() || undefined }))}
    ${derived
      ? nothing
      : html`<div class="prop type">
          <label for="p-type">${td(locale, 'designer.type')}</label>
          <div class="inline">
            <select id="p-type">
              ${storedTypes.map((def) => html`<option value=${def.type} ?selected=${def.type === field.type}>${def.labels[locale]}</option>`)}
            </select>
            <button
              type="button"
              class="change-type"
              @click=${(e: Event) => {
                const select = (e.target as HTMLElement).parentElement!.querySelector('select')!;
                if (select.value !== field.type) host.changeType(select.value);
              }}
            >
              ${td(locale, 'designer.changeType')}
            </button>
          </div>
        </div>`}
    ${host.saved
      ? html`<details class="field-settings">
          <summary>${td(locale, 'designer.fieldSettings')}</summary>
          <ltc-field-editor table-id=${host.table.id} field-id=${field.id}></ltc-field-editor>
        </details>`
      : nothing}
  `;
}

/** The panel for the selected item. */
export function renderProperties(host: PropertiesHost, item: FormHeadingOrCell | undefined) {
  const locale = host.locale;
  if (!item) return html`<p class="hint">${td(locale, 'designer.noSelection')}</p>`;
  if (item.kind === 'field') return host.field ? renderFieldProperties(host, item, host.field) : nothing;
  if (item.kind === 'heading') {
    return html`${bilingualInput(host, 'p-title', td(locale, 'designer.headingTitle'), item.title, (title) => host.editItem({ title: title ?? { ...item.title, text: '' } }))}
    ${bilingualInput(host, 'p-description', td(locale, 'designer.headingDescription'), item.description, (description) => host.editItem({ description }), true)}`;
  }
  return bilingualInput(host, 'p-text', td(locale, 'designer.textBody'), item.text, (text) => host.editItem({ text: text ?? { ...item.text, text: '' } }), true);
}
