/**
 * Deterministic generator of realistic deal snapshots, for benchmarks and property tests.
 * Same seed, same snapshots, on every platform (mulberry32, no Math.random, no clock).
 *
 * Each deal gets a "maturity" (how far the sale has gone, 0..1) that drives how much is known,
 * so the set spans every stage: leads with a phone inquiry, projects with stakeholder maps,
 * tenders, won and lost deals; half use the Chinese spellings, some carry answers and dated
 * evidence (fresh and stale), some only answers.
 *
 * @example
 * import { generateSnapshots } from './generate.mjs';
 * const deals = generateSnapshots(10_000, 42); // plain JSON objects, valid snapshots
 */

/** The evaluation date every generated snapshot uses. */
export const AS_OF = '2026-11-01';

/** A seeded generator: mulberry32. `next()` is a float in [0, 1). */
export function createRandom(seed) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n) => Math.floor(next() * n);
  return {
    next,
    int,
    /** true with probability p */
    chance: (p) => next() < p,
    pick: (list) => list[int(list.length)],
    /** up to n distinct elements of list, in list order */
    some: (list, n) => list.filter(() => next() < n / list.length),
  };
}

const SEVEN_STEP = [
  ['s1.1', 1], ['s1.2', 1], ['s1.3', 1], ['s1.4', 1], ['s1.5', 1], ['s1.6', 1], ['s1.7', 1],
  ['s2.1', 2], ['s2.2', 2], ['s2.3', 2], ['s2.4', 2],
  ['s3.1', 3], ['s3.2', 3], ['s3.3', 3], ['s3.4', 3], ['s3.5', 3], ['s3.6', 3], ['s3.7', 3], ['s3.8', 3], ['s3.9', 3],
  ['s4.1', 4], ['s4.2', 4], ['s4.3', 4], ['s4.4', 4], ['s4.5', 4],
  ['s5.1', 5], ['s5.2', 5], ['s5.3', 5], ['s5.4', 5], ['s5.5', 5], ['s5.6', 5], ['s5.7', 5], ['s5.8', 5],
  ['s6.1', 6], ['s6.2', 6], ['s7.1', 7], ['s7.2', 7],
];
const OTHER_ITEMS = [
  ['man.money', 2], ['man.authority', 4], ['man.need', 1],
  ['bant.budget', 2], ['bant.authority', 4], ['bant.need', 1], ['bant.timeline', 1],
];
const ITEMS = [...SEVEN_STEP, ...OTHER_ITEMS];

// [English, Chinese] spellings of the vocabularies (src/snapshot/vocabulary.ts).
const SEGMENT = [['enterprise', '企业'], ['government', '政府'], ['state-owned', '国企'], ['education', '教育'], ['healthcare', '医院'], ['finance', '银行']];
const ROLE = [['final-say', '拍板者'], ['decision-maker', '决策者'], ['evaluator', '评估者'], ['user', '使用者']];
const PERSONALITY = [['pioneer', '前卫者'], ['innovator', '创新者'], ['pragmatist', '实用主义者'], ['conservative', '保守者'], ['diehard', '顽固派']];
const CONTACT = [['none', '不接触'], ['some', '一般接触'], ['frequent', '较多接触'], ['close', '深交']];
const STANCE = [['mentor', '导师'], ['supporter', '支持者'], ['neutral', '中立者'], ['unsupportive', '不支持者'], ['enemy', '敌人']];
const APPROVAL = [['pending', '审批中'], ['approved', '已立项'], ['rejected', '未通过']];
const FUNDING_SOURCE = [['own', '自有资金'], ['third-party', '第三方'], ['government', '财政拨款'], ['mixed', '混合']];
const TRIAL = [['none', '未测试'], ['running', '测试中'], ['tie', '相当'], ['won', '优于对手'], ['lost', '不如对手']];
const VISIT = [['hq', '总部'], ['reference', '样板客户']];
const BARRIER = [['trial-plan', '测试方案'], ['tender-specs', '招标参数'], ['use-case', '亮点结合']];
const RELATION = [['ours', '我方'], ['competitor', '对手'], ['neutral', '中立']];
const TERMS = [['negotiating', '洽谈中'], ['accepted', '已认可'], ['rejected', '不认可']];
const SPECS = [['no', '否'], ['partly', '部分'], ['yes', '是']];
const CONTRACT = [['drafting', '起草中'], ['approving', '审批中'], ['signed', '已签']];
const RAISED = [['user', '使用者'], ['top', '决策链高层']];
const SOURCE = [['inquiry', '咨询'], ['trial', '测试'], ['visit', '参观'], ['channel', '渠道报备'], ['outbound', '主动拓展']];
const LINES = ['AC', 'SSL', 'AD', 'SG', 'IPSec', 'BM', 'WOC', 'NGFW'];
const PROBLEMS = [
  ['Branch VPN links drop several times a week', '分支机构 VPN 每周掉线数次'],
  ['Audit of staff web access required by regulation', '等保要求审计员工上网行为'],
  ['Data center failover takes hours', '数据中心切换需要数小时'],
  ['Remote staff cannot reach internal systems', '远程办公人员无法访问内网系统'],
  ['Bandwidth wasted on video streaming', '带宽被视频占用'],
];
const SURNAMES = ['Wang', 'Li', 'Zhang', 'Liu', 'Chen', 'Yang', 'Zhao', 'Huang', 'Zhou', 'Wu'];
const COMPETITORS = ['Huawei', 'H3C', 'Topsec', 'Fortinet', 'Palo Alto', 'F5', 'Hillstone'];

