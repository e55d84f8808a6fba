/**
 * Attachments and images: `<ltc-file-input>` around the form's own `<input type="file">`
 * (slotted, so the form's `<label for>` names it), with the field's files as chips
 * (download, remove) and, for images, thumbnails (object URLs, revoked when the file leaves
 * the list or the element the page). Picking a file checks the field's limits first
 * (`fileIssue`: size per file and per record, images only) and stores the bytes with
 * `store.putBlob` before the value names it; a file over a limit or a full disk is reported
 * in the field's language, naming the file, and nothing of that file is stored. Facts:
 * src/core/fields/types/attachment.ts; storage: src/store/blobs.ts.
 *
 * @event input - The list of files changed; read `value` (the refs).
 * @event change - Same, after the files are stored.
 * @slot picker - The `<input type="file">` (the widget renders it with the form's id).
 * @csspart files - The list of files.
 */
import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { attachmentRef, type AttachmentRef } from '../src/core/fields/attachment-ref.js';
import { attachmentsOf, fileIssue, DEFAULT_MAX_FILE_MB } from '../src/core/fields/types/attachment.js';
import type { FieldDef, Locale } from '../src/core/schema/types.js';
import { errorMessage, labelOf, t, type MessageKey } from '../src/i18n/index.js';
import { tw } from '../src/i18n/lines-files-ui.js';
import { newBlobId } from '../src/store/blobs.js';
import type { BlobAccess, WidgetDefinition } from './types.js';

function isQuota(error: unknown): boolean {
  const code = (error as { code?: unknown; name?: unknown } | null)?.code;
  return code === 'store.quota' || (error as { name?: unknown } | null)?.name === 'QuotaExceededError';
}

export class LtcFileInput extends LitElement {
  static override styles = css`
    :host {
      display: block;
    }
    ul {
      list-style: none;
      margin: 0.4rem 0 0;
      padding: 0;
      display: flex;
      flex-wrap: wrap;
      gap: 0.4rem;
    }
    li {
      display: inline-flex;
      align-items: center;
      gap: 0.25rem;
      border: 1px solid var(--ltc-color-border, #d1d5db);
      border-radius: var(--ltc-radius, 6px);
      padding: 0.15rem 0.4rem;
    }
    img {
      width: 4rem;
      height: 4rem;
      object-fit: cover;
      border-radius: var(--ltc-radius, 6px);
    }
    button {
      font: inherit;
      background: none;
      border: none;
      color: var(--ltc-color-primary, #1d4ed8);
      cursor: pointer;
      padding: 0.1rem 0.2rem;
    }
    .error {
      color: var(--ltc-color-danger, #b91c1c);
      margin: 0.3rem 0 0;
    }
    .hint {
      color: var(--ltc-color-muted, #4b5563);
      font-size: 0.85em;
      margin: 0.2rem 0 0;
    }
  `;

  /** The field (attachment or image). */
  @property({ attribute: false }) accessor field: FieldDef | undefined = undefined;
  /** The refs of the field's files (`att_…|size|type|name`). */
  @property({ attribute: false }) accessor value: string[] = [];
  @property() accessor locale: Locale = 'en';
  /** Where files are stored; without it nothing can be picked. */
  @property({ attribute: false }) accessor blobs: BlobAccess | undefined = undefined;

