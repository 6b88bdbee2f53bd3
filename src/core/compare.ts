/**
 * The methods side by side for one deal (`dealqual explain --packs all`): per evaluated pack, its
 * verdict — the stage on its own path where it has one, the MAN class, C/F/W counts — and its gaps
 * (its items not C, most urgent first, as in `missing`); plus the findings where two methods read
 * one fact and disagree. Pure: reads a result and the packs it was evaluated with.
 */
import { pick, type Locale } from '../locale/messages.js';
import type { Pack } from '../packs/schema.js';
import type { DescribedResult, Finding, Result } from '../result.js';
import { SEVEN_STEP } from './plan.js';

export interface MethodVerdict {
  pack: string;
  title: string;
  /** The stage in words: the seven-step step and milestone, or the step on the pack's own path. */
  stage?: string;
  /** The MAN class, for the man pack. */
  class?: string;
  C: number;
  F: number;
  W: number;
  /** The pack's items not rated C, most urgent first: the open gate of its own stage, then `missing` order. */
  gaps: string[];
}

export interface MethodComparison<F extends Finding = Finding> {
  methods: MethodVerdict[];
  /** Findings where two methods disagree about one fact (`method-disagreement`, `cross-pack-contradiction`), as the result has them (with texts where it is described). */
  disagreements: F[];
}

const words = {
  en: { step: (n: number, of: number) => `step ${n} of ${of}`, passed: 'every end marker reached', milestone: 'milestone' },
  'zh-CN': { step: (n: number, of: number) => `第 ${n} 步(共 ${of} 步)`, passed: '所有结束标志均已达到', milestone: '里程碑' },
} as const;

/**
 * Each evaluated method's verdict on one deal, in result order.
 * @example compareMethods(result, [builtinPack('sangfor-7step'), builtinPack('clmls')], 'en').methods[1].stage // 'step 2 of 6 · 建立信任 Build trust'
 */
export function compareMethods<R extends Result | DescribedResult>(result: R, packs: readonly Pack[], locale: Locale): MethodComparison<R['findings'][number]> {
  const w = words[locale];
  const byId = new Map(packs.map((p) => [p.id, p]));
  const order: string[] = [];
  const counts = new Map<string, { C: number; F: number; W: number }>();
  for (const item of Object.values(result.items)) {
    if (!counts.has(item.pack)) {
      order.push(item.pack);
      counts.set(item.pack, { C: 0, F: 0, W: 0 });
    }
    counts.get(item.pack)![item.rating]++;
  }
  const methods = order.map((id): MethodVerdict => {
    const pack = byId.get(id);
    const verdict: MethodVerdict = {
      pack: id,
      title: pack ? pick(locale, pack.title) : id,
      ...counts.get(id)!,
      // The gate holding the method's own stage first, then its other missing items.
      gaps: [...new Set([...(result.stages?.[id]?.open ?? []), ...result.missing.filter((m) => result.items[m.item]?.pack === id).map((m) => m.item)])],
    };
    if (id === SEVEN_STEP) verdict.stage = `${w.step(result.stage.step, 7)} · ${w.milestone} ${result.stage.milestone}`;
    const own = result.stages?.[id];
    const step = own && pack?.stages?.[own.step - 1];
    if (own && step) verdict.stage = `${w.step(own.step, own.of)} · ${step.title.zh}${locale === 'en' ? ` ${step.title.en}` : ''}${own.passed === own.of ? ` · ${w.passed}` : ''}`;
    if (id === 'man' && result.man) verdict.class = result.man.class;
    return verdict;
  });
  const disagreements = (result.findings as R['findings'][number][]).filter((f) => f.code === 'method-disagreement' || f.code === 'cross-pack-contradiction');
  return { methods, disagreements };
}
