/**
 * The evaluation options as untrusted input: checked once per options object before any deal is
 * evaluated with them. A bad option comes back in the evaluation as an issue (code
 * `invalid_option`, path `options.<name>`), never as a thrown error — the same promise as for a
 * bad snapshot (docs/engine-semantics.md, "Limits").
 */
import * as z from 'zod';
import { lazySchema } from './lazy-schema.js';
import { format, LOCALES, type Locale } from './locale/messages.js';
import type { Model } from './model/prior.js';
import { MAX_WEIGHT } from './model/file.js';
import { isDefaultPack, BUILTIN_PACK_IDS } from './packs/builtin.js';
import { parsePack } from './packs/load.js';
import type { SnapshotIssue } from './snapshot/issues.js';

/** The most days `staleDays` and `horizonDays` may be: 100 years. */
export const MAX_DAYS = 36_500;

const isoDate = /* @__PURE__ */ lazySchema(() => z.iso.date());
/** The last `asOf` found valid (an audit passes the same one for every deal). */
let lastDate: string | undefined;
const hasOwn = Object.prototype.hasOwnProperty;

/** A short, safe rendering of a bad value for a message. */
function shown(value: unknown): string {
  if (typeof value === 'number' || typeof value === 'boolean' || value === null || value === undefined) return String(value);
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  return Array.isArray(value) ? 'a list' : `a ${typeof value}`;
}

const finite = (w: unknown): boolean => typeof w === 'number' && Number.isFinite(w) && Math.abs(w) <= MAX_WEIGHT;

const modelProblems = new WeakMap<object, string | undefined>();

/** Why a model cannot be used, or undefined (remembered per model object: models are treated as immutable). */
function modelProblem(model: unknown): string | undefined {
  if (model === null || typeof model !== 'object') return 'not an object';
  if (modelProblems.has(model)) return modelProblems.get(model);
  const problem = findModelProblem(model);
  modelProblems.set(model, problem);
  return problem;
}

function findModelProblem(model: object): string | undefined {
  if (model === null || typeof model !== 'object') return 'not an object';
  const { intercept, weights } = model as Partial<Model>;
  if (!finite(intercept)) return `intercept ${shown(intercept)}`;
  if (weights === null || typeof weights !== 'object') return 'weights is not an object';
  for (const id of Object.keys(weights)) {
    const w = (weights as Record<string, unknown>)[id] as Record<string, unknown> | null;
    if (w === null || typeof w !== 'object' || !finite(w.C) || !finite(w.F) || !finite(w.redFlag)) return `weights of "${id}"`;
  }
  return undefined;
}

const packProblems = new WeakMap<object, string | undefined>();

/**
 * Why a pack object cannot be evaluated (it fails `parsePack`'s checks: hand-built, or changed after
 * parsing), or undefined; remembered per pack object, as packs are treated as immutable.
 */
function packObjectProblem(pack: object): string | undefined {
  if (packProblems.has(pack)) return packProblems.get(pack);
  const parsed = parsePack({ manifest: pack, file: '(pack)' });
  const problem = parsed.ok ? undefined : `${parsed.issues[0]!.path}: ${parsed.issues[0]!.message}`;
  packProblems.set(pack, problem);
  return problem;
}

/** Why a `packs` option cannot be used (its first bad entry), or undefined. */
function packsProblem(packs: unknown): string | undefined {
  if (!Array.isArray(packs)) return shown(packs);
  if (packs.length === 0) return 'an empty list';
  for (let i = 0; i < packs.length; i++) {
    const p: unknown = packs[i];
    if (typeof p === 'string') {
      if (!isDefaultPack(p)) return `packs[${i}] ${shown(p)}, not a default pack id`;
    } else if (p === null || typeof p !== 'object') return `packs[${i}] ${shown(p)}`;
    else {
      const problem = packObjectProblem(p);
      if (problem !== undefined) return `packs[${i}], not a valid pack (${problem})`;
    }
  }
  return undefined;
}

interface Check {
  name: string;
  expected: string;
  ok: (value: unknown) => boolean;
  /** What to show as the value (default: the value). */
  got?: (value: unknown) => string;
}

const days = (value: unknown) => Number.isInteger(value) && (value as number) >= 0 && (value as number) <= MAX_DAYS;

const CHECKS: readonly Check[] = [
  { name: 'asOf', expected: 'an ISO date that exists, such as "2026-11-01"', ok: (v) => typeof v === 'string' && (v === lastDate || (isoDate.safeParse(v).success && ((lastDate = v), true))) },
  { name: 'staleDays', expected: `an integer from 0 to ${MAX_DAYS}`, ok: days },
  { name: 'horizonDays', expected: `an integer from 0 to ${MAX_DAYS}`, ok: days },
  { name: 'requireEvidence', expected: 'true or false', ok: (v) => typeof v === 'boolean' },
  { name: 'locale', expected: LOCALES.map((l) => `"${l}"`).join(' or '), ok: (v) => (LOCALES as readonly unknown[]).includes(v) },
  {
    name: 'packs',
    expected: `a non-empty list of default pack ids (${BUILTIN_PACK_IDS.join(', ')}) or packs (parsePack; the opt-in ones: builtinPack from 'dealqual/packs')`,
    ok: (v) => packsProblem(v) === undefined,
    got: (v) => packsProblem(v) ?? '',
  },
  {
    name: 'model',
    expected: `a model with finite weights of at most ${MAX_WEIGHT} in size (parseModel, priorModel)`,
    ok: (v) => modelProblem(v) === undefined,
    got: (v) => modelProblem(v) ?? '',
  },
  {
    name: 'observable',
    expected: 'a Set of item ids (observableItems)',
    ok: (v) => v !== null && typeof v === 'object' && typeof (v as { has?: unknown }).has === 'function',
  },
  { name: 'detail', expected: '"compact" or "full"', ok: (v) => v === 'compact' || v === 'full' },
];

const NONE: readonly SnapshotIssue[] = Object.freeze([]);

/**
 * The problems of an evaluation options value, as snapshot-style issues (`path` is `options.<name>`);
 * empty when every option given is usable.
 * @example optionIssues({ staleDays: 1e12 })[0].path // 'options.staleDays'
 */
export function optionIssues(options: unknown): readonly SnapshotIssue[] {
  if (options === undefined) return NONE;
  if (options === null || typeof options !== 'object' || Array.isArray(options))
    return [{ code: 'invalid_option', path: 'options', expected: 'an object of evaluation options', message: `Evaluation options must be an object; got ${shown(options)}.` }];
  const given = options as Record<string, unknown>;
  const locale: Locale = given.locale === 'zh-CN' ? 'zh-CN' : 'en';
  const issues: SnapshotIssue[] = [];
  for (const { name, expected, ok, got } of CHECKS) {
    if (!hasOwn.call(given, name) || given[name] === undefined) continue;
    const value = given[name];
    if (ok(value)) continue;
    const path = `options.${name}`;
    issues.push({ code: 'invalid_option', path, expected, message: format(locale, 'issue.invalid_option', { path, expected, got: got ? got(value) : shown(value) }) });
  }
  return issues.length > 0 ? issues : NONE;
}
