/**
 * Predictive customer lifetime value (预测 CLV): the BG/NBD model of repeat purchasing and
 * dropout (Fader, Hardie & Lee 2005) and the Gamma-Gamma model of spend per purchase
 * (Fader & Hardie 2013), fitted by maximum likelihood, with the predictions an operations
 * user needs: expected purchases in the next N periods, P(still a customer), expected average
 * spend and a discounted CLV in the convention of the Python library lifetimes.
 *
 * Input is the per-customer summary (frequency x = repeat purchases, recency t_x = time from
 * first to last purchase, T = time from first purchase to the end of observation, in one time
 * unit such as weeks), which {@link summariseTransactions} (./clv-summary.ts) builds from raw
 * orders. Everything here is pure and framework-free; numerical helpers live in ./clv-math.ts.
 * Validated against the CDNOW benchmark: see docs/predictive-clv.md.
 */
import { digamma, hyp2f1Parts, interpolateAcross, logGamma, minimiseBfgs, oneMinusScaledHyp, type MinimiseResult } from './clv-math.js';

export { summariseTransactions, type TransactionInput, type SummariseOptions, type CustomerSummary } from './clv-summary.js';

/** BG/NBD parameters: purchase rates λ ~ Gamma(r, α); dropout probabilities p ~ Beta(a, b). */
export interface BgNbdParams {
  r: number;
  alpha: number;
  a: number;
  b: number;
}

/** A customer's purchase history summary in model time units (e.g. weeks). */
export interface RfmCustomer {
  /** x: number of repeat purchases (purchase days after the first), a whole number ≥ 0. */
  frequency: number;
  /** t_x: time from the first to the last purchase; 0 when frequency is 0. */
  recency: number;
  /** T: time from the first purchase to the end of the observation period; ≥ recency. */
  T: number;
}

/** A customer's repeat-purchase spend summary for the Gamma-Gamma model. */
export interface SpendCustomer {
  /** x: number of repeat purchases. */
  frequency: number;
  /** z̄: mean value of those repeat purchases (0 when there are none). */
  monetaryValue: number;
}

/** Everything {@link predictClv} needs about one customer. */
export type ClvCustomer = RfmCustomer & SpendCustomer;

/** Options of the maximum-likelihood fits. */
export interface FitOptions<P> {
  /** Start the optimiser here only (by default a few built-in starts, best result kept). */
  initial?: P;
  /** Iteration cap per start (default 500). */
  maxIterations?: number;
  /** Converged when every |∂(−mean log-likelihood)/∂ ln θ| is at most this (default 1e-9). */
  gradientTolerance?: number;
}

/** Outcome of {@link fitBgNbd}. */
export interface BgNbdFit extends BgNbdParams {
  /** Total log-likelihood at the estimate (natural log, summed over customers). */
  logLikelihood: number;
  /** BFGS iterations of the winning start. */
  iterations: number;
  /** True when the gradient vanished to the tolerance (a proper maximum). */
  converged: boolean;
  /** Customers used. */
  customers: number;
}

/** Gamma-Gamma parameters: spend per purchase ~ Gamma(p, ν), ν ~ Gamma(q, γ). */
export interface GammaGammaParams {
  p: number;
  q: number;
  gamma: number;
}

/** Outcome of {@link fitGammaGamma}. */
export interface GammaGammaFit extends GammaGammaParams {
  logLikelihood: number;
  iterations: number;
  converged: boolean;
  /** Customers used: frequency > 0 and monetaryValue > 0. */
  customers: number;
  /** Customers left out because they had no repeat purchase or a zero mean spend. */
  skipped: number;
}

/** Options of {@link predictClv}. */
export interface ClvOptions {
  /** Horizon in months (whole number ≥ 0). */
  months: number;
  /** Discount rate per month, e.g. 0.01 for 1 % (≥ 0). */
  discountRatePerMonth: number;
  /** Length of the model's time unit in days (default 7: the model was fitted in weeks). */
  timeUnitDays?: number;
  /** Days per month (default 30.415, i.e. lifetimes' 4.345 weeks; lifetimes uses 30 for daily data). */
  daysPerMonth?: number;
}

