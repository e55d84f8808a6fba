/**
 * Autocompletion for the formula editor: given the source, the cursor and the fields in
 * scope, what can be inserted at the cursor and which range it replaces.
 *
 * - Inside an open field reference (`{购`, `｛订单.`, `{客户名|}`) it offers the table's
 *   fields and, through relation fields, `关系.字段` paths, matched by substring against the
 *   name and the localized labels (so `{amount` finds 金额 when it is labelled "Amount").
 * - At an identifier (`SU|`) it offers functions (with their signature) and fields whose
 *   name matches, since typing a field name without braces is the commonest slip.
 *
 * Pure: no DOM, so the rules are unit-tested table by table and the element only renders.
 */
import type { AppDef, Locale, LocalizedLabels } from '../schema/types.js';
import { fieldReference } from './ast.js';
import { FUNCTIONS, type ArgKind, type FunctionDef } from './functions.js';
import { findByName, scopeForTable, type FormulaScope, type FormulaScopeField } from './scope.js';
import { fieldTypeOf, linksRecords } from '../fields/index.js';

/** A field as completion sees it: a scope field, optionally with its display labels. */
export interface CompletionField extends FormulaScopeField {
  labels?: LocalizedLabels;
  fields?: CompletionField[];
}

/** The fields completion offers; a FormulaScope works as is, labels add English/Chinese matching. */
export interface CompletionScope extends FormulaScope {
  fields: CompletionField[];
}

/**
 * The completion scope of a table: `scopeForTable` plus each field's localized labels, so
 * a Chinese-named field is found by its English label and the other way round.
 */
export function completionScopeForTable(app: AppDef, tableId: string): CompletionScope {
  const labelsOf = (tId: string, fieldId: string) => app.tables.find((t) => t.id === tId)?.fields.find((f) => f.id === fieldId)?.labels;
  const table = app.tables.find((t) => t.id === tableId);
  const scope = scopeForTable(app, tableId);
  // Archived fields (`FieldDef.archived`) are not offered; a formula naming one still compiles.
  const archived = (tId: string | undefined, fieldId: string) => app.tables.find((t) => t.id === tId)?.fields.find((f) => f.id === fieldId)?.archived === true;
  return {
    fields: scope.fields.filter((field) => !archived(tableId, field.id)).map((field): CompletionField => {
      const own = labelsOf(tableId, field.id);
      const out: CompletionField = own ? { ...field, labels: own } : { ...field };
      const target = table?.fields.find((f) => f.id === field.id)?.options?.table;
      if (field.fields && target !== undefined) {
        out.fields = field.fields.filter((g) => !archived(target, g.id)).map((g) => {
          const labels = labelsOf(target, g.id);
          return labels ? { ...g, labels } : g;
        });
      }
      return out;
    }),
  };
}

/** One suggestion. */
export interface CompletionItem {
  /** What the list shows: a field name, `关系.字段`, or a function name. */
  label: string;
  /** The text that replaces `source.slice(from, to)`. */
  insert: string;
  kind: 'field' | 'function' | 'relationField';
  /** A short explanation: the field's type and other-language label, or a function's signature. */
  detail: string;
}

/** Suggestions for one cursor position. */
export interface Completion {
  /** The range of the source the chosen item replaces. */
  from: number;
  to: number;
  /** Where the cursor is: in a field reference, at an identifier, or neither. */
  context: 'field' | 'identifier' | 'none';
  items: CompletionItem[];
}

/** Options of `completeFormula`. */
export interface CompleteOptions {
  /**
   * Asked for explicitly (Ctrl+Space): outside a reference or identifier, offer every field
   * and function at the cursor instead of nothing.
   */
  explicit?: boolean;
  /** Most items returned (default 50). */
  limit?: number;
}

const IDENT_START = /[\p{L}_]/u;
const IDENT_PART = /[\p{L}\p{N}_]/u;
const OPEN_BRACES = new Set(['{', '｛']);
const CLOSE_BRACES = new Set(['}', '｝']);

const KIND_NAMES: Record<ArgKind, Record<Locale, string>> = {
  number: { en: 'number', 'zh-CN': '数字' },
  text: { en: 'text', 'zh-CN': '文本' },
  date: { en: 'date', 'zh-CN': '日期' },
  logical: { en: 'condition', 'zh-CN': '条件' },
  any: { en: 'value', 'zh-CN': '值' },
  numbers: { en: 'numbers', 'zh-CN': '数字或一组值' },
  values: { en: 'values', 'zh-CN': '值或一组值' },
};


/**
 * A function's signature from its metadata, e.g. `ROUND(数字, [数字])` /
 * `SUM(numbers, …)`: optional arguments in brackets, a variadic tail as `…`.
 */
