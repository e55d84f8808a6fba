/**
 * Keeps json-logic-js — the evaluator of record — in step with the project's evaluator:
 * every operation registered through `addOperation` (the formula functions `fx:*`, the
 * condition operations `ltc_*`, a site owner's own) is registered with json-logic-js too, so
 * `jsonLogic.apply` runs a compiled formula or a stored condition exactly as `applyLogic`
 * does. Imported for its effect by the core entry (src/core/index.ts) and by the tests; the
 * script-tag bundle, which never runs json-logic-js, leaves it out.
 */
import jsonLogic from 'json-logic-js';
import { mirrorOperations } from './index.js';

mirrorOperations((name, fn) => jsonLogic.add_operation(name, fn));
