/**
 * The formula language's operators and functions as one table of metadata rows (name,
 * argument count and kinds, result type, volatility, implementation), in the manner of
 * json-logic-js's `operations` and HyperFormula's function plugins. Every row is registered
 * once, on import, as a JSON Logic operation named `fx:<NAME>` through `addOperation`, so
 * compiled formulas are ordinary JSON Logic that `applyLogic` evaluates.
 *
 * Implementations receive evaluated arguments and return a value or a `CellError`; they
 * never throw and never return NaN or ±Infinity. Semantics follow Excel (see
 * docs/formulas.md), with the deliberate differences documented there.
 */
import { addOperation, type Specializer } from '../logic/index.js';
import { formatText, roundDecimal } from './text-format.js';
import {
  CellError,
  MAX_FORMULA_TEXT_LENGTH,
  civilFromSerial,
  daysInMonth,
  err,
  isBlank,
  parseDateText,
  parseNumberText,
  round15,
  serialFromInstant,
  serialFromParts,
  serialToDateValue,
  serialToText,
  toBoolean,
  toDate,
  toNumber,
  textTooLong,
  toText,
} from './values.js';

/** Static value types the type checker works with. */
export type ScalarType = 'number' | 'money' | 'percent' | 'text' | 'boolean' | 'date' | 'any' | 'blank';

/**
 * How a function reads an argument:
 * number / text / date / logical: one value of that kind (coerced at run time);
 * any: one value of any kind; numbers: numbers or lists of numbers (aggregates, where a
 * field reference behaves like a spreadsheet range); values: anything including lists.
 */
export type ArgKind = 'number' | 'text' | 'date' | 'logical' | 'any' | 'numbers' | 'values';

/** One function of the language. */
export interface FunctionDef {
  /** Upper-case name as users type it (matched case-insensitively). */
  name: string;
  category: 'logic' | 'math' | 'text' | 'date';
  minArgs: number;
  /** `Infinity` for variadic functions. */
  maxArgs: number;
  /** Kind per position; the last one repeats for variadic functions. */
  args: ArgKind[];
  /** Result type, or a function of the argument types. */
  result: ScalarType | ((argTypes: ScalarType[]) => ScalarType);
  /** Positions of arguments that are possible results (IF's branches), for type unification. */
  branches?: (argCount: number) => number[];
  /** Depends on the clock: recomputed on every evaluation, never cached. */
  volatile?: boolean;
  /** The implementation; registered as the JSON Logic operation `fx:<name>`. */
  impl: (...args: never[]) => unknown;
  /** A compile-time fast path for some argument shapes (see `Specializer`); same results. */
  specialize?: Specializer;
}

/**
 * Evaluation context shared by volatile functions: the "now" of the current evaluation, as a
 * local serial (TODAY, NOW) and as given (lifecycle stages count days in the app's zone).
 */
export const evaluationContext: { nowSerial: number | undefined; now?: Date | string | number } = { nowSerial: undefined };

function nowSerial(): number {
  return evaluationContext.nowSerial ?? serialFromInstant(Date.now());
}

// ---------------------------------------------------------------------------------------
// Helpers

/** A finite number or #NUM!: the one guard that keeps NaN and Infinity out of results. */
function finite(n: number): number | CellError {
  return n - n === 0 ? n : err('#NUM!', 'numOverflow');
}

type Num = number | CellError;

function num(v: unknown): Num {
  return typeof v === 'number' ? v : toNumber(v);
}

/** Integer argument, truncated toward zero as Excel does for counts and digits. */
function int(v: unknown): Num {
  const n = num(v);
  return typeof n === 'number' ? Math.trunc(n) : n;
}

/**
 * Visits the numbers of aggregate arguments. Lists behave like spreadsheet ranges (text,
 * booleans and blanks are skipped); a value given directly is coerced (numeric text and
 * TRUE count). The first error met is returned.
 */
/** Numbers in a (possibly nested) list, without flattening it into a new array. */
function countNumbers(list: readonly unknown[]): number {
  let count = 0;
  for (let i = 0; i < list.length; i++) {
    const v: unknown = list[i];
    if (typeof v === 'number') count++;
    else if (Array.isArray(v)) count += countNumbers(v);
  }
  return count;
}

function eachNumber(args: readonly unknown[], visit: (n: number) => void): CellError | undefined {
  for (const a of args) {
    if (Array.isArray(a)) {
      const e = eachInRange(a, visit);
      if (e) return e;
    } else if (typeof a === 'number') visit(a);
    else if (a instanceof CellError) return a;
    else if (!isBlank(a)) {
      const n = toNumber(a);
      if (n instanceof CellError) return n;
      visit(n);
    }
  }
  return undefined;
}

function eachInRange(list: readonly unknown[], visit: (n: number) => void): CellError | undefined {
  for (const v of list) {
    if (typeof v === 'number') visit(v);
    else if (v instanceof CellError) return v;
    else if (Array.isArray(v)) {
      const e = eachInRange(v, visit);
      if (e) return e;
    }
  }
  return undefined;
}

/**
 * Excel's comparison: blank takes the other side's kind (0, "" or FALSE); numbers < text <
 * logicals; text is compared case-insensitively; numbers at 15 significant digits, so
 * 0.1 + 0.2 = 0.3 holds.
 */
function compare(a: unknown, b: unknown): number | CellError {
  if (a instanceof CellError) return a;
  if (b instanceof CellError) return b;
  if (Array.isArray(a) || Array.isArray(b)) return err('#VALUE!', 'listNotScalar');
  if (typeof a === 'number' && typeof b === 'number') {
    const x = round15(a);
    const y = round15(b);
    return x < y ? -1 : x > y ? 1 : 0;
  }
  const aBlank = isBlank(a);
  const bBlank = isBlank(b);
  if (aBlank && bBlank) return 0;
  const x = aBlank ? blankLike(b) : a;
  const y = bBlank ? blankLike(a) : b;
  const rx = rank(x);
  const ry = rank(y);
  if (rx !== ry) return rx < ry ? -1 : 1;
  if (typeof x === 'number' && typeof y === 'number') {
    const p = round15(x);
    const q = round15(y);
    return p < q ? -1 : p > q ? 1 : 0;
  }
  if (typeof x === 'string' && typeof y === 'string') {
    const p = x.toLowerCase();
    const q = y.toLowerCase();
    return p < q ? -1 : p > q ? 1 : 0;
  }
  return Number(x) - Number(y);
}

function blankLike(other: unknown): unknown {
  return typeof other === 'string' ? '' : typeof other === 'boolean' ? false : 0;
}

function rank(v: unknown): number {
  return typeof v === 'number' ? 0 : typeof v === 'string' ? 1 : 2;
}

function truncSerial(v: unknown): number | null | CellError {
  const d = toDate(v);
  return typeof d === 'number' ? Math.floor(d) : d;
}

// ---------------------------------------------------------------------------------------
// Operators and internal operations (not callable by name from formulas).

function add(a: unknown, b: unknown): unknown {
  if (typeof a === 'number' && typeof b === 'number') return finite(a + b);
  const x = num(a);
  if (x instanceof CellError) return x;
  const y = num(b);
  if (y instanceof CellError) return y;
  return finite(x + y);
}

