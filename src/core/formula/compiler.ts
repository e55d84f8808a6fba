/**
 * Type checker and compiler: AST → JSON Logic made of `fx:` operations (functions.ts) and
 * `var` reads. Types are checked statically where the user can fix the mistake (text in
 * arithmetic, a rollup list where one value is needed, wrong argument count) and decide
 * which operation runs (date + number is a date, date − date is a number of days), so no
 * type dispatch is left for run time beyond Excel's own coercions.
 *
 * Compiled logic is plain JSON: it is stored with the formula and evaluated by
 * `applyLogic` / `compileLogic` (or `evaluateFormula`, which also fixes TODAY()).
 */
import type { FormulaResultType, Locale } from '../schema/types.js';
import type { BinaryOp, FormulaNode } from './ast.js';
import { BINARY_PRECEDENCE, fieldReference } from './ast.js';
import { FormulaError, formulaError } from './errors.js';
import {
  FUNCTIONS,
  FUNCTIONS_BY_NAME,
  OP_PREFIX,
  numericResult,
  type ArgKind,
  type FunctionDef,
  type ScalarType,
} from './functions.js';
import { TYPE_NAMES } from './messages.js';
import { parseFormula } from './parser.js';
import { findByName, isToMany, type FormulaScope, type FormulaScopeField } from './scope.js';
import { hasChoices, linksRecords, scalarInfoOf, scalarOf } from '../fields/index.js';
import { parseDateText } from './values.js';

/** A field a formula reads: `via` is set when it is read through a relation field. */
export interface FormulaReference {
  fieldId: string;
  /** The relation field (in the formula's table) the field is read through. */
  via?: string;
}

/** The result type of a compiled formula; `any` when it cannot be known statically. */
export type CompiledFormulaType = FormulaResultType | 'any';

/** A formula ready to evaluate and to store. */
export interface CompiledFormula {
  /** The source text as the user typed it. */
  source: string;
  /** JSON Logic; fields are read by id. */
  logic: unknown;
  /**
   * Field ids the formula reads, in order of first use. A rollup or lookup through a
   * relation field is written `relationFieldId.targetFieldId` (and implies the relation
   * field itself); `refs` has the same information structured.
   */
  deps: string[];
  /** The same dependencies as objects (no string parsing needed when ids contain dots). */
  refs: FormulaReference[];
  type: CompiledFormulaType;
  /** Uses TODAY() or NOW(): its value changes with time, not only with the record. */
  volatile: boolean;
  /**
   * References that no longer resolve, compiled to `#REF!` (only with
   * `unknownFields: 'ref'`): the names as written and their ranges.
   */
  brokenReferences: Array<{ name: string; start: number; end: number }>;
}

/** Options of `compileFormula`. */
export interface CompileOptions {
  /** Language of error messages (default `en`). */
  locale?: Locale;
  /**
   * What an unknown field reference is: `error` (default) throws FormulaError, for editing;
   * `ref` compiles it to a `#REF!` value, for recompiling stored formulas after a field
   * was deleted.
   */
  unknownFields?: 'error' | 'ref';
}

interface Typed {
  logic: unknown;
  t: ScalarType;
  list: boolean;
}

const NUMERIC = new Set<ScalarType>(['number', 'money', 'percent']);

const ALIASES: Record<string, string> = {
  AVG: 'AVERAGE',
  MEAN: 'AVERAGE',
  CONCAT: 'CONCATENATE',
  LENGTH: 'LEN',
  SUBSTR: 'MID',
  DATEADD: 'DATEDELTA',
  ADDDAYS: 'DATEDELTA',
  ISEMPTY: 'ISBLANK',
  CEIL: 'CEILING',
  TRUNC: 'ROUNDDOWN',
  IFNULL: 'IFERROR',
};

/**
 * Compiles formula source against the fields in scope.
 * @throws FormulaError for anything the user must fix, with the character range.
 */
