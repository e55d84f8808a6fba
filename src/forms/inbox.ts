/**
 * The workspace's inbox (`<ltc-app inbox="https://…/inbox">`): pulls the submissions of its
 * published forms from the site owner's endpoint (GET `?after=<cursor>`, JSON
 * `{ submissions, next? }`) into the forms' tables. Each submission is checked against the
 * app's own form of its id (or the table's default form when the app has none of that id) and
 * stored as the records `submissionRecords` names: the record id is `sub_<submissionId>`, so
 * pulling twice, or from two tabs at once, stores one record. A submission and its sub-table
 * rows are one `mutate`: all stored or none. Invalid submissions are reported, not stored.
 *
 * Loaded with the designer script; `<ltc-app>` starts it (`startInbox`) when it has `inbox`.
 */
import type { AppDef, Locale, ValidationIssue } from '../core/schema/types.js';
import type { FormFile, FormSubmission } from '../core/forms/model.js';
import { defaultForm } from '../core/forms/index.js';
import { publishForm } from '../core/forms/publish.js';
import { submissionRecords, submissionRecordId, validateSubmission } from '../core/forms/submission.js';
import type { Store } from '../store/types.js';
import { ti } from '../i18n/inbox-ui.js';

/** Pages of submissions one pull reads at most (the rest come with the next pull). */
const MAX_PAGES = 20;
const CURSOR_KEY = 'ltc-kit.inbox.';

/** A submission the inbox refused, with where it is wrong. */
export interface InboxProblem {
  submissionId?: string;
  errors: ValidationIssue[];
}

/** What one pull did. */
export interface InboxPull {
  /** Submissions stored now. */
  stored: number;
  /** Submissions already stored (an earlier pull, another tab). */
  repeated: number;
  invalid: InboxProblem[];
  /** The cursor to pull after next time. */
  cursor?: string;
}

/** The form file a submission is checked against: the app's form of that id, else the table's default form. */
function formFileFor(app: AppDef, tableId: string, formId: string): FormFile | undefined {
  const table = app.tables.find((t) => t.id === tableId && !t.system);
  if (!table) return undefined;
  const withForm = table.forms?.some((f) => f.id === formId) ? app : { ...app, tables: app.tables.map((t) => (t === table ? { ...t, forms: [...(t.forms ?? []), { ...defaultForm(t), id: formId }] } : t)) };
  return publishForm(withForm, tableId, formId).file;
}

/**
 * Stores one submission unless it is stored already; the outcome for the pull's counts. The
 * write is a person's (a visitor's) change, first made here: record rules run on it in this tab
 * as for a form filled in the workspace, and `onStored` hears of it (the "form submitted" rules).
 */
async function storeSubmission(store: Store, app: AppDef, raw: unknown, onStored?: (submission: FormSubmission, recordId: string) => void): Promise<'stored' | 'repeated' | InboxProblem> {
  const claimed = raw as { submissionId?: unknown; tableId?: unknown; formId?: unknown } | null;
  const submissionId = typeof claimed?.submissionId === 'string' ? claimed.submissionId : undefined;
  const file = typeof claimed?.tableId === 'string' && typeof claimed.formId === 'string' ? formFileFor(app, claimed.tableId, claimed.formId) : undefined;
  if (!file) return { submissionId, errors: [{ path: 'tableId', code: 'submission.otherForm', message: `tableId: the app has no table ${JSON.stringify(claimed?.tableId)}` }] };
  const checked = validateSubmission(raw, file);
  if (!checked.ok) return { submissionId, errors: checked.errors };
  const submission = checked.value;
  const recordId = submissionRecordId(submission.submissionId);
  if (await store.getRecord(app.id, submission.tableId, recordId)) return 'repeated';
  const records = submissionRecords(submission, file);
  try {
    await store.mutate(
      app.id,
      records.map((r) => ({ type: 'create', tableId: r.tableId, id: r.id, values: r.values })),
      { origin: { kind: 'user' } },
    );
    onStored?.(submission, recordId);
    return 'stored';
  } catch (error) {
    // Another tab stored it between the check and the write: the id is taken, the submission kept once.
    if (await store.getRecord(app.id, submission.tableId, recordId)) return 'repeated';
    return { submissionId, errors: [{ path: '$', code: (error as { code?: string }).code ?? 'store.write', message: (error as Error).message }] };
  }
}

