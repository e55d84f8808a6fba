/**
 * The events a host page can listen to. All bubble out of shadow roots (`composed`) and
 * carry ids and plain values in `detail`, never HTML. docs/events.md lists them all.
 */
import type { StageChangedDetail } from '../runtime/stage-tracker.js';
import type { RecordValues } from '../core/schema/types.js';
import type { ChangeOrigin } from '../store/types.js';

export type { ChangeOrigin };

/** `detail` of ltc-record-created / -updated / -deleted and ltc-form-submitted. */
export interface RecordEventDetail {
  appId: string;
  tableId: string;
  recordId: string;
  /** The record's values after the change (for a deleted record: its last values). */
  values: RecordValues;
  /** ltc-record-updated: the previous values of the fields that changed. */
  previous?: RecordValues;
  /**
   * Who made the change: `user`, `import`, `template`, `rule` (with its depth), `sync`, or
   * `tab` (another tab; `from` is the origin there). Absent only on ltc-form-submitted.
   */
  origin?: ChangeOrigin;
}

export interface ErrorEventDetail {
  code: string;
  message: string;
}

export interface LtcEventMap {
  'ltc-record-created': RecordEventDetail;
  'ltc-record-updated': RecordEventDetail;
  'ltc-record-deleted': RecordEventDetail;
  'ltc-form-submitted': RecordEventDetail;
  'ltc-form-cancelled': { tableId: string };
  /** A published form (`<ltc-form src>`) drew the form of its file. */
  'ltc-form-ready': { appId: string; tableId: string; formId: string };
  'ltc-app-ready': { appId: string; created: boolean };
  /** A lifecycle stage moved and this tab recorded it (src/runtime/stage-tracker.ts). */
  'ltc-stage-changed': StageChangedDetail;
  /** A rule's `dispatch-event` action ran: the host page sends the SMS / WeChat / email itself. */
  'ltc-rule-fired': { appId: string; ruleId: string; tableId?: string; recordId: string; variant?: string | null; payload?: unknown };
  /** A rule's `notify` action. */
  'ltc-notification': { appId: string; ruleId: string; recordId: string; message: string };
  'ltc-error': ErrorEventDetail;
}

/** Dispatch a bubbling, composed ltc event from `target`. */
export function emit<K extends keyof LtcEventMap>(target: EventTarget, type: K, detail: LtcEventMap[K]): boolean {
  return target.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true, cancelable: false }));
}

/**
 * Whether `element` is rendered inside an `<ltc-app>` (through any number of shadow roots).
 * The app reports every committed record change itself, so the form and the table inside it
 * do not dispatch ltc-record-* a second time.
 */
export function insideApp(element: Element): boolean {
  let node: Node | null = element;
  while (node) {
    node = node instanceof ShadowRoot ? node.host : node.parentNode;
    if (node instanceof Element && node.localName === 'ltc-app') return true;
  }
  return false;
}

declare global {
  interface GlobalEventHandlersEventMap {
    'ltc-record-created': CustomEvent<RecordEventDetail>;
    'ltc-record-updated': CustomEvent<RecordEventDetail>;
    'ltc-record-deleted': CustomEvent<RecordEventDetail>;
    'ltc-form-submitted': CustomEvent<RecordEventDetail>;
    'ltc-form-cancelled': CustomEvent<LtcEventMap['ltc-form-cancelled']>;
    'ltc-form-ready': CustomEvent<LtcEventMap['ltc-form-ready']>;
    'ltc-app-ready': CustomEvent<LtcEventMap['ltc-app-ready']>;
    'ltc-stage-changed': CustomEvent<LtcEventMap['ltc-stage-changed']>;
    'ltc-rule-fired': CustomEvent<LtcEventMap['ltc-rule-fired']>;
    'ltc-notification': CustomEvent<LtcEventMap['ltc-notification']>;
    'ltc-error': CustomEvent<ErrorEventDetail>;
  }
}
