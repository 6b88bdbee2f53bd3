/**
 * Step 6 引导招投标工作 (extension items s6.1, s6.2): rated like every item, but the step applies only
 * to buyers that run a formal tender.
 */
import { describe, expect, it } from 'vitest';
import { evaluateBoth, ruleTester } from '../../support/rule-tester.js';

const facts = (message: string) => ({ reason: 'facts' as const, message });
const tender = { tender: true } as const;

ruleTester('s6.1', {
  C: [
    { name: 'specs drafted under our guidance (已引导)', deal: { procurement: { ...tender, specsInfluenced: '已引导' } }, ...facts('specsInfluenced') },
    { name: 'facts silent: the answer decides', deal: { procurement: tender, answers: { 's6.1': 'C' } }, reason: 'answer' },
  ],
  F: [{ name: 'partly (部分)', deal: { procurement: { ...tender, specsInfluenced: '部分' } }, ...facts('specsPartlyInfluenced') }],
  W: [
    { name: 'not guided (否)', deal: { customer: { segment: '政府' }, procurement: { specsInfluenced: '否' } }, ...facts('specsNotInfluenced') },
    { name: 'issue 12: parameters written by the competitor side (对手渠道编写)', deal: { procurement: { ...tender, specsInfluenced: '对手渠道编写' } }, ...facts('specsByCompetitor') },
  ],
});

ruleTester('s6.2', {
  C: [
    { name: 'schedule and agency known', deal: { procurement: { ...tender, scheduleKnown: true, agency: '中化招标' } }, ...facts('tenderLogisticsKnown') },
    { name: 'facts silent: the answer decides', deal: { procurement: { ...tender, scheduleKnown: false }, answers: { 's6.2': 'C' } }, reason: 'answer' },
  ],
  F: [
    { name: 'schedule only', deal: { procurement: { ...tender, scheduleKnown: true } }, ...facts('tenderLogisticsPartial') },
    { name: 'agency only', deal: { procurement: { ...tender, agency: 'Agency X' } }, ...facts('tenderLogisticsPartial') },
    { name: 'a blank agency is no agency', deal: { procurement: { ...tender, scheduleKnown: true, agency: '  ' } }, ...facts('tenderLogisticsPartial') },
  ],
  W: [{ name: 'nothing known', deal: { procurement: tender }, reason: 'nothing-known' }],
});

describe('step 6 applies only to tender buyers', () => {
  it('an enterprise buyer skips step 6: not in the stage gate, not missing', async () => {
    const result = await evaluateBoth({ customer: { segment: 'enterprise' }, procurement: { specsInfluenced: 'no' } });
    expect(result.stage.steps.find((s) => s.step === 6)?.applies).toBe(false);
    expect(result.missing.map((m) => m.item)).not.toContain('s6.1');
    expect(result.items['s6.1']?.rating).toBe('W');
  });

  it('issue 12: a public hospital, a school, a finance buyer and an "other" buyer run a tender by default; only enterprise is exempt', async () => {
    for (const segment of ['医院', '学校', 'finance', '其他', 'government']) {
      const result = await evaluateBoth({ customer: { segment } });
      expect(result.stage.steps.find((s) => s.step === 6)?.applies, segment).toBe(true);
    }
    for (const deal of [{ customer: { segment: '民营企业' } }, {}, { customer: { segment: '医院' }, procurement: { tender: false } }]) {
      const result = await evaluateBoth(deal);
      expect(result.stage.steps.find((s) => s.step === 6)?.applies, JSON.stringify(deal)).toBe(false);
    }
  });

  it('a state-owned buyer runs a tender: step 6 applies and its items are missing until C', async () => {
    const result = await evaluateBoth({ customer: { segment: '国企' }, procurement: { specsInfluenced: 'yes' } });
    expect(result.stage.steps.find((s) => s.step === 6)?.applies).toBe(true);
    expect(result.missing.map((m) => m.item)).toContain('s6.2');
    expect(result.missing.map((m) => m.item)).not.toContain('s6.1');
  });
});
