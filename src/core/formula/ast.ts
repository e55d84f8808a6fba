/**
 * The formula AST: every node keeps its character range in the source (end exclusive), so
 * compile errors can underline exactly what is wrong. `unparseFormula` prints an AST back
 * to canonical source (minimal parentheses); renames do not use it, they rewrite the
 * reference tokens in place so the rest of the text stays as the user typed it.
 */

/** Binary operators, as written. */
export type BinaryOp = '+' | '-' | '*' | '/' | '^' | '&' | '=' | '<>' | '<' | '>' | '<=' | '>=';

interface Range {
  start: number;
  end: number;
}

export type FormulaNode =
  | (Range & { type: 'number'; value: number })
  | (Range & { type: 'string'; value: string })
  | (Range & { type: 'boolean'; value: boolean })
  /** An omitted argument, as in `IF(x, 1, )`: blank. */
  | (Range & { type: 'blank' })
  /** `{name}` or `{relation.field}`: `segments` are the parts between unescaped dots. */
  | (Range & { type: 'field'; segments: string[] })
  /** A bare word that is not a function call or TRUE/FALSE (reported by the compiler). */
  | (Range & { type: 'name'; name: string })
  | (Range & { type: 'unary'; op: '-' | '+'; operand: FormulaNode })
  | (Range & { type: 'percent'; operand: FormulaNode })
  | (Range & { type: 'binary'; op: BinaryOp; left: FormulaNode; right: FormulaNode; opStart: number; opEnd: number })
  | (Range & { type: 'call'; name: string; nameEnd: number; args: FormulaNode[] });

/** Binding strength of each node kind; higher binds tighter (Excel's order). */
export function precedence(node: FormulaNode): number {
  switch (node.type) {
    case 'binary':
      return BINARY_PRECEDENCE[node.op];
    case 'unary':
      return 6;
    case 'percent':
      return 7;
    default:
      return 8;
  }
}

export const BINARY_PRECEDENCE: Record<BinaryOp, number> = {
  '=': 1,
  '<>': 1,
  '<': 1,
  '>': 1,
  '<=': 1,
  '>=': 1,
  '&': 2,
  '+': 3,
  '-': 3,
  '*': 4,
  '/': 4,
  '^': 5,
};

/** Escapes a field name for use inside `{…}`: `\`, `}` and `.` get a backslash. */
export function escapeFieldName(name: string): string {
  return name.replace(/[\\}.]/g, (c) => `\\${c}`);
}

/** The source text of a field reference to `path` (a field, or relation then field). */
export function fieldReference(path: readonly string[]): string {
  return `{${path.map(escapeFieldName).join('.')}}`;
}

/** Prints an AST as canonical formula source (parses back to the same tree). */
export function unparseFormula(node: FormulaNode): string {
  switch (node.type) {
    case 'number':
      return String(node.value);
    case 'string':
      return `"${node.value.replace(/"/g, '""')}"`;
    case 'boolean':
      return node.value ? 'TRUE' : 'FALSE';
    case 'blank':
      return '';
    case 'field':
      return fieldReference(node.segments);
    case 'name':
      return node.name;
    case 'unary': {
      const inner = unparseFormula(node.operand);
      return `${node.op}${precedence(node.operand) < 6 ? `(${inner})` : inner}`;
    }
    case 'percent': {
      const inner = unparseFormula(node.operand);
      return `${precedence(node.operand) < 7 ? `(${inner})` : inner}%`;
    }
    case 'binary': {
      // A left-associative chain is printed in a loop, so a flat 5,000-term sum does not
      // recurse 5,000 deep (operands recurse only as deep as their real nesting).
      const p = BINARY_PRECEDENCE[node.op];
      const links: Array<Extract<FormulaNode, { type: 'binary' }>> = [];
      let base: FormulaNode = node;
      while (base.type === 'binary' && BINARY_PRECEDENCE[base.op] === p) {
        links.push(base);
        base = base.left;
      }
      // All binary operators are left-associative (Excel: 2^3^2 = 64).
      const first = unparseFormula(base);
      let out = precedence(base) < p ? `(${first})` : first;
      for (let i = links.length - 1; i >= 0; i--) {
        const link = links[i]!;
        const right = unparseFormula(link.right);
        out += ` ${link.op} ${precedence(link.right) <= p ? `(${right})` : right}`;
      }
      return out;
    }
    case 'call':
      return `${node.name}(${node.args.map(unparseFormula).join(', ')})`;
  }
}
