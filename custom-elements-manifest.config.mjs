/**
 * The custom-elements manifest (custom-elements.json, shipped in the package and named by
 * package.json "customElements"): IDEs, framework wrappers and docs read the elements' tags,
 * attributes, properties, events, parts and CSS properties from it. `npm run build` writes it
 * with @custom-elements-manifest/analyzer; test/node/manifest.mjs checks it.
 *
 * ltc-kit documents an element in the doc comment at the top of its module (the project's
 * convention), not above the class, and its modules never define themselves (src/define.ts and
 * src/designer.ts do). So one plugin here reads that header — `@tag`, `@summary`, `@attr`,
 * `@property`, `@event`, `@csspart`, `@cssproperty`, `@slot` — into the element's declaration,
 * falling back to the entry points' `define` calls for the tag name; the analyzer contributes the
 * Lit properties, their attributes and the events dispatched with `new CustomEvent('…')`.
 * A second plugin keeps the manifest to the public surface: element modules only, no private,
 * protected or static members.
 */
import { readFileSync, readdirSync } from 'node:fs';

/** `@tag text` lines of a doc comment, continuation lines joined, with the prose before them. */
function parseDocComment(comment) {
  const lines = comment
    .replace(/^\/\*\*/, '')
    .replace(/\*\/$/, '')
    .split('\n')
    .map((line) => line.replace(/^\s*\* ?/, ''));
  const prose = [];
  const tags = [];
  for (const line of lines) {
    const tag = /^@(\w+)\s*(.*)$/.exec(line.trim());
    if (tag) tags.push({ tag: tag[1], text: tag[2] });
    else if (tags.length && line.trim()) tags[tags.length - 1].text += ` ${line.trim()}`;
    else if (!tags.length) prose.push(line);
  }
  return { description: prose.join('\n').trim(), tags };
}

/** `name - description` (several names may share one description: `a, b - forwarded`). */
function namedEntries(text) {
  const [names, ...rest] = text.split(/\s+-\s+/);
  const description = rest.join(' - ').trim();
  return names
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean)
    .map((name) => (description ? { name, description } : { name }));
}

/**
 * Add entries to a list by name. The header fills what the analyzer did not find: a
 * property's own doc comment stays its attribute's description.
 */
function mergeByName(list = [], entries, kind) {
  for (const entry of entries) {
    const existing = list.find((item) => item.name === entry.name);
    if (!existing) list.push(kind ? { kind, ...entry } : entry);
    else if (!existing.description && entry.description) existing.description = entry.description;
  }
  return list;
}

/** Class name → tag, from the `customElements.define('ltc-…', Class)` calls and the define table of src/define.ts. */
function definedTags() {
  const tags = new Map();
  // The form runtime defines the published form under the workspace form's tag (docs/forms.md
  // "Publishing"): the manifest describes the workspace's.
  for (const file of readdirSync('src').filter((name) => name.endsWith('.ts') && name !== 'form-runtime.ts')) {
    const source = readFileSync(`src/${file}`, 'utf8');
    for (const [, tag, className] of source.matchAll(/['"](ltc-[a-z0-9-]+)['"]\s*,\s*([A-Z]\w*)/g)) tags.set(className, tag);
  }
  return tags;
}

/** Reads each element module's header doc comment into its element declaration. */
function moduleHeaderDocs() {
  const headers = new Map();
  return {
    name: 'ltc-module-header-docs',
    analyzePhase({ ts, node, moduleDoc }) {
      if (node.kind !== ts.SyntaxKind.SourceFile) return;
      const first = (ts.getLeadingCommentRanges(node.text, 0) ?? []).find((range) => node.text.startsWith('/**', range.pos));
      if (first) headers.set(moduleDoc.path, parseDocComment(node.text.slice(first.pos, first.end)));
    },
    // After the analyzer's own package link phase, which marks the custom elements.
    packageLinkPhase({ customElementsManifest }) {
      const tags = definedTags();
      for (const module of customElementsManifest.modules) {
        // A class the entry points define is an element, whatever it extends.
        for (const declaration of module.declarations ?? []) {
          if (declaration.kind !== 'class' || !tags.has(declaration.name)) continue;
          declaration.tagName ??= tags.get(declaration.name);
          declaration.customElement = true;
        }
        const elements = (module.declarations ?? []).filter((declaration) => declaration.customElement);
        const header = headers.get(module.path);
        for (const element of elements) {
          // A module's header describes its one element; with several, each documents itself.
          if (header && elements.length === 1) applyHeader(element, header);
        }
      }
    },
  };
}

function applyHeader(element, { description, tags }) {
  if (description && !element.description) element.description = description;
  for (const { tag, text } of tags) {
    if (tag === 'tag' || tag === 'tagname') element.tagName = text.trim();
    else if (tag === 'summary') element.summary = text.trim();
    else if (tag === 'event' || tag === 'fires') element.events = mergeByName(element.events, namedEntries(text));
    else if (tag === 'attr' || tag === 'attribute') element.attributes = mergeByName(element.attributes, namedEntries(text));
    else if (tag === 'csspart') element.cssParts = mergeByName(element.cssParts, namedEntries(text));
    else if (tag === 'cssproperty' || tag === 'cssprop') element.cssProperties = mergeByName(element.cssProperties, namedEntries(text));
    else if (tag === 'slot') element.slots = mergeByName(element.slots, namedEntries(text));
    else if (tag === 'property' || tag === 'prop') element.members = mergeByName(element.members, namedEntries(text), 'field');
  }
}

/** Keeps what a page can use: element modules, public instance members. */
function publicSurfaceOnly() {
  const isPublic = (member) => !member.static && member.privacy !== 'private' && member.privacy !== 'protected' && !member.name.startsWith('#');
  return {
    name: 'ltc-public-surface-only',
    packageLinkPhase({ customElementsManifest }) {
      customElementsManifest.modules = customElementsManifest.modules.filter((module) => module.declarations?.some((declaration) => declaration.customElement));
      for (const module of customElementsManifest.modules) {
        module.declarations = module.declarations.filter((declaration) => declaration.customElement);
        const names = new Set(module.declarations.map((declaration) => declaration.name));
        module.exports = (module.exports ?? []).filter((entry) => names.has(entry.declaration?.name));
        for (const element of module.declarations) element.members = (element.members ?? []).filter(isPublic);
      }
    },
  };
}

export default {
  globs: ['src/elements/**/*.ts', 'widgets/*.ts'],
  exclude: ['**/*.styles.ts'],
  outdir: '.',
  litelement: true,
  // package.json already names the file; the analyzer must not rewrite package.json.
  packagejson: false,
  plugins: [moduleHeaderDocs(), publicSurfaceOnly()],
};
