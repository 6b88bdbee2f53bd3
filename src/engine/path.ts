/**
 * Plain member paths (`$.a.b`, `$.a[0].b`): parsed once, read without evaluating anything.
 * Replaces json-rules-engine's JSONPath resolver, whose filters can run code.
 */
import { PATH_PATTERN } from '../packs/conditions.js';

const cache = new Map<string, readonly (string | number)[]>();

/**
 * The steps of a plain member path.
 * @example parsePath('$.stakeholders[0].role') // ['stakeholders', 0, 'role']
 * @throws when the path is not a plain member path (loading validates paths first)
 */
export function parsePath(path: string): readonly (string | number)[] {
  let steps = cache.get(path);
  if (steps) return steps;
  if (!PATH_PATTERN.test(path)) throw new Error(`not a plain member path: ${path}`);
  steps = [...path.slice(1).matchAll(/\.([^.[\]]+)|\[(\d+)\]/g)].map((m) => (m[1] !== undefined ? m[1] : Number(m[2])));
  cache.set(path, steps);
  return steps;
}

/**
 * The value at a path, or `undefined` where any step is missing. Reads own properties only.
 * @example readPath({ a: [{ b: 1 }] }, '$.a[0].b') // 1
 * @example readPath({ a: 1 }, '$.a.b') // undefined
 */
export function readPath(value: unknown, path: string): unknown {
  let current = value;
  for (const step of parsePath(path)) {
    if (current === null || typeof current !== 'object' || !Object.prototype.hasOwnProperty.call(current, step)) return undefined;
    current = (current as Record<string | number, unknown>)[step];
  }
  return current;
}
