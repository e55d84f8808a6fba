/**
 * The import worker (dist/ltc-kit-import-worker.js): reads a CSV or .xlsx file off the
 * page's thread, so a 100,000-row, 50 MB file never blocks it. CSV is decoded slice by
 * slice and streams through papaparse's `chunk`; .xlsx goes through read-excel-file (bundled here only,
 * never in the page's scripts). Every row goes through the core's `createCsvReader`, the
 * same mapping, coercion and messages as `csvToRecords`, and the results are posted in
 * batches (src/workers/import-protocol.ts). The page cancels by terminating the worker.
 */
import Papa from 'papaparse';
import readXlsxFile from 'read-excel-file/web-worker';
import { createCsvReader, guessDelimiter } from '../core/csv/import.js';
import type { CsvRowReader } from '../core/csv/import.js';
import { csvMessage } from '../core/csv/messages.js';
import type { CsvEncoding } from '../core/csv/decode.js';
import { fieldTypeOf } from '../core/fields/index.js';
import type { FieldDef } from '../core/schema/types.js';
import { relationKey } from './import-protocol.js';
import type { ParseRequest, WorkerMessage } from './import-protocol.js';

const SLICE = 4 * 1024 * 1024;
const SAMPLE_ROWS = 20;
/** Records per message: small, so receiving one stays a short task on the page's thread. */
const POST_BATCH = 500;

const post = (message: WorkerMessage) => (self as unknown as { postMessage(m: WorkerMessage): void }).postMessage(message);

/**
 * One pass over the bytes: their FNV-1a hash (the key of the records' deterministic ids, so
 * the same file imported twice makes the same ids) and the encoding — the BOM's, else UTF-8
 * when every byte sequence is valid UTF-8, else GB18030 (what Chinese Excel saves as "CSV").
 */
async function scanBytes(file: Blob): Promise<{ hash: string; encoding: CsvEncoding }> {
  let hash = 0x811c9dc5;
  let encoding: CsvEncoding | undefined;
  const utf8 = new TextDecoder('utf-8', { fatal: true });
  for (let offset = 0; offset < file.size; offset += SLICE) {
    const bytes = new Uint8Array(await file.slice(offset, offset + SLICE).arrayBuffer());
    for (let i = 0; i < bytes.length; i++) hash = Math.imul(hash ^ bytes[i]!, 0x01000193);
    if (offset === 0) {
      if (bytes[0] === 0xff && bytes[1] === 0xfe) encoding = 'utf-16le';
      else if (bytes[0] === 0xfe && bytes[1] === 0xff) encoding = 'utf-16be';
    }
    if (encoding) continue;
    try {
      utf8.decode(bytes, { stream: offset + SLICE < file.size });
    } catch {
      encoding = 'gb18030';
    }
  }
  return { hash: (hash >>> 0).toString(16).padStart(8, '0'), encoding: encoding ?? 'utf-8' };
}

/**
 * The file's text, decoded slice by slice with one streaming decoder: a character whose
 * bytes straddle two slices is decoded whole (papaparse's own File reader decodes each slice
 * on its own and would garble it). The BOM is dropped. Papaparse then streams over the text.
 */
async function decodeText(file: Blob, encoding: CsvEncoding): Promise<string> {
  const decoder = new TextDecoder(encoding);
  const parts: string[] = [];
  for (let offset = 0; offset < file.size; offset += SLICE) {
    parts.push(decoder.decode(new Uint8Array(await file.slice(offset, offset + SLICE).arrayBuffer()), { stream: true }));
  }
  parts.push(decoder.decode());
  return parts.join('');
}

/** Relation cells are found through the indexes the page built from the target tables. */
function relationResolver(request: ParseRequest): (field: FieldDef, text: string) => string[] | undefined {
  const maps = new Map(Object.entries(request.relations ?? {}).map(([id, index]) => [id, { field: index.matchField, map: new Map(index.entries) }]));
  return (field, text) => {
    const index = maps.get(field.id);
    if (!index) return undefined;
    const coerced = fieldTypeOf(index.field).coerce(text, index.field, 'csv');
    return index.map.get(relationKey(coerced.ok && coerced.value !== null ? coerced.value : text));
  };
}

/** Collects records and errors and posts them every `batchSize` records. */
class Batcher {
  private records: ReturnType<CsvRowReader['readRow']>[] = [];
  private sent = 0;
  rowsRead = 0;
  constructor(
    private readonly reader: CsvRowReader,
    private readonly size: number,
  ) {}

  add(cells: readonly string[], row: number, progress: number, quoteProblem?: string): void {
    this.rowsRead++;
    const record = this.reader.readRow(cells, row, quoteProblem);
    if (record) this.records.push(record);
    if (this.records.length >= this.size) this.flush(progress);
  }

  flush(progress: number): void {
    const errors = this.reader.result.errors;
    const newErrors = errors.slice(this.sent);
    this.sent = errors.length;
    post({ type: 'batch', records: this.records.filter((r) => r !== undefined), errors: newErrors, rowsRead: this.rowsRead, progress });
    this.records = [];
  }

