/** The evaluation result: the contract's fixed fields plus the explanation of each number. */
import type { Bilingual } from './packs/schema.js';
import type { Rating } from './snapshot/schema.js';

export type Milestone = 'lead' | 'opportunity' | 'project' | 'won' | 'lost';

/**
 * Why an item has its rating, as data (code and params); words come from the locale table.
 * - `facts`: a rule of the pack matched the snapshot facts (`params.message` names the pack message)
 * - `evidence`: fresh dated evidence proves it (`signals`, `date`: the newest)
 * - `evidence-partial`: fresh evidence shows fewer signals than the item needs (`signals`, `needed`)
 * - `evidence-against`: dated evidence against us (`date`)
 * - `answer`: the seller's answer, facts being silent
 * - `stale`: the answer or evidence dates from before the staleness window (`date`, `days`)
 * - `unsupported`: a C answer with no supporting fact or evidence (`requireEvidence`)
 * - `nothing-known`: no facts, no evidence, no answer
 */
export type ReasonCode =
  | 'facts'
  | 'evidence'
  | 'evidence-partial'
  | 'evidence-against'
  | 'answer'
  | 'stale'
  | 'unsupported'
  | 'nothing-known';

/**
 * A reason that is the same for every deal (a rule's observation whose text quotes no fact of the
 * deal, "nothing known", an undated answer) is one object shared by every result, as the pack's
 * `title` and `signals` are; it is frozen: copy it before changing it.
 */
export interface Reason {
  code: ReasonCode;
  params: Record<string, string | number>;
  /** The reason in the requested locale. */
  message: string;
}

export interface ItemResult {
  rating: Rating;
  pack: string;
  step: number;
  star: boolean;
  reason: Reason;
  /** Log-odds this item adds to the probability's logit. */
  contribution: number;
}

export interface MissingItem {
  item: string;
  pack: string;
  star: boolean;
  step: number;
  rating: Rating;
  title: Bilingual;
  reason: Reason;
  /** The source's signals: ways to prove the item. */
  signals: { n: number; zh: string; en: string }[];
  /** How much the probability would rise if the item were confirmed (C). */
  gain: number;
}

export type FindingCode = 'contradiction' | 'cross-pack-contradiction' | 'method-disagreement' | 'unsupported' | 'stale' | 'red-flag';

export interface Finding {
  code: FindingCode;
  items: string[];
  params: Record<string, string | number>;
  message: string;
}

export interface StepProgress {
  step: number;
  applies: boolean;
  C: number;
  F: number;
  W: number;
  /** Items that gate the step (its ★ items, or all of them where it has none) and are not C. */
  open: string[];
}

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

export interface ManResult {
  class: string;
  action: Bilingual;
}

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
