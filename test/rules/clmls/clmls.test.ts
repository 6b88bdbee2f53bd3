/**
 * The `clmls` pack (摧龙六式, seed 000): each item's C/F/W rules through both engines, the six
 * end-marker gates reported as `stages.clmls`, the relationship ladder, and the seed's words.
 */
import { describe, expect, it } from 'vitest';
import { ladderRung } from '../../../src/engine/derive-methods.js';
import { builtinPack } from '../../../src/packs/optional.js';
import { packsOf } from '../../support/packs.js';
import type { SnapshotInput } from '../../../src/snapshot/schema.js';
import { evaluateBoth } from '../../support/rule-tester.js';
import { readSeed, seedsMissing } from '../../support/seeds.js';
import { simplified } from '../../support/traditional.js';
import { packFileChecks, packRuleTester } from '../method-pack.js';

type Person = NonNullable<SnapshotInput['stakeholders']>[number];
const t = (item: string, cases: Parameters<typeof packRuleTester>[2]) => packRuleTester('clmls', item, cases);

packFileChecks(
  'clmls',
  ['clmls.1.need', 'clmls.1.timetable', 'clmls.1.budget', 'clmls.1.win', 'clmls.1.worth', 'clmls.1.strength', 'clmls.2.acquaint', 'clmls.2.date', 'clmls.2.trust', 'clmls.2.alliance', 'clmls.3.requirement', 'clmls.4.buying-signals', 'clmls.5.commitment', 'clmls.6.collected'],
  {
    'clmls.1.need': ['s1.1'],
    'clmls.1.timetable': ['s1.2', 'bant.timeline'],
    'clmls.1.budget': ['s2.2', 'man.money', 'bant.budget'],
    'clmls.1.win': ['s1.4', 's3.2', 's3.3'],
    'clmls.1.worth': ['s1.3'],
    'clmls.1.strength': ['s1.3'],
    'clmls.2.date': ['man.authority'],
    'clmls.2.alliance': ['s4.2', 's5.5'],
    'clmls.3.requirement': ['s1.6', 's2.1'],
    'clmls.4.buying-signals': ['s5.8'],
    'clmls.5.commitment': ['s7.2'],
  },
);

describe('clmls: the six steps of seed 000', () => {
  const pack = builtinPack('clmls');
  const seed = simplified(readSeed('000_45461ba5ddebe207.txt'));
  // Han characters only: the seed's layout noise, punctuation and the pinyin it prints after some
  // characters (發現(xiàn)) fall away.
  const bare = (text: string) => text.replace(/[^\p{Script=Han}]/gu, '');
  it('declares six steps, named as the seed, each gated by items of its own number', () => {
    expect(pack.stages!.map((s) => s.title.zh)).toEqual(['客户分析', '建立信任', '挖掘需求', '呈现价值', '赢取承诺', '回收账款']);
    for (const stage of pack.stages!) for (const id of stage.gate) expect(id.startsWith(`clmls.${stage.n}.`), id).toBe(true);
    expect(pack.stages![0]!.gate).toHaveLength(6);
  });
  it('chains the markers: the end of one step is the start of the next', () => {
    const s = pack.stages!;
    for (let i = 1; i < 5; i++) expect(bare(s[i]!.start!.zh), `step ${i + 1}`).toBe(bare(s[i - 1]!.end.zh).replace('了', ''));
  });
  it.skipIf(seedsMissing)(`keeps the seed's words: step names, markers, item titles and signals${seedsMissing ? ` (${seedsMissing})` : ''}`, () => {
    for (const stage of pack.stages!) {
      expect(bare(seed)).toContain(bare(stage.title.zh));
      expect(bare(seed), `end ${stage.n}`).toContain(bare(stage.end.zh));
      if (stage.start) expect(bare(seed), `start ${stage.n}`).toContain(bare(stage.start.zh));
    }
    for (const item of pack.items) {
      expect(bare(seed), item.id).toContain(bare(item.title.zh));
      for (const s of item.signals) expect(bare(seed), `${item.id} signal ${s.n}`).toContain(bare(s.zh));
    }
  });
});

// ---------------------------------------------------------------- step 1: the opportunity test
t('clmls.1.need', {
  C: [{ name: 'problems recorded', deal: { need: { problems: ['出口带宽不够'] } }, reason: 'facts', message: 'problemsKnown' }],
  W: [{ name: 'nothing known', deal: {}, reason: 'nothing-known' }],
  F: [{ name: 'facts silent: an F answer decides', deal: { answers: { 'clmls.1.need': 'F' } }, reason: 'answer' }],
});

