/**
 * Recursive-descent parser: tokens → AST with source ranges. Precedence follows Excel,
 * loosest first: comparisons (= <> < > <= >=), &, + -, * /, ^, unary minus, postfix %.
 * As in Excel, unary minus binds tighter than ^ (-2^2 = 4) and ^ is left-associative.
 * Function names are case-insensitive and stored upper-case; an omitted argument
 * (`IF(x, 1, )`) is a blank node. Nesting deeper than MAX_DEPTH is refused so neither the
 * parser nor the evaluator can overflow the stack. Depth is real nesting: parentheses, calls,
 * prefix signs and postfix `%` each add a level; a chain of binary operators such as a flat
 * 5,000-term sum does not (it is parsed in a loop, and the compiler walks it in a loop too).
 */
import type { Locale } from '../schema/types.js';
import type { BinaryOp, FormulaNode } from './ast.js';
import { formulaError, type FormulaError } from './errors.js';
import { tokenize, type Token } from './tokenizer.js';

/** Maximum nesting (parentheses, calls, prefix signs, postfix %) of one formula. */
export const MAX_DEPTH = 200;

const COMPARISON = new Set(['=', '<>', '<', '>', '<=', '>=']);
const CONCAT = new Set(['&']);
const ADDITIVE = new Set(['+', '-']);
const MULTIPLICATIVE = new Set(['*', '/']);
const POWER = new Set(['^']);

/** Parses formula source into an AST. Throws FormulaError with the offending range. */
export function parseFormula(source: string, locale: Locale = 'en'): FormulaNode {
  const tokens = tokenize(source, locale);
  if (tokens.length === 1) throw formulaError('formula.empty', 'formula.empty', {}, 0, source.length, locale);
  return new Parser(source, tokens, locale).parseAll();
}

class Parser {
  private pos = 0;
  private depth = 0;

  constructor(
    private readonly source: string,
    private readonly tokens: Token[],
    private readonly locale: Locale,
  ) {}

  parseAll(): FormulaNode {
    const node = this.comparison();
    const t = this.peek();
    if (t.kind !== 'eof') throw this.unexpected(t);
    return node;
  }

  private peek(): Token {
    return this.tokens[this.pos]!;
  }

  private next(): Token {
    return this.tokens[this.pos++]!;
  }

  private isOp(values: Set<string> | string): boolean {
    const t = this.peek();
    if (t.kind !== 'op') return false;
    return typeof values === 'string' ? t.value === values : values.has(t.value as string);
  }

  private enter(at: Token): void {
    this.depth++;
    if (this.depth > MAX_DEPTH) throw formulaError('formula.tooComplex', 'formula.tooComplex', {}, at.start, at.end, this.locale);
  }

  private describe(t: Token): string {
    if (t.kind === 'eof') return this.locale === 'zh-CN' ? '公式结尾' : 'the end of the formula';
    return `"${this.source.slice(t.start, t.end)}"`;
  }

  private unexpected(t: Token, expected?: string): FormulaError {
    if (t.kind === 'eof' && expected) {
      return formulaError('formula.syntax', 'formula.syntax.end', { expected }, t.start, t.end, this.locale);
    }
    if (expected) {
      return formulaError('formula.syntax', 'formula.syntax.expected', { expected, token: this.describe(t) }, t.start, t.end, this.locale);
    }
    return formulaError('formula.syntax', 'formula.syntax', { token: this.describe(t) }, t.start, t.end, this.locale);
  }

  /**
   * A left-associative chain of binary operators. A long flat chain is not deep: its links do
   * not count toward the depth limit (each operand's own nesting does).
   */
  private chain(ops: Set<string>, operand: () => FormulaNode): FormulaNode {
    let left = operand();
    while (this.isOp(ops)) {
      const opToken = this.next();
      const right = operand();
      left = {
        type: 'binary',
        op: opToken.value as BinaryOp,
        left,
        right,
        start: left.start,
        end: right.end,
        opStart: opToken.start,
        opEnd: opToken.end,
      };
    }
    return left;
  }

  private comparison(): FormulaNode {
    return this.chain(COMPARISON, () => this.concat());
  }

  private concat(): FormulaNode {
    return this.chain(CONCAT, () => this.additive());
  }

  private additive(): FormulaNode {
    return this.chain(ADDITIVE, () => this.multiplicative());
  }

  private multiplicative(): FormulaNode {
    return this.chain(MULTIPLICATIVE, () => this.power());
  }

  private power(): FormulaNode {
    return this.chain(POWER, () => this.unary());
  }

  private unary(): FormulaNode {
    if (this.isOp('-') || this.isOp('+')) {
      const t = this.next();
      this.enter(t);
      const operand = this.unary();
      this.depth--;
      return { type: 'unary', op: t.value as '-' | '+', operand, start: t.start, end: operand.end };
    }
    return this.postfix();
  }

  private postfix(): FormulaNode {
    let node = this.primary();
    let levels = 0;
    // Each % wraps the node once more: 1%%% is three levels deep for the compiler.
    while (this.isOp('%')) {
      const t = this.next();
      this.enter(t);
      levels++;
      node = { type: 'percent', operand: node, start: node.start, end: t.end };
    }
    this.depth -= levels;
    return node;
  }

  private primary(): FormulaNode {
    const t = this.next();
    switch (t.kind) {
      case 'number':
        return { type: 'number', value: t.value as number, start: t.start, end: t.end };
      case 'string':
        return { type: 'string', value: t.value as string, start: t.start, end: t.end };
      case 'field':
        return { type: 'field', segments: t.segments!, start: t.start, end: t.end };
      case '(': {
        this.enter(t);
        const inner = this.comparison();
        const close = this.next();
        if (close.kind !== ')') throw this.unexpected(close, '")"');
        this.depth--;
        // The node's range grows to include the parentheses, so errors underline "(…)".
        return { ...inner, start: t.start, end: close.end };
      }
      case 'ident':
        return this.identifier(t);
      default:
        this.pos--;
        throw this.unexpected(t, this.locale === 'zh-CN' ? '数值、字段或函数' : 'a value, field or function');
    }
  }

  private identifier(t: Token): FormulaNode {
    const name = (t.value as string).toUpperCase();
    if (this.peek().kind !== '(') {
      if (name === 'TRUE' || name === 'FALSE') return { type: 'boolean', value: name === 'TRUE', start: t.start, end: t.end };
      return { type: 'name', name: t.value as string, start: t.start, end: t.end };
    }
    const open = this.next();
    this.enter(open);
    const args: FormulaNode[] = [];
    if (this.peek().kind === ')') {
      const close = this.next();
      this.depth--;
      return { type: 'call', name, nameEnd: t.end, args, start: t.start, end: close.end };
    }
    for (;;) {
      const p = this.peek();
      if (p.kind === ',' || p.kind === ')') {
        args.push({ type: 'blank', start: p.start, end: p.start });
      } else {
        args.push(this.comparison());
      }
      const sep = this.next();
      if (sep.kind === ',') continue;
      if (sep.kind === ')') {
        this.depth--;
        return { type: 'call', name, nameEnd: t.end, args, start: t.start, end: sep.end };
      }
      throw this.unexpected(sep, '"," / ")"');
    }
  }
}
