/**
 * The `bant` pack: each item's C/F/W rules (both engines), the timeline at the horizon's edges with
 * a fixed asOf, and how BANT combines with the seven-step and MAN packs (shared facts, counted once).
 */
import { addDays, formatISO, parseISO } from 'date-fns';
import { describe, expect, it } from 'vitest';
import { evaluateSync } from '../../../src/evaluate.js';
import { builtinPack } from '../../../src/packs/builtin.js';
import type { Rating, SnapshotInput } from '../../../src/snapshot/schema.js';
import { AS_OF, describedBoth, evaluateBoth, ruleTester, type RuleCase } from '../../support/rule-tester.js';

type Deal = RuleCase['deal'];
type Person = NonNullable<SnapshotInput['stakeholders']>[number];

const BANT_IDS = ['bant.budget', 'bant.authority', 'bant.need', 'bant.timeline'];
const MAN_IDS = ['man.money', 'man.authority', 'man.need'];

/** asOf shifted by whole days, ISO. */
const day = (offset: number, from = AS_OF) => formatISO(addDays(parseISO(from), offset), { representation: 'date' });

describe('bant pack file', () => {
  const pack = builtinPack('bant');

  it('holds the contract item ids, in order', () => {
    expect(pack.items.map((i) => i.id)).toEqual(BANT_IDS);
    expect(pack.items.map((i) => i.step)).toEqual([2, 4, 1, 1]);
    for (const item of pack.items) {
      expect(item).toMatchObject({ star: false, kind: 'positive', extension: false });
      expect(item.title.zh).toMatch(/\p{Script=Han}/u);
      expect(item.signals.length).toBeGreaterThanOrEqual(item.minSignals);
    }
  });

  it('names, in sameFactAs, items of the seven-step and MAN packs that exist', () => {
    const known = new Set([...builtinPack('sangfor-7step').items, ...builtinPack('man').items].map((i) => i.id));
    expect(Object.fromEntries(pack.items.map((i) => [i.id, i.sameFactAs]))).toEqual({
      'bant.budget': ['man.money', 's2.2'],
      'bant.authority': ['man.authority', 's4.1'],
      'bant.need': ['man.need', 's1.1'],
      'bant.timeline': ['s1.2'],
    });
    for (const item of pack.items) for (const other of item.sameFactAs) expect(known.has(other), `${item.id} → ${other}`).toBe(true);
  });

  it('lists every contrary W rule before the C rules, and C before F (bant.budget: the shortfall F guards its C)', () => {
    const order: Record<Rating, number> = { W: 0, C: 1, F: 2 };
    for (const item of pack.items) {
      const ranks = item.rules.filter((r) => r.name !== 'budgetBelowAmount').map((r) => order[r.event.params.rating]);
      expect(ranks, item.id).toEqual([...ranks].sort((a, b) => a - b));
    }
  });
});