t('clmls.1.timetable', {
  C: [{ name: 'a date within the horizon (近在眼前)', deal: { need: { deadline: '2027-01-31' } }, reason: 'facts', message: 'nearTerm' }],
  F: [
    { name: 'a date beyond the 180-day horizon', deal: { need: { deadline: '2028-06-30' } }, reason: 'facts', message: 'beyondHorizon' },
    // One fact, one answer (docs/rating.md §4): silent itself, it takes s1.2's F (a reason, no date).
    { name: 'no date, a reason for one: s1.2’s rating', deal: { need: { deadlineReason: '年底预算' } }, reason: 'same-fact' },
  ],
  W: [
    { name: 'the date has passed', deal: { need: { deadline: '2026-09-30', deadlineReason: '年底预算' } }, reason: 'facts', message: 'deadlinePassed' },
    { name: 'nothing known', deal: {}, reason: 'nothing-known' },
  ],
});

t('clmls.1.budget', {
  C: [{ name: 'budget amount known', deal: { funding: { budget: 800_000 } }, reason: 'facts', message: 'budgetAmountKnown' }],
  F: [
    { name: 'money in place, amount not recorded', deal: { funding: { budgetInPlace: true } }, reason: 'facts', message: 'budgetInPlaceAmountUnknown' },
    { name: 'approved, amount unknown', deal: { funding: { approval: '已立项' } }, reason: 'facts', message: 'approvedNoAmount' },
  ],
  W: [
    { name: 'not in place outweighs a known amount', deal: { funding: { budget: 800_000, budgetInPlace: false } }, reason: 'facts', message: 'budgetNotInPlace' },
    { name: 'approval rejected', deal: { funding: { approval: '否决', budget: 800_000 } }, reason: 'facts', message: 'approvalRejected' },
  ],
});

t('clmls.1.win', {
  C: [
    { name: 'our solution locks competitors out', deal: { technical: { lockIn: true }, competitors: [{ name: 'H3C' }] }, reason: 'facts', message: 'canWin' },
    { name: 'the customer acknowledges our edge', deal: { technical: { edgeAcknowledged: true } }, reason: 'facts', message: 'canWin' },
    { name: 'we won the trial', deal: { technical: { trial: '优于对手' } }, reason: 'facts', message: 'canWin' },
  ],
  F: [
    { name: 'competitors known, nothing decided', deal: { competitors: [{ name: 'H3C' }] }, reason: 'facts', message: 'contestUnjudged' },
    { name: 'trial running', deal: { technical: { trial: 'running' } }, reason: 'facts', message: 'contestUnjudged' },
  ],
  W: [
    { name: 'trial lost, even with lock-in claimed', deal: { technical: { trial: 'lost', lockIn: true } }, reason: 'facts', message: 'trialLost' },
    { name: 'edge not acknowledged', deal: { technical: { edgeAcknowledged: false, trial: 'won' } }, reason: 'facts', message: 'edgeDenied' },
    { name: 'contested, no lock-in', deal: { technical: { lockIn: false }, need: { alternatives: true } }, reason: 'facts', message: 'contestedNoLockIn' },
  ],
});

t('clmls.1.worth', {
  C: [{ name: 'amount estimated', deal: { amount: 380_000 }, reason: 'facts', message: 'amountEstimated' }],
  W: [{ name: 'amount 0 is not an estimate', deal: { amount: 0 }, reason: 'nothing-known' }],
});

t('clmls.1.strength', {
  C: [{ name: 'a product line of ours is preferred', deal: { productLines: ['AC'] }, reason: 'facts', message: 'productLinesKnown' }],
  W: [{ name: 'no product line', deal: { productLines: [] }, reason: 'nothing-known' }],
});

// ---------------------------------------------------------------- step 2: the relationship ladder
const decider = (p: Partial<Person>): Person => ({ name: 'Wang', role: 'final-say', ...p });
const engineer = (p: Partial<Person>): Person => ({ name: 'Li', role: 'user', ...p });

describe('the relationship ladder (ladderRung)', () => {
  it.each([
    ['no contact', { contact: 'none' }, 0],
    ['contact not recorded', {}, 0],
    ['some contact: 认识', { contact: 'some', stance: 'supporter' }, 1],
    ['frequent contact, neutral: 约会', { contact: 'frequent', stance: 'neutral' }, 2],
    ['frequent contact, stance unknown: 约会', { contact: 'frequent' }, 2],
    ['close and a supporter: 信赖', { contact: 'close', stance: 'supporter' }, 3],
    ['close, a mentor who helps us: 同盟', { contact: 'close', stance: 'mentor', helpsUs: true }, 4],
    ['frequent, a supporter who is our coach: 同盟', { contact: 'frequent', stance: 'supporter', coach: true }, 4],
    ['close but an enemy: 认识 at most', { contact: 'close', stance: 'enemy', helpsUs: true }, 1],
    ['close supporter who backs a competitor: 认识 at most', { contact: 'close', stance: 'supporter', backsCompetitor: true }, 1],
  ] as const)('%s', (_, fields, rung) => {
    const parsed = { name: 'X', ...fields } as Parameters<typeof ladderRung>[0];
    expect(ladderRung(parsed)).toBe(rung);
  });
});

