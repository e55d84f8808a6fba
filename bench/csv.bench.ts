/**
 * Benchmark (issue 10): CSV import of 100,000 rows × 12 columns as a Chinese shop's
 * spreadsheet holds them (`¥1,234.50`, `2024/3/5`, `35%`, 是/否, choices by label, lists
 * split on 、, phones with spaces), next to papaparse alone on the same text in the same
 * run — the difference is mapping, coercion and validation. Budget (ARCHITECTURE.md): parsed
 * and validated in < 1 s. Also the export of the same records with `recordsToCsv`.
 *
 * Each variant is timed interleaved, round by round, so machine noise hits both alike;
 * reported: the median ms per 100,000 rows and the ratio to papaparse alone.
 */
import Papa from 'papaparse';
import { csvToRecords, recordsToCsv } from '../src/core/csv/index.js';
import type { TableDef } from '../src/core/schema/types.js';
import { median, type BenchRow } from './types.js';

const ROWS = 100_000;
const ROUNDS = 5;

const choices = (names: string[]) => names.map((name, i) => ({ id: `c${i}`, name }));

const table: TableDef = {
  id: 'customers',
  name: '客户',
  primaryFieldId: 'name',
  fields: [
    { id: 'name', name: '姓名', type: 'text', required: true },
    { id: 'phone', name: '手机', type: 'phone' },
    { id: 'email', name: '邮箱', type: 'email' },
    { id: 'spent', name: '消费金额', type: 'money' },
    { id: 'orders', name: '订单数', type: 'number' },
    { id: 'discount', name: '折扣', type: 'percent' },
    { id: 'joined', name: '注册日期', type: 'date' },
    { id: 'seen', name: '最近访问', type: 'datetime' },
    { id: 'level', name: '等级', type: 'select', options: { choices: choices(['黄金', '白银', '青铜']) } },
    { id: 'tags', name: '标签', type: 'multiselect', options: { choices: choices(['大客户', '批发', '线上', '线下']) } },
    { id: 'subscribed', name: '订阅', type: 'checkbox' },
    { id: 'notes', name: '备注', type: 'textarea' },
  ],
};

function makeCsv(): string {
  // A small LCG keeps the data identical from run to run.
  let seed = 7;
  const next = (): number => {
    seed = (seed * 1664525 + 1013904223) >>> 0;
    return seed / 4294967296;
  };
  const lines = [table.fields.map((f) => f.name).join(',')];
  for (let i = 0; i < ROWS; i++) {
    const spent = (next() * 50_000).toFixed(2);
    lines.push(
      [
        `客户${i}`,
        `138 ${String(i % 10_000).padStart(4, '0')} ${String(Math.floor(next() * 10_000)).padStart(4, '0')}`,
        `user${i}@shop.cn`,
        `"¥${Number(spent).toLocaleString('en')}"`,
        String(Math.floor(next() * 40)),
        `${Math.floor(next() * 100)}%`,
        `2024/${1 + Math.floor(next() * 12)}/${1 + Math.floor(next() * 28)}`,
        `2024-05-${String(1 + Math.floor(next() * 28)).padStart(2, '0')} 10:30:00`,
        ['黄金', '白银', '青铜'][Math.floor(next() * 3)],
        next() < 0.5 ? '大客户、线上' : '批发',
        next() < 0.5 ? '是' : '否',
        next() < 0.2 ? '"老客户, 喜欢 ""礼盒"""' : '',
      ].join(','),
    );
  }
  return lines.join('\r\n');
}

/** Median ms of each variant, timed interleaved. */
function measure(passes: Array<() => void>): number[] {
  for (const pass of passes) pass();
  const samples: number[][] = passes.map(() => []);
  for (let round = 0; round < ROUNDS; round++) {
    passes.forEach((pass, i) => {
      const t0 = performance.now();
      pass();
      samples[i]!.push(performance.now() - t0);
    });
  }
  return samples.map(median);
}

/** Runs the benchmark and returns its rows; prints nothing. */
export default async function run(): Promise<BenchRow[]> {
  const text = makeCsv();
  let imported = csvToRecords(text, table);
  if (imported.errors.length || imported.records.length !== ROWS) throw new Error(`csv bench: ${imported.errors.length} errors, ${imported.records.length} records`);
  const records = imported.records;
  let parsedRows = 0;
  let written = '';
  const [papa, ours, exported] = measure([
    () => {
      parsedRows = Papa.parse<string[]>(text, { delimiter: ',', skipEmptyLines: false }).data.length;
    },
    () => {
      imported = csvToRecords(text, table);
    },
    () => {
      written = recordsToCsv(table, records);
    },
  ]);
  if (parsedRows !== ROWS + 1 || imported.records.length !== ROWS || written.length === 0) throw new Error('csv bench: a pass produced the wrong result');
  const group = `csv: import ${ROWS.toLocaleString('en')} rows × ${table.fields.length} columns`;
  return [
    { group, name: 'baseline: papaparse alone (parse only)', value: Number(papa!.toFixed(1)), unit: 'ms', note: `${(text.length / 1e6).toFixed(1)} M characters` },
    { group, name: 'csvToRecords (parse + map + coerce + validate)', value: Number(ours!.toFixed(1)), unit: 'ms', note: `budget < 1000 ms: ${ours! < 1000 ? 'ok' : 'OVER'}` },
    { group, name: 'csvToRecords / papaparse alone', value: Number((ours! / papa!).toFixed(2)), unit: '×', note: 'same run, median of interleaved samples' },
    { group: `csv: export ${ROWS.toLocaleString('en')} records`, name: 'recordsToCsv', value: Number(exported!.toFixed(1)), unit: 'ms' },
  ];
}
