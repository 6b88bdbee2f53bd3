/** Step 5 客户及渠道决策链公关及商务谈判: every item rates C, F and W from facts as its docs say, and falls back to the answer when the facts are silent. */
import { ruleTester } from '../../support/rule-tester.js';
import type { SnapshotInput } from '../../../src/snapshot/schema.js';

type Person = NonNullable<SnapshotInput['stakeholders']>[number];
const facts = (message: string) => ({ reason: 'facts' as const, message });
const person = (name: string, extra: Partial<Person> = {}): Person => ({ name, ...extra }) as Person;
const profiled = (name: string, role: string, extra: Partial<Person> = {}): Person =>
  ({ name, role, personality: 'conservative', contact: 'some', stance: 'neutral', ...extra }) as Person;
const evidence = (item: string, ...signals: number[]) => signals.map((signal) => ({ item, signal, date: '2026-10-10' }));

ruleTester('s5.1', {
  C: [
    {
      name: 'issue 12: two close, supportive relationships inside the decision chain',
      deal: { stakeholders: [person('A', { role: 'final-say', contact: 'close', stance: 'supporter' }), person('B', { role: '评估者', contact: '较多接触', stance: '导师' })] },
      ...facts('relationshipsMany'),
    },
    { name: 'evidence of two criteria', deal: { evidence: evidence('s5.1', 1, 4) }, reason: 'evidence' },
    { name: 'facts silent: close but neutral, the answer decides', deal: { stakeholders: [person('A', { contact: 'close', stance: 'neutral' })], answers: { 's5.1': 'C' } }, reason: 'answer' },
  ],
  F: [
    {
      name: 'one relationship in the chain',
      deal: { stakeholders: [person('A', { role: 'decision-maker', contact: 'close', stance: 'supporter' }), person('B', { role: 'evaluator', contact: 'some', stance: 'supporter' })] },
      ...facts('relationshipOne'),
    },
    {
      name: 'issue 12: several close relationships, all outside the decision chain (signal 7 counts the chain)',
      deal: { stakeholders: [person('A', { role: 'user', contact: 'close', stance: 'supporter' }), person('B', { contact: '深交', stance: '导师' }), person('C', { role: 'final-say', contact: 'some', stance: 'neutral' })] },
      ...facts('relationshipsOutsideChain'),
    },
    { name: 'evidence of one criterion', deal: { evidence: evidence('s5.1', 7) }, reason: 'evidence-partial' },
  ],
  W: [{ name: 'nothing known', deal: {}, reason: 'nothing-known' }],
});

ruleTester('s5.2', {
  C: [
    { name: 'a coach shares', deal: { stakeholders: [person('Wu', { coach: true, sharesInfo: true }), person('Xu', { coach: true, sharesInfo: false })] }, ...facts('coachShares') },
    { name: 'facts silent: no coach, the answer decides', deal: { answers: { 's5.2': 'C' } }, reason: 'answer' },
  ],
  F: [
    { name: 'a coach, sharing not recorded', deal: { stakeholders: [person('Wu', { coach: true })] }, ...facts('coachSharingUnknown') },
    { name: 'evidence of one kind of information', deal: { evidence: evidence('s5.2', 3) }, reason: 'evidence-partial' },
  ],
  W: [{ name: 'the coach withholds', deal: { stakeholders: [person('Wu', { coach: true, sharesInfo: false })] }, ...facts('coachWithholds') }],
});

ruleTester('s5.3', {
  C: [
    { name: 'model accepted', deal: { commercial: { modelAccepted: true } }, ...facts('modelAccepted') },
    { name: 'facts silent: the answer decides', deal: { commercial: { specsFromUs: false }, answers: { 's5.3': 'C' } }, reason: 'answer' },
  ],
  F: [{ name: 'the customer asks us for the tender parameters', deal: { commercial: { specsFromUs: true } }, ...facts('specsFromUs') }],
  W: [{ name: 'model rejected, even with specs from us', deal: { commercial: { modelAccepted: false, specsFromUs: true } }, ...facts('modelRejected') }],
});

ruleTester('s5.4', {
  C: [
    {
      name: 'deciders known, everyone profiled, nobody leaning',
      deal: { stakeholders: [profiled('Chen', 'final-say', { stance: 'supporter' }), profiled('Li', 'decision-maker'), profiled('Zhao', 'user')] },
      ...facts('chainNotLeaning'),
    },
    {
      name: "facts silent: a decider's stance unknown, the answer decides",
      deal: { stakeholders: [{ name: 'Chen', role: 'final-say' }], answers: { 's5.4': 'C' } },
      reason: 'answer',
    },
  ],
  F: [
    { name: 'a user backs a competitor', deal: { stakeholders: [profiled('Chen', 'final-say'), profiled('Zhao', 'user', { backsCompetitor: true })] }, ...facts('chainLeansPartly') },
    { name: 'a user works against us', deal: { stakeholders: [profiled('Chen', 'final-say'), profiled('Zhao', 'user', { worksAgainstUs: true })] }, ...facts('chainLeansPartly') },
  ],
  W: [
    { name: 'a decider backs a competitor', deal: { stakeholders: [profiled('Li', 'decision-maker', { backsCompetitor: true })] }, ...facts('chainMemberBacksCompetitor') },
    { name: 'the final say is an enemy', deal: { stakeholders: [{ name: 'Chen', role: '拍板者', stance: '敌人' }], answers: { 's5.4': 'C' } }, ...facts('chainMemberBacksCompetitor') },
    {
      name: 'issue 12: an evaluator (a chain member, as s3.5 counts them) backs the competitor',
      deal: { stakeholders: [profiled('Chen', 'final-say', { stance: 'supporter' }), profiled('Xu', '技术把关者', { backsCompetitor: true })] },
      ...facts('chainMemberBacksCompetitor'),
    },
    { name: 'issue 12: an unsupportive decision-maker is against us', deal: { stakeholders: [profiled('Li', 'decision-maker', { stance: 'unsupportive' })] }, ...facts('deciderAgainst') },
    {
      name: 'issue 12: a vice-president hands the customer 黑材料 against us (worksAgainstUs)',
      deal: { stakeholders: [profiled('Chen', 'final-say', { stance: 'supporter' }), profiled('蔡卫东', '决策者', { stance: 'neutral', worksAgainstUs: true })] },
      ...facts('deciderAgainst'),
    },
    {
      name: 'issue 12: an evaluator passes our quote to the competitor',
      deal: { stakeholders: [profiled('Chen', 'final-say', { stance: 'supporter' }), profiled('Xu', 'evaluator', { stance: 'neutral', worksAgainstUs: true })] },
      ...facts('chainWorksAgainstUs'),
    },
    { name: 'evidence of 黑材料 (signal 2) against us', deal: { evidence: [{ item: 's5.4', signal: 2, date: '2026-10-28', against: true }] }, reason: 'evidence-against' },
  ],
});

