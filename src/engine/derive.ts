/**
 * Facts derived from a snapshot: counts and flags over its lists and dates, so that rules stay
 * plain comparisons. Pure: everything depends on the snapshot and the evaluation context only.
 */
import type { Snapshot, Stakeholder } from '../snapshot/schema.js';
import { daysBetween } from './days.js';
import { methodFacts } from './derive-methods.js';

export interface DeriveContext {
  /** The evaluation date, ISO `yyyy-MM-dd`. */
  asOf: string;
  /** Days ahead within which a dated deadline counts as a near-term timeline (BANT). */
  horizonDays: number;
  /**
   * Derive the other methods' facts (`people`, `registration`: derive-methods.ts) as well. Default
   * true; an evaluation whose packs read none of them leaves them out.
   */
  methods?: boolean;
}

const DECIDERS = new Set(['final-say', 'decision-maker']);
const CHAIN = new Set(['final-say', 'decision-maker', 'evaluator']);
const IN_CONTACT = new Set(['frequent', 'close']);
const FRIENDLY = new Set(['mentor', 'supporter']);
const HOSTILE = new Set(['unsupportive', 'enemy']);

const isDecider = (s: Stakeholder) => s.role !== undefined && DECIDERS.has(s.role);
const profiled = (s: Stakeholder) => !!(s.role && s.personality && s.contact && s.stance);
const hasText = (text: string | undefined) => text !== undefined && text.trim() !== '';

/**
 * Whether the buyer runs a formal tender: `procurement.tender` where recorded; otherwise every known
 * segment but enterprise — the source exempts only 企业 (企业招投标工作很少), so government, state-owned,
 * education, healthcare (public hospitals), finance and other non-enterprise buyers tender by default.
 * An unknown segment says nothing: no tender.
 * @example runsTender({ id: 'D-1', customer: { segment: 'healthcare' } }) // true
 */
export function runsTender(snapshot: Snapshot): boolean {
  if (snapshot.procurement?.tender !== undefined) return snapshot.procurement.tender;
  const segment = snapshot.customer?.segment;
  return segment !== undefined && segment !== 'enterprise';
}