// ---------------------------------------------------------------------------------------------
// Validation: every public function checks its inputs, so a bad row becomes a clear RangeError
// instead of a NaN that silently spreads through a dashboard.

function checkPositive(value: number, name: string): void {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
    throw new RangeError(`${name} must be a finite number > 0, got ${String(value)}`);
  }
}

function checkNonNegative(value: number, name: string): void {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new RangeError(`${name} must be a finite number ≥ 0, got ${String(value)}`);
  }
}

function checkBgNbdParams(p: BgNbdParams): void {
  checkPositive(p.r, 'r');
  checkPositive(p.alpha, 'alpha');
  checkPositive(p.a, 'a');
  checkPositive(p.b, 'b');
}

function checkGammaGammaParams(p: GammaGammaParams): void {
  checkPositive(p.p, 'p');
  checkPositive(p.q, 'q');
  checkPositive(p.gamma, 'gamma');
}

function checkRfm(c: RfmCustomer, where: string): void {
  if (c === null || typeof c !== 'object') throw new RangeError(`${where} must be an object with frequency, recency and T`);
  checkNonNegative(c.frequency, `${where}.frequency`);
  if (!Number.isInteger(c.frequency)) throw new RangeError(`${where}.frequency must be a whole number of repeat purchases, got ${c.frequency}`);
  checkNonNegative(c.recency, `${where}.recency`);
  checkNonNegative(c.T, `${where}.T`);
  if (c.recency > c.T) throw new RangeError(`${where}.recency (${c.recency}) must not exceed T (${c.T})`);
  if (c.frequency === 0 && c.recency !== 0) {
    throw new RangeError(`${where}.recency must be 0 when frequency is 0 (no repeat purchase), got ${c.recency}`);
  }
}

function checkSpend(c: SpendCustomer, where: string): void {
  if (c === null || typeof c !== 'object') throw new RangeError(`${where} must be an object with frequency and monetaryValue`);
  checkNonNegative(c.frequency, `${where}.frequency`);
  checkNonNegative(c.monetaryValue, `${where}.monetaryValue`);
}

// ---------------------------------------------------------------------------------------------
// BG/NBD likelihood

interface RfmRow {
  x: number;
  tx: number;
  T: number;
  w: number;
}

/**
 * Identical (x, t_x, T) rows share one likelihood term; weekly data has many repeats. Keyed by
 * nested number maps rather than text: turning 100,000 fractional times into strings cost
 * more than the whole fit.
 */
function aggregateRfm(customers: readonly RfmCustomer[]): RfmRow[] {
  const byX = new Map<number, Map<number, Map<number, RfmRow>>>();
  const rows: RfmRow[] = [];
  customers.forEach((c, i) => {
    checkRfm(c, `customers[${i}]`);
    let byTx = byX.get(c.frequency);
    if (!byTx) byX.set(c.frequency, (byTx = new Map()));
    let byT = byTx.get(c.recency);
    if (!byT) byTx.set(c.recency, (byT = new Map()));
    const row = byT.get(c.T);
    if (row) row.w += 1;
    else {
      const added = { x: c.frequency, tx: c.recency, T: c.T, w: 1 };
      byT.set(c.T, added);
      rows.push(added);
    }
  });
  return rows;
}

/**
 * Sum of log-likelihoods and its gradient with respect to (ln r, ln α, ln a, ln b).
 * Γ(r+x)/Γ(r) and B(a, b+x)/B(a, b) are running products over j < x: summing their logs is
 * exact where a difference of two large log-gammas would cancel.
 */
