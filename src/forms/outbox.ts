/**
 * The visitor's outbox: submissions of published forms kept in the visitor's own browser
 * (an IndexedDB database of its own, `ltc-kit-outbox`, apart from any workspace's) from before
 * the first attempt to send them until the site owner's endpoint accepts them. A closed tab, a
 * lost connection or a reload loses nothing: the next page load sends what is left.
 *
 * Plain IndexedDB rather than idb: four requests are all it needs, and the form runtime has a
 * 30 KB budget.
 */
import type { FormSubmission } from '../core/forms/model.js';

/** The database the form runtime keeps its outbox in, unless told otherwise (tests). */
export const OUTBOX_DATABASE = 'ltc-kit-outbox';
const STORE = 'submissions';

/** One submission waiting to be sent. */
export interface OutboxEntry {
  submission: FormSubmission;
  /** The endpoint it goes to (checked against the allowed origins when it was queued). */
  action: string;
  /** Attempts made so far. */
  attempts: number;
  /** When the next attempt is due (ms since 1970). */
  nextAttemptAt: number;
  /** `rejected`: the endpoint refused it (a 4xx answer); kept, not retried automatically. */
  status: 'pending' | 'rejected';
  lastError?: string;
}

/** A request's result, or its error. */
function settle<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

/** A small keyed store of outbox entries (by submission id). */
export class Outbox {
  private constructor(private readonly db: IDBDatabase) {}

  static async open(name = OUTBOX_DATABASE): Promise<Outbox> {
    const request = indexedDB.open(name, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(STORE, { keyPath: 'submission.submissionId' });
    return new Outbox(await settle(request));
  }

  /**
   * One request in its own transaction; resolves once the transaction has committed, so a
   * write is durable before anything else happens (the first attempt to send comes after).
   */
  private async run<T>(mode: IDBTransactionMode, make: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> {
    const tx = this.db.transaction(STORE, mode);
    const result = settle(make(tx.objectStore(STORE)));
    await new Promise<void>((resolve, reject) => {
      tx.oncomplete = () => resolve();
      tx.onerror = tx.onabort = () => reject(tx.error ?? new Error('ltc-kit: the outbox write was aborted'));
    });
    return result;
  }

  /** Stores (or replaces) an entry. */
  async put(entry: OutboxEntry): Promise<void> {
    await this.run('readwrite', (store) => store.put(entry));
  }

  get(submissionId: string): Promise<OutboxEntry | undefined> {
    return this.run('readonly', (store) => store.get(submissionId) as IDBRequest<OutboxEntry | undefined>);
  }

  all(): Promise<OutboxEntry[]> {
    return this.run('readonly', (store) => store.getAll() as IDBRequest<OutboxEntry[]>);
  }

  async delete(submissionId: string): Promise<void> {
    await this.run('readwrite', (store) => store.delete(submissionId));
  }

  close(): void {
    this.db.close();
  }
}
