/**
 * The page's side of the import worker: starts it from beside ltc-kit's script (through the
 * 'ltc-kit' Trusted Types policy, src/elements/load-designer.ts), sends one file and hands
 * every message to the caller. `cancel()` terminates the worker at once.
 */
import { IMPORT_WORKER_TYPE, importWorkerUrl, trustedScriptUrl } from '../load-designer.js';
import type { ParseRequest, WorkerMessage } from '../../workers/import-protocol.js';

/** A running read: resolves after `done` or `fail` (or undefined when cancelled). */
export interface FileRead {
  finished: Promise<void>;
  cancel(): void;
}

/** `csv` or `xlsx`, by the file's name or type. */
export function fileFormat(file: File): 'csv' | 'xlsx' {
  return /\.xlsx$/i.test(file.name) || file.type === 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' ? 'xlsx' : 'csv';
}

/** Read `request.file` in the worker; `onMessage` sees every message in order. */
export function readFileInWorker(request: ParseRequest, onMessage: (message: WorkerMessage) => void): FileRead {
  const worker = new Worker(trustedScriptUrl(importWorkerUrl()), { type: IMPORT_WORKER_TYPE });
  let settle: () => void = () => undefined;
  const finished = new Promise<void>((resolve) => (settle = resolve));
  const stop = () => {
    worker.terminate();
    settle();
  };
  worker.onmessage = (event: MessageEvent<WorkerMessage>) => {
    onMessage(event.data);
    if (event.data.type === 'done' || event.data.type === 'fail') stop();
  };
  worker.onerror = (event) => {
    event.preventDefault();
    onMessage({ type: 'fail', code: 'csv.unreadable', message: event.message || 'import worker failed' });
    stop();
  };
  worker.postMessage(request);
  return { finished, cancel: stop };
}
