/**
 * The events a host page can listen to. All bubble out of shadow roots (`composed`) and
 * carry ids and plain values in `detail`, never HTML.
 */
import type { CellValue, RecordValues } from '../core/schema/types.js';

export interface RecordEventDetail {
  appId: string;
  tableId: string;
  recordId: string;
  values: RecordValues;
}

export interface ErrorEventDetail {
  code: string;
  message: string;
}

export interface LtcEventMap {
  'ltc-record-created': RecordEventDetail;
  'ltc-record-updated': RecordEventDetail;
  'ltc-record-deleted': { appId: string; tableId: string; recordId: string };
  'ltc-form-submitted': RecordEventDetail;
  'ltc-form-cancelled': { tableId: string };
  'ltc-app-ready': { appId: string; created: boolean };
  'ltc-stage-changed': { appId: string; tableId: string; recordId: string; from: CellValue; to: CellValue };
  'ltc-rule-fired': { appId: string; ruleId: string; recordId: string };
  'ltc-error': ErrorEventDetail;
}

/** Dispatch a bubbling, composed ltc event from `target`. */
export function emit<K extends keyof LtcEventMap>(target: EventTarget, type: K, detail: LtcEventMap[K]): boolean {
  return target.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true, cancelable: false }));
}

declare global {
  interface GlobalEventHandlersEventMap {
    'ltc-record-created': CustomEvent<RecordEventDetail>;
    'ltc-record-updated': CustomEvent<RecordEventDetail>;
    'ltc-record-deleted': CustomEvent<LtcEventMap['ltc-record-deleted']>;
    'ltc-form-submitted': CustomEvent<RecordEventDetail>;
    'ltc-form-cancelled': CustomEvent<LtcEventMap['ltc-form-cancelled']>;
    'ltc-app-ready': CustomEvent<LtcEventMap['ltc-app-ready']>;
    'ltc-stage-changed': CustomEvent<LtcEventMap['ltc-stage-changed']>;
    'ltc-rule-fired': CustomEvent<LtcEventMap['ltc-rule-fired']>;
    'ltc-error': CustomEvent<ErrorEventDetail>;
  }
}
