/**
 * The rule engine's pure parts (src/core: no DOM, no store): when time-based triggers fire,
 * A/B variant assignment, payload templates, and the rule model with its checks. The engine that runs rules over a store
 * builds on these (docs/rules.md).
 */
export * from './schedule.js';
export * from './variants.js';
export * from './template.js';
export * from './model.js';
export * from './messages.js';
export * from './plan.js';
export * from './outcomes.js';
export * from './library.js';
