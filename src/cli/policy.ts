/**
 * The audit policy: which problems a result has and how severe they are (docs/cli.md). The core's
 * result carries facts (stage, missing items, findings); severities live here and in the config,
 * never in the rule packs, as in ESLint.
 *
 * The claimed step is the snapshot's `claimedStep` (the stage the CRM or the seller records); the
 * current step is the stage the deal has earned (the earliest step whose gate is open).
 * - `stage-unearned`: the deal claims a later step than it has earned: the gate items of the steps
 *   before the claimed one that are not C (one problem listing them);
 * - `missing-star`: a gate item (★; every item of steps 6–7, which have no ★) of the current step is
 *   not C — the gate holding the deal;
 * - `missing`: any other item at or before the current step is not C;
 * - finding codes (`contradiction`, `cross-pack-contradiction`, `red-flag`, `stale`, `unsupported`)
 *   map one to one to problems;
 * - `low-probability`: the probability is below `thresholds.minProbability`.
 * An item id in `rules` overrides the severity of that item's missing-evidence problems (`off`
 * also leaves it out of `stage-unearned`). Won and lost deals get no stage or missing problems.
 */
import type { Locale } from '../locale/messages.js';
import { describeFindings } from '../describe.js';
import type { DefaultPackId } from '../packs/builtin.js';
import type { Pack } from '../packs/schema.js';
import type { Result } from '../result.js';
import { DEFAULT_SEVERITY, type RuleId, type Severity } from './config.js';

/**
 * One problem of a deal, as data (ESLint's message, zod's issue): the rule id, its severity, the
 * item ids it is about, a message code with its params, and the message in the policy's locale.
 * Codes: `stage.unearned` {step, claimed}, `item.gate` {item, rating, step}, `item.missing`
 * {item, rating, step}, `probability.low` {probability, min}, `finding.<code>` (the finding's params).
 */
export interface Problem {
  rule: RuleId;
  severity: Exclude<Severity, 'off'>;
  items: string[];
  code: string;
  params: Record<string, string | number>;
  message: string;
}

export interface Policy {
  severities: Record<string, Severity>;
  minProbability?: number;
  locale: Locale;
  /** `--quiet`: errors only; warnings are neither reported nor counted (as ESLint's --quiet). */
  quiet?: boolean;
}

/** The severity of a rule, or of an item's missing-evidence problems: the policy's own keys only, else the default. */
export function severityOf(policy: Policy, rule: RuleId, item?: string): Severity {
  return (item !== undefined ? ownSeverity(policy, item) : undefined) ?? ownSeverity(policy, rule) ?? DEFAULT_SEVERITY[rule];
}

// The map may have crossed to a worker thread (which gives it Object.prototype back): read own keys.
const ownSeverity = (policy: Policy, id: string): Severity | undefined =>
  Object.prototype.hasOwnProperty.call(policy.severities, id) ? policy.severities[id] : undefined;

const words = {
  en: {
    unearned: (items: string, step: number, claimed: number) => `claims step ${claimed}, but the stage is held at step ${step}: gate items not C: ${items}`,
    gate: (item: string, star: boolean, rating: string, step: number) => `${item}${star ? ' ★' : ''} is ${rating}: the gate of step ${step}`,
    missing: (item: string, rating: string, step: number) => `${item} is ${rating} (step ${step})`,
    low: (p: number, min: number) => {
      const [shown, minimum] = pctBelow(p, min);
      return `probability ${shown} is below the minimum ${minimum}`;
    },
  },
  'zh-CN': {
    unearned: (items: string, step: number, claimed: number) => `声称处于第 ${claimed} 步,但阶段停在第 ${step} 步:未确认(非 C)的关卡项 ${items}`,
    gate: (item: string, star: boolean, rating: string, step: number) => `${item}${star ? ' ★' : ''} 为 ${rating}:第 ${step} 步的关卡`,
    missing: (item: string, rating: string, step: number) => `${item} 为 ${rating}(第 ${step} 步)`,
    low: (p: number, min: number) => {
      const [shown, minimum] = pctBelow(p, min);
      return `赢率 ${shown} 低于最低要求 ${minimum}`;
    },
  },
} as const;

