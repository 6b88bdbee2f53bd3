/** Step 2 项目资金与到位: every item rates C, F and W from facts as its docs say, and falls back to the answer when the facts are silent. */
import { ruleTester } from '../../support/rule-tester.js';

const facts = (message: string) => ({ reason: 'facts' as const, message });

ruleTester('s2.1', {
  C: [
    { name: 'approved (已立项)', deal: { funding: { approval: '已立项' } }, ...facts('approvalApproved') },
    { name: 'facts silent: the answer decides', deal: { funding: { budgetInPlace: true }, answers: { 's2.1': 'C' } }, reason: 'answer' },
  ],
  F: [{ name: 'pending (讨论中)', deal: { funding: { approval: '讨论中' } }, ...facts('approvalPending') }],
  W: [
    { name: 'rejected (否决)', deal: { funding: { approval: '否决' } }, ...facts('approvalRejected') },
    { name: 'rejection overrules a C answer', deal: { funding: { approval: 'rejected' }, answers: { 's2.1': 'C' } }, ...facts('approvalRejected') },
  ],
});

ruleTester('s2.2', {
  C: [
    { name: 'in place, own money', deal: { funding: { budgetInPlace: true, source: '客户自己出钱' } }, ...facts('budgetInPlace') },
    { name: 'in place, government grant', deal: { funding: { budgetInPlace: true, source: '财政拨款' } }, ...facts('budgetInPlace') },
    { name: 'facts silent: source alone, the answer decides', deal: { funding: { source: 'own' }, answers: { 's2.2': 'C' } }, reason: 'answer' },
  ],
  F: [{ name: 'in place, source unknown', deal: { funding: { budgetInPlace: true, budget: 800000 } }, ...facts('budgetSourceUnknown') }],
  W: [
    { name: 'not in place', deal: { funding: { budgetInPlace: false, source: 'third-party' } }, ...facts('budgetNotInPlace') },
    { name: 'a budget amount alone says nothing', deal: { funding: { budget: 800000 } }, reason: 'nothing-known' },
  ],
});

ruleTester('s2.3', {
  C: [
    { name: 'approved and funded', deal: { funding: { approval: 'approved', budgetInPlace: true } }, ...facts('projectConfirmed') },
    { name: 'facts silent: the answer decides', deal: { answers: { 's2.3': 'C' } }, reason: 'answer' },
  ],
  F: [
    { name: 'approved, budget not recorded', deal: { funding: { approval: 'approved' } }, ...facts('projectPartial') },
    { name: 'funded, approval pending', deal: { funding: { approval: 'pending', budgetInPlace: true } }, ...facts('projectPartial') },
    { name: 'facts silent: pending alone, an F answer', deal: { funding: { approval: 'pending' }, answers: { 's2.3': 'F' } }, reason: 'answer' },
  ],
  W: [
    { name: 'rejected although funded', deal: { funding: { approval: 'rejected', budgetInPlace: true } }, ...facts('projectBlocked') },
    { name: 'approved but not funded', deal: { funding: { approval: 'approved', budgetInPlace: false } }, ...facts('projectBlocked') },
  ],
});

ruleTester('s2.4', {
  C: [
    {
      name: 'two budget lines',
      deal: { funding: { breakdown: [{ item: 'AD', amount: 200000 }, { item: '服务器', amount: 600000 }] } },
      ...facts('breakdownKnown'),
    },
    { name: 'facts silent: the answer decides', deal: { answers: { 's2.4': 'C' } }, reason: 'answer' },
  ],
  F: [
    { name: 'one budget line', deal: { funding: { breakdown: [{ item: 'AC' }] } }, ...facts('breakdownPartial') },
    { name: 'total budget only', deal: { funding: { budget: 1000000 } }, ...facts('breakdownPartial') },
  ],
  W: [{ name: 'nothing known', deal: { funding: { breakdown: [] } }, reason: 'nothing-known' }],
});
