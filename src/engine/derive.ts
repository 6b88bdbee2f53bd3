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
}

const DECIDERS = new Set(['final-say', 'decision-maker']);
const CHAIN = new Set(['final-say', 'decision-maker', 'evaluator']);
const IN_CONTACT = new Set(['frequent', 'close']);
const FRIENDLY = new Set(['mentor', 'supporter']);
const HOSTILE = new Set(['unsupportive', 'enemy']);

const isDecider = (s: Stakeholder) => s.role !== undefined && DECIDERS.has(s.role);
const profiled = (s: Stakeholder) => !!(s.role && s.personality && s.contact && s.stance);
const hasText = (text: string | undefined) => text !== undefined && text.trim() !== '';

/** Whether the buyer runs a formal tender: government or state-owned buyers, or a tender fact. */
export function runsTender(snapshot: Snapshot): boolean {
  if (snapshot.procurement?.tender !== undefined) return snapshot.procurement.tender;
  const segment = snapshot.customer?.segment;
  return segment === 'government' || segment === 'state-owned';
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
    othersBackingCompetitor: 0,
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
    if (profiled(s)) f.profiled++;
    else f.unprofiled++;
    if (inContact && friendly) f.relationships++;
    if (decider) {
      f.deciders++;
      if (inContact && s.stance !== 'enemy' && s.backsCompetitor !== true) f.decidersInContact++;
      if (s.stance === 'enemy' || s.backsCompetitor === true) f.decidersHostile++;
      if (s.stance === 'unsupportive') f.decidersUnsupportive++;
      if (s.helpsUs === true) f.helpingDeciders++;
    } else {
      if (s.backsCompetitor === true || s.stance === 'enemy') f.othersBackingCompetitor++;
      if (s.helpsUs === true) f.helpingOthers++;
    }
    if (s.role === 'final-say') {
      f.finalSay++;
      if (friendly) f.finalSaySupportive++;
      if (s.stance === 'neutral') f.finalSayNeutral++;
      if (hostile) f.finalSayAgainst++;
    }
    if (s.role !== undefined && CHAIN.has(s.role)) {
      f.chain++;
      if (s.endorsesTech === true || (s.endorsesTech === undefined && friendly)) f.chainEndorsing++;
      if (s.endorsesTech === false || hostile) f.chainAgainst++;
      if (s.role === 'evaluator' && (s.endorsesTech === true || friendly)) f.evaluatorsEndorsing++;
    }
    if (s.coach === true) {
      f.coaches++;
      if (inContact && friendly) f.coachesTrusted++;
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
    ...methodFacts(snapshot),
  };
}

export type DerivedFacts = ReturnType<typeof deriveFacts>;

/** What rules read: the parsed snapshot as `deal`, the derived facts as `derived`. */
export interface RuleFacts {
  deal: Snapshot;
  derived: DerivedFacts;
}
