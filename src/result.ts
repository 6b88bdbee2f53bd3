/**
 * The evaluation result: the contract's fixed fields plus the explanation of each number.
 *
 * Results are compact by default: ids, ratings, reason and finding codes with their params,
 * contributions, missing item ids with their gain. Titles, signals and message texts are the same
 * for every deal, so they are not repeated in each result: `describe(result, { locale })` resolves
 * them (a `DescribedResult`), as does the option `detail: 'full'` of `evaluate`/`evaluateSync`.
 */
import type { Bilingual } from './packs/schema.js';
import type { Rating } from './snapshot/schema.js';

/** Where a deal stands: steps 1–2 are a lead, 3–4 an opportunity, 5–7 a project; or its outcome. */
export type Milestone = 'lead' | 'opportunity' | 'project' | 'won' | 'lost';

/**
 * Why an item has its rating, as data (code and params); words come from the locale table.
 * - `facts`: a rule of the pack matched the snapshot facts (`params.message` names the pack message;
 *   where that message quotes facts of the deal, their values ride along under the quoted path,
 *   e.g. `params['deal.need.deadline']`)
 * - `evidence`: fresh dated evidence proves it (`signals`, `date`: the newest)
 * - `evidence-partial`: fresh evidence shows fewer signals than the item needs (`signals`, `needed`)
 * - `evidence-against`: dated evidence against us (`date`)
 * - `answer`: the seller's answer, facts being silent
 * - `stale`: the answer or evidence dates from before the staleness window (`date`, `days`)
 * - `unsupported`: a C answer with no supporting fact or evidence (`requireEvidence`)
 * - `nothing-known`: no facts, no evidence, no answer
 * - `same-fact`: nothing of its own; the rating of the item it names in `sameFactAs` (`item`, `rating`)
 */
export type ReasonCode =
  | 'facts'
  | 'evidence'
  | 'evidence-partial'
  | 'evidence-against'
  | 'answer'
  | 'stale'
  | 'unsupported'
  | 'nothing-known'
  | 'same-fact';

/**
 * A reason that is the same for every deal (a rule's observation whose text quotes no fact of the
 * deal, "nothing known", an undated answer) is one object shared by every result; it is frozen:
 * copy it before changing it.
 */
export interface Reason {
  code: ReasonCode;
  params: Record<string, string | number>;
}

/** A reason with its text in the requested locale (`describe`, `detail: 'full'`). */
export interface DescribedReason extends Reason {
  /** The reason in the requested locale. */
  message: string;
}

/** One item's verdict in a result: its rating, where it sits in its pack, why, and what it adds to the logit. */
export interface ItemResult {
  rating: Rating;
  pack: string;
  step: number;
  star: boolean;
  reason: Reason;
  /** Log-odds this item adds to the probability's logit. */
  contribution: number;
  /** Present when a decisive item is W from facts or evidence: the veto part of `contribution` (≤ 0). */
  veto?: number;
  /**
   * Present on an item weighed per level (a categorical feature): the field read, the level it
   * matched and the value found there. With a model that weighs the item per level, `contribution`
   * is that level's weight (0 when no level was read).
   */
  level?: ItemLevel;
}

/**
 * What a categorical feature read (`ItemResult.level`): `custom.incumbent = Other → −0.41` is
 * `{ from: 'custom.incumbent', level: 'Other', value: 'Other' }` with contribution −0.41.
 */
export interface ItemLevel {
  /** The snapshot field the item reads, e.g. `custom.incumbent`. */
  from: string;
  /** The level its matching rule reads (`otherwise` for a value the table does not list); null when none matched: the reference, weighing 0. */
  level: string | null;
  /** The value in the field, where it is a string, number or boolean (booleans as text). */
  value?: string | number;
}

/**
 * An item not rated C, in `missing` order (most urgent first), with what confirming it would gain.
 * Its rating, reason, pack and step are in `items[item]` (a compact result says each once);
 * `describe` and `detail: 'full'` put them here again, with the item's title and signals.
 * @example result.missing[0] // { item: 's2.2', star: true, gain: 0.041 }
 * result.items[result.missing[0].item].rating // 'F'
 */
