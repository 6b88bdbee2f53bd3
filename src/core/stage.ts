/**
 * The deal's stage on the seven-step path. Choices (docs/rating.md):
 * - a step's gate is its ★ items; a step with no ★ item (6 and 7) is gated by all its items;
 * - step 6 (tender guidance) applies only where the buyer runs a formal tender;
 * - the current step is the earliest applicable step whose gate is not all C; past the last gate, 7;
 * - milestones: outcome won/lost wins; else s1.3 C → opportunity (商机), and with s2.3 C as well →
 *   project (项目 = 商机 + 已立项 + 资金已到位, as the source defines it: a funded budget line with no
 *   need or amount behind it is not yet a project); else lead.
 */
import type { Item } from '../packs/schema.js';
import type { Milestone, Stage, StepProgress } from '../result.js';
import type { Rating, Snapshot } from '../snapshot/schema.js';

export const STEPS = [1, 2, 3, 4, 5, 6, 7] as const;

/** Whether an item of the seven-step pack applies to this deal (step 6 only for tender buyers). */
export const stepApplies = (step: number, tender: boolean): boolean => step !== 6 || tender;

/**
 * The stage of a deal from its seven-step ratings.
 * @example stageOf(items, ratings, false, undefined).step // 1 when s1.1 is not C
 */
export function stageOf(
  items: readonly Item[],
  ratings: ReadonlyMap<string, Rating>,
  tender: boolean,
  outcome: Snapshot['outcome'],
  claimed?: number,
): Stage {
  const steps: StepProgress[] = STEPS.map((step) => {
    const own = items.filter((item) => item.step === step);
    const gate = own.some((item) => item.star) ? own.filter((item) => item.star) : own;
    const counts = { C: 0, F: 0, W: 0 };
    for (const item of own) counts[ratings.get(item.id) ?? 'W'] += 1;
    return { step, applies: stepApplies(step, tender), ...counts, open: gate.filter((item) => ratings.get(item.id) !== 'C').map((item) => item.id) };
  });
  const holding = steps.find((s) => s.applies && s.open.length > 0);
  const furthest = steps.reduce((max, s) => (s.applies && s.C > 0 ? s.step : max), 0);
  return { step: holding?.step ?? 7, milestone: milestoneOf(ratings, outcome), furthest, ...(claimed === undefined ? {} : { claimed }), steps };
}

/**
 * @example milestoneOf(new Map([['s1.3', 'C']]), 'open') // 'opportunity'
 */
export function milestoneOf(ratings: ReadonlyMap<string, Rating>, outcome: Snapshot['outcome']): Milestone {
  if (outcome === 'won' || outcome === 'lost') return outcome;
  if (ratings.get('s1.3') !== 'C') return 'lead';
  return ratings.get('s2.3') === 'C' ? 'project' : 'opportunity';
}
