/**
 * The deal's stage on the seven-step path. Choices (docs/rating.md):
 * - a step's gate is its ★ items; a step with no ★ item (6 and 7) is gated by all its items;
 * - a decisive item W from facts or evidence gates its step like a ★ item (seed 002: every key
 *   person must agree), so the deal is held no further than that step;
 * - step 6 (tender guidance) applies only where the buyer runs a formal tender;
 * - the current step is the earliest applicable step whose gate is not all C; past the last gate, 7;
 * - milestones: outcome won/lost wins; else s1.3 C → opportunity (商机), and with s2.3 C as well →
 *   project (项目 = 商机 + 已立项 + 资金已到位, as the source defines it: a funded budget line with no
 *   need or amount behind it is not yet a project); else lead.
 */
import type { Item } from '../packs/schema.js';
import type { Milestone, PackStage, Stage, StepProgress } from '../result.js';
import type { Rating, Snapshot } from '../snapshot/schema.js';

export const STEPS = [1, 2, 3, 4, 5, 6, 7] as const;

/** Whether an item of the seven-step pack applies to this deal (step 6 only for tender buyers). */
export const stepApplies = (step: number, tender: boolean): boolean => step !== 6 || tender;

/** What the stage reads from a plan: the steps' items and the milestone items, by position. */
export interface StagePlan {
  items: readonly { item: Item }[];
  steps: readonly { step: number; own: readonly number[]; gate: readonly number[]; decisive: readonly number[] }[];
  /** Positions of s1.3 and s2.3, -1 where absent. */
  opportunity: number;
  project: number;
}

/**
 * The stage of a deal from its seven-step ratings (`ratings[position]`, as laid out by the plan);
 * `against[position]`: the W comes from facts or evidence (a decisive item's W then gates its step).
 * @example stageOf(plan, ratings, false, undefined).step // 1 when s1.1 is not C
 */
export function stageOf(
  plan: StagePlan,
  ratings: readonly Rating[],
  tender: boolean,
  outcome: Snapshot['outcome'],
  claimed?: number,
  against?: readonly boolean[],
): Stage {
  const steps: StepProgress[] = [];
  let holding = 0;
  let furthest = 0;
  for (const { step, own, gate, decisive } of plan.steps) {
    let C = 0;
    let F = 0;
    let W = 0;
    for (const i of own) {
      const rating = ratings[i];
      if (rating === 'C') C++;
      else if (rating === 'F') F++;
      else W++;
    }
    const open: string[] = [];
    for (const i of gate) if (ratings[i] !== 'C') open.push(plan.items[i]!.item.id);
    if (against) for (const i of decisive) if (against[i] && !gate.includes(i)) open.push(plan.items[i]!.item.id);
    const applies = stepApplies(step, tender);
    if (applies && holding === 0 && open.length > 0) holding = step;
    if (applies && C > 0) furthest = step;
    steps.push({ step, applies, C, F, W, open });
  }
  const milestone = milestoneOf(ratings[plan.opportunity], ratings[plan.project], outcome);
  return { step: holding || 7, milestone, furthest, ...(claimed === undefined ? {} : { claimed }), steps };
}

/**
 * @example milestoneOf('C', 'W', 'open') // 'opportunity'
 */
export function milestoneOf(opportunity: Rating | undefined, project: Rating | undefined, outcome: Snapshot['outcome']): Milestone {
  if (outcome === 'won' || outcome === 'lost') return outcome;
  if (opportunity !== 'C') return 'lead';
  return project === 'C' ? 'project' : 'opportunity';
}

/**
 * The stage on a method's own path: the earliest step whose gate is not all C (its end marker not
 * reached); past every gate, the last step. `gates[k]` are the positions of step k+1's gate items.
 * @example packStageOf([[0], [1]], ['C', 'F'], (i) => ['a', 'b'][i]) // { step: 2, of: 2, passed: 1, open: ['b'] }
 */
export function packStageOf(gates: readonly (readonly number[])[], ratings: readonly Rating[], idOf: (position: number) => string): PackStage {
  let passed = 0;
  while (passed < gates.length && gates[passed]!.every((i) => ratings[i] === 'C')) passed++;
  const current = Math.min(passed, gates.length - 1);
  const open = passed === gates.length ? [] : gates[current]!.filter((i) => ratings[i] !== 'C').map(idOf);
  return { step: current + 1, of: gates.length, passed, open };
}