export interface MissingItem {
  item: string;
  star: boolean;
  /** How much the probability would rise if the item were confirmed (C). */
  gain: number;
}

/** What a finding is about: an answer that contradicts the facts, two packs' answers on one fact that disagree, two methods reading one fact oppositely, a C answer without support, stale evidence, a red flag. */
export type FindingCode = 'contradiction' | 'cross-pack-contradiction' | 'method-disagreement' | 'unsupported' | 'stale' | 'red-flag';

/** A finding as data; a `red-flag` finding's text quotes its item's reason (`items[item].reason`). */
export interface Finding {
  code: FindingCode;
  items: string[];
  params: Record<string, string | number>;
}

/** One step of the seven: whether it applies to the deal (step 6 only with a tender), its C/F/W counts and what holds it. */
export interface StepProgress {
  step: number;
  applies: boolean;
  C: number;
  F: number;
  W: number;
  /** Items that gate the step (its ★ items, or all of them where it has none) and are not C, then decisive items W from facts or evidence. */
  open: string[];
}

/** The deal's stage: the furthest step whose gates all hold, its milestone, and every step's progress. */
export interface Stage {
  step: number;
  milestone: Milestone;
  /** The furthest step with any C item. */
  furthest: number;
  /** The step the snapshot claims (`claimedStep`), where it claims one. */
  claimed?: number;
  steps: StepProgress[];
}

/**
 * The stage on a method's own path (a pack that declares `stages`, e.g. 摧龙六式): the current step
 * is the earliest whose gate (end marker) is not all C; past every gate it is the last step.
 */
export interface PackStage {
  step: number;
  /** How many steps the method has. */
  of: number;
  /** How many steps, from the first, have their end marker reached (every gate item C). */
  passed: number;
  /** Gate items of the current step that are not C (empty once every step is passed). */
  open: string[];
}

/** The MAN class (`M-A-N` … `m-a-n`, upper case where the item is C) and the source's action for it. */
export interface ManResult {
  class: string;
  action: Bilingual;
}

/** One deal's evaluation, compact (the default of `evaluateSync` and `evaluate`): data only, texts by `describe`. */
export interface Result {
  ok: true;
  id: string;
  asOf: string;
  stage: Stage;
  probability: number;
  /** The log-odds: `intercept` plus every item's contribution. */
  logit: number;
  /** The model's intercept: the log-odds of a deal with every item W (and no red flag). */
  intercept: number;
  items: Record<string, ItemResult>;
  missing: MissingItem[];
  findings: Finding[];
  man?: ManResult;
  /**
   * The stage on each evaluated method that has a path of its own (packs declaring `stages`), by
   * pack id; the seven-step stage stays in `stage`. Present only when such a pack is evaluated.
   */
  stages?: Record<string, PackStage>;
}

/** An item verdict with its reason's text. */
export interface DescribedItemResult extends ItemResult {
  reason: DescribedReason;
  /** A categorical feature's level with its text: `custom.incumbent = Other → −0.41`. */
  level?: DescribedItemLevel;
}

/** A categorical feature's level with its text in the requested locale. */
export interface DescribedItemLevel extends ItemLevel {
  message: string;
}

/** A missing item with its reason's text, the item's title and the source's signals that would prove it. */
export interface DescribedMissingItem {
  item: string;
  pack: string;
  star: boolean;
  step: number;
  rating: Rating;
  /** The item's title (the source text and our translation). */
  title: Bilingual;
  reason: DescribedReason;
  /** The source's signals: ways to prove the item. */
  signals: { n: number; zh: string; en: string }[];
  gain: number;
}

/** A finding with its text in the requested locale. */
export interface DescribedFinding extends Finding {
  message: string;
}

/**
 * A result with its texts: every reason's and finding's message in one locale, and each missing
 * item's title and signals (`describe`, or `detail: 'full'`). A `red-flag` finding's params also
 * carry `reason`, its item's reason text.
 */
export interface DescribedResult extends Omit<Result, 'items' | 'missing' | 'findings'> {
  items: Record<string, DescribedItemResult>;
  missing: DescribedMissingItem[];
  findings: DescribedFinding[];
}