function bgnbdLogLikelihoodAndGradient(rows: readonly RfmRow[], p: BgNbdParams, maxX: number, withGradient: boolean) {
  const { r, alpha, a, b } = p;
  const lnRise = new Float64Array(maxX + 1);
  const lnBetaRatio = new Float64Array(maxX + 1);
  const dRise = new Float64Array(maxX + 1);
  const dA = new Float64Array(maxX + 1);
  const dB = new Float64Array(maxX + 1);
  for (let j = 0; j < maxX; j++) {
    lnRise[j + 1] = lnRise[j] + Math.log(r + j);
    lnBetaRatio[j + 1] = lnBetaRatio[j] + Math.log((b + j) / (a + b + j));
    dRise[j + 1] = dRise[j] + 1 / (r + j);
    dA[j + 1] = dA[j] - 1 / (a + b + j);
    dB[j + 1] = dB[j] + 1 / (b + j) - 1 / (a + b + j);
  }
  const lnAlpha = Math.log(alpha);
  const lnA = Math.log(a);
  let ll = 0;
  let gr = 0;
  let gAlpha = 0;
  let ga = 0;
  let gb = 0;
  for (const { x, tx, T, w } of rows) {
    const lnAT = Math.log(alpha + T);
    const l1 = -(r + x) * lnAT;
    let lse = l1;
    let w2 = 0;
    let lnATx = 0;
    if (x > 0) {
      lnATx = Math.log(alpha + tx);
      const l2 = lnA - Math.log(b + x - 1) - (r + x) * lnATx;
      const m = Math.max(l1, l2);
      const e1 = Math.exp(l1 - m);
      const e2 = Math.exp(l2 - m);
      lse = m + Math.log(e1 + e2);
      w2 = e2 / (e1 + e2);
    }
    ll += w * (lnBetaRatio[x] + lnRise[x] + r * lnAlpha + lse);
    if (withGradient) {
      const w1 = 1 - w2;
      gr += w * (dRise[x] + lnAlpha - w1 * lnAT - w2 * lnATx);
      gAlpha += w * (r / alpha - (r + x) * (w1 / (alpha + T) + (x > 0 ? w2 / (alpha + tx) : 0)));
      ga += w * (dA[x] + (x > 0 ? w2 / a : 0));
      gb += w * (dB[x] - (x > 0 ? w2 / (b + x - 1) : 0));
    }
  }
  // Chain rule to log-parameters: ∂/∂ln θ = θ ∂/∂θ.
  return { ll, grad: [gr * r, gAlpha * alpha, ga * a, gb * b] };
}

/**
 * Total BG/NBD log-likelihood of `customers` at `params` (Fader, Hardie & Lee 2005, eq. 6).
 * At the published CDNOW parameters it is −9582.43.
 */
export function bgnbdLogLikelihood(params: BgNbdParams, customers: readonly RfmCustomer[]): number {
  checkBgNbdParams(params);
  const rows = aggregateRfm(customers);
  const maxX = rows.reduce((m, row) => Math.max(m, row.x), 0);
  return bgnbdLogLikelihoodAndGradient(rows, params, maxX, false).ll;
}

function bestOf(results: MinimiseResult[]): MinimiseResult {
  return results.reduce((best, r) => (r.f < best.f || (!Number.isFinite(best.f) && Number.isFinite(r.f)) ? r : best));
}

/**
 * Fit the BG/NBD model by maximum likelihood. The log-parameters are optimised by BFGS with the
 * analytic gradient from a few starting points; the best maximum is returned.
 *
 * @example fitBgNbd(summaries) // CDNOW sample: r ≈ 0.243, alpha ≈ 4.414, a ≈ 0.793, b ≈ 2.426
 * @throws RangeError when the list is empty, nobody made a repeat purchase, or a customer is
 *   invalid (negative, NaN, non-whole frequency, recency > T, recency ≠ 0 with frequency 0).
 */
