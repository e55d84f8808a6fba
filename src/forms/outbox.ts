/**
 * The visitor's outbox: submissions of published forms kept in the visitor's own browser
 * (an IndexedDB database of its own, `ltc-kit-outbox`, apart from any workspace's) from before
 * the first attempt to send them until the site owner's endpoint accepts them. A closed tab, a
 * lost connection or a reload loses nothing: the next page load sends what is left.
 */
import { openDB, type IDBPDatabase } from 'idb';
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

/** A small keyed store of outbox entries (by submission id). */
export class Outbox {
  private constructor(private readonly db: IDBPDatabase) {}

  static async open(name = OUTBOX_DATABASE): Promise<Outbox> {
    const db = await openDB(name, 1, {
      upgrade(database) {
        database.createObjectStore(STORE, { keyPath: 'submission.submissionId' });
      },
    });
    return new Outbox(db);
  }

  /** Stores (or replaces) an entry; resolves once the transaction has committed. */
  async put(entry: OutboxEntry): Promise<void> {
    await this.db.put(STORE, entry);
  }

  get(submissionId: string): Promise<OutboxEntry | undefined> {
    return this.db.get(STORE, submissionId) as Promise<OutboxEntry | undefined>;
  }

  all(): Promise<OutboxEntry[]> {
    return this.db.getAll(STORE) as Promise<OutboxEntry[]>;
  }

  async delete(submissionId: string): Promise<void> {
    await this.db.delete(STORE, submissionId);
  }

  close(): void {
    this.db.close();
  }
}
