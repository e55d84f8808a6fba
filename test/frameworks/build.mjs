// Builds the framework example pages (examples/react, examples/vue) for
// test/frameworks/frameworks.test.ts, as a site's own bundler would: React's JSX, Vue with
// its template compiler, and `ltc-kit` left as an import of the package's built ES entry
// (dist/ltc-kit.es.js, served beside its designer chunk and templates). Run after the build;
// the output (test/frameworks/build/, not shipped) is what the test page imports.
import { build } from 'esbuild';

/** `import 'ltc-kit'` → the built package entry, loaded by the page from /dist/. */
const ltcKitFromDist = {
  name: 'ltc-kit-from-dist',
  setup(context) {
    context.onResolve({ filter: /^ltc-kit$/ }, () => ({ path: '/dist/ltc-kit.es.js', external: true }));
  },
};

await build({
  entryPoints: { 'crm-react': 'examples/react/crm-page.jsx', 'crm-vue': 'examples/vue/crm-page.js' },
  outdir: 'test/frameworks/build',
  bundle: true,
  format: 'esm',
  target: 'es2022',
  jsx: 'automatic',
  // Vue's full build compiles the page's template in the browser (an SFC build would precompile it).
  alias: { vue: 'vue/dist/vue.esm-bundler.js' },
  define: {
    'process.env.NODE_ENV': '"development"',
    __VUE_OPTIONS_API__: 'true',
    __VUE_PROD_DEVTOOLS__: 'false',
    __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: 'false',
  },
  plugins: [ltcKitFromDist],
  logLevel: 'warning',
});
console.log('framework examples: test/frameworks/build/crm-react.js, crm-vue.js');
