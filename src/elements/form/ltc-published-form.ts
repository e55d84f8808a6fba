/**
 * `<ltc-form src="lead-capture.form.json" action="https://…">`: a published form on any page,
 * with no app in the visitor's browser. It fetches the form file, checks it
 * (`validateFormFile`: a clear error state when it is not one), prefills from `prefill-<name>`
 * attributes and URL parameters, and on submit builds a `FormSubmission` with a fresh
 * `crypto.randomUUID()` and fires `ltc-form-submitted` (detail: the values, the derived record
 * id and `submission`). With `action`, the submission goes through the outbox
 * (src/forms/delivery.ts): queued in the visitor's IndexedDB before the first attempt, posted
 * to `action` only when its origin is the page's or listed in `allowed-origins` / `<meta
 * name="ltc-form-origins">`, retried until the endpoint answers 2xx. The state line says
 * "sent" or "saved, will send when online".
 *
 * The element of the form runtime (src/form-runtime.ts → dist/ltc-form.js); it needs no store.
 *
 * @summary A published form: renders a form file, delivers submissions through an outbox.
 * @event ltc-form-submitted - Submitted. `detail: { appId, tableId, recordId, values, submission }`
 * @event ltc-form-ready - The loaded form is drawn (its inputs are in the DOM). `detail: { appId, tableId, formId }`
 * @event ltc-error - The form file could not be loaded, the action is not allowed, or the endpoint refused the submission. `detail: { code, message }`
 * @csspart status - The delivery state line.
 */
import { css, html, nothing, type PropertyDeclarations, type PropertyValues } from 'lit';
import type { FormFile, FormSubmission, SubmissionValues } from '../../core/forms/model.js';
import type { TableDef } from '../../core/schema/types.js';
import { initialValues, prefillValues } from '../../core/forms/index.js';
import { PACKED_FIELD_TYPES, validateFormFile } from '../../core/forms/publish.js';
import { getWidget } from '../../../widgets/registry.js';
import { submissionRecordId } from '../../core/forms/submission.js';
import { checkAction, senderFor, type Delivery } from '../../forms/delivery.js';
import { OUTBOX_DATABASE, type OutboxEntry } from '../../forms/outbox.js';
import { resolveLocale } from '../../i18n/index.js';
import { tp } from '../../i18n/publish-ui.js';
import { emit } from '../events.js';
import { FormSubmitError, LtcFormView, type FormValue } from './form-view.js';

let packLoader: (() => Promise<void>) | undefined;
let packLoading: Promise<void> | undefined;

/** How the widget pack (src/form-widgets.ts) loads: set by the runtime entry (src/form-runtime.ts). */
export function setWidgetPackLoader(loader: () => Promise<void>): void {
  packLoader = loader;
}

/** Whether a form file shows a type whose widget is in the pack and not registered yet. */
function needsPack(file: FormFile): boolean {
  const fields = [...file.fields, ...Object.values(file.childFields ?? {}).flat()];
  return fields.some((field) => PACKED_FIELD_TYPES.includes(field.type) && !getWidget(field.type));
}

/** Loads the widget pack once per page (again after a failure). */
function loadPack(): Promise<void> {
  if (!packLoader) return Promise.reject(new Error('no widget pack loader'));
  packLoading ??= packLoader().catch((error: unknown) => {
    packLoading = undefined;
    throw error;
  });
  return packLoading;
}

/** URL parameters a submission records as where it came from. */
const TRACKED_PARAM = /^(utm_\w+|channel|ref)$/;

export class LtcPublishedForm extends LtcFormView {
  static override styles = [
    ...LtcFormView.styles,
    css`
      .status {
        margin: 0.75rem 0 0;
        color: var(--_muted);
      }
      .status.error {
        color: var(--_danger);
      }
    `,
  ];

