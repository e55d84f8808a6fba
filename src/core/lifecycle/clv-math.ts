/**
 * Numerical building blocks for predictive CLV (./clv.ts): log-gamma and digamma for the
 * likelihoods and their gradients, the Gauss hypergeometric function ₂F₁ on 0 ≤ z < 1 for the
 * BG/NBD expectations, and a small BFGS minimiser for the maximum-likelihood fits.
 *
 * Everything is plain floating-point code with no dependencies, so it runs in Node and in the
 * browser. Accuracy targets are about 1e-13 relative for log-gamma/digamma and 1e-10 relative
 * for ₂F₁ over the parameter ranges the models produce; tests compare with mpmath.
 */

const LN_2PI_HALF = 0.5 * Math.log(2 * Math.PI);
const LN_PI = Math.log(Math.PI);

/** ln Γ(x) for x > 0 (NaN-free: throws RangeError otherwise). */
export function logGamma(x: number): number {
  if (!(x > 0) || !Number.isFinite(x)) throw new RangeError(`logGamma needs a finite x > 0, got ${x}`);
  // Shift up with Γ(x) = Γ(x+n) / (x (x+1) … (x+n-1)) until the Stirling series is accurate
  // to double precision (its first omitted term at y = 10 is below 1e-16).
  let y = x;
  let prod = 1;
  while (y < 10) {
    prod *= y;
    y += 1;
  }
  const inv = 1 / y;
  const inv2 = inv * inv;
  const series =
    inv *
    (1 / 12 +
      inv2 * (-1 / 360 + inv2 * (1 / 1260 + inv2 * (-1 / 1680 + inv2 * (1 / 1188 + inv2 * (-691 / 360360 + inv2 * (1 / 156)))))));
  return (y - 0.5) * Math.log(y) - y + LN_2PI_HALF + series - Math.log(prod);
}

/** ψ(x) = d/dx ln Γ(x) for x > 0. */
export function digamma(x: number): number {
  if (!(x > 0) || !Number.isFinite(x)) throw new RangeError(`digamma needs a finite x > 0, got ${x}`);
  let y = x;
  let acc = 0;
  while (y < 10) {
    acc -= 1 / y;
    y += 1;
  }
  const inv2 = 1 / (y * y);
  const series =
    inv2 *
    (-1 / 12 + inv2 * (1 / 120 + inv2 * (-1 / 252 + inv2 * (1 / 240 + inv2 * (-1 / 132 + inv2 * (691 / 32760 + inv2 * (-1 / 12)))))));
  return acc + Math.log(y) - 0.5 / y + series;
}

/** sin(πx) with the argument reduced first, so integers give exactly 0. */
function sinPi(x: number): number {
  const r = x - 2 * Math.floor(x / 2); // r in [0, 2)
  if (r === 0 || r === 1) return 0;
  if (r === 0.5) return 1;
  if (r === 1.5) return -1;
  return Math.sin(Math.PI * r);
}

/** A real number held as sign · exp(log); sign 0 means exactly zero. */
export interface SignedLog {
  sign: number;
  log: number;
}

/** 1/Γ(x) as a signed log for any real x; at the poles (0, −1, −2, …) it is exactly 0. */
function reciprocalGammaSL(x: number): SignedLog {
  if (x > 0) return { sign: 1, log: -logGamma(x) };
  const s = sinPi(x);
  if (s === 0) return { sign: 0, log: -Infinity };
  // Reflection: 1/Γ(x) = sin(πx) Γ(1−x) / π.
  return { sign: Math.sign(s), log: Math.log(Math.abs(s)) + logGamma(1 - x) - LN_PI };
}

function slMul(...parts: SignedLog[]): SignedLog {
  let sign = 1;
  let log = 0;
  for (const p of parts) {
    sign *= p.sign;
    if (sign === 0) return { sign: 0, log: -Infinity };
    log += p.log;
  }
  return { sign, log };
}