// ---------------------------------------------------------------- bant.budget
ruleTester('bant.budget', {
  C: [
    { name: 'allocated and amount known', deal: { funding: { budgetInPlace: true, budget: 800_000 } }, reason: 'facts', message: 'budgetAllocatedAndKnown' },
    {
      name: 'allocated, amount covers our estimated amount',
      deal: { amount: 300_000, funding: { budgetInPlace: true, budget: 300_000 } },
      reason: 'facts',
      message: 'budgetAllocatedAndKnown',
    },
    { name: 'facts silent (funding source only): a C answer decides', deal: { funding: { source: '自有资金' }, answers: { 'bant.budget': 'C' } }, reason: 'answer' },
  ],
  F: [
    { name: 'allocated, amount unknown', deal: { funding: { budgetInPlace: true } }, reason: 'facts', message: 'allocatedAmountUnknown' },
    { name: 'amount known, allocation not confirmed', deal: { funding: { budget: 800_000 } }, reason: 'facts', message: 'amountKnownNotAllocated' },
    {
      name: 'allocated, but a little below our estimated signing amount (90%: negotiable)',
      deal: { amount: 500_000, funding: { budgetInPlace: true, budget: 450_000 } },
      reason: 'facts',
      message: 'budgetBelowAmount',
    },
    { name: 'project approved, no budget facts', deal: { funding: { approval: 'approved' } }, reason: 'facts', message: 'approvedNoBudgetFacts' },
    { name: 'amount known overrules a C answer', deal: { funding: { budget: 1 }, answers: { 'bant.budget': 'C' } }, reason: 'facts', message: 'amountKnownNotAllocated' },
    { name: 'facts silent: an F answer decides', deal: { funding: { approval: 'pending' }, answers: { 'bant.budget': 'F' } }, reason: 'answer' },
  ],
  W: [
    { name: 'not allocated, even with an amount', deal: { funding: { budgetInPlace: false, budget: 800_000 } }, reason: 'facts', message: 'budgetNotInPlace' },
    {
      name: 'issue 12: allocated, but a third below our quote (budget a fact of its own)',
      deal: { amount: 1_500_000, funding: { budgetInPlace: true, budget: 1_000_000 } },
      reason: 'facts',
      message: 'budgetFarBelowQuote',
    },
    { name: 'issue 12: a budget figure far below the quote, allocation unknown', deal: { amount: 500_000, funding: { budget: 200_000 } }, reason: 'facts', message: 'budgetFarBelowQuote' },
    { name: 'approval rejected', deal: { funding: { approval: 'rejected' } }, reason: 'facts', message: 'approvalRejected' },
    { name: 'facts silent: a W answer decides', deal: { answers: { 'bant.budget': 'W' } }, reason: 'answer' },
    { name: 'nothing known', deal: { funding: {} }, reason: 'nothing-known' },
  ],
});

// ---------------------------------------------------------------- bant.authority
const signer: Person = { name: 'Wang', role: '拍板者', contact: '深交', stance: '支持者' };
const decider: Person = { name: 'Li', role: '决策者', contact: '较多接触', stance: '中立者' };

ruleTester('bant.authority', {
  C: [
    { name: 'the signer is identified and in close contact', deal: { stakeholders: [signer] }, reason: 'facts', message: 'signerKnownReached' },
    {
      name: 'the signer is identified (shallow contact); a decision-maker is in real contact',
      deal: { stakeholders: [{ name: 'Wang', role: 'final-say', contact: 'some', stance: 'neutral' }, decider] },
      reason: 'facts',
      message: 'signerKnownReached',
    },
    { name: 'facts silent: a C answer decides', deal: { stakeholders: [{ name: 'Chen', role: 'evaluator' }], answers: { 'bant.authority': 'C' } }, reason: 'answer' },
  ],
  F: [
    { name: 'a decision-maker reached, but who signs is unknown', deal: { stakeholders: [decider] }, reason: 'facts', message: 'reachedSignerUnknown' },
    {
      name: 'in touch with authority, but the signer is unsupportive',
      deal: { stakeholders: [{ name: 'Wang', role: 'final-say', contact: 'close', stance: 'unsupportive' }] },
      reason: 'facts',
      message: 'reachedSignerAgainst',
    },
    { name: 'deciders identified, contact shallow', deal: { stakeholders: [{ name: 'Wang', role: 'final-say', contact: 'some' }] }, reason: 'facts', message: 'deciderIdentified' },
    { name: 'facts silent: an F answer decides', deal: { answers: { 'bant.authority': 'F' } }, reason: 'answer' },
  ],
  W: [
    {
      name: 'the signer is an enemy and no decider is reached',
      deal: { stakeholders: [{ name: 'Zhao', role: 'final-say', contact: 'close', stance: 'enemy' }, { name: 'Li', role: 'decision-maker', contact: 'none' }] },
      reason: 'facts',
      message: 'decidersHostileUnreached',
    },
    { name: 'facts silent: a W answer decides', deal: { stakeholders: [{ name: 'Chen', role: 'user', contact: 'close' }], answers: { 'bant.authority': 'W' } }, reason: 'answer' },
    { name: 'nothing known', deal: {}, reason: 'nothing-known' },
  ],
});