  /*
   * Reactive properties declared statically rather than with decorators: the lowered
   * decorators cost the 30 KB runtime budget about a kilobyte.
   */
  static override properties: PropertyDeclarations = {
    src: {},
    action: {},
    allowedOrigins: { attribute: 'allowed-origins' },
    outboxName: { attribute: 'outbox' },
    file: { state: true, attribute: false },
    loadError: { state: true, attribute: false },
    delivery: { state: true, attribute: false },
  };

  /** URL of the published form file (`lead-capture.form.json`). */
  declare src: string;
  /** The endpoint submissions are posted to; without it, only `ltc-form-submitted` is fired. */
  declare action: string;
  /** Origins besides the page's that `action` may point at, space-separated. */
  declare allowedOrigins: string;
  /** The outbox database (default `ltc-kit-outbox`). */
  declare outboxName: string;
  /** The loaded form file. */
  declare private file: FormFile | undefined;
  /** Why the form cannot be shown (a file that failed to load or is not a form). */
  declare private loadError: string;
  /** The delivery of the last submission: '' before any. */
  declare private delivery: '' | Delivery;

  constructor() {
    super();
    this.src = '';
    this.action = '';
    this.allowedOrigins = '';
    this.outboxName = OUTBOX_DATABASE;
    this.loadError = '';
    this.delivery = '';
  }

  private loadedSrc: string | undefined;
  /** The last submission sent from this element, and the sender it waits in. */
  private last: { id: string; sender: EventTarget } | undefined;

