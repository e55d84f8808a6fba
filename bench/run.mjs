// `npm run bench`: runs every bench/*.bench.ts (or those named on the command line) in
// headless Debian Chromium, each in a fresh page, and prints one table. Each bench module
// exports `default async () => BenchRow[]` and measures its own baseline in the same run,
// so the ratios hold on a noisy machine. Results are also written to bench/results/.
import { startDevServer } from '@web/dev-server';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromium } from 'playwright-core';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { umdAsEsm } from '../test/umd-as-esm.mjs';

const executablePath = process.env.CHROME_PATH || '/usr/bin/chromium';
const wanted = process.argv.slice(2);
const benches = readdirSync(new URL('.', import.meta.url))
  .filter((name) => name.endsWith('.bench.ts'))
  .map((name) => name.replace(/\.bench\.ts$/, ''))
  .filter((name) => wanted.length === 0 || wanted.includes(name));

const server = await startDevServer({
  config: {
    rootDir: '.',
    port: 8765 + Math.floor(Math.random() * 1000),
    nodeResolve: true,
    plugins: [umdAsEsm(), esbuildPlugin({ ts: true, target: 'es2022', tsconfig: './tsconfig.json' })],
  },
  readCliArgs: false,
  readFileConfig: false,
  logStartMessage: false,
});
const port = server.config.port;
await new Promise((resolve) => setTimeout(resolve, 50));
const browser = await chromium.launch({
  executablePath,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});

const all = [];
let failed = false;

// Bundle weight: the built files as a server would send them, gzip at zlib's default level (budgets from
// ../shared/ARCHITECTURE.md). Build first: `npm run build`.
const weights = [
  ['dist/ltc-kit.js', 'script-tag bundle, whole builder', 90],
  ['dist/ltc-kit-designer.js', 'designer (field and formula editors), loaded on demand', undefined],
  ['dist/ltc-kit.es.js', 'ES module (unminified; apps minify it)', undefined],
  ['dist/ltc-form.js', 'form runtime, <ltc-form src> alone', 30],
];
// `npm run bench form` prints the form runtime's weight next to the whole builder's.
const formWeights = new Set(['dist/ltc-kit.js', 'dist/ltc-form.js']);
if (wanted.length === 0 || wanted.includes('size') || wanted.includes('form')) {
  for (const [file, label, budget] of weights) {
    if (wanted.length > 0 && !wanted.includes('size') && !formWeights.has(file)) continue;
    if (!existsSync(file)) {
      all.push({ bench: 'size', group: 'bundle weight (gzip)', name: file, value: 0, unit: 'KB', note: 'not built: run npm run build' });
      continue;
    }
    const kb = gzipSync(readFileSync(file)).length / 1000;
    all.push({ bench: 'size', group: 'bundle weight (gzip)', name: `${file} — ${label}`, value: kb, unit: 'KB', note: budget ? `budget ${budget} KB: ${kb <= budget ? 'ok' : 'OVER'}` : undefined });
    if (budget && kb > budget) failed = true;
  }
}
try {
  for (const name of benches) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    page.on('console', (msg) => {
      if (msg.type() === 'error') console.error(`[${name}] ${msg.text()}`);
    });
    await page.goto(`http://localhost:${port}/bench/index.html`);
    process.stderr.write(`running ${name}…\n`);
    const started = Date.now();
    // LTC_BENCH_PROFILE=1: a CPU profile of the run, its top functions by self time printed and
    // the .cpuprofile written to bench/results/ (open it in Chromium's DevTools).
    const profiler = process.env.LTC_BENCH_PROFILE ? await context.newCDPSession(page) : undefined;
    if (profiler) {
      await profiler.send('Profiler.enable');
      await profiler.send('Profiler.setSamplingInterval', { interval: 500 });
      await profiler.send('Profiler.start');
    }
    try {
      const rows = await page.evaluate(async (benchName) => {
        const mod = await import(`/bench/${benchName}.bench.ts`);
        return await mod.default();
      }, name);
      if (profiler) summariseProfile(name, (await profiler.send('Profiler.stop')).profile);
      for (const row of rows) all.push({ bench: name, ...row });
      process.stderr.write(`  done in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
    } catch (error) {
      failed = true;
      console.error(`bench ${name} failed: ${error.message}`);
    }
    await context.close();
  }
} finally {
  await browser.close();
  await server.stop();
}

function summariseProfile(name, profile) {
  const self = new Map();
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  profile.samples.forEach((id, i) => {
    const { functionName, url, lineNumber } = byId.get(id).callFrame;
    const key = `${functionName || '(anonymous)'} ${url.replace(/^.*\/(src|node_modules|bench)\//, '$1/')}:${lineNumber + 1}`;
    self.set(key, (self.get(key) ?? 0) + (profile.timeDeltas[i] ?? 0));
  });
  mkdirSync('bench/results', { recursive: true });
  writeFileSync(`bench/results/${name}-${Date.now()}.cpuprofile`, JSON.stringify(profile));
  console.error(`[${name}] CPU profile, top self time:`);
  for (const [key, us] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 25)) console.error(`  ${(us / 1000).toFixed(0).padStart(7)} ms  ${key}`);
}

function fmt(value) {
  if (typeof value !== 'number') return String(value);
  if (Math.abs(value) >= 1000) return Math.round(value).toLocaleString('en-US');
  if (Math.abs(value) >= 10) return value.toFixed(1);
  return value.toFixed(3);
}
const header = ['bench', 'group', 'measure', 'value', 'unit', 'note'];
const lines = all.map((r) => [r.bench, r.group, r.name, fmt(r.value), r.unit, r.note ?? '']);
const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => String(l[i]).length)));
const line = (cells) => cells.map((c, i) => String(c).padEnd(widths[i])).join('  ');
console.log(line(header));
console.log(widths.map((w) => '-'.repeat(w)).join('  '));
for (const l of lines) console.log(line(l));
mkdirSync('bench/results', { recursive: true });
writeFileSync(`bench/results/${new Date().toISOString().replace(/[:.]/g, '-')}.json`, JSON.stringify(all, null, 2));
process.exit(failed ? 1 : 0);