  /** The last problem, shown until the next pick. */
  @state() private accessor problem = '';
  @state() private accessor saving = '';
  /** Object URLs of image thumbnails, by blob id. */
  @state() private accessor urls: ReadonlyMap<string, string> = new Map();
  /** Blobs stored by this input and not yet referred to by a saved record: removed at once when dropped. */
  private readonly unsaved = new Set<string>();

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    for (const url of this.urls.values()) URL.revokeObjectURL(url);
    this.urls = new Map();
  }

  protected override updated(changed: PropertyValues): void {
    if (changed.has('value') || changed.has('blobs')) void this.loadThumbnails();
  }

  private get refs(): AttachmentRef[] {
    return attachmentsOf(this.value);
  }

  private get images(): boolean {
    return this.field?.type === 'image';
  }

  /** Thumbnails for the images shown; URLs of images no longer in the list are revoked. */
  private async loadThumbnails(): Promise<void> {
    const blobs = this.blobs;
    const wanted = this.images && blobs ? this.refs.filter((ref) => ref.type.startsWith('image/')) : [];
    const next = new Map<string, string>();
    for (const ref of wanted) {
      const existing = this.urls.get(ref.id);
      if (existing) {
        next.set(ref.id, existing);
        continue;
      }
      const data = await blobs!.store.getBlob(blobs!.appId, ref.id).catch(() => undefined);
      if (data) next.set(ref.id, URL.createObjectURL(data));
    }
    for (const [id, url] of this.urls) if (next.get(id) !== url) URL.revokeObjectURL(url);
    const same = next.size === this.urls.size && [...next].every(([id, url]) => this.urls.get(id) === url);
    if (!same) this.urls = next;
  }

  private message(key: string, params: Record<string, string | number>): string {
    return t(this.locale, key as MessageKey, { name: this.field ? labelOf(this.field, this.locale) : '', ...params });
  }

  /**
   * Stores each file that fits (one transaction each, in order; the first failure to store
   * stops there) and adds the stored ones to the value, then fires `input` and `change`.
   */
  async addFiles(files: readonly File[]): Promise<void> {
    const field = this.field;
    const blobs = this.blobs;
    if (!field || !blobs || files.length === 0) return;
    this.problem = '';
    const refs = this.refs;
    const added: string[] = [];
    for (const file of files) {
      const issue = fileIssue(field, refs, file);
      if (issue) {
        this.problem = this.message(issue.key, issue.params ?? {});
        continue;
      }
      const ref: AttachmentRef = { id: newBlobId(), size: file.size, type: file.type, name: file.name };
      this.saving = tw(this.locale, 'files.saving', { name: file.name });
      try {
        await blobs.store.putBlob(blobs.appId, ref.id, file);
      } catch (error) {
        this.problem = isQuota(error) ? this.message('field.storageFull', { file: file.name }) : errorMessage(error, this.locale);
        break;
      } finally {
        this.saving = '';
      }
      refs.push(ref);
      this.unsaved.add(ref.id);
      added.push(attachmentRef(ref));
    }
    if (added.length === 0) return;
    this.setValue([...this.value, ...added]);
  }

  private removeFile(ref: AttachmentRef): void {
    this.setValue(this.value.filter((item) => !item.startsWith(`${ref.id}|`)));
    // A file never saved with a record goes now; a saved one goes when the record is saved without it.
    if (this.unsaved.delete(ref.id) && this.blobs) void this.blobs.store.deleteBlobs(this.blobs.appId, [ref.id]).catch(() => undefined);
  }

  private async download(ref: AttachmentRef): Promise<void> {
    const blobs = this.blobs;
    const data = blobs ? await blobs.store.getBlob(blobs.appId, ref.id).catch(() => undefined) : undefined;
    if (!data) {
      this.problem = tw(this.locale, 'files.missing', { name: ref.name });
      return;
    }
    const url = URL.createObjectURL(data);
    const link = document.createElement('a');
    link.href = url;
    link.download = ref.name;
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 0);
  }

  private setValue(value: string[]): void {
    this.value = value;
    this.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    this.dispatchEvent(new Event('change', { bubbles: true }));
  }

  override render() {
    const locale = this.locale;
    return html`
      <slot name="picker"></slot>
      <slot></slot>
      ${this.saving ? html`<p class="hint" role="status">${this.saving}</p>` : nothing}
      ${this.problem ? html`<p class="error" id="problem" role="alert">${this.problem}</p>` : nothing}
      ${this.refs.length > 0
        ? html`<ul part="files">
            ${this.refs.map(
              (ref) => html`<li>
                ${this.urls.get(ref.id) ? html`<img src=${this.urls.get(ref.id)!} alt=${ref.name} />` : nothing}
                <button type="button" class="download" aria-label=${tw(locale, 'files.download', { name: ref.name })} @click=${() => void this.download(ref)}>${ref.name}</button>
                <button type="button" class="remove" aria-label=${tw(locale, 'files.remove', { name: ref.name })} @click=${() => this.removeFile(ref)}>×</button>
              </li>`,
            )}
          </ul>`
        : nothing}
    `;
  }
}

function fileWidget(type: 'attachment' | 'image'): WidgetDefinition {
  return {
    type,
    renderInput: (context) => {
      const max = context.field.options?.maxSizeMb ?? DEFAULT_MAX_FILE_MB;
      const hint = `${context.id}-limits`;
      const value = Array.isArray(context.value) ? context.value.filter((v): v is string => typeof v === 'string') : [];
      const picked = (event: Event) => {
        const input = event.target as HTMLInputElement;
        const files = [...(input.files ?? [])];
        input.value = '';
        void (input.parentElement as LtcFileInput).addFiles(files);
      };
      // `input` (a pick began) reports the value as it is, so the form hears the field was touched;
      // the element's own `change` reports it with the files stored.
      return html`<ltc-file-input
        .field=${context.field}
        .value=${value}
        .locale=${context.locale}
        .blobs=${context.blobs}
        @change=${(event: Event) => event.target === event.currentTarget && context.onInput((event.currentTarget as LtcFileInput).value)}
        ><input
          slot="picker"
          part="input"
          id=${context.id}
          type="file"
          multiple
          accept=${type === 'image' ? 'image/*' : nothing}
          ?disabled=${!context.blobs}
          aria-invalid=${context.invalid ? 'true' : 'false'}
          aria-describedby=${[context.describedBy, hint].filter(Boolean).join(' ')}
          @input=${() => context.onInput(value)}
          @change=${picked}
        /><span class="hint" id=${hint}>${tw(context.locale, 'files.limits', { max })}</span></ltc-file-input
      >`;
    },
  };
}

export const attachmentWidget = fileWidget('attachment');
export const imageWidget = fileWidget('image');
export default attachmentWidget;
