/**
 * Delivery of a published form's submissions to the site owner's endpoint (`action`): the
 * origin check, then the outbox (./outbox.ts) first and the network second, so a submission
 * is queued before the first attempt and removed only when the endpoint answered 2xx. Failed
 * attempts are retried with exponential backoff, when the browser comes back `online` and on
 * the next page load, always with the same `submissionId`, so the endpoint stores it once.
 *
 * One sender per outbox database and page (`senderFor`), so two forms on a page never send
 * the same entry twice at once.
 */
import type { FormSubmission } from '../core/forms/model.js';
import { Outbox, OUTBOX_DATABASE, type OutboxEntry } from './outbox.js';

/** Where `action` may post to: the page's own origin and the ones the site owner listed. */
export type ActionCheck = { ok: true; url: string } | { ok: false; code: 'form.actionInvalid' | 'form.actionOrigin'; origin?: string };

/**
 * Checks a form's `action` against the page: http(s) only, and the same origin as the page or
 * one of `allowed` (origins such as `https://crm.example.com`; anything else in the list is ignored).
 */
export function checkAction(action: string, pageUrl: string, allowed: readonly string[]): ActionCheck {
  let url: URL;
  try {
    url = new URL(action, pageUrl);
  } catch {
    return { ok: false, code: 'form.actionInvalid' };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return { ok: false, code: 'form.actionInvalid' };
  const origins = new Set([new URL(pageUrl).origin]);
  for (const entry of allowed) {
    try {
      origins.add(new URL(entry).origin);
    } catch {
      // Not an origin: ignored, so a typo allows nothing rather than everything.
    }
  }
  return origins.has(url.origin) ? { ok: true, url: url.href } : { ok: false, code: 'form.actionOrigin', origin: url.origin };
}

/** The outcome of one attempt: accepted, to be retried, or refused by the endpoint. */
export type Delivery = 'sent' | 'queued' | 'rejected';

/** The wait before attempt `attempts + 1`: base × 2^(attempts − 1), capped, with ±20 % jitter. */
export function backoffDelay(attempts: number, baseMs: number, maxMs: number, random: () => number = Math.random): number {
  const plain = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempts - 1));
  return Math.round(plain * (0.8 + 0.4 * random()));
}

/** Answers that may succeed later (timeouts, rate limits, server errors); other 4xx are final. */
function retryable(status: number): boolean {
  return status === 408 || status === 425 || status === 429 || status >= 500;
}

export interface SenderOptions {
  fetch?: typeof fetch;
  /** First retry after this long (default 2 s). */
  baseDelayMs?: number;
  /** Longest wait between attempts (default 5 minutes). */
  maxDelayMs?: number;
  /** An attempt without an answer after this long fails (default 30 s). */
  timeoutMs?: number;
}

/** Sends an outbox's entries and keeps retrying those that failed. */
export class SubmissionSender extends EventTarget {
  private readonly inFlight = new Map<string, Promise<Delivery>>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly onOnline = () => void this.flush();
  private readonly fetcher: typeof fetch;
  private readonly baseDelayMs: number;
  private readonly maxDelayMs: number;
  private readonly timeoutMs: number;

  constructor(
    readonly outbox: Outbox,
    options: SenderOptions = {},
  ) {
    super();
    this.fetcher = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
    this.baseDelayMs = options.baseDelayMs ?? 2000;
    this.maxDelayMs = options.maxDelayMs ?? 5 * 60_000;
    this.timeoutMs = options.timeoutMs ?? 30_000;
    globalThis.addEventListener?.('online', this.onOnline);
  }

  /** Queues a submission (committed before any attempt), then makes the first attempt. */
  async send(submission: FormSubmission, action: string): Promise<Delivery> {
    const existing = await this.outbox.get(submission.submissionId);
    if (!existing) await this.outbox.put({ submission, action, attempts: 0, nextAttemptAt: Date.now(), status: 'pending' });
    return this.attempt(submission.submissionId);
  }

  /** Attempts every pending entry that is due (all of them with `force`); schedules the rest. */
  async flush(force = false): Promise<void> {
    const now = Date.now();
    const entries = await this.outbox.all();
    await Promise.all(entries.filter((e) => e.status === 'pending' && (force || e.nextAttemptAt <= now)).map((e) => this.attempt(e.submission.submissionId)));
    await this.schedule();
  }

  /** Stops retrying in this page (the outbox keeps its entries for the next load). */
  stop(): void {
    clearTimeout(this.timer);
    globalThis.removeEventListener?.('online', this.onOnline);
  }

  /** One attempt for one entry; an attempt already running for it is joined, not repeated. */
  private attempt(submissionId: string): Promise<Delivery> {
    let running = this.inFlight.get(submissionId);
    if (!running) {
      running = this.post(submissionId).finally(() => this.inFlight.delete(submissionId));
      this.inFlight.set(submissionId, running);
    }
    return running;
  }

  private async post(submissionId: string): Promise<Delivery> {
    const entry = await this.outbox.get(submissionId);
    if (!entry) return 'sent';
    let status: number | undefined;
    let error: string | undefined;
    try {
      const response = await this.fetcher(entry.action, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(entry.submission),
        credentials: 'omit',
        // A request that hangs counts as failed: the entry stays queued for the next attempt.
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      status = response.status;
      if (response.ok) {
        await this.outbox.delete(submissionId);
        this.report('sent', entry);
        return 'sent';
      }
      error = `HTTP ${status}`;
    } catch (thrown) {
      error = thrown instanceof Error ? thrown.message : String(thrown);
    }
    const attempts = entry.attempts + 1;
    if (status !== undefined && !retryable(status)) {
      const refused: OutboxEntry = { ...entry, attempts, status: 'rejected', lastError: error };
      await this.outbox.put(refused);
      this.report('rejected', refused);
      return 'rejected';
    }
    const queued: OutboxEntry = { ...entry, attempts, lastError: error, nextAttemptAt: Date.now() + backoffDelay(attempts, this.baseDelayMs, this.maxDelayMs) };
    await this.outbox.put(queued);
    this.report('queued', queued);
    void this.schedule();
    return 'queued';
  }

  /** Wakes up when the earliest pending entry is due. */
  private async schedule(): Promise<void> {
    const pending = (await this.outbox.all()).filter((e) => e.status === 'pending');
    clearTimeout(this.timer);
    if (pending.length === 0) return;
    const due = Math.min(...pending.map((e) => e.nextAttemptAt));
    this.timer = setTimeout(() => void this.flush(), Math.max(0, due - Date.now()));
  }

  private report(type: Delivery, entry: OutboxEntry): void {
    this.dispatchEvent(new CustomEvent<OutboxEntry>(type, { detail: entry }));
  }
}

const senders = new Map<string, Promise<SubmissionSender>>();

/**
 * The page's sender for an outbox database, opened (and its leftovers from earlier page loads
 * flushed) on first use.
 */
export function senderFor(database = OUTBOX_DATABASE, options?: SenderOptions): Promise<SubmissionSender> {
  let sender = senders.get(database);
  if (!sender) {
    sender = Outbox.open(database).then((outbox) => {
      const created = new SubmissionSender(outbox, options);
      void created.flush(true);
      return created;
    });
    senders.set(database, sender);
    sender.catch(() => senders.delete(database));
  }
  return sender;
}

/** Forgets the page's sender of a database (tests: "a reload" over the same outbox). */
export async function closeSender(database = OUTBOX_DATABASE): Promise<void> {
  const sender = await senders.get(database)?.catch(() => undefined);
  senders.delete(database);
  if (!sender) return;
  sender.stop();
  sender.outbox.close();
}
