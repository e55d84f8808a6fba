/**
 * `StoreController`: the one place where an element subscribes to the store's change feed
 * and to the app's `DerivedValues`. It subscribes when the host connects, unsubscribes when
 * it disconnects, and resubscribes when the host's store or derived values are swapped
 * (checked in `hostUpdate`, before each render), so no element writes that lifecycle code
 * by hand and none keeps listening after it leaves the page.
 *
 * The listeners receive the change itself, so a host can repaint only what a change touched
 * (see `touchesTable`).
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { ChangeEvent, Store } from '../store/types.js';
import type { DerivedValues } from '../runtime/derived.js';
import type { DerivedChange } from '../runtime/derived-change.js';

/** What the controller reads from its host: where the store and derived values come from. */
export interface StoreControllerOptions {
  /** The store to listen to (read before every update; a new one is resubscribed). */
  store?: () => Store | undefined;
  /** The derived values to listen to (read before every update; a new one is resubscribed). */
  derived?: () => DerivedValues | undefined;
  /** Called for every committed store change (of any app: filter by `change.appId`). */
  onStoreChange?: (change: ChangeEvent) => void;
  /**
   * Called whenever derived values change. `change` says what changed where the
   * `DerivedValues` implementation reports it; undefined means "anything may have changed".
   */
  onDerivedChange?: (change: DerivedChange | undefined, derived: DerivedValues) => void;
}

/** Subscribes a Lit element to its store and derived values for as long as it is connected. */
export class StoreController implements ReactiveController {
  private store?: Store;
  private derived?: DerivedValues;
  private unsubscribeStore?: () => void;
  private unsubscribeDerived?: () => void;
  private connected = false;

  constructor(
    host: ReactiveControllerHost,
    private readonly options: StoreControllerOptions,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.connected = true;
    this.sync();
  }

  hostDisconnected(): void {
    this.connected = false;
    this.unsubscribeStore?.();
    this.unsubscribeDerived?.();
    this.unsubscribeStore = this.unsubscribeDerived = undefined;
    this.store = this.derived = undefined;
  }

  /** Before every update: follow a swapped store or derived values. */
  hostUpdate(): void {
    this.sync();
  }

  /** Subscribe to what the host holds now, dropping subscriptions to what it no longer holds. */
  sync(): void {
    if (!this.connected) return;
    const store = this.options.onStoreChange ? this.options.store?.() : undefined;
    if (store !== this.store) {
      this.unsubscribeStore?.();
      this.store = store;
      const listener = this.options.onStoreChange!;
      this.unsubscribeStore = store?.subscribe((change) => listener(change));
    }
    const derived = this.options.onDerivedChange ? this.options.derived?.() : undefined;
    if (derived !== this.derived) {
      this.unsubscribeDerived?.();
      this.derived = derived;
      const listener = this.options.onDerivedChange!;
      // The optional argument keeps this working whether or not DerivedValues reports the change.
      this.unsubscribeDerived = derived?.subscribe(((change?: DerivedChange) => listener(change, derived)) as () => void);
    }
  }
}

/** Whether a store change wrote records of `tableId` (or replaced the whole app). */
export function storeChangeTouchesTable(change: ChangeEvent, tableId: string): boolean {
  if (change.kind === 'app') return true;
  const hit = (record: { tableId: string }) => record.tableId === tableId;
  return change.created.some(hit) || change.deleted.some(hit) || change.updated.some((entry) => hit(entry.record));
}

/**
 * Whether a derived-values change may alter what a view of `tableId` shows: anything but a
 * `records` change does; a `records` change does when it wrote records of that table or
 * changed one of its computed cells. Without details (undefined), assume it does.
 */
export function derivedChangeTouchesTable(change: DerivedChange | undefined, tableId: string): boolean {
  if (!change || change.kind !== 'records') return true;
  const hit = (entry: { tableId: string }) => entry.tableId === tableId;
  if (change.cells.some(hit)) return true;
  const records = change.records;
  // A records change without the list of records may be about any table.
  if (!records) return true;
  return records.created.some(hit) || records.updated.some(hit) || records.deleted.some(hit);
}

/**
 * Whether a derived-values change may alter what a view of one record shows (its computed
 * cells, or the record itself). Without details (undefined) or for a non-`records` change, assume it does.
 */
export function derivedChangeTouchesRecord(change: DerivedChange | undefined, tableId: string, recordId: string): boolean {
  if (!change || change.kind !== 'records') return true;
  const hit = (entry: { tableId: string; recordId: string }) => entry.tableId === tableId && entry.recordId === recordId;
  if (change.cells.some(hit)) return true;
  const records = change.records;
  if (!records) return true;
  return records.created.some(hit) || records.updated.some(hit) || records.deleted.some(hit);
}
