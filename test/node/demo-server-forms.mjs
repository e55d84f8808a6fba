// The demo server as the shop's form endpoint and inbox (docs/forms.md "Publishing"): run by
// `npm test` after the build. Starts demo/serve.mjs with its submissions in a temporary file,
// posts the lead form's submissions (valid, repeated, invalid, hostile, from a foreign origin),
// pulls them through the inbox in pages, stops the server and starts it again over the same
// file (nothing lost, nothing doubled), and checks each pulled submission against the
// published form and turns it into records as the workspace does.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const core = await import(pathToFileURL(join(root, 'dist/ltc-kit-core.es.js')).href);
const formFile = JSON.parse(readFileSync(join(root, 'demo/forms/lead-capture.form.json'), 'utf8'));
const dataDir = mkdtempSync(join(tmpdir(), 'ltc-demo-'));
const dataFile = join(dataDir, 'submissions.json');
const port = 41000 + Math.floor(Math.random() * 20000);
const base = `http://127.0.0.1:${port}`;

async function startServer() {
  const child = spawn(process.execPath, [join(root, 'demo/serve.mjs'), String(port)], { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, LTC_DEMO_DATA: dataFile } });
  await new Promise((resolveStart, reject) => {
    child.stdout.on('data', (chunk) => String(chunk).includes('localhost:') && resolveStart());
    child.once('exit', (code) => reject(new Error(`demo server exited (${code})`)));
  });
  return child;
}

function stopServer(child) {
  return new Promise((resolveStop) => {
    child.once('exit', resolveStop);
    child.kill();
  });
}

const submission = (id, values, extra = {}) => ({
  format: 'ltc-submission',
  formatVersion: 1,
  submissionId: id,
  appId: 'fruit-shop',
  tableId: 'customers',
  formId: 'lead-capture',
  submittedAt: '2026-12-02T04:00:00.000Z',
  values,
  meta: { page: 'http://localhost/demo/shop.html?utm_source=poster', params: { utm_source: 'poster' } },
  ...extra,
});

async function post(body, headers = {}) {
  const response = await fetch(`${base}/api/forms/submissions`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) });
  return { status: response.status, body: await response.json().catch(() => undefined), headers: response.headers };
}

const failures = [];
const expect = (ok, message) => ok || failures.push(message);
let server = await startServer();
try {
  const first = submission('0b7f6f0e-7c1e-4b53-9a55-000000000001', { name: '王小明', mobile: '13800138000', city: 'hangzhou', source: 'online' });
  let answer = await post(first);
  expect(answer.status === 201 && answer.body?.stored === true, `a new submission gave ${answer.status}, expected 201`);
  answer = await post(first);
  expect(answer.status === 200 && answer.body?.stored === false, `the same submissionId again gave ${answer.status}, expected 200 (stored once)`);

  answer = await post(submission('0b7f6f0e-7c1e-4b53-9a55-000000000002', { name: '', city: 'atlantis', orderCount: 3 }));
  const paths = (answer.body?.errors ?? []).map((e) => e.path);
  expect(answer.status === 422, `an invalid submission gave ${answer.status}, expected 422`);
  for (const path of ['values.name', 'values.city', 'values.orderCount']) expect(paths.includes(path), `the invalid submission's errors do not name ${path} (got ${paths.join(', ')})`);
  answer = await post(submission('short', { name: 'x' }));
  expect(answer.status === 422 && answer.body.errors.some((e) => e.path === 'submissionId'), 'a malformed submissionId was not refused by path');
  answer = await post(submission('0b7f6f0e-7c1e-4b53-9a55-000000000003', { name: 'x' }, { formId: 'other' }));
  expect(answer.status === 422, `a submission for an unknown form gave ${answer.status}`);
  answer = await post('{"not json');
  expect(answer.status === 400, `a body that is not JSON gave ${answer.status}, expected 400`);
  answer = await post(submission('0b7f6f0e-7c1e-4b53-9a55-000000000004', { name: 'x', notes: 'y'.repeat(150_000) }));
  expect(answer.status === 413, `a 150 KB submission gave ${answer.status}, expected 413`);
  answer = await post(submission('0b7f6f0e-7c1e-4b53-9a55-000000000005', { name: 'evil' }), { origin: 'https://evil.example' });
  expect(answer.status === 403 && !answer.headers.get('access-control-allow-origin'), `a post from a foreign origin gave ${answer.status}, expected 403 without CORS`);
  const preflight = await fetch(`${base}/api/forms/submissions`, { method: 'OPTIONS', headers: { origin: `http://localhost:${port}`, 'access-control-request-method': 'POST' } });
  expect(preflight.status === 204 && preflight.headers.get('access-control-allow-origin') === `http://localhost:${port}`, 'the demo origin gets no CORS preflight answer');

  // The network going away and coming back: the server stops, starts over the same file.
  await stopServer(server);
  server = await startServer();
  answer = await post(first);
  expect(answer.status === 200, `after a restart the same submission gave ${answer.status}, expected 200 (kept once)`);
  for (let i = 0; i < 150; i++) await post(submission(`0b7f6f0e-7c1e-4b53-9a55-1${String(i).padStart(11, '0')}`, { name: `客户${i}`, mobile: `1390000${String(i).padStart(4, '0')}` }));

  // The inbox in pages, from a cursor.
  let cursor;
  const pulled = [];
  for (let page = 0; page < 5; page++) {
    const response = await fetch(`${base}/api/inbox${cursor ? `?after=${cursor}` : ''}`);
    const body = await response.json();
    if (body.submissions.length === 0) break;
    pulled.push(...body.submissions);
    cursor = body.next;
  }
  expect(pulled.length === 151, `the inbox gave ${pulled.length} submissions, expected 151`);
  expect(new Set(pulled.map((s) => s.submissionId)).size === pulled.length, 'the inbox repeated a submission');
  const again = await (await fetch(`${base}/api/inbox?after=${cursor}`)).json();
  expect(again.submissions.length === 0 && again.next === cursor, 'pulling after the last cursor gave submissions again');
  expect((await fetch(`${base}/api/inbox?after=../../x`)).status === 400, 'a malformed cursor was not refused');

  // What the workspace does with them: check against the form, derive the record ids.
  const checked = core.validateSubmission(pulled[0], formFile);
  expect(checked.ok, `a pulled submission does not pass the form's check: ${JSON.stringify(checked.errors)}`);
  const records = core.submissionRecords(checked.value, formFile);
  expect(records.length === 1 && records[0].id === 'sub_0b7f6f0e-7c1e-4b53-9a55-000000000001' && records[0].values.city === 'hangzhou', `records of the lead: ${JSON.stringify(records)}`);
  expect(JSON.parse(readFileSync(dataFile, 'utf8')).length === 151, 'the data file does not hold each submission once');
} finally {
  await stopServer(server);
  rmSync(dataDir, { recursive: true, force: true });
}
if (failures.length) {
  console.error(`demo server forms: ${failures.length} problem(s)\n  ${failures.join('\n  ')}`);
  process.exit(1);
}
console.log('demo server forms: stores each submission once (also across a restart), refuses invalid and hostile ones by path and foreign origins, pages the inbox');
