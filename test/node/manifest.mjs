// custom-elements.json (written by `npm run build`, custom-elements-manifest.config.mjs) must
// describe every element a page can get, so IDEs and framework wrappers see the real API. The
// expectations come from the sources, not from the analyzer: the tags the entry points define,
// the Lit properties that have an attribute, the events each module dispatches, the parts it
// renders, and docs/events.md's "fired by" column. Run after the build.
import { readFileSync, readdirSync } from 'node:fs';

const manifest = JSON.parse(readFileSync('custom-elements.json', 'utf8'));
const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
const problems = [];
const fail = (message) => problems.push(message);

if (pkg.customElements !== 'custom-elements.json') fail('package.json: "customElements" must be "custom-elements.json"');
if (!pkg.files.includes('custom-elements.json')) fail('package.json: "files" must ship custom-elements.json');

/** Tag → class name, from the entry points' define calls and src/define.ts's table. */
const defined = new Map();
// src/form-runtime.ts defines the published form under the workspace form's tag: the workspace's is the one listed.
for (const file of readdirSync('src').filter((name) => name.endsWith('.ts') && name !== 'form-runtime.ts')) {
  const source = readFileSync(`src/${file}`, 'utf8');
  for (const [, tag, className] of source.matchAll(/['"](ltc-[a-z0-9-]+)['"]\s*,\s*([A-Z]\w*)\b/g)) defined.set(tag, className);
}
if (defined.size < 4) fail(`found only ${defined.size} defined elements in src/*.ts: the check itself is broken`);

const elements = new Map();
for (const module of manifest.modules) {
  for (const declaration of module.declarations ?? []) {
    if (declaration.customElement && declaration.tagName) elements.set(declaration.tagName, { ...declaration, path: module.path });
  }
}

/** The attribute names of a module's Lit properties (Lit's default: the lower-cased name). */
function sourceAttributes(source) {
  const names = [];
  for (const [, options, name] of source.matchAll(/@property\(([^)]*)\)\s*(?:@\w+\([^)]*\)\s*)*(?:override\s+)?accessor\s+(\w+)/g)) {
    if (/attribute:\s*false/.test(options)) continue;
    names.push(/attribute:\s*'([^']+)'/.exec(options)?.[1] ?? name.toLowerCase());
  }
  return names;
}

/** The event names a module dispatches itself (`emit(this, …)` or `dispatchEvent(new …Event('…'))`). */
function sourceEvents(source) {
  const names = new Set();
  for (const [, head] of source.matchAll(/\bemit\(this,([^{]*)/g)) for (const [, name] of head.matchAll(/'([a-z-]+)'/g)) names.add(name);
  for (const [, name] of source.matchAll(/this\.dispatchEvent\(\s*new (?:Custom)?Event(?:<[^>]*>)?\(\s*'([a-z-]+)'/g)) names.add(name);
  return names;
}

/** Static `part="…"` names a module renders (each attribute may name several parts). */
function sourceParts(source) {
  const names = new Set();
  for (const [, value] of source.matchAll(/\spart="([a-z -]+)"/g)) for (const name of value.split(/\s+/)) if (name) names.add(name);
  return names;
}

/** docs/events.md: event → the elements its "fired by" cell names. */
function documentedEvents() {
  const fired = new Map();
  for (const [, name, firedBy] of readFileSync('docs/events.md', 'utf8').matchAll(/^\| `(ltc-[a-z-]+)` \| ([^|]+) \|/gm)) {
    fired.set(name, [...firedBy.matchAll(/`<(ltc-[a-z-]+)>`/g)].map((m) => m[1]));
  }
  return fired;
}

for (const [tag, className] of defined) {
  const element = elements.get(tag);
  if (!element) {
    fail(`<${tag}> (${className}) is defined but missing from custom-elements.json`);
    continue;
  }
  if (element.name !== className) fail(`<${tag}>: manifest names class ${element.name}, the define call ${className}`);
  if (!element.summary) fail(`<${tag}>: no @summary in the header of ${element.path}`);
  if (!element.description) fail(`<${tag}>: no description (the header of ${element.path})`);
  const source = readFileSync(element.path, 'utf8');
  const attributes = new Set((element.attributes ?? []).map((attribute) => attribute.name));
  for (const name of sourceAttributes(source)) if (!attributes.has(name)) fail(`<${tag}>: attribute "${name}" of ${element.path} is not in the manifest`);
  for (const attribute of element.attributes ?? []) if (!attribute.description) fail(`<${tag}>: attribute "${attribute.name}" has no description`);
  const events = new Set((element.events ?? []).map((event) => event.name));
  for (const name of sourceEvents(source)) if (!events.has(name)) fail(`<${tag}>: event "${name}" dispatched in ${element.path} is not declared (@event)`);
  for (const event of element.events ?? []) if (!event.description) fail(`<${tag}>: event "${event.name}" has no description`);
  const parts = new Set((element.cssParts ?? []).map((part) => part.name));
  // An element rendering into its host's shadow root (no shadow root of its own) adds to the host's parts.
  const ownShadowRoot = !/createRenderRoot\(\)[^{]*\{\s*return this;/.test(source);
  if (ownShadowRoot) for (const name of sourceParts(source)) if (!parts.has(name)) fail(`<${tag}>: part "${name}" rendered in ${element.path} is not declared (@csspart)`);
  for (const member of element.members ?? []) {
    if (member.privacy === 'private' || member.static) fail(`<${tag}>: non-public member ${member.name} in the manifest`);
  }
}

for (const [event, firedBy] of documentedEvents()) {
  for (const tag of firedBy) {
    const element = elements.get(tag);
    if (element && !(element.events ?? []).some((declared) => declared.name === event)) fail(`docs/events.md: <${tag}> fires ${event}, but its manifest entry does not declare it`);
  }
}

// The embedding API the docs promise, spelled out.
const expect = (tag, kind, names) => {
  const have = new Set((elements.get(tag)?.[kind] ?? []).map((entry) => entry.name));
  for (const name of names) if (!have.has(name)) fail(`<${tag}>: ${kind} should include ${name}`);
};
expect('ltc-app', 'attributes', ['app-id', 'template', 'template-src', 'lang', 'sample-data']);
expect('ltc-app', 'events', ['ltc-app-ready', 'ltc-record-created', 'ltc-record-updated', 'ltc-record-deleted', 'ltc-form-submitted', 'ltc-error']);
expect('ltc-app', 'cssParts', ['header', 'nav', 'main', 'table', 'input']);
expect('ltc-app', 'cssProperties', ['--ltc-color-primary', '--ltc-radius', '--ltc-font-size']);
expect('ltc-form', 'attributes', ['table-id', 'record-id']);
expect('ltc-form', 'events', ['ltc-form-submitted', 'ltc-error']);
expect('ltc-relation-picker', 'attributes', ['value', 'label', 'locale']);
expect('ltc-relation-picker', 'events', ['change']);
expect('ltc-relation-picker', 'members', ['options', 'value']);
expect('ltc-multi-relation-picker', 'attributes', ['label', 'locale']);
expect('ltc-multi-relation-picker', 'events', ['change']);
expect('ltc-multi-relation-picker', 'members', ['options', 'values']);
expect('ltc-multi-relation-picker', 'cssParts', ['chips', 'chip', 'remove', 'input', 'listbox']);

if (problems.length) {
  console.error(`custom-elements.json: ${problems.length} problem(s)\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
console.log(`custom-elements.json: ${defined.size} elements, each with its attributes, events and parts`);