function sub(a: unknown, b: unknown): unknown {
  if (typeof a === 'number' && typeof b === 'number') return finite(a - b);
  const x = num(a);
  if (x instanceof CellError) return x;
  const y = num(b);
  if (y instanceof CellError) return y;
  return finite(x - y);
}

function mul(a: unknown, b: unknown): unknown {
  if (typeof a === 'number' && typeof b === 'number') return finite(a * b);
  const x = num(a);
  if (x instanceof CellError) return x;
  const y = num(b);
  if (y instanceof CellError) return y;
  return finite(x * y);
}

function div(a: unknown, b: unknown): unknown {
  const x = num(a);
  if (x instanceof CellError) return x;
  const y = num(b);
  if (y instanceof CellError) return y;
  if (y === 0) return err('#DIV/0!', 'divZero');
  return finite(x / y);
}

function power(a: unknown, b: unknown): unknown {
  const x = num(a);
  if (x instanceof CellError) return x;
  const y = num(b);
  if (y instanceof CellError) return y;
  if (x === 0 && y === 0) return err('#NUM!', 'powerInvalid');
  if (x === 0 && y < 0) return err('#DIV/0!', 'divZero');
  if (x < 0 && !Number.isInteger(y)) return err('#NUM!', 'powerInvalid');
  return finite(x ** y);
}

/**
 * Internal operations the compiler emits around operators and field reads. Names are
 * prefixed `fx:` like the functions; none can be called from formula source.
 */
export const INTERNAL_OPERATIONS: Record<string, (...args: never[]) => unknown> = {
  ADD: add,
  SUB: sub,
  MUL: mul,
  DIV: div,
  POW: power,
  NEG: (a: unknown) => {
    const x = num(a);
    return x instanceof CellError ? x : x === 0 ? 0 : -x;
  },
  PCT: (a: unknown) => {
    const x = num(a);
    return x instanceof CellError ? x : x / 100;
  },
  EQ: (a: unknown, b: unknown) => {
    const c = compare(a, b);
    return c instanceof CellError ? c : c === 0;
  },
  NE: (a: unknown, b: unknown) => {
    const c = compare(a, b);
    return c instanceof CellError ? c : c !== 0;
  },
  LT: (a: unknown, b: unknown) => {
    const c = compare(a, b);
    return c instanceof CellError ? c : c < 0;
  },
  GT: (a: unknown, b: unknown) => {
    const c = compare(a, b);
    return c instanceof CellError ? c : c > 0;
  },
  LE: (a: unknown, b: unknown) => {
    const c = compare(a, b);
    return c instanceof CellError ? c : c <= 0;
  },
  GE: (a: unknown, b: unknown) => {
    const c = compare(a, b);
    return c instanceof CellError ? c : c >= 0;
  },
  /** `&`: text concatenation; numbers without float noise. */
  CAT: (a: unknown, b: unknown) => {
    const x = toText(a);
    if (x instanceof CellError) return x;
    const y = toText(b);
    if (y instanceof CellError) return y;
    return x.length + y.length > MAX_FORMULA_TEXT_LENGTH ? textTooLong() : x + y;
  },
  /**
   * A long flat chain `a + b - c …` or `a & b & …`: the first operand, then operation name
   * and operand pairs, folded left to right with the same operations the nested form uses
   * (so the result, errors included, is the same), without a logic tree as deep as the chain.
   */
  CHAIN: (...args: unknown[]) => {
    let acc = args[0];
    for (let i = 1; i + 1 < args.length; i += 2) {
      const step = CHAIN_STEPS[args[i] as string];
      if (!step) return err('#VALUE!', 'badArgument', { name: 'CHAIN', index: String(i + 1) });
      acc = step(acc, args[i + 1]);
    }
    return acc;
  },
  /** date + days (blank date stays blank). */
  DADD: (date: unknown, days: unknown) => {
    const d = toDate(date);
    if (d === null || d instanceof CellError) return d;
    const n = num(days);
    return n instanceof CellError ? n : finite(d + n);
  },
  /** date − days (blank date stays blank). */
  DMINUS: (date: unknown, days: unknown) => {
    const d = toDate(date);
    if (d === null || d instanceof CellError) return d;
    const n = num(days);
    return n instanceof CellError ? n : finite(d - n);
  },
  /** date − date in days (blank if either is blank). */
  DSUB: (a: unknown, b: unknown) => {
    const x = toDate(a);
    if (x === null || x instanceof CellError) return x;
    const y = toDate(b);
    if (y === null || y instanceof CellError) return y;
    return finite(x - y);
  },
  /** Reads a stored date (`YYYY-MM-DD` or ISO timestamp) as a serial. */
  D: (v: unknown) => toDate(v),
  /** A date serial as text (`YYYY-MM-DD`), for `&` and text functions. */
  DTEXT: (v: unknown) => {
    if (typeof v === 'number') return serialToText(v);
    return v === undefined ? null : v;
  },
  /** Output of a date-typed formula: a serial becomes `YYYY-MM-DD` or an ISO timestamp. */
  DATEOUT: (v: unknown) => {
    if (typeof v === 'number') return serialToDateValue(v);
    if (v === undefined || v === '') return null;
    if (typeof v === 'string') {
      const d = parseDateText(v);
      return d === undefined ? err('#VALUE!', 'notDate', { value: v }) : serialToDateValue(d);
    }
    return v;
  },
  /** Output of a number (or untyped) formula: 15 significant digits, never NaN/Infinity. */
  OUT: (v: unknown) => {
    if (typeof v === 'number') return v - v === 0 ? round15(v) : err('#NUM!', 'numOverflow');
    return v === undefined ? null : v;
  },
  /** A constant error value, e.g. `#REF!` for a reference to a deleted field. */
  ERR: (code: unknown, reason: unknown, name: unknown) =>
    new CellError(
      ERROR_CODES.has(code as string) ? (code as CellError['code']) : '#VALUE!',
      reason as CellError['reason'],
      { name: String(name) },
    ),
  /** Reads a field whose id cannot go through `var` (it contains a dot). */
  GET: function (this: unknown, id: unknown): unknown {
    const data = this as Record<string, unknown> | null | undefined;
    if (data === null || typeof data !== 'object' || typeof id !== 'string') return null;
    return Object.prototype.hasOwnProperty.call(data, id) ? data[id] : null;
  },
  /** A select field's choice id → its name. The choices travel as one JSON string (see compiler). */
  CHOICE: (v: unknown, choices: unknown) => choiceName(v, choices),
  /** A multiselect's ids → names. */
  CHOICES: (v: unknown, choices: unknown) => {
    if (Array.isArray(v)) return v.map((x) => choiceName(x, choices));
    return isBlank(v) ? [] : [choiceName(v, choices)];
  },
  /** `{关联}`: the related records' ids, as a list. */
  LINKS: (v: unknown) => links(v),
  /** `{关联.字段}` over a to-many relation: the field's values over the related records. */
  PLUCK: (rel: unknown, fieldId: unknown, relName: unknown, mode?: unknown, choices?: unknown) =>
    pluck(rel, fieldId, relName, mode, choices),
  /** `{关联.字段}` over a to-one relation: the related record's value, or blank. */
  LOOKUP: (rel: unknown, fieldId: unknown, relName: unknown, mode?: unknown, choices?: unknown) => {
    const list = pluck(rel, fieldId, relName, mode, choices);
    if (list instanceof CellError) return list;
    return list.length > 0 ? list[0] : null;
  },
};

