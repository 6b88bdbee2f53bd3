/**
 * `dealqual calibrate -f html`: the cross-validation as a page — scores, a reliability diagram and
 * ROC curves of the held-out predictions (calibrated vs uncalibrated), the per-fold summary, and the
 * weights calibration moved. Same shell and chart renderer as the audit report.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { Locale } from '../../../locale/messages.js';
import type { CrossValidationReport } from '../../../model/calibrate.js';
import { esc, page } from './page.js';
import { renderSvg } from './render.js';
import { htmlWord, type HtmlWord } from './words.js';

export interface WeightChange {
  item: string;
  rating: string;
  before: number;
  after: number;
}

const r3 = (x: number) => Math.round(x * 1000) / 1000;
const fixed = (x: number | null) => (x === null ? '–' : x.toFixed(3));

/**
 * Reliability bins: deals grouped by predicted probability into tenths; per bin the mean prediction
 * and the observed win rate.
 * @example reliabilityBins([0.1, 0.15, 0.9], [0, 1, 1]) // [{ bin: 1, predicted: 0.125, observed: 0.5, deals: 2 }, { bin: 9, … }]
 */
export function reliabilityBins(p: readonly number[], y: readonly number[]): { bin: number; predicted: number; observed: number; deals: number }[] {
  const bins = Array.from({ length: 10 }, () => ({ sum: 0, won: 0, n: 0 }));
  p.forEach((v, i) => {
    const b = bins[Math.min(9, Math.floor(v * 10))]!;
    b.sum += v;
    b.won += y[i]!;
    b.n += 1;
  });
  return bins.flatMap((b, bin) => (b.n ? [{ bin, predicted: r3(b.sum / b.n), observed: r3(b.won / b.n), deals: b.n }] : []));
}

/**
 * ROC points (false positive rate, true positive rate) at every distinct threshold, from (0,0) to (1,1).
 * @example rocPoints([0.9, 0.2], [1, 0]) // [{ fpr: 0, tpr: 0 }, { fpr: 0, tpr: 1 }, { fpr: 1, tpr: 1 }]
 */
export function rocPoints(p: readonly number[], y: readonly number[]): { fpr: number; tpr: number }[] {
  const pos = y.reduce((s, v) => s + v, 0);
  const neg = y.length - pos;
  if (pos === 0 || neg === 0) return [];
  const order = [...p.keys()].sort((a, b) => p[b]! - p[a]! || a - b);
  const out = [{ fpr: 0, tpr: 0 }];
  let tp = 0;
  let fp = 0;
  for (let i = 0; i < order.length; i++) {
    const d = order[i]!;
    if (y[d]) tp += 1;
    else fp += 1;
    if (i === order.length - 1 || p[order[i + 1]!] !== p[d]) out.push({ fpr: r3(fp / neg), tpr: r3(tp / pos) });
  }
  return out;
}

function reliabilitySpec(report: CrossValidationReport, locale: Locale): TopLevelSpec {
  const w = (k: HtmlWord) => htmlWord(locale, k);
  const pr = report.predictions!;
  const values = [
    ...reliabilityBins(pr.calibrated, pr.won).map((b) => ({ ...b, model: w('calibrated') })),
    ...reliabilityBins(pr.baseline, pr.won).map((b) => ({ ...b, model: w('uncalibrated') })),
  ];
  const axis = (title: string) => ({ field: '', type: 'quantitative', title, scale: { domain: [0, 1] }, axis: { format: '.0%' } });
  return {
    width: 360,
    height: 300,
    layer: [
      { data: { values: [{ x: 0, y: 0 }, { x: 1, y: 1 }] }, mark: { type: 'line', color: '#999', strokeDash: [4, 4] }, encoding: { x: { ...axis(w('predicted')), field: 'x' }, y: { ...axis(w('observed')), field: 'y' } } },
      {
        data: { values },
        mark: { type: 'line', point: true, tooltip: true },
        encoding: {
          x: { ...axis(w('predicted')), field: 'predicted' },
          y: { ...axis(w('observed')), field: 'observed' },
          color: { field: 'model', type: 'nominal', title: w('model'), scale: { domain: [w('calibrated'), w('uncalibrated')], range: ['#08519c', '#e6550d'] }, legend: { orient: 'bottom' } },
        },
      },
      { data: { values }, mark: { type: 'point', filled: true, opacity: 0.35 }, encoding: { x: { field: 'predicted', type: 'quantitative' }, y: { field: 'observed', type: 'quantitative' }, size: { field: 'deals', type: 'quantitative', title: htmlWord(locale, 'count'), legend: { orient: 'bottom' } }, color: { field: 'model', type: 'nominal' } } },
    ],
  } as TopLevelSpec;
}