export function compileFormula(source: string, scope: FormulaScope, options: CompileOptions = {}): CompiledFormula {
  const locale = options.locale ?? 'en';
  const ast = parseFormula(source, locale);
  const compiler = new Compiler(source, scope, locale, options.unknownFields ?? 'error');
  const body = compiler.compile(ast);
  if (body.list) throw compiler.listError(ast);
  // Chains that stay nested (comparisons, ^, date arithmetic) are checked here, once, so no
  // evaluator recursion can overflow the stack on the logic.
  if (logicDepthExceeds(body.logic, MAX_LOGIC_DEPTH)) {
    throw formulaError('formula.tooComplex', 'formula.tooComplex', {}, 0, source.length, locale);
  }
  const type: CompiledFormulaType = body.t === 'blank' || body.t === 'any' ? 'any' : body.t;
  let logic = body.logic;
  if (body.t === 'date') logic = op('DATEOUT', logic);
  else if (body.t !== 'text' && body.t !== 'boolean') logic = op('OUT', logic);
  return {
    source,
    logic,
    deps: compiler.refs.map((r) => (r.via !== undefined ? `${r.via}.${r.fieldId}` : r.fieldId)),
    refs: compiler.refs,
    type,
    volatile: compiler.volatile,
    brokenReferences: compiler.broken,
  };
}

/** The deepest compiled logic accepted (rules in logic, arrays not counted). */
const MAX_LOGIC_DEPTH = 400;

/**
 * Chains of this many operands or more of `+ - * /` (on numbers) or `&` compile to one flat
 * `fx:CHAIN` instead of a tree as deep as the chain; shorter ones keep the nested shape
 * (and its fast paths) of `{a} * {b} * {c}`.
 */
const FLAT_CHAIN = 8;

/** Whether a logic tree nests rules deeper than `limit`, found without recursion. */
function logicDepthExceeds(logic: unknown, limit: number): boolean {
  const stack: Array<[unknown, number]> = [[logic, 0]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (node === null || typeof node !== 'object') continue;
    if (Array.isArray(node)) {
      for (const item of node) stack.push([item, depth]);
      continue;
    }
    if (depth + 1 > limit) return true;
    for (const value of Object.values(node)) stack.push([value, depth + 1]);
  }
  return false;
}

function op(name: string, ...args: unknown[]): unknown {
  return { [OP_PREFIX + name]: args };
}

/** A field read: `var` where json-logic's path splitting cannot misread the id. */
function read(id: string): unknown {
  return id === '' || id.includes('.') ? op('GET', id) : { var: id };
}

/** What `{field}` is to a formula: asked of the field's type definition (src/core/fields). */
function scalarTypeOfField(f: FormulaScopeField): ScalarType {
  return scalarOf(f);
}

function choicesKey(f: FormulaScopeField): string | undefined {
  const choices = f.options?.choices;
  if (!choices || choices.length === 0) return undefined;
  return JSON.stringify(choices.map((c) => [c.id, c.name]));
}

