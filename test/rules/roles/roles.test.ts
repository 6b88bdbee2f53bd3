/**
 * The `roles` pack (four key buying roles, seed 002): coverage and stance of 投资者, 看门人, 使用者,
 * 教练, the "everyone's agreement" red flag, the source's action in each reason, and the seed's words.
 */
import { describe, expect, it } from 'vitest';
import { builtinPack } from '../../../src/packs/optional.js';
import { packsOf } from '../../support/packs.js';
import type { SnapshotInput } from '../../../src/snapshot/schema.js';
import { describedBoth, evaluateBoth } from '../../support/rule-tester.js';
import { readSeed, seedsMissing } from '../../support/seeds.js';
import { simplified } from '../../support/traditional.js';
import { packFileChecks, packRuleTester } from '../method-pack.js';

type Person = NonNullable<SnapshotInput['stakeholders']>[number];
const t = (item: string, cases: Parameters<typeof packRuleTester>[2]) => packRuleTester('roles', item, cases);

packFileChecks('roles', ['roles.investor', 'roles.gatekeeper', 'roles.user', 'roles.coach', 'roles.agreement'], {
  'roles.investor': ['s5.7'],
  'roles.gatekeeper': ['s3.5'],
  'roles.coach': ['s4.2'],
  'roles.agreement': ['roles.investor', 'roles.gatekeeper', 'roles.user', 'roles.coach'],
});

describe('roles: the words of seed 002', () => {
  const seed = simplified(readSeed('002_7e90bcd01db39928.txt'));
  const bare = (text: string) => text.replace(/[^\p{Script=Han}]/gu, '');
  it.skipIf(seedsMissing)(`every title is the seed's text${seedsMissing ? ` (${seedsMissing})` : ''}`, () => {
    for (const item of builtinPack('roles').items) expect(bare(seed), item.id).toContain(bare(item.title.zh));
  });
  it('marks the agreement item, and only it, as a red-flag item', () =>
    expect(builtinPack('roles').items.filter((i) => i.kind === 'risk').map((i) => i.id)).toEqual(['roles.agreement']));
});

const boss = (p: Partial<Person> = {}): Person => ({ name: '王总', role: '拍板者', ...p });
const gate = (p: Partial<Person> = {}): Person => ({ name: '陈工', role: '技术把关者', ...p });
const user = (p: Partial<Person> = {}): Person => ({ name: '李工', role: '使用者', ...p });
const coach = (p: Partial<Person> = {}): Person => ({ name: '赵主任', role: 'evaluator', coach: true, ...p });

t('roles.investor', {
  C: [{ name: 'the final say supports us (no contact needed)', deal: { stakeholders: [boss({ stance: '支持者', contact: '不接触' })] }, reason: 'facts', message: 'investorSupports' }],
  F: [{ name: 'identified, stance not recorded', deal: { stakeholders: [boss()] }, reason: 'facts', message: 'investorNeutral' }],
  W: [
    { name: 'the final say backs a competitor', deal: { stakeholders: [boss({ stance: 'supporter', backsCompetitor: true })] }, reason: 'facts', message: 'investorAgainst' },
    { name: 'no final say recorded', deal: { stakeholders: [user({ stance: 'supporter' })] }, reason: 'nothing-known' },
  ],
});

t('roles.gatekeeper', {
  C: [{ name: 'the technical gatekeeper supports us', deal: { stakeholders: [gate({ stance: '导师' })] }, reason: 'facts', message: 'gatekeeperSupports' }],
  F: [{ name: 'gatekeeper neutral', deal: { stakeholders: [gate({ stance: '中立者' })] }, reason: 'facts', message: 'gatekeeperNeutral' }],
  W: [{ name: 'one gatekeeper supports, another is unsupportive: against wins', deal: { stakeholders: [gate({ stance: 'supporter' }), gate({ name: '周工', stance: '不支持者' })] }, reason: 'facts', message: 'gatekeeperAgainst' }],
});

t('roles.user', {
  C: [{ name: 'a user supports us', deal: { stakeholders: [user({ stance: 'supporter' })] }, reason: 'facts', message: 'userSupports' }],
  F: [{ name: 'a user known, stance not shown', deal: { stakeholders: [user({ contact: 'frequent' })] }, reason: 'facts', message: 'userNeutral' }],
  W: [{ name: 'a user is an enemy', deal: { stakeholders: [user({ stance: '敌人' })] }, reason: 'facts', message: 'userAgainst' }],
});

t('roles.coach', {
  C: [{ name: 'a coach in close contact, a mentor', deal: { stakeholders: [coach({ contact: '深交', stance: '导师' })] }, reason: 'facts', message: 'coachTrusted' }],
  F: [{ name: 'a coach in some contact', deal: { stakeholders: [coach({ contact: 'some', stance: 'supporter' })] }, reason: 'facts', message: 'coachShallow' }],
  W: [
    { name: 'the coach withholds information', deal: { stakeholders: [coach({ contact: 'close', stance: 'mentor', sharesInfo: false })] }, reason: 'facts', message: 'coachWithholds' },
    { name: 'the coach backs a competitor', deal: { stakeholders: [coach({ contact: 'close', stance: 'supporter', backsCompetitor: true })] }, reason: 'facts', message: 'coachAgainst' },
    { name: 'no coach', deal: { stakeholders: [boss({ stance: 'supporter' })] }, reason: 'nothing-known' },
  ],
});

const everyone = [boss({ stance: 'supporter' }), gate({ stance: 'supporter' }), user({ stance: 'mentor' }), coach({ name: '钱工', contact: 'close', stance: 'supporter' })];
t('roles.agreement', {
  C: [{ name: 'all four roles covered and supportive', deal: { stakeholders: everyone }, reason: 'facts', message: 'everyoneAgrees' }],
  F: [{ name: 'three of four roles supportive, no user recorded', deal: { stakeholders: everyone.filter((p) => p.role !== '使用者') }, reason: 'facts', message: 'rolesPartlyCovered' }],
  W: [{ name: 'one user against us', deal: { stakeholders: [...everyone, user({ name: '孙工', stance: 'unsupportive' })] }, reason: 'facts', message: 'roleAgainst' }],
});

describe('what the source says to do', () => {
  it('a hostile investor: a red flag, and the reason says to work on the top (zh and en)', async () => {
    const deal = { stakeholders: [...everyone.slice(1), boss({ stance: 'enemy' })] };
    const en = await describedBoth(deal, { packs: packsOf('roles') });
    expect(en.findings.map((f) => `${f.code} ${f.items.join(',')}`)).toEqual(['red-flag roles.agreement']);
    expect(en.items['roles.investor']?.reason.message).toMatch(/everyone's agreement.*work on the top/);
    const zh = await describedBoth(deal, { packs: packsOf('roles'), locale: 'zh-CN' });
    expect(zh.items['roles.investor']?.reason.message).toContain('必须得到每个人的同意');
  });
  it('a missing role is listed as missing with its title, not as a red flag', async () => {
    const r = await evaluateBoth({ stakeholders: everyone.filter((p) => !p.coach) }, { packs: packsOf('roles') });
    expect(r.missing.map((m) => m.item)).toContain('roles.coach');
    expect(r.findings).toEqual([]);
  });
});
