/**
 * Derived facts read by the packs of the other methods (摧龙六式 `clmls`, the four key buying roles
 * `roles`, the 立项 checklist `lixiang`, MEDDPICC): the relationship ladder of seed 000, the four
 * roles of seed 002, and presence flags for the registration facts. Same stakeholder fields as the
 * seven-step pack reads (role, contact, stance, coach, helpsUs, backsCompetitor); nothing is
 * recorded twice. Pure.
 */
import type { Snapshot, Stakeholder } from '../snapshot/schema.js';

const IN_CONTACT = new Set(['frequent', 'close']);
const FRIENDLY = new Set(['mentor', 'supporter']);
const HOSTILE = new Set(['unsupportive', 'enemy']);
const DECIDERS = new Set(['final-say', 'decision-maker']);

/**
 * A person's rung on the relationship ladder of 摧龙六式 step 2 (seed 000): 0 not acquainted, 1 认识
 * (acquainted, some contact), 2 约会 (interaction: frequent or close contact, not against us), 3 信赖
 * (trust: frequent or close contact and a supporter or mentor), 4 同盟 (alliance: trust, and they
 * help us run the deal or are our coach). Against us (unsupportive, enemy, backs a competitor) stays
 * at 认识 at most, however close the contact.
 * @example ladderRung({ name: 'Wang', contact: 'close', stance: 'supporter', helpsUs: true }) // 4
 * @example ladderRung({ name: 'Li', contact: 'close', stance: 'enemy' }) // 1
 */
export function ladderRung(s: Stakeholder): 0 | 1 | 2 | 3 | 4 {
  if (s.contact === undefined || s.contact === 'none') return 0;
  const against = (s.stance !== undefined && HOSTILE.has(s.stance)) || s.backsCompetitor === true;
  if (against || !IN_CONTACT.has(s.contact)) return 1;
  if (s.stance === undefined || !FRIENDLY.has(s.stance)) return 2;
  return s.helpsUs === true || s.coach === true ? 4 : 3;
}

const against = (s: Stakeholder) => (s.stance !== undefined && HOSTILE.has(s.stance)) || s.backsCompetitor === true;
const friendly = (s: Stakeholder) => s.stance !== undefined && FRIENDLY.has(s.stance) && s.backsCompetitor !== true;
const hasText = (text: string | undefined) => text !== undefined && text.trim() !== '';

/** Per role of seed 002: how many people hold it, how many are friendly, how many against us. */
function roleCounts(people: readonly Stakeholder[], holds: (s: Stakeholder) => boolean) {
  let count = 0;
  let friendlyCount = 0;
  let againstCount = 0;
  let inContact = 0;
  for (const s of people) {
    if (!holds(s)) continue;
    count++;
    if (friendly(s)) friendlyCount++;
    if (against(s)) againstCount++;
    if (s.contact !== undefined && IN_CONTACT.has(s.contact) && !against(s)) inContact++;
  }
  return { count, friendly: friendlyCount, against: againstCount, inContact };
}

/**
 * The ladder and role facts of a snapshot, read by rules as `derived.people` and `derived.registration`.
 * @example methodFacts({ id: 'D-1', stakeholders: [{ name: 'Wang', role: 'final-say', contact: 'close', stance: 'supporter' }] }).people.keyTop // 3
 */
export function methodFacts(snapshot: Snapshot) {
  const people = snapshot.stakeholders ?? [];
  let keyTop = 0;
  let anyTop = 0;
  for (const s of people) {
    const rung = ladderRung(s);
    anyTop = Math.max(anyTop, rung);
    if (s.role !== undefined && DECIDERS.has(s.role)) keyTop = Math.max(keyTop, rung);
  }
  const deciders = roleCounts(people, (s) => s.role !== undefined && DECIDERS.has(s.role));
  return {
    people: {
      /** The highest ladder rung reached with a key person (拍板者 or 决策者); 0 when none is recorded in contact. */
      keyTop,
      /** The highest rung reached with anyone. */
      anyTop,
      /** Key people (拍板者, 决策者) recorded. */
      keyPeople: deciders.count,
      /** Key people against us (unsupportive, enemy, or backing a competitor). */
      keyAgainst: deciders.against,
      /** 投资者: the person with the final say (拍板者). */
      investor: roleCounts(people, (s) => s.role === 'final-say'),
      /** 看门人: evaluators and technical gatekeepers (评估者, 技术把关者). */
      gatekeeper: roleCounts(people, (s) => s.role === 'evaluator'),
      /** 使用者: users. */
      user: roleCounts(people, (s) => s.role === 'user'),
      /** 教练: our coaches. */
      coach: roleCounts(people, (s) => s.coach === true),
    },
    registration: {
      /** 用户背景资料: who the customer is (name) and what it does (industry or segment). */
      customerNamed: hasText(snapshot.customer?.name),
      customerProfiled: hasText(snapshot.customer?.industry) || snapshot.customer?.segment !== undefined,
      /** 用户现在正在进行最大项目 is recorded. */
      biggestProjectKnown: hasText(snapshot.customer?.biggestProject),
      /** 切入具体时间计划: our entry plan has a date (and, separately, what we do then). */
      entryPlanDated: snapshot.entryPlan?.date !== undefined,
      entryPlanAction: hasText(snapshot.entryPlan?.action),
      /** Quantified results the customer expects (MEDDPICC Metrics). */
      metrics: snapshot.need?.metrics?.length ?? 0,
    },
  };
}
