/**
 * The built-in packs' rules written by hand in plain JavaScript: the speed a programmer gets
 * without a rule engine. Per item, the index of the first rule (in trial order) whose conditions
 * hold, or -1 — the same contract as the engines' matchers, so the bench can feed it to the same
 * assembly and check it gives the same ratings as the compiled engine on every deal.
 *
 * Keep in step with rules/: the bench stops with the first deal where this disagrees.
 */

const num = (x) => typeof x === 'number';

/** rules/sangfor-7step, items s1.1 … s7.2 in pack order. */
export function matchSevenStep(deal, d) {
  const need = deal.need;
  const funding = deal.funding;
  const technical = deal.technical;
  const procurement = deal.procurement;
  const commercial = deal.commercial;
  const contract = deal.contract;
  const s = d.stakeholders;
  const approval = funding?.approval;
  const budgetInPlace = funding?.budgetInPlace;
  const projectApproved = approval === 'approved';
  const projectRejected = approval === 'rejected';
  const inPlace = budgetInPlace === true;
  const notInPlace = budgetInPlace === false;
  const requirementsMet = technical?.requirementsMet;
  const lockIn = technical?.lockIn;
  const ahead = d.need.deadlineDaysAhead;
  const amountKnown = num(deal.amount) && deal.amount > 0;
  const lines = d.productLines >= 1;
  const mapped = need?.networkMapped;
  const installed = need?.installedBaseKnown;
  const process = procurement?.processKnown;
  const history = procurement?.historyKnown;
  const raisedBy = need?.raisedBy;
  const standard = technical?.standardAdopted;
  const edge = technical?.edgeAcknowledged;
  const trial = technical?.trial;
  const model = commercial?.modelAccepted;
  const terms = commercial?.terms;
  const specs = procurement?.specsInfluenced;
  const schedule = procurement?.scheduleKnown;
  const agency = d.procurement.agencyKnown;
  const status = contract?.status;
  const concerns = technical?.concerns;
  return [
    // s1.1
    d.need.problems >= 1 ? 0 : -1,
    // s1.2
    d.need.deadlinePassed === true ? 0 : num(ahead) && ahead >= 0 && d.need.deadlineReason === true ? 1 : num(ahead) && ahead >= 0 ? 2 : d.need.deadlineReason === true ? 3 : -1,
    // s1.3
    d.need.problems >= 1 && amountKnown && lines ? 0 : amountKnown && lines ? 1 : amountKnown || lines ? 2 : -1,
    // s1.4
    lockIn === false && (d.competitors.count >= 1 || need?.alternatives === true) ? 0 : lockIn === true ? 1 : lockIn === false ? 2 : -1,
    // s1.5
    raisedBy === 'top' ? 0 : raisedBy === 'user' && projectApproved && inPlace ? 1 : raisedBy === 'user' ? 2 : -1,
    // s1.6
    d.need.productsSpecified >= 1 && d.need.productsSpecified === d.need.products ? 0 : d.need.products >= 1 ? 1 : -1,
    // s1.7
    mapped === false && installed === false ? 0 : mapped === true && installed === true ? 1 : mapped === true || installed === true ? 2 : -1,
    // s2.1
    projectRejected ? 0 : projectApproved ? 1 : approval === 'pending' ? 2 : -1,
    // s2.2
    notInPlace ? 0 : inPlace && ['own', 'third-party', 'government', 'mixed'].indexOf(funding?.source) > -1 ? 1 : inPlace ? 2 : -1,
    // s2.3
    projectRejected || notInPlace ? 0 : projectApproved && inPlace ? 1 : projectApproved || inPlace ? 2 : -1,
    // s2.4
    d.funding.breakdown >= 2 ? 0 : d.funding.breakdown === 1 || d.funding.budgetKnown === true ? 1 : -1,
    // s3.1
    requirementsMet === false ? 0 : requirementsMet === true && standard === true ? 1 : requirementsMet === true || standard === true ? 2 : -1,
    // s3.2
    edge === false ? 0 : edge === true ? 1 : -1,
    // s3.3
    trial === 'lost' ? 0 : trial === 'won' ? 1 : trial === 'tie' || trial === 'running' ? 2 : -1,
    // s3.4
    d.technical.hqVisitsByDeciders >= 1 ? 0 : d.technical.visits >= 1 ? 1 : -1,
    // s3.5
    s.chainAgainst > s.chainEndorsing ? 0 : s.chainMajorityEndorses === true && s.evaluatorsEndorsing >= 1 ? 1 : s.chainEndorsing >= 1 ? 2 : -1,
    // s3.6
    d.competitors.primary >= 1 ? 0 : d.competitors.noneChecked === true ? 1 : d.competitors.count >= 1 ? 2 : -1,
    // s3.7
    d.competitors.primarySupportersKnown >= 1 ? 0 : -1,
    // s3.8
    d.technical.barriers >= 2 ? 0 : d.technical.barriers === 1 ? 1 : -1,
    // s3.9
    d.technical.blockingConcerns >= 1
      ? 0
      : requirementsMet === false
        ? 1
        : d.technical.openConcerns >= 1
          ? 2
          : d.technical.concerns >= 1 && d.technical.openConcerns === 0
            ? 3
            : Array.isArray(concerns) && concerns.indexOf(null) === -1 && d.technical.concerns === 0 && requirementsMet === true
              ? 4
              : -1,
    // s4.1
    s.finalSay >= 1 && s.unprofiled === 0 && s.count >= 2 ? 0 : s.count >= 1 ? 1 : -1,
    // s4.2
    s.coachesTrusted >= 1 ? 0 : s.coachesWithholding >= 1 ? 1 : s.coaches >= 1 ? 2 : -1,
    // s4.3
    process === false && history === false ? 0 : process === true && history === true ? 1 : process === true || history === true ? 2 : -1,
    // s4.4
    d.channels.count >= 1 ? 0 : -1,
    // s4.5
    d.competitors.primaryChannelKnown >= 1 && d.competitors.primarySupportersKnown >= 1
      ? 0
      : d.competitors.noneChecked === true
        ? 1
        : d.competitors.primaryChannelKnown >= 1 || d.competitors.primarySupportersKnown >= 1
          ? 2
          : -1,
    // s5.1
    s.chainRelationships >= 2 ? 0 : s.chainRelationships === 1 ? 1 : s.relationships >= 1 ? 2 : -1,
    // s5.2
    s.coachesWithholding >= 1 && s.coachesSharing === 0 ? 0 : s.coachesSharing >= 1 ? 1 : s.coaches >= 1 ? 2 : -1,
    // s5.3
    model === false ? 0 : model === true ? 1 : commercial?.specsFromUs === true ? 2 : -1,
    // s5.4
    s.chainBackingCompetitor >= 1
      ? 0
      : s.decidersAgainst >= 1
        ? 1
        : s.chainWorkingAgainstUs >= 1
          ? 2
          : s.usersBackingCompetitor >= 1 || s.workingAgainstUs >= 1
            ? 3
            : s.deciders >= 1 && s.unprofiled === 0
              ? 4
              : -1,
    // s5.5
    s.helpingDeciders >= 1 ? 0 : s.helpingOthers >= 1 ? 1 : -1,
    // s5.6
    d.channels.trustedAgainstUs >= 1 ? 0 : d.channels.trustedWithUs >= 1 ? 1 : d.channels.withUs >= 1 ? 2 : -1,
    // s5.7
    s.finalSayAgainst >= 1 ? 0 : s.finalSaySupportive >= 1 ? 1 : s.finalSayNeutral >= 1 ? 2 : -1,
    // s5.8
    terms === 'rejected' ? 0 : terms === 'accepted' ? 1 : terms === 'negotiating' ? 2 : -1,
    // s6.1
    specs === 'competitor' ? 0 : specs === 'no' ? 1 : specs === 'yes' ? 2 : specs === 'partly' ? 3 : -1,
    // s6.2
    schedule === true && agency === true ? 0 : schedule === true || agency === true ? 1 : -1,
    // s7.1
    d.contract.stepKnown === true && d.contract.handlerKnown === true ? 0 : d.contract.stepKnown === true || d.contract.handlerKnown === true ? 1 : -1,
    // s7.2
    status === 'signed' ? 0 : status === 'drafting' || status === 'approving' ? 1 : -1,
  ];
}

