/** Step 3 技术认可: every item rates C, F and W from facts as its docs say, and falls back to the answer when the facts are silent. */
import { ruleTester } from '../../support/rule-tester.js';
import type { SnapshotInput } from '../../../src/snapshot/schema.js';

type Person = NonNullable<SnapshotInput['stakeholders']>[number];
const facts = (message: string) => ({ reason: 'facts' as const, message });
const person = (name: string, role: string, extra: Partial<Person> = {}): Person => ({ name, role, ...extra }) as Person;
const evidence = (item: string, ...signals: number[]) => signals.map((signal) => ({ item, signal, date: '2026-10-10' }));

ruleTester('s3.1', {
  C: [
    { name: 'requirements met and our standard adopted', deal: { technical: { requirementsMet: true, standardAdopted: true } }, ...facts('techAcceptedStandard') },
    { name: 'evidence of three criteria', deal: { evidence: evidence('s3.1', 2, 3, 7) }, reason: 'evidence' },
    { name: 'facts silent: the answer decides', deal: { answers: { 's3.1': 'C' } }, reason: 'answer' },
  ],
  F: [
    { name: 'requirements met only', deal: { technical: { requirementsMet: true } }, ...facts('techAcceptancePartial') },
    { name: 'standard adopted only', deal: { technical: { standardAdopted: true } }, ...facts('techAcceptancePartial') },
    { name: 'evidence of two criteria of the three needed', deal: { evidence: evidence('s3.1', 2, 3) }, reason: 'evidence-partial' },
  ],
  W: [{ name: 'requirements not met, whatever else', deal: { technical: { requirementsMet: false, standardAdopted: true } }, ...facts('requirementsNotMet') }],
});

ruleTester('s3.2', {
  C: [
    { name: 'edge acknowledged', deal: { technical: { edgeAcknowledged: true } }, ...facts('edgeAcknowledged') },
    { name: 'facts silent: the answer decides', deal: { answers: { 's3.2': 'C' } }, reason: 'answer' },
  ],
  F: [{ name: 'facts silent: an F answer', deal: { technical: {}, answers: { 's3.2': 'F' } }, reason: 'answer' }],
  W: [{ name: 'edge not acknowledged', deal: { technical: { edgeAcknowledged: false }, answers: { 's3.2': 'C' } }, ...facts('edgeNotAcknowledged') }],
});

ruleTester('s3.3', {
  C: [
    { name: 'trial won (优于对手)', deal: { technical: { trial: '优于对手' } }, ...facts('trialWon') },
    { name: 'facts silent: no trial, the answer decides', deal: { technical: { trial: 'none' }, answers: { 's3.3': 'C' } }, reason: 'answer' },
  ],
  F: [
    { name: 'tie', deal: { technical: { trial: 'tie' } }, ...facts('trialUndecided') },
    { name: 'running (测试中)', deal: { technical: { trial: '测试中' } }, ...facts('trialUndecided') },
  ],
  W: [
    { name: 'trial lost', deal: { technical: { trial: 'lost' } }, ...facts('trialLost') },
    { name: 'no trial: nothing known', deal: { technical: { trial: '未测试' } }, reason: 'nothing-known' },
  ],
});

ruleTester('s3.4', {
  C: [
    {
      name: 'a decision maker visited headquarters',
      deal: { stakeholders: [person('Li', 'decision-maker')], technical: { visits: [{ kind: '深圳总部', visitors: ['Li'] }] } },
      ...facts('hqVisitByDecider'),
    },
    { name: 'facts silent: the answer decides', deal: { stakeholders: [person('Li', 'final-say')], answers: { 's3.4': 'C' } }, reason: 'answer' },
  ],
  F: [
    {
      name: 'a user visited headquarters',
      deal: { stakeholders: [person('Zhao', 'user')], technical: { visits: [{ kind: 'hq', visitors: ['Zhao'] }] } },
      ...facts('visitNoDecider'),
    },
    {
      name: 'a decider visited a reference site only',
      deal: { stakeholders: [person('Li', 'final-say')], technical: { visits: [{ kind: 'reference', visitors: ['Li'] }] } },
      ...facts('visitNoDecider'),
    },
    { name: 'a visit without named visitors', deal: { technical: { visits: [{ kind: 'hq', date: '2026-09-01' }] } }, ...facts('visitNoDecider') },
  ],
  W: [{ name: 'nothing known', deal: { technical: { visits: [] } }, reason: 'nothing-known' }],
});

