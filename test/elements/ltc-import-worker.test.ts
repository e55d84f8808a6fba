/**
 * The import worker end to end (src/workers/import-worker.ts, started as the dialog starts it):
 * every value form of issue 10 through papaparse chunks and the core coercion, encodings
 * (UTF-8 with and without BOM, UTF-16, GBK), ragged rows, an empty file, .xlsx with serial
 * dates, relations matched by another field, and a 50 MB file with the page responsive.
 */
import { expect } from '@open-wc/testing';
import { readFileInWorker } from '../../src/elements/import/read-file.js';
import type { ParseRequest, WorkerMessage } from '../../src/workers/import-protocol.js';
import type { CsvError, CsvRecord } from '../../src/core/csv/import.js';
import { shopApp } from '../fixtures/import/shop-app.js';

interface Read {
  header?: Extract<WorkerMessage, { type: 'header' }>;
  records: CsvRecord[];
  errors: CsvError[];
  fail?: Extract<WorkerMessage, { type: 'fail' }>;
  done?: Extract<WorkerMessage, { type: 'done' }>;
  batches: number;
}

async function read(file: Blob, options: Partial<ParseRequest> = {}): Promise<Read> {
  const app = shopApp();
  const out: Read = { records: [], errors: [], batches: 0 };
  const request: ParseRequest = { type: 'parse', file, format: 'csv', table: app.tables[0]!, locale: 'zh-CN', ...options };
  const run = readFileInWorker(request, (m) => {
    if (m.type === 'header') out.header = m;
    if (m.type === 'batch') {
      out.batches++;
      out.records.push(...m.records);
      out.errors.push(...m.errors);
    }
    if (m.type === 'fail') out.fail = m;
    if (m.type === 'done') out.done = m;
  });
  await run.finished;
  return out;
}

const csv = (text: string) => new Blob([text], { type: 'text/csv' });