const CHAIN_STEPS: Readonly<Record<string, (a: unknown, b: unknown) => unknown>> = {
  ADD: add,
  SUB: sub,
  MUL: mul,
  DIV: div,
  CAT: (a, b) => (INTERNAL_OPERATIONS.CAT as (a: unknown, b: unknown) => unknown)(a, b),
};

const ERROR_CODES = new Set(['#DIV/0!', '#VALUE!', '#REF!', '#NAME?', '#NUM!', '#N/A']);

const choiceCache = new Map<string, Map<string, string>>();

function choiceName(v: unknown, choices: unknown): unknown {
  if (typeof v !== 'string' || typeof choices !== 'string') return v;
  let map = choiceCache.get(choices);
  if (!map) {
    map = new Map();
    try {
      const pairs: unknown = JSON.parse(choices);
      if (Array.isArray(pairs)) for (const p of pairs) if (Array.isArray(p) && typeof p[0] === 'string') map.set(p[0], String(p[1]));
    } catch {
      // Stored logic is data; a damaged choice list shows the stored ids instead of throwing.
    }
    choiceCache.set(choices, map);
  }
  return map.get(v) ?? v;
}

/** The values object of a related record: a values object, or a RecordData-shaped `{ values }`. */
function recordValues(r: unknown): Record<string, unknown> | undefined {
  if (r === null || typeof r !== 'object' || Array.isArray(r)) return undefined;
  const values = (r as { values?: unknown }).values;
  if (values !== null && typeof values === 'object' && !Array.isArray(values) && typeof (r as { tableId?: unknown }).tableId === 'string') {
    return values as Record<string, unknown>;
  }
  return r as Record<string, unknown>;
}

function relatedList(rel: unknown): unknown[] {
  if (Array.isArray(rel)) return rel;
  return isBlank(rel) ? [] : [rel];
}

function links(rel: unknown): unknown[] {
  return relatedList(rel).map((r) => {
    if (r !== null && typeof r === 'object') {
      const id = (r as { id?: unknown }).id;
      return typeof id === 'string' ? id : true;
    }
    return r;
  });
}

function pluck(rel: unknown, fieldId: unknown, relName: unknown, mode: unknown, choices: unknown): unknown[] | CellError {
  const list = relatedList(rel);
  const key = fieldId as string;
  const out: unknown[] = new Array(list.length);
  for (let i = 0; i < list.length; i++) {
    const values = recordValues(list[i]);
    if (!values) return err('#REF!', 'relationNotLoaded', { name: String(relName) });
    let v = values[key];
    // A cell is never a function or a plain object: those can only come from the prototype.
    if (v === undefined || typeof v === 'function' || (typeof v === 'object' && v !== null && !Array.isArray(v))) v = null;
    if (mode === 'd') v = toDate(v);
    else if (mode === 'c') v = Array.isArray(v) ? v.map((x) => choiceName(x, choices)) : choiceName(v, choices);
    out[i] = v;
  }
  return out;
}

// ---------------------------------------------------------------------------------------
// Result type helpers

const NUMERIC = new Set<ScalarType>(['number', 'money', 'percent']);

/**
 * The common numeric flavour of several values (IF's branches, SUM's or MAX's arguments):
 * money if every numeric input is money or a plain number, and so on — a plain number such
 * as the 0 in `IF({订单数}=0, 0, AVERAGE({订单.金额}))` does not turn an amount into a plain
 * number. Money mixed with a percentage is a plain number.
 */
export function numericResult(types: ScalarType[]): ScalarType {
  const flavours = types.filter((t) => NUMERIC.has(t) && t !== 'number');
  if (flavours.length > 0 && flavours.every((t) => t === flavours[0])) return flavours[0]!;
  return 'number';
}

function firstNumeric(types: ScalarType[]): ScalarType {
  const t = types[0];
  return t !== undefined && NUMERIC.has(t) ? t : 'number';
}

function dateOrNumeric(types: ScalarType[]): ScalarType {
  const relevant = types.filter((t) => t !== 'blank' && t !== 'any');
  if (relevant.length > 0 && relevant.every((t) => t === 'date')) return 'date';
  return numericResult(types);
}

// ---------------------------------------------------------------------------------------
// The function table

function roundFn(mode: 'half' | 'up' | 'down') {
  return (x: unknown, digits: unknown = 0): unknown => {
    const n = num(x);
    if (n instanceof CellError) return n;
    const d = int(digits);
    if (d instanceof CellError) return d;
    return finite(roundDecimal(n, d, mode));
  };
}

function andOr(name: 'AND' | 'OR', isAnd: boolean) {
  return (...args: unknown[]): unknown => {
    let seen = false;
    let acc = isAnd;
    const take = (b: boolean) => {
      seen = true;
      acc = isAnd ? acc && b : acc || b;
    };
    for (const a of args) {
      if (Array.isArray(a)) {
        for (const v of a.flat()) {
          if (v instanceof CellError) return v;
          if (typeof v === 'boolean') take(v);
          else if (typeof v === 'number') take(v !== 0);
        }
      } else if (!isBlank(a)) {
        const b = toBoolean(a);
        if (b instanceof CellError) return b;
        take(b);
      }
    }
    return seen ? acc : err('#VALUE!', 'noLogical', { name });
  };
}

/** Case mapping can lengthen text (ß → SS); the bound applies to the result. */
function bounded(t: string): string | CellError {
  return t.length > MAX_FORMULA_TEXT_LENGTH ? textTooLong() : t;
}

function textArg(v: unknown): string | CellError {
  return typeof v === 'string' ? v : toText(v);
}

function dateFn(pick: (p: { y: number; m: number; d: number }) => number) {
  return (v: unknown): unknown => {
    const d = truncSerial(v);
    if (d === null || d instanceof CellError) return d;
    return pick(civilFromSerial(d));
  };
}

/** Day of week with 0 = Sunday. 1970-01-01 (serial 25569) was a Thursday. */
function dayOfWeek(serial: number): number {
  return (((serial - 25569 + 4) % 7) + 7) % 7;
}

function datedif(start: unknown, end: unknown, unit: unknown): unknown {
  const s = truncSerial(start);
  if (s === null || s instanceof CellError) return s;
  const e = truncSerial(end);
  if (e === null || e instanceof CellError) return e;
  const u = textArg(unit);
  if (u instanceof CellError) return u;
  if (s > e) return err('#NUM!', 'startAfterEnd');
  const a = civilFromSerial(s);
  const b = civilFromSerial(e);
  let months = (b.y - a.y) * 12 + (b.m - a.m);
  if (b.d < a.d) months -= 1;
  switch (u.trim().toUpperCase()) {
    case 'D':
      return e - s;
    case 'M':
      return months;
    case 'Y':
      return Math.floor(months / 12);
    case 'YM':
      return months % 12;
    case 'MD': {
      if (b.d >= a.d) return b.d - a.d;
      // Days left in the month before the end date's month, as Excel computes it (this can
      // go negative for e.g. Jan 31 → Mar 1, exactly as Excel's documented quirk).
      const prevMonth = b.m === 1 ? 12 : b.m - 1;
      const prevYear = b.m === 1 ? b.y - 1 : b.y;
      return daysInMonth(prevYear, prevMonth) - a.d + b.d;
    }
    case 'YD': {
      let anniversary = serialFromParts(b.y, a.m, a.d);
      if (anniversary > e) anniversary = serialFromParts(b.y - 1, a.m, a.d);
      return e - anniversary;
    }
    default:
      return err('#NUM!', 'badUnit', { value: u });
  }
}