/** Counts over the stakeholders, in one pass (the decision chain: final-say, decision-makers, evaluators). */
function stakeholderFacts(people: readonly Stakeholder[]) {
  const f = {
    count: people.length,
    profiled: 0,
    unprofiled: 0,
    finalSay: 0,
    deciders: 0,
    decidersInContact: 0,
    decidersHostile: 0,
    decidersUnsupportive: 0,
    /** Final-say or decision-makers against us: enemy or unsupportive, backing a competitor, or working against us. */
    decidersAgainst: 0,
    othersBackingCompetitor: 0,
    /** Decision-chain members (final say, deciders, evaluators) who back a competitor or are enemies (s5.4 signal 1). */
    chainBackingCompetitor: 0,
    /** Anyone working against us: obstacles, 黑材料, leaking our information (s5.4 signals 2, 3). */
    workingAgainstUs: 0,
    /** Decision-chain members working against us. */
    chainWorkingAgainstUs: 0,
    /** Users (no decision-chain role) who back a competitor or are enemies. */
    usersBackingCompetitor: 0,
    finalSaySupportive: 0,
    finalSayNeutral: 0,
    finalSayAgainst: 0,
    chain: 0,
    chainEndorsing: 0,
    /** A strict majority of the decision chain endorses our technical direction (s3.5 signal 2). */
    chainMajorityEndorses: false,
    chainAgainst: 0,
    evaluatorsEndorsing: 0,
    relationships: 0,
    /** In-contact friendly relationships with decision-chain members (s5.1 signal 7 客户决策链上的多个关系人). */
    chainRelationships: 0,
    coaches: 0,
    coachesTrusted: 0,
    coachesSharing: 0,
    coachesWithholding: 0,
    helpingDeciders: 0,
    helpingOthers: 0,
  };
  for (const s of people) {
    const friendly = s.stance !== undefined && FRIENDLY.has(s.stance);
    const hostile = s.stance !== undefined && HOSTILE.has(s.stance);
    const inContact = s.contact !== undefined && IN_CONTACT.has(s.contact);
    const decider = isDecider(s);
    const backing = s.backsCompetitor === true || s.stance === 'enemy';
    const against = hostile || s.backsCompetitor === true || s.worksAgainstUs === true;
    const inChain = s.role !== undefined && CHAIN.has(s.role);
    if (profiled(s)) f.profiled++;
    else f.unprofiled++;
    if (inContact && friendly) f.relationships++;
    if (inContact && friendly && inChain) f.chainRelationships++;
    if (s.worksAgainstUs === true) f.workingAgainstUs++;
    if (decider) {
      f.deciders++;
      // Reached: in real contact and not against us (a decider who backs a competitor or works against us is not reached authority).
      if (inContact && s.stance !== 'enemy' && s.backsCompetitor !== true && s.worksAgainstUs !== true) f.decidersInContact++;
      if (backing) f.decidersHostile++;
      if (s.stance === 'unsupportive') f.decidersUnsupportive++;
      if (against) f.decidersAgainst++;
      if (s.helpsUs === true) f.helpingDeciders++;
    } else {
      if (backing) f.othersBackingCompetitor++;
      if (s.helpsUs === true) f.helpingOthers++;
    }
    if (inChain && backing) f.chainBackingCompetitor++;
    if (inChain && s.worksAgainstUs === true) f.chainWorkingAgainstUs++;
    if (!inChain && backing) f.usersBackingCompetitor++;
    if (s.role === 'final-say') {
      f.finalSay++;
      if (friendly && s.backsCompetitor !== true && s.worksAgainstUs !== true) f.finalSaySupportive++;
      if (s.stance === 'neutral' && s.backsCompetitor !== true && s.worksAgainstUs !== true) f.finalSayNeutral++;
      if (against) f.finalSayAgainst++;
    }
    if (inChain) {
      f.chain++;
      if (s.endorsesTech === true || (s.endorsesTech === undefined && friendly)) f.chainEndorsing++;
      if (s.endorsesTech === false || hostile) f.chainAgainst++;
      if (s.role === 'evaluator' && (s.endorsesTech === true || friendly)) f.evaluatorsEndorsing++;
    }
    if (s.coach === true) {
      f.coaches++;
      // A coach who does not share information (s4.2 signal 4 同你分享涉及项目的秘密信息) is not a trusted coach.
      if (inContact && friendly && s.sharesInfo !== false) f.coachesTrusted++;
      if (s.sharesInfo === true) f.coachesSharing++;
      if (s.sharesInfo === false) f.coachesWithholding++;
    }
  }
  f.chainMajorityEndorses = f.chain > 0 && f.chainEndorsing * 2 > f.chain;
  return f;
}

function count<T>(list: readonly T[] | undefined, test: (x: T) => boolean): number {
  let n = 0;
  if (list) for (const x of list) if (test(x)) n++;
  return n;
}

/** Visits to headquarters with at least one decision maker among the visitors (s3.4). */
function hqVisitsByDeciders(snapshot: Snapshot): number {
  const visits = snapshot.technical?.visits;
  if (!visits || visits.length === 0) return 0;
  const deciders = (snapshot.stakeholders ?? []).filter(isDecider).map((s) => s.name);
  return count(visits, (v) => v.kind === 'hq' && (v.visitors ?? []).some((name) => deciders.includes(name)));
}

/** Distinct values of a list. */
function distinct(list: readonly string[] | undefined): number {
  if (!list) return 0;
  let n = 0;
  for (let i = 0; i < list.length; i++) if (list.indexOf(list[i]!) === i) n++;
  return n;
}

/** The other methods' facts where no evaluated pack reads them. */
const NO_METHOD_FACTS: Partial<ReturnType<typeof methodFacts>> = Object.freeze({});

