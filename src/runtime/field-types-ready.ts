/**
 * `ensureFieldTypes(app, host?)`: makes sure every field type an app uses is registered
 * before its records are shown or written. The script-tag bundle carries the first fifteen
 * types only (it has no room for more); the facts and widgets of the others (rating, tags,
 * member tier, assignee, serial number, created / updated time, …) come with the designer
 * script (widgets/extra.ts), which it loads when the app needs one. Until then, and if the
 * load fails, those fields show as text.
 *
 * The function lives in src/elements/load-designer.ts, beside `loadDesigner`, which every
 * element that calls it imports already: a module of its own moved code in the script-tag
 * bundle (docs/performance.md, "Bundle").
 */
export { ensureFieldTypes } from '../elements/load-designer.js';
