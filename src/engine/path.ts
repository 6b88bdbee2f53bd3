/**
 * Plain member paths (`$.a.b`, `$.a[0].b`): parsed once, read without evaluating anything.
 * Replaces json-rules-engine's JSONPath resolver (jsonpath-plus), whose filter expressions run code
 * (CVE-2024-21534, CVE-2025-1302). Both engines read paths with the readers made here, so a path
 * means the same in both.
 */
import { PATH_PATTERN } from '../packs/words.js';

export type PathStep = string | number;
export type PathReader = (value: unknown) => unknown;

const hasOwn = Object.prototype.hasOwnProperty;
const steps = new Map<string, readonly PathStep[]>();
const readers = new Map<string, PathReader>();

/**
 * The steps of a plain member path.
 * @example parsePath('$.stakeholders[0].role') // ['stakeholders', 0, 'role']
 * @throws when the path is not a plain member path (loading validates paths first); nothing in
 *   the path is ever evaluated
 */
export function parsePath(path: string): readonly PathStep[] {
  let parsed = steps.get(path);
  if (parsed) return parsed;
  if (typeof path !== 'string' || !PATH_PATTERN.test(path)) throw new Error(`not a plain member path: ${String(path).slice(0, 200)}`);
  parsed = Object.freeze([...path.slice(1).matchAll(/\.([^.[\]]+)|\[(\d+)\]/g)].map((m) => (m[1] !== undefined ? m[1] : Number(m[2]))));
  steps.set(path, parsed);
  return parsed;
}

/**
 * One step of a path: the own property `key` of an object, else undefined. Every path reader of
 * both engines reads through this.
 * @example readStep({ a: 1 }, 'a') // 1
 * @example readStep({}, 'constructor') // undefined
 */
export const readStep = (current: unknown, key: PathStep): unknown =>
  current !== null && typeof current === 'object' && hasOwn.call(current, key) ? (current as Record<PathStep, unknown>)[key] : undefined;

/**
 * A reader for one path: the value at the path, or `undefined` where a step is missing or not an
 * own property (so `$.constructor` or `$.__proto__` never reach a prototype). Specialised for short
 * paths, which is what rules use.
 * @throws when the path is not a plain member path
 */
export function compilePath(path: string): PathReader {
  let reader = readers.get(path);
  if (reader) return reader;
  const keys = parsePath(path);
  const [k0, k1, k2] = keys;
  switch (keys.length) {
    case 0:
      reader = (value) => value;
      break;
    case 1:
      reader = (value) => readStep(value, k0!);
      break;
    case 2:
      reader = (value) => readStep(readStep(value, k0!), k1!);
      break;
    case 3:
      reader = (value) => readStep(readStep(readStep(value, k0!), k1!), k2!);
      break;
    default:
      reader = (value) => {
        let current = value;
        for (let i = 0; i < keys.length && current !== undefined; i++) current = readStep(current, keys[i]!);
        return current;
      };
  }
  readers.set(path, reader);
  return reader;
}

/**
 * The value at a path, or `undefined` where any step is missing. Reads own properties only.
 * This is the `pathResolver` given to json-rules-engine.
 * @example readPath({ a: [{ b: 1 }] }, '$.a[0].b') // 1
 * @example readPath({ a: 1 }, '$.a.b') // undefined
 */
export function readPath(value: unknown, path: string): unknown {
  return compilePath(path)(value);
}