/** ISO date `days` days before AS_OF (negative: after). */
function daysBefore(days) {
  const d = new Date(Date.UTC(2026, 10, 1) - days * 86_400_000);
  return d.toISOString().slice(0, 10);
}

/**
 * One realistic snapshot.
 * @param random from `createRandom`
 * @param index used in the deal id
 */
export function generateSnapshot(random, index) {
  const r = random;
  const zh = r.chance(0.5);
  const say = (pair) => (zh ? pair[1] : pair[0]);
  const level = r.next(); // maturity 0..1
  const reached = 1 + Math.floor(level * 7); // the step the deal roughly reached
  const knows = (step, p = 0.85) => (step < reached ? r.chance(0.97) : step === reached && r.chance(p));
  const deal = { id: `G-${String(index).padStart(5, '0')}`, asOf: AS_OF };
  if (r.chance(0.3)) deal.outcome = reached >= 6 && r.chance(0.5) ? say(['won', '赢单']) : say(r.pick([['open', '进行中'], ['lost', '丢单']]));
  const answersOnly = r.chance(0.1);
  if (!answersOnly) {
    const segment = r.pick(SEGMENT);
    deal.customer = { name: zh ? `客户${index}` : `Customer ${index}`, segment: say(segment), industry: zh ? '制造' : 'manufacturing' };
    if (knows(1, 0.7)) deal.amount = 100_000 + r.int(50) * 50_000;
    if (deal.amount !== undefined) deal.currency = 'CNY';
    deal.productLines = r.some(LINES, 2);
    deal.source = say(r.pick(SOURCE));
    deal.need = {};
    if (knows(1)) deal.need.problems = r.some(PROBLEMS, 2).map(say);
    if (knows(1, 0.6)) {
      deal.need.deadline = daysBefore(-(r.int(400) - 60));
      if (r.chance(0.5)) deal.need.deadlineReason = zh ? '年底预算' : 'year-end budget';
    }
    if (knows(1, 0.7)) deal.need.raisedBy = say(r.pick(RAISED));
    if (knows(1, 0.6))
      deal.need.products = r.some(LINES, 2).map((line) => (r.chance(0.6) ? { line, model: `${line}-${1000 + r.int(9) * 1000}`, quantity: 1 + r.int(200) } : { line }));
    if (knows(1, 0.5)) deal.need.networkMapped = r.chance(0.8);
    if (knows(1, 0.5)) deal.need.installedBaseKnown = r.chance(0.8);
    if (knows(1, 0.3)) deal.need.alternatives = r.chance(0.5);
    if (reached >= 2 || r.chance(0.2)) {
      deal.funding = {};
      if (knows(2)) deal.funding.approval = say(r.pick(APPROVAL));
      if (knows(2, 0.7)) deal.funding.budgetInPlace = r.chance(0.75);
      if (knows(2, 0.6)) deal.funding.budget = 100_000 + r.int(60) * 50_000;
      if (knows(2, 0.6)) deal.funding.source = say(r.pick(FUNDING_SOURCE));
      if (knows(2, 0.5)) deal.funding.breakdown = [{ item: zh ? '设备' : 'equipment', amount: 100_000 + r.int(20) * 10_000 }, { item: zh ? '服务' : 'services' }];
    }
    if (reached >= 3 || r.chance(0.2)) {
      deal.technical = {};
      if (knows(3)) deal.technical.requirementsMet = r.chance(0.85);
      if (knows(3, 0.5)) deal.technical.standardAdopted = r.chance(0.6);
      if (knows(3, 0.7)) deal.technical.edgeAcknowledged = r.chance(0.7);
      if (knows(3, 0.7)) deal.technical.trial = say(r.pick(TRIAL));
      if (knows(3, 0.6)) deal.technical.visits = [{ kind: say(r.pick(VISIT)), date: daysBefore(r.int(200)), visitors: [] }];
      if (knows(3, 0.4)) deal.technical.lockIn = r.chance(0.5);
      if (knows(3, 0.6)) deal.technical.barriers = r.some(BARRIER, 2).map(say);
      if (knows(3, 0.5))
        deal.technical.concerns = r.chance(0.5) ? [] : [{ text: zh ? '吞吐量' : 'throughput', resolved: r.chance(0.5), blocking: r.chance(0.3) }];
    }
    const people = [];
    const count = reached <= 1 ? r.int(2) : 1 + r.int(5);
    for (let i = 0; i < count; i++) {
      const name = zh ? `${'王李张刘陈杨赵黄周吴'[r.int(10)]}${'伟芳娜敏静强磊军洋勇'[r.int(10)]}${i}` : `${r.pick(SURNAMES)} ${i}`;
      const person = { name };
      if (r.chance(0.85)) person.role = say(i === 0 && r.chance(0.6) ? ROLE[0] : r.pick(ROLE));
      if (r.chance(0.6)) person.personality = say(r.pick(PERSONALITY));
      // mature deals: mostly friendly people in close contact
      if (r.chance(0.8)) person.contact = say(reached >= 4 && r.chance(0.7) ? CONTACT[2 + r.int(2)] : r.pick(CONTACT));
      if (r.chance(0.8)) person.stance = say(reached >= 4 && r.chance(0.7) ? STANCE[r.int(2)] : r.pick(STANCE));
      if (r.chance(reached >= 4 ? 0.4 : 0.15)) person.coach = true;
      if (person.coach && r.chance(0.7)) person.sharesInfo = r.chance(0.7);
      if (r.chance(reached >= 5 ? 0.7 : 0.3)) person.helpsUs = r.chance(0.7);
      if (r.chance(0.15)) person.backsCompetitor = r.chance(0.5);
      if (r.chance(0.4)) person.endorsesTech = r.chance(0.7);
      people.push(person);
    }
    if (people.length > 0) deal.stakeholders = people;
    if (deal.technical?.visits && people.length > 0) deal.technical.visits[0].visitors = [people[0].name];
    if (reached >= 3 && r.chance(0.7)) {
      deal.competitors = r.some(COMPETITORS, 2).map((name, i) => {
        const c = { name };
        if (i === 0) c.primary = true;
        if (r.chance(0.5)) c.channel = zh ? '本地集成商' : 'local integrator';
        if (r.chance(0.5)) c.supporters = r.chance(0.5) ? [] : people.slice(0, 1).map((p) => p.name);
        return c;
      });
    }
    if (reached >= 4 && r.chance(0.6))
      deal.channels = [{ name: zh ? '渠道甲' : 'Partner A', relation: say(r.pick(RELATION)), trustedByTop: r.chance(0.5), worksWithUs: r.chance(0.6) }];
    if (reached >= 4) {
      deal.procurement = {};
      if (knows(4, 0.7)) deal.procurement.processKnown = r.chance(0.7);
      if (knows(4, 0.5)) deal.procurement.historyKnown = r.chance(0.7);
      if (r.chance(0.3)) deal.procurement.tender = r.chance(0.5);
      if (knows(6, 0.7)) deal.procurement.specsInfluenced = say(r.pick(SPECS));
      if (knows(6, 0.6)) deal.procurement.scheduleKnown = r.chance(0.6);
    }
    if (reached >= 5 && r.chance(0.8)) {
      deal.commercial = {};
      if (r.chance(0.7)) deal.commercial.modelAccepted = r.chance(0.7);
      if (r.chance(0.4)) deal.commercial.specsFromUs = r.chance(0.6);
      if (r.chance(0.6)) deal.commercial.terms = say(r.pick(TERMS));
    }
    if (reached >= 7 && r.chance(0.9)) {
      deal.contract = { status: say(r.pick(CONTRACT)) };
      if (r.chance(0.6)) deal.contract.currentStep = zh ? '法务审核' : 'legal review';
      if (r.chance(0.6)) deal.contract.handler = zh ? '采购部张工' : 'Procurement, Ms Li';
    }
  }
  if (answersOnly || r.chance(0.35)) {
    deal.answers = {};
    for (const [item, step] of ITEMS) {
      if (!r.chance(answersOnly ? 0.8 : 0.25)) continue;
      const rating = step <= reached ? r.pick(['C', 'C', 'C', 'F']) : r.pick(['F', 'W', 'W']);
      deal.answers[item] = r.chance(0.5) ? rating : { rating, at: daysBefore(r.int(180)), ...(r.chance(0.3) ? { note: zh ? '客户口头确认' : 'told by phone' } : {}) };
    }
  }
  if (!answersOnly && r.chance(0.4)) {
    deal.evidence = [];
    const n = 1 + r.int(4);
    for (let i = 0; i < n; i++) {
      const [item, step] = r.pick(ITEMS);
      const entry = { item, date: daysBefore(r.int(160) - 5) };
      if (r.chance(0.7)) entry.signal = 1 + r.int(4);
      if (step > reached && r.chance(0.3)) entry.against = true;
      if (r.chance(0.3)) entry.note = zh ? '会议纪要' : 'meeting notes';
      deal.evidence.push(entry);
    }
  }
  return deal;
}

/**
 * `count` snapshots from one seed.
 * @example generateSnapshots(3, 1).map((d) => d.id) // ['G-00000', 'G-00001', 'G-00002']
 */
export function generateSnapshots(count, seed = 1) {
  const random = createRandom(seed);
  const out = [];
  for (let i = 0; i < count; i++) out.push(generateSnapshot(random, i));
  return out;
}
