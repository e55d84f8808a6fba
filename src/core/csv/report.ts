/**
 * The problem report of an import as a CSV file a user opens in Excel: one line per problem
 * (spreadsheet row, column, value as written, reason), headers and reasons in the UI's
 * language, UTF-8 BOM and CRLF like every export (docs/csv.md), cells guarded against
 * formula injection — a value from the user's file is written back out here.
 */
import type { Locale } from '../schema/types.js';
import { guardCell } from './cells.js';

/** One line of the report: `row` is the spreadsheet row (the header is row 1). */
export interface ReportProblem {
  row: number;
  column: string;
  value: string;
  message: string;
}

const HEADERS: Record<Locale, string[]> = {
  'zh-CN': ['行号', '列', '值', '原因'],
  en: ['Row', 'Column', 'Value', 'Reason'],
};

function quote(cell: string): string {
  const guarded = guardCell(cell);
  return /[",\r\n]|^\s|\s$/.test(guarded) ? `"${guarded.replace(/"/g, '""')}"` : guarded;
}

/** The report's text, problems in row order (a file's own problems, row 1, first). */
export function problemReportCsv(problems: readonly ReportProblem[], locale: Locale): string {
  const sorted = [...problems].sort((a, b) => a.row - b.row);
  const lines = [HEADERS[locale].map(quote).join(',')];
  for (const p of sorted) lines.push([String(p.row), quote(p.column), quote(p.value), quote(p.message)].join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
