/**
 * An evaluation plan: the packs of one `packs` option, laid out once for assembly and reused for
 * every deal — the items of all packs in order, the seven-step gates per step, where the milestone
 * and the MAN class read their ratings, the pairs of items that share a fact, and the model's
 * weights per item. Assembly then works on arrays by position instead of looking items up by id.
 */
import type { Item } from '../packs/schema.js';
import type { PreparedPack } from '../packs/prepare.js';
import { isRedFlagItem, priorModel, type ItemWeights, type Model } from '../model/prior.js';
import { STEPS, stepApplies } from './stage.js';

export const SEVEN_STEP = 'sangfor-7step';
const hasOwn = Object.prototype.hasOwnProperty;

export interface PlanPack {
  prepared: PreparedPack;
  /** False for the seven-step pack when it is evaluated only for the stage. */
  reported: boolean;
}

export interface PlannedItem {
  item: Item;
  pack: PreparedPack;
  /** The pack's index in `Plan.packs`, and the item's in its pack: `matches[packIndex][index]` is its first matching rule. */
  packIndex: number;
  index: number;
  reported: boolean;
  /** A seven-step item of step 6: it applies only where the buyer runs a formal tender. */
  tenderOnly: boolean;
}

export interface StepPlan {
  step: number;
  /** Positions (in `Plan.items`) of the step's seven-step items. */
  own: readonly number[];
  /** The gate: the step's ★ items, or all its items where it has none. */
  gate: readonly number[];
  /** The step's decisive items: a W from facts or evidence gates the step too. */
  decisive: readonly number[];
}

/** A method's own stage path (a reported pack declaring `stages`): its gates by item position. */
export interface PackStagePlan {
  pack: string;
  /** Per step, in order, the positions of its gate items. */
  gates: readonly (readonly number[])[];
}

/** A model laid out by item position. */
export interface PlannedWeights {
  model: Model;
  /** Per position: the item's weights, or undefined where it does not count (not reported, not applying, not in the model). */
  byPosition: readonly (ItemWeights | undefined)[];
}

/** Weights for deals without and with a formal tender (step 6 counts only with one). */
type ByTender = readonly [PlannedWeights, PlannedWeights];

export interface Plan {
  packs: readonly PlanPack[];
  items: readonly PlannedItem[];
  /** Positions of the reported items, in order. */
  reported: readonly number[];
  /**
   * The reported positions by step, ★ first within a step, then in pack and file order: missing
   * items are listed in this order within each urgency group.
   */
  byStep: readonly number[];
  steps: readonly StepPlan[];
  /**
   * Whether a pack of the plan reads the facts of the other methods (`derived.people`,
   * `derived.registration`, src/engine/derive-methods.ts) in a rule or a message; without one, they
   * are not derived.
   */
  methodFacts: boolean;
  /** Per step (index step − 1): whether the item at a position is in that step's gate. */
  gating: readonly (readonly boolean[])[];
  /** Positions of s1.3 and s2.3 (milestones), -1 where absent. */
  opportunity: number;
  project: number;
  /** The stage paths of reported packs that declare `stages`, in pack order. */
  packStages: readonly PackStagePlan[];
  /** Positions of man.money, man.authority, man.need where all three are reported. */
  man?: readonly [number, number, number];
  /**
   * Every reported item's id as a key (value null), in result order. A result's `items` starts as a
   * copy, which V8 makes from one fast-mode template far quicker than adding 40-odd keys one by one
   * (JSON.parse builds it in fast mode; keyed stores would make it a dictionary).
   */
  itemsTemplate: Readonly<Record<string, null>>;
  /** Positions of the items with each id (ids may repeat across packs). */
  positionsOf: ReadonlyMap<string, readonly number[]>;
  /**
   * Per position, the positions of the reported items it shares a fact with (`sameFactAs`); undefined
   * for an item that shares none or is not reported.
   */
  sameFact: readonly (readonly number[] | undefined)[];
  /**
   * Per position of an item of another pack that names seven-step items in `sameFactAs`: their
   * positions. With nothing of its own, the item takes their rating (one fact, one answer); where it
   * names several (摧龙六式's 能否赢 reads s1.4, s3.2 and s3.3), the lowest of those that know something.
   */
  inherits: ReadonlyMap<number, readonly number[]>;
  /** Per position: the item is decisive (`decisive`). */
  decisive: readonly boolean[];
  /** Per position: a W from facts or evidence is a red flag (risk, `redFlag` or decisive items). */
  redFlag: readonly boolean[];
  /** The method-based prior for these items (computed once). */
  prior: ByTender;
  /** User models laid out once per model object (a model is treated as immutable once passed). */
  models: WeakMap<Model, ByTender>;
  /** The method-based prior over the observable items only, per tender case. */
  priorOver: (observable: ReadonlySet<string>, tender: boolean) => Model;
  /** Those priors laid out once per observable set (a set is treated as immutable once passed). */
  observablePriors: WeakMap<ReadonlySet<string>, ByTender>;
}

const METHOD_FACTS = /\$\.(people|registration)\b|\bderived\.(people|registration)\b/;

/**
 * Whether a pack reads the other methods' derived facts anywhere: a rule's or a named condition's
 * path (`$.people.keyTop`), or a message placeholder (`{derived.people.keyTop}`). Paths are plain
 * dotted member paths (PATH_PATTERN), so a match on the pack's JSON text cannot miss one; a `deal`
 * path of the same name only makes the facts be derived for nothing.
 */
function readsMethodFacts(pack: PreparedPack['pack']): boolean {
  return METHOD_FACTS.test(JSON.stringify([pack.items, pack.conditions ?? null, pack.messages]));
}