describe('bant.authority: a signer who backs a competitor is not our authority', () => {
  it('the signer in contact backs a competitor is not C', async () => {
    const result = await evaluateBoth({ stakeholders: [{ ...signer, stance: 'neutral', backsCompetitor: true }] });
    expect(result.items['bant.authority']!.rating).not.toBe('C');
  });
});

// ---------------------------------------------------------------- bant.need
ruleTester('bant.need', {
  C: [
    { name: 'a pain the buyer admits', deal: { need: { problems: ['remote offices cannot reach the ERP'] } }, reason: 'facts', message: 'painAdmitted' },
    { name: 'facts silent: a C answer decides', deal: { answers: { 'bant.need': 'C' } }, reason: 'answer' },
  ],
  F: [
    { name: 'the need is raised by the top, its pain not recorded', deal: { need: { raisedBy: 'top' } }, reason: 'facts', message: 'needRaisedProblemsUnknown' },
    { name: 'facts silent: an F answer decides', deal: { need: { problems: [] }, answers: { 'bant.need': 'F' } }, reason: 'answer' },
  ],
  W: [
    { name: 'facts silent: a W answer decides', deal: { answers: { 'bant.need': 'W' } }, reason: 'answer' },
    { name: 'nothing known', deal: { need: { problems: [] } }, reason: 'nothing-known' },
  ],
});

// ---------------------------------------------------------------- bant.timeline
const driven = (deadline: string): Deal => ({ need: { deadline, deadlineReason: 'year-end budget must be spent' } });

ruleTester('bant.timeline', {
  C: [
    { name: 'edge: deadline = asOf', deal: driven(day(0)), reason: 'facts', message: 'datedDrivenInHorizon' },
    { name: 'a dated deadline with a reason, mid-horizon', deal: driven(day(60)), reason: 'facts', message: 'datedDrivenInHorizon' },
    { name: 'edge: deadline = asOf + 180 (default horizon)', deal: driven(day(180)), reason: 'facts', message: 'datedDrivenInHorizon' },
    { name: 'edge: deadline = asOf + 30 with horizonDays 30', deal: driven(day(30)), options: { horizonDays: 30 }, reason: 'facts', message: 'datedDrivenInHorizon' },
    { name: 'facts silent: a C answer decides', deal: { answers: { 'bant.timeline': 'C' } }, reason: 'answer' },
  ],
  F: [
    { name: 'edge: deadline = asOf + 181 (beyond the default horizon)', deal: driven(day(181)), reason: 'facts', message: 'datedDrivenBeyondHorizon' },
    { name: 'edge: deadline = asOf + 31 with horizonDays 30', deal: driven(day(31)), options: { horizonDays: 30 }, reason: 'facts', message: 'datedDrivenBeyondHorizon' },
    { name: 'a date with no driving reason', deal: { need: { deadline: day(30) } }, reason: 'facts', message: 'datedWithoutReason' },
    { name: 'a date with a blank reason', deal: { need: { deadline: day(30), deadlineReason: '   ' } }, reason: 'facts', message: 'datedWithoutReason' },
    { name: 'a reason but no date', deal: { need: { deadlineReason: 'before the annual audit' } }, reason: 'facts', message: 'reasonWithoutDate' },
    { name: 'the need is known, no deadline', deal: { need: { problems: ['VPN'] } }, reason: 'facts', message: 'needWithoutDate' },
    { name: 'no deadline overrules a C answer', deal: { need: { raisedBy: 'user' }, answers: { 'bant.timeline': 'C' } }, reason: 'facts', message: 'needWithoutDate' },
    { name: 'facts silent: an F answer decides', deal: { answers: { 'bant.timeline': 'F' } }, reason: 'answer' },
  ],
  W: [
    { name: 'edge: deadline = asOf − 1 (passed)', deal: driven(day(-1)), reason: 'facts', message: 'deadlinePassed' },
    { name: 'a passed deadline without a reason', deal: { need: { deadline: day(-200) } }, reason: 'facts', message: 'deadlinePassed' },
    { name: 'a passed deadline overrules a C answer', deal: { ...driven(day(-1)), answers: { 'bant.timeline': 'C' } }, reason: 'facts', message: 'deadlinePassed' },
    { name: 'facts silent: a W answer decides', deal: { answers: { 'bant.timeline': 'W' } }, reason: 'answer' },
    { name: 'nothing known', deal: { need: {} }, reason: 'nothing-known' },
  ],
});

