/**
 * `<ltc-multi-relation-picker>`: link several records of another table (the staff on a
 * project, a customer's tags kept as records) with the same type-to-search combobox as a
 * single relation. The linked records are chips, each with a remove button, before the
 * input; typing lists the matches not linked yet, ↑/↓ move, Enter adds the active one and
 * keeps the list open for the next, Backspace in the empty input removes the last chip, and
 * every addition and removal is announced to screen readers. Works for 100,000 records: only
 * 20 matches are rendered, chip labels come from an index built once per `options`.
 *
 * It extends `<ltc-relation-picker>` (widgets/relation-picker.ts) and travels with the
 * designer script, which keeps the script-tag bundle within its budget; the relation widget
 * loads that script when a multiple relation is first drawn (widgets/relation.ts).
 *
 * @summary A type-to-search combobox that links several records, shown as removable chips.
 * @event change - A record was added or removed; read `values` (the ids, in the order they were added).
 * @csspart input - The search input.
 * @csspart listbox - The list of matches.
 * @csspart chips - The list of linked records.
 * @csspart chip - One linked record.
 * @csspart remove - A chip's remove button.
 * @cssproperty --ltc-color-primary - The active match and the chips' tint.
 */
import { css, html, nothing, type CSSResultGroup } from 'lit';
import { property, state } from 'lit/decorators.js';
import { LtcRelationPicker } from './relation-picker.js';
import type { RelationOption } from './types.js';

const TEXT = {
  'zh-CN': {
    linked: '已关联的记录',
    remove: (label: string) => `移除 ${label}`,
    added: (label: string) => `已添加 ${label}`,
    removed: (label: string) => `已移除 ${label}`,
  },
  en: {
    linked: 'Linked records',
    remove: (label: string) => `Remove ${label}`,
    added: (label: string) => `Added ${label}`,
    removed: (label: string) => `Removed ${label}`,
  },
};

export class LtcMultiRelationPicker extends LtcRelationPicker {
  static override styles: CSSResultGroup = [
    LtcRelationPicker.styles,
    css`
      .row {
        flex-wrap: wrap;
        align-items: center;
      }
      input {
        min-width: 8em;
      }
      .chips {
        display: contents;
      }
      .chip {
        display: inline-flex;
        align-items: center;
        gap: 0.25em;
        padding: 0.1em 0.2em 0.1em 0.6em;
        border-radius: 999px;
        background: color-mix(in srgb, var(--ltc-color-primary, #2563eb) 12%, transparent);
      }
      .chip button {
        border: none;
        background: none;
        padding: 0 0.4em;
        border-radius: 999px;
        line-height: 1.4;
      }
      .chip button:hover,
      .chip button:focus-visible {
        background: color-mix(in srgb, var(--ltc-color-primary, #2563eb) 24%, transparent);
      }
      .sr-only {
        position: absolute;
        width: 1px;
        height: 1px;
        overflow: hidden;
        clip-path: inset(50%);
        white-space: nowrap;
      }
    `,
  ];

  /** The linked records' ids, in the order they were added. */
  @property({ attribute: false }) accessor values: string[] = [];

  /** The last addition or removal, for the live region. */
  @state() private accessor announcement = '';

  /** Records by id, built once per `options` array (the chips' labels). */
  private indexed: { options: RelationOption[]; byId: Map<string, RelationOption> } | undefined;

  private get text() {
    return TEXT[this.locale] ?? TEXT.en;
  }

  private labelOf(id: string): string {
    if (this.indexed?.options !== this.options) this.indexed = { options: this.options, byId: new Map(this.options.map((option) => [option.id, option])) };
    return this.indexed.byId.get(id)?.label ?? id;
  }

  protected override get excluded(): ReadonlySet<string> {
    return new Set(this.values);
  }

  protected override get idleText(): string {
    return '';
  }

  /** Link one more record; the list stays open, emptied of the query, for the next one. */
  protected override choose(option: RelationOption): void {
    this.values = [...this.values, option.id];
    this.query = '';
    this.active = 0;
    this.announcement = this.text.added(option.label);
    this.changed();
  }

  private unlink(id: string): void {
    this.values = this.values.filter((linked) => linked !== id);
    this.announcement = this.text.removed(this.labelOf(id));
    this.changed();
    // The chip's button is gone: keep focus in the picker.
    this.renderRoot.querySelector('input')?.focus();
  }

  private changed(): void {
    this.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
  }

  protected override onKeyDown(event: KeyboardEvent): void {
    if (event.key === 'Backspace' && !this.query && this.values.length > 0) {
      event.preventDefault();
      this.unlink(this.values[this.values.length - 1]);
    } else {
      super.onKeyDown(event);
    }
  }

  protected override renderBefore(): unknown {
    if (!this.values.length) return nothing;
    const text = this.text;
    return html`<ul class="chips" part="chips" aria-label=${text.linked}>
      ${this.values.map((id) => {
        const label = this.labelOf(id);
        return html`<li class="chip" part="chip" data-id=${id}>
          ${label}<button type="button" part="remove" aria-label=${text.remove(label)} title=${text.remove(label)} @click=${() => this.unlink(id)}>×</button>
        </li>`;
      })}
    </ul>`;
  }

  protected override renderAfter(): unknown {
    return html`<span class="sr-only" role="status">${this.announcement}</span>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ltc-multi-relation-picker': LtcMultiRelationPicker;
  }
}
