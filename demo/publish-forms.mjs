// Publishes the demo shop's lead-capture form: the customer-ltv template's customer table with
// the form below (the template itself has no FormDef yet), as demo/forms/lead-capture.form.json,
// the file the shop page (demo/shop.html) renders and the demo server checks submissions
// against. Run after `npm run build` (it uses dist/ltc-kit-core.es.js):
//   node demo/publish-forms.mjs          write the file
//   node demo/publish-forms.mjs --check  exit 1 when the committed file is out of date
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** The workspace the shop's leads go to (demo/index.html: `<ltc-app app-id="fruit-shop">`). */
export const DEMO_APP_ID = 'fruit-shop';

/** The lead-capture form of the customers table. */
export const LEAD_FORM = {
  id: 'lead-capture',
  name: '会员登记',
  labels: { 'zh-CN': '会员登记', en: 'Join our members' },
  description: { text: '留下联系方式，领取新人优惠券。', labels: { en: 'Leave your details and get a welcome coupon.' } },
  items: [
    { id: 'h1', kind: 'heading', title: { text: '联系方式', labels: { en: 'How to reach you' } } },
    { id: 'f-name', kind: 'field', fieldId: 'name', required: true },
    {
      id: 'r1',
      kind: 'row',
      items: [
        { id: 'f-mobile', kind: 'field', fieldId: 'mobile', placeholder: { text: '11 位手机号', labels: { en: '11-digit mobile' } } },
        { id: 'f-email', kind: 'field', fieldId: 'email' },
      ],
    },
    { id: 'f-city', kind: 'field', fieldId: 'city' },
    { id: 'f-source', kind: 'field', fieldId: 'source', prefill: 'channel', readOnly: true, defaultValue: 'online' },
    { id: 'f-notes', kind: 'field', fieldId: 'notes', label: { text: '想对我们说', labels: { en: 'Anything to tell us?' } } },
  ],
  submitLabel: { text: '提交', labels: { en: 'Submit' } },
  thankYou: { title: { text: '谢谢！', labels: { en: 'Thank you!' } }, message: { text: '我们会尽快联系您。', labels: { en: 'We will be in touch soon.' } } },
};

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
    tables: template.tables.map((table) => (table.id === 'customers' ? { ...table, forms: [...(table.forms ?? []), LEAD_FORM] } : table)),
  };
  const { file, issues } = publishForm(app, 'customers', LEAD_FORM.id, new Date('2026-12-01T00:00:00.000Z'));
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
