// Dev-server plugin: json-logic-js ships only a UMD file with no ES export, which the test
// runner's dev server would serve as-is. Wrap that one file so that
// `import jsonLogic from 'json-logic-js'` works in the browser (../shared/TOOLCHAIN.md).
export function umdAsEsm() {
  return {
    name: 'ltc-umd-as-esm',
    transform(context) {
      if (context.path.includes('/json-logic-js/logic.js')) {
        return {
          body: `const module = { exports: {} }; const exports = module.exports;\n${context.body}\nexport default module.exports;\n`,
        };
      }
      return undefined;
    },
  };
}