/** Every function callable from formula source, by upper-case name. */
/**
 * An Excel criteria (the second argument of SUMIF / COUNTIF / AVERAGEIF) as a test on one
 * value of a range: a number or TRUE/FALSE matches equal values; text may start with an
 * operator (`=`, `<>`, `<`, `>`, `<=`, `>=`); what follows is compared as a number (or a
 * date) when it reads as one, else as text ignoring case, where `=`/`<>` accept the
 * wildcards `*` and `?` (`~` escapes them). `""` or `"="` matches blanks, `"<>"` non-blanks.
 */
function criteriaTest(criteria: unknown): ((v: unknown) => boolean) | CellError {
  if (criteria instanceof CellError) return criteria;
  const numberOf = (v: unknown): number | undefined =>
    typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? parseNumberText(v) : undefined;
  if (typeof criteria === 'number') return (v) => numberOf(v) === criteria;
  if (typeof criteria === 'boolean') return (v) => v === criteria;
  if (criteria === null || criteria === undefined) return (v) => isBlank(v);
  const text = String(criteria);
  const m = /^(<=|>=|<>|=|<|>)?([\s\S]*)$/.exec(text)!;
  const operator = m[1] ?? '=';
  const operand = m[2]!;
  if (operand === '') {
    // "" and "=" find blanks; "<>" finds everything that is not blank.
    if (operator === '=') return (v) => isBlank(v);
    if (operator === '<>') return (v) => !isBlank(v);
  }
  const upper = operand.toUpperCase();
  if ((operator === '=' || operator === '<>') && (upper === 'TRUE' || upper === 'FALSE')) {
    const b = upper === 'TRUE';
    return operator === '=' ? (v) => v === b : (v) => v !== b;
  }
  const n = parseNumberText(operand);
  if (n !== undefined) {
    const cmp = (v: unknown): boolean => {
      const x = numberOf(v);
      if (x === undefined) return operator === '<>';
      switch (operator) {
        case '=':
          return x === n;
        case '<>':
          return x !== n;
        case '<':
          return x < n;
        case '>':
          return x > n;
        case '<=':
          return x <= n;
        default:
          return x >= n;
      }
    };
    return cmp;
  }
  const wanted = operand.toLowerCase();
  if (operator === '=' || operator === '<>') {
    // Wildcards: * any run, ? one character, ~ escapes the next one.
    const pattern: string[] = [];
    for (let i = 0; i < wanted.length; i++) {
      const ch = wanted[i]!;
      if (ch === '~' && i + 1 < wanted.length) pattern.push(wanted[++i]!);
      else pattern.push(ch === '*' ? STAR : ch === '?' ? ONE : ch);
    }
    const matches = (v: unknown) => typeof v === 'string' && wildcardMatch(v.toLowerCase(), pattern);
    return operator === '=' ? matches : (v) => !matches(v);
  }
  return (v) => {
    if (typeof v !== 'string') return false;
    const c = v.toLowerCase().localeCompare(wanted, 'zh-CN');
    return operator === '<' ? c < 0 : operator === '>' ? c > 0 : operator === '<=' ? c <= 0 : c >= 0;
  };
}

const STAR = '\u0000*';
const ONE = '\u0000?';

/**
 * Whole-text wildcard match in O(text × pattern) at worst. A regular expression such as
 * `^.*a.*a.*a.*b$` backtracks exponentially on long text, so one SUMIF criterion could stall
 * the page; this keeps only the last `*` to retry from, which is enough for `*` and `?`.
 * Works on UTF-16 code units except that `?` takes a whole surrogate pair, like the `u` regex did.
 */
function wildcardMatch(text: string, pattern: readonly string[]): boolean {
  let t = 0;
  let p = 0;
  let starP = -1;
  let starT = 0;
  const step = (at: number) => {
    const c = text.charCodeAt(at);
    return c >= 0xd800 && c <= 0xdbff && at + 1 < text.length ? 2 : 1;
  };
  while (t < text.length) {
    const want = pattern[p];
    if (want === STAR) {
      starP = p++;
      starT = t;
    } else if (want === ONE) {
      p++;
      t += step(t);
    } else if (want !== undefined && text.startsWith(want, t)) {
      p++;
      t += want.length;
    } else if (starP >= 0) {
      p = starP + 1;
      starT += step(starT);
      t = starT;
    } else {
      return false;
    }
  }
  while (pattern[p] === STAR) p++;
  return p === pattern.length;
}

/** A range argument as a flat list (a single value is a one-cell range). */
function rangeOf(v: unknown): unknown[] {
  return Array.isArray(v) ? v.flat(Infinity) : [v];
}

/** The result type of SUMIF / AVERAGEIF: that of the summed range (the third argument, else the first). */
function conditionalResult(types: ScalarType[]): ScalarType {
  return numericResult([types.length > 2 ? types[2]! : types[0]!]);
}

/** SUMIF / AVERAGEIF: the numbers of `values` (or of `range`) where `range` matches. */
function conditionalNumbers(range: unknown, criteria: unknown, values: unknown): number[] | CellError {
  const test = criteriaTest(criteria);
  if (test instanceof CellError) return test;
  const cells = rangeOf(range);
  const targets = values === undefined ? cells : rangeOf(values);
  const out: number[] = [];
  for (let i = 0; i < cells.length; i++) {
    if (!test(cells[i])) continue;
    const v = targets[i];
    if (v instanceof CellError) return v;
    if (typeof v === 'number') out.push(v);
  }
  return out;
}

