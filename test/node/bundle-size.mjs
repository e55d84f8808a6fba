// Budget guard (../shared/ARCHITECTURE.md): the script-tag bundle must stay within 90 kB
// gzip. Runs after the build in `npm test`, so CI fails when a change goes over. The
// designer (field and formula editors), loaded on demand, is reported beside it. The form
// runtime (dist/ltc-form.js, `<ltc-form src>` on public pages) has a budget of its own: 30 kB.
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

const BUDGET_KB = 90;
const FORM_BUDGET_KB = 30;
// zlib's default level (as vite reports it and most servers send it), in kB of 1,000 bytes.
const kb = (file) => gzipSync(readFileSync(file)).length / 1000;
const main = kb('dist/ltc-kit.js');
const designer = kb('dist/ltc-kit-designer.js');
const form = kb('dist/ltc-form.js');
if (main > BUDGET_KB) {
  console.error(`dist/ltc-kit.js is ${main.toFixed(1)} kB gzip, over the ${BUDGET_KB} kB budget. Load heavy parts lazily (docs/performance.md).`);
  process.exit(1);
}
if (form > FORM_BUDGET_KB) {
  console.error(`dist/ltc-form.js is ${form.toFixed(1)} kB gzip, over the ${FORM_BUDGET_KB} kB budget of the form runtime. Keep the designer, the table and the store out of it (docs/forms.md "Publishing").`);
  process.exit(1);
}
console.log(`form runtime: dist/ltc-form.js ${form.toFixed(2)} kB gzip (budget ${FORM_BUDGET_KB} kB)`);
console.log(`bundle size: dist/ltc-kit.js ${main.toFixed(1)} kB gzip (budget ${BUDGET_KB} kB); designer, loaded on demand: ${designer.toFixed(1)} kB`);