export function fitBgNbd(customers: readonly RfmCustomer[], options: FitOptions<BgNbdParams> = {}): BgNbdFit {
  if (!Array.isArray(customers) || customers.length === 0) throw new RangeError('fitBgNbd needs at least one customer');
  const rows = aggregateRfm(customers);
  const maxX = rows.reduce((m, row) => Math.max(m, row.x), 0);
  // Without a single repeat purchase the dropout parameters a, b do not enter the likelihood
  // at all: there is nothing to estimate, so say so rather than return arbitrary numbers.
  if (maxX === 0) throw new RangeError('fitBgNbd needs at least one customer with a repeat purchase (frequency > 0)');
  const n = customers.length;
  const objective = (theta: number[]) => {
    const p = { r: Math.exp(theta[0]), alpha: Math.exp(theta[1]), a: Math.exp(theta[2]), b: Math.exp(theta[3]) };
    const { ll, grad } = bgnbdLogLikelihoodAndGradient(rows, p, maxX, true);
    // The mean keeps the gradient tolerance independent of the number of customers.
    return { f: -ll / n, g: grad.map((v) => -v / n) };
  };
  let starts: BgNbdParams[];
  if (options.initial) {
    checkBgNbdParams(options.initial);
    starts = [options.initial];
  } else {
    // α is a time scale: start it at the average observation length so the starts suit any unit.
    const meanT = Math.max(rows.reduce((s, row) => s + row.w * row.T, 0) / n, 1e-6);
    starts = [
      { r: 1, alpha: meanT, a: 1, b: 1 },
      { r: 0.5, alpha: meanT / 5, a: 0.5, b: 2 },
      { r: 2, alpha: meanT * 2, a: 2, b: 5 },
    ];
  }
  const results = starts.map((s) =>
    minimiseBfgs(objective, [Math.log(s.r), Math.log(s.alpha), Math.log(s.a), Math.log(s.b)], {
      maxIterations: options.maxIterations ?? 500,
      gradientTolerance: options.gradientTolerance ?? 1e-9,
    }),
  );
  const best = bestOf(results);
  const [r, alpha, a, b] = best.x.map(Math.exp);
  return { r, alpha, a, b, logLikelihood: -best.f * n, iterations: best.iterations, converged: best.converged, customers: n };
}

// ---------------------------------------------------------------------------------------------
// BG/NBD predictions

/**
 * Evaluate f(v) for a parameter v that sits on a removable singularity of a closed form
 * (0/0 at a = 1, say): within h of it, interpolate from well-conditioned points either side.
 */
function acrossSingularity(v: number, singular: number, h: number, f: (v: number) => number): number {
  return Math.abs(v - singular) < h ? interpolateAcross(singular, h, v, f) : f(v);
}

/** E[X(t)] for a customer just acquired (FHL2005 eq. 9). */
function expectedNew(p: BgNbdParams, t: number): number {
  if (t === 0) return 0;
  const evaluate = (a: number, b: number) => {
    const c = a + b - 1;
    const f = hyp2f1Parts(p.r, b, c, t / (p.alpha + t));
    return (c / (a - 1)) * oneMinusScaledHyp(-p.r * Math.log1p(t / p.alpha), f);
  };
  // Removable singularities: a = 1 (0/0) and a + b = 1 (c = 0, where ₂F₁ has a pole but c·₂F₁ does not).
  return acrossSingularity(p.a, 1, 1e-4, (a) => acrossSingularity(p.b, 1 - a, 1e-6, (b) => evaluate(a, b)));
}

/** P(alive | x, t_x, T) without validation (FHL2005 eq. 11 rearranged, in log space). */
function pAlive(p: BgNbdParams, c: RfmCustomer): number {
  const x = c.frequency;
  if (x === 0) return 1;
  const logOdds = Math.log(p.a) - Math.log(p.b + x - 1) + (p.r + x) * Math.log1p((c.T - c.recency) / (p.alpha + c.recency));
  return logOdds > 0 ? Math.exp(-logOdds) / (1 + Math.exp(-logOdds)) : 1 / (1 + Math.exp(logOdds));
}

