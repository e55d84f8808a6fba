/**
 * What the main script shares with the lazily loaded designer script
 * (dist/ltc-kit-designer.js): the exact module instances the designer imports, so both
 * bundles run on one Lit, one set of contexts (Symbol keys), one widget registry and one
 * copy of the core. Exposed as `window.LtcKit.__host`; vite.config.ts (`DESIGNER_HOST`) maps
 * each module the designer imports to its key here — keep the two lists in step (the
 * designer build fails on an import that is missing there).
 * @internal
 */
import { LitElement, css, html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import { repeat } from 'lit/directives/repeat.js';
import { consume } from '@lit/context';
import * as formula from './core/formula/index.js';
import * as formulaAst from './core/formula/ast.js';
import * as formulaFunctions from './core/formula/functions.js';
import * as formulaScope from './core/formula/scope.js';
import * as formulaParser from './core/formula/parser.js';
import * as ids from './core/ids.js';
import * as fields from './core/fields/index.js';
import * as storeTypes from './store/types.js';
import * as derived from './runtime/derived.js';
import * as assets from './runtime/assets.js';
import * as i18n from './i18n/index.js';
import * as widgetRegistry from '../widgets/registry.js';
import * as widgetFormula from '../widgets/formula.js';
import * as context from './elements/context.js';
import * as styles from './elements/styles.js';
import * as fieldsDefine from './core/fields/define.js';
import * as fieldValues from './core/fields/values.js';
import * as schemaMessages from './core/schema/messages.js';
import * as buildExport from './core/schema/build-export.js';
import * as storeController from './elements/store-controller.js';
import * as conditionsMatch from './core/conditions/match.js';
import * as conditionsOps from './core/conditions/ops.js';
import * as timeZoned from './core/time/zoned.js';
import * as loadDesigner from './elements/load-designer.js';

export const designerHost: Record<string, object> = {
  lit: { LitElement, css, html, nothing },
  litDecorators: { property, state },
  litLive: { live },
  litRepeat: { repeat },
  litContext: { consume },
  formula,
  formulaAst,
  formulaFunctions,
  formulaScope,
  formulaParser,
  ids,
  fields,
  storeTypes,
  derived,
  assets,
  i18n,
  widgetRegistry,
  widgetFormula,
  context,
  styles,
  fieldsDefine,
  fieldValues,
  schemaMessages,
  buildExport,
  storeController,
  conditionsMatch,
  conditionsOps,
  timeZoned,
  loadDesigner,
};