  /** A queued submission of this element went out on a later attempt. */
  private readonly onSent = (event: Event) => {
    if ((event as CustomEvent<OutboxEntry>).detail.submission.submissionId === this.last?.id) this.delivery = 'sent';
  };

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.last?.sender.removeEventListener('sent', this.onSent);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.locale = resolveLocale(this.getAttribute('lang'), document.documentElement.lang, navigator.language);
    // Submissions left by an earlier page load go out now, whatever this page's form.
    if (this.action) void senderFor(this.outboxName).catch(() => undefined);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (this.src !== this.loadedSrc && this.isConnected) {
      this.loadedSrc = this.src;
      void this.load(this.src);
    }
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    // The first render of a loaded file: the host page may now focus, measure or track it.
    if (changed.has('file' as keyof LtcPublishedForm) && this.file) emit(this, 'ltc-form-ready', { appId: this.file.appId, tableId: this.file.tableId, formId: this.file.form.id });
  }

  /** Fetches and checks the form file; on success the form renders, prefilled. */
  private async load(src: string): Promise<void> {
    this.file = undefined;
    this.loadError = '';
    if (!src) {
      this.fail('publish.noSrc', tp(this.locale, 'publish.noSrc'));
      return;
    }
    let json: unknown;
    try {
      const response = await fetch(new URL(src, document.baseURI), { credentials: 'same-origin', headers: { accept: 'application/json' } });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      json = await response.json();
    } catch (error) {
      if (src === this.src) this.fail('publish.load', tp(this.locale, 'publish.loadFailed', { src, message: (error as Error).message }));
      return;
    }
    if (src !== this.src) return;
    const checked = validateFormFile(json);
    if (!checked.ok) {
      const details = checked.errors.slice(0, 5).map((e) => `${e.path}: ${e.message}`).join('; ');
      this.fail('publish.invalidFile', tp(this.locale, 'publish.invalidFile', { details }));
      return;
    }
    const file = checked.value;
    if (needsPack(file)) {
      try {
        await loadPack();
      } catch (error) {
        if (src === this.src) this.fail('publish.packFailed', tp(this.locale, 'publish.packFailed', { file: 'ltc-form-widgets.js', message: (error as Error).message }));
        return;
      }
      if (src !== this.src) return;
    }
    const table = tableOf(file);
    this.fields = file.fields;
    this.childFields = file.childFields ?? {};
    this.formDef = file.form;
    this.values = { ...initialValues(file.form, table), ...prefillValues(file.form, table, this.pageParams()) } as Record<string, FormValue>;
    this.file = file;
  }

  private fail(code: string, message: string): void {
    this.loadError = message;
    emit(this, 'ltc-error', { code, message });
  }

  /** Values from the page: `prefill-<name>` attributes over the URL's parameters. */
  private pageParams(): Record<string, string> {
    const params: Record<string, string> = Object.fromEntries(new URLSearchParams(location.search));
    for (const attribute of Array.from(this.attributes)) {
      if (attribute.name.startsWith('prefill-')) params[attribute.name.slice('prefill-'.length)] = attribute.value;
    }
    return params;
  }

  /** The origins `action` may point at: the attribute's and the page's `<meta name="ltc-form-origins">`. */
  private allowed(): string[] {
    const meta = Array.from(document.querySelectorAll<HTMLMetaElement>('meta[name="ltc-form-origins"]')).map((m) => m.content);
    return [this.allowedOrigins, ...meta].join(' ').split(/\s+/).filter(Boolean);
  }

  private submissionOf(file: FormFile, values: SubmissionValues): FormSubmission {
    const params = Object.fromEntries([...new URLSearchParams(location.search)].filter(([name]) => TRACKED_PARAM.test(name)).slice(0, 20));
    return {
      format: 'ltc-submission',
      formatVersion: 1,
      submissionId: crypto.randomUUID(),
      appId: file.appId,
      tableId: file.tableId,
      formId: file.form.id,
      submittedAt: new Date().toISOString(),
      values,
      meta: { page: location.origin + location.pathname, ...(Object.keys(params).length ? { params } : {}) },
    };
  }

  protected override async submitValues(values: SubmissionValues) {
    const file = this.file!;
    const submission = this.submissionOf(file, values);
    if (this.action) {
      const check = checkAction(this.action, location.href, this.allowed());
      if (!check.ok) {
        const message = check.code === 'form.actionOrigin' ? tp(this.locale, 'publish.actionOrigin', { origin: check.origin ?? '' }) : tp(this.locale, 'publish.actionInvalid', { action: this.action });
        emit(this, 'ltc-error', { code: check.code, message });
        throw new FormSubmitError(message);
      }
      const sender = await senderFor(this.outboxName);
      this.last?.sender.removeEventListener('sent', this.onSent);
      this.last = { id: submission.submissionId, sender };
      sender.addEventListener('sent', this.onSent);
      this.delivery = await sender.send(submission, check.url);
      if (this.delivery === 'rejected') {
        // The endpoint refused these values: they are still on screen to correct, so the outbox lets go of them.
        const entry = await sender.outbox.get(submission.submissionId);
        await sender.outbox.delete(submission.submissionId);
        const message = tp(this.locale, 'publish.rejected', { message: entry?.lastError ?? '' });
        emit(this, 'ltc-error', { code: 'publish.rejected', message });
        this.delivery = '';
        throw new FormSubmitError(message);
      }
    }
    // `submission` rides along in the event's detail (beside the record-like members).
    const detail = { appId: file.appId, tableId: file.tableId, recordId: submissionRecordId(submission.submissionId), submission };
    return detail;
  }

  private renderStatus() {
    if (!this.delivery) return nothing;
    const text = tp(this.locale, this.delivery === 'sent' ? 'publish.sent' : 'publish.queued');
    return html`<p class="status" part="status" role="status">${text}</p>`;
  }

  override render() {
    if (this.loadError) return html`<p class="status error" part="status" role="alert">${this.loadError}</p>`;
    if (!this.file) return html`<p class="status" part="status" role="status">${tp(this.locale, 'publish.loading')}</p>`;
    return html`${this.renderForm()}${this.submitted ? this.renderStatus() : nothing}`;
  }
}

/** The form file's fields as the table the forms core reads defaults and prefill from. */
function tableOf(file: FormFile): TableDef {
  return { id: file.tableId, name: file.table.name, primaryFieldId: file.fields[0]?.id ?? '', fields: file.fields };
}
