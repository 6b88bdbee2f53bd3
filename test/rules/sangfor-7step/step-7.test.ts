/** Step 7 中标及签约: s7.1 (source) and s7.2 (extension) rate C, F and W from facts, and fall back to the answer when the facts are silent. */
import { ruleTester } from '../../support/rule-tester.js';

const facts = (message: string) => ({ reason: 'facts' as const, message });

ruleTester('s7.1', {
  C: [
    { name: 'current step and handler known', deal: { contract: { currentStep: '法务审核', handler: '采购部 王工' } }, ...facts('contractPathKnown') },
    { name: 'facts silent: the answer decides', deal: { contract: { delayReason: '领导出差' }, answers: { 's7.1': 'C' } }, reason: 'answer' },
  ],
  F: [
    { name: 'current step only', deal: { contract: { currentStep: 'legal review' } }, ...facts('contractPathPartial') },
    { name: 'handler only, blank step', deal: { contract: { currentStep: ' ', handler: 'Procurement, Ms Wang' } }, ...facts('contractPathPartial') },
  ],
  W: [{ name: 'nothing known', deal: { contract: { approvalSteps: ['部门', '法务', '总经理'] } }, reason: 'nothing-known' }],
});

ruleTester('s7.2', {
  C: [
    { name: 'signed (已签)', deal: { contract: { status: '已签' } }, ...facts('contractSigned') },
    { name: 'facts silent: the answer decides', deal: { answers: { 's7.2': 'C' } }, reason: 'answer' },
  ],
  F: [
    { name: 'drafting', deal: { contract: { status: 'drafting' } }, ...facts('contractInProgress') },
    { name: 'approving (审批中)', deal: { contract: { status: '审批中' } }, ...facts('contractInProgress') },
    { name: 'stale C answer drops to F', deal: { answers: { 's7.2': { rating: 'C', at: '2026-05-01' } } }, reason: 'stale' },
  ],
  W: [
    { name: 'a lost outcome is not read by rules', deal: { outcome: 'lost' }, reason: 'nothing-known' },
    { name: 'facts silent: a W answer', deal: { outcome: 'open', answers: { 's7.2': 'W' } }, reason: 'answer' },
  ],
});
