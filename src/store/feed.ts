/**
 * The change feed's listener list, shared by every `Store` backend. One listener that throws
 * must not keep the others from hearing about a committed change, so errors are reported
 * (as an uncaught error of the page, where tests and error trackers see it) and delivery goes on.
 */
import type { ChangeEvent, ChangeListener } from './types.js';

/** Reports an error without interrupting the caller (`reportError` where the platform has it). */
export function reportLater(error: unknown): void {
  const report = (globalThis as { reportError?: (e: unknown) => void }).reportError;
  if (report) report(error);
  else
    setTimeout(() => {
      throw error;
    }, 0);
}

/** A set of change listeners. Events are shared between listeners: treat them as read-only. */
export class ChangeFeed {
  private readonly listeners = new Set<ChangeListener>();

  /** Adds a listener; returns the function that removes it. */
  subscribe(listener: ChangeListener): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  /** Calls every listener now, in subscription order. */
  emit(change: ChangeEvent): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(change);
      } catch (error) {
        reportLater(error);
      }
    }
  }

  clear(): void {
    this.listeners.clear();
  }
}

/** True when a change event carries nothing (an update that changed no value). */
export function isEmptyChange(change: ChangeEvent): boolean {
  return change.kind === 'records' && change.created.length === 0 && change.updated.length === 0 && change.deleted.length === 0;
}
