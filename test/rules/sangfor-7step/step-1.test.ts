/** Step 1 需求挖掘: every item rates C, F and W from facts as its docs say, and falls back to the answer when the facts are silent. */
import { ruleTester } from '../../support/rule-tester.js';

const facts = (message: string) => ({ reason: 'facts' as const, message });

ruleTester('s1.1', {
  C: [
    { name: 'a problem is listed', deal: { need: { problems: ['VPN 访问慢'] } }, ...facts('problemsKnown') },
    { name: 'facts overrule a W answer', deal: { need: { problems: ['Branch VPN'] }, answers: { 's1.1': 'W' } }, ...facts('problemsKnown') },
    { name: 'facts silent: the answer decides', deal: { answers: { 's1.1': 'C' } }, reason: 'answer' },
  ],
  F: [{ name: 'facts silent: an F answer', deal: { need: { problems: [] }, answers: { 's1.1': 'F' } }, reason: 'answer' }],
  W: [{ name: 'an empty list says nothing', deal: { need: { problems: [] } }, reason: 'nothing-known' }],
});

ruleTester('s1.2', {
  C: [
    { name: 'future deadline with a reason', deal: { need: { deadline: '2026-12-31', deadlineReason: '花掉年底预算' } }, ...facts('deadlineWithReason') },
    { name: 'deadline today with a reason', deal: { need: { deadline: '2026-11-01', deadlineReason: 'board meeting' } }, ...facts('deadlineWithReason') },
    { name: 'fresh evidence of both signals', deal: { evidence: [{ item: 's1.2', signal: 1, date: '2026-10-01' }, { item: 's1.2', signal: 2, date: '2026-10-02' }] }, reason: 'evidence' },
    { name: 'facts silent: the answer decides', deal: { answers: { 's1.2': 'C' } }, reason: 'answer' },
  ],
  F: [
    { name: 'deadline without a reason', deal: { need: { deadline: '2027-03-31' } }, ...facts('deadlineWithoutReason') },
    { name: 'a blank reason is no reason', deal: { need: { deadline: '2027-03-31', deadlineReason: '   ' } }, ...facts('deadlineWithoutReason') },
    { name: 'reason without a date', deal: { need: { deadlineReason: 'year-end budget' } }, ...facts('deadlineReasonWithoutDate') },
    { name: 'evidence of one signal of the two needed', deal: { evidence: [{ item: 's1.2', signal: 1, date: '2026-10-01' }] }, reason: 'evidence-partial' },
  ],
  W: [
    { name: 'the deadline has passed', deal: { need: { deadline: '2026-10-31', deadlineReason: 'year-end budget' } }, ...facts('deadlinePassed') },
    { name: 'a passed deadline overrules a C answer', deal: { need: { deadline: '2026-06-30' }, answers: { 's1.2': 'C' } }, ...facts('deadlinePassed') },
    { name: 'nothing known', deal: {}, reason: 'nothing-known' },
  ],
});

ruleTester('s1.3', {
  C: [
    { name: 'explicit need, amount and product lines', deal: { need: { problems: ['分支上网无审计'] }, amount: 500000, productLines: ['AC', 'SSL'] }, ...facts('opportunityDefined') },
    { name: 'facts silent: the answer decides', deal: { source: 'channel', answers: { 's1.3': 'C' } }, reason: 'answer' },
  ],
  F: [
    {
      name: 'issue 12: amount and product lines without an explicit need (no s1.1 problem) are not C',
      deal: { amount: 500000, productLines: ['AC', 'SSL'] },
      ...facts('opportunityWithoutNeed'),
    },
    {
      name: 'issue 12: amount and product lines overrule a C answer when no problem is recorded',
      deal: { amount: 500000, productLines: ['AC'], need: { deadline: '2027-01-31' }, answers: { 's1.3': 'C' } },
      ...facts('opportunityWithoutNeed'),
    },
    { name: 'amount only', deal: { amount: 300000 }, ...facts('opportunityPartial') },
    { name: 'product lines only', deal: { productLines: ['AD'] }, ...facts('opportunityPartial') },
    { name: 'an amount of 0 is not an estimate', deal: { amount: 0, productLines: ['SG'] }, ...facts('opportunityPartial') },
  ],
  W: [
    { name: 'amount 0 and no lines: silent', deal: { amount: 0, productLines: [] }, reason: 'nothing-known' },
    { name: 'the source alone does not make an opportunity', deal: { source: '渠道报备' }, reason: 'nothing-known' },
  ],
});

