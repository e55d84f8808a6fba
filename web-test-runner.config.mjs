// @web/test-runner setup: TypeScript through esbuild, Debian's Chromium through Playwright
// (never a downloaded browser), and a tiny plugin that lets the browser import json-logic-js
// (a UMD file with no ES export) — see ../shared/TOOLCHAIN.md.
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { playwrightLauncher } from '@web/test-runner-playwright';
import { defaultReporter } from '@web/test-runner';
import { countReporter } from './test/count-reporter.mjs';
import { jsonAsEsm, umdAsEsm } from './test/umd-as-esm.mjs';

const executablePath = process.env.CHROME_PATH || '/usr/bin/chromium';

const files = process.env.LTC_TEST_FILES || 'test/**/*.test.ts';

/**
 * The demo server's form endpoint and inbox (demo/serve.mjs) under /api/, submissions in
 * memory: the published-form tests run the shop-to-workspace loop against it. Created on the
 * first /api/ request (it checks submissions with the built core, dist/ltc-kit-core.es.js).
 */
let formsApi;
async function demoFormsApi(ctx, next) {
  if (!ctx.path.startsWith('/api/')) return next();
  formsApi ??= import('./demo/serve.mjs').then((demo) => demo.createFormsApi());
  ctx.respond = false;
  await (await formsApi)(ctx.req, ctx.res, new URL(ctx.url, 'http://localhost'));
}

export default {
  files,
  nodeResolve: true,
  concurrency: 1,
  middleware: [demoFormsApi],
  reporters: [defaultReporter(), countReporter()],
  testsFinishTimeout: 10 * 60 * 1000,
  testFramework: { config: { timeout: 60000 } },
  plugins: [umdAsEsm(), jsonAsEsm(), esbuildPlugin({ ts: true, target: 'es2022', tsconfig: './tsconfig.json' })],
  browsers: [
    playwrightLauncher({
      product: 'chromium',
      launchOptions: {
        executablePath,
        args: [
          '--no-sandbox',
          '--disable-gpu',
          '--disable-quic',
          '--no-first-run',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
        ],
      },
    }),
  ],
};