describe('bant.timeline ages', () => {
  it('the same snapshot moves from C to W as asOf passes the deadline', async () => {
    const deal = driven('2026-12-15');
    expect((await evaluateBoth({ ...deal, asOf: '2026-11-01' })).items['bant.timeline']!.rating).toBe('C');
    expect((await evaluateBoth({ ...deal, asOf: '2026-12-15' })).items['bant.timeline']!.rating).toBe('C');
    expect((await evaluateBoth({ ...deal, asOf: '2026-12-16' })).items['bant.timeline']!.rating).toBe('W');
    // and a far-off date comes into the horizon as time passes
    expect((await evaluateBoth({ ...driven('2027-09-01'), asOf: '2026-11-01' })).items['bant.timeline']!.rating).toBe('F');
    expect((await evaluateBoth({ ...driven('2027-09-01'), asOf: '2027-03-05' })).items['bant.timeline']!.rating).toBe('C');
  });

  it('the evaluate option asOf is used when the snapshot has none', () => {
    const result = evaluateSync({ id: 'T-2', ...driven('2026-12-15') }, { asOf: '2027-01-01' });
    expect(result.ok && result.items['bant.timeline']!.rating).toBe('W');
  });

  it('a passed deadline says so with its date, in both languages', async () => {
    const en = await describedBoth(driven(day(-1)));
    expect(en.items['bant.timeline']!.reason.message).toContain(`deadline ${day(-1)} is before the evaluation date ${AS_OF}`);
    const zh = await describedBoth(driven(day(-1)), { locale: 'zh-CN' });
    expect(zh.items['bant.timeline']!.reason.message).toContain(`截止日期 ${day(-1)} 早于评估日期 ${AS_OF}`);
    const missing = en.missing.find((m) => m.item === 'bant.timeline');
    expect(missing).toMatchObject({ rating: 'W', pack: 'bant', step: 1 });
  });
});

// ---------------------------------------------------------------- composition
const sevenStepGate: Deal = { answers: { 's1.1': 'C', 's1.3': 'C', 's2.2': 'C', 's2.3': 'C' } };
const qualified: Deal = {
  funding: { budgetInPlace: true, budget: 800_000 },
  stakeholders: [signer],
  need: { problems: ['VPN'], raisedBy: 'top', ...driven(day(90)).need },
};

