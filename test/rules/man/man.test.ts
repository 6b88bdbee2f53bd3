/**
 * The `man` pack: each item's C/F/W rules (both engines), the 8-class MAN matrix reached from facts
 * and from answers, and how MAN combines with the seven-step pack (shared facts, counted once).
 */
import { describe, expect, it } from 'vitest';
import { builtinPack } from '../../../src/packs/builtin.js';
import type { Rating, SnapshotInput } from '../../../src/snapshot/schema.js';
import { describedBoth, evaluateBoth, ruleTester, type RuleCase } from '../../support/rule-tester.js';

type Deal = RuleCase['deal'];
type Person = NonNullable<SnapshotInput['stakeholders']>[number];

const MAN_IDS = ['man.money', 'man.authority', 'man.need'];

describe('man pack file', () => {
  const pack = builtinPack('man');

  it('holds the contract item ids, in order, with the seed words as zh titles', () => {
    expect(pack.items.map((i) => i.id)).toEqual(MAN_IDS);
    expect(pack.items.map((i) => i.title.zh)).toEqual(['财力(Money)', '权力(Authority)', '需求(Needs)']);
    expect(pack.items.map((i) => i.step)).toEqual([2, 4, 1]);
    for (const item of pack.items) {
      expect(item).toMatchObject({ star: false, kind: 'positive', extension: false });
      expect(item.signals.length).toBeGreaterThanOrEqual(item.minSignals);
    }
  });

  it('names, in sameFactAs, seven-step items that exist', () => {
    const sevenStep = new Set(builtinPack('sangfor-7step').items.map((i) => i.id));
    expect(Object.fromEntries(pack.items.map((i) => [i.id, i.sameFactAs]))).toEqual({
      'man.money': ['s2.2'],
      'man.authority': ['s4.1'],
      'man.need': ['s1.1'],
    });
    for (const item of pack.items) for (const other of item.sameFactAs) expect(sevenStep.has(other), `${item.id} → ${other}`).toBe(true);
  });

  it('lists every contrary W rule before the C rules, and C before F', () => {
    const order: Record<Rating, number> = { W: 0, C: 1, F: 2 };
    for (const item of pack.items) {
      const ranks = item.rules.map((r) => order[r.event.params.rating]);
      expect(ranks, item.id).toEqual([...ranks].sort((a, b) => a - b));
    }
  });
});

// ---------------------------------------------------------------- man.money
ruleTester('man.money', {
  C: [
    { name: 'budget in place', deal: { funding: { budgetInPlace: true } }, reason: 'facts', message: 'budgetInPlace' },
    {
      name: 'budget in place beats a pending approval and a W answer (facts win)',
      deal: { funding: { budgetInPlace: true, approval: '审批中' }, answers: { 'man.money': 'W' } },
      reason: 'facts',
      message: 'budgetInPlace',
    },
    { name: 'facts silent: a C answer decides', deal: { funding: { approval: 'pending' }, answers: { 'man.money': 'C' } }, reason: 'answer' },
  ],
  F: [
    { name: 'project approved, money not confirmed', deal: { funding: { approval: '已立项' } }, reason: 'facts', message: 'approvedNotFunded' },
    { name: 'budget amount known, money not confirmed', deal: { funding: { budget: 500_000 } }, reason: 'facts', message: 'budgetAmountOnly' },
    { name: 'facts silent (funding source only): an F answer decides', deal: { funding: { source: 'own' }, answers: { 'man.money': 'F' } }, reason: 'answer' },
    {
      name: 'facts silent: a stale C answer drops to F',
      deal: { answers: { 'man.money': { rating: 'C', at: '2026-01-10' } } },
      reason: 'stale',
    },
  ],
  W: [
    { name: 'budget recorded as not in place', deal: { funding: { budgetInPlace: false } }, reason: 'facts', message: 'moneyNotInPlace' },
    {
      name: 'not in place outweighs an approval and a known amount',
      deal: { funding: { budgetInPlace: false, approval: 'approved', budget: 100_000 } },
      reason: 'facts',
      message: 'moneyNotInPlace',
    },
    { name: 'approval rejected (否决)', deal: { funding: { approval: '否决', budget: 100_000 } }, reason: 'facts', message: 'approvalRejected' },
    { name: 'facts silent: a W answer decides', deal: { funding: { approval: 'pending' }, answers: { 'man.money': 'W' } }, reason: 'answer' },
    { name: 'nothing known', deal: {}, reason: 'nothing-known' },
  ],
});