export const FUNCTIONS: readonly FunctionDef[] = [
  // Logic
  {
    name: 'IF',
    category: 'logic',
    minArgs: 2,
    maxArgs: 3,
    args: ['logical', 'any', 'any'],
    result: 'any',
    branches: () => [1, 2],
    impl: (cond: unknown, yes: unknown, no: unknown) => {
      const c = toBoolean(cond);
      if (c instanceof CellError) return c;
      return c ? yes : no;
    },
  },
  {
    name: 'IFS',
    category: 'logic',
    minArgs: 2,
    maxArgs: Infinity,
    args: ['logical', 'any'],
    result: 'any',
    branches: (n) => Array.from({ length: Math.floor(n / 2) }, (_, i) => i * 2 + 1),
    impl: (...args: unknown[]) => {
      for (let i = 0; i + 1 < args.length; i += 2) {
        const c = toBoolean(args[i]);
        if (c instanceof CellError) return c;
        if (c) return args[i + 1];
      }
      return err('#N/A', 'noMatch', { name: 'IFS' });
    },
  },
  {
    name: 'SWITCH',
    category: 'logic',
    minArgs: 3,
    maxArgs: Infinity,
    args: ['any'],
    result: 'any',
    branches: (n) => {
      const out: number[] = [];
      for (let i = 2; i < n; i += 2) out.push(i);
      if ((n - 1) % 2 === 1) out.push(n - 1);
      return out;
    },
    impl: (value: unknown, ...rest: unknown[]) => {
      if (value instanceof CellError) return value;
      for (let i = 0; i + 1 < rest.length; i += 2) {
        const c = compare(value, rest[i]);
        if (c instanceof CellError) return c;
        if (c === 0) return rest[i + 1];
      }
      return rest.length % 2 === 1 ? rest[rest.length - 1] : err('#N/A', 'noMatch', { name: 'SWITCH' });
    },
  },
  { name: 'AND', category: 'logic', minArgs: 1, maxArgs: Infinity, args: ['values'], result: 'boolean', impl: andOr('AND', true) },
  { name: 'OR', category: 'logic', minArgs: 1, maxArgs: Infinity, args: ['values'], result: 'boolean', impl: andOr('OR', false) },
  {
    name: 'NOT',
    category: 'logic',
    minArgs: 1,
    maxArgs: 1,
    args: ['logical'],
    result: 'boolean',
    impl: (v: unknown) => {
      const b = toBoolean(v);
      return b instanceof CellError ? b : !b;
    },
  },
  {
    name: 'ISBLANK',
    category: 'logic',
    minArgs: 1,
    maxArgs: 1,
    args: ['values'],
    result: 'boolean',
    impl: (v: unknown) => (Array.isArray(v) ? v.every(isBlank) : isBlank(v)),
  },
  {
    name: 'IFERROR',
    category: 'logic',
    minArgs: 2,
    maxArgs: 2,
    args: ['any', 'any'],
    result: 'any',
    branches: () => [0, 1],
    impl: (v: unknown, fallback: unknown) => (v instanceof CellError ? fallback : v),
  },

  // Math
  {
    name: 'SUM',
    category: 'math',
    minArgs: 1,
    maxArgs: Infinity,
    args: ['numbers'],
    result: numericResult,
    impl: (...args: unknown[]) => {
      // Fast path for the common rollup SUM({订单.金额}): one flat list, no callback.
      const only = args.length === 1 ? args[0] : undefined;
      if (Array.isArray(only)) {
        let sum = 0;
        let flat = true;
        for (let i = 0; i < only.length; i++) {
          const v: unknown = only[i];
          if (typeof v === 'number') sum += v;
          else if (v instanceof CellError) return v;
          else if (Array.isArray(v)) flat = false;
        }
        if (flat) return finite(sum);
      }
      let total = 0;
      const e = eachNumber(args, (n) => {
        total += n;
      });
      return e ?? finite(total);
    },
  },
  {
    name: 'AVERAGE',
    category: 'math',
    minArgs: 1,
    maxArgs: Infinity,
    args: ['numbers'],
    result: dateOrNumeric,
    impl: (...args: unknown[]) => {
      // Fast path for the common rollup AVERAGE({订单.金额}): one flat list, no callback.
      const only = args.length === 1 ? args[0] : undefined;
      if (Array.isArray(only)) {
        let sum = 0;
        let n = 0;
        let flat = true;
        for (let i = 0; i < only.length; i++) {
          const v: unknown = only[i];
          if (typeof v === 'number') {
            sum += v;
            n++;
          } else if (v instanceof CellError) return v;
          else if (Array.isArray(v)) flat = false;
        }
        if (flat) return n === 0 ? err('#DIV/0!', 'divZero') : finite(sum / n);
      }
      let total = 0;
      let count = 0;
      const e = eachNumber(args, (n) => {
        total += n;
        count++;
      });
      if (e) return e;
      return count === 0 ? err('#DIV/0!', 'divZero') : finite(total / count);
    },
  },
  {
    name: 'MIN',
    category: 'math',
    minArgs: 1,
    maxArgs: Infinity,
    args: ['numbers'],
    result: dateOrNumeric,
    impl: (...args: unknown[]) => {
      let best = Infinity;
      const e = eachNumber(args, (n) => {
        if (n < best) best = n;
      });
      return e ?? (best === Infinity ? 0 : best);
    },
  },
  {
    name: 'MAX',
    category: 'math',
    minArgs: 1,
    maxArgs: Infinity,
    args: ['numbers'],
    result: dateOrNumeric,
    impl: (...args: unknown[]) => {
      let best = -Infinity;
      const e = eachNumber(args, (n) => {
        if (n > best) best = n;
      });
      return e ?? (best === -Infinity ? 0 : best);
    },
  },
  {
    name: 'COUNT',
    category: 'math',
    minArgs: 1,
    maxArgs: Infinity,
    args: ['values'],
    result: 'number',
    impl: (...args: unknown[]) => {
      let count = 0;
      for (const a of args) {
        if (Array.isArray(a)) {
          count += countNumbers(a);
        } else if (typeof a === 'number' || typeof a === 'boolean') count++;
        else if (typeof a === 'string' && parseNumberText(a) !== undefined) count++;
      }
      return count;
    },
  },
  {
    name: 'COUNTA',
    category: 'math',
    minArgs: 1,
    maxArgs: Infinity,
    args: ['values'],
    result: 'number',
    impl: (...args: unknown[]) => {
      let count = 0;
      for (const a of args) {
        if (Array.isArray(a)) {
          for (const v of a.flat()) if (!isBlank(v)) count++;
        } else if (!isBlank(a)) count++;
      }
      return count;
    },
  },
  {
    name: 'SUMIF',
    category: 'math',
    minArgs: 2,
    maxArgs: 3,
    args: ['values', 'any', 'numbers'],
    result: conditionalResult,
    impl: (range: unknown, criteria: unknown, values?: unknown) => {
      const numbers = conditionalNumbers(range, criteria, values);
      if (numbers instanceof CellError) return numbers;
      let sum = 0;
      for (const n of numbers) sum += n;
      return finite(sum);
    },
  },
  {
    name: 'COUNTIF',
    category: 'math',
    minArgs: 2,
    maxArgs: 2,
    args: ['values', 'any'],
    result: 'number',
    impl: (range: unknown, criteria: unknown) => {
      const test = criteriaTest(criteria);
      if (test instanceof CellError) return test;
      let count = 0;
      for (const v of rangeOf(range)) if (test(v)) count++;
      return count;
    },
  },
  {
    name: 'AVERAGEIF',
    category: 'math',
    minArgs: 2,
    maxArgs: 3,
    args: ['values', 'any', 'numbers'],
    result: conditionalResult,
    impl: (range: unknown, criteria: unknown, values?: unknown) => {
      const numbers = conditionalNumbers(range, criteria, values);
      if (numbers instanceof CellError) return numbers;
      if (numbers.length === 0) return err('#DIV/0!', 'divZero');
      let sum = 0;
      for (const n of numbers) sum += n;
      return finite(sum / numbers.length);
    },
  },
  { name: 'ROUND', category: 'math', minArgs: 1, maxArgs: 2, args: ['number', 'number'], result: firstNumeric, impl: roundFn('half') },
  { name: 'ROUNDUP', category: 'math', minArgs: 1, maxArgs: 2, args: ['number', 'number'], result: firstNumeric, impl: roundFn('up') },
  { name: 'ROUNDDOWN', category: 'math', minArgs: 1, maxArgs: 2, args: ['number', 'number'], result: firstNumeric, impl: roundFn('down') },
  {
    name: 'INT',
    category: 'math',
    minArgs: 1,
    maxArgs: 1,
    args: ['number'],
    result: firstNumeric,
    // Floors the value as displayed (15 digits), so INT(0.3/0.1) is 3 as the user sees it.
    impl: (x: unknown) => {
      const n = num(x);
      return n instanceof CellError ? n : Math.floor(round15(n)) || 0;
    },
  },
  {
    name: 'ABS',
    category: 'math',
    minArgs: 1,
    maxArgs: 1,
    args: ['number'],
    result: firstNumeric,
    impl: (x: unknown) => {
      const n = num(x);
      return n instanceof CellError ? n : Math.abs(n);
    },
  },
  {
    name: 'MOD',
    category: 'math',
    minArgs: 2,
    maxArgs: 2,
    args: ['number', 'number'],
    result: firstNumeric,
    impl: (a: unknown, b: unknown) => {
      const x = num(a);
      if (x instanceof CellError) return x;
      const y = num(b);
      if (y instanceof CellError) return y;
      if (y === 0) return err('#DIV/0!', 'divZero');
      // The result takes the divisor's sign, as in Excel: MOD(-3, 2) = 1.
      return finite(round15(x - y * Math.floor(x / y)));
    },
  },
  { name: 'POWER', category: 'math', minArgs: 2, maxArgs: 2, args: ['number', 'number'], result: 'number', impl: power },
  {
    name: 'SQRT',
    category: 'math',
    minArgs: 1,
    maxArgs: 1,
    args: ['number'],
    result: 'number',
    impl: (x: unknown) => {
      const n = num(x);
      if (n instanceof CellError) return n;
      return n < 0 ? err('#NUM!', 'negativeSqrt') : Math.sqrt(n);
    },
  },
  {
    name: 'CEILING',
    category: 'math',
    minArgs: 1,
    maxArgs: 2,
    args: ['number', 'number'],
    result: firstNumeric,
    impl: (x: unknown, significance: unknown = 1) => {
      const n = num(x);
      if (n instanceof CellError) return n;
      const s = num(significance);
      if (s instanceof CellError) return s;
      if (s === 0 || n === 0) return 0;
      if (n > 0 && s < 0) return err('#NUM!', 'significanceSign', { name: 'CEILING' });
      return finite(round15(Math.ceil(round15(n / s)) * s));
    },
  },
  {
    name: 'FLOOR',
    category: 'math',
    minArgs: 1,
    maxArgs: 2,
    args: ['number', 'number'],
    result: firstNumeric,
    impl: (x: unknown, significance: unknown = 1) => {
      const n = num(x);
      if (n instanceof CellError) return n;
      const s = num(significance);
      if (s instanceof CellError) return s;
      if (n === 0) return 0;
      if (s === 0) return err('#DIV/0!', 'divZero');
      if (n > 0 && s < 0) return err('#NUM!', 'significanceSign', { name: 'FLOOR' });
      return finite(round15(Math.floor(round15(n / s)) * s)) || 0;
    },
  },

  // Text
  {
    name: 'CONCATENATE',
    category: 'text',
    minArgs: 1,
    maxArgs: Infinity,
    args: ['values'],
    result: 'text',
    impl: (...args: unknown[]) => {
      let out = '';
      for (const a of args) {
        for (const v of Array.isArray(a) ? a.flat() : [a]) {
          const t = toText(v);
          if (t instanceof CellError) return t;
          if (out.length + t.length > MAX_FORMULA_TEXT_LENGTH) return textTooLong();
          out += t;
        }
      }
      return out;
    },
  },
  {
    name: 'LEFT',
    category: 'text',
    minArgs: 1,
    maxArgs: 2,
    args: ['text', 'number'],
    result: 'text',
    impl: (text: unknown, count: unknown = 1) => {
      const t = textArg(text);
      if (t instanceof CellError) return t;
      const n = int(count);
      if (n instanceof CellError) return n;
      if (n < 0) return err('#VALUE!', 'badArgument', { name: 'LEFT', index: '2' });
      return t.slice(0, n);
    },
  },
  {
    name: 'RIGHT',
    category: 'text',
    minArgs: 1,
    maxArgs: 2,
    args: ['text', 'number'],
    result: 'text',
    impl: (text: unknown, count: unknown = 1) => {
      const t = textArg(text);
      if (t instanceof CellError) return t;
      const n = int(count);
      if (n instanceof CellError) return n;
      if (n < 0) return err('#VALUE!', 'badArgument', { name: 'RIGHT', index: '2' });
      return n === 0 ? '' : t.slice(Math.max(0, t.length - n));
    },
  },
  {
    name: 'MID',
    category: 'text',
    minArgs: 3,
    maxArgs: 3,
    args: ['text', 'number', 'number'],
    result: 'text',
    impl: (text: unknown, start: unknown, count: unknown) => {
      const t = textArg(text);
      if (t instanceof CellError) return t;
      const s = int(start);
      if (s instanceof CellError) return s;
      const n = int(count);
      if (n instanceof CellError) return n;
      if (s < 1) return err('#VALUE!', 'badArgument', { name: 'MID', index: '2' });
      if (n < 0) return err('#VALUE!', 'badArgument', { name: 'MID', index: '3' });
      return t.slice(s - 1, s - 1 + n);
    },
  },
  {
    name: 'LEN',
    category: 'text',
    minArgs: 1,
    maxArgs: 1,
    args: ['text'],
    result: 'number',
    impl: (text: unknown) => {
      const t = textArg(text);
      return t instanceof CellError ? t : t.length;
    },
  },
  {
    name: 'TRIM',
    category: 'text',
    minArgs: 1,
    maxArgs: 1,
    args: ['text'],
    result: 'text',
    // Excel's TRIM: only the ASCII space, collapsed inside and removed at both ends.
    impl: (text: unknown) => {
      const t = textArg(text);
      return t instanceof CellError ? t : t.replace(/ +/g, ' ').replace(/^ | $/g, '');
    },
  },
  {
    name: 'UPPER',
    category: 'text',
    minArgs: 1,
    maxArgs: 1,
    args: ['text'],
    result: 'text',
    impl: (text: unknown) => {
      const t = textArg(text);
      return t instanceof CellError ? t : bounded(t.toUpperCase());
    },
  },
  {
    name: 'LOWER',
    category: 'text',
    minArgs: 1,
    maxArgs: 1,
    args: ['text'],
    result: 'text',
    impl: (text: unknown) => {
      const t = textArg(text);
      return t instanceof CellError ? t : bounded(t.toLowerCase());
    },
  },
  {
    name: 'SUBSTITUTE',
    category: 'text',
    minArgs: 3,
    maxArgs: 4,
    args: ['text', 'text', 'text', 'number'],
    result: 'text',
    impl: (text: unknown, oldText: unknown, newText: unknown, instance?: unknown) => {
      const t = textArg(text);
      if (t instanceof CellError) return t;
      const o = textArg(oldText);
      if (o instanceof CellError) return o;
      const r = textArg(newText);
      if (r instanceof CellError) return r;
      if (o === '') return t;
      if (instance === undefined) {
        // Count first: the result's length is known before anything is built.
        if (r.length > o.length) {
          let count = 0;
          for (let at = t.indexOf(o); at >= 0; at = t.indexOf(o, at + o.length)) count++;
          if (t.length + count * (r.length - o.length) > MAX_FORMULA_TEXT_LENGTH) return textTooLong();
        }
        return t.split(o).join(r);
      }
      const k = int(instance);
      if (k instanceof CellError) return k;
      if (k < 1) return err('#VALUE!', 'badArgument', { name: 'SUBSTITUTE', index: '4' });
      let at = -1;
      for (let i = 0; i < k; i++) {
        at = t.indexOf(o, at + (i === 0 ? 0 : o.length));
        if (at < 0) return t;
      }
      if (t.length - o.length + r.length > MAX_FORMULA_TEXT_LENGTH) return textTooLong();
      return t.slice(0, at) + r + t.slice(at + o.length);
    },
  },
  {
    name: 'FIND',
    category: 'text',
    minArgs: 2,
    maxArgs: 3,
    args: ['text', 'text', 'number'],
    result: 'number',
    impl: (find: unknown, within: unknown, start: unknown = 1) => {
      const f = textArg(find);
      if (f instanceof CellError) return f;
      const w = textArg(within);
      if (w instanceof CellError) return w;
      const s = int(start);
      if (s instanceof CellError) return s;
      if (s < 1 || s > w.length + 1) return err('#VALUE!', 'badArgument', { name: 'FIND', index: '3' });
      const at = w.indexOf(f, s - 1);
      return at < 0 ? err('#VALUE!', 'notFound', { value: f }) : at + 1;
    },
  },
  {
    name: 'TEXT',
    category: 'text',
    minArgs: 2,
    maxArgs: 2,
    args: ['any', 'text'],
    result: 'text',
    impl: (value: unknown, format: unknown) => {
      if (value instanceof CellError) return value;
      const f = textArg(format);
      if (f instanceof CellError) return f;
      if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
      if (isBlank(value)) return formatText(0, f);
      if (typeof value === 'number' || typeof value === 'string') return formatText(value, f);
      return err('#VALUE!', 'listNotScalar');
    },
  },
  {
    name: 'VALUE',
    category: 'text',
    minArgs: 1,
    maxArgs: 1,
    args: ['text'],
    result: 'number',
    impl: (text: unknown) => {
      if (typeof text === 'number' || text instanceof CellError) return text;
      if (isBlank(text)) return 0;
      if (typeof text !== 'string') return err('#VALUE!', 'notNumber', { value: String(text) });
      return toNumber(text);
    },
  },

  // Dates
  { name: 'TODAY', category: 'date', minArgs: 0, maxArgs: 0, args: [], result: 'date', volatile: true, impl: () => Math.floor(nowSerial()) },
  { name: 'NOW', category: 'date', minArgs: 0, maxArgs: 0, args: [], result: 'date', volatile: true, impl: () => nowSerial() },
  {
    name: 'DATE',
    category: 'date',
    minArgs: 3,
    maxArgs: 3,
    args: ['number', 'number', 'number'],
    result: 'date',
    impl: (year: unknown, month: unknown, day: unknown) => {
      const y = int(year);
      if (y instanceof CellError) return y;
      const m = int(month);
      if (m instanceof CellError) return m;
      const d = int(day);
      if (d instanceof CellError) return d;
      if (y < 0 || y > 9999) return err('#NUM!', 'dateOutOfRange');
      // Excel reads years 0–1899 as 1900–3799.
      const serial = serialFromParts(y < 1900 ? y + 1900 : y, m, d);
      const { y: outYear } = civilFromSerial(serial);
      return outYear < 0 || outYear > 9999 ? err('#NUM!', 'dateOutOfRange') : serial;
    },
  },
  { name: 'YEAR', category: 'date', minArgs: 1, maxArgs: 1, args: ['date'], result: 'number', impl: dateFn((p) => p.y) },
  { name: 'MONTH', category: 'date', minArgs: 1, maxArgs: 1, args: ['date'], result: 'number', impl: dateFn((p) => p.m) },
  { name: 'DAY', category: 'date', minArgs: 1, maxArgs: 1, args: ['date'], result: 'number', impl: dateFn((p) => p.d) },
  {
    name: 'WEEKDAY',
    category: 'date',
    minArgs: 1,
    maxArgs: 2,
    args: ['date', 'number'],
    result: 'number',
    impl: (date: unknown, type: unknown = 1) => {
      const d = truncSerial(date);
      if (d === null || d instanceof CellError) return d;
      const t = int(type);
      if (t instanceof CellError) return t;
      const dow = dayOfWeek(d);
      if (t === 1) return dow + 1;
      if (t === 2) return ((dow + 6) % 7) + 1;
      if (t === 3) return (dow + 6) % 7;
      if (t >= 11 && t <= 17) return ((dow - ((t - 10) % 7) + 7) % 7) + 1;
      return err('#NUM!', 'badWeekdayType', { value: String(t) });
    },
  },
  {
    name: 'DAYS',
    category: 'date',
    minArgs: 2,
    maxArgs: 2,
    args: ['date', 'date'],
    result: 'number',
    impl: (end: unknown, start: unknown) => {
      const e = truncSerial(end);
      if (e === null || e instanceof CellError) return e;
      const s = truncSerial(start);
      if (s === null || s instanceof CellError) return s;
      return e - s;
    },
  },
  { name: 'DATEDIF', category: 'date', minArgs: 3, maxArgs: 3, args: ['date', 'date', 'text'], result: 'number', impl: datedif },
  {
    name: 'EDATE',
    category: 'date',
    minArgs: 2,
    maxArgs: 2,
    args: ['date', 'number'],
    result: 'date',
    impl: (start: unknown, months: unknown) => {
      const s = truncSerial(start);
      if (s === null || s instanceof CellError) return s;
      const k = int(months);
      if (k instanceof CellError) return k;
      const { y, m, d } = civilFromSerial(s);
      const first = serialFromParts(y, m + k, 1);
      const target = civilFromSerial(first);
      // Clamp to the target month's last day: EDATE(2024-01-31, 1) = 2024-02-29.
      return first + Math.min(d, daysInMonth(target.y, target.m)) - 1;
    },
  },
  {
    name: 'DATEDELTA',
    category: 'date',
    minArgs: 2,
    maxArgs: 2,
    args: ['date', 'number'],
    result: 'date',
    impl: (date: unknown, days: unknown) => {
      const d = toDate(date);
      if (d === null || d instanceof CellError) return d;
      const n = num(days);
      return n instanceof CellError ? n : finite(d + n);
    },
  },
];