describe('BANT with the seven-step and MAN packs', () => {
  it('packs: [bant] reports only the BANT items; the stage still comes from the seven-step facts', async () => {
    const bantOnly = await evaluateBoth(sevenStepGate, { packs: ['bant'] });
    expect(Object.keys(bantOnly.items).sort()).toEqual(BANT_IDS.slice().sort());
    expect(bantOnly.stage.step).toBe(3); // ★ items of steps 1 and 2 are C
    expect(bantOnly.man).toBeUndefined();
    for (const deal of [qualified, sevenStepGate, {}]) {
      const [only, all] = [await evaluateBoth(deal, { packs: ['bant'] }), await evaluateBoth(deal)];
      expect(only.stage).toEqual(all.stage);
    }
  });

  it('packs: [man, bant] reports both packs and the MAN class, in either order', async () => {
    const a = await evaluateBoth(qualified, { packs: ['man', 'bant'] });
    const b = await evaluateBoth(qualified, { packs: ['bant', 'man'] });
    expect(b).toEqual(a);
    expect(Object.keys(a.items).sort()).toEqual([...MAN_IDS, ...BANT_IDS].sort());
    expect(a.man?.class).toBe('M-A-N');
    for (const id of [...MAN_IDS, ...BANT_IDS]) expect(a.items[id]!.rating, id).toBe('C');
  });

  it('default packs: every item of all three packs; missing merges them in one urgency order', async () => {
    const result = await evaluateBoth({ need: { problems: ['VPN'] } });
    for (const pack of ['sangfor-7step', 'man', 'bant'] as const)
      for (const item of builtinPack(pack).items) expect(result.items[item.id]?.pack, item.id).toBe(pack);
    const packs = new Set(result.missing.map((m) => result.items[m.item]!.pack));
    expect(packs).toEqual(new Set(['sangfor-7step', 'man', 'bant']));
    const ids = result.missing.map((m) => m.item);
    expect(ids).toEqual(expect.arrayContaining(['man.need', 'bant.timeline', 'bant.budget']));
    expect(ids).not.toContain('bant.need');
    // one order: no missing item of a later step comes before a non-★ item of an earlier step than the stage
    const step = result.stage.step;
    const stepOf = (m: (typeof result.missing)[number]) => result.items[m.item]!.step;
    const rank = (m: (typeof result.missing)[number]) => (m.star && stepOf(m) === step ? 0 : stepOf(m) < step ? 1 : 2);
    const ranks = result.missing.map(rank);
    expect(ranks).toEqual([...ranks].sort((x, y) => x - y));
  });

  it('counts each fact once: beside the seven-step pack BANT adds nothing; beside MAN only the timeline counts', async () => {
    const sevenOnly = await evaluateBoth(qualified, { packs: ['sangfor-7step'] });
    const all = await evaluateBoth(qualified);
    for (const id of [...MAN_IDS, ...BANT_IDS]) expect(all.items[id]!.contribution, id).toBe(0);
    expect(all.probability).toBeCloseTo(sevenOnly.probability, 12);

    const manBant = await evaluateBoth(qualified, { packs: ['man', 'bant'] });
    for (const id of MAN_IDS) expect(manBant.items[id]!.contribution, id).toBeGreaterThan(0);
    for (const id of ['bant.budget', 'bant.authority', 'bant.need']) expect(manBant.items[id]!.contribution, id).toBe(0);
    expect(manBant.items['bant.timeline']!.contribution).toBeGreaterThan(0);
    expect(manBant.probability).toBeGreaterThan(0.9);

    const bantOnly = await evaluateBoth(qualified, { packs: ['bant'] });
    for (const id of BANT_IDS) expect(bantOnly.items[id]!.contribution, id).toBeGreaterThan(0);
  });
});

describe('cross-pack contradictions', () => {
  const crossPack = (r: Awaited<ReturnType<typeof evaluateBoth>>) =>
    r.findings.filter((f) => f.code === 'cross-pack-contradiction').map((f) => f.items);

  it('bant.budget C against man.money W', async () => {
    const result = await evaluateBoth({ answers: { 'bant.budget': 'C', 'man.money': 'W' } }, { packs: ['man', 'bant'] });
    expect(crossPack(result)).toEqual([['bant.budget', 'man.money']]);
  });

  it('bant.budget C against both man.money W and s2.2 W (default packs)', async () => {
    const result = await evaluateBoth({ answers: { 'bant.budget': 'C', 'man.money': 'W', 's2.2': 'W' } });
    expect(crossPack(result)).toEqual([
      ['bant.budget', 'man.money'],
      ['bant.budget', 's2.2'],
    ]);
  });

  it('bant.timeline W against s1.2 C; bant.authority C against man.authority W', async () => {
    const result = await evaluateBoth({ answers: { 'bant.timeline': 'W', 's1.2': 'C', 'bant.authority': 'C', 'man.authority': 'W' } });
    expect(crossPack(result)).toEqual(expect.arrayContaining([['bant.timeline', 's1.2'], ['bant.authority', 'man.authority']]));
  });

  it('an item of a pack not evaluated is not compared', async () => {
    const result = await evaluateBoth({ answers: { 'bant.budget': 'C', 'man.money': 'W' } }, { packs: ['bant'] });
    expect(crossPack(result)).toEqual([]);
  });
});
