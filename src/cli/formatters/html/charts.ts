/**
 * The audit report's charts as Vega-Lite specs over the report's aggregates (src/cli/formatters/html/data.ts).
 * Words come from the report's locale table.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { Locale } from '../../../locale/messages.js';
import { MILESTONES } from '../types.js';
import type { ReportState } from './data.js';
import { milestoneLabel, stepLabel } from '../../words.js';
import { htmlWord } from './words.js';

export const MILESTONE_COLORS = ['#9ecae1', '#4292c6', '#08519c', '#31a354', '#bdbdbd'];
const WIDTH = 420;

const steps = (state: ReportState): number[] => {
  const seen = new Set<number>([1, 2, 3, 4, 5, 6, 7]);
  for (const key of Object.keys(state.funnel)) seen.add(Number(key.split('|')[0]));
  return [...seen].sort((a, b) => a - b);
};

/** Deals per step as a centred (funnel) stacked bar, coloured by milestone. */
export function funnelSpec(state: ReportState, locale: Locale): TopLevelSpec {
  const all = steps(state);
  const totals = new Map(all.map((s) => [s, 0]));
  for (const [key, count] of Object.entries(state.funnel)) totals.set(Number(key.split('|')[0]), (totals.get(Number(key.split('|')[0])) ?? 0) + count);
  // The step label carries the step's total: "step 3 · 12".
  const label = (s: number) => `${stepLabel(locale, s)} · ${totals.get(s) ?? 0}`;
  const order = all.map(label);
  const milestones = MILESTONES.map((m) => milestoneLabel(locale, m));
  const values = Object.entries(state.funnel).map(([key, count]) => {
    const [step, milestone] = key.split('|');
    return { step: label(Number(step)), milestone: milestoneLabel(locale, milestone!), order: MILESTONES.indexOf(milestone as (typeof MILESTONES)[number]), count };
  });
  return {
    width: WIDTH,
    height: 30 * order.length,
    data: { values },
    mark: { type: 'bar', tooltip: true },
    encoding: {
      y: { field: 'step', type: 'ordinal', sort: order, scale: { domain: order }, title: null, axis: { labelFontSize: 12, ticks: false, domain: false } },
      x: { field: 'count', type: 'quantitative', stack: 'center', axis: null },
      color: { field: 'milestone', type: 'nominal', scale: { domain: milestones, range: MILESTONE_COLORS }, legend: { title: htmlWord(locale, 'milestone'), orient: 'bottom', direction: 'horizontal' } },
      order: { field: 'order' },
    },
    config: { view: { stroke: null } },
  } as TopLevelSpec;
}

/** Deals per probability decile. */
export function probabilitySpec(state: ReportState, locale: Locale): TopLevelSpec {
  const values = state.histogram.map((count, i) => ({ bin: `${i * 10}–${i * 10 + 10}`, count }));
  return {
    width: WIDTH,
    height: 180,
    data: { values },
    layer: [
      { mark: { type: 'bar', color: '#4292c6', tooltip: true } },
      { mark: { type: 'text', dy: -6, fontSize: 11 }, encoding: { text: { field: 'count' } }, transform: [{ filter: 'datum.count > 0' }] },
    ],
    encoding: {
      x: { field: 'bin', type: 'ordinal', sort: values.map((v) => v.bin), title: htmlWord(locale, 'probabilityPct'), axis: { labelAngle: 0, labelFontSize: 11 } },
      y: { field: 'count', type: 'quantitative', title: htmlWord(locale, 'deals'), axis: { tickMinStep: 1 } },
    },
  } as TopLevelSpec;
}

