/**
 * Issue 12: decisive negatives (seed 002: 要完成一次销售,你必须得到每个人的同意), one fact one answer,
 * missing order by what holds the deal, and a probability that ranks like the method. Every case runs
 * through both engines (evaluateBoth).
 */
import { describe, expect, it } from 'vitest';
import { describedBoth, evaluateBoth } from '../support/rule-tester.js';
import { builtinPack } from '../../src/packs/builtin.js';
import { priorModel, SPAN } from '../../src/model/prior.js';
import type { SnapshotInput } from '../../src/snapshot/schema.js';

type Deal = Omit<SnapshotInput, 'id'>;
const sevenStep = builtinPack('sangfor-7step').items;
/** Every seven-step item answered C, except the ids given. */
const allC = (except: string[] = []) => Object.fromEntries(sevenStep.filter((i) => !except.includes(i.id)).map((i) => [i.id, 'C' as const]));
const against = (item: string, signal?: number) => ({ item, date: '2026-10-20', against: true, ...(signal ? { signal } : {}), note: 'against us' });

/** Decisive cases: a W from facts or fresh evidence that holds the stage at `step` whatever else is C. */
const DECISIVE: { name: string; item: string; step: number; deal: Deal }[] = [
  {
    name: 'final say (拍板者) is an enemy, from facts',
    item: 's5.7',
    step: 5,
    deal: {
      answers: allC(['s5.7', 's5.4']),
      stakeholders: [
        { name: '郑国梁', role: '拍板者', personality: '顽固派', contact: '一般接触', stance: '敌人' },
        { name: '钱建国', role: '决策者', personality: '实用主义者', contact: '一般接触', stance: '中立者' },
      ],
    },
  },
  { name: 'final say does not help us, from fresh evidence (s5.7 signal 4)', item: 's5.7', step: 5, deal: { answers: allC(['s5.7']), evidence: [against('s5.7', 4)] } },
  {
    name: 'a vice-president hands the customer 黑材料 (worksAgainstUs)',
    item: 's5.4',
    step: 5,
    deal: {
      answers: allC(['s5.4']),
      stakeholders: [
        { name: '冯志远', role: '拍板者', personality: '实用主义者', contact: '一般接触', stance: '中立者' },
        { name: '蔡卫东', role: '决策者', personality: '保守者', contact: '一般接触', stance: '中立者', worksAgainstUs: true },
      ],
    },
  },
  {
    name: 'an evaluator backs the competitor',
    item: 's5.4',
    step: 5,
    deal: {
      answers: allC(['s5.4']),
      stakeholders: [
        { name: 'Chen', role: 'final-say', personality: 'pragmatist', contact: 'some', stance: 'neutral' },
        { name: 'Xu', role: 'evaluator', personality: 'conservative', contact: 'some', stance: 'neutral', backsCompetitor: true },
      ],
    },
  },
  {
    name: "the chairman's trusted channel is bound to the competitor",
    item: 's5.6',
    step: 5,
    deal: { answers: allC(['s5.6']), channels: [{ name: 'Pacific Bay', relation: 'competitor', trustedByTop: true, worksWithUs: false }] },
  },
  {
    name: "tender parameters written by the competitor's channel",
    item: 's6.1',
    step: 6,
    deal: { answers: allC(['s6.1']), procurement: { tender: true, specsInfluenced: '对手渠道编写', scheduleKnown: true, agency: '市公共资源交易中心' } },
  },
];

