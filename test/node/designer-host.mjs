// The designer script takes what it shares with the main bundle from `window.LtcKit.__host`
// (src/designer-host.ts), which lists exact names per module so the script-tag bundle keeps
// nothing for the designer alone. A name the designer imports but the host does not list
// would be `undefined` at run time in the classic build: this check fails the test run first.
import { readFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';

const config = readFileSync('vite.config.ts', 'utf8');
const block = (name) => config.slice(config.indexOf(`const ${name}`), config.indexOf(name === 'DESIGNER_OWN' ? ']);' : '};', config.indexOf(`const ${name}`)));
const own = [...block('DESIGNER_OWN').matchAll(/'([^']+\.ts)'/g)].map((m) => m[1]);
const hostKeys = Object.fromEntries([...block('DESIGNER_HOST').matchAll(/'([^']+)': '([^']+)'/g)].map((m) => [m[1], m[2]]));
hostKeys.lit = 'lit';

const hostSource = readFileSync('src/designer-host.ts', 'utf8');
const provided = {};
for (const m of hostSource.slice(hostSource.indexOf('export const designerHost')).matchAll(/^  (\w+): \{ (.*) \},$/gm)) {
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
      if (!provided[hostKey]?.has(name)) missing.push(`${file}: ${name} from ${key} is not in designerHost.${hostKey} (src/designer-host.ts)`);
    }
  }
}
if (missing.length > 0) {
  console.error(`designer host: ${missing.length} missing\n${missing.join('\n')}`);
  process.exit(1);
}
console.log(`designer host: every name the designer imports from the main bundle is shared (${own.length} designer files)`);
