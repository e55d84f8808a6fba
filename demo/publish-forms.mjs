// Publishes the demo shop's lead-capture form: the customer-ltv template's own lead-capture form of
// its customer table, as demo/forms/lead-capture.form.json,
// the file the shop page (demo/shop.html) renders and the demo server checks submissions
// against. Run after `npm run build` (it uses dist/ltc-kit-core.es.js):
//   node demo/publish-forms.mjs          write the file
//   node demo/publish-forms.mjs --check  exit 1 when the committed file is out of date
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** The workspace the shop's leads go to (demo/index.html: `<ltc-app app-id="fruit-shop">`). */
export const DEMO_APP_ID = 'fruit-shop';

/** The customer table's form the shop page shows (the template's own lead-capture form). */
export const LEAD_FORM_ID = 'lead-capture';

const root = new URL('..', import.meta.url);
const target = new URL('demo/forms/lead-capture.form.json', root);

/** The published file, as demo/forms/lead-capture.form.json holds it. */
export async function leadFormFile() {
  const { publishForm } = await import(new URL('dist/ltc-kit-core.es.js', root).href);
  const template = JSON.parse(readFileSync(new URL('templates/customer-ltv.json', root), 'utf8'));
  const app = {
    id: DEMO_APP_ID,
    name: template.name,
    version: 1,
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    tables: template.tables,
  };
  const { file, issues } = publishForm(app, 'customers', LEAD_FORM_ID, new Date('2026-12-01T00:00:00.000Z'));
  if (issues.length > 0) throw new Error(`the lead form leaves fields out: ${issues.map((i) => i.message).join('; ')}`);
  return `${JSON.stringify(file, null, 2)}\n`;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const text = await leadFormFile();
  if (process.argv.includes('--check')) {
    if (readFileSync(target, 'utf8') !== text) {
      console.error('demo/forms/lead-capture.form.json is out of date: run node demo/publish-forms.mjs');
      process.exit(1);
    }
    console.log('demo/forms/lead-capture.form.json is up to date');
  } else {
    writeFileSync(target, text);
    console.log(`wrote ${fileURLToPath(target)}`);
  }
}
