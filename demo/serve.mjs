// Serves the demo shop site and the built script (dist/) from the repository root, with a
// strict Content-Security-Policy header, the way a careful site owner would host it.
// Usage: node demo/serve.mjs [port]   (default 5173; PORT env also works; 0 = any free port)
//
// It is also the shop's form endpoint and inbox (docs/forms.md "Publishing"): the lead form on
// demo/shop.html posts to `POST /api/forms/submissions`, which checks each submission against
// the published form file (demo/forms/*.form.json) and stores each submissionId once (in
// demo/.data/submissions.json, never served); the workspace (demo/index.html, `inbox=`) pulls
// them with `GET /api/inbox?after=<cursor>`. Cross-origin requests are answered for the demo's
// own origins only (LTC_DEMO_ORIGINS adds more, space-separated).
//
// Only what the demo needs is served: the folders in SERVED (demo/, dist/, templates/).
// Everything else — the repository's own files (/package.json, /.git/), sibling folders whose
// names merely begin like the root's, dotfiles, traversal in any encoding — is refused.
import { createServer } from 'node:http';
import { mkdir, readFile, readdir, realpath, rename, stat, writeFile } from 'node:fs/promises';
import { existsSync, readFileSync } from 'node:fs';
import { extname, join, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
/** The top-level folders the demo reads from. */
export const SERVED = ['demo', 'dist', 'templates'];
const types = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
};
export const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * The file a URL path names, or undefined when it is not ours to serve. Works on the decoded
 * path segments: none may be empty-after-decoding trouble ('..', '.', a dotfile, a
 * backslash or NUL), and the first must be one of SERVED.
 */
export function servedFile(pathname, base = root) {
  let decoded;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return undefined;
  }
  if (!decoded.startsWith('/') || /[\\\0]/.test(decoded)) return undefined;
  const segments = decoded.split('/').slice(1);
  if (segments.at(-1) === '') segments[segments.length - 1] = 'index.html';
  if (segments.some((segment) => segment === '' || segment.startsWith('.'))) return undefined;
  if (!SERVED.includes(segments[0]) || segments.length < 2 || segments.includes('node_modules')) return undefined;
  const file = resolve(base, ...segments);
  // Belt and braces: the resolved file must lie inside its served folder (with a separator,
  // so /demo-old/ is not inside /demo/).
  return file.startsWith(resolve(base, segments[0]) + sep) ? file : undefined;
}

/** Largest request body the form endpoint reads (a submission may have at most 100 KB of JSON). */
const MAX_BODY_BYTES = 100_000;
/** Submissions one inbox page returns. */
export const INBOX_PAGE = 100;

/** The published forms the endpoint accepts submissions for, by `appId/tableId/formId`. */
async function loadFormFiles(base, core) {
  const folder = join(base, 'demo/forms');
  const files = new Map();
  for (const name of existsSync(folder) ? await readdir(folder) : []) {
    if (!name.endsWith('.form.json')) continue;
    const checked = core.validateFormFile(JSON.parse(await readFile(join(folder, name), 'utf8')));
    if (!checked.ok) throw new Error(`demo/forms/${name}: ${checked.errors.map((e) => `${e.path}: ${e.message}`).join('; ')}`);
    const file = checked.value;
    files.set(`${file.appId}/${file.tableId}/${file.form.id}`, file);
  }
  return files;
}

/**
 * The submissions received, in arrival order, each id once; kept in a JSON file written
 * whole to a temporary name and renamed over the old one, so a crash leaves the old list or
 * the new one, never half of one.
 */
class SubmissionLog {
  constructor(file) {
    this.file = file;
    this.list = file && existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : [];
    this.ids = new Set(this.list.map((s) => s.submissionId));
    this.writing = Promise.resolve();
  }

  has(id) {
    return this.ids.has(id);
  }

  async add(submission) {
    this.ids.add(submission.submissionId);
    this.list.push(submission);
    if (!this.file) return;
    const text = JSON.stringify(this.list);
    this.writing = this.writing.then(async () => {
      await mkdir(resolve(this.file, '..'), { recursive: true });
      await writeFile(`${this.file}.tmp`, text);
      await rename(`${this.file}.tmp`, this.file);
    });
    await this.writing;
  }
}