ruleTester('s5.5', {
  C: [
    { name: 'a decider helps', deal: { stakeholders: [person('Li', { role: 'decision-maker', helpsUs: true })] }, ...facts('deciderHelps') },
    { name: 'facts silent: the answer decides', deal: { stakeholders: [person('Li', { role: 'decision-maker', helpsUs: false })], answers: { 's5.5': 'C' } }, reason: 'answer' },
  ],
  F: [{ name: 'only an evaluator helps', deal: { stakeholders: [person('Wu', { role: 'evaluator', helpsUs: true })] }, ...facts('othersHelp') }],
  W: [{ name: 'nothing known', deal: { stakeholders: [person('Li', { role: 'final-say' })] }, reason: 'nothing-known' }],
});

ruleTester('s5.6', {
  C: [
    { name: 'the trusted channel works with us', deal: { channels: [{ name: 'A', trustedByTop: true, worksWithUs: true }] }, ...facts('trustedChannelWithUs') },
    { name: 'facts silent: the answer decides', deal: { channels: [{ name: 'A', relation: 'neutral' }], answers: { 's5.6': 'C' } }, reason: 'answer' },
  ],
  F: [{ name: 'a channel works with us, not known as trusted', deal: { channels: [{ name: 'A', worksWithUs: true, trustedByTop: false }] }, ...facts('channelWithUs') }],
  W: [
    { name: 'the trusted channel does not work with us', deal: { channels: [{ name: 'A', trustedByTop: true, worksWithUs: false }] }, ...facts('trustedChannelAgainst') },
    { name: "the trusted channel is the competitor's", deal: { channels: [{ name: 'A', trustedByTop: true, relation: '对手渠道' }] }, ...facts('trustedChannelAgainst') },
    {
      name: 'one trusted channel against us outweighs one with us',
      deal: { channels: [{ name: 'A', trustedByTop: true, worksWithUs: true }, { name: 'B', trustedByTop: true, worksWithUs: false }] },
      ...facts('trustedChannelAgainst'),
    },
  ],
});

ruleTester('s5.7', {
  C: [
    { name: 'the final say supports us', deal: { stakeholders: [person('Chen', { role: 'final-say', stance: 'supporter' })] }, ...facts('finalSaySupports') },
    { name: 'facts silent: stance unknown, the answer decides', deal: { stakeholders: [person('Chen', { role: 'final-say' })], answers: { 's5.7': 'C' } }, reason: 'answer' },
  ],
  F: [{ name: 'the final say is neutral', deal: { stakeholders: [person('Chen', { role: 'final-say', stance: '中立' })] }, ...facts('finalSayNeutral') }],
  W: [
    { name: 'the final say is unsupportive', deal: { stakeholders: [person('Chen', { role: 'final-say', stance: 'unsupportive' })] }, ...facts('finalSayAgainst') },
    { name: 'issue 12: a "supportive" final say who backs the competitor', deal: { stakeholders: [person('Chen', { role: 'final-say', stance: 'supporter', backsCompetitor: true })] }, ...facts('finalSayAgainst') },
    { name: 'evidence of signal 4 (知道是谁,不帮助我们开展工作)', deal: { evidence: [{ item: 's5.7', signal: 4, date: '2026-10-22', against: true }] }, reason: 'evidence-against' },
    {
      name: 'one final say against us wins over one for us',
      deal: { stakeholders: [person('Chen', { role: 'final-say', stance: 'mentor' }), person('Lin', { role: 'final-say', stance: 'enemy' })] },
      ...facts('finalSayAgainst'),
    },
  ],
});

ruleTester('s5.8', {
  C: [
    { name: 'terms accepted (已认可)', deal: { commercial: { terms: '已认可' } }, ...facts('termsAccepted') },
    { name: 'facts silent: the answer decides', deal: { answers: { 's5.8': 'C' } }, reason: 'answer' },
  ],
  F: [{ name: 'negotiating', deal: { commercial: { terms: 'negotiating' } }, ...facts('termsNegotiating') }],
  W: [{ name: 'terms rejected', deal: { commercial: { terms: 'rejected' }, answers: { 's5.8': 'C' } }, ...facts('termsRejected') }],
});
