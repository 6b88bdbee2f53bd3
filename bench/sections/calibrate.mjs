/**
 * Bench section: calibration of 10,000 closed deals. The snapshots are bench/generate.mjs's realistic
 * deals (seeded); each outcome is drawn from a known logistic model over the deal's evaluated ratings
 * (the default prior's weights, each scaled by a seeded factor in 0–4), so the fit has real signal to find.
 * Reports: evaluating the history once (prepareHistory), the MAP fit (calibrate), and 10-fold
 * cross-validation (ten more fits), with the iterations and the held-out AUC against the true model's.
 *
 * Run alone: node bench/sections/calibrate.mjs [deals] (after npm run build).
 */
import { fileURLToPath } from 'node:url';
import { calibrate, crossValidate, evaluateSync, prepareHistory, priorModel, builtinPack, scores } from '../../dist/index.js';
import { createRandom, generateSnapshots } from '../generate.mjs';

const seconds = (start) => Number(process.hrtime.bigint() - start) / 1e9;

export async function run(ctx = {}) {
  const log = ctx.log ?? ((line) => console.log(line));
  const deals = ctx.deals ?? 10_000;
  const random = createRandom(11);
  const items = ['sangfor-7step', 'man', 'bant'].flatMap((id) => builtinPack(id).items);
  const prior = priorModel(items);
  const truth = { intercept: 0, weights: {} };
  for (const [id, w] of Object.entries(prior.weights)) {
    const k = 4 * random.next() ** 2;
    truth.weights[id] = { C: k * w.C, F: k * w.F * 2 * random.next(), redFlag: k * w.redFlag };
  }
  const snapshots = generateSnapshots(deals, 7);
  const logits = snapshots.map((s) => {
    const r = evaluateSync(s, { model: truth });
    return r.ok ? r.logit : 0;
  });
  // The intercept puts the median deal at a 40% win rate.
  const median = [...logits].sort((a, b) => a - b)[Math.floor(deals / 2)];
  truth.intercept = Math.log(0.4 / 0.6) - median;
  const truthP = logits.map((l) => 1 / (1 + Math.exp(-(l + truth.intercept))));
  const history = snapshots.map((s, i) => ({ ...s, outcome: random.next() < truthP[i] ? 'won' : 'lost' }));
  const won = history.filter((h) => h.outcome === 'won').length;
  log(`calibrate: ${deals.toLocaleString('en-US')} closed deals (${won.toLocaleString('en-US')} won), generated`);

  let t = process.hrtime.bigint();
  const prepared = prepareHistory(history);
  const prepare = seconds(t);
  log(`calibrate: evaluate the history once (prepareHistory): ${prepare.toFixed(2)} s`);

  t = process.hrtime.bigint();
  const fit = calibrate(prepared);
  const fitSeconds = seconds(t);
  log(`calibrate: MAP fit of ${deals.toLocaleString('en-US')} deals: ${fitSeconds.toFixed(2)} s (${fit.iterations} Newton iterations, converged ${fit.converged})`);

  t = process.hrtime.bigint();
  const report = crossValidate(prepared, { folds: 10, seed: 1 });
  const cv = seconds(t);
  const trueAuc = scores(truthP, history.map((h) => (h.outcome === 'won' ? 1 : 0))).auc;
  log(`calibrate: 10-fold cross-validation: ${cv.toFixed(2)} s; held-out AUC ${report.auc.toFixed(3)} (true model ${trueAuc.toFixed(3)}, uncalibrated ${report.baseline.auc.toFixed(3)}), ECE ${report.ece.toFixed(3)}`);
  log(`calibrate: total for ${deals.toLocaleString('en-US')} deals (evaluate + fit): ${(prepare + fitSeconds).toFixed(2)} s`);
  return { deals, prepareSeconds: prepare, fitSeconds, crossValidateSeconds: cv, iterations: fit.iterations, auc: report.auc, trueAuc };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const deals = Number(process.argv[2]) || undefined;
  await run(deals ? { deals } : {});
}
