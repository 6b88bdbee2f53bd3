/**
 * Maximum a-posteriori logistic regression with a Gaussian prior and box constraints, by projected
 * Newton (Bertsekas 1982): each step solves the Newton system on the parameters not held at a bound,
 * scales the gradient of those that are, projects onto the bounds and backtracks until the objective
 * falls enough (Armijo).
 *
 * Why Newton: the problem is small (one parameter per item rating, about a hundred) and strictly
 * convex (the prior makes the Hessian positive definite), so Newton converges in a handful of
 * iterations to the exact optimum, whatever the data — complete separation, an item seen once, no
 * deals at all — with no learning rate or memory size to tune; each iteration costs one pass over
 * the deals (the design is sparse and binary) plus a Cholesky factorisation of a p×p matrix.
 * Everything is plain floating-point arithmetic in a fixed order: the same input gives the same
 * bits out.
 */

/** A binary design matrix in compressed-row form: row i has ones at `columns[offsets[i]..offsets[i+1])`. */
export interface BinaryDesign {
  offsets: Int32Array;
  columns: Int32Array;
  /** Outcome per row: 1 won, 0 lost. */
  y: Uint8Array;
  /** Log-odds per row that no parameter explains (fixed contributions). */
  offset?: Float64Array;
}

/**
 * A Gaussian prior on linear combinations of the parameters: for each block,
 * ½ Σ_r precision[r] · (A[r] · θ[params] − mean[r])².
 */
export interface PriorBlock {
  params: readonly number[];
  A: readonly (readonly number[])[];
  mean: readonly number[];
  precision: readonly number[];
}

export interface FitProblem {
  design: BinaryDesign;
  parameters: number;
  prior: readonly PriorBlock[];
  lower: Float64Array;
  upper: Float64Array;
  start: Float64Array;
  maxIterations?: number;
}

export interface FitResult {
  theta: Float64Array;
  iterations: number;
  converged: boolean;
  /** Negative log posterior (up to a constant) at the optimum. */
  objective: number;
  /** Largest projected-gradient component at the optimum. */
  gradient: number;
}

const softplus = (x: number): number => (x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x)));
const sigmoid = (x: number): number => (x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x)));
const clamp = (v: number, lo: number, hi: number): number => (v < lo ? lo : v > hi ? hi : v);

/** The linear predictor of every row. */
export function linearPredictor(design: BinaryDesign, theta: ArrayLike<number>): Float64Array {
  const rows = design.offsets.length - 1;
  const eta = new Float64Array(rows);
  for (let i = 0; i < rows; i++) {
    let sum = design.offset ? design.offset[i]! : 0;
    for (let k = design.offsets[i]!; k < design.offsets[i + 1]!; k++) sum += theta[design.columns[k]!]!;
    eta[i] = sum;
  }
  return eta;
}

function objective(problem: FitProblem, theta: Float64Array): number {
  const { design } = problem;
  const eta = linearPredictor(design, theta);
  let f = 0;
  for (let i = 0; i < eta.length; i++) f += softplus(eta[i]!) - design.y[i]! * eta[i]!;
  for (const block of problem.prior)
    block.A.forEach((row, r) => {
      let value = -block.mean[r]!;
      row.forEach((a, c) => (value += a * theta[block.params[c]!]!));
      f += 0.5 * block.precision[r]! * value * value;
    });
  return f;
}

/** Gradient and Hessian (dense, row-major) of the objective. */
function derivatives(problem: FitProblem, theta: Float64Array): { g: Float64Array; H: Float64Array } {
  const { design, parameters: p } = problem;
  const g = new Float64Array(p);
  const H = new Float64Array(p * p);
  const eta = linearPredictor(design, theta);
  const { offsets, columns, y } = design;
  for (let i = 0; i < eta.length; i++) {
    const prob = sigmoid(eta[i]!);
    const residual = prob - y[i]!;
    const w = prob * (1 - prob);
    const start = offsets[i]!;
    const end = offsets[i + 1]!;
    for (let a = start; a < end; a++) {
      const ca = columns[a]!;
      g[ca] = g[ca]! + residual;
      const base = ca * p;
      for (let b = a; b < end; b++) H[base + columns[b]!] = H[base + columns[b]!]! + w;
    }
  }
  // Columns within a row are ascending, so only the upper triangle was filled: mirror it.
  for (let a = 0; a < p; a++) for (let b = a + 1; b < p; b++) H[b * p + a] = H[a * p + b]!;
  for (const block of problem.prior)
    block.A.forEach((row, r) => {
      let value = -block.mean[r]!;
      row.forEach((a, c) => (value += a * theta[block.params[c]!]!));
      const lambda = block.precision[r]!;
      row.forEach((a, c) => {
        const i = block.params[c]!;
        g[i] = g[i]! + lambda * a * value;
        row.forEach((b, d) => (H[i * p + block.params[d]!] = H[i * p + block.params[d]!]! + lambda * a * b));
      });
    });
  return { g, H };
}

