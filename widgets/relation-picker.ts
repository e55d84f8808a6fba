/**
 * `<ltc-relation-picker>`: choose a linked record among many (an order's customer among
 * 100,000). Type to search the records' names (or the detail shown beside them, a phone); ↑/↓ move, Enter picks, Escape closes —
 * the ARIA combobox pattern. The relation widget uses it when there are too many records
 * for a plain `<select>`. Form-associated, so a `<label for>` names and focuses it.
 *
 * Only the first 20 matches are rendered, so 100,000 records cost one scan per keystroke and
 * no DOM. `<ltc-multi-relation-picker>` (widgets/multi-relation-picker.ts, in the designer
 * script) extends it for multiple relations through the protected members below.
 *
 * @summary A type-to-search combobox that links one record of another table.
 * @event change - A record was picked (or cleared); read `value` (a record id or '').
 * @csspart input - The search input.
 * @csspart listbox - The list of matches.
 * @cssproperty --ltc-color-primary - The active match.
 * @cssproperty --ltc-color-surface - Background of the input and the list.
 * @cssproperty --ltc-color-border - Borders.
 * @cssproperty --ltc-color-muted - The detail beside a name, the "no matches" text.
 * @cssproperty --ltc-radius - Corner radius.
 */
import { LitElement, css, html, nothing, type CSSResultGroup } from 'lit';
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
  static override styles: CSSResultGroup = css`
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
  /** The language of the picker's own texts (placeholder, clear button). */
  @property() accessor locale: Locale = 'en';
  /** Marks the input invalid (`aria-invalid`): the form found a problem with the value. */
  @property({ type: Boolean }) accessor invalid = false;

  /** What the user typed since the last pick (undefined: show the linked record's name). */
  @state() protected accessor query: string | undefined;
  @state() protected accessor open = false;
  @state() protected accessor active = 0;

  private readonly listId = `ltc-relation-${++instances}`;

  /** The label of the linked record. */
  get selectedLabel(): string {
    return this.options.find((option) => option.id === this.value)?.label ?? '';
  }

  /** Records whose name contains what was typed (case-insensitive), at most 20, less the `excluded` ones. */
  get suggestions(): RelationOption[] {
    const query = (this.query ?? '').trim().toLowerCase();
    const excluded = this.excluded;
    const out: RelationOption[] = [];
    for (const option of this.options) {
      if (excluded?.has(option.id)) continue;
      if (!query || option.label.toLowerCase().includes(query) || option.detail?.toLowerCase().includes(query)) out.push(option);
      if (out.length === SHOWN) break;
    }
    return out;
  }

  /** Records never suggested (the ones a multiple picker already links). */
  protected get excluded(): ReadonlySet<string> | undefined {
    return undefined;
  }

  /** What Enter or a click on a match does: link it instead of the current one. */
  protected choose(option: RelationOption): void {
    this.pick(option);
  }

  /** The input's text when the user is not typing. */
  protected get idleText(): string {
    return this.selectedLabel;
  }

  /** Content before the input (a multiple picker's chips). */
  protected renderBefore(): unknown {
    return nothing;
  }

  /** Content after the input: the clear button, when a record is linked. */
  protected renderAfter(): unknown {
    const text = TEXT[this.locale] ?? TEXT.en;
    return this.value ? html`<button type="button" aria-label=${text.clear} title=${text.clear} @click=${() => this.pick(undefined)}>×</button>` : nothing;
  }

  protected pick(option: RelationOption | undefined): void {
    this.value = option?.id ?? '';
    this.query = undefined;
    this.open = false;
    this.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
  }

  protected onKeyDown(event: KeyboardEvent): void {
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
      if (matches[this.active]) this.choose(matches[this.active]);
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
        ${this.renderBefore()}
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
          .value=${this.query ?? this.idleText}
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
        ${this.renderAfter()}
      </div>
      <ul part="listbox" id=${this.listId} role="listbox" aria-label=${this.label} ?hidden=${!this.open}>
        ${matches.map(
          (option, index) => html`<li
            id="${this.listId}-${index}"
            data-id=${option.id}
            role="option"
            aria-selected=${index === this.active ? 'true' : 'false'}
            @mousedown=${(event: Event) => event.preventDefault()}
            @click=${() => this.choose(option)}
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