/** Whether the item at a position applies to a deal. */
export const applies = (planned: PlannedItem, tender: boolean): boolean => !planned.tenderOnly || tender;

function layOut(items: readonly PlannedItem[], model: Model, tender: boolean): PlannedWeights {
  const weightOf = (id: string) => (hasOwn.call(model.weights, id) ? model.weights[id] : undefined); // own keys only
  return { model, byPosition: items.map((p) => (p.reported && applies(p, tender) ? weightOf(p.item.id) : undefined)) };
}

const byTender = (items: readonly PlannedItem[], model: (tender: boolean) => Model): ByTender => [
  layOut(items, model(false), false),
  layOut(items, model(true), true),
];

/**
 * The plan of a pack list (built-in packs first; the seven-step pack is added unreported when absent).
 * @example planPacks([{ prepared: preparePack(builtinPack('man')), reported: true }])
 */
export function planPacks(packs: readonly PlanPack[]): Plan {
  const items: PlannedItem[] = [];
  packs.forEach(({ prepared, reported }, packIndex) => {
    const sevenStep = prepared.pack.id === SEVEN_STEP;
    prepared.items.forEach((item, index) => items.push({ item, pack: prepared, packIndex, index, reported, tenderOnly: sevenStep && !stepApplies(item.step, false) }));
  });
  const positions = (test: (p: PlannedItem) => boolean) => items.flatMap((p, i) => (test(p) ? [i] : []));
  const sevenStep = packs.find((p) => p.prepared.pack.id === SEVEN_STEP)?.prepared;
  const steps = STEPS.map((step) => {
    const own = positions((p) => p.pack === sevenStep && p.item.step === step);
    const stars = own.filter((i) => items[i]!.item.star);
    return { step, own, gate: stars.length > 0 ? stars : own, decisive: own.filter((i) => items[i]!.item.decisive) };
  });
  const reported = positions((p) => p.reported);
  const byStep = [...reported].sort((a, b) => items[a]!.item.step - items[b]!.item.step || Number(items[b]!.item.star) - Number(items[a]!.item.star) || a - b);
  // Ids resolve as a map from id to the last item with that id, as results key items by id.
  const lastById = new Map(reported.map((i) => [items[i]!.item.id, i]));
  const sevenStepPosition = (id: string) => items.findIndex((p) => p.pack === sevenStep && p.item.id === id);
  const man = ['man.money', 'man.authority', 'man.need'].map((id) => lastById.get(id));
  const sameFact = new Array<number[] | undefined>(items.length).fill(undefined);
  for (const i of reported) {
    const partners = items[i]!.item.sameFactAs.flatMap((id) => (lastById.has(id) ? [lastById.get(id)!] : []));
    if (partners.length > 0) sameFact[i] = partners;
  }
  const inherits = new Map<number, number[]>();
  items.forEach((p, i) => {
    if (p.pack === sevenStep) return;
    const named = p.item.sameFactAs.map(sevenStepPosition).filter((position) => position >= 0);
    if (named.length > 0) inherits.set(i, named);
  });
  const positionsOf = new Map<string, number[]>();
  items.forEach((p, i) => positionsOf.set(p.item.id, [...(positionsOf.get(p.item.id) ?? []), i]));
  const itemsTemplate = JSON.parse(JSON.stringify(Object.fromEntries(reported.map((i) => [items[i]!.item.id, null])))) as Record<string, null>;
  const counted = reported.map((i) => items[i]!);
  const packStages = packs.flatMap(({ prepared, reported }) => {
    const stages = prepared.pack.stages;
    if (!reported || !stages) return [];
    const own = (id: string) => items.findIndex((p) => p.pack === prepared && p.item.id === id);
    return [{ pack: prepared.pack.id, gates: stages.map((stage) => stage.gate.map(own)) }];
  });
  const prior = (tender: boolean) => priorModel(counted.map((p) => p.item), (item) => applies(counted.find((p) => p.item === item)!, tender));
  const priorOver = (observable: ReadonlySet<string>, tender: boolean) =>
    priorModel(counted.map((p) => p.item), (item) => observable.has(item.id) && applies(counted.find((p) => p.item === item)!, tender));
  return {
    packs,
    items,
    reported,
    byStep,
    steps,
    methodFacts: packs.some(({ prepared }) => readsMethodFacts(prepared.pack)),
    gating: steps.map(({ gate }) => items.map((_, i) => gate.includes(i))),
    opportunity: sevenStepPosition('s1.3'),
    project: sevenStepPosition('s2.3'),
    packStages,
    ...(man.every((i) => i !== undefined) ? { man: man as [number, number, number] } : {}),
    itemsTemplate,
    positionsOf,
    sameFact,
    inherits,
    decisive: items.map((p) => p.item.decisive),
    redFlag: items.map((p) => isRedFlagItem(p.item)),
    prior: byTender(items, prior),
    models: new WeakMap(),
    priorOver,
    observablePriors: new WeakMap(),
  };
}

/** The weights for a deal: the given model's, or the method-based prior's (over the observable items, where given). */
export function plannedWeights(plan: Plan, model: Model | undefined, tender: boolean, observable?: ReadonlySet<string>): PlannedWeights {
  if (!model && observable) {
    let planned = plan.observablePriors.get(observable);
    if (!planned) plan.observablePriors.set(observable, (planned = byTender(plan.items, (t) => plan.priorOver(observable, t))));
    return planned[tender ? 1 : 0];
  }
  if (!model) return plan.prior[tender ? 1 : 0];
  let planned = plan.models.get(model);
  if (!planned) plan.models.set(model, (planned = byTender(plan.items, () => model)));
  return planned[tender ? 1 : 0];
}
