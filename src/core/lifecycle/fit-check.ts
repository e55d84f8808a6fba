/**
 * Validation of stored predictive CLV fits (`AppDef.clvFits`, ./fit-summary.ts) in untrusted
 * JSON (imports, the app definition): plain data, every number finite, `ok` fits with their
 * parameters. A module of its own so the validators do not carry the fitters.
 */
/** One problem in untrusted `clvFits`, with its path below the app and what is wrong, per locale. */
export interface ClvFitIssue {
  path: string;
  message: { 'zh-CN': string; en: string };
}

const PROBLEMS = {
  array: { 'zh-CN': '应为数组', en: 'must be an array' },
  object: { 'zh-CN': '应为对象', en: 'must be an object' },
  params: { 'zh-CN': '应为参数对象', en: 'must be an object of parameters' },
  positive: { 'zh-CN': '应为大于 0 的有限数', en: 'must be a finite number > 0' },
  finite: { 'zh-CN': '应为有限数', en: 'must be a finite number' },
  table: { 'zh-CN': '应为本应用中的表', en: 'must name a table of the app' },
  text: { 'zh-CN': '应为非空文本', en: 'must be a non-empty string' },
  string: { 'zh-CN': '应为文本', en: 'must be a string' },
  day: { 'zh-CN': '应为日期 YYYY-MM-DD', en: 'must be a date YYYY-MM-DD' },
  count: { 'zh-CN': '应为不小于 0 的整数', en: 'must be a whole number ≥ 0' },
  status: { 'zh-CN': '应为 ok、tooFewRepeatBuyers 或 notConverged', en: 'must be one of ok, tooFewRepeatBuyers, notConverged' },
} as const;

const STATUSES: readonly string[] = ['ok', 'tooFewRepeatBuyers', 'notConverged'];
const problem = (path: string, key: keyof typeof PROBLEMS): ClvFitIssue => ({ path, message: PROBLEMS[key] });
const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function checkParams(raw: unknown, keys: readonly string[], path: string, issues: ClvFitIssue[]): void {
  if (!isRecord(raw)) {
    issues.push(problem(path, 'params'));
    return;
  }
  for (const key of keys) {
    const v = raw[key];
    const positive = key !== 'logLikelihood';
    if (typeof v !== 'number' || !Number.isFinite(v) || (positive && v <= 0)) issues.push(problem(`${path}.${key}`, positive ? 'positive' : 'finite'));
  }
}

/**
 * The problems of an untrusted `clvFits` value (empty when it is a list of well-formed fits
 * whose `tableId`s are among `tableIds`). A fit with status `ok` must carry finite, positive
 * BG/NBD parameters (and Gamma-Gamma ones when it names an amount field).
 */
export function checkClvFits(raw: unknown, tableIds: ReadonlySet<string>, path = 'clvFits'): ClvFitIssue[] {
  const issues: ClvFitIssue[] = [];
  if (!Array.isArray(raw)) return [problem(path, 'array')];
  raw.forEach((fit: unknown, i) => {
    const at = `${path}[${i}]`;
    if (!isRecord(fit)) {
      issues.push(problem(at, 'object'));
      return;
    }
    if (typeof fit.tableId !== 'string' || !tableIds.has(fit.tableId)) issues.push(problem(`${at}.tableId`, 'table'));
    for (const key of ['source', 'dateField', 'fittedAt'] as const) if (typeof fit[key] !== 'string' || fit[key] === '') issues.push(problem(`${at}.${key}`, 'text'));
    if (fit.amountField !== undefined && typeof fit.amountField !== 'string') issues.push(problem(`${at}.amountField`, 'string'));
    if (typeof fit.asOf !== 'string' || !ISO_DAY.test(fit.asOf)) issues.push(problem(`${at}.asOf`, 'day'));
    for (const key of ['orders', 'customers', 'repeatBuyers'] as const) {
      const v = fit[key];
      if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) issues.push(problem(`${at}.${key}`, 'count'));
    }
    if (typeof fit.status !== 'string' || !STATUSES.includes(fit.status)) issues.push(problem(`${at}.status`, 'status'));
    if (fit.status === 'ok' || fit.bgnbd !== undefined) checkParams(fit.bgnbd, ['r', 'alpha', 'a', 'b', 'logLikelihood'], `${at}.bgnbd`, issues);
    if ((fit.status === 'ok' && fit.amountField !== undefined) || fit.gammaGamma !== undefined) checkParams(fit.gammaGamma, ['p', 'q', 'gamma', 'logLikelihood'], `${at}.gammaGamma`, issues);
  });
  return issues;
}