/** E[Y(t) | x, t_x, T] (FHL2005 eq. 10). */
function expectedConditional(p: BgNbdParams, t: number, c: RfmCustomer): number {
  if (t === 0) return 0;
  const x = c.frequency;
  const alive = pAlive(p, c);
  const evaluate = (a: number, b: number) => {
    const cc = a + b + x - 1;
    const f = hyp2f1Parts(p.r + x, b + x, cc, t / (p.alpha + c.T + t));
    return (cc / (a - 1)) * oneMinusScaledHyp(-(p.r + x) * Math.log1p(t / (p.alpha + c.T)), f);
  };
  const e =
    x === 0
      ? acrossSingularity(p.a, 1, 1e-4, (a) => acrossSingularity(p.b, 1 - a, 1e-6, (b) => evaluate(a, b)))
      : acrossSingularity(p.a, 1, 1e-4, (a) => evaluate(a, p.b));
  return e * alive;
}

/**
 * Expected number of repeat purchases in the next `t` time units.
 * - Without `customer`: E[X(t)] for a customer acquired now.
 * - With `customer`: E[Y(t) | x, t_x, T], the expectation given that customer's history.
 *
 * @example expectedPurchases(published, 39, { frequency: 2, recency: 30.43, T: 38.86 }) // 1.2260
 */
export function expectedPurchases(params: BgNbdParams, t: number, customer?: RfmCustomer): number {
  checkBgNbdParams(params);
  checkNonNegative(t, 't');
  if (customer === undefined) return expectedNew(params, t);
  checkRfm(customer, 'customer');
  return expectedConditional(params, t, customer);
}

/**
 * P(alive | x, t_x, T): the probability the customer has not dropped out (1 when they never
 * repeated, since in BG/NBD dropout can only happen right after a purchase).
 */
export function probabilityAlive(params: BgNbdParams, customer: RfmCustomer): number {
  checkBgNbdParams(params);
  checkRfm(customer, 'customer');
  return pAlive(params, customer);
}

/**
 * P(X(t) = n): the probability that a customer acquired now makes exactly n repeat purchases
 * in the next t time units (FHL2005 eq. 8).
 */
export function probabilityOfPurchases(params: BgNbdParams, t: number, n: number): number {
  checkBgNbdParams(params);
  checkNonNegative(t, 't');
  checkNonNegative(n, 'n');
  if (!Number.isInteger(n)) throw new RangeError(`n must be a whole number of purchases, got ${n}`);
  if (t === 0) return n === 0 ? 1 : 0;
  const { r, alpha, a, b } = params;
  const lnOneMinusZ = -Math.log1p(t / alpha); // ln(α/(α+t))
  const lnZ = Math.log(t) - Math.log(alpha + t); // ln(t/(α+t))
  let lnBeta = 0; // ln B(a, b+j)/B(a, b), j = 0..n
  let lnBetaPrev = 0; // the same at j − 1
  let lnNb = r * lnOneMinusZ; // ln of the negative-binomial pmf at j
  let head = 0; // Σ_{j<n} NB pmf
  for (let j = 0; j < n; j++) {
    head += Math.exp(lnNb);
    lnNb += Math.log(r + j) - Math.log(j + 1) + lnZ;
    lnBetaPrev = lnBeta;
    lnBeta += Math.log((b + j) / (a + b + j));
  }
  let prob = Math.exp(lnBeta + lnNb);
  if (n > 0) {
    // P(NB ≥ n): a plain 1 − head cancels when the tail is tiny, so sum the tail instead there.
    let tail: number;
    if (head < 0.5) tail = 1 - head;
    else {
      tail = 0;
      let term = Math.exp(lnNb);
      for (let j = n; j < n + 10_000_000 && term > 1e-18 * tail; j++) {
        tail += term;
        term *= ((r + j) / (j + 1)) * Math.exp(lnZ);
      }
    }
    prob += Math.exp(Math.log(a) - Math.log(a + b + n - 1) + lnBetaPrev) * tail;
  }
  return prob;
}

// ---------------------------------------------------------------------------------------------
// Gamma-Gamma

interface SpendRow {
  x: number;
  m: number;
  w: number;
}