/** Solves M x = b for a symmetric positive definite M (m×m, row-major) by Cholesky; adds a ridge if needed. */
export function solveSpd(M: Float64Array, b: Float64Array, m: number): Float64Array {
  for (let ridge = 0; ; ridge = ridge === 0 ? 1e-10 : ridge * 100) {
    const L = new Float64Array(m * m);
    let ok = true;
    for (let i = 0; i < m && ok; i++) {
      for (let j = 0; j <= i; j++) {
        let sum = M[i * m + j]! + (i === j ? ridge : 0);
        for (let k = 0; k < j; k++) sum -= L[i * m + k]! * L[j * m + k]!;
        if (i === j) {
          if (!(sum > 0)) {
            ok = false;
            break;
          }
          L[i * m + i] = Math.sqrt(sum);
        } else L[i * m + j] = sum / L[j * m + j]!;
      }
    }
    if (!ok) {
      if (ridge > 1e6) throw new Error('the Newton system is not positive definite');
      continue;
    }
    const z = new Float64Array(m);
    for (let i = 0; i < m; i++) {
      let sum = b[i]!;
      for (let k = 0; k < i; k++) sum -= L[i * m + k]! * z[k]!;
      z[i] = sum / L[i * m + i]!;
    }
    const x = new Float64Array(m);
    for (let i = m - 1; i >= 0; i--) {
      let sum = z[i]!;
      for (let k = i + 1; k < m; k++) sum -= L[k * m + i]! * x[k]!;
      x[i] = sum / L[i * m + i]!;
    }
    return x;
  }
}

/**
 * Minimises the negative log posterior within the bounds.
 * @example fitMap({ design, parameters: 3, prior, lower, upper, start }).theta
 */
export function fitMap(problem: FitProblem): FitResult {
  const { parameters: p, lower, upper } = problem;
  const maxIterations = problem.maxIterations ?? 100;
  let theta = Float64Array.from(problem.start, (v, j) => clamp(v, lower[j]!, upper[j]!));
  let f = objective(problem, theta);
  let gradient = Infinity;
  for (let iteration = 0; iteration < maxIterations; iteration++) {
    const { g, H } = derivatives(problem, theta);
    gradient = 0;
    for (let j = 0; j < p; j++) gradient = Math.max(gradient, Math.abs(theta[j]! - clamp(theta[j]! - g[j]!, lower[j]!, upper[j]!)));
    if (gradient < 1e-9) return { theta, iterations: iteration, converged: true, objective: f, gradient };
    // Parameters held at a bound by a gradient pushing outwards stay there this step.
    const free: number[] = [];
    const direction = new Float64Array(p);
    for (let j = 0; j < p; j++) {
      const atLower = theta[j]! <= lower[j]! + 1e-12 && g[j]! > 0;
      const atUpper = theta[j]! >= upper[j]! - 1e-12 && g[j]! < 0;
      if (atLower || atUpper) direction[j] = -g[j]! / H[j * p + j]!;
      else free.push(j);
    }
    const m = free.length;
    const M = new Float64Array(m * m);
    const rhs = new Float64Array(m);
    free.forEach((a, i) => {
      rhs[i] = -g[a]!;
      free.forEach((b, k) => (M[i * m + k] = H[a * p + b]!));
    });
    const step = solveSpd(M, rhs, m);
    free.forEach((a, i) => (direction[a] = step[i]!));
    let alpha = 1;
    let accepted = false;
    for (let tries = 0; tries < 60; tries++, alpha /= 2) {
      const next = Float64Array.from(theta, (v, j) => clamp(v + alpha * direction[j]!, lower[j]!, upper[j]!));
      let slope = 0;
      for (let j = 0; j < p; j++) slope += g[j]! * (next[j]! - theta[j]!);
      const fNext = objective(problem, next);
      if (fNext <= f + 1e-4 * slope) {
        accepted = true;
        const decrease = f - fNext;
        theta = next;
        f = fNext;
        if (decrease <= 1e-14 * (1 + Math.abs(f))) return { theta, iterations: iteration + 1, converged: true, objective: f, gradient };
        break;
      }
    }
    // No step decreases the objective: at the optimum to machine precision, or stuck.
    if (!accepted) return { theta, iterations: iteration + 1, converged: gradient < 1e-6, objective: f, gradient };
  }
  return { theta, iterations: maxIterations, converged: false, objective: f, gradient };
}
