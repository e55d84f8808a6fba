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

export default {
  files,
  nodeResolve: true,
  concurrency: 1,
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