export const pct = (p: number): string => `${Math.round(p * 100)}%`;

/** `x` rounded to `d` decimals. */
const roundTo = (x: number, d: number): number => Math.round(x * 10 ** d) / 10 ** d;

/**
 * A probability below a minimum and the minimum, as percents that read as different: the minimum
 * with the decimals it was given (up to 4), both with the fewest decimals (up to 6) at which the
 * probability shows below it, so a deal at 40.7% under a minimum of 41% does not read "41% is
 * below the minimum 41%".
 * @example pctBelow(0.407, 0.41) // ['40.7%', '41%']
 * @example pctBelow(0.38, 0.405) // ['38%', '40.5%']
 */
export function pctBelow(p: number, min: number): [string, string] {
  let d = 0;
  while (d < 4 && Math.abs(roundTo(min * 100, d) - min * 100) > 1e-9) d++;
  while (d < 6 && roundTo(p * 100, d) >= roundTo(min * 100, d)) d++;
  return [`${roundTo(p * 100, d)}%`, `${roundTo(min * 100, d)}%`];
}

/**
 * The problems of a result under a policy, errors first, then in the result's own order. `packs`:
 * those the result was evaluated with (a red flag's message quotes its item's pack message).
 */
export function problemsOf(result: Result, policy: Policy, packs?: readonly (DefaultPackId | Pack)[]): Problem[] {
  const w = words[policy.locale];
  const out: Problem[] = [];
  const add = (rule: RuleId, items: string[], code: string, params: Problem['params'], message: string, item?: string) => {
    const severity = severityOf(policy, rule, item);
    if (severity !== 'off' && !(policy.quiet && severity === 'warn')) out.push({ rule, severity, items, code, params, message });
  };
  const { stage } = result;
  const closed = stage.milestone === 'won' || stage.milestone === 'lost';
  const claimed = Math.max(stage.step, stage.claimed ?? 0);
  // The open gate items (a few per step): a short list, searched faster than a Set is built.
  const gates: string[] = [];
  for (const s of stage.steps) if (s.applies) for (const id of s.open) gates.push(id);
  const unearned: string[] = [];
  // A won or lost deal is history: its stage and missing evidence are not audited, its findings are.
  for (const m of closed ? [] : result.missing) {
    const { pack, step, rating } = result.items[m.item]!;
    if (pack === 'sangfor-7step' && gates.includes(m.item) && step < claimed) {
      if (severityOf(policy, 'stage-unearned', m.item) !== 'off') unearned.push(`${m.item} (${rating})`);
    } else if (gates.includes(m.item) && step === stage.step)
      add('missing-star', [m.item], 'item.gate', { item: m.item, rating, step }, w.gate(m.item, m.star, rating, step), m.item);
    else if (step <= stage.step) add('missing', [m.item], 'item.missing', { item: m.item, rating, step }, w.missing(m.item, rating, step), m.item);
  }
  if (unearned.length)
    add('stage-unearned', unearned.map((u) => u.split(' ')[0]!), 'stage.unearned', { step: stage.step, claimed }, w.unearned(unearned.join(', '), stage.step, claimed));
  for (const f of describeFindings(result, { locale: policy.locale, ...(packs ? { packs } : {}) }))
    add(f.code, f.items, `finding.${f.code}`, f.params, f.items.length && !f.message.includes(f.items[0]!) ? `${f.items.join(', ')}: ${f.message}` : f.message);
  if (policy.minProbability !== undefined && result.probability < policy.minProbability)
    add('low-probability', [], 'probability.low', { probability: result.probability, min: policy.minProbability }, w.low(result.probability, policy.minProbability));
  // Errors first, each severity in the order found (a stable partition: no sort per deal).
  return out.every((p) => p.severity === 'error') || out.every((p) => p.severity === 'warn') ? out : [...out.filter((p) => p.severity === 'error'), ...out.filter((p) => p.severity === 'warn')];
}
