/**
 * The `meddpicc` pack: each letter's C/F/W rules on the facts the seven-step pack reads, and the
 * probability counting each fact once (only Metrics is a fact of its own).
 */
import { describe, expect, it } from 'vitest';
import { builtinPack } from '../../../src/packs/optional.js';
import { packsOf } from '../../support/packs.js';
import { evaluateBoth } from '../../support/rule-tester.js';
import { packFileChecks, packRuleTester } from '../method-pack.js';

const t = (item: string, cases: Parameters<typeof packRuleTester>[2]) => packRuleTester('meddpicc', item, cases);

packFileChecks(
  'meddpicc',
  ['meddpicc.metrics', 'meddpicc.economic-buyer', 'meddpicc.decision-criteria', 'meddpicc.decision-process', 'meddpicc.paper-process', 'meddpicc.pain', 'meddpicc.champion', 'meddpicc.competition'],
  {
    'meddpicc.economic-buyer': ['s5.7', 'roles.investor'],
    'meddpicc.decision-criteria': ['s3.1', 's6.1'],
    'meddpicc.decision-process': ['s4.3'],
    'meddpicc.paper-process': ['s7.1'],
    'meddpicc.pain': ['s1.1'],
    'meddpicc.champion': ['s4.2', 's5.2'],
    'meddpicc.competition': ['s3.6', 's4.5'],
  },
);

describe('meddpicc titles', () => {
  it('are the method’s English names, translated into Chinese', () => {
    const names = ['Metrics', 'Economic buyer', 'Decision criteria', 'Decision process', 'Paper process', 'Identify pain', 'Champion', 'Competition'];
    builtinPack('meddpicc').items.forEach((item, i) => {
      expect(item.title.en.startsWith(`${names[i]}:`), item.id).toBe(true);
      expect(item.title.zh, item.id).toContain(`(${names[i]})`);
    });
  });
});

t('meddpicc.metrics', {
  C: [{ name: 'a quantified result', deal: { need: { metrics: ['加班量减少一半'] } }, reason: 'facts', message: 'metricsQuantified' }],
  F: [{ name: 'problems, not quantified', deal: { need: { problems: ['overtime'] } }, reason: 'facts', message: 'problemsNotQuantified' }],
  W: [{ name: 'nothing', deal: {}, reason: 'nothing-known' }],
});

t('meddpicc.economic-buyer', {
  C: [{ name: 'final say in close contact', deal: { stakeholders: [{ name: 'CFO', role: 'final-say', contact: 'close', stance: 'neutral' }] }, reason: 'facts', message: 'economicBuyerEngaged' }],
  F: [{ name: 'final say identified, no contact', deal: { stakeholders: [{ name: 'CFO', role: 'final-say', contact: 'none', stance: 'supporter' }] }, reason: 'facts', message: 'economicBuyerIdentified' }],
  W: [{ name: 'final say hostile, even in close contact', deal: { stakeholders: [{ name: 'CFO', role: 'final-say', contact: 'close', stance: 'enemy' }] }, reason: 'facts', message: 'economicBuyerAgainst' }],
});

t('meddpicc.decision-criteria', {
  C: [
    { name: 'our standard adopted', deal: { technical: { standardAdopted: true } }, reason: 'facts', message: 'criteriaOurs' },
    { name: 'specs drafted with us', deal: { procurement: { specsInfluenced: '已引导' } }, reason: 'facts', message: 'criteriaOurs' },
  ],
  F: [{ name: 'requirements met only', deal: { technical: { requirementsMet: true } }, reason: 'facts', message: 'criteriaPartly' }],
  W: [{ name: 'specs written without us', deal: { procurement: { specsInfluenced: 'no' }, technical: { standardAdopted: true } }, reason: 'facts', message: 'criteriaWrittenWithoutUs' }],
});

t('meddpicc.decision-process', {
  C: [{ name: 'process and history known', deal: { procurement: { processKnown: true, historyKnown: true } }, reason: 'facts', message: 'processKnown' }],
  F: [{ name: 'process only', deal: { procurement: { processKnown: true } }, reason: 'facts', message: 'processPartial' }],
  W: [{ name: 'both recorded unknown', deal: { procurement: { processKnown: false, historyKnown: false } }, reason: 'facts', message: 'processUnknown' }],
});

t('meddpicc.paper-process', {
  C: [{ name: 'step and handler known', deal: { contract: { currentStep: 'Legal review', handler: 'Ms Lin, purchasing' } }, reason: 'facts', message: 'paperProcessKnown' }],
  F: [{ name: 'step only', deal: { contract: { currentStep: 'Legal review' } }, reason: 'facts', message: 'paperProcessPartial' }],
  W: [{ name: 'nothing', deal: { contract: { status: 'drafting' } }, reason: 'nothing-known' }],
});

t('meddpicc.pain', {
  C: [{ name: 'pain and compelling event', deal: { need: { problems: ['MPLS cost'], deadlineReason: 'carrier contract ends' } }, reason: 'facts', message: 'painWithEvent' }],
  F: [{ name: 'pain only', deal: { need: { problems: ['MPLS cost'] } }, reason: 'facts', message: 'painOnly' }],
  W: [{ name: 'a reason without a problem', deal: { need: { deadlineReason: 'year-end budget' } }, reason: 'nothing-known' }],
});

t('meddpicc.champion', {
  C: [{ name: 'trusted coach who shares', deal: { stakeholders: [{ name: 'Chen', coach: true, contact: 'close', stance: 'mentor', sharesInfo: true }] }, reason: 'facts', message: 'championActive' }],
  F: [{ name: 'trusted coach, sharing not recorded', deal: { stakeholders: [{ name: 'Chen', coach: true, contact: 'close', stance: 'mentor' }] }, reason: 'facts', message: 'championWeak' }],
  W: [{ name: 'coach withholds', deal: { stakeholders: [{ name: 'Chen', coach: true, contact: 'close', stance: 'mentor', sharesInfo: false }] }, reason: 'facts', message: 'championWithholds' }],
});

t('meddpicc.competition', {
  C: [{ name: 'main competitor, channel and supporters known', deal: { competitors: [{ name: 'Huawei', primary: true, channel: 'Digital China', supporters: ['Deputy GM'] }] }, reason: 'facts', message: 'competitionMapped' }],
  F: [{ name: 'competitors listed', deal: { competitors: [{ name: 'Huawei', primary: true }] }, reason: 'facts', message: 'competitionPartial' }],
  W: [{ name: 'none recorded', deal: { competitors: [] }, reason: 'nothing-known' }],
});

describe('meddpicc and the probability', () => {
  it('alone, the eight letters share the probability; beside the seven steps only Metrics weighs', async () => {
    const deal = { need: { problems: ['x'], metrics: ['-50% overtime'] } };
    const alone = await evaluateBoth(deal, { packs: packsOf('meddpicc') });
    expect(Object.values(alone.items).every((i) => i.contribution !== 0 || i.rating === 'W')).toBe(true);
    const both = await evaluateBoth(deal, { packs: packsOf('sangfor-7step', 'meddpicc') });
    const weighing = Object.entries(both.items).filter(([id, i]) => id.startsWith('meddpicc.') && i.contribution !== 0).map(([id]) => id);
    expect(weighing).toEqual(['meddpicc.metrics']);
  });
});
