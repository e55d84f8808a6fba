// Builds the script-tag bundle (IIFE, `window.LtcKit`) and the ES module from src/embed.ts,
// and copies the built-in templates and the function reference texts beside them: they are
// fetched lazily from the script's own folder (src/runtime/assets.ts), so they add nothing
// to the script's weight.
import { defineConfig, type Plugin } from 'vite';
import { transform } from 'esbuild';
import { cpSync, mkdirSync } from 'node:fs';

/**
 * Styles are written readably in `css` tagged templates; shipped, their comments and
 * indentation are dead weight (CSS counts in the bundle budget). Only static templates
 * (no `${…}`) are touched, and only whitespace next to `{ } ; :` and `,` is dropped, which
 * never changes what CSS means.
 */
export function minifyCssTemplate(body: string): string {
  return body
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/\s+/g, ' ')
    .replace(/\s*([{};,])\s*/g, '$1')
    .replace(/:\s+/g, ':')
    .trim();
}

/**
 * Lit elements use standard (TC39) decorators (`@property() accessor x`). Vite's own
 * transformer (oxc) only lowers legacy decorators, so TypeScript goes through esbuild,
 * which lowers standard decorators for an ES2022 target — the same transform the test
 * runner uses, so tests and bundles run the same code.
 */
function esbuildTypeScript(): Plugin {
  return {
    name: 'ltc-esbuild-ts',
    enforce: 'pre',
    async transform(code, id) {
      if (!/\.ts$/.test(id) || id.includes('node_modules')) return null;
      const source = code.replace(/\bcss`([^`$]*)`/g, (_whole, body: string) => `css\`${minifyCssTemplate(body)}\``);
      const result = await transform(source, { loader: 'ts', target: 'es2022', sourcemap: true, sourcefile: id });
      return { code: result.code, map: result.map };
    },
  };
}

function copyTemplates(): Plugin {
  return {
    name: 'ltc-copy-templates',
    apply: 'build',
    writeBundle(options) {
      const out = options.dir ?? 'dist';
      mkdirSync(`${out}/templates`, { recursive: true });
      cpSync('templates', `${out}/templates`, { recursive: true, filter: (src) => !src.endsWith('.mjs') });
      mkdirSync(`${out}/i18n`, { recursive: true });
      cpSync('src/i18n/function-docs.json', `${out}/i18n/function-docs.json`);
    },
  };
}

/** `vite build --mode core`: the framework-free core alone, as an ES module (Node or browser). */
const core = defineConfig({
  plugins: [esbuildTypeScript()],
  build: {
    target: 'es2022',
    outDir: 'dist',
    emptyOutDir: false,
    sourcemap: true,
    lib: { entry: 'src/core/index.ts', formats: ['es'], fileName: () => 'ltc-kit-core.es.js' },
  },
});

const embed = defineConfig({
  define: {
    // Assets (templates, function reference texts) sit beside the built script.
    __LTC_ASSET_BASE__: JSON.stringify('./'),
  },
  plugins: [esbuildTypeScript(), copyTemplates()],
  build: {
    target: 'es2022',
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
    rolldownOptions: {
      // The IIFE build has no import.meta; src/runtime/assets.ts falls back to currentScript.
      checks: { emptyImportMeta: false },
    },
    lib: {
      entry: 'src/embed.ts',
      name: 'LtcKit',
      formats: ['es', 'iife'],
      fileName: (format) => (format === 'es' ? 'ltc-kit.es.js' : 'ltc-kit.js'),
    },
  },
});

export default defineConfig(({ mode }) => (mode === 'core' ? core : embed));
