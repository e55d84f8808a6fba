// The core must run in Node, with no DOM, Lit or IndexedDB: bundle src/core/index.ts with
// esbuild for Node, refuse any import from outside src/core (and json-logic-js, papaparse),
// and run a few real computations; then import the built dist/ltc-kit-core.es.js (npm test
// builds first) and import a CSV with it. Part of `npm test`; prints one line.
import { build } from 'esbuild';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const outside = [];
const result = await build({
  entryPoints: ['src/core/index.ts'],
  bundle: true,
  platform: 'node',
  format: 'esm',
  write: false,
  target: 'node20',
  plugins: [
    {
      name: 'core-boundary',
      setup(b) {
        b.onResolve({ filter: /.*/ }, (args) => {
          if (args.kind === 'entry-point') return undefined;
          // What the allowed packages import themselves (papaparse's lazy `require('stream')`) is theirs.
          if (args.importer.includes('/node_modules/')) return undefined;
          const bare = !args.path.startsWith('.') && !args.path.startsWith('/');
          if (bare && args.path !== 'json-logic-js' && args.path !== 'papaparse') outside.push(`${args.importer} imports ${args.path}`);
          if (!bare && !join(args.resolveDir, args.path).includes('/src/core/')) outside.push(`${args.importer} imports ${args.path}`);
          return undefined;
        });
      },
    },
  ],
});
assert.deepEqual(outside, [], `src/core must import only src/core, json-logic-js and papaparse:\n${outside.join('\n')}`);

const dir = await mkdtemp(join(tmpdir(), 'ltc-core-'));
const file = join(dir, 'core.mjs');
await writeFile(file, result.outputFiles[0].text);
assert.equal(typeof globalThis.document, 'undefined');
const core = await import(pathToFileURL(file).href);

const scope = {
  fields: [
    { id: 'aov', name: '平均客单价', type: 'money' },
    { id: 'freq', name: '购买频次', type: 'number' },
    { id: 'keep', name: '客户保持率', type: 'percent' },
  ],
};
const ltv = core.compileFormula('{平均客单价} * {购买频次} * {客户保持率}', scope);
assert.equal(core.evaluateFormula(ltv, { aov: 100, freq: 4, keep: 0.8 }), 320);
assert.throws(() => core.compileFormula('{平均客单价} * {购买频}', scope), (e) => e instanceof core.FormulaError && e.start === 10 && e.end === 15 && e.replacement === "{购买频次}");
assert.equal(core.applyLogic({ if: [{ '>': [{ var: 'n' }, 2] }, 'big', 'small'] }, { n: 3 }), 'big');
const template = JSON.parse(readFileSync('templates/customer-ltv.json', 'utf8'));
const validated = core.validateTemplate(template);
assert.equal(validated.ok, true);
const cloned = core.cloneTemplate(validated.template, { appId: 'node' });
assert.ok(cloned.records.customers.length >= 200);
// Predictive CLV on the CDNOW sample (Fader, Hardie & Lee 2005: r = 0.243, α = 4.414, a = 0.793, b = 2.426).
const rows = readFileSync('test/fixtures/cdnow/cdnow_customers_summary.csv', 'utf8').trim().split(/\r?\n/).slice(1);
const customers = rows.map((line) => {
  const [, frequency, recency, T] = line.split(',').map(Number);
  return { frequency, recency, T };
});
const fit = core.fitBgNbd(customers);
for (const [name, published] of [['r', 0.243], ['alpha', 4.414], ['a', 0.793], ['b', 2.426]]) {
  assert.ok(Math.abs(fit[name] - published) < 0.01, `BG/NBD ${name} = ${fit[name]}, published ${published}`);
}
// CSV import through the built core module (papaparse bundled into it): a BOM, `;`, a quoted
// delimiter, a unit in the header, Chinese value forms, one bad cell; GBK bytes decoded.
const built = await import(pathToFileURL(join(process.cwd(), 'dist/ltc-kit-core.es.js')).href);
const shop = { id: 't', name: 't', primaryFieldId: 'n', fields: [{ id: 'n', name: '姓名', type: 'text' }, { id: 'm', name: '金额', type: 'money' }, { id: 'd', name: '日期', type: 'date' }] };
const imported = built.csvToRecords('\uFEFF姓名;金额（元）;日期\r\n"张;三";¥1,234.50;2024年1月5日\r\nx;bad;\r\n', shop, { locale: 'zh-CN' });
assert.deepEqual(imported.records, [{ row: 2, values: { n: '张;三', m: 1234.5, d: '2024-01-05' } }]);
assert.deepEqual(imported.errors.map((e) => [e.row, e.column, e.value, e.code, e.message]), [[3, '金额（元）', 'bad', 'field.number', '第 3 行“金额（元）”列：“金额”必须是数字']]);
assert.deepEqual(built.decodeCsvBytes(new Uint8Array([0xd5, 0xc5, 0xc8, 0xfd])), { text: '张三', encoding: 'gb18030' });
assert.equal(built.recordsToCsv(shop, [{ values: { n: '=x', m: -1, d: '2024-01-05' } }]), "\uFEFF姓名,金额,日期\r\n'=x,-1,2024-01-05\r\n");
console.log(`core in Node: ok (formulas, JSON Logic, template with ${cloned.records.customers.length} customers, BG/NBD fit on ${customers.length} CDNOW customers, CSV import from dist)`);
