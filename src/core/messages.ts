/**
 * Pack messages that quote the deal's facts (`{deal.need.deadline}`, `{derived.need.problems}`,
 * `{asOf}`). Matching records the quoted values in the reason's params, keyed by the path as
 * written (`deal.need.deadline`); the text is filled last, when the result is described.
 */
import type { RuleFacts } from '../engine/derive.js';
import { readPath } from '../engine/path.js';

const PLACEHOLDER = /\{(asOf|(deal|derived)((?:\.[A-Za-z_][\w]*|\[\d+\])+))\}/g;

/**
 * The fact paths a message quotes (`deal.…`, `derived.…`), in order of first appearance.
 * @example quotedPaths('Deadline {deal.need.deadline} before {asOf}') // ['deal.need.deadline']
 */
export function quotedPaths(text: string): string[] {
  const paths: string[] = [];
  if (!text.includes('{')) return paths;
  for (const m of text.matchAll(PLACEHOLDER)) if (m[2] !== undefined && !paths.includes(`${m[2]}${m[3]}`)) paths.push(`${m[2]}${m[3]}`);
  return paths;
}

/**
 * The values of quoted fact paths in a deal's facts: only those that are present and plain (a
 * string, number or boolean); the others are left out, and their placeholder stays as written.
 * @example quotedValues(['deal.need.deadline'], facts) // { 'deal.need.deadline': '2026-09-30' }
 */
export function quotedValues(paths: readonly string[], facts: RuleFacts): Record<string, string | number> {
  const values: Record<string, string | number> = {};
  for (const path of paths) {
    const dot = path.indexOf('.');
    const bracket = path.indexOf('[');
    const cut = bracket >= 0 && bracket < dot ? bracket : dot;
    const fact = path.slice(0, cut) as 'deal' | 'derived';
    const value = readPath(facts[fact], `$${path.slice(cut)}`);
    if (typeof value === 'string' || typeof value === 'number') values[path] = value;
    else if (typeof value === 'boolean') values[path] = String(value);
  }
  return values;
}

/**
 * Fills a pack message's placeholders: `{asOf}`, and `{deal.path}` / `{derived.path}` with the
 * value recorded under that path (left as written where none was recorded).
 * @example fillMessage('Deadline {deal.need.deadline} has passed.', { 'deal.need.deadline': '2026-09-30' }, '2026-11-01')
 * // 'Deadline 2026-09-30 has passed.'
 */
export function fillMessage(text: string, values: Readonly<Record<string, string | number>>, asOf: string): string {
  if (!text.includes('{')) return text;
  return text.replace(PLACEHOLDER, (whole, name: string) => {
    if (name === 'asOf') return asOf;
    const value = Object.hasOwn(values, name) ? values[name] : undefined;
    return value === undefined ? whole : String(value);
  });
}