function slAdd(p: SignedLog, q: SignedLog): SignedLog {
  if (p.sign === 0) return q;
  if (q.sign === 0) return p;
  const [big, small] = p.log >= q.log ? [p, q] : [q, p];
  const ratio = Math.exp(small.log - big.log);
  const m = big.sign === small.sign ? 1 + ratio : 1 - ratio;
  if (m === 0) return { sign: 0, log: -Infinity };
  return { sign: big.sign, log: big.log + Math.log(m) };
}

function slFromNumber(v: number): SignedLog {
  return v === 0 ? { sign: 0, log: -Infinity } : { sign: Math.sign(v), log: Math.log(Math.abs(v)) };
}

/** Result of the ₂F₁ evaluation: the value as a signed log, plus F − 1 when it is known
 * without cancellation (small z, where F is close to 1 and callers need 1 − u·F exactly). */
export interface Hyp2f1Parts extends SignedLog {
  minusOne?: number;
}

const RESCALE = 1e250;
const LN_RESCALE = Math.log(RESCALE);

/**
 * The power series Σ (a)_n (b)_n / ((c)_n n!) zⁿ, summed with a running rescale so huge sums
 * (large frequencies near z = 1) stay finite. Returns undefined when `maxTerms` is not enough.
 */
function hypSeries(a: number, b: number, c: number, z: number, maxTerms: number): Hyp2f1Parts | undefined {
  let term = 1;
  let rest = 0; // Σ_{n≥1} term_n, in units of exp(scale)
  let head = 1; // the n = 0 term, in the same units
  let scale = 0;
  for (let n = 0; n < maxTerms; n++) {
    const ratio = ((a + n) * (b + n)) / ((c + n) * (n + 1));
    term *= ratio * z;
    rest += term;
    const sum = head + rest;
    if (Math.abs(sum) > RESCALE) {
      term /= RESCALE;
      rest /= RESCALE;
      head /= RESCALE;
      scale += LN_RESCALE;
    }
    // Stop once the terms shrink geometrically and the tail bound term·q/(1−q) is negligible.
    const q = Math.abs(ratio * z);
    if (term === 0) break;
    if (n > 0 && q < 1 && Math.abs(term) * (q / (1 - q)) <= 1e-17 * Math.abs(head + rest)) {
      const total = head + rest;
      return { ...slFromNumber(total), log: Math.log(Math.abs(total)) + scale, minusOne: scale === 0 ? rest : undefined };
    }
  }
  if (term !== 0) return undefined;
  const total = head + rest;
  return { ...slFromNumber(total), log: Math.log(Math.abs(total)) + scale, minusOne: scale === 0 ? rest : undefined };
}

/** Cubic Lagrange interpolation at `at` through f(centre ± h), f(centre ± 2h). */
export function interpolateAcross(centre: number, h: number, at: number, f: (v: number) => number): number {
  const xs = [centre - 2 * h, centre - h, centre + h, centre + 2 * h];
  const ys = xs.map(f);
  let sum = 0;
  for (let i = 0; i < 4; i++) {
    let w = 1;
    for (let j = 0; j < 4; j++) if (j !== i) w *= (at - xs[j]) / (xs[i] - xs[j]);
    sum += w * ys[i];
  }
  return sum;
}

/** ₂F₁ through the z → 1 − z connection formula (A&S 15.3.6), for z close to 1. */
function hypNearOne(a: number, b: number, c: number, z: number): SignedLog {
  const s = c - a - b;
  const m = Math.round(s);
  const H = 1e-3;
  if (Math.abs(s - m) < 0.999 * H) {
    // The two terms of the formula have poles that cancel when c − a − b is an integer; ₂F₁ is
    // analytic in c, so interpolate across from points where the formula is well conditioned.
    const centre = a + b + m;
    const pts = [centre - 2 * H, centre - H, centre + H, centre + 2 * H].map((cc) => hypConnection(a, b, cc, z));
    const sameSign = pts.every((p) => p.sign === pts[0].sign && p.sign !== 0);
    const xs = [centre - 2 * H, centre - H, centre + H, centre + 2 * H];
    const ys = sameSign ? pts.map((p) => p.log) : pts.map((p) => p.sign * Math.exp(p.log));
    let v = 0;
    for (let i = 0; i < 4; i++) {
      let wt = 1;
      for (let j = 0; j < 4; j++) if (j !== i) wt *= (c - xs[j]) / (xs[i] - xs[j]);
      v += wt * ys[i];
    }
    return sameSign ? { sign: pts[0].sign, log: v } : slFromNumber(v);
  }
  return hypConnection(a, b, c, z);
}