/** One pull: every page after `cursor`, each submission stored at most once. */
export async function pullInbox(options: {
  store: Store;
  appId: string;
  url: string;
  cursor?: string;
  fetch?: typeof fetch;
  /** Called for each submission this pull stored. */
  onStored?: (submission: FormSubmission, recordId: string) => void;
}): Promise<InboxPull> {
  const fetcher = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const app = await options.store.getApp(options.appId);
  if (!app) throw new Error(`No app ${options.appId}`);
  const result: InboxPull = { stored: 0, repeated: 0, invalid: [], cursor: options.cursor };
  for (let page = 0; page < MAX_PAGES; page++) {
    const url = new URL(options.url, globalThis.location?.href);
    if (result.cursor !== undefined) url.searchParams.set('after', result.cursor);
    const response = await fetcher(url.href, { headers: { accept: 'application/json' }, credentials: 'omit' });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    const body = (await response.json()) as { submissions?: unknown; next?: unknown };
    if (!Array.isArray(body?.submissions)) throw new Error('the inbox did not answer { submissions: [...] }');
    for (const raw of body.submissions) {
      const outcome = await storeSubmission(options.store, app, raw, options.onStored);
      if (outcome === 'stored') result.stored++;
      else if (outcome === 'repeated') result.repeated++;
      else result.invalid.push(outcome);
    }
    const next = typeof body.next === 'string' ? body.next : undefined;
    if (next === undefined || next === result.cursor || body.submissions.length === 0) break;
    result.cursor = next;
  }
  return result;
}

/** The cursor remembered for an app's inbox (localStorage; a pull without one reads everything, idempotently). */
function loadCursor(key: string): string | undefined {
  try {
    return globalThis.localStorage?.getItem(key) ?? undefined;
  } catch {
    return undefined;
  }
}

function saveCursor(key: string, cursor: string | undefined): void {
  try {
    if (cursor !== undefined) globalThis.localStorage?.setItem(key, cursor);
  } catch {
    // Storage disabled: the next page load pulls from the start, storing nothing twice.
  }
}

export interface InboxOptions {
  store: Store;
  appId: string;
  url: string;
  /** Where `ltc-error` is dispatched for a failed pull or invalid submissions. */
  host: EventTarget;
  locale: () => Locale;
  /** A visible message for the workspace's status line. */
  onMessage: (message: string) => void;
  /** Whether the workspace still wants pulls (connected, same app); once false, pulling stops for good. */
  active: () => boolean;
  /** Pull every this many ms while open (default one minute). */
  intervalMs?: number;
  fetch?: typeof fetch;
}

/**
 * Pulls now, then every minute, while `active()` holds. Pulls never overlap: `pullNow` during
 * a pull waits for it and pulls again.
 */
export function startInbox(options: InboxOptions): { pullNow: () => Promise<InboxPull | undefined>; label: (locale: Locale) => string } {
  const key = `${CURSOR_KEY}${options.appId}|${options.url}`;
  let running: Promise<InboxPull | undefined> = Promise.resolve(undefined);
  const report = (code: string, message: string, detail: Record<string, unknown> = {}) => {
    options.onMessage(message);
    options.host.dispatchEvent(new CustomEvent('ltc-error', { bubbles: true, composed: true, detail: { code, message, ...detail } }));
  };
  const pullOnce = async (): Promise<InboxPull | undefined> => {
    if (!options.active()) {
      clearInterval(timer);
      return undefined;
    }
    const locale = options.locale();
    try {
      // Each stored submission is announced as a submitted form: the page hears it, and the
      // workspace's "form submitted" rules run on it (src/runtime/rules/start.ts).
      const onStored = (submission: FormSubmission, recordId: string) =>
        options.host.dispatchEvent(
          new CustomEvent('ltc-form-submitted', {
            bubbles: true,
            composed: true,
            detail: { appId: options.appId, tableId: submission.tableId, recordId, formId: submission.formId, values: submission.values, submission },
          }),
        );
      const pulled = await pullInbox({ store: options.store, appId: options.appId, url: options.url, cursor: loadCursor(key), fetch: options.fetch, onStored });
      saveCursor(key, pulled.cursor);
      if (pulled.invalid.length > 0) {
        const details = pulled.invalid
          .slice(0, 3)
          .map((p) => `${p.submissionId ?? '?'}: ${p.errors.map((e) => e.message).join('; ')}`)
          .join(' | ');
        report('inbox.invalid', ti(locale, 'inbox.invalid', { count: pulled.invalid.length, details }), { problems: pulled.invalid });
      } else if (pulled.stored > 0) options.onMessage(ti(locale, 'inbox.pulled', { count: pulled.stored }));
      return pulled;
    } catch (error) {
      report('inbox.failed', ti(locale, 'inbox.failed', { url: options.url, message: (error as Error).message }));
      return undefined;
    }
  };
  const pullNow = () => (running = running.then(pullOnce));
  const timer = setInterval(() => void pullNow(), options.intervalMs ?? 60_000);
  void pullNow();
  return { pullNow, label: (locale) => ti(locale, 'inbox.pull') };
}
