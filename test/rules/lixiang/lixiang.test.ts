/**
 * The `lixiang` pack (立项 checklist, seed 001): each line's C/F/W rules, the one-step registration
 * gate reported as `stages.lixiang`, and the seed's words. The CLI gate (`dealqual audit --pack
 * lixiang --fail-on missing`) is tested in test/cli/methods.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { builtinPack } from '../../../src/packs/optional.js';
import { packsOf } from '../../support/packs.js';
import { evaluateBoth } from '../../support/rule-tester.js';
import { readSeed, seedsMissing } from '../../support/seeds.js';
import { packFileChecks, packRuleTester } from '../method-pack.js';

const t = (item: string, cases: Parameters<typeof packRuleTester>[2]) => packRuleTester('lixiang', item, cases);
const IDS = ['lixiang.background', 'lixiang.organization', 'lixiang.biggest-project', 'lixiang.entry', 'lixiang.competitors', 'lixiang.entry-plan', 'lixiang.benefit'];

packFileChecks('lixiang', IDS, {
  'lixiang.organization': ['s4.1'],
  'lixiang.entry': ['s1.1', 's1.5'],
  'lixiang.competitors': ['s3.6', 's4.5'],
  'lixiang.benefit': ['s1.3'],
});

describe('lixiang: the seven lines of seed 001', () => {
  const seed = readSeed('001_9d2edb34f46e9b8d.txt');
  const bare = (text: string) => text.replace(/[^\p{Script=Han}A-Za-z0-9]/gu, '');
  it.skipIf(seedsMissing)(`every title is the seed's line, in the seed's order${seedsMissing ? ` (${seedsMissing})` : ''}`, () => {
    const list = bare(seed.slice(seed.indexOf('“立项”应了解资料')));
    let from = 0;
    for (const item of builtinPack('lixiang').items) {
      const at = list.indexOf(bare(item.title.zh), from);
      expect(at, item.id).toBeGreaterThanOrEqual(from);
      from = at;
    }
  });
  it('is due whole at registration: every item is step 1 and the one gate is all seven', () => {
    const pack = builtinPack('lixiang');
    expect(pack.items.every((i) => i.step === 1)).toBe(true);
    expect(pack.stages).toHaveLength(1);
    expect(pack.stages![0]!.gate).toEqual(IDS);
  });
});

t('lixiang.background', {
  C: [{ name: 'named, with industry', deal: { customer: { name: '市第一人民医院', industry: '医疗' } }, reason: 'facts', message: 'backgroundKnown' }],
  F: [{ name: 'named only', deal: { customer: { name: '市第一人民医院' } }, reason: 'facts', message: 'backgroundPartial' }],
  W: [{ name: 'a blank name and nothing else', deal: { customer: { name: '  ' } }, reason: 'nothing-known' }],
});

t('lixiang.organization', {
  C: [{ name: 'final say known, everyone profiled', deal: { stakeholders: [{ name: '王院长', role: '拍板者', personality: '保守者', contact: '一般接触', stance: '中立者' }] }, reason: 'facts', message: 'orgMapped' }],
  F: [{ name: 'people known, not profiled', deal: { stakeholders: [{ name: '李工', role: 'user' }] }, reason: 'facts', message: 'orgPartial' }],
  W: [{ name: 'nobody recorded', deal: { stakeholders: [] }, reason: 'nothing-known' }],
});

t('lixiang.biggest-project', {
  C: [{ name: 'recorded', deal: { customer: { biggestProject: '新院区建设(一期 3.2 亿)' } }, reason: 'facts', message: 'biggestProjectKnown' }],
  W: [{ name: 'blank', deal: { customer: { biggestProject: ' ' } }, reason: 'nothing-known' }],
});

t('lixiang.entry', {
  C: [
    { name: 'problem and who raised it', deal: { need: { problems: ['上网行为无法审计'], raisedBy: '使用者' } }, reason: 'facts', message: 'entryKnown' },
    { name: 'problem and the opportunity source', deal: { need: { problems: ['VPN 不稳定'] }, source: '渠道报备' }, reason: 'facts', message: 'entryKnown' },
  ],
  F: [{ name: 'the way in without a problem', deal: { need: { raisedBy: 'top' } }, reason: 'facts', message: 'entryPartial' }],
  W: [{ name: 'nothing', deal: {}, reason: 'nothing-known' }],
});

t('lixiang.competitors', {
  C: [{ name: 'main competitor marked', deal: { competitors: [{ name: '深信服以外的某厂商', primary: true }] }, reason: 'facts', message: 'competitorAnalysed' }],
  F: [{ name: 'competitors listed, none main', deal: { competitors: [{ name: 'H3C' }, { name: '华为' }] }, reason: 'facts', message: 'competitorsListed' }],
});

t('lixiang.entry-plan', {
  C: [{ name: 'date and action', deal: { entryPlan: { date: '2026-11-10', action: '拜访信息科主任,演示 AC' } }, reason: 'facts', message: 'entryPlanned' }],
  F: [{ name: 'a date only', deal: { entryPlan: { date: '2026-11-10' } }, reason: 'facts', message: 'entryPlanPartial' }],
  W: [{ name: "the customer's go-live date is not our entry plan", deal: { need: { deadline: '2027-03-01' } }, reason: 'nothing-known' }],
});

t('lixiang.benefit', {
  C: [{ name: 'amount estimated', deal: { amount: 380_000 }, reason: 'facts', message: 'benefitEstimated' }],
  W: [{ name: 'no amount', deal: {}, reason: 'nothing-known' }],
});

describe('stages.lixiang: the registration gate', () => {
  const complete = {
    customer: { name: '市第一人民医院', industry: '医疗', biggestProject: '新院区建设' },
    stakeholders: [{ name: '王院长', role: '拍板者' as const, personality: '保守者' as const, contact: '一般接触' as const, stance: '中立者' as const }],
    need: { problems: ['上网行为无法审计'], raisedBy: 'user' as const },
    competitors: [{ name: '网康', primary: true }],
    entryPlan: { date: '2026-11-10', action: '拜访信息科' },
    amount: 380_000,
  };
  it('passes when every line is recorded', async () => {
    const r = await evaluateBoth(complete, { packs: packsOf('lixiang') });
    expect(r.stages?.lixiang).toEqual({ step: 1, of: 1, passed: 1, open: [] });
    expect(r.missing).toEqual([]);
  });
  it('lists the lines still missing, in the seed order', async () => {
    const { entryPlan: _e, competitors: _c, ...partial } = complete;
    const r = await evaluateBoth(partial, { packs: packsOf('lixiang') });
    expect(r.stages?.lixiang).toEqual({ step: 1, of: 1, passed: 0, open: ['lixiang.competitors', 'lixiang.entry-plan'] });
    expect(r.missing.map((m) => m.item)).toEqual(['lixiang.competitors', 'lixiang.entry-plan']);
  });
});