function rocSpec(report: CrossValidationReport, locale: Locale): TopLevelSpec {
  const w = (k: HtmlWord) => htmlWord(locale, k);
  const pr = report.predictions!;
  const label = (k: HtmlWord, auc: number | null) => `${w(k)} (AUC ${fixed(auc)})`;
  const values = [
    ...rocPoints(pr.calibrated, pr.won).map((p, i) => ({ ...p, i, model: label('calibrated', report.auc) })),
    ...rocPoints(pr.baseline, pr.won).map((p, i) => ({ ...p, i, model: label('uncalibrated', report.baseline.auc) })),
  ];
  const axis = (title: string, field: string) => ({ field, type: 'quantitative', title, scale: { domain: [0, 1] }, axis: { format: '.0%' } });
  return {
    width: 320,
    height: 300,
    layer: [
      { data: { values: [{ x: 0, y: 0 }, { x: 1, y: 1 }] }, mark: { type: 'line', color: '#999', strokeDash: [4, 4] }, encoding: { x: axis(w('fpr'), 'x'), y: axis(w('tpr'), 'y') } },
      {
        data: { values },
        mark: { type: 'line', interpolate: 'step-after', tooltip: true },
        encoding: {
          x: axis(w('fpr'), 'fpr'),
          y: axis(w('tpr'), 'tpr'),
          order: { field: 'i' },
          color: { field: 'model', type: 'nominal', title: w('model'), scale: { range: ['#08519c', '#e6550d'] }, legend: { orient: 'bottom', direction: 'vertical', labelLimit: 400 } },
        },
      },
    ],
  } as TopLevelSpec;
}

function weightsSpec(changes: readonly WeightChange[], locale: Locale): TopLevelSpec {
  const w = (k: HtmlWord) => htmlWord(locale, k);
  const rows = changes.map((c) => ({ label: `${c.item} · ${c.rating}`, before: r3(c.before), after: r3(c.after) }));
  const order = rows.map((r) => r.label);
  const points = rows.flatMap((r) => [
    { label: r.label, value: r.before, when: w('before') },
    { label: r.label, value: r.after, when: w('after') },
  ]);
  return {
    width: 380,
    height: Math.max(40, 24 * rows.length),
    layer: [
      { data: { values: rows }, mark: { type: 'rule', color: '#999' }, encoding: { y: { field: 'label', type: 'nominal', sort: order, title: null }, x: { field: 'before', type: 'quantitative', title: w('weight') }, x2: { field: 'after' } } },
      {
        data: { values: points },
        mark: { type: 'point', filled: true, size: 70, tooltip: true },
        encoding: {
          y: { field: 'label', type: 'nominal', sort: order, title: null, axis: { labelLimit: 220 } },
          x: { field: 'value', type: 'quantitative', title: w('weight') },
          color: { field: 'when', type: 'nominal', title: null, scale: { domain: [w('before'), w('after')], range: ['#bdbdbd', '#08519c'] }, legend: { orient: 'bottom' } },
        },
      },
    ],
  } as TopLevelSpec;
}

/** The calibration report page. `report` must come from crossValidate(…, { predictions: true }). */
export async function calibrationHtml(report: CrossValidationReport, changes: readonly WeightChange[], locale: Locale): Promise<string> {
  const w = (k: HtmlWord, p?: Record<string, string | number>) => htmlWord(locale, k, p);
  const scored = (report.predictions?.won.length ?? 0) > 0;
  const [reliability, roc, weights] = await Promise.all([
    scored ? renderSvg(reliabilitySpec(report, locale)) : undefined,
    scored && rocPoints(report.predictions!.calibrated, report.predictions!.won).length ? renderSvg(rocSpec(report, locale)) : undefined,
    changes.length ? renderSvg(weightsSpec(changes, locale)) : undefined,
  ]);
  const tile = (value: string, label: string) => `<div class="tile"><b>${esc(value)}</b><span>${esc(label)}</span></div>`;
  const band = [
    tile(String(report.deals), w('closed')),
    tile(report.winRate === null ? '–' : `${(report.winRate * 100).toFixed(1)}%`, w('winRate')),
    tile(`${fixed(report.auc)} / ${fixed(report.baseline.auc)}`, `AUC · ${w('calibrated')} / ${w('uncalibrated')}`),
    tile(`${fixed(report.brier)} / ${fixed(report.baseline.brier)}`, `Brier · ${w('calibrated')} / ${w('uncalibrated')}`),
    tile(`${fixed(report.ece)} / ${fixed(report.baseline.ece)}`, `ECE · ${w('calibrated')} / ${w('uncalibrated')}`),
  ].join('');
  const fig = (id: string, title: string, svg: string | undefined) => `<figure id="${id}"><h2>${esc(title)}</h2>${svg ?? '<p class="empty">–</p>'}</figure>`;
  const folds = `<section class="panel" id="folds"><h2>${esc(w('folds'))}</h2><table><thead><tr><th>${esc(w('fold'))}</th><th class="num">${esc(w('deals'))}</th><th class="num">${esc(w('won'))}</th><th class="num">AUC</th><th class="num">AUC · ${esc(w('uncalibrated'))}</th><th class="num">Brier</th><th class="num">Brier · ${esc(w('uncalibrated'))}</th><th class="num">ECE</th></tr></thead><tbody>${report.folds
    .map((f) => `<tr><td>${f.fold}</td><td class="num">${f.deals}</td><td class="num">${f.won}</td><td class="num">${fixed(f.auc)}</td><td class="num">${fixed(f.baseline.auc)}</td><td class="num">${fixed(f.brier)}</td><td class="num">${fixed(f.baseline.brier)}</td><td class="num">${fixed(f.ece)}</td></tr>`)
    .join('')}</tbody></table></section>`;
  const body = `<header><h1>${esc(w('calibrateTitle'))}</h1><div class="band" id="summary">${band}</div></header>
<main>
<div class="charts">
${fig('chart-reliability', w('reliability'), reliability)}
${fig('chart-roc', w('roc'), roc)}
${fig('chart-weights', w('weights'), weights)}
</div>
${folds}
</main>`;
  return page({ locale, title: w('calibrateTitle'), body });
}
