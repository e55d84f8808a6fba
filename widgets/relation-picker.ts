/**
 * `<ltc-relation-picker>`: choose a linked record among many (an order's customer among
 * 100,000). Type to search the records' names (or the detail shown beside them, a phone); ↑/↓ move, Enter picks, Escape closes —
 * the ARIA combobox pattern. The relation widget uses it when there are too many records
 * for a plain `<select>`. Form-associated, so a `<label for>` names and focuses it.
 *
 * @event change - A record was picked (or cleared); read `value` (a record id or '').
 * @csspart input - The search input.
 * @csspart listbox - The list of matches.
 */
import { LitElement, css, html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { Locale } from '../src/core/schema/types.js';
import type { RelationOption } from './types.js';

/** Matches shown at once; typing narrows the list. */
const SHOWN = 20;

const TEXT = {
  'zh-CN': { none: '无匹配记录', clear: '清除', hint: '输入名称搜索' },
  en: { none: 'No matching records', clear: 'Clear', hint: 'Type to search' },
};

let instances = 0;

export class LtcRelationPicker extends LitElement {
  static formAssociated = true;
  static override shadowRootOptions: ShadowRootInit = { ...LitElement.shadowRootOptions, delegatesFocus: true };
  static override styles = css`
    :host {
      display: block;
      position: relative;
    }
    .row {
      display: flex;
      gap: 0.4rem;
    }
    input {
      flex: 1;
      font: inherit;
      color: inherit;
      background: var(--ltc-color-surface, #fff);
      border: 1px solid var(--ltc-color-border, #d9dee7);
      border-radius: var(--ltc-radius, 6px);
      padding: 0.4em 0.6em;
      min-width: 0;
    }
    input[aria-invalid='true'] {
      border-color: var(--ltc-color-danger, #b91c1c);
    }
    button {
      font: inherit;
      border: 1px solid var(--ltc-color-border, #d9dee7);
      border-radius: var(--ltc-radius, 6px);
      background: var(--ltc-color-surface, #fff);
      color: inherit;
      cursor: pointer;
    }
    /* In the flow, not absolutely placed: inside a scrolling dialog an overlay would be cut off. */
    ul {
      margin: 0.2rem 0 0;
      padding: 0.25rem 0;
      list-style: none;
      max-height: 12rem;
      overflow: auto;
      background: var(--ltc-color-surface, #fff);
      border: 1px solid var(--ltc-color-border, #d9dee7);
      border-radius: var(--ltc-radius, 6px);
      box-shadow: 0 6px 18px rgb(0 0 0 / 0.12);
    }
    li {
      padding: 0.3rem 0.7rem;
      cursor: pointer;
    }
    li[aria-selected='true'] {
      background: color-mix(in srgb, var(--ltc-color-primary, #2563eb) 14%, transparent);
    }
    li small {
      color: var(--ltc-color-muted, #5b6472);
      margin-inline-start: 0.5em;
    }
    .empty {
      color: var(--ltc-color-muted, #5b6472);
      cursor: default;
    }
    @media (prefers-color-scheme: dark) {
      input,
      button,
      ul {
        background: var(--ltc-color-surface, #111827);
        border-color: var(--ltc-color-border, #374151);
      }
    }
  `;

  /** Every record that can be linked. */
  @property({ attribute: false }) accessor options: RelationOption[] = [];
  /** The linked record's id ('' for none). */
  @property() accessor value = '';
  /** Accessible name of the search input (the field's label). */
  @property() accessor label = '';
  @property() accessor locale: Locale = 'en';
  @property({ type: Boolean }) accessor invalid = false;

  @state() private accessor query: string | undefined;
  @state() private accessor open = false;
  @state() private accessor active = 0;

  private readonly listId = `ltc-relation-${++instances}`;

  /** The label of the linked record. */
  get selectedLabel(): string {
    return this.options.find((option) => option.id === this.value)?.label ?? '';
  }

  /** Records whose name contains what was typed (case-insensitive), at most 20. */
  get suggestions(): RelationOption[] {
    const query = (this.query ?? '').trim().toLowerCase();
    const out: RelationOption[] = [];
    for (const option of this.options) {
      if (!query || option.label.toLowerCase().includes(query) || option.detail?.toLowerCase().includes(query)) out.push(option);
      if (out.length === SHOWN) break;
    }
    return out;
  }

  private pick(option: RelationOption | undefined): void {
    this.value = option?.id ?? '';
    this.query = undefined;
    this.open = false;
    this.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
  }

  private onKeyDown(event: KeyboardEvent): void {
    const matches = this.suggestions;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      if (!this.open) {
        this.open = true;
        this.active = 0;
        return;
      }
      const step = event.key === 'ArrowDown' ? 1 : -1;
      this.active = Math.max(0, Math.min(matches.length - 1, this.active + step));
    } else if (event.key === 'Enter' && this.open) {
      // Picking a record must not submit the surrounding form.
      event.preventDefault();
      if (matches[this.active]) this.pick(matches[this.active]);
    } else if (event.key === 'Escape' && this.open) {
      // Close the list only; the dialog around the form stays open.
      event.preventDefault();
      event.stopPropagation();
      this.open = false;
      this.query = undefined;
    }
  }

  override render() {
    const text = TEXT[this.locale] ?? TEXT.en;
    const matches = this.open ? this.suggestions : [];
    const activeId = this.open && matches[this.active] ? `${this.listId}-${this.active}` : undefined;
    return html`<div class="row">
        <input
          part="input"
          role="combobox"
          aria-label=${this.label}
          aria-autocomplete="list"
          aria-expanded=${this.open ? 'true' : 'false'}
          aria-controls=${this.listId}
          aria-activedescendant=${activeId ?? nothing}
          aria-invalid=${this.invalid ? 'true' : 'false'}
          placeholder=${text.hint}
          autocomplete="off"
          .value=${this.query ?? this.selectedLabel}
          @input=${(event: Event) => {
            this.query = (event.target as HTMLInputElement).value;
            this.open = true;
            this.active = 0;
          }}
          @keydown=${this.onKeyDown}
          @blur=${() => {
            this.open = false;
            this.query = undefined;
          }}
        />
        ${this.value ? html`<button type="button" aria-label=${text.clear} title=${text.clear} @click=${() => this.pick(undefined)}>×</button>` : nothing}
      </div>
      <ul part="listbox" id=${this.listId} role="listbox" aria-label=${this.label} ?hidden=${!this.open}>
        ${matches.map(
          (option, index) => html`<li
            id="${this.listId}-${index}"
            data-id=${option.id}
            role="option"
            aria-selected=${index === this.active ? 'true' : 'false'}
            @mousedown=${(event: Event) => event.preventDefault()}
            @click=${() => this.pick(option)}
          >
            ${option.label}${option.detail ? html` <small>${option.detail}</small>` : nothing}
          </li>`,
        )}
        ${this.open && matches.length === 0 ? html`<li class="empty" role="option" aria-disabled="true" aria-selected="false">${text.none}</li>` : nothing}
      </ul>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ltc-relation-picker': LtcRelationPicker;
  }
}
