// Budget guard (../shared/ARCHITECTURE.md): the script-tag bundle, whole builder, must stay
// within 90 KB gzip. Runs after the build in `npm test`, so CI fails when a change goes over.
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

const BUDGET_KB = 90;
// zlib's default level (6), as vite reports it and most servers send it (stricter than -9).
// Measured in kB of 1,000 bytes (the stricter reading of the budget, and vite's unit).
const kb = gzipSync(readFileSync('dist/ltc-kit.js')).length / 1000;
if (kb > BUDGET_KB) {
  console.error(`dist/ltc-kit.js is ${kb.toFixed(1)} KB gzip, over the ${BUDGET_KB} KB budget. Load heavy parts lazily (docs/performance.md).`);
  process.exit(1);
}
console.log(`bundle size: dist/ltc-kit.js ${kb.toFixed(1)} KB gzip (budget ${BUDGET_KB} KB)`);