/** The connection formula itself; c − a − b must be clear of the integers. */
function hypConnection(a: number, b: number, c: number, z: number): SignedLog {
  const w = 1 - z;
  const s = c - a - b;
  const fa = hypSeries(a, b, 1 - s, w, 1_000_000);
  const fb = hypSeries(c - a, c - b, 1 + s, w, 1_000_000);
  if (!fa || !fb) throw new RangeError(`hyp2f1(${a}, ${b}; ${c}; ${z}) did not converge`);
  const gc = reciprocalGammaSL(c);
  const termA = slMul(
    { sign: gc.sign, log: -gc.log },
    { sign: reciprocalGammaSL(s).sign, log: -reciprocalGammaSL(s).log },
    reciprocalGammaSL(c - a),
    reciprocalGammaSL(c - b),
    fa,
  );
  const termB = slMul(
    { sign: 1, log: s * Math.log(w) },
    { sign: gc.sign, log: -gc.log },
    { sign: reciprocalGammaSL(-s).sign, log: -reciprocalGammaSL(-s).log },
    reciprocalGammaSL(a),
    reciprocalGammaSL(b),
    fb,
  );
  return slAdd(termA, termB);
}

/**
 * Gauss hypergeometric ₂F₁(a, b; c; z) for 0 ≤ z < 1 and c not a non-positive integer, as a
 * signed log (values can exceed the double range for large purchase counts near z = 1).
 *
 * The power series is used while it converges in a few thousand terms; closer to z = 1 the
 * connection formula to 1 − z takes over (its two series then converge fast), with
 * interpolation across the integer values of c − a − b where that formula degenerates.
 */
export function hyp2f1Parts(a: number, b: number, c: number, z: number): Hyp2f1Parts {
  if (![a, b, c, z].every(Number.isFinite)) throw new RangeError('hyp2f1 needs finite arguments');
  if (!(z >= 0 && z < 1)) throw new RangeError(`hyp2f1 is implemented for 0 ≤ z < 1, got z = ${z}`);
  if (c <= 0 && Number.isInteger(c)) throw new RangeError(`hyp2f1 is undefined for c = ${c}`);
  if (z === 0) return { sign: 1, log: 0, minusOne: 0 };
  const viaSeries = hypSeries(a, b, c, z, z <= 0.75 ? 1_000_000 : 3000);
  if (viaSeries) return viaSeries;
  return hypNearOne(a, b, c, z);
}

/** ₂F₁(a, b; c; z) as a plain number (may be ±Infinity beyond the double range). */
export function hyp2f1(a: number, b: number, c: number, z: number): number {
  const p = hyp2f1Parts(a, b, c, z);
  return p.sign * Math.exp(p.log);
}

/** 1 − exp(logU) · F for F = ₂F₁ parts, computed without cancellation when u·F is near 1. */
export function oneMinusScaledHyp(logU: number, f: Hyp2f1Parts): number {
  if (f.sign > 0) {
    const logF = f.minusOne !== undefined ? Math.log1p(f.minusOne) : f.log;
    return -Math.expm1(logU + logF);
  }
  return 1 - f.sign * Math.exp(logU + f.log);
}

/** Objective value and gradient for the minimiser. */
export interface ValueAndGradient {
  f: number;
  g: number[];
}

/** Outcome of {@link minimiseBfgs}. */
export interface MinimiseResult {
  x: number[];
  f: number;
  iterations: number;
  converged: boolean;
  gradientNorm: number;
}

/** Options of {@link minimiseBfgs}. */
export interface MinimiseOptions {
  maxIterations?: number;
  /** Converged when every |∂f/∂xᵢ| is at most this. */
  gradientTolerance?: number;
  /** Points with any |xᵢ| above this are treated as infeasible (keeps exp(x) finite). */
  bound?: number;
}