/**
 * Total Gamma-Gamma log-likelihood and gradient in (ln p, ln q, ln γ). The log-gamma and
 * digamma terms depend on x alone, so they are computed once per distinct x (a few dozen),
 * not once per customer.
 */
function ggLogLikelihoodAndGradient(rows: readonly SpendRow[], pp: GammaGammaParams, withGradient: boolean) {
  const { p, q, gamma } = pp;
  const lgq = logGamma(q);
  const psiQ = withGradient ? digamma(q) : 0;
  const lnGamma = Math.log(gamma);
  const perX = new Map<number, { lg: number; psiPxQ: number; psiDiff: number }>();
  const termsOf = (x: number) => {
    let terms = perX.get(x);
    if (!terms) {
      const px = p * x;
      const psiPxQ = withGradient ? digamma(px + q) : 0;
      terms = { lg: logGamma(px + q) - logGamma(px), psiPxQ, psiDiff: withGradient ? psiPxQ - digamma(px) : 0 };
      perX.set(x, terms);
    }
    return terms;
  };
  let ll = 0;
  let gp = 0;
  let gq = 0;
  let gg = 0;
  for (const { x, m, w } of rows) {
    const px = p * x;
    const lnM = Math.log(m);
    const lnX = Math.log(x);
    const lnDen = Math.log(gamma + x * m);
    const terms = termsOf(x);
    ll += w * (terms.lg - lgq + q * lnGamma + (px - 1) * lnM + px * lnX - (px + q) * lnDen);
    if (withGradient) {
      gp += w * x * (terms.psiDiff + lnM + lnX - lnDen);
      gq += w * (terms.psiPxQ - psiQ + lnGamma - lnDen);
      gg += w * (q / gamma - (px + q) / (gamma + x * m));
    }
  }
  return { ll, grad: [gp * p, gq * q, gg * gamma] };
}

function spendRows(customers: readonly SpendCustomer[]): { rows: SpendRow[]; used: number } {
  // Nested number maps, as in aggregateRfm (text keys of fractional means are slow).
  const byX = new Map<number, Map<number, SpendRow>>();
  const rows: SpendRow[] = [];
  let used = 0;
  customers.forEach((c, i) => {
    checkSpend(c, `customers[${i}]`);
    if (c.frequency === 0 || c.monetaryValue === 0) return;
    used++;
    let byM = byX.get(c.frequency);
    if (!byM) byX.set(c.frequency, (byM = new Map()));
    const row = byM.get(c.monetaryValue);
    if (row) row.w += 1;
    else {
      const added = { x: c.frequency, m: c.monetaryValue, w: 1 };
      byM.set(c.monetaryValue, added);
      rows.push(added);
    }
  });
  return { rows, used };
}

/** Total Gamma-Gamma log-likelihood of the repeat buyers among `customers` (others are skipped). */
export function gammaGammaLogLikelihood(params: GammaGammaParams, customers: readonly SpendCustomer[]): number {
  checkGammaGammaParams(params);
  return ggLogLikelihoodAndGradient(spendRows(customers).rows, params, false).ll;
}

/**
 * Fit the Gamma-Gamma spend model by maximum likelihood on the customers with at least one
 * repeat purchase and a positive mean spend (the others carry no spend information and are
 * counted in `skipped`). Starts near the mean spend, as a start far away can get caught on
 * the likelihood's ridge p → ∞, γ → 0.
 *
 * @throws RangeError for negative or NaN values, or when no customer has a repeat purchase.
 */