// ---------------------------------------------------------------- man.authority
const boss: Person = { name: 'Wang', role: '拍板者', contact: '深交', stance: '支持者' };

ruleTester('man.authority', {
  C: [
    { name: 'final-say in close contact, supportive', deal: { stakeholders: [boss] }, reason: 'facts', message: 'deciderReached' },
    {
      name: 'decision-maker in frequent contact, stance not recorded',
      deal: { stakeholders: [{ name: 'Li', role: 'decision-maker', contact: 'frequent' }] },
      reason: 'facts',
      message: 'deciderReached',
    },
    {
      name: 'an unsupportive decider in real contact is still reached',
      deal: { stakeholders: [{ name: 'Li', role: '决策者', contact: '较多接触', stance: '不支持者' }] },
      reason: 'facts',
      message: 'deciderReached',
    },
    {
      name: 'one decider reached, another hostile and unreached',
      deal: { stakeholders: [boss, { name: 'Zhao', role: 'decision-maker', contact: 'none', stance: 'enemy' }] },
      reason: 'facts',
      message: 'deciderReached',
    },
    {
      name: 'a supportive decider reached; another decider in contact backs a competitor',
      deal: {
        stakeholders: [
          { name: 'Wang', role: 'final-say', contact: 'close', stance: 'supporter' },
          { name: 'Zhao', role: 'decision-maker', contact: 'frequent', stance: 'neutral', backsCompetitor: true },
        ],
      },
      reason: 'facts',
      message: 'deciderReached',
    },
    {
      name: 'facts silent (only evaluators and users): a C answer decides',
      deal: { stakeholders: [{ name: 'Chen', role: '评估者', contact: '深交' }], answers: { 'man.authority': 'C' } },
      reason: 'answer',
    },
  ],
  F: [
    {
      name: 'decider identified, contact shallow',
      deal: { stakeholders: [{ name: 'Wang', role: 'final-say', contact: '一般接触', stance: 'supporter' }] },
      reason: 'facts',
      message: 'deciderIdentified',
    },
    { name: 'decider identified, contact not recorded', deal: { stakeholders: [{ name: 'Wang', role: 'final-say' }] }, reason: 'facts', message: 'deciderIdentified' },
    { name: 'facts silent (no stakeholders): an F answer decides', deal: { answers: { 'man.authority': 'F' } }, reason: 'answer' },
  ],
  W: [
    {
      name: 'the final say is an enemy (even in close contact)',
      deal: { stakeholders: [{ name: 'Zhao', role: 'final-say', contact: 'close', stance: '敌人' }] },
      reason: 'facts',
      message: 'finalSayAgainst',
    },
    {
      name: 'issue 12: the final say is an enemy, even with a supportive decision-maker in close contact',
      deal: {
        stakeholders: [
          { name: '郑国梁', role: '拍板者', contact: '一般接触', stance: '敌人' },
          { name: '钱建国', role: '决策者', contact: '较多接触', stance: '支持者' },
        ],
      },
      reason: 'facts',
      message: 'finalSayAgainst',
    },
    {
      name: 'the decision-maker is an enemy in close contact',
      deal: { stakeholders: [{ name: 'Zhao', role: 'decision-maker', contact: 'close', stance: 'enemy' }] },
      reason: 'facts',
      message: 'decidersHostileUnreached',
    },
    {
      name: 'a hostile decider, the other decider not reached',
      deal: {
        stakeholders: [
          { name: 'Zhao', role: 'decision-maker', contact: 'some', stance: 'neutral', backsCompetitor: true },
          { name: 'Li', role: 'final-say', contact: 'none', stance: 'supporter' },
        ],
      },
      reason: 'facts',
      message: 'decidersHostileUnreached',
    },
    {
      name: 'issue 12: the only decider in contact backs a competitor: authority is not reached',
      deal: { stakeholders: [{ name: 'Zhao', role: 'decision-maker', contact: 'close', stance: 'supporter', backsCompetitor: true }] },
      reason: 'facts',
      message: 'decidersHostileUnreached',
    },
    {
      name: 'a hostile decider overrules a C answer',
      deal: { stakeholders: [{ name: 'Zhao', role: 'decision-maker', stance: 'enemy' }], answers: { 'man.authority': 'C' } },
      reason: 'facts',
      message: 'decidersHostileUnreached',
    },
    { name: 'facts silent: a W answer decides', deal: { stakeholders: [{ name: 'Chen', role: 'user' }], answers: { 'man.authority': 'W' } }, reason: 'answer' },
    { name: 'nothing known', deal: { stakeholders: [] }, reason: 'nothing-known' },
  ],
});

