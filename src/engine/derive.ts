/**
 * Facts derived from a snapshot: counts and flags over its lists and dates, so that rules stay
 * plain comparisons. Pure: everything depends on the snapshot and the evaluation context only.
 */
import { differenceInCalendarDays, parseISO } from 'date-fns';
import type { Snapshot, Stakeholder } from '../snapshot/schema.js';

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

const count = <T>(list: readonly T[], test: (x: T) => boolean): number => list.reduce((n, x) => (test(x) ? n + 1 : n), 0);
const isDecider = (s: Stakeholder) => s.role !== undefined && DECIDERS.has(s.role);
const profiled = (s: Stakeholder) => !!(s.role && s.personality && s.contact && s.stance);

/** Whether the buyer runs a formal tender: government or state-owned buyers, or a tender fact. */
export function runsTender(snapshot: Snapshot): boolean {
  if (snapshot.procurement?.tender !== undefined) return snapshot.procurement.tender;
  const segment = snapshot.customer?.segment;
  return segment === 'government' || segment === 'state-owned';
}

function stakeholderFacts(people: readonly Stakeholder[]) {
  const deciders = people.filter(isDecider);
  const chain = people.filter((s) => s.role !== undefined && CHAIN.has(s.role));
  const finalSay = people.filter((s) => s.role === 'final-say');
  const coaches = people.filter((s) => s.coach === true);
  const friendly = (s: Stakeholder) => s.stance !== undefined && FRIENDLY.has(s.stance);
  const inContact = (s: Stakeholder) => s.contact !== undefined && IN_CONTACT.has(s.contact);
  const endorsing = count(chain, (s) => s.endorsesTech === true || (s.endorsesTech === undefined && friendly(s)));
  return {
    count: people.length,
    profiled: count(people, profiled),
    unprofiled: count(people, (s) => !profiled(s)),
    finalSay: finalSay.length,
    deciders: deciders.length,
    decidersInContact: count(deciders, (s) => inContact(s) && s.stance !== 'enemy' && s.backsCompetitor !== true),
    decidersHostile: count(deciders, (s) => s.stance === 'enemy' || s.backsCompetitor === true),
    decidersUnsupportive: count(deciders, (s) => s.stance === 'unsupportive'),
    othersBackingCompetitor: count(people, (s) => !isDecider(s) && (s.backsCompetitor === true || s.stance === 'enemy')),
    finalSaySupportive: count(finalSay, friendly),
    finalSayNeutral: count(finalSay, (s) => s.stance === 'neutral'),
    finalSayAgainst: count(finalSay, (s) => s.stance !== undefined && HOSTILE.has(s.stance)),
    chain: chain.length,
    chainEndorsing: endorsing,
    /** A strict majority of the decision chain endorses our technical direction (s3.5 signal 2). */
    chainMajorityEndorses: chain.length > 0 && endorsing * 2 > chain.length,
    chainAgainst: count(chain, (s) => s.endorsesTech === false || (s.stance !== undefined && HOSTILE.has(s.stance))),
    evaluatorsEndorsing: count(chain, (s) => s.role === 'evaluator' && (s.endorsesTech === true || friendly(s))),
    relationships: count(people, (s) => inContact(s) && friendly(s)),
    coaches: coaches.length,
    coachesTrusted: count(coaches, (s) => inContact(s) && friendly(s)),
    coachesSharing: count(coaches, (s) => s.sharesInfo === true),
    coachesWithholding: count(coaches, (s) => s.sharesInfo === false),
    helpingDeciders: count(deciders, (s) => s.helpsUs === true),
    helpingOthers: count(people, (s) => !isDecider(s) && s.helpsUs === true),
  };
}

/**
 * The derived facts of a snapshot, read by rules as the fact `derived`.
 * @example deriveFacts({ id: 'D-1', need: { problems: ['VPN'] } }, { asOf: '2026-11-01', horizonDays: 180 }).need.problems // 1
 */
export function deriveFacts(snapshot: Snapshot, context: DeriveContext) {
  const asOf = parseISO(context.asOf);
  const need = snapshot.need ?? {};
  const technical = snapshot.technical ?? {};
  const people = snapshot.stakeholders ?? [];
  const competitors = snapshot.competitors ?? [];
  const channels = snapshot.channels ?? [];
  const primary = competitors.filter((c) => c.primary === true);
  const deciderNames = new Set(people.filter(isDecider).map((s) => s.name));
  const deadlineDays = need.deadline === undefined ? undefined : differenceInCalendarDays(parseISO(need.deadline), asOf);
  const concerns = technical.concerns ?? [];
  const products = need.products ?? [];
  return {
    tender: runsTender(snapshot),
    productLines: snapshot.productLines?.length ?? 0,
    need: {
      problems: need.problems?.length ?? 0,
      deadlineDaysAhead: deadlineDays,
      deadlinePassed: deadlineDays !== undefined && deadlineDays < 0,
      deadlineInHorizon: deadlineDays !== undefined && deadlineDays >= 0 && deadlineDays <= context.horizonDays,
      deadlineReason: (need.deadlineReason ?? '').trim() !== '',
      products: products.length,
      productsSpecified: count(products, (p) => p.model !== undefined && p.model.trim() !== '' && p.quantity !== undefined),
    },
    funding: {
      breakdown: snapshot.funding?.breakdown?.length ?? 0,
      budgetKnown: snapshot.funding?.budget !== undefined,
    },
    technical: {
      visits: technical.visits?.length ?? 0,
      hqVisitsByDeciders: count(technical.visits ?? [], (v) => v.kind === 'hq' && (v.visitors ?? []).some((n) => deciderNames.has(n))),
      barriers: new Set(technical.barriers ?? []).size,
      concerns: concerns.length,
      openConcerns: count(concerns, (c) => c.resolved !== true),
      blockingConcerns: count(concerns, (c) => c.resolved !== true && c.blocking === true),
    },
    stakeholders: stakeholderFacts(people),
    competitors: {
      count: competitors.length,
      primary: primary.length,
      primaryChannelKnown: count(primary, (c) => (c.channel ?? '').trim() !== ''),
      primarySupportersKnown: count(primary, (c) => c.supporters !== undefined),
    },
    channels: {
      count: channels.length,
      trustedWithUs: count(channels, (c) => c.trustedByTop === true && c.worksWithUs === true),
      withUs: count(channels, (c) => c.worksWithUs === true),
      trustedAgainstUs: count(channels, (c) => c.trustedByTop === true && (c.worksWithUs === false || c.relation === 'competitor')),
    },
    contract: {
      stepKnown: (snapshot.contract?.currentStep ?? '').trim() !== '',
      handlerKnown: (snapshot.contract?.handler ?? '').trim() !== '',
    },
    procurement: {
      /** The tender agency is named (s6.2): rules cannot test a string's presence with the default operators. */
      agencyKnown: (snapshot.procurement?.agency ?? '').trim() !== '',
    },
  };
}

export type DerivedFacts = ReturnType<typeof deriveFacts>;

/** What rules read: the parsed snapshot as `deal`, the derived facts as `derived`. */
export interface RuleFacts {
  deal: Snapshot;
  derived: DerivedFacts;
}