/** Weighted pipeline (Σ amount × probability of open deals) per step, coloured by currency. */
export function pipelineSpec(state: ReportState, locale: Locale): TopLevelSpec {
  const order = steps(state).map((s) => stepLabel(locale, s));
  const values = Object.entries(state.pipeline).map(([key, weighted]) => {
    const [step, currency] = key.split('|');
    return { step: stepLabel(locale, step!), currency: currency || htmlWord(locale, 'noCurrency'), weighted: Math.round(weighted) };
  });
  return {
    width: WIDTH,
    height: 30 * order.length,
    data: { values },
    mark: { type: 'bar', tooltip: true },
    encoding: {
      y: { field: 'step', type: 'ordinal', sort: order, title: null, scale: { domain: order } },
      x: { field: 'weighted', type: 'quantitative', title: htmlWord(locale, 'weightedPipeline'), axis: { format: '~s' } },
      color: { field: 'currency', type: 'nominal', title: htmlWord(locale, 'currency'), legend: { orient: 'bottom', direction: 'horizontal' } },
    },
  } as TopLevelSpec;
}

/** The MAN classes as the 2×2×2 matrix: Money × Authority per panel, Need (N / n) across panels. */
export function manSpec(state: ReportState, locale: Locale): TopLevelSpec {
  const values: { money: string; authority: string; need: string; cls: string; count: number; label: string }[] = [];
  for (const need of ['N', 'n'])
    for (const money of ['M', 'm'])
      for (const authority of ['A', 'a']) {
        const cls = `${money}-${authority}-${need}`;
        const count = state.man[cls]?.count ?? 0;
        values.push({
          money: money === 'M' ? htmlWord(locale, 'moneyYes') : htmlWord(locale, 'moneyNo'),
          authority: authority === 'A' ? htmlWord(locale, 'authorityYes') : htmlWord(locale, 'authorityNo'),
          need: need === 'N' ? htmlWord(locale, 'needYes') : htmlWord(locale, 'needNo'),
          cls,
          count,
          label: `${cls}: ${count}`,
        });
      }
  const sortM = [htmlWord(locale, 'moneyYes'), htmlWord(locale, 'moneyNo')];
  const sortA = [htmlWord(locale, 'authorityYes'), htmlWord(locale, 'authorityNo')];
  return {
    data: { values },
    facet: { column: { field: 'need', type: 'nominal', sort: [htmlWord(locale, 'needYes'), htmlWord(locale, 'needNo')], title: null, header: { labelFontSize: 13, labelFontWeight: 'bold' } } },
    spec: {
      width: 200,
      height: 140,
      layer: [
        {
          mark: { type: 'rect', stroke: 'white', strokeWidth: 2, tooltip: true },
          encoding: { color: { field: 'count', type: 'quantitative', scale: { scheme: 'blues', domainMin: 0 }, legend: null } },
        },
        {
          mark: { type: 'text', fontSize: 13, fontWeight: 'bold' },
          encoding: {
            text: { field: 'label' },
            color: { condition: { test: `datum.count > ${Math.max(1, Math.max(...values.map((v) => v.count)) / 2)}`, value: 'white' }, value: '#222' },
          },
        },
      ],
      encoding: {
        x: { field: 'authority', type: 'nominal', sort: sortA, title: null, axis: { orient: 'top', labelAngle: 0, labelFontSize: 11 } },
        y: { field: 'money', type: 'nominal', sort: sortM, title: null, axis: { labelFontSize: 11 } },
      },
    },
  } as TopLevelSpec;
}

/** Findings per code. */
export function findingsSpec(state: ReportState, locale: Locale): TopLevelSpec {
  const values = Object.entries(state.findings)
    .sort(([a, x], [b, y]) => y - x || (a < b ? -1 : 1))
    .map(([code, count]) => ({ code, count }));
  return {
    width: WIDTH - 60,
    height: Math.max(30, 28 * values.length),
    data: { values },
    layer: [
      { mark: { type: 'bar', color: '#de2d26', tooltip: true } },
      { mark: { type: 'text', align: 'left', dx: 4, fontSize: 11 }, encoding: { text: { field: 'count' } } },
    ],
    encoding: {
      y: { field: 'code', type: 'nominal', sort: values.map((v) => v.code), title: null, axis: { labelFontSize: 12, labelLimit: 200 } },
      x: { field: 'count', type: 'quantitative', title: htmlWord(locale, 'findings'), axis: { tickMinStep: 1 } },
    },
  } as TopLevelSpec;
}