describe('man.authority: a decider who backs a competitor is not our authority', () => {
  // derive.ts counts a decider who openly backs a competitor as hostile, not as in contact on our side.
  it('the only decider in contact backs a competitor is not C', async () => {
    const result = await evaluateBoth({ stakeholders: [{ name: 'Wang', role: 'final-say', contact: 'close', stance: 'neutral', backsCompetitor: true }] });
    expect(result.items['man.authority']!.rating).not.toBe('C');
  });
});

// ---------------------------------------------------------------- man.need
ruleTester('man.need', {
  C: [
    { name: 'problems and who raised them', deal: { need: { problems: ['branch VPN'], raisedBy: '高层' } }, reason: 'facts', message: 'needConfirmed' },
    { name: 'problems and a deadline', deal: { need: { problems: ['branch VPN'], deadline: '2027-01-31' } }, reason: 'facts', message: 'needConfirmed' },
    {
      name: 'problems and a deadline already passed (the date was stated)',
      deal: { need: { problems: ['branch VPN'], deadline: '2026-06-30' } },
      reason: 'facts',
      message: 'needConfirmed',
    },
    { name: 'facts silent: a C answer decides', deal: { need: { products: [{ line: 'SSL' }] }, answers: { 'man.need': 'C' } }, reason: 'answer' },
  ],
  F: [
    { name: 'problems only', deal: { need: { problems: ['branch VPN'] } }, reason: 'facts', message: 'problemsOnly' },
    { name: 'problems only overrule a W answer', deal: { need: { problems: ['branch VPN'] }, answers: { 'man.need': 'W' } }, reason: 'facts', message: 'problemsOnly' },
    { name: 'raised by the users, problems not recorded', deal: { need: { raisedBy: 'user' } }, reason: 'facts', message: 'needRaisedProblemsUnknown' },
    { name: 'a deadline, problems not recorded', deal: { need: { deadline: '2027-01-31' } }, reason: 'facts', message: 'needRaisedProblemsUnknown' },
    { name: 'facts silent: an F answer decides', deal: { answers: { 'man.need': 'F' } }, reason: 'answer' },
  ],
  W: [
    { name: 'facts silent (empty problem list): a W answer decides', deal: { need: { problems: [] }, answers: { 'man.need': 'W' } }, reason: 'answer' },
    { name: 'evidence against the need', deal: { evidence: [{ item: 'man.need', date: '2026-10-20', against: true, note: 'project shelved' }] }, reason: 'evidence-against' },
    { name: 'nothing known', deal: { need: {} }, reason: 'nothing-known' },
  ],
});

// ---------------------------------------------------------------- the MAN matrix
/** Facts that rate each check C (capital) or F/W (small letter). */
const FACTS = {
  M: { funding: { budgetInPlace: true } },
  m: { funding: { approval: 'approved' as const } }, // F
  mW: { funding: { budgetInPlace: false } }, // W
  A: { stakeholders: [boss] },
  a: { stakeholders: [{ name: 'Wang', role: 'final-say' as const, contact: 'some' as const }] }, // F
  aW: { stakeholders: [{ name: 'Zhao', role: 'final-say' as const, stance: 'enemy' as const }] }, // W
  N: { need: { problems: ['branch VPN'], raisedBy: 'top' as const } },
  n: { need: { problems: ['branch VPN'] } }, // F
  nW: { evidence: [{ item: 'man.need', date: '2026-10-20', against: true }] }, // W (no fact says "no need")
} satisfies Record<string, Deal>;

