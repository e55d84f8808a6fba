// Budget guard (../shared/ARCHITECTURE.md): the script-tag bundle must stay within 90 kB
// gzip. Runs after the build in `npm test`, so CI fails when a change goes over. The
// designer (field and formula editors), loaded on demand, is reported beside it.
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

const BUDGET_KB = 90;
// zlib's default level (as vite reports it and most servers send it), in kB of 1,000 bytes.
const kb = (file) => gzipSync(readFileSync(file)).length / 1000;
const main = kb('dist/ltc-kit.js');
const designer = kb('dist/ltc-kit-designer.js');
if (main > BUDGET_KB) {
  console.error(`dist/ltc-kit.js is ${main.toFixed(1)} kB gzip, over the ${BUDGET_KB} kB budget. Load heavy parts lazily (docs/performance.md).`);
  process.exit(1);
}
console.log(`bundle size: dist/ltc-kit.js ${main.toFixed(1)} kB gzip (budget ${BUDGET_KB} kB); designer, loaded on demand: ${designer.toFixed(1)} kB`);