const endorsing = (name: string, role: string) => person(name, role, { endorsesTech: true });
ruleTester('s3.5', {
  C: [
    {
      name: 'two of three endorse, including the evaluator',
      deal: { stakeholders: [endorsing('A', 'evaluator'), person('B', 'decision-maker', { stance: 'supporter' }), person('C', 'final-say', { stance: 'neutral' })] },
      ...facts('chainEndorsesTech'),
    },
    {
      name: 'three of four endorse',
      deal: { stakeholders: [endorsing('A', 'evaluator'), endorsing('B', 'decision-maker'), endorsing('C', 'decision-maker'), person('D', 'final-say')] },
      ...facts('chainEndorsesTech'),
    },
    {
      name: 'a chain of 17: 9 endorse (a majority at any size)',
      deal: {
        stakeholders: [
          endorsing('E0', 'evaluator'),
          ...Array.from({ length: 8 }, (_, i) => endorsing(`D${i}`, 'decision-maker')),
          ...Array.from({ length: 8 }, (_, i) => person(`N${i}`, 'decision-maker', { stance: 'neutral' })),
        ],
      },
      ...facts('chainEndorsesTech'),
    },
    { name: 'facts silent: only users endorse, the answer decides', deal: { stakeholders: [endorsing('U', 'user')], answers: { 's3.5': 'C' } }, reason: 'answer' },
  ],
  F: [
    {
      name: 'a chain of 16: 8 endorse is no majority',
      deal: {
        stakeholders: [
          endorsing('E0', 'evaluator'),
          ...Array.from({ length: 7 }, (_, i) => endorsing(`D${i}`, 'decision-maker')),
          ...Array.from({ length: 8 }, (_, i) => person(`N${i}`, 'decision-maker', { stance: 'neutral' })),
        ],
      },
      ...facts('chainPartlyEndorses'),
    },
    {
      name: 'two of four is no majority',
      deal: { stakeholders: [endorsing('A', 'evaluator'), endorsing('B', 'decision-maker'), person('C', 'decision-maker'), person('D', 'final-say')] },
      ...facts('chainPartlyEndorses'),
    },
    {
      name: 'a majority without an evaluator',
      deal: { stakeholders: [endorsing('A', 'decision-maker'), endorsing('B', 'final-say'), person('C', 'evaluator', { stance: 'neutral' })] },
      ...facts('chainPartlyEndorses'),
    },
    {
      name: 'as many against as for',
      deal: { stakeholders: [endorsing('A', 'evaluator'), person('B', 'final-say', { endorsesTech: false })] },
      ...facts('chainPartlyEndorses'),
    },
  ],
  W: [
    {
      name: 'more against than for',
      deal: { stakeholders: [endorsing('A', 'evaluator'), person('B', 'final-say', { stance: 'enemy' }), person('C', 'decision-maker', { endorsesTech: false })] },
      ...facts('chainAgainstTech'),
    },
  ],
});

ruleTester('s3.6', {
  C: [
    { name: 'a primary competitor', deal: { competitors: [{ name: 'H3C', primary: true }, { name: 'Huawei' }] }, ...facts('primaryCompetitorKnown') },
    { name: 'issue 12: we checked, no competitor (无竞争对手)', deal: { competition: '无竞争对手' }, ...facts('noCompetitorChecked') },
    { name: 'issue 12: we checked, no competitor (sole source), overruling a W answer', deal: { competition: 'sole source', competitors: [], answers: { 's3.6': 'W' } }, ...facts('noCompetitorChecked') },
    { name: 'facts silent: the answer decides', deal: { answers: { 's3.6': 'C' } }, reason: 'answer' },
  ],
  F: [
    { name: 'competitors without a primary', deal: { competitors: [{ name: 'H3C' }, { name: 'Huawei', primary: false }] }, ...facts('competitorsNoPrimary') },
    { name: "'no competitor' beside a listed competitor: the list wins", deal: { competition: 'none', competitors: [{ name: 'H3C' }] }, ...facts('competitorsNoPrimary') },
  ],
  W: [{ name: 'nothing known', deal: { competitors: [] }, reason: 'nothing-known' }],
});

ruleTester('s3.7', {
  C: [
    { name: "the primary competitor's supporters are named", deal: { competitors: [{ name: 'H3C', primary: true, supporters: ['Wang'] }] }, ...facts('competitorSupportersKnown') },
    { name: 'known to have none', deal: { competitors: [{ name: 'H3C', primary: true, supporters: [] }] }, ...facts('competitorSupportersKnown') },
  ],
  F: [{ name: 'facts silent: supporters not recorded, the answer decides', deal: { competitors: [{ name: 'H3C', primary: true }], answers: { 's3.7': 'F' } }, reason: 'answer' }],
  W: [{ name: "a minor competitor's supporters do not answer it", deal: { competitors: [{ name: 'Huawei', supporters: ['Sun'] }] }, reason: 'nothing-known' }],
});

ruleTester('s3.8', {
  C: [
    { name: 'two kinds of barrier', deal: { technical: { barriers: ['测试方案屏障', '招标参数'] } }, ...facts('barriersSet') },
    { name: 'facts silent: the answer decides', deal: { technical: { barriers: [] }, answers: { 's3.8': 'C' } }, reason: 'answer' },
  ],
  F: [
    { name: 'one kind', deal: { technical: { barriers: ['use-case'] } }, ...facts('oneBarrier') },
    { name: 'the same kind twice is one', deal: { technical: { barriers: ['trial-plan', '测试方案'] } }, ...facts('oneBarrier') },
    { name: 'evidence of one signal of the two needed', deal: { evidence: evidence('s3.8', 2) }, reason: 'evidence-partial' },
  ],
  W: [{ name: 'evidence against us', deal: { evidence: [{ item: 's3.8', date: '2026-10-20', against: true, note: '对手已锁定招标参数' }] }, reason: 'evidence-against' }],
});

ruleTester('s3.9', {
  C: [
    { name: 'every concern resolved', deal: { technical: { concerns: [{ text: 'HA failover', resolved: true }] } }, ...facts('concernsResolved') },
    { name: 'no concern and requirements met', deal: { technical: { concerns: [], requirementsMet: true } }, ...facts('noConcerns') },
    { name: 'facts silent: requirements met alone, the answer decides', deal: { technical: { requirementsMet: true }, answers: { 's3.9': 'C' } }, reason: 'answer' },
  ],
  F: [{ name: 'an open concern, not blocking', deal: { technical: { concerns: [{ text: 'IPv6 support' }, { text: 'HA', resolved: true }] } }, ...facts('openConcerns') }],
  W: [
    { name: 'a blocking concern', deal: { technical: { concerns: [{ text: 'throughput', blocking: true }], requirementsMet: true } }, ...facts('blockingConcern') },
    { name: 'requirements not met', deal: { technical: { concerns: [], requirementsMet: false } }, ...facts('requirementsNotMet') },
    { name: 'an empty list alone says nothing', deal: { technical: { concerns: [] } }, reason: 'nothing-known' },
  ],
});