/** The function table by upper-case name. */
export const FUNCTIONS_BY_NAME: ReadonlyMap<string, FunctionDef> = new Map(FUNCTIONS.map((f) => [f.name, f]));

/** Prefix of every JSON Logic operation the formula language registers. */
export const OP_PREFIX = 'fx:';

let registered = false;

/**
 * Registers every function and internal operation with the JSON Logic evaluator. Runs once,
 * when this module is first imported; calling it again does nothing.
 */
/**
 * Formula operations are registered once, at import, and never replaced, so compiled
 * formulas can call them directly instead of looking the operation up on every call (the
 * late lookup json-logic-js semantics need for operations registered after compiling).
 * Arguments are evaluated in order, then the function is called with the data as `this`,
 * exactly as the ordinary path does.
 */
function callBound(fn: (...args: unknown[]) => unknown): Specializer {
  return (args, compile) => {
    const runs = args.map((arg) => compile(arg));
    switch (runs.length) {
      case 0:
        return (data) => fn.call(data);
      case 1: {
        const a = runs[0]!;
        return (data) => fn.call(data, a(data));
      }
      case 2: {
        const a = runs[0]!;
        const b = runs[1]!;
        return (data) => {
          const x = a(data);
          return fn.call(data, x, b(data));
        };
      }
      case 3: {
        const a = runs[0]!;
        const b = runs[1]!;
        const c = runs[2]!;
        return (data) => {
          const x = a(data);
          const y = b(data);
          return fn.call(data, x, y, c(data));
        };
      }
      default:
        return (data) => fn.apply(data, runs.map((run) => run(data)));
    }
  };
}