describe('import worker', function () {
  this.timeout(120000);

  it('reads every value form of issue 10 into stored values', async () => {
    const text =
      '姓名,手机,邮箱,等级,标签,会员,注册日期,消费金额,复购率\n' +
      '张三,138 0013 8000, zs@example.com ,金卡,"A,B",是,2024/1/5,"¥1,234.50",35%\n' +
      '李四,13900139000,ls@example.com,Silver,B；C,FALSE,2024-01-05,￥88,0.35\n' +
      '王五,13700137000,,gold,A、C,1,2024年1月5日,"1,234.5元",\n' +
      '赵六,13600136000,,,c,0,,,\n';
    const r = await read(csv(text));
    expect(r.errors).to.deep.equal([]);
    expect(r.header!.encoding).to.equal('utf-8');
    expect(r.records.map((x) => x.row)).to.deep.equal([2, 3, 4, 5]);
    expect(r.records[0]!.values).to.deep.equal({ name: '张三', phone: '13800138000', email: 'zs@example.com', level: 'gold', tags: ['a', 'b'], vip: true, joined: '2024-01-05', spent: 1234.5, rate: 0.35 });
    expect(r.records[1]!.values).to.include({ level: 'silver', vip: false, joined: '2024-01-05', spent: 88, rate: 0.35 });
    expect(r.records[1]!.values.tags).to.deep.equal(['b', 'c']);
    expect(r.records[2]!.values).to.include({ level: 'gold', vip: true, joined: '2024-01-05', spent: 1234.5 });
    expect(r.records[2]!.values.tags).to.deep.equal(['a', 'c']);
    expect(r.records[3]!.values).to.include({ vip: false, joined: null });
  });

  it('reports every bad cell and ragged row with its row number, column and reason in the UI language', async () => {
    const text = '姓名,手机,等级,注册日期\n张三,12,金卡,2024/13/40\n李四,13900139000,钻石\n王五,13700137000,银卡,2024-01-01,extra\n';
    const r = await read(csv(text));
    expect(r.records).to.deep.equal([]);
    const where = r.errors.map((e) => [e.row, e.column, e.code]);
    expect(where).to.deep.include([2, '手机', 'field.phone']);
    expect(where).to.deep.include([2, '注册日期', 'field.date']);
    expect(where).to.deep.include([3, '', 'csv.tooFewCells']);
    expect(where).to.deep.include([3, '等级', 'field.choice']);
    expect(where).to.deep.include([4, '', 'csv.tooManyCells']);
    expect(r.errors.find((e) => e.row === 3 && e.column === '等级')!.message).to.match(/^第 3 行“等级”列：/);
  });

  it('adds unknown choices only for the fields the user allowed', async () => {
    const r = await read(csv('姓名,等级,标签\n张三,钻石,D\n'), { addChoices: ['level'] });
    expect(r.done!.newChoices).to.deep.equal({ level: ['钻石'] });
    expect(r.errors.map((e) => e.column)).to.deep.equal(['标签']);
  });

  it('decodes UTF-8 with a BOM, UTF-16 LE with a BOM and GBK', async () => {
    const text = '姓名,手机\n范国庆,13800138000\n';
    const bom = await read(new Blob([new Uint8Array([0xef, 0xbb, 0xbf]), text]));
    expect(bom.records[0]!.values.name).to.equal('范国庆');
    const units = new Uint16Array([0xfeff, ...[...text].map((c) => c.charCodeAt(0))]);
    const utf16 = await read(new Blob([units.buffer]));
    expect(utf16.header!.encoding).to.equal('utf-16le');
    expect(utf16.records[0]!.values).to.deep.equal({ name: '范国庆', phone: '13800138000' });
    // 范国庆 in GBK, then ",13800138000".
    const gbk = new Uint8Array([0xd0, 0xd5, 0xc3, 0xfb, 0x2c, 0xca, 0xd6, 0xbb, 0xfa, 0x0a, 0xb7, 0xb6, 0xb9, 0xfa, 0xc7, 0xec, 0x2c, ...new TextEncoder().encode('13800138000\n')]);
    const g = await read(new Blob([gbk]));
    expect(g.header!.encoding).to.equal('gb18030');
    expect(g.header!.headers).to.deep.equal(['姓名', '手机']);
    expect(g.records[0]!.values).to.deep.equal({ name: '范国庆', phone: '13800138000' });
  });

  it('an empty file (or a BOM and blank lines) is a clear error, not a crash', async () => {
    for (const blob of [new Blob([]), new Blob([new Uint8Array([0xef, 0xbb, 0xbf]), '\r\n\r\n'])]) {
      const r = await read(blob);
      expect(r.fail?.code).to.equal('csv.empty');
      expect(r.fail?.message).to.contain('文件是空的');
    }
  });

  it('matches relation cells by another field of the target (orders → customer by phone)', async () => {
    const app = shopApp();
    const relations = { customer: { matchField: app.tables[0]!.fields[1]!, entries: [['13800138000', ['c1']], ['13900139000', ['c2', 'c3']]] as Array<[string, string[]]> } };
    const r = await read(csv('订单号,客户,金额\nA1,138 0013 8000,10\nA2,13900139000,5\nA3,13500000000,1\n'), { table: app.tables[1]!, relations });
    expect(r.records).to.deep.equal([{ row: 2, values: { no: 'A1', customer: 'c1', amount: 10 } }]);
    expect(r.errors.map((e) => [e.row, e.code])).to.deep.equal([
      [3, 'csv.relationAmbiguous'],
      [4, 'csv.relationUnresolved'],
    ]);
  });

  it('reads .xlsx: typed cells, dates as serial numbers and date cells, through the same coercion', async () => {
    const bytes = await (await fetch(new URL('../fixtures/import/customers.xlsx', import.meta.url))).arrayBuffer();
    const r = await read(new Blob([bytes]), { format: 'xlsx' });
    expect(r.errors).to.deep.equal([]);
    expect(r.header!.sheets).to.deep.equal(['客户', 'Other']);
    expect(r.records.map((x) => x.values)).to.deep.equal([
      { name: '张三', phone: '13800138000', joined: '2023-03-15', spent: 1234.5, vip: true },
      { name: '李四', phone: '13900139000', joined: '2024-01-05', spent: 88, vip: false },
    ]);
    const other = await read(new Blob([bytes]), { format: 'xlsx', sheet: 'Other' });
    expect(other.header!.sheet).to.equal('Other');
    expect(other.records.map((x) => x.values.name)).to.deep.equal(['王五']);
  });

  it('a 50 MB file streams in batches while the page stays responsive (no task over 200 ms)', async () => {
    const line = '客户姓名很长的名字啊,13800138000,someone.long.address@example.com,金卡,"A,B",是,2024/1/5,"¥1,234.50",35%\n';
    // One 0.5 MB block of bytes referenced many times: building the file costs the page nothing.
    const block = new TextEncoder().encode(line.repeat(4000));
    const blocks = Math.ceil((50 * 1024 * 1024) / block.length);
    const head = '姓名,手机,邮箱,等级,标签,会员,注册日期,消费金额,复购率\n';
    const file = new Blob([head, ...Array.from({ length: blocks }, () => block)]);
    expect(file.size).to.be.greaterThan(50 * 1024 * 1024);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const long: number[] = [];
    const observer = new PerformanceObserver((list) => list.getEntries().forEach((e) => long.push(e.duration)));
    observer.observe({ type: 'longtask', buffered: false });
    let count = 0;
    let errors = 0;
    let batches = 0;
    const run = readFileInWorker({ type: 'parse', file, format: 'csv', table: shopApp().tables[0]!, locale: 'en' }, (m) => {
      if (m.type === 'batch') {
        batches++;
        count += m.records.length;
        errors += m.errors.length;
      }
    });
    await run.finished;
    observer.disconnect();
    // Chinese text straddles the 4 MB read slices: every character still decodes whole.
    expect(errors).to.equal(0);
    expect(count).to.equal(blocks * 4000);
    expect(batches).to.be.greaterThan(100);
    expect(long.filter((d) => d > 200), 'long tasks over 200 ms').to.deep.equal([]);
  });
});
