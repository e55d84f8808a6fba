// Serves the demo shop site and the built script (dist/) from the repository root, with a
// strict Content-Security-Policy header, the way a careful site owner would host it.
// Usage: node demo/serve.mjs [port]   (default 5173; PORT env also works; 0 = any free port)
//
// Only what the demo needs is served: the folders in SERVED (demo/, dist/, templates/).
// Everything else — the repository's own files (/package.json, /.git/), sibling folders whose
// names merely begin like the root's, dotfiles, traversal in any encoding — is refused.
import { createServer } from 'node:http';
import { readFile, realpath, stat } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';
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

/** The demo's HTTP server (not yet listening). */
export function createDemoServer(base = root) {
  return createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
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
}

// Run as a program (not when imported by test/node/demo-server.mjs).
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const port = Number(process.argv[2] ?? process.env.PORT ?? 5173);
  const server = createDemoServer();
  server.listen(port, '127.0.0.1', () => {
    const address = server.address();
    console.log(`ltc-kit demo: http://localhost:${address.port}/demo/  (serving ${SERVED.join('/, ')}/ of ${root}, strict CSP)`);
  });
}