/**
 * `+ - *` on two numbers — nearly every LTV formula — computed inline, with the same
 * finiteness guard as the operation; anything else (text, blanks, errors, booleans, an
 * overflow) goes to the operation itself.
 */
function arithmetic(op: 'ADD' | 'SUB' | 'MUL', impl: (...args: unknown[]) => unknown): Specializer {
  return (args, compile) => {
    if (args.length !== 2) return undefined;
    const a = compile(args[0]);
    const b = compile(args[1]);
    switch (op) {
      case 'ADD':
        return (data) => {
          const x = a(data);
          const y = b(data);
          if (typeof x === 'number' && typeof y === 'number') {
            const r = x + y;
            if (r - r === 0) return r;
          }
          return impl.call(data, x, y);
        };
      case 'SUB':
        return (data) => {
          const x = a(data);
          const y = b(data);
          if (typeof x === 'number' && typeof y === 'number') {
            const r = x - y;
            if (r - r === 0) return r;
          }
          return impl.call(data, x, y);
        };
      case 'MUL':
        return (data) => {
          const x = a(data);
          const y = b(data);
          if (typeof x === 'number' && typeof y === 'number') {
            const r = x * y;
            if (r - r === 0) return r;
          }
          return impl.call(data, x, y);
        };
    }
  };
}

