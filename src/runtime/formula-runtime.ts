/**
 * Formula fields of an app, evaluated in memory. (Interim: computes nothing until the
 * formula engine lands; replaced in the formula integration.)
 */
import type { AppDef, RecordData, RecordValues } from '../core/schema/types.js';

export class FormulaRuntime {
  private values = new Map<string, Map<string, RecordValues>>();
  constructor(private app: AppDef) {}
  setApp(app: AppDef): void {
    this.app = app;
  }
  valuesOf(tableId: string, recordId: string): RecordValues | undefined {
    return this.values.get(tableId)?.get(recordId);
  }
  recompute(
    _records: Map<string, Map<string, RecordData>>,
    _inverse: Map<string, Map<string, Map<string, string[]>>>,
    _touched?: Map<string, Set<string>>,
  ): void {
    void this.app;
  }
}