t('clmls.2.acquaint', {
  C: [{ name: 'a key person in some contact', deal: { stakeholders: [decider({ contact: '一般接触' })] }, reason: 'facts', message: 'keyAcquainted' }],
  F: [{ name: 'only a user known', deal: { stakeholders: [engineer({ contact: 'close', stance: 'supporter' })] }, reason: 'facts', message: 'someoneAcquainted' }],
  W: [{ name: 'a key person never contacted', deal: { stakeholders: [decider({ contact: '不接触' })] }, reason: 'nothing-known' }],
});

t('clmls.2.date', {
  C: [{ name: 'a key person in frequent contact', deal: { stakeholders: [decider({ contact: '较多接触', stance: '中立者' })] }, reason: 'facts', message: 'keyInteracting' }],
  F: [{ name: 'frequent contact with a user only', deal: { stakeholders: [engineer({ contact: 'frequent' }), decider({ contact: 'some' })] }, reason: 'facts', message: 'someoneInteracting' }],
  W: [{ name: 'only some contact with anyone', deal: { stakeholders: [decider({ contact: 'some' })] }, reason: 'nothing-known' }],
});

t('clmls.2.trust', {
  C: [
    { name: 'a key person close and supportive', deal: { stakeholders: [decider({ contact: '深交', stance: '支持者' })] }, reason: 'facts', message: 'keyTrusts' },
    {
      name: 'one decision-maker trusts us though another is hostile',
      deal: { stakeholders: [decider({ contact: 'close', stance: 'enemy' }), { name: 'Zhao', role: 'decision-maker', contact: 'frequent', stance: 'mentor' }] },
      reason: 'facts',
      message: 'keyTrusts',
    },
  ],
  F: [
    { name: 'trust with a user, not a key person', deal: { stakeholders: [engineer({ contact: 'close', stance: 'mentor' })] }, reason: 'facts', message: 'trustNotKey' },
    { name: 'a key person interacts but is neutral', deal: { stakeholders: [decider({ contact: 'close', stance: 'neutral' })] }, reason: 'facts', message: 'trustNotKey' },
  ],
  W: [
    { name: 'the final say backs a competitor, no key person trusts us', deal: { stakeholders: [decider({ contact: 'some', backsCompetitor: true }), engineer({ contact: 'close', stance: 'mentor' })] }, reason: 'facts', message: 'keyAgainstUntrusted' },
    { name: 'no stakeholders', deal: {}, reason: 'nothing-known' },
  ],
});

t('clmls.2.alliance', {
  C: [
    { name: 'a coach in close contact, supportive', deal: { stakeholders: [engineer({ contact: 'close', stance: 'supporter', coach: true })] }, reason: 'facts', message: 'allied' },
    { name: 'a key person who helps us', deal: { stakeholders: [decider({ contact: 'frequent', stance: 'mentor', helpsUs: true })] }, reason: 'facts', message: 'allied' },
  ],
  F: [
    { name: 'trust, nobody helping yet', deal: { stakeholders: [decider({ contact: 'close', stance: 'supporter' })] }, reason: 'facts', message: 'trustNoAlliance' },
    // Silent itself, it takes the lowest of s4.2 and s5.5 that know something: s4.2's F.
    { name: 'a coach we barely know: s4.2’s rating', deal: { stakeholders: [engineer({ contact: 'some', stance: 'supporter', coach: true })] }, reason: 'same-fact' },
  ],
  W: [{ name: 'nobody known', deal: {}, reason: 'nothing-known' }],
});

// ---------------------------------------------------------------- steps 3–6: end markers
const specified = { products: [{ line: 'AC', model: 'AC-1000', quantity: 2 }] };
t('clmls.3.requirement', {
  C: [{ name: 'models and quantities told, project approved', deal: { need: specified, funding: { approval: 'approved' } }, reason: 'facts', message: 'requirementExplicit' }],
  F: [
    { name: 'specified, not approved', deal: { need: specified, funding: { approval: 'pending' } }, reason: 'facts', message: 'requirementPartial' },
    { name: 'approved, product without model', deal: { need: { products: [{ line: 'AC' }] }, funding: { approval: 'approved' } }, reason: 'facts', message: 'requirementPartial' },
  ],
  W: [{ name: 'approval rejected', deal: { need: specified, funding: { approval: 'rejected' } }, reason: 'facts', message: 'approvalRejected3' }],
});