describe('decisive negatives hold the stage, rank first, raise a red flag and veto the probability', () => {
  for (const c of DECISIVE) {
    it(`${c.name}: held at step ${c.step}, ${c.item} first in missing, decisive red flag, p < 0.25`, async () => {
      const result = await describedBoth(c.deal);
      expect(result.items[c.item]!.rating).toBe('W');
      expect(result.stage.step).toBe(c.step);
      expect(result.stage.steps.find((s) => s.step === c.step)!.open).toContain(c.item);
      // Decisive items lead the missing list (a hostile final say is also a chain member backing the competitor: s5.4 and s5.7).
      const decisive = (item: string) => result.findings.some((f) => f.items[0] === item && f.params.decisive);
      const end = result.missing.findIndex((m) => !decisive(m.item));
      const lead = result.missing.slice(0, end < 0 ? result.missing.length : end);
      expect(lead.map((m) => m.item)).toContain(c.item);
      const flag = result.findings.find((f) => f.code === 'red-flag' && f.items[0] === c.item);
      expect(flag?.params.decisive).toBe('true');
      expect(flag?.message).toMatch(/^Decisive red flag/);
      expect(result.probability).toBeLessThan(0.25);
      expect(result.items[c.item]!.veto).toBeLessThan(0);
      const sum = Object.values(result.items).reduce((s, i) => s + i.contribution, result.intercept);
      expect(sum).toBe(result.logit);
    });
  }

  it('a hostile final say lands an otherwise all-C deal (every pack) at p = 0.20 through the veto term alone', async () => {
    const answers = { ...allC(['s5.7']), 'man.money': 'C', 'man.authority': 'C', 'man.need': 'C', 'bant.budget': 'C', 'bant.authority': 'C', 'bant.need': 'C', 'bant.timeline': 'C' } as const;
    const result = await evaluateBoth({ answers, evidence: [against('s5.7', 4)] });
    expect(result.probability).toBeCloseTo(0.2, 10);
    const clean = await evaluateBoth({ answers: { ...answers, 's5.7': 'C' } });
    expect(clean.probability).toBeGreaterThan(0.9);
  });

  it('W because nothing is known, or a W answer, is not decisive: no hold, no red flag, no veto', async () => {
    for (const deal of [{ answers: allC(['s5.7']) }, { answers: { ...allC(), 's5.7': 'W' as const } }]) {
      const result = await evaluateBoth(deal);
      expect(result.items['s5.7']!.rating).toBe('W');
      expect(result.stage.step).toBe(7);
      expect(result.findings.filter((f) => f.code === 'red-flag')).toEqual([]);
      expect(result.items['s5.7']!.veto).toBeUndefined();
      expect(result.probability).toBeGreaterThan(0.85);
    }
  });

  it('the decisive items are the ones documented: s5.4, s5.6, s5.7, s6.1', () => {
    expect(sevenStep.filter((i) => i.decisive).map((i) => i.id)).toEqual(['s5.4', 's5.6', 's5.7', 's6.1']);
    for (const pack of ['man', 'bant'] as const) expect(builtinPack(pack).items.filter((i) => i.decisive)).toEqual([]);
  });
});

describe('one fact, one answer: MAN and BANT items with nothing of their own take the seven-step rating they name', () => {
  it('a rep who answers every seven-step item C gets M-A-N, each MAN item saying whose rating it took', async () => {
    const result = await describedBoth({ answers: allC() });
    expect(result.man?.class).toBe('M-A-N');
    expect(result.items['man.money']!.reason).toMatchObject({ code: 'same-fact', params: { item: 's2.2', rating: 'C' } });
    expect(result.items['man.authority']!.reason.params.item).toBe('s4.1');
    expect(result.items['bant.budget']!.reason.params.item).toBe('s2.2');
    expect(result.items['bant.timeline']!.reason).toMatchObject({ code: 'same-fact', params: { item: 's1.2' } });
    expect(result.items['man.need']!.reason.message).toBe('Nothing of its own: takes C from s1.1, which reads the same fact.');
    expect(result.missing.map((m) => m.item)).toEqual([]);
  });

  it('an item with an answer of its own keeps it; a named item that knows nothing passes nothing on', async () => {
    const result = await evaluateBoth({ answers: { 's2.2': 'F', 'man.money': 'C' } });
    expect(result.items['man.money']!.reason.code).toBe('answer');
    expect(result.items['bant.budget']).toMatchObject({ rating: 'F', reason: { code: 'same-fact' } });
    expect(result.items['man.need']!.reason.code).toBe('nothing-known');
  });

  it('with the seven-step pack unreported (packs: man) the MAN items still take its ratings', async () => {
    const result = await evaluateBoth({ answers: allC() }, { packs: ['man'] });
    expect(result.man?.class).toBe('M-A-N');
    expect(result.items['s2.2']).toBeUndefined();
  });

  it('the zh reason words', async () => {
    const result = await describedBoth({ answers: allC() }, { locale: 'zh-CN' });
    expect(result.items['man.money']!.reason.message).toBe('本项没有自己的事实、证据或自评:沿用读同一事实的 s2.2 的评级 C。');
  });
});