const CLASSES: { cls: string; action: string; facts: (keyof typeof FACTS)[]; answers: [Rating, Rating, Rating] }[] = [
  { cls: 'M-A-N', action: 'pursue now', facts: ['M', 'A', 'N'], answers: ['C', 'C', 'C'] },
  { cls: 'M-A-n', action: 'develop the need', facts: ['M', 'A', 'n'], answers: ['C', 'C', 'F'] },
  { cls: 'M-a-N', action: 'find and reach the person with authority', facts: ['M', 'a', 'N'], answers: ['C', 'W', 'C'] },
  { cls: 'm-A-N', action: 'check funding', facts: ['m', 'A', 'N'], answers: ['F', 'C', 'C'] },
  { cls: 'm-a-N', action: 'watch for budget and authority', facts: ['mW', 'aW', 'N'], answers: ['W', 'F', 'C'] },
  { cls: 'm-A-n', action: 'Authority only', facts: ['m', 'A', 'nW'], answers: ['W', 'C', 'W'] },
  { cls: 'M-a-n', action: 'Money only', facts: ['M', 'aW', 'n'], answers: ['C', 'F', 'W'] },
  { cls: 'm-a-n', action: 'stop active pursuit', facts: ['mW', 'a', 'nW'], answers: ['F', 'W', 'F'] },
];

const merge = (...parts: Deal[]): Deal => Object.assign({}, ...parts);

describe('MAN matrix: the 8 classes', () => {
  it('covers every class once', () => {
    expect(new Set(CLASSES.map((c) => c.cls)).size).toBe(8);
  });

  for (const { cls, action, facts, answers } of CLASSES) {
    it(`${cls} from facts`, async () => {
      const result = await evaluateBoth(merge(...facts.map((k) => FACTS[k])));
      for (const id of MAN_IDS) expect(result.items[id]!.reason.code, id).not.toBe('answer');
      expect(result.man?.class).toBe(cls);
      expect(result.man?.action.en).toContain(action);
      expect(result.man?.action.zh).toMatch(/\p{Script=Han}/u);
    });

    it(`${cls} from answers only`, async () => {
      const result = await evaluateBoth({ answers: { 'man.money': answers[0], 'man.authority': answers[1], 'man.need': answers[2] } }, { packs: ['man'] });
      for (const id of MAN_IDS) expect(result.items[id]!.reason.code, id).toBe('answer');
      expect(result.man?.class).toBe(cls);
      expect(result.man?.action.en).toContain(action);
    });
  }

  it('the facts decide the class over the answers', async () => {
    const result = await evaluateBoth(merge(FACTS.M, FACTS.a, FACTS.N, { answers: { 'man.money': 'W', 'man.authority': 'C', 'man.need': 'W' } }));
    expect(result.man?.class).toBe('M-a-N');
    const contradicted = result.findings.filter((f) => f.code === 'contradiction').flatMap((f) => f.items);
    expect(contradicted).toEqual(expect.arrayContaining(MAN_IDS));
  });

  it('a bare deal is not a prospect (every check W, nothing known)', async () => {
    const result = await evaluateBoth({}, { packs: ['man'] });
    expect(result.man?.class).toBe('m-a-n');
    for (const id of MAN_IDS) expect(result.items[id]!.reason.code).toBe('nothing-known');
  });
});

// ---------------------------------------------------------------- composition
const sevenStepGate: Deal = { answers: { 's1.1': 'C', 's1.3': 'C', 's2.2': 'C', 's2.3': 'C' } };

