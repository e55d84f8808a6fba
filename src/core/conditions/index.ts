/**
 * Conditions: the model (groups of field conditions, the operators per kind of field), its
 * JSON Logic, and running it or a quick search over records in memory. See docs/conditions.md.
 */
export * from './model.js';
export * from './match.js';
export { TODAY_VAR, conditionData, dayOf, shiftDay, normaliseText, localDay, type ValueOf } from './ops.js';