describe('missing order follows what holds the deal', () => {
  it('at step 7, the step-7 gate items (no ★) come before fuzzy items of earlier steps', async () => {
    const result = await evaluateBoth({ answers: { ...allC(['s7.1', 's7.2']), 's2.4': 'F', 's1.7': 'F' } });
    expect(result.stage.step).toBe(7);
    expect(result.missing.slice(0, 2).map((m) => m.item)).toEqual(['s7.1', 's7.2']);
  });

  it('at step 6 (a tender), the step-6 gate items come first', async () => {
    const result = await evaluateBoth({ customer: { segment: '医院' }, answers: { ...allC(['s6.1', 's6.2']), 's1.4': 'F' } });
    expect(result.stage.step).toBe(6);
    expect(result.missing.slice(0, 2).map((m) => m.item)).toEqual(['s6.1', 's6.2']);
  });

  it('decisive items first, then the gate, then other red flags, then earlier steps', async () => {
    const result = await evaluateBoth({
      answers: { ...allC(['s5.7', 's7.1', 's3.3']), 's1.4': 'F' },
      technical: { trial: 'lost' },
      evidence: [against('s5.7', 4)],
    });
    expect(result.stage.step).toBe(5);
    expect(result.missing.map((m) => m.item)).toEqual(['s5.7', 's3.3', 's1.4', 's7.1']);
  });
});

describe('probability that ranks like the method (default prior)', () => {
  it('a lost technical trial with no acknowledged edge (s3.2, s3.3 W from facts) scores at most 0.6, everything else C', async () => {
    const lost = await evaluateBoth({ answers: allC(['s3.2', 's3.3']), technical: { edgeAcknowledged: false, trial: '不如对手' } });
    expect(lost.items['s3.2']!.rating).toBe('W');
    expect(lost.items['s3.3']!.rating).toBe('W');
    expect(lost.probability).toBeLessThanOrEqual(0.6);
    expect(lost.findings.filter((f) => f.code === 'red-flag').map((f) => f.items[0])).toEqual(['s3.2', 's3.3']);
    // The same two items merely unknown cost only their C weight.
    const unknown = await evaluateBoth({ answers: allC(['s3.2', 's3.3']) });
    expect(unknown.probability).toBeGreaterThan(0.85);
  });

  it('8 C / 1 F / 0 W (seed 003), read as nine equal shares of the checklist weight: the heaviest items F up to a ninth of the weight, the rest C, reaches ≥ 0.60', async () => {
    // Worst case of the reading: the F ninth made of ★ items (the heaviest), for a tender deal (every item counts).
    const model = priorModel(sevenStep);
    const byWeight = [...sevenStep].sort((a, b) => model.weights[b.id]!.C - model.weights[a.id]!.C);
    const fuzzy: string[] = [];
    let share = 0;
    for (const item of byWeight) {
      if (share >= SPAN / 9) break;
      fuzzy.push(item.id);
      share += model.weights[item.id]!.C;
    }
    const answers = { ...allC(), ...Object.fromEntries(fuzzy.map((id) => [id, 'F' as const])) };
    const result = await evaluateBoth({ procurement: { tender: true }, answers }, { packs: ['sangfor-7step'] });
    expect(fuzzy).toHaveLength(3);
    expect(result.probability).toBeGreaterThanOrEqual(0.6);
    expect(result.probability).toBeCloseTo(0.8961, 4);
    // The item-count reading (every item C but one ★ item F) is higher still.
    const one = await evaluateBoth({ procurement: { tender: true }, answers: { ...allC(), 's2.2': 'F' } }, { packs: ['sangfor-7step'] });
    expect(one.probability).toBeCloseTo(0.9127, 3);
  });
});
