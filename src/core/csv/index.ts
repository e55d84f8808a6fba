/**
 * CSV import and export of records, framework-free (docs/csv.md): shared by the import UI,
 * the import worker and Node. Papaparse is loaded only by importing this module; the
 * script-tag bundle does not (src/embed.ts does not export it).
 */
export { csvToRecords, createCsvReader, guessDelimiter } from './import.js';
export type { CsvImportOptions, CsvImportResult, CsvRecord, CsvError, CsvSkippedColumn, CsvRowReader } from './import.js';
export { recordsToCsv } from './export.js';
export type { CsvExportOptions, CsvExportRecord } from './export.js';
export { decodeCsvBytes } from './decode.js';
export type { CsvEncoding } from './decode.js';
export { guardCell, unguardCell, excelSerialToText, choiceIdForName } from './cells.js';
export { csvMessage } from './messages.js';
export { problemReportCsv } from './report.js';
export type { ReportProblem } from './report.js';
