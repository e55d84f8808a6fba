/**
 * What a `DerivedValues` listener hears: which computed cells (formula results, inverse
 * relations) changed, before → after, and why. A lifecycle stage change is one such cell;
 * rules subscribe to these. CONTRACT (shared by parallel work): keep these names.
 */
import type { ChangeOrigin } from '../store/types.js';

export interface DerivedCellChange {
  tableId: string;
  recordId: string;
  fieldId: string;
  /** Undefined when the record had no computed value yet (created, or first load). */
  before: unknown;
  /** Undefined when the record was deleted. */
  after: unknown;
}

export interface DerivedChange {
  /**
   * `load`: values were computed for the first time; `app`: the definition changed and
   * everything was recomputed; `replace`: the whole app was replaced (an import) — drop what
   * you hold; `records`: a record change, with the computed cells it changed; `time`: a day
   * passed in the app's zone and the values that depend on the date (TODAY() formulas,
   * lifecycle stages) were re-evaluated, with the cells that changed; `preview`: before
   * `load`, the tables for which `isReady` holds changed (a table was read and shown with the
   * values kept from an earlier session, or a change dropped those values until the load is in).
   */
  kind: 'load' | 'app' | 'replace' | 'records' | 'time' | 'preview';
  /** The origin of the record change (kind `records`). */
  origin?: ChangeOrigin;
  /** Computed cells that changed (kinds `records` and `time`; empty for the others, which mean "everything"). */
  cells: DerivedCellChange[];
  /** Stored records created / updated / deleted by the change (ids by table). */
  records?: { created: Array<{ tableId: string; recordId: string }>; updated: Array<{ tableId: string; recordId: string }>; deleted: Array<{ tableId: string; recordId: string }> };
}

export type DerivedListener = (change: DerivedChange) => void;