export function fitGammaGamma(customers: readonly SpendCustomer[], options: FitOptions<GammaGammaParams> = {}): GammaGammaFit {
  if (!Array.isArray(customers)) throw new RangeError('fitGammaGamma needs an array of customers');
  const { rows, used } = spendRows(customers);
  if (used === 0) throw new RangeError('fitGammaGamma needs at least one customer with frequency > 0 and monetaryValue > 0');
  const objective = (theta: number[]) => {
    const p = { p: Math.exp(theta[0]), q: Math.exp(theta[1]), gamma: Math.exp(theta[2]) };
    const { ll, grad } = ggLogLikelihoodAndGradient(rows, p, true);
    return { f: -ll / used, g: grad.map((v) => -v / used) };
  };
  let starts: GammaGammaParams[];
  if (options.initial) {
    checkGammaGammaParams(options.initial);
    starts = [options.initial];
  } else {
    const meanSpend = rows.reduce((s, row) => s + row.w * row.m, 0) / used;
    starts = [
      { p: 2, q: 3, gamma: meanSpend },
      { p: 1, q: 2, gamma: meanSpend / 2 },
      { p: 5, q: 5, gamma: meanSpend * 2 },
    ];
  }
  const results = starts.map((s) =>
    minimiseBfgs(objective, [Math.log(s.p), Math.log(s.q), Math.log(s.gamma)], {
      maxIterations: options.maxIterations ?? 500,
      gradientTolerance: options.gradientTolerance ?? 1e-9,
    }),
  );
  const best = bestOf(results);
  const [p, q, gamma] = best.x.map(Math.exp);
  return {
    p,
    q,
    gamma,
    logLikelihood: -best.f * used,
    iterations: best.iterations,
    converged: best.converged,
    customers: used,
    skipped: customers.length - used,
  };
}

/**
 * Expected average spend per future purchase: a weighted mean of the population mean
 * pγ/(q−1) and the customer's own mean, leaning on the customer's mean the more repeat
 * purchases they have. Customers without repeat purchases get the population mean.
 *
 * @throws RangeError when the mean is infinite (q ≤ 1 for new customers, px + q ≤ 1 otherwise).
 */
export function expectedAverageSpend(params: GammaGammaParams, customer: SpendCustomer): number {
  checkGammaGammaParams(params);
  checkSpend(customer, 'customer');
  const { p, q, gamma } = params;
  const x = customer.frequency;
  const denominator = p * x + q - 1;
  if (!(denominator > 0)) {
    throw new RangeError(`expected spend is infinite for these parameters (p·x + q − 1 = ${denominator} ≤ 0)`);
  }
  // (q−1)/(px+q−1) · pγ/(q−1) + px/(px+q−1) · z̄, with the (q−1) cancelled so q near 1 is fine.
  return (p * gamma + p * x * customer.monetaryValue) / denominator;
}

/**
 * Discounted predicted CLV, lifetimes' convention: over months i = 1..H,
 * Σ spend · (E[Y(i·f)] − E[Y((i−1)·f)]) / (1 + d)^i, where f is a month in model time units,
 * spend is {@link expectedAverageSpend} and E[Y] is {@link expectedPurchases} for this customer.
 * No profit margin is applied: multiply by yours.
 */
export function predictClv(bgnbd: BgNbdParams, gammaGamma: GammaGammaParams, customer: ClvCustomer, options: ClvOptions): number {
  checkBgNbdParams(bgnbd);
  checkRfm(customer, 'customer');
  const spend = expectedAverageSpend(gammaGamma, customer);
  const { months, discountRatePerMonth } = options;
  checkNonNegative(months, 'months');
  if (!Number.isInteger(months)) throw new RangeError(`months must be a whole number, got ${months}`);
  checkNonNegative(discountRatePerMonth, 'discountRatePerMonth');
  const timeUnitDays = options.timeUnitDays ?? 7;
  const daysPerMonth = options.daysPerMonth ?? 30.415;
  checkPositive(timeUnitDays, 'timeUnitDays');
  checkPositive(daysPerMonth, 'daysPerMonth');
  const monthLength = daysPerMonth / timeUnitDays;
  let clv = 0;
  let previous = 0;
  for (let i = 1; i <= months; i++) {
    const current = expectedConditional(bgnbd, i * monthLength, customer);
    clv += (spend * (current - previous)) / Math.pow(1 + discountRatePerMonth, i);
    previous = current;
  }
  return clv;
}
