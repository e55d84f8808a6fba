// Builds the script-tag bundle (IIFE, `window.LtcKit`) and the ES module from src/embed.ts,
// and copies the built-in templates and the function reference texts beside them: they are
// fetched lazily from the script's own folder (src/runtime/assets.ts), so they add nothing
// to the script's weight.
import { defineConfig, type Plugin } from 'vite';
import { transform } from 'esbuild';
import { cpSync, mkdirSync } from 'node:fs';

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
      const result = await transform(code, { loader: 'ts', target: 'es2022', sourcemap: true, sourcefile: id });
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

export default defineConfig({
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
  esbuild: {
    // Lit's dev-mode warnings are compiled out of production builds.
    legalComments: 'none',
  },
});
