/**
 * Checks on untrusted JSON (rule packs, model files, the CLI's config and mapping files) before any
 * schema sees it: how deep it nests, and whether it names a key that reaches a prototype. Iterative,
 * so any depth is checked without recursion; linear in the size of the JSON.
 */

/** Keys that reach a prototype or a constructor when used as a path step; no data may name them. */
export const UNSAFE_KEYS: readonly string[] = ['__proto__', 'constructor', 'prototype'];

/** Whether data may use a key as an object key or a path step. @example isSafeKey('s1.1') // true */
export const isSafeKey = (key: string): boolean => !UNSAFE_KEYS.includes(key);

export type JsonProblem = { kind: 'depth'; path: PropertyKey[] } | { kind: 'key'; path: PropertyKey[]; key: string };

/**
 * The first place where `json` nests objects and lists deeper than `maxDepth`, or has an own key
 * in `UNSAFE_KEYS` (the path then ends with that key); undefined when there is none.
 * @example checkJson({ a: [[1]] }, 2) // { kind: 'depth', path: ['a', 0] }
 * @example checkJson(JSON.parse('{"m":{"__proto__":1}}'), 9) // { kind: 'key', path: ['m', '__proto__'], key: '__proto__' }
 */
export function checkJson(json: unknown, maxDepth: number): JsonProblem | undefined {
  if (json === null || typeof json !== 'object') return undefined;
  interface Frame {
    value: object;
    depth: number;
    key: PropertyKey | undefined;
    parent: Frame | undefined;
  }
  const pathOf = (frame: Frame, last: PropertyKey[] = []) => {
    const path: PropertyKey[] = [...last];
    for (let f: Frame | undefined = frame; f?.parent; f = f.parent) path.unshift(f.key!);
    return path;
  };
  const stack: Frame[] = [{ value: json, depth: 1, key: undefined, parent: undefined }];
  while (stack.length > 0) {
    const frame = stack.pop()!;
    if (frame.depth > maxDepth) return { kind: 'depth', path: pathOf(frame) };
    const { value } = frame;
    const array = Array.isArray(value);
    const keys: PropertyKey[] = array ? value.map((_, i) => i) : Object.keys(value);
    if (!array) for (const key of keys as string[]) if (!isSafeKey(key)) return { kind: 'key', path: pathOf(frame, [key]), key };
    for (let i = keys.length - 1; i >= 0; i--) {
      const child = (value as Record<PropertyKey, unknown>)[keys[i]!];
      if (child !== null && typeof child === 'object') stack.push({ value: child, depth: frame.depth + 1, key: keys[i], parent: frame });
    }
  }
  return undefined;
}

/**
 * A problem `checkJson` found, in words; `what` names the kind of file (`pack`, `model file`, `config`).
 * @example jsonProblemMessage({ kind: 'key', path: ['rules', '__proto__'], key: '__proto__' }, 'config', 64) // 'the key "__proto__" is not allowed anywhere in a config (…)'
 */
export function jsonProblemMessage(problem: JsonProblem, what: string, maxDepth: number): string {
  return problem.kind === 'key'
    ? `the key "${problem.key}" is not allowed anywhere in a ${what} (${UNSAFE_KEYS.join(', ')} reach JavaScript prototypes)`
    : `nested too deep: a ${what} may nest objects and lists at most ${maxDepth} levels`;
}
