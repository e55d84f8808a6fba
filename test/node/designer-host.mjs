// The designer script takes what it shares with the main bundle from `window.LtcKit.__host`
// (src/designer-host.ts), which lists exact names per module so the script-tag bundle keeps
// nothing for the designer alone. A name the designer imports but the host does not list
// would be `undefined` at run time in the classic build: this check fails the test run first.
// The form runtime's widget pack (src/form-widgets.ts) does the same with `window.LtcForm.__host`
// (src/form-runtime.ts, FORM_HOST / FORM_PACK_OWN in vite.config.ts): checked here too.
import { readFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';

const config = readFileSync('vite.config.ts', 'utf8');

/** The names each pack file imports from its host that the host object does not list. */
function check({ ownList, hostList, hostFile, hostExport, label }) {
  const block = (name) => config.slice(config.indexOf(`const ${name}`), config.indexOf(name === ownList ? ']);' : '};', config.indexOf(`const ${name}`)));
  const own = [...block(ownList).matchAll(/'([^']+\.ts)'/g)].map((m) => m[1]);
  const hostKeys = Object.fromEntries([...block(hostList).matchAll(/'([^']+)': '([^']+)'/g)].map((m) => [m[1], m[2]]));
  hostKeys.lit = 'lit';
  const hostSource = readFileSync(hostFile, 'utf8');
  const provided = {};
  for (const m of hostSource.slice(hostSource.indexOf(`export const ${hostExport}`)).matchAll(/^  (\w+): \{ (.*) \},$/gm)) {
    provided[m[1]] = new Set(m[2].split(', ').map((entry) => entry.split(':')[0].trim()));
  }
  const missing = [];
  for (const file of own) {
    const source = readFileSync(file, 'utf8');
    for (const m of source.matchAll(/^(?:import|export)\s+(type\s+)?(\*\s+as\s+\w+|\{[^}]*\})\s*from\s+'([^']+)';/gms)) {
      const [, typeOnly, what, spec] = m;
      if (typeOnly) continue;
      const key = spec.startsWith('.') ? relative('.', resolve(dirname(file), spec)).replace(/\.js$/, '.ts') : spec;
      const hostKey = hostKeys[key];
      if (!hostKey) continue;
      if (what.startsWith('*')) {
        missing.push(`${file}: imports all of ${key}; import names instead`);
        continue;
      }
      for (let name of what.slice(1, -1).split(',')) {
        name = name.trim();
        if (!name || name.startsWith('type ')) continue;
        name = name.split(/\s+as\s+/)[0].trim();
        if (!provided[hostKey]?.has(name)) missing.push(`${file}: ${name} from ${key} is not in ${hostExport}.${hostKey} (${hostFile})`);
      }
    }
  }
  if (missing.length > 0) {
    console.error(`${label}: ${missing.length} missing\n${missing.join('\n')}`);
    process.exit(1);
  }
  return own.length;
}

const designerFiles = check({ ownList: 'DESIGNER_OWN', hostList: 'DESIGNER_HOST', hostFile: 'src/designer-host.ts', hostExport: 'designerHost', label: 'designer host' });
const packFiles = check({ ownList: 'FORM_PACK_OWN', hostList: 'FORM_HOST', hostFile: 'src/form-runtime.ts', hostExport: '__host', label: 'form widget pack host' });
console.log(`designer host: every name the designer imports from the main bundle is shared (${designerFiles} designer files); the form widget pack's too (${packFiles} files)`);