describe('MAN with the seven-step pack', () => {
  it('packs: [man] reports only the MAN items; the stage still comes from the seven-step pack', async () => {
    const gated = await evaluateBoth(sevenStepGate, { packs: ['man'] });
    expect(Object.keys(gated.items).sort()).toEqual(MAN_IDS.slice().sort());
    expect(gated.stage.step).toBe(3); // the ★ items of steps 1 and 2 are answered C
    expect((await evaluateBoth({}, { packs: ['man'] })).stage.step).toBe(1);
    // with facts, the seven-step facts decide the stage exactly as when the seven-step pack is evaluated
    for (const deal of [merge(FACTS.M, FACTS.A, FACTS.N, sevenStepGate), merge(FACTS.mW, FACTS.a, FACTS.n), sevenStepGate]) {
      const manOnly = await evaluateBoth(deal, { packs: ['man'] });
      expect(manOnly.stage).toEqual((await evaluateBoth(deal, { packs: ['sangfor-7step'] })).stage);
      expect(manOnly.stage).toEqual((await evaluateBoth(deal)).stage);
    }
    const qualified = await evaluateBoth(merge(FACTS.M, FACTS.A, FACTS.N, sevenStepGate), { packs: ['man'] });
    expect(qualified.man?.class).toBe('M-A-N');
  });

  it('default packs report every item of all three packs and the MAN class', async () => {
    const result = await evaluateBoth(merge(FACTS.M, FACTS.a, FACTS.N));
    for (const pack of ['sangfor-7step', 'man', 'bant'] as const)
      for (const item of builtinPack(pack).items) expect(result.items[item.id]?.pack, item.id).toBe(pack);
    expect(result.man?.class).toBe('M-a-N');
    expect(result.missing.map((m) => m.item)).toContain('man.authority');
  });

  it('packs without man carry no MAN class', async () => {
    expect((await evaluateBoth(FACTS.M, { packs: ['bant'] })).man).toBeUndefined();
    expect((await evaluateBoth(FACTS.M, { packs: ['sangfor-7step'] })).man).toBeUndefined();
  });

  it('counts each fact once: beside the seven-step pack MAN adds nothing to the probability', async () => {
    const deal = merge(FACTS.M, FACTS.A, FACTS.N, sevenStepGate);
    const sevenOnly = await evaluateBoth(deal, { packs: ['sangfor-7step'] });
    const withMan = await evaluateBoth(deal, { packs: ['sangfor-7step', 'man'] });
    for (const id of MAN_IDS) expect(withMan.items[id]!.contribution, id).toBe(0);
    expect(withMan.probability).toBeCloseTo(sevenOnly.probability, 12);
  });

  it('evaluated alone, the MAN items carry the probability', async () => {
    const ideal = await evaluateBoth(merge(FACTS.M, FACTS.A, FACTS.N), { packs: ['man'] });
    const none = await evaluateBoth({}, { packs: ['man'] });
    for (const id of MAN_IDS) expect(ideal.items[id]!.contribution, id).toBeGreaterThan(0);
    expect(ideal.probability).toBeGreaterThan(0.9);
    expect(none.probability).toBeLessThan(0.1);
  });
});

describe('cross-pack contradictions', () => {
  const crossPack = (r: Awaited<ReturnType<typeof evaluateBoth>>) => r.findings.filter((f) => f.code === 'cross-pack-contradiction');

  it('man.money answered C while s2.2 is answered W names both items', async () => {
    const result = await describedBoth({ answers: { 'man.money': 'C', 's2.2': 'W' } });
    const found = result.findings.filter((f) => f.code === 'cross-pack-contradiction');
    expect(found).toHaveLength(1);
    expect(found[0]!.items).toEqual(['man.money', 's2.2']);
    expect(found[0]!.message).toContain('man.money');
    expect(found[0]!.message).toContain('s2.2');
  });

  it('man.need W against s1.1 C, and man.authority C against s4.1 W', async () => {
    const result = await evaluateBoth({ answers: { 'man.need': 'W', 's1.1': 'C', 'man.authority': 'C', 's4.1': 'W' } });
    expect(crossPack(result).map((f) => f.items)).toEqual(expect.arrayContaining([['man.authority', 's4.1'], ['man.need', 's1.1']]));
  });

  it('C against F is no contradiction (F is partly shown)', async () => {
    expect(crossPack(await evaluateBoth({ answers: { 'man.money': 'C', 's2.2': 'F' } }))).toEqual([]);
  });

  it('agreeing answers give no finding', async () => {
    expect(crossPack(await evaluateBoth({ answers: { 'man.money': 'W', 's2.2': 'W', 'man.need': 'C', 's1.1': 'C' } }))).toEqual([]);
  });
});