function dot(u: number[], v: number[]): number {
  let s = 0;
  for (let i = 0; i < u.length; i++) s += u[i] * v[i];
  return s;
}

function maxAbs(v: number[]): number {
  let m = 0;
  for (const e of v) m = Math.max(m, Math.abs(e));
  return m;
}

/**
 * Unconstrained minimisation by BFGS with a backtracking (Armijo) line search and an analytic
 * gradient. Non-finite objective values and points outside ±`bound` count as "too far" and
 * shorten the step, so the models' log-parameters can never run off to overflow.
 */
export function minimiseBfgs(fg: (x: number[]) => ValueAndGradient, x0: number[], options: MinimiseOptions = {}): MinimiseResult {
  const n = x0.length;
  const maxIterations = options.maxIterations ?? 500;
  const tol = options.gradientTolerance ?? 1e-9;
  const bound = options.bound ?? 30;
  const feasible = (x: number[]) => x.every((v) => Math.abs(v) <= bound);
  let x = [...x0];
  let cur = fg(x);
  if (!Number.isFinite(cur.f) || !cur.g.every(Number.isFinite)) {
    return { x, f: cur.f, iterations: 0, converged: false, gradientNorm: Infinity };
  }
  // Inverse Hessian approximation, row-major.
  let H: number[][] = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 1 : 0)));
  let iterations = 0;
  let firstStep = true;
  let stalled = 0;
  while (iterations < maxIterations && maxAbs(cur.g) > tol) {
    iterations++;
    let d = H.map((row) => -dot(row, cur.g));
    let slope = dot(d, cur.g);
    if (!(slope < 0)) {
      // Lost descent (rounding in H): fall back to steepest descent and forget the curvature.
      H = H.map((row, i) => row.map((_, j) => (i === j ? 1 : 0)));
      d = cur.g.map((v) => -v);
      slope = dot(d, cur.g);
    }
    // Keep the first trial step modest: a unit step in log-parameters is a factor e.
    const dn = maxAbs(d);
    let step = dn > 2 ? 2 / dn : 1;
    let next: ValueAndGradient | undefined;
    let xNext: number[] = x;
    for (let k = 0; k < 60; k++) {
      xNext = x.map((v, i) => v + step * d[i]);
      if (feasible(xNext)) {
        const trial = fg(xNext);
        if (Number.isFinite(trial.f) && trial.g.every(Number.isFinite) && trial.f <= cur.f + 1e-4 * step * slope) {
          next = trial;
          break;
        }
      }
      step *= 0.5;
    }
    if (!next) break; // no decrease possible at this precision
    const s = xNext.map((v, i) => v - x[i]);
    const y = next.g.map((v, i) => v - cur.g[i]);
    const sy = dot(s, y);
    if (sy > 1e-14 * Math.sqrt(dot(s, s) * dot(y, y))) {
      if (firstStep) {
        const scale = sy / dot(y, y);
        H = H.map((row, i) => row.map((_, j) => (i === j ? scale : 0)));
        firstStep = false;
      }
      const Hy = H.map((row) => dot(row, y));
      const yHy = dot(y, Hy);
      const rho = 1 / sy;
      H = H.map((row, i) =>
        row.map((v, j) => v - rho * (Hy[i] * s[j] + s[i] * Hy[j]) + (rho * rho * yHy + rho) * s[i] * s[j]),
      );
    }
    // Near the optimum the decrease drowns in rounding noise while the gradient, itself a
    // sum of rounded terms, may hover just above a tight tolerance: stop after a few such steps.
    stalled = cur.f - next.f <= 1e-15 * Math.abs(cur.f) && maxAbs(s) < 1e-8 ? stalled + 1 : 0;
    x = xNext;
    cur = next;
    if (stalled >= 3) break;
  }
  const gradientNorm = maxAbs(cur.g);
  // A stall with a gradient within 1000× the tolerance is a maximum found to machine precision.
  const converged = gradientNorm <= tol || ((stalled >= 3 || iterations < maxIterations) && gradientNorm <= 1000 * tol);
  return { x, f: cur.f, iterations, converged, gradientNorm };
}
