/** Step 4 客户及渠道分析 (all ★): every item rates C, F and W from facts as its docs say, and falls back to the answer when the facts are silent. */
import { ruleTester } from '../../support/rule-tester.js';
import type { SnapshotInput } from '../../../src/snapshot/schema.js';

type Person = NonNullable<SnapshotInput['stakeholders']>[number];
const facts = (message: string) => ({ reason: 'facts' as const, message });
/** A stakeholder with all four attributes (职务、性格、交往程度、立场). */
const profiled = (name: string, role: string, extra: Partial<Person> = {}): Person =>
  ({ name, role, personality: 'pragmatist', contact: 'frequent', stance: 'supporter', ...extra }) as Person;
const evidence = (item: string, ...signals: number[]) => signals.map((signal) => ({ item, signal, date: '2026-10-10' }));

ruleTester('s4.1', {
  C: [
    { name: 'two people profiled, the final say known', deal: { stakeholders: [profiled('Chen', '拍板者', { stance: 'neutral' }), profiled('Li', 'evaluator')] }, ...facts('chainMapped') },
    { name: 'facts silent: the answer decides', deal: { answers: { 's4.1': 'C' } }, reason: 'answer' },
  ],
  F: [
    { name: 'one person only', deal: { stakeholders: [profiled('Chen', 'final-say')] }, ...facts('chainPartlyMapped') },
    { name: 'someone lacks a personality', deal: { stakeholders: [profiled('Chen', 'final-say'), profiled('Li', 'user', { personality: undefined })] }, ...facts('chainPartlyMapped') },
    { name: 'no final say', deal: { stakeholders: [profiled('Li', 'decision-maker'), profiled('Wu', 'evaluator')] }, ...facts('chainPartlyMapped') },
  ],
  W: [{ name: 'nothing known', deal: { stakeholders: [] }, reason: 'nothing-known' }],
});

ruleTester('s4.2', {
  C: [
    { name: 'a trusted coach', deal: { stakeholders: [{ name: 'Wu', coach: true, contact: '深交', stance: '导师' }] }, ...facts('trustedCoach') },
    {
      name: 'a withholding coach beside a trusted, sharing one',
      deal: { stakeholders: [{ name: 'Wu', coach: true, contact: '深交', stance: '导师', sharesInfo: true }, { name: 'Xu', coach: true, contact: 'close', stance: 'supporter', sharesInfo: false }] },
      ...facts('trustedCoach'),
    },
    { name: 'evidence of two signs', deal: { evidence: evidence('s4.2', 1, 4) }, reason: 'evidence' },
    { name: 'facts silent: the answer decides', deal: { stakeholders: [{ name: 'Wu', stance: 'mentor' }], answers: { 's4.2': 'C' } }, reason: 'answer' },
  ],
  F: [
    { name: 'a coach in shallow contact', deal: { stakeholders: [{ name: 'Wu', coach: true, contact: 'some', stance: 'supporter' }] }, ...facts('coachNotTrusted') },
    { name: 'a coach with no stance recorded', deal: { stakeholders: [{ name: 'Wu', coach: true, contact: 'close' }] }, ...facts('coachNotTrusted') },
    {
      name: 'issue 12: a close, friendly coach who no longer shares information (signal 4) is at most F',
      deal: { stakeholders: [{ name: 'Kelvin', coach: true, contact: 'close', stance: 'mentor', sharesInfo: false }] },
      ...facts('coachWithholdsInfo'),
    },
    {
      name: 'issue 12: a withholding coach overrules a C answer',
      deal: { stakeholders: [{ name: 'Kelvin', coach: true, contact: '深交', stance: '导师', sharesInfo: false }], answers: { 's4.2': 'C' } },
      ...facts('coachWithholdsInfo'),
    },
    { name: 'evidence of one sign', deal: { evidence: evidence('s4.2', 2) }, reason: 'evidence-partial' },
  ],
  W: [{ name: 'nothing known', deal: {}, reason: 'nothing-known' }],
});

ruleTester('s4.3', {
  C: [
    { name: 'process and history known', deal: { procurement: { processKnown: true, historyKnown: true } }, ...facts('procurementKnown') },
    { name: 'facts silent: one false, the answer decides', deal: { procurement: { historyKnown: false }, answers: { 's4.3': 'C' } }, reason: 'answer' },
  ],
  F: [
    { name: 'process only', deal: { procurement: { processKnown: true, historyKnown: false } }, ...facts('procurementPartial') },
    { name: 'history only', deal: { procurement: { historyKnown: true } }, ...facts('procurementPartial') },
  ],
  W: [{ name: 'both recorded false', deal: { procurement: { processKnown: false, historyKnown: false }, answers: { 's4.3': 'C' } }, ...facts('procurementUnknown') }],
});

ruleTester('s4.4', {
  C: [
    { name: 'a channel listed', deal: { channels: [{ name: '神州数码', relation: '我方' }] }, ...facts('channelsKnown') },
    { name: 'facts silent: the answer decides', deal: { answers: { 's4.4': 'C' } }, reason: 'answer' },
  ],
  F: [{ name: 'facts silent: an F answer', deal: { channels: [], answers: { 's4.4': 'F' } }, reason: 'answer' }],
  W: [{ name: 'an empty list says nothing', deal: { channels: [] }, reason: 'nothing-known' }],
});

ruleTester('s4.5', {
  C: [
    {
      name: "the main competitor's channel and supporters",
      deal: { competitors: [{ name: 'H3C', primary: true, channel: '华为代理A', supporters: ['Sun'] }] },
      ...facts('competitorSituationKnown'),
    },
    { name: 'facts silent: a minor competitor, the answer decides', deal: { competitors: [{ name: 'H3C', channel: 'X', supporters: [] }], answers: { 's4.5': 'C' } }, reason: 'answer' },
    { name: 'issue 12: we checked, no competitor (无对手)', deal: { competition: '无对手' }, ...facts('noCompetitorChecked') },
  ],
  F: [
    { name: 'channel only', deal: { competitors: [{ name: 'H3C', primary: true, channel: 'X' }] }, ...facts('competitorSituationPartial') },
    { name: 'supporters only', deal: { competitors: [{ name: 'H3C', primary: true, channel: ' ', supporters: ['Sun'] }] }, ...facts('competitorSituationPartial') },
  ],
  W: [
    { name: 'nothing known', deal: { competitors: [{ name: 'H3C', primary: true }] }, reason: 'nothing-known' },
    { name: "competition 'contested' is no knowledge of the competitor", deal: { competition: '有竞争' }, reason: 'nothing-known' },
  ],
});
