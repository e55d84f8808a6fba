/**
 * `FormulaError`: what compiling a formula throws when the source cannot become a formula
 * (syntax, unknown field or function, argument count, type mismatch, circular reference).
 * It carries a stable code, a message in the user's locale, the character range to
 * underline and, where obvious, a suggestion. Errors in the *data* are not thrown: they are
 * `CellError` values (see values.ts).
 */
import type { Locale } from '../schema/types.js';
import { compileMessage, type CompileMessageKey } from './messages.js';

/** Stable codes of compile-time errors (also the translation keys' prefixes). */
export type FormulaErrorCode =
  | 'formula.empty'
  | 'formula.syntax'
  | 'formula.tooComplex'
  | 'formula.unknownField'
  | 'formula.unknownFunction'
  | 'formula.argCount'
  | 'formula.type'
  | 'formula.cycle';

/** A compile-time error in a formula's source text. */
export class FormulaError extends Error {
  override name = 'FormulaError';
  /** The message in both shipped locales; `message` is the one for the requested locale. */
  readonly messages: Readonly<Record<Locale, string>>;
  /** A hint such as `Did you mean {购买频次}?`, in the requested locale. */
  readonly suggestion?: string;
  /** The text a UI may offer to insert instead of `source.slice(start, end)`, e.g. `{购买频次}`. */
  readonly replacement?: string;

  constructor(
    /** Stable code, e.g. `formula.unknownField`. */
    readonly code: FormulaErrorCode,
    messages: Readonly<Record<Locale, string>>,
    /** Offset of the first character of the problem in the source. */
    readonly start: number,
    /** Offset just after the problem (exclusive). */
    readonly end: number,
    locale: Locale = 'en',
    suggestion?: Readonly<Record<Locale, string>>,
    replacement?: string,
  ) {
    super(messages[locale]);
    this.messages = messages;
    if (suggestion) this.suggestion = suggestion[locale];
    if (replacement !== undefined) this.replacement = replacement;
  }
}

/** Both locales of a compile message. */
export function bothLocales(key: CompileMessageKey, params: Readonly<Record<string, string>> = {}): Record<Locale, string> {
  return { en: compileMessage(key, 'en', params), 'zh-CN': compileMessage(key, 'zh-CN', params) };
}

/** Builds a FormulaError from a message key. */
export function formulaError(
  code: FormulaErrorCode,
  key: CompileMessageKey,
  params: Record<string, string>,
  start: number,
  end: number,
  locale: Locale,
  suggestion?: { key: CompileMessageKey; params: Record<string, string>; replacement?: string },
): FormulaError {
  return new FormulaError(
    code,
    bothLocales(key, params),
    start,
    end,
    locale,
    suggestion ? bothLocales(suggestion.key, suggestion.params) : undefined,
    suggestion?.replacement,
  );
}