t('clmls.4.buying-signals', {
  C: [
    { name: 'terms under negotiation', deal: { commercial: { terms: '谈判中' } }, reason: 'facts', message: 'negotiating' },
    { name: 'contract in approval', deal: { contract: { status: 'approving' } }, reason: 'facts', message: 'negotiating' },
  ],
  F: [{ name: 'edge acknowledged, no negotiation', deal: { technical: { edgeAcknowledged: true } }, reason: 'facts', message: 'valueShownNoNegotiation' }],
  W: [{ name: 'terms rejected', deal: { commercial: { terms: 'rejected' }, technical: { edgeAcknowledged: true } }, reason: 'facts', message: 'termsRejected' }],
});

t('clmls.5.commitment', {
  C: [{ name: 'signed, first payment received', deal: { contract: { status: '已签订', payment: '已收首款' } }, reason: 'facts', message: 'signedAndPaid' }],
  F: [
    { name: 'signed, nothing received', deal: { contract: { status: 'signed', payment: 'none' } }, reason: 'facts', message: 'signedUnpaid' },
    { name: 'in approval', deal: { contract: { status: '审批中' } }, reason: 'facts', message: 'contractInProgress' },
  ],
  W: [{ name: 'the deal is lost', deal: { outcome: '丢单', contract: { status: 'approving' } }, reason: 'facts', message: 'dealLost' }],
});

t('clmls.6.collected', {
  C: [{ name: 'paid in full', deal: { contract: { status: 'signed', payment: '全部收款' } }, reason: 'facts', message: 'paidInFull' }],
  F: [
    { name: 'partly paid', deal: { contract: { status: 'signed', payment: 'partial' } }, reason: 'facts', message: 'partlyPaid' },
    { name: 'signed, nothing collected', deal: { contract: { status: 'signed' } }, reason: 'facts', message: 'signedNothingCollected' },
  ],
  W: [{ name: 'nothing signed', deal: { contract: { status: 'drafting' } }, reason: 'nothing-known' }],
});

// ---------------------------------------------------------------- the 摧龙六式 stage
const opportunity: Parameters<typeof evaluateBoth>[0] = {
  amount: 500_000,
  productLines: ['AC'],
  need: { problems: ['上网行为无法审计'], deadline: '2027-01-15', ...specified },
  funding: { budget: 600_000, approval: 'approved', budgetInPlace: true, source: 'own' },
  technical: { edgeAcknowledged: true },
};

describe('stages.clmls', () => {
  it('holds at step 1 with the open opportunity tests while the test fails', async () => {
    const r = await evaluateBoth({ amount: 500_000, productLines: ['AC'] }, { packs: packsOf('clmls') });
    expect(r.stages?.clmls).toEqual({ step: 1, of: 6, passed: 0, open: ['clmls.1.need', 'clmls.1.timetable', 'clmls.1.budget', 'clmls.1.win'] });
  });
  it('moves to step 2 once the six tests hold, held by the trust gate', async () => {
    const r = await evaluateBoth(opportunity, { packs: packsOf('clmls') });
    expect(r.stages?.clmls).toEqual({ step: 2, of: 6, passed: 1, open: ['clmls.2.trust'] });
  });
  it('gates in order: a later end marker does not count before the earlier ones', async () => {
    const r = await evaluateBoth({ ...opportunity, contract: { status: 'signed', payment: 'full' } }, { packs: packsOf('clmls') });
    expect(r.stages?.clmls).toMatchObject({ step: 2, passed: 1 });
    expect(r.items['clmls.6.collected']?.rating).toBe('C');
  });
  it('past every end marker: step 6, passed 6, nothing open', async () => {
    const deal = { ...opportunity, stakeholders: [decider({ contact: 'close', stance: 'supporter' })], commercial: { terms: 'accepted' as const }, contract: { status: 'signed' as const, payment: 'full' as const } };
    const r = await evaluateBoth(deal, { packs: packsOf('clmls') });
    expect(r.stages?.clmls).toEqual({ step: 6, of: 6, passed: 6, open: [] });
  });
  it('is reported beside the seven-step stage, which stays in `stage`', async () => {
    const r = await evaluateBoth(opportunity, { packs: packsOf('sangfor-7step', 'clmls') });
    expect(r.stage.step).toBeGreaterThanOrEqual(1);
    expect(Object.keys(r.stages ?? {})).toEqual(['clmls']);
  });
  it('is absent with the default packs', async () => {
    const r = await evaluateBoth(opportunity);
    expect(r.stages).toBeUndefined();
  });
});
