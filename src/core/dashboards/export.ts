/**
 * A panel's numbers as CSV (`resultToCsv`): the data table behind its chart — the category
 * column, then one column per series, table-only ones included — written the way
 * `recordsToCsv` (src/core/csv/export.ts) writes records, so Excel in zh-CN or en opens it
 * correctly: UTF-8 BOM, CRLF, RFC 4180 quoting and the formula-injection guard on text.
 * Numbers are written in full (a share as a fraction, 0.25), never rounded for display.
 */
import { guardCell } from '../csv/cells.js';
import type { PanelResult } from './compute.js';

function quote(text: string): string {
  if (text.includes('"') || text.includes(',') || /[\r\n]/.test(text) || /^\s|\s$/.test(text)) return `"${text.replace(/"/g, '""')}"`;
  return text;
}

const textCell = (text: string) => quote(guardCell(text));

/** The result's data table as CSV text; a number panel as one row of its headline (and previous period). */
export function resultToCsv(result: PanelResult, labels: { value: string; previous: string; change: string }): string {
  const lines: string[] = [];
  if (result.headline) {
    const h = result.headline;
    const header = [labels.value, ...(h.previous !== undefined ? [labels.previous, labels.change] : [])];
    const row = [h.value, ...(h.previous !== undefined ? [h.previous ?? null, h.change ?? null] : [])];
    lines.push(header.map(textCell).join(','), row.map((n) => (n === null ? '' : String(n))).join(','));
  } else {
    lines.push([result.categoryLabel, ...result.series.map((s) => s.label)].map(textCell).join(','));
    result.categories.forEach((category, i) => {
      const cells = result.series.map((s) => (s.values[i] === null ? '' : String(s.values[i])));
      lines.push([textCell(category.label), ...cells].join(','));
    });
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
