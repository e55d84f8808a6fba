// Builds the script-tag bundle (IIFE, `window.LtcKit`) and the ES module from src/embed.ts,
// and copies the built-in templates beside them: they are fetched lazily from the script's
// own folder, so they add nothing to the script's weight.
import { defineConfig, type Plugin } from 'vite';
import { cpSync, mkdirSync } from 'node:fs';

function copyTemplates(): Plugin {
  return {
    name: 'ltc-copy-templates',
    apply: 'build',
    writeBundle(options) {
      const dir = `${options.dir ?? 'dist'}/templates`;
      mkdirSync(dir, { recursive: true });
      cpSync('templates', dir, { recursive: true, filter: (src) => !src.endsWith('.mjs') });
    },
  };
}

export default defineConfig({
  define: {
    __LTC_TEMPLATE_BASE__: JSON.stringify('./templates/'),
  },
  plugins: [copyTemplates()],
  build: {
    target: 'es2022',
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
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