  done(): void {
    this.flush(1);
    const { rowCount, newChoices, addedChoices } = this.reader.result;
    post({ type: 'done', rowCount, newChoices, addedChoices });
  }
}

function fail(request: ParseRequest, code: string): void {
  post({ type: 'fail', code, message: csvMessage('csv.file', { reason: csvMessage(code, {}, request.locale) }, request.locale) });
}

function readerFor(request: ParseRequest, headers: string[]): CsvRowReader {
  return createCsvReader(headers, request.table, {
    locale: request.locale,
    mapping: request.mapping,
    addChoices: request.addChoices,
    resolveRelation: relationResolver(request),
    excelSerialDates: request.format === 'xlsx',
  });
}

async function parseCsv(request: ParseRequest): Promise<void> {
  const { file } = request;
  const { hash, encoding } = await scanBytes(file);
  const text = await decodeText(file, encoding);
  if (text.trim() === '') return fail(request, 'csv.empty');
  const delimiter = guessDelimiter(text);
  let reader: CsvRowReader | undefined;
  let batcher: Batcher | undefined;
  let row = 0;
  await new Promise<void>((resolve) => {
    Papa.parse<string[]>(text, {
      delimiter,
      skipEmptyLines: false,
      chunkSize: 1024 * 1024,
      chunk(results: Papa.ParseResult<string[]>) {
        const quoteProblems = new Map<number, string>();
        for (const problem of results.errors) if (problem.type === 'Quotes' && problem.row !== undefined) quoteProblems.set(problem.row, problem.message);
        const progress = text.length ? Math.min(1, results.meta.cursor / text.length) : 1;
        let first = 0;
        if (!reader && results.data.length > 0) {
          // The header, and the first rows as a sample, before any batch.
          const headers = results.data[0]!.map((h) => h.trim());
          reader = readerFor(request, headers);
          batcher = new Batcher(reader, request.batchSize ?? POST_BATCH);
          const { mapping, skipped } = reader.result;
          const sample = results.data.slice(1, 1 + SAMPLE_ROWS).map((cells) => [...cells]);
          post({ type: 'header', headers, mapping, skipped, sheets: [], encoding, hash, sample });
          row = 1;
          first = 1;
        }
        for (let i = first; i < results.data.length; i++) batcher!.add(results.data[i]!, ++row, progress, quoteProblems.get(i));
      },
      complete: () => resolve(),
    });
  });
  if (!batcher) return fail(request, 'csv.empty');
  batcher.done();
}

/** A cell of read-excel-file as the text a CSV would hold: dates as `YYYY-MM-DD[ HH:MM:SS]`. */
function xlsxCellText(cell: unknown): string {
  if (cell === null || cell === undefined) return '';
  if (cell instanceof Date) {
    // read-excel-file gives the wall-clock time of the cell in UTC.
    const iso = cell.toISOString();
    const time = iso.slice(11, 19);
    return time === '00:00:00' ? iso.slice(0, 10) : `${iso.slice(0, 10)} ${time}`;
  }
  if (typeof cell === 'boolean') return cell ? 'TRUE' : 'FALSE';
  return String(cell);
}

async function parseXlsx(request: ParseRequest): Promise<void> {
  const { hash } = await scanBytes(request.file);
  let sheets: Array<{ sheet: string; data: unknown[][] }>;
  try {
    sheets = (await readXlsxFile(request.file)) as Array<{ sheet: string; data: unknown[][] }>;
  } catch {
    return fail(request, 'csv.xlsxUnreadable');
  }
  const chosen = sheets.find((s) => s.sheet === request.sheet) ?? sheets[0];
  const rows = (chosen?.data ?? []).map((cells) => cells.map(xlsxCellText));
  if (rows.length === 0 || rows.every((cells) => cells.every((c) => c.trim() === ''))) return fail(request, 'csv.empty');
  const headers = rows[0]!.map((h) => h.trim());
  const reader = readerFor(request, headers);
  const batcher = new Batcher(reader, request.batchSize ?? POST_BATCH);
  const { mapping, skipped } = reader.result;
  post({ type: 'header', headers, mapping, skipped, sheets: sheets.map((s) => s.sheet), sheet: chosen!.sheet, hash, sample: rows.slice(1, 1 + SAMPLE_ROWS) });
  // The sheet's shorter rows mean empty trailing cells, not ragged rows as in a CSV.
  for (let i = 1; i < rows.length; i++) {
    const cells = rows[i]!;
    while (cells.length < headers.length) cells.push('');
    batcher.add(cells, i + 1, i / rows.length);
  }
  batcher.done();
}

self.onmessage = (event: MessageEvent<ParseRequest>) => {
  const request = event.data;
  if (request?.type !== 'parse') return;
  (request.format === 'xlsx' ? parseXlsx(request) : parseCsv(request)).catch((error: unknown) =>
    post({ type: 'fail', code: 'csv.unreadable', message: error instanceof Error ? error.message : String(error) }),
  );
};