function readBody(req) {
  return new Promise((resolveBody, reject) => {
    const chunks = [];
    let size = 0;
    req.on('data', (chunk) => {
      size += chunk.length;
      // Past the limit the rest is read and dropped, so the client still gets the 413 answer.
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    req.on('end', () => (size > MAX_BODY_BYTES ? reject(Object.assign(new Error('too large'), { status: 413 })) : resolveBody(Buffer.concat(chunks).toString('utf8'))));
    req.on('error', reject);
  });
}

function sendJson(res, status, body, headers = {}) {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff', ...headers });
  res.end(JSON.stringify(body));
}

/**
 * The form endpoint and the inbox. `corsOrigins()` lists the origins a cross-origin page may
 * call them from; any other Origin gets no CORS headers (the browser then refuses the answer)
 * and a preflight from it is refused.
 */
function formsApi({ forms, log, corsOrigins }) {
  return async (req, res, url) => {
    const origin = req.headers.origin;
    // Browsers send Origin on same-origin POSTs too: the server's own origin is always allowed.
    const sameOrigin = origin === `http://${req.headers.host}`;
    const cors = origin && !sameOrigin && corsOrigins().includes(origin) ? { 'access-control-allow-origin': origin, vary: 'Origin' } : {};
    if (origin && !sameOrigin && !cors['access-control-allow-origin'] && req.method !== 'GET') {
      sendJson(res, 403, { error: `origin ${origin} is not allowed` });
      return;
    }
    if (req.method === 'OPTIONS') {
      res.writeHead(204, { ...cors, 'access-control-allow-methods': 'GET, POST', 'access-control-allow-headers': 'content-type', 'access-control-max-age': '600' });
      res.end();
      return;
    }
    if (url.pathname === '/api/forms/submissions' && req.method === 'POST') {
      let json;
      try {
        json = JSON.parse(await readBody(req));
      } catch (error) {
        sendJson(res, error.status ?? 400, { errors: [{ path: '$', message: error.status ? 'the submission is larger than 100 KB' : 'the body is not JSON' }] }, cors);
        return;
      }
      const file = forms.get(`${json?.appId}/${json?.tableId}/${json?.formId}`);
      if (!file) {
        sendJson(res, 422, { errors: [{ path: 'formId', message: 'no published form of this app, table and id' }] }, cors);
        return;
      }
      const checked = (await core()).validateSubmission(json, file);
      if (!checked.ok) {
        sendJson(res, 422, { errors: checked.errors }, cors);
        return;
      }
      const { submissionId } = checked.value;
      if (log.has(submissionId)) {
        sendJson(res, 200, { submissionId, stored: false }, cors);
        return;
      }
      await log.add(checked.value);
      sendJson(res, 201, { submissionId, stored: true }, cors);
      return;
    }
    if (url.pathname === '/api/inbox' && req.method === 'GET') {
      const after = url.searchParams.get('after') ?? '0';
      if (!/^\d{1,9}$/.test(after)) {
        sendJson(res, 400, { error: 'after must be a cursor this inbox gave' }, cors);
        return;
      }
      const start = Math.min(Number(after), log.list.length);
      const submissions = log.list.slice(start, start + INBOX_PAGE);
      sendJson(res, 200, { submissions, next: String(start + submissions.length) }, cors);
      return;
    }
    sendJson(res, 404, { error: 'not found' }, cors);
  };
}

/** The built core (`npm run build`): the form file and submission checks run on it. */
let coreModule;
function core() {
  coreModule ??= import(pathToFileURL(join(root, 'dist/ltc-kit-core.es.js')).href);
  return coreModule;
}

/**
 * The form endpoint and the inbox as a request handler `(req, res, url) => Promise`, for the
 * demo server and for the test runner (web-test-runner.config.mjs mounts it at /api/).
 * `dataFile`: where submissions are kept (null: in memory only); `corsOrigins()`: the origins
 * cross-origin pages may call it from.
 */
export async function createFormsApi({ base = root, dataFile = null, corsOrigins = () => [] } = {}) {
  const forms = await loadFormFiles(base, await core());
  return formsApi({ forms, log: new SubmissionLog(dataFile), corsOrigins });
}

/**
 * The demo's HTTP server (not yet listening). Submissions are kept in `dataFile` (default
 * demo/.data/submissions.json, or the LTC_DEMO_DATA file; `memory` keeps them in memory only).
 */
export async function createDemoServer(base = root, { dataFile = process.env.LTC_DEMO_DATA || join(base, 'demo/.data/submissions.json') } = {}) {
  const extraOrigins = (process.env.LTC_DEMO_ORIGINS ?? '').split(/\s+/).filter(Boolean);
  let server;
  const corsOrigins = () => {
    const port = server.address()?.port;
    return [`http://localhost:${port}`, `http://127.0.0.1:${port}`, ...extraOrigins];
  };
  const api = await createFormsApi({ base, dataFile: dataFile === 'memory' ? null : dataFile, corsOrigins });
  server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname.startsWith('/api/')) {
      await api(req, res, url).catch((error) => sendJson(res, 500, { error: String(error?.message ?? error) }));
      return;
    }
    if (url.pathname === '/') {
      res.writeHead(302, { location: '/demo/' });
      res.end();
      return;
    }
    const file = servedFile(url.pathname, base);
    if (!file) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('not found');
      return;
    }
    try {
      // A symbolic link must not lead out of the served folders either.
      const real = await realpath(file);
      if (!SERVED.some((folder) => real.startsWith(resolve(base, folder) + sep))) throw new Error('outside');
      if (!(await stat(real)).isFile()) throw new Error('not a file');
      const body = await readFile(real);
      res.writeHead(200, {
        'content-type': types[extname(real)] ?? 'application/octet-stream',
        'content-security-policy': CSP,
        'x-content-type-options': 'nosniff',
        'cache-control': 'no-cache',
      });
      res.end(body);
    } catch {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('not found');
    }
  });
  return server;
}

// Run as a program (not when imported by test/node/demo-server.mjs).
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const port = Number(process.argv[2] ?? process.env.PORT ?? 5173);
  const server = await createDemoServer();
  server.listen(port, '127.0.0.1', () => {
    const address = server.address();
    console.log(`ltc-kit demo: http://localhost:${address.port}/demo/  (serving ${SERVED.join('/, ')}/ of ${root}, strict CSP)`);
  });
}