/**
 * The derived facts of a snapshot, read by rules as the fact `derived`.
 * @example deriveFacts({ id: 'D-1', need: { problems: ['VPN'] } }, { asOf: '2026-11-01', horizonDays: 180 }).need.problems // 1
 */
export function deriveFacts(snapshot: Snapshot, context: DeriveContext) {
  const { need, technical, funding, contract, competitors, channels } = snapshot;
  const deadlineDays = need?.deadline === undefined ? undefined : daysBetween(context.asOf, need.deadline);
  const concerns = technical?.concerns;
  let primary = 0;
  let primaryChannelKnown = 0;
  let primarySupportersKnown = 0;
  for (const c of competitors ?? []) {
    if (c.primary !== true) continue;
    primary++;
    if (hasText(c.channel)) primaryChannelKnown++;
    if (c.supporters !== undefined) primarySupportersKnown++;
  }
  return {
    tender: runsTender(snapshot),
    productLines: snapshot.productLines?.length ?? 0,
    need: {
      problems: need?.problems?.length ?? 0,
      deadlineDaysAhead: deadlineDays,
      deadlinePassed: deadlineDays !== undefined && deadlineDays < 0,
      deadlineInHorizon: deadlineDays !== undefined && deadlineDays >= 0 && deadlineDays <= context.horizonDays,
      deadlineReason: hasText(need?.deadlineReason),
      products: need?.products?.length ?? 0,
      productsSpecified: count(need?.products, (p) => hasText(p.model) && p.quantity !== undefined),
    },
    funding: {
      breakdown: funding?.breakdown?.length ?? 0,
      budgetKnown: funding?.budget !== undefined,
      /**
       * The budget as a share of our quoted amount (`funding.budget / amount`), where both are known
       * and the amount is above 0; undefined otherwise. Rules compare it with plain numbers.
       */
      budgetCoverage: funding?.budget !== undefined && snapshot.amount !== undefined && snapshot.amount > 0 ? funding.budget / snapshot.amount : undefined,
    },
    technical: {
      visits: technical?.visits?.length ?? 0,
      hqVisitsByDeciders: hqVisitsByDeciders(snapshot),
      barriers: distinct(technical?.barriers),
      concerns: concerns?.length ?? 0,
      openConcerns: count(concerns, (c) => c.resolved !== true),
      blockingConcerns: count(concerns, (c) => c.resolved !== true && c.blocking === true),
    },
    stakeholders: stakeholderFacts(snapshot.stakeholders ?? []),
    competitors: {
      count: competitors?.length ?? 0,
      /** We checked and no competitor is in the deal: `competition` none and no competitor listed. */
      noneChecked: snapshot.competition === 'none' && (competitors?.length ?? 0) === 0,
      primary,
      primaryChannelKnown,
      primarySupportersKnown,
    },
    channels: {
      count: channels?.length ?? 0,
      trustedWithUs: count(channels, (c) => c.trustedByTop === true && c.worksWithUs === true),
      withUs: count(channels, (c) => c.worksWithUs === true),
      trustedAgainstUs: count(channels, (c) => c.trustedByTop === true && (c.worksWithUs === false || c.relation === 'competitor')),
    },
    contract: {
      stepKnown: hasText(contract?.currentStep),
      handlerKnown: hasText(contract?.handler),
    },
    procurement: {
      /** The tender agency is named (s6.2): rules cannot test a string's presence with the default operators. */
      agencyKnown: hasText(snapshot.procurement?.agency),
    },
    ...(context.methods === false ? NO_METHOD_FACTS : methodFacts(snapshot)),
  };
}

export type DerivedFacts = ReturnType<typeof deriveFacts>;

/** What rules read: the parsed snapshot as `deal`, the derived facts as `derived`. */
export interface RuleFacts {
  deal: Snapshot;
  derived: DerivedFacts;
}