/** Levenshtein distance, case-insensitive, for "did you mean" suggestions. */
function distance(a: string, b: string): number {
  const s = a.toLowerCase();
  const t = b.toLowerCase();
  const row = Array.from({ length: t.length + 1 }, (_, i) => i);
  for (let i = 1; i <= s.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= t.length; j++) {
      const tmp = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (s[i - 1] === t[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return row[t.length]!;
}

/** The closest candidate within a typo's distance, or undefined. */
export function closest(name: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  const limit = Math.max(1, Math.floor(name.trim().length / 3));
  for (const c of candidates) {
    const d = distance(name.trim(), c);
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  return bestDistance <= limit ? best : undefined;
}

function countText(min: number, max: number, locale: Locale): string {
  if (locale === 'zh-CN') {
    if (min === max) return ` ${min} 个参数`;
    if (max === Infinity) return `至少 ${min} 个参数`;
    return ` ${min} 到 ${max} 个参数`;
  }
  const plural = (n: number) => (n === 1 ? 'argument' : 'arguments');
  if (min === max) return `exactly ${min} ${plural(min)}`;
  if (max === Infinity) return `at least ${min} ${plural(min)}`;
  return `${min} to ${max} arguments`;
}

const ARITHMETIC_OPS: Record<string, string> = { '+': 'ADD', '-': 'SUB', '*': 'MUL', '/': 'DIV', '^': 'POW' };
const COMPARISON_OPS: Record<string, string> = { '=': 'EQ', '<>': 'NE', '<': 'LT', '>': 'GT', '<=': 'LE', '>=': 'GE' };

class Compiler {
  readonly refs: FormulaReference[] = [];
  readonly broken: Array<{ name: string; start: number; end: number }> = [];
  volatile = false;
  private readonly refKeys = new Set<string>();
  private readonly byName = new Map<string, FormulaScopeField>();

  constructor(
    private readonly source: string,
    private readonly scope: FormulaScope,
    private readonly locale: Locale,
    private readonly unknownFields: 'error' | 'ref',
  ) {
    for (const f of scope.fields) this.byName.set(f.name, f);
  }

  compile(node: FormulaNode): Typed {
    switch (node.type) {
      case 'number':
        return { logic: node.value, t: 'number', list: false };
      case 'string':
        return { logic: node.value, t: 'text', list: false };
      case 'boolean':
        return { logic: node.value, t: 'boolean', list: false };
      case 'blank':
        return { logic: null, t: 'blank', list: false };
      case 'field':
        return this.field(node);
      case 'name':
        throw this.bareName(node);
      case 'unary': {
        const operand = this.compile(node.operand);
        this.requireArithmetic(node.operand, operand, node.op);
        if (node.op === '+') return operand;
        // A negative literal stays a literal in the logic.
        if (typeof operand.logic === 'number') return { logic: operand.logic === 0 ? 0 : -operand.logic, t: 'number', list: false };
        return { logic: op('NEG', operand.logic), t: NUMERIC.has(operand.t) ? operand.t : 'number', list: false };
      }
      case 'percent': {
        const operand = this.compile(node.operand);
        this.requireArithmetic(node.operand, operand, '%');
        return { logic: op('PCT', operand.logic), t: 'percent', list: false };
      }
      case 'binary':
        return this.binary(node);
      case 'call':
        return this.call(node);
    }
  }

  // ----- errors

  private what(node: FormulaNode): string {
    const text = this.source.slice(node.start, node.end).trim();
    return text.length > 30 ? `${text.slice(0, 30)}…` : text;
  }

  private typeName(t: Typed): string {
    return TYPE_NAMES[t.list ? 'list' : t.t]![this.locale];
  }

  listError(node: FormulaNode): FormulaError {
    const what = this.what(node);
    return formulaError('formula.type', 'formula.type.list', { what }, node.start, node.end, this.locale, {
      key: 'suggest.aggregate',
      params: { name: what },
      replacement: `SUM(${what})`,
    });
  }

  private bareName(node: Extract<FormulaNode, { type: 'name' }>): FormulaError {
    const fieldName = this.byName.has(node.name) ? node.name : closest(node.name, this.byName.keys());
    if (fieldName !== undefined) {
      const ref = fieldReference([fieldName]);
      return formulaError('formula.unknownField', 'formula.syntax.bareName', { name: node.name }, node.start, node.end, this.locale, {
        key: 'suggest.field',
        params: { name: ref },
        replacement: ref,
      });
    }
    const fn = FUNCTIONS_BY_NAME.get(node.name.toUpperCase());
    if (fn) {
      return formulaError('formula.syntax', 'formula.syntax.bareName', { name: node.name }, node.start, node.end, this.locale, {
        key: 'suggest.function',
        params: { name: `${fn.name}()` },
        replacement: `${fn.name}()`,
      });
    }
    return formulaError('formula.unknownField', 'formula.syntax.bareName', { name: node.name }, node.start, node.end, this.locale);
  }

  private requireArithmetic(node: FormulaNode, value: Typed, opText: string, allowDate = false): void {
    if (value.list) throw this.listError(node);
    const isTextValue = value.t === 'text' && node.type !== 'string';
    if (isTextValue || (value.t === 'date' && !allowDate)) {
      const params = { what: this.what(node), type: this.typeName(value), op: opText };
      throw formulaError(
        'formula.type',
        'formula.type.arithmetic',
        params,
        node.start,
        node.end,
        this.locale,
        isTextValue ? { key: 'suggest.value', params: {}, replacement: `VALUE(${this.what(node)})` } : undefined,
      );
    }
  }

  // ----- fields

  private addRef(fieldId: string, via?: string): void {
    const key = via === undefined ? `\u0000${fieldId}` : `${via}\u0000${fieldId}`;
    if (this.refKeys.has(key)) return;
    this.refKeys.add(key);
    this.refs.push(via === undefined ? { fieldId } : { fieldId, via });
  }

  /** A field by name, else by label (see `findByName`). */
  private lookup(fields: Iterable<FormulaScopeField>, name: string): FormulaScopeField | undefined {
    return findByName(fields, name);
  }

  private field(node: Extract<FormulaNode, { type: 'field' }>): Typed {
    const segments = node.segments;
    const whole = segments.join('.');
    const direct = this.lookup(this.scope.fields, whole);
    if (direct) return this.directField(direct);
    for (let k = segments.length - 1; k >= 1; k--) {
      const relName = segments.slice(0, k).join('.');
      const rel = this.lookup(this.scope.fields, relName);
      if (!rel) continue;
      const targetName = segments.slice(k).join('.');
      if (!linksRecords(rel.type)) {
        throw formulaError('formula.unknownField', 'formula.notRelation', { name: fieldReference([rel.name]) }, node.start, node.end, this.locale);
      }
      const relFields = rel.fields ?? [];
      const target = this.lookup(relFields, targetName);
      if (target) return this.relatedField(rel, target);
      return this.unknown(node, whole, 'formula.unknownRelatedField', { relation: fieldReference([rel.name]), name: targetName }, relFields.map((f) => `${rel.name}.${f.name}`));
    }
    const candidates: string[] = [];
    for (const f of this.scope.fields) {
      candidates.push(f.name);
      if (f.fields) for (const g of f.fields) candidates.push(`${f.name}.${g.name}`);
    }
    return this.unknown(node, whole, 'formula.unknownField', { name: fieldReference(segments) }, candidates);
  }

  private unknown(
    node: FormulaNode,
    whole: string,
    key: 'formula.unknownField' | 'formula.unknownRelatedField',
    params: Record<string, string>,
    candidates: string[],
  ): Typed {
    if (this.unknownFields === 'ref') {
      this.broken.push({ name: whole, start: node.start, end: node.end });
      return { logic: op('ERR', '#REF!', 'deletedField', fieldReference([whole])), t: 'any', list: false };
    }
    const guess = closest(whole, candidates);
    const dot = guess?.indexOf('.') ?? -1;
    const ref = guess === undefined ? undefined : fieldReference(dot > 0 && key === 'formula.unknownRelatedField' ? [guess.slice(0, dot), guess.slice(dot + 1)] : [guess]);
    throw formulaError(
      'formula.unknownField',
      key,
      params,
      node.start,
      node.end,
      this.locale,
      ref === undefined ? undefined : { key: 'suggest.field', params: { name: ref }, replacement: ref },
    );
  }

  private directField(f: FormulaScopeField): Typed {
    this.addRef(f.id);
    const v = read(f.id);
    const t = scalarTypeOfField(f);
    if (linksRecords(f.type)) return { logic: op('LINKS', v), t: 'text', list: true };
    if (t === 'date') return { logic: op('D', v), t, list: false };
    const choices = choicesKey(f);
    const listOfChoices = hasChoices(f.type) && scalarInfoOf(f).list;
    if (listOfChoices) return { logic: choices ? op('CHOICES', v, choices) : v, t: 'text', list: true };
    if (hasChoices(f.type) && choices) return { logic: op('CHOICE', v, choices), t, list: false };
    return { logic: v, t, list: false };
  }

  private relatedField(rel: FormulaScopeField, target: FormulaScopeField): Typed {
    this.addRef(target.id, rel.id);
    const t = scalarTypeOfField(target);
    const choices = choicesKey(target);
    const mode = t === 'date' ? 'd' : choices ? 'c' : '';
    const many = isToMany(rel) || (hasChoices(target.type) && scalarInfoOf(target).list);
    const name = fieldReference([rel.name]);
    // Three arguments in the common case, so the evaluator calls it without an argument array.
    const extra = mode === '' ? [] : [mode, choices ?? ''];
    const logic = op(many ? 'PLUCK' : 'LOOKUP', read(rel.id), target.id, name, ...extra);
    return { logic, t, list: many };
  }

  // ----- operators

  /**
   * A left-associative chain (`a + b - c …`, all one precedence level) compiled in a loop,
   * not by recursion down its left spine, so a flat 5,000-term sum cannot overflow the stack.
   */
  private binary(top: Extract<FormulaNode, { type: 'binary' }>): Typed {
    const level = BINARY_PRECEDENCE[top.op];
    const spine: Array<Extract<FormulaNode, { type: 'binary' }>> = [];
    let base: FormulaNode = top;
    while (base.type === 'binary' && BINARY_PRECEDENCE[base.op] === level) {
      spine.push(base);
      base = base.left;
    }
    spine.reverse();
    const first = this.compile(base);
    const rights = spine.map((link) => this.compile(link.right));
    if (spine.length + 1 >= FLAT_CHAIN) {
      const flat = this.flatChain(base, first, spine, rights);
      if (flat) return flat;
    }
    let acc = first;
    for (let i = 0; i < spine.length; i++) acc = this.link(spine[i]!, acc, rights[i]!);
    return acc;
  }

  /** A long chain of `&` or of number arithmetic as one `fx:CHAIN` (same results, flat logic). */
  private flatChain(
    base: FormulaNode,
    first: Typed,
    spine: ReadonlyArray<Extract<FormulaNode, { type: 'binary' }>>,
    rights: readonly Typed[],
  ): Typed | undefined {
    const o = spine[0]!.op;
    const operands = [first, ...rights];
    const nodes = [base, ...spine.map((l) => l.right)];
    if (o === '&') {
      operands.forEach((v, i) => {
        if (v.list) throw this.listError(nodes[i]!);
      });
      const logic: unknown[] = [this.asText(first)];
      rights.forEach((v) => logic.push('CAT', this.asText(v)));
      return { logic: op('CHAIN', ...logic), t: 'text', list: false };
    }
    if (!ARITHMETIC_OPS[o] || o === '^' || operands.some((v) => v.t === 'date')) return undefined;
    operands.forEach((v, i) => this.requireArithmetic(nodes[i]!, v, i === 0 ? spine[0]!.op : spine[i - 1]!.op));
    const logic: unknown[] = [first.logic];
    let t = first.t;
    spine.forEach((link, i) => {
      logic.push(ARITHMETIC_OPS[link.op]!, rights[i]!.logic);
      t = arithmeticType(link.op, t, rights[i]!.t);
    });
    return { logic: op('CHAIN', ...logic), t, list: false };
  }

  /** One link of a chain: `left` is the chain so far, `node.right` compiled as `right`. */
  private link(node: Extract<FormulaNode, { type: 'binary' }>, left: Typed, right: Typed): Typed {
    const o: BinaryOp = node.op;
    if (o === '&') {
      if (left.list) throw this.listError(node.left);
      if (right.list) throw this.listError(node.right);
      return { logic: op('CAT', this.asText(left), this.asText(right)), t: 'text', list: false };
    }
    if (COMPARISON_OPS[o]) {
      if (left.list) throw this.listError(node.left);
      if (right.list) throw this.listError(node.right);
      const l = this.comparable(left, right);
      const r = this.comparable(right, left);
      return { logic: op(COMPARISON_OPS[o]!, l === undefined ? left.logic : l, r === undefined ? right.logic : r), t: 'boolean', list: false };
    }
    const dateCapable = o === '+' || o === '-';
    this.requireArithmetic(node.left, left, o, dateCapable);
    this.requireArithmetic(node.right, right, o, dateCapable);
    if (left.t === 'date' || right.t === 'date') {
      if (o === '+') {
        if (left.t === 'date' && right.t === 'date') this.requireArithmetic(node.right, right, o, false);
        return left.t === 'date'
          ? { logic: op('DADD', left.logic, right.logic), t: 'date', list: false }
          : { logic: op('DADD', right.logic, left.logic), t: 'date', list: false };
      }
      // o === '-'
      if (left.t !== 'date') this.requireArithmetic(node.right, right, o, false);
      if (right.t === 'date') return { logic: op('DSUB', left.logic, right.logic), t: 'number', list: false };
      return { logic: op('DMINUS', left.logic, right.logic), t: 'date', list: false };
    }
    return { logic: op(ARITHMETIC_OPS[o]!, left.logic, right.logic), t: arithmeticType(o, left.t, right.t), list: false };
  }

  /**
   * When one side of a comparison is a date, the other is read as a date too: a literal
   * "2024-01-31" becomes its serial now, other text is parsed at run time.
   */
  private comparable(self: Typed, other: Typed): unknown {
    if (other.t !== 'date' || self.t === 'date') return undefined;
    if (typeof self.logic === 'string') {
      const serial = parseDateText(self.logic);
      return serial === undefined ? undefined : serial;
    }
    if (self.t === 'text') return op('D', self.logic);
    return undefined;
  }

  private asText(v: Typed): unknown {
    return v.t === 'date' ? op('DTEXT', v.logic) : v.logic;
  }

  // ----- calls

  private call(node: Extract<FormulaNode, { type: 'call' }>): Typed {
    const fn = FUNCTIONS_BY_NAME.get(node.name);
    if (!fn) {
      if ((node.name === 'TRUE' || node.name === 'FALSE') && node.args.length === 0) {
        return { logic: node.name === 'TRUE', t: 'boolean', list: false };
      }
      const guess = ALIASES[node.name] ?? closest(node.name, FUNCTIONS.map((f) => f.name));
      throw formulaError(
        'formula.unknownFunction',
        'formula.unknownFunction',
        { name: this.source.slice(node.start, node.nameEnd) },
        node.start,
        node.nameEnd,
        this.locale,
        guess === undefined ? undefined : { key: 'suggest.function', params: { name: guess }, replacement: guess },
      );
    }
    const count = node.args.length;
    const pairsOk = fn.name !== 'IFS' || count % 2 === 0;
    if (count < fn.minArgs || count > fn.maxArgs || !pairsOk) {
      const expected = fn.name === 'IFS' ? (this.locale === 'zh-CN' ? '成对的条件和值' : 'pairs of condition and value') : countText(fn.minArgs, fn.maxArgs, this.locale);
      throw formulaError('formula.argCount', 'formula.argCount', { name: fn.name, expected, count: String(count) }, node.start, node.end, this.locale);
    }
    if (fn.volatile) this.volatile = true;
    const args = node.args.map((a, i) => this.argument(fn, i, a));
    const branchIndexes = fn.branches?.(count) ?? [];
    let result: ScalarType;
    if (branchIndexes.length > 0) {
      if (fn.name === 'IF' && count === 2) {
        // IF without an "else" is FALSE, as in Excel.
        args.push({ logic: false, t: 'boolean', list: false });
        branchIndexes.push(2);
      }
      result = this.unifyBranches(args, branchIndexes);
    } else {
      result = typeof fn.result === 'function' ? fn.result(args.map((a) => a.t)) : fn.result;
    }
    return { logic: op(fn.name, ...args.map((a) => a.logic)), t: result, list: false };
  }

  private argument(fn: FunctionDef, index: number, node: FormulaNode): Typed {
    const kind: ArgKind = fn.args[Math.min(index, fn.args.length - 1)] ?? 'any';
    const value = this.compile(node);
    const literalText = node.type === 'string';
    const mismatch = (expectedKey: string, suggestValue = false): FormulaError =>
      formulaError(
        'formula.type',
        'formula.type.argument',
        {
          index: String(index + 1),
          name: fn.name,
          expected: TYPE_NAMES[expectedKey]![this.locale],
          what: this.what(node),
          type: this.typeName(value),
        },
        node.start,
        node.end,
        this.locale,
        suggestValue ? { key: 'suggest.value', params: {}, replacement: `VALUE(${this.what(node)})` } : undefined,
      );
    if (kind === 'numbers' || kind === 'values') {
      if (kind === 'numbers' && value.t === 'text' && !literalText) throw mismatch('number', !value.list);
      // A field given to an aggregate acts like a spreadsheet range: its text and
      // TRUE/FALSE are skipped rather than coerced, as SUM(A1) does in Excel.
      if (node.type === 'field' && !value.list) return { ...value, logic: [value.logic] };
      return value;
    }
    if (value.list) throw this.listError(node);
    switch (kind) {
      case 'number':
        if (value.t === 'text' && !literalText) throw mismatch('number', true);
        return value;
      case 'date':
        if (value.t === 'boolean') throw mismatch('date');
        return value;
      case 'text':
        return value.t === 'date' ? { logic: op('DTEXT', value.logic), t: 'text', list: false } : value;
      default:
        return value;
    }
  }

  /** The type of IF/IFS/SWITCH/IFERROR: dates mixed with text become text. */
  private unifyBranches(args: Typed[], indexes: number[]): ScalarType {
    const types = indexes.map((i) => args[i]!.t).filter((t) => t !== 'blank');
    if (types.length === 0) return 'blank';
    if (types.every((t) => t === types[0])) return types[0]!;
    if (types.every((t) => NUMERIC.has(t))) return numericResult(types);
    if (types.every((t) => t === 'date' || t === 'text')) {
      for (const i of indexes) {
        const a = args[i]!;
        if (a.t === 'date') args[i] = { logic: op('DTEXT', a.logic), t: 'text', list: false };
      }
      return 'text';
    }
    return 'any';
  }
}

/** Numeric flavour of an arithmetic result (money stays money through × and ÷ by a number). */
function arithmeticType(o: BinaryOp, l: ScalarType, r: ScalarType): ScalarType {
  const money = l === 'money' || r === 'money';
  switch (o) {
    case '+':
    case '-':
      return money ? 'money' : l === 'percent' && r === 'percent' ? 'percent' : 'number';
    case '*':
      return money ? 'money' : 'number';
    case '/':
      return l === 'money' && r !== 'money' ? 'money' : 'number';
    default:
      return 'number';
  }
}