type RollupKind = 'SUM' | 'COUNT' | 'AVERAGE' | 'MIN' | 'MAX';
const ROLLUP_KINDS: ReadonlySet<string> = new Set<RollupKind>(['SUM', 'COUNT', 'AVERAGE', 'MIN', 'MAX']);

/**
 * The fast path of `SUM({订单.金额})` and its siblings: one loop over the related records
 * reading the field, instead of building the list of values (PLUCK) and walking it again.
 * It handles the usual case — related records are plain values objects, the field holds
 * numbers or blanks or text (which these functions skip in a list) — and hands anything
 * else (RecordData-shaped records, nested lists, error values, ids instead of records) to
 * the ordinary implementation, so results are the same by construction.
 */
function rollupOverRelation(kind: RollupKind, impl: (list: unknown) => unknown): Specializer {
  return (args, compile) => {
    if (args.length !== 1) return undefined;
    const pluck = args[0];
    if (pluck === null || typeof pluck !== 'object' || Array.isArray(pluck)) return undefined;
    const keys = Object.keys(pluck);
    if (keys.length !== 1 || keys[0] !== OP_PREFIX + 'PLUCK') return undefined;
    const pluckArgs = (pluck as Record<string, unknown>)[keys[0]];
    // Only the plain form: relation, field id, relation name (no date or choice mode).
    if (!Array.isArray(pluckArgs) || pluckArgs.length !== 3 || typeof pluckArgs[1] !== 'string') return undefined;
    const key = pluckArgs[1];
    const relation = compile(pluckArgs[0]);
    const list = compile(pluck);
    const ordinary = (data: unknown) => impl.call(data, list(data));
    // One loop per kind, so SUM does not pay for MIN/MAX bookkeeping. A related record that is
    // not a plain values object, or a field value that a list could not skip (an error, a
    // nested list, an object), hands the whole call to the ordinary implementation.
    const plain = (record: unknown): record is Record<string, unknown> =>
      record !== null && typeof record === 'object' && !Array.isArray(record) && typeof (record as { tableId?: unknown }).tableId !== 'string';
    const skippable = (v: unknown) => v === null || v === undefined || typeof v === 'string' || typeof v === 'boolean';
    switch (kind) {
      case 'SUM':
      case 'AVERAGE':
        return (data) => {
          const related = relation(data);
          if (!Array.isArray(related)) return ordinary(data);
          let sum = 0;
          let count = 0;
          for (let i = 0; i < related.length; i++) {
            const record: unknown = related[i];
            if (!plain(record)) return ordinary(data);
            const v = record[key];
            if (typeof v === 'number') {
              sum += v;
              count++;
            } else if (!skippable(v)) return ordinary(data);
          }
          if (kind === 'SUM') return finite(sum);
          return count === 0 ? err('#DIV/0!', 'divZero') : finite(sum / count);
        };
      case 'COUNT':
        return (data) => {
          const related = relation(data);
          if (!Array.isArray(related)) return ordinary(data);
          let count = 0;
          for (let i = 0; i < related.length; i++) {
            const record: unknown = related[i];
            if (!plain(record)) return ordinary(data);
            const v = record[key];
            if (typeof v === 'number') count++;
            else if (!skippable(v)) return ordinary(data);
          }
          return count;
        };
      case 'MIN':
      case 'MAX':
        return (data) => {
          const related = relation(data);
          if (!Array.isArray(related)) return ordinary(data);
          let best = kind === 'MIN' ? Infinity : -Infinity;
          let count = 0;
          for (let i = 0; i < related.length; i++) {
            const record: unknown = related[i];
            if (!plain(record)) return ordinary(data);
            const v = record[key];
            if (typeof v === 'number') {
              count++;
              if (kind === 'MIN' ? v < best : v > best) best = v;
            } else if (!skippable(v)) return ordinary(data);
          }
          return count === 0 ? 0 : best;
        };
    }
  };
}

export function registerFormulaOperations(): void {
  if (registered) return;
  registered = true;
  for (const f of FUNCTIONS) {
    const impl = f.impl as (...args: unknown[]) => unknown;
    const rollup = ROLLUP_KINDS.has(f.name) ? rollupOverRelation(f.name as RollupKind, impl) : undefined;
    const specialize: Specializer = rollup ? (args, compile) => rollup(args, compile) ?? callBound(impl)(args, compile) : callBound(impl);
    addOperation(OP_PREFIX + f.name, impl, { specialize });
  }
  for (const [name, fn] of Object.entries(INTERNAL_OPERATIONS)) {
    const impl = fn as (...args: unknown[]) => unknown;
    const specialize = name === 'ADD' || name === 'SUB' || name === 'MUL' ? arithmetic(name, impl) : callBound(impl);
    addOperation(OP_PREFIX + name, impl, { specialize });
  }
}

registerFormulaOperations();