export function functionSignature(fn: FunctionDef, locale: Locale): string {
  const parts: string[] = [];
  const shown = Number.isFinite(fn.maxArgs) ? fn.maxArgs : Math.max(fn.args.length, fn.minArgs);
  for (let i = 0; i < shown; i++) {
    const kind = fn.args[Math.min(i, fn.args.length - 1)];
    if (kind === undefined) break;
    const name = KIND_NAMES[kind][locale];
    parts.push(i < fn.minArgs ? name : `[${name}]`);
  }
  if (!Number.isFinite(fn.maxArgs)) parts.push('…');
  return `${fn.name}(${parts.join(', ')})`;
}

/** The field type's name in the locale (custom types show their id). */
/** A field type as named in a suggestion's detail line: its palette label, in running text. */
function typeName(type: string, locale: Locale): string {
  const label = fieldTypeOf(type).labels[locale];
  return locale === 'en' ? label.toLowerCase() : label;
}

/** Labels other than the name itself, for matching and for the detail line. */
function otherLabels(field: CompletionField): string[] {
  const out: string[] = [];
  for (const label of Object.values(field.labels ?? {})) {
    if (label && label !== field.name && !out.includes(label)) out.push(label);
  }
  return out;
}

/** Where the cursor sits: inside `{…` (the brace's offset) or not; strings are skipped. */
function openBraceBefore(source: string, cursor: number): number | undefined {
  let brace: number | undefined;
  let quote: string | undefined;
  for (let i = 0; i < cursor; i++) {
    const c = source[i]!;
    if (brace !== undefined) {
      if (c === '\\') i++;
      else if (CLOSE_BRACES.has(c)) brace = undefined;
      continue;
    }
    if (quote !== undefined) {
      if (c === quote) {
        // A doubled "" is a quote inside "…" text, as the tokenizer reads it.
        if (quote === '"' && source[i + 1] === '"' && i + 1 < cursor) i++;
        else quote = undefined;
      }
      continue;
    }
    if (c === '"') quote = '"';
    else if (c === '“' || c === '”') quote = '”';
    else if (OPEN_BRACES.has(c)) brace = i;
  }
  return quote === undefined ? brace : undefined;
}

/** Removes the `\` escapes of a partly typed reference, so `{a\.b` matches the name `a.b`. */
function unescapeReference(text: string): string {
  return text.replace(/\\(.)/g, '$1');
}

/**
 * How well `query` matches: 0 name prefix, 1 label prefix, 2 name substring, 3 label
 * substring; undefined for no match. Case-insensitive; an empty query matches everything.
 */
function matchScore(query: string, name: string, labels: readonly string[]): number | undefined {
  const q = query.trim().toLowerCase();
  if (q === '') return 0;
  const n = name.toLowerCase();
  if (n.startsWith(q)) return 0;
  if (labels.some((l) => l.toLowerCase().startsWith(q))) return 1;
  if (n.includes(q)) return 2;
  if (labels.some((l) => l.toLowerCase().includes(q))) return 3;
  return undefined;
}

interface Ranked {
  item: CompletionItem;
  score: number;
  order: number;
}

/**
 * What a reference to `field` is written as in `locale`: its label in that language when the
 * label names this field and no other (names win over labels, see `findByName`) and is not
 * just the name with a unit added, else its name. So English completion inserts `{Average order value}`, which compiles to the same field.
 */
export function referenceName(field: FormulaScopeField, siblings: readonly FormulaScopeField[], locale: Locale): string {
  const label = field.labels?.[locale];
  // A label that only decorates the name (`购买频次（次/年）`) is not a better way to write it.
  if (!label || label.includes(field.name)) return field.name;
  return findByName(siblings, label) === field ? label : field.name;
}

function fieldItems(scope: CompletionScope, query: string, locale: Locale, start: number): Ranked[] {
  const out: Ranked[] = [];
  let order = start;
  for (const field of scope.fields) {
    const labels = otherLabels(field);
    const shown = referenceName(field, scope.fields, locale);
    // Matched against what is shown first, so `{Average` ranks "Average order value" as a prefix.
    const score = matchScore(query, shown, [field.name, ...labels]);
    if (score !== undefined) {
      const others = [field.name, ...labels].filter((l) => l !== shown);
      const detail = [typeName(field.type, locale), ...others.slice(0, 1)].join(' · ');
      out.push({ item: { label: shown, insert: fieldReference([shown]), kind: 'field', detail }, score, order: order++ });
    }
  }
  for (const relation of scope.fields) {
    if (!linksRecords(relation.type)) continue;
    const relationLabels = otherLabels(relation);
    const relationShown = referenceName(relation, scope.fields, locale);
    for (const target of relation.fields ?? []) {
      const targetShown = referenceName(target, relation.fields ?? [], locale);
      const shownPath = `${relationShown}.${targetShown}`;
      const path = `${relation.name}.${target.name}`;
      const labels = [
        path,
        ...relationLabels.flatMap((rl) => [`${rl}.${target.name}`, ...otherLabels(target).map((tl) => `${rl}.${tl}`)]),
        ...otherLabels(target).map((tl) => `${relation.name}.${tl}`),
        target.name,
        ...otherLabels(target),
      ];
      const score = matchScore(query, shownPath, labels);
      if (score === undefined) continue;
      const detail = `${relationShown} → ${typeName(target.type, locale)}`;
      // Listed after the table's own fields at the same quality of match.
      out.push({
        item: { label: shownPath, insert: fieldReference([relationShown, targetShown]), kind: 'relationField', detail },
        score: score + 0.5,
        order: order++,
      });
    }
  }
  return out;
}

