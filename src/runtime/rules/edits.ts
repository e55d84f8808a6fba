/**
 * Saving an app's rules (`AppDef.rules`) through the store: save a new or changed rule,
 * delete one, switch one on or off, reorder them. `<ltc-rule-editor>` calls these; they hold
 * the rules so any other UI (or a script) gets the same guarantees:
 * - a rule is checked with `checkRule` before it is stored (the same check templates and
 *   imports get), and refused with every problem's path and zh / en message;
 * - each edit is ONE `putApp` naming the app version it was based on, so a change made
 *   meanwhile in another tab is refused (`RuleEditError` `rules.stale`: "reload"), never
 *   overwritten;
 * - a rule keeps its id when it changes, and the engine keys every run by rule id, record
 *   and occurrence (a time trigger's occurrence is the date it is relative to, or its
 *   period), so changing a rule's trigger time or offset does not fire again what it already
 *   fired (tested in test/runtime/rule-edits.test.ts).
 * Loaded with the designer script (src/designer.ts).
 */
import { checkRule, type RuleDef, type RuleIssue } from '../../core/rules/model.js';
import { ruleIssueMessage } from '../../core/rules/messages.js';
import type { AppDef, Locale } from '../../core/schema/types.js';
import { StaleWriteError, type Store } from '../../store/types.js';
import { isTimeZone } from '../../core/time/zoned.js';
import { tr } from '../../i18n/rules-ui.js';

export type RuleEditErrorCode = 'rules.invalid' | 'rules.stale' | 'rules.unknownRule' | 'rules.order' | 'rules.timeZoneUnknown';

/** A problem of a refused rule: its path inside the rule (`trigger.at`, `actions[1].url`) and message. */
export interface RuleProblem {
  /** The path as `checkRule` gives it, within the app (`rules[2].trigger.at`). */
  path: string;
  /** The path within the rule (`trigger.at`; '' for the rule itself). */
  field: string;
  message: string;
  issue: RuleIssue;
}

/** A refused rule edit: a stable code, a translated message, and for a bad rule its problems. */
export class RuleEditError extends Error {
  override name = 'RuleEditError';
  constructor(
    readonly code: RuleEditErrorCode,
    message: string,
    readonly problems: readonly RuleProblem[] = [],
  ) {
    super(message);
  }
}

export interface RuleEditOptions {
  /** Language of error messages (default `en`). */
  locale?: Locale;
}

/** What a rule edit stored. */
export interface RuleEditResult {
  /** The stored app (its version incremented by the store). */
  app: AppDef;
  /** The rule as stored (undefined after a delete). */
  rule?: RuleDef;
}

/** The path of an issue within its rule: `rules[3].actions[0].url` → `actions[0].url`. */
export function issueField(path: string): string {
  return path.replace(/^rules\[\d+\]\.?/, '');
}

/**
 * Every problem of `rule` as it would be stored at `index` among the app's rules, with zh /
 * en messages: what the editor shows next to each control and what `saveRule` refuses.
 */
export function ruleProblems(app: Pick<AppDef, 'tables' | 'rules'>, rule: unknown, index: number, locale: Locale): RuleProblem[] {
  const otherIds = new Set((app.rules ?? []).filter((_, i) => i !== index).map((r) => r.id));
  return checkRule(rule, index, app, otherIds).map((issue) => ({ path: issue.path, field: issueField(issue.path), message: ruleIssueMessage(issue, locale), issue }));
}

function rulesOf(app: AppDef): RuleDef[] {
  return [...(app.rules ?? [])];
}

function indexOf(app: AppDef, ruleId: string, locale: Locale): number {
  const index = rulesOf(app).findIndex((rule) => rule.id === ruleId);
  if (index < 0) throw new RuleEditError('rules.unknownRule', tr(locale, 'rules.unknownRule', { id: ruleId }));
  return index;
}

function refuseProblems(problems: RuleProblem[]): void {
  if (problems.length === 0) return;
  throw new RuleEditError('rules.invalid', problems.map((p) => (p.field ? `${p.field}: ${p.message}` : p.message)).join('\n'), problems);
}