const needSourceKnown = (deal, d) => {
  const raisedBy = deal.need?.raisedBy;
  const ahead = d.need.deadlineDaysAhead;
  return raisedBy === 'top' || raisedBy === 'user' || d.need.deadlinePassed === true || (num(ahead) && ahead >= 0);
};

/** rules/man: man.money, man.authority, man.need. */
export function matchMan(deal, d) {
  const funding = deal.funding;
  const s = d.stakeholders;
  const source = needSourceKnown(deal, d);
  return [
    funding?.budgetInPlace === false ? 0 : funding?.approval === 'rejected' ? 1 : funding?.budgetInPlace === true ? 2 : funding?.approval === 'approved' ? 3 : d.funding.budgetKnown === true ? 4 : -1,
    s.finalSayAgainst >= 1 ? 0 : s.deciders >= 1 && s.decidersHostile >= 1 && s.decidersInContact === 0 ? 1 : s.decidersInContact >= 1 ? 2 : s.deciders >= 1 ? 3 : -1,
    d.need.problems >= 1 && source ? 0 : d.need.problems >= 1 ? 1 : source ? 2 : -1,
  ];
}

/** rules/bant: bant.budget, bant.authority, bant.need, bant.timeline. */
export function matchBant(deal, d) {
  const funding = deal.funding;
  const s = d.stakeholders;
  const inPlace = funding?.budgetInPlace === true;
  const budget = funding?.budget;
  const reached = s.decidersInContact >= 1;
  const ahead = d.need.deadlineDaysAhead;
  const deadlineAhead = num(ahead) && ahead >= 0;
  const reason = d.need.deadlineReason;
  const raisedBy = deal.need?.raisedBy;
  return [
    funding?.budgetInPlace === false
      ? 0
      : funding?.approval === 'rejected'
        ? 1
        : num(d.funding.budgetCoverage) && d.funding.budgetCoverage < 0.8
          ? 2
          : inPlace && num(budget) && budget < deal.amount
            ? 3
            : inPlace && d.funding.budgetKnown === true
              ? 4
              : inPlace
                ? 5
                : d.funding.budgetKnown === true
                  ? 6
                  : funding?.approval === 'approved'
                    ? 7
                    : -1,
    s.deciders >= 1 && s.decidersHostile >= 1 && s.decidersInContact === 0
      ? 0
      : s.finalSay >= 1 && s.finalSayAgainst === 0 && reached
        ? 1
        : s.finalSayAgainst >= 1 && reached
          ? 2
          : s.finalSay === 0 && reached
            ? 3
            : s.deciders >= 1
              ? 4
              : -1,
    d.need.problems >= 1 ? 0 : needSourceKnown(deal, d) ? 1 : -1,
    d.need.deadlinePassed === true
      ? 0
      : d.need.deadlineInHorizon === true && reason === true
        ? 1
        : deadlineAhead && d.need.deadlineInHorizon === false && reason === true
          ? 2
          : deadlineAhead && reason === false
            ? 3
            : reason === true
              ? 4
              : d.need.problems >= 1 || raisedBy === 'top' || raisedBy === 'user'
                ? 5
                : -1,
  ];
}

/** Hand-written matchers by pack id. */
export const HANDWRITTEN = { 'sangfor-7step': matchSevenStep, man: matchMan, bant: matchBant };