function functionItems(query: string, locale: Locale, afterParen: boolean): Ranked[] {
  const q = query.toUpperCase();
  const out: Ranked[] = [];
  FUNCTIONS.forEach((fn, order) => {
    const score = q === '' || fn.name.startsWith(q) ? 0 : fn.name.includes(q) ? 2 : undefined;
    if (score === undefined) return;
    out.push({
      item: { label: fn.name, insert: afterParen ? fn.name : `${fn.name}(`, kind: 'function', detail: functionSignature(fn, locale) },
      score,
      order,
    });
  });
  return out;
}

function finish(ranked: Ranked[], limit: number): CompletionItem[] {
  return ranked
    .sort((a, b) => a.score - b.score || a.order - b.order)
    .slice(0, limit)
    .map((r) => r.item);
}

/**
 * Suggestions at `cursor` in `source`.
 *
 * Inside a field reference the range runs from the opening brace to the end of the
 * reference (its closing brace included when present), and items insert a complete
 * `{名称}`. At an identifier the range is the identifier; functions insert `NAME(` (or
 * `NAME` when a `(` already follows), fields insert `{名称}`. Elsewhere there is nothing to
 * complete unless `options.explicit` asks for everything.
 */
export function completeFormula(
  source: string,
  cursor: number,
  scope: CompletionScope,
  locale: Locale = 'en',
  options: CompleteOptions = {},
): Completion {
  const limit = options.limit ?? 50;
  const at = Math.max(0, Math.min(cursor, source.length));
  const brace = openBraceBefore(source, at);
  if (brace !== undefined) {
    const query = unescapeReference(source.slice(brace + 1, at));
    // The rest of the reference after the cursor is replaced too, up to its closing brace.
    let to = at;
    while (to < source.length && !CLOSE_BRACES.has(source[to]!) && !OPEN_BRACES.has(source[to]!) && source[to] !== '\n') {
      to += source[to] === '\\' ? 2 : 1;
    }
    to = Math.min(to, source.length);
    if (to < source.length && CLOSE_BRACES.has(source[to]!)) to++;
    else to = at;
    return { from: brace, to, context: 'field', items: finish(fieldItems(scope, query, locale, 0), limit) };
  }

  let from = at;
  while (from > 0 && IDENT_PART.test(source[from - 1]!)) from--;
  let to = at;
  while (to < source.length && IDENT_PART.test(source[to]!)) to++;
  const word = source.slice(from, to);
  const before = source[from - 1] ?? '';
  const insideString = isInsideString(source, at);
  if (word !== '' && IDENT_START.test(word[0]!) && before !== '.' && !insideString) {
    const query = source.slice(from, at);
    const afterParen = source[to] === '(';
    const ranked = [...functionItems(query, locale, afterParen), ...fieldItems(scope, query, locale, FUNCTIONS.length).map((r) => ({ ...r, score: r.score + 1 }))];
    return { from, to, context: 'identifier', items: finish(ranked, limit) };
  }
  if (options.explicit && !insideString) {
    const ranked = [...fieldItems(scope, '', locale, 0), ...functionItems('', locale, source[at] === '(').map((r) => ({ ...r, score: 1 }))];
    return { from: at, to: at, context: 'none', items: finish(ranked, Math.max(limit, 200)) };
  }
  return { from: at, to: at, context: 'none', items: [] };
}

/** Whether `cursor` is inside quoted text (outside any field reference). */
function isInsideString(source: string, cursor: number): boolean {
  let quote: string | undefined;
  let brace = false;
  for (let i = 0; i < cursor; i++) {
    const c = source[i]!;
    if (brace) {
      if (c === '\\') i++;
      else if (CLOSE_BRACES.has(c)) brace = false;
    } else if (quote !== undefined) {
      if (c === quote) {
        if (quote === '"' && source[i + 1] === '"' && i + 1 < cursor) i++;
        else quote = undefined;
      }
    } else if (c === '"') quote = '"';
    else if (c === '“' || c === '”') quote = '”';
    else if (OPEN_BRACES.has(c)) brace = true;
  }
  return quote !== undefined;
}

/**
 * Applies a completion: the new source and the cursor position after the inserted text.
 * Kept here so the element and the tests insert exactly the same way.
 */
export function applyCompletion(source: string, completion: Pick<Completion, 'from' | 'to'>, item: CompletionItem): { source: string; cursor: number } {
  const next = source.slice(0, completion.from) + item.insert + source.slice(completion.to);
  return { source: next, cursor: completion.from + item.insert.length };
}
