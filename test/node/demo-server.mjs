// The demo server serves only what the demo needs (demo/, dist/, templates/): run by `npm test`.
// Starts demo/serve.mjs on a random port, requests the demo and a list of things it must
// refuse (the repository's .git and package.json, a sibling folder whose name begins like
// the root's, traversal plain and percent-encoded, dotfiles), and checks the answers.
import { spawn } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { dirname, join, resolve, basename } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
// A sibling folder named like the root plus a suffix: the old startsWith check served it.
const sibling = `${root}-secret`;
mkdirSync(sibling, { recursive: true });
writeFileSync(join(sibling, 'secret.txt'), 'TOP-SECRET-CONTENT');
const siblingName = basename(sibling);

const server = spawn(process.execPath, [join(root, 'demo/serve.mjs'), String(41000 + Math.floor(Math.random() * 20000))], { stdio: ['ignore', 'pipe', 'inherit'] });
const port = await new Promise((resolvePort, reject) => {
  server.stdout.on('data', (chunk) => {
    const match = /localhost:(\d+)/.exec(String(chunk));
    if (match) resolvePort(Number(match[1]));
  });
  server.once('exit', (code) => reject(new Error(`demo server exited (${code})`)));
});

/** GET a raw path (sent as is, so encoded and dotted paths reach the server unchanged). */
function get(path) {
  return new Promise((resolveStatus, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method: 'GET' }, (res) => {
      let body = '';
      res.on('data', (chunk) => (body += chunk));
      res.on('end', () => resolveStatus({ status: res.statusCode, body, csp: res.headers['content-security-policy'] }));
    });
    req.on('error', reject);
    req.end();
  });
}

const failures = [];
try {
  const demo = await get('/demo/');
  if (demo.status !== 200 || !demo.body.includes('ltc-kit.js')) failures.push(`/demo/ gave ${demo.status}, expected the demo page`);
  if (!demo.csp?.includes("script-src 'self'")) failures.push('/demo/ has no strict CSP header');
  if ((await get('/')).status !== 302) failures.push('/ does not redirect to /demo/');
  const css = await get('/demo/site.css');
  if (css.status !== 200) failures.push(`/demo/site.css gave ${css.status}`);
  for (const path of [
    '/.git/config',
    '/.git/HEAD',
    '/package.json',
    '/src/index.ts',
    '/node_modules/lit/package.json',
    `/../${siblingName}/secret.txt`,
    `/demo/..%2f..%2f${siblingName}/secret.txt`,
    '/.git',
    `/%2e%2e/${siblingName}/secret.txt`,
    `/demo/%2e%2e/%2e%2e/${siblingName}/secret.txt`,
    '/demo/..%2f..%2fpackage.json',
    '/demo/%2e%2e%2fpackage.json',
    '/demo/..%5c..%5cpackage.json',
    '/dist/%2e%2e/package.json',
    '/demo/.hidden',
    '/demo/%00',
    '/demo/%E0%A4%A',
  ]) {
    const { status, body } = await get(path);
    if (status !== 403 && status !== 404 && status !== 400) failures.push(`${path} gave ${status}, expected 403/404`);
    if (body.includes('TOP-SECRET-CONTENT') || body.includes('"devDependencies"') || body.includes('[core]')) failures.push(`${path} leaked a file`);
  }
} finally {
  server.kill();
  rmSync(sibling, { recursive: true, force: true });
}
if (failures.length) {
  console.error(`demo server: ${failures.length} problem(s)\n  ${failures.join('\n  ')}`);
  process.exit(1);
}
console.log('demo server: serves the demo, refuses .git, package.json, siblings, traversal and dotfiles');