/** One versioned write of the app with `rules`, a stale write turned into `rules.stale`. */
async function storeRules(store: Store, app: AppDef, rules: RuleDef[], locale: Locale): Promise<AppDef> {
  try {
    return await store.putApp({ ...app, rules }, app.version);
  } catch (error) {
    if (error instanceof StaleWriteError) throw new RuleEditError('rules.stale', tr(locale, 'rules.stale'));
    throw error;
  }
}

/**
 * Sets the app's time zone (an IANA name; `undefined`: the browser's), which time triggers
 * and stages count days in. One versioned `putApp`.
 * @throws RuleEditError (`rules.timeZoneUnknown`, `rules.stale`)
 */
export async function setAppTimeZone(store: Store, app: AppDef, timeZone: string | undefined, options: RuleEditOptions = {}): Promise<RuleEditResult> {
  const locale = options.locale ?? 'en';
  if (timeZone !== undefined && !isTimeZone(timeZone)) throw new RuleEditError('rules.timeZoneUnknown', tr(locale, 'rules.timeZoneUnknown', { zone: timeZone }));
  const { timeZone: _old, ...rest } = app;
  try {
    return { app: await store.putApp(timeZone === undefined ? rest : { ...rest, timeZone }, app.version) };
  } catch (error) {
    if (error instanceof StaleWriteError) throw new RuleEditError('rules.stale', tr(locale, 'rules.stale'));
    throw error;
  }
}

/**
 * Stores `rule` in place of the app's rule with the same id, or at the end when it is new.
 * @throws RuleEditError (`rules.invalid` with the problems, `rules.stale`)
 */
export async function saveRule(store: Store, app: AppDef, rule: RuleDef, options: RuleEditOptions = {}): Promise<RuleEditResult> {
  const locale = options.locale ?? 'en';
  const rules = rulesOf(app);
  const existing = rules.findIndex((r) => r.id === rule.id);
  const index = existing < 0 ? rules.length : existing;
  const saved = structuredClone(rule);
  refuseProblems(ruleProblems(app, saved, index, locale));
  rules[index] = saved;
  const next = await storeRules(store, app, rules, locale);
  return { app: next, rule: next.rules?.find((r) => r.id === saved.id) };
}

/**
 * Removes a rule. Its run log stays (the runs happened), and so do its cursor's records.
 * @throws RuleEditError (`rules.unknownRule`, `rules.stale`)
 */
export async function deleteRule(store: Store, app: AppDef, ruleId: string, options: RuleEditOptions = {}): Promise<RuleEditResult> {
  const locale = options.locale ?? 'en';
  const index = indexOf(app, ruleId, locale);
  return { app: await storeRules(store, app, rulesOf(app).filter((_, i) => i !== index), locale) };
}

/**
 * Switches a rule on or off. Switching on checks the rule first (a stored rule may have
 * gone bad since, e.g. a field it uses was deleted).
 * @throws RuleEditError (`rules.unknownRule`, `rules.invalid`, `rules.stale`)
 */
export async function setRuleEnabled(store: Store, app: AppDef, ruleId: string, enabled: boolean, options: RuleEditOptions = {}): Promise<RuleEditResult> {
  const locale = options.locale ?? 'en';
  const index = indexOf(app, ruleId, locale);
  const rules = rulesOf(app);
  const rule = { ...rules[index]!, enabled };
  if (enabled) refuseProblems(ruleProblems(app, rule, index, locale));
  rules[index] = rule;
  const next = await storeRules(store, app, rules, locale);
  return { app: next, rule: next.rules?.[index] };
}

/**
 * Puts the rules in the order of `ruleIds` (every rule exactly once). Rules run in this order
 * when one change triggers several.
 * @throws RuleEditError (`rules.order`, `rules.stale`)
 */
export async function reorderRules(store: Store, app: AppDef, ruleIds: readonly string[], options: RuleEditOptions = {}): Promise<RuleEditResult> {
  const locale = options.locale ?? 'en';
  const rules = rulesOf(app);
  const byId = new Map(rules.map((rule) => [rule.id, rule]));
  if (ruleIds.length !== rules.length || new Set(ruleIds).size !== ruleIds.length || !ruleIds.every((id) => byId.has(id))) {
    throw new RuleEditError('rules.order', tr(locale, 'rules.order'));
  }
  return { app: await storeRules(store, app, ruleIds.map((id) => byId.get(id)!), locale) };
}