ruleTester('s1.4', {
  C: [
    { name: 'lock-in, even with competitors', deal: { technical: { lockIn: true }, competitors: [{ name: 'H3C' }] }, ...facts('lockIn') },
    { name: 'facts silent: competitors alone, the answer decides', deal: { competitors: [{ name: 'H3C' }], answers: { 's1.4': 'C' } }, reason: 'answer' },
  ],
  F: [
    { name: 'no lock-in, no contest recorded', deal: { technical: { lockIn: false } }, ...facts('noLockIn') },
    { name: 'no lock-in, no alternatives', deal: { technical: { lockIn: false }, need: { alternatives: false } }, ...facts('noLockIn') },
  ],
  W: [
    { name: 'no lock-in against a competitor', deal: { technical: { lockIn: false }, competitors: [{ name: 'Huawei' }] }, ...facts('contestedNoLockIn') },
    { name: 'no lock-in and the customer has alternatives', deal: { technical: { lockIn: false }, need: { alternatives: true } }, ...facts('contestedNoLockIn') },
  ],
});

ruleTester('s1.5', {
  C: [
    { name: 'raised by the top (Chinese spelling)', deal: { need: { raisedBy: '高层' } }, ...facts('needFromTop') },
    {
      name: 'raised by users, approved and funded',
      deal: { need: { raisedBy: 'user' }, funding: { approval: 'approved', budgetInPlace: true } },
      ...facts('needFromUserApproved'),
    },
  ],
  F: [
    { name: 'raised by users, approved but budget unknown', deal: { need: { raisedBy: '使用者' }, funding: { approval: 'approved' } }, ...facts('needFromUserUnconfirmed') },
    { name: 'raised by users, approval rejected', deal: { need: { raisedBy: 'user' }, funding: { approval: 'rejected', budgetInPlace: true } }, ...facts('needFromUserUnconfirmed') },
  ],
  W: [
    { name: 'facts silent: the answer decides', deal: { funding: { approval: 'approved' }, answers: { 's1.5': 'W' } }, reason: 'answer' },
    { name: 'nothing known', deal: {}, reason: 'nothing-known' },
  ],
});

ruleTester('s1.6', {
  C: [
    { name: 'every product with model and quantity', deal: { need: { products: [{ line: 'AC', model: 'AC-1000', quantity: 2 }, { line: 'SSL', model: 'M5400', quantity: 1 }] } }, ...facts('productsSpecified') },
    { name: 'facts silent: the answer decides', deal: { answers: { 's1.6': { rating: 'C', at: '2026-10-15' } } }, reason: 'answer' },
  ],
  F: [
    { name: 'a line without model', deal: { need: { products: [{ line: 'AC', quantity: 2 }] } }, ...facts('productsPartial') },
    { name: 'one product of two specified', deal: { need: { products: [{ line: 'AC', model: 'AC-1000', quantity: 2 }, { line: 'AD' }] } }, ...facts('productsPartial') },
    { name: 'a blank model is no model', deal: { need: { products: [{ line: 'AC', model: ' ', quantity: 2 }] } }, ...facts('productsPartial') },
  ],
  W: [{ name: 'no product listed', deal: { need: { products: [] } }, reason: 'nothing-known' }],
});

ruleTester('s1.7', {
  C: [
    { name: 'network mapped and installed base known', deal: { need: { networkMapped: true, installedBaseKnown: true } }, ...facts('networkKnown') },
    { name: 'evidence of both signals', deal: { evidence: [{ item: 's1.7', signal: 1, date: '2026-09-01' }, { item: 's1.7', signal: 2, date: '2026-09-20' }] }, reason: 'evidence' },
    { name: 'facts silent: one false, the other unknown; the answer decides', deal: { need: { networkMapped: false }, answers: { 's1.7': 'C' } }, reason: 'answer' },
  ],
  F: [
    { name: 'network mapped only', deal: { need: { networkMapped: true } }, ...facts('networkPartial') },
    { name: 'installed base known, network not mapped', deal: { need: { networkMapped: false, installedBaseKnown: true } }, ...facts('networkPartial') },
    { name: 'evidence of one signal', deal: { evidence: [{ item: 's1.7', signal: 2, date: '2026-09-20' }] }, reason: 'evidence-partial' },
  ],
  W: [
    { name: 'both recorded false', deal: { need: { networkMapped: false, installedBaseKnown: false } }, ...facts('networkUnknown') },
    { name: 'both false overrule a C answer', deal: { need: { networkMapped: false, installedBaseKnown: false }, answers: { 's1.7': 'C' } }, ...facts('networkUnknown') },
  ],
});
