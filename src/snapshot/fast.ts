/**
 * A fast path for parsing VALID snapshots, compiled from the zod schema itself.
 *
 * Design:
 * - `compileParser` walks a zod 4 schema's own definition (`schema._zod.def`: shape, checks,
 *   catchall, element, key and value types, options, inner types, pipes, transforms) once and
 *   builds closures (generated code for objects) that validate and copy in one pass. The regexes,
 *   bounds, enum values, overwrites (`.trim()`) and transforms are the schema's own objects, so
 *   the fast path cannot drift from the schema.
 * - Its output is zod's, exactly: objects rebuilt in shape order (not input order), an optional
 *   key present with `undefined` kept, unknown keys of non-strict objects dropped, new arrays,
 *   objects and records, `z.unknown()` values passed through by reference.
 * - A kind or check it does not model is not guessed at: that subtree is parsed by zod itself
 *   (`z.safeParse` on the sub-schema), correct but slower.
 * - Dense mode (`{ dense: true }`, what evaluation uses) differs in one point: every key of an
 *   object shape is set, `undefined` where absent, so each shape yields one hidden class.
 * - It never reports errors. On invalid input, or on input it cannot vouch for (a prototype other
 *   than Object.prototype or null, an own `__proto__` key, non-enumerable own keys on an object,
 *   symbol keys on a record, enumerable keys on Object.prototype, a transform that reports an issue
 *   or returns a promise, anything that throws), it answers `NOT_SURE` and the caller runs zod,
 *   which stays the one source of error reports.
 */
import * as z from 'zod';
import { snapshotSchema, type Snapshot } from './schema.js';

/** The answer of a compiled parser that cannot vouch for its input: ask zod. */
export const NOT_SURE: unique symbol = Symbol('dealqual.fast.notSure');
/** Internal: zod would certainly report an issue here. Lets a union move on to its next option. */
const INVALID: unique symbol = Symbol('dealqual.fast.invalid');

type Miss = typeof NOT_SURE | typeof INVALID;
/** A compiled (sub)parser: the output zod would give, or a miss. */
type Step = (value: unknown) => unknown;
/** A compiled string check: the (possibly overwritten) value, or a miss. */
type StringStep = (value: string) => unknown;

/** The parts of a zod 4 definition this module reads; every field is optional, by kind. */
interface Def {
  type: string;
  checks?: z.core.$ZodCheck[];
  check?: string;
  coerce?: boolean;
  format?: string;
  pattern?: RegExp;
  minimum?: number;
  value?: unknown;
  /** `<=`/`>=` for a bound check; `false` on an exclusive union (`z.xor`). */
  inclusive?: boolean;
  when?: (payload: { value: unknown; issues: unknown[] }) => boolean;
  tx?: (value: unknown) => unknown;
  shape?: Record<string, z.core.$ZodType>;
  catchall?: z.core.$ZodType;
  element?: z.core.$ZodType;
  keyType?: z.core.$ZodType;
  valueType?: z.core.$ZodType;
  mode?: string;
  partial?: boolean;
  options?: z.core.$ZodType[];
  discriminator?: string;
  innerType?: z.core.$ZodType;
  in?: z.core.$ZodType;
  out?: z.core.$ZodType;
  transform?: (value: unknown, payload: unknown) => unknown;
  reverseTransform?: unknown;
}

const defOf = (schema: z.core.$ZodType): Def => schema._zod.def as unknown as Def;
const isMiss = (r: unknown): r is Miss => r === INVALID || r === NOT_SURE;

/** A plain object: `{}` or `Object.create(null)`. Anything else (class instances, …) is left to zod. */
function isPlainRecordLike(v: object): boolean {
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

/** Hands a subtree the fast path does not model to zod: exact, just slower. */
function delegate(schema: z.core.$ZodType): Step {
  return (value) => {
    const r = (schema as z.ZodType).safeParse(value);
    return r.success ? r.data : INVALID;
  };
}

/** `ctx.addIssue` for transforms: records the issue so the fast path sees the transform fail. */
function addIssue(this: { issues: unknown[] }, issue: unknown): void {
  this.issues.push(issue);
}

/** zod's default `when` of length checks, read off a schema rather than retyped. */
let lengthWhen: Def['when'];
const defaultLengthWhen = () => (lengthWhen ??= (z.string().min(1)._zod.def.checks![0]!._zod.def as unknown as Def).when);

/**
 * One string check from its def, or undefined when it is not one this module models. Each returns
 * the value (an overwrite may change it) or INVALID, exactly when zod's check would pass or fail.
 */
function stringCheck(check: z.core.$ZodCheck): StringStep | undefined {
  const def = check._zod.def as unknown as Def;
  switch (def.check) {
    case 'overwrite': {
      const tx = def.tx!;
      // a later check of this module assumes a string; anything else is zod's business
      return (v) => {
        const out = tx(v);
        return typeof out === 'string' ? out : NOT_SURE;
      };
    }
    case 'min_length': {
      const min = def.minimum!;
      // zod's default `when` (the value has a length) holds for every string
      const when = def.when === defaultLengthWhen() ? undefined : def.when;
      return (v) => {
        if (when && !when({ value: v, issues: [] })) return v;
        if (v.length < min) return INVALID;
        if (v.length >= min * 2) return v;
        // in between zod counts code points: let zod's own check decide
        const payload = { value: v, issues: [] as unknown[] };
        (check._zod as unknown as { check: (p: typeof payload) => void }).check(payload);
        return payload.issues.length === 0 ? v : INVALID;
      };
    }
    case 'string_format': {
      // only formats whose whole check is the pattern (z.iso.date(), .regex()); email, url, … have more
      if ((def.format !== 'regex' && def.format !== 'date') || !(def.pattern instanceof RegExp) || def.when) return undefined;
      const pattern = def.pattern;
      return (v) => {
        pattern.lastIndex = 0;
        return pattern.test(v) ? v : INVALID;
      };
    }
    default:
      return undefined;
  }
}

/** One number check from its def (int, positive, min, max, …), or undefined when not modelled. */
function numberCheck(check: z.core.$ZodCheck): ((v: number) => boolean) | undefined {
  const def = check._zod.def as unknown as Def;
  if (def.when) return undefined;
  switch (def.check) {
    case 'number_format':
      return def.format === 'safeint' ? (v) => Number.isSafeInteger(v) : undefined;
    case 'greater_than': {
      const bound = def.value;
      if (typeof bound !== 'number') return undefined;
      return def.inclusive ? (v) => v >= bound : (v) => v > bound;
    }
    case 'less_than': {
      const bound = def.value;
      if (typeof bound !== 'number') return undefined;
      return def.inclusive ? (v) => v <= bound : (v) => v < bound;
    }
    default:
      return undefined;
  }
}

/** A schema's checks, the schema itself first when it is a check too (a format like `z.iso.date()`). */
function checksOf(schema: z.core.$ZodType): z.core.$ZodCheck[] {
  const def = defOf(schema);
  return [...(def.check ? [schema as unknown as z.core.$ZodCheck] : []), ...(def.checks ?? [])];
}

function compileString(schema: z.core.$ZodType): Step | undefined {
  if (defOf(schema).coerce) return undefined;
  const steps: StringStep[] = [];
  for (const check of checksOf(schema)) {
    const step = stringCheck(check);
    if (!step) return undefined;
    steps.push(step);
  }
  return (v) => {
    if (typeof v !== 'string') return INVALID;
    let s: unknown = v;
    for (const step of steps) {
      s = step(s as string);
      if (isMiss(s)) return s;
    }
    return s;
  };
}

function compileNumber(schema: z.core.$ZodType): Step | undefined {
  if (defOf(schema).coerce) return undefined;
  const tests: ((v: number) => boolean)[] = [];
  for (const check of checksOf(schema)) {
    const test = numberCheck(check);
    if (!test) return undefined;
    tests.push(test);
  }
  return (v) => {
    if (typeof v !== 'number' || !Number.isFinite(v)) return INVALID;
    for (const test of tests) if (!test(v)) return INVALID;
    return v;
  };
}

/** Marks a key the input does not have, in the generated object parsers. */
const ABSENT: unique symbol = Symbol('dealqual.fast.absent');

/**
 * The code that copies key number `i` (its raw value is in `v${i}`): zod's `handlePropertyResult`
 * with the key's optin/optout folded in. A present key is always kept, even when `undefined`; an
 * absent optional key is skipped (set to `undefined` in dense mode); an absent required key fails.
 */
function fieldCode(key: string, i: number, optin: string | undefined, optout: string | undefined): string {
  const k = JSON.stringify(key);
  const present = `
    if (v${i} !== A) { r = s[${i}](v${i}); if (r === I || r === N) return r; out[${k}] = r; }`;
  if (optin === 'optional' && optout === 'optional') return dense ? `${present} else out[${k}] = undefined;` : present;
  // a key that is absent but still parsed: required, defaulted, or an optional input piped on
  const ignoreMiss = optin !== undefined && optout === 'optional';
  const keepUndefined = optin === 'defaulted' && optout !== 'optional';
  return `${present}
    else {
      r = s[${i}](undefined);
      if (r === I || r === N) { ${ignoreMiss ? (dense ? `out[${k}] = undefined;` : '') : 'return r;'} }
      else if (${optin === undefined}) return I;
      else if (${dense} || r !== undefined) out[${k}] = r;
      else if (${keepUndefined}) out[${k}] = undefined;
    }`;
}

/**
 * Objects are generated code, one function per object schema (zod does the same). Inputs come in
 * many hidden classes, so reading each shape key by name would hit V8's slow megamorphic path;
 * instead one `for…in` (fast, off the enum cache) sorts the input's keys into locals with a
 * `switch`, and the output is then built in shape order, as zod 4 builds it. `for…in` sees own
 * enumerable keys only (the caller checks that Object.prototype has no enumerable keys), so an
 * object with other own string keys (non-enumerable) is not vouched for. Without `new Function` (a
 * strict CSP) objects are left to zod.
 */
function compileObject(schema: z.core.$ZodType): Step | undefined {
  const def = defOf(schema);
  const shape = def.shape!;
  const catchall = def.catchall;
  const strict = catchall !== undefined && defOf(catchall).type === 'never' && !defOf(catchall).checks?.length;
  if (catchall !== undefined && !strict) return undefined;
  const keys = Object.keys(shape);
  // zod reads keys with `in`, which also sees Object.prototype's own (`constructor`, …); for…in does not
  if (Object.getOwnPropertySymbols(shape).length > 0 || keys.some((key) => key in Object.prototype || key === '__proto__')) return undefined;
  const steps = keys.map((key) => compile(shape[key]!));
  const body = `return function parseObject(input) {
    if (typeof input !== 'object' || input === null || Array.isArray(input)) return I;
    if (!plain(input)) return N;
    let ${keys.map((_, i) => `v${i} = A`).join(', ')}, count = 0, r;
    for (const k in input) {
      count++;
      switch (k) {${keys.map((key, i) => `
        case ${JSON.stringify(key)}: v${i} = input[k]; break;`).join('')}
        default: if (k === '__proto__') return N;${strict ? ' return I;' : ''}
      }
    }
    if (count !== names(input).length) return N;
    const out = {};${keys.map((key, i) => fieldCode(key, i, shape[key]!._zod.optin, shape[key]!._zod.optout)).join('')}
    return out;
  };`;
  try {
    return new Function('s', 'I', 'N', 'A', 'plain', 'names', body)(steps, INVALID, NOT_SURE, ABSENT, isPlainRecordLike, Object.getOwnPropertyNames) as Step;
  } catch {
    return undefined;
  }
}

function compileArray(schema: z.core.$ZodType): Step {
  const element = compile(defOf(schema).element!);
  return (v) => {
    if (!Array.isArray(v)) return INVALID;
    const out = new Array(v.length);
    for (let i = 0; i < v.length; i++) {
      const r = element(v[i]);
      if (isMiss(r)) return r;
      out[i] = r;
    }
    return out;
  };
}

/** `z.record(z.string(), X)` only: other key types (enums, refined strings) go to zod. */
function compileRecord(schema: z.core.$ZodType): Step | undefined {
  const def = defOf(schema);
  const key = def.keyType!;
  const keyDef = defOf(key);
  if (def.partial || def.mode !== undefined || keyDef.type !== 'string' || keyDef.coerce || keyDef.check || keyDef.checks?.length || key._zod.values) return undefined;
  const value = compile(def.valueType!);
  return (v) => {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) return INVALID;
    // zod fails a symbol key (not a string)
    if (!isPlainRecordLike(v) || Object.getOwnPropertySymbols(v).length > 0) return NOT_SURE;
    const input = v as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    // own enumerable string keys (as zod's walk), in the same order
    for (const k in input) {
      // zod skips `__proto__`, and its isPlainObject looks at an own `constructor`: leave both to zod
      if (k === '__proto__' || k === 'constructor') return NOT_SURE;
      const r = value(input[k]);
      if (isMiss(r)) return r;
      out[k] = r;
    }
    return out;
  };
}

/** Plain unions only (first option that parses wins); discriminated and exclusive ones go to zod. */
function compileUnion(schema: z.core.$ZodType): Step | undefined {
  const def = defOf(schema);
  if (def.discriminator !== undefined || def.inclusive === false) return undefined;
  const options = def.options!.map(compile);
  return (v) => {
    for (const option of options) {
      const r = option(v);
      // an option the fast path cannot judge might be the one zod picks: stop here
      if (r !== INVALID) return r;
    }
    return INVALID;
  };
}

function compileOptional(schema: z.core.$ZodType): Step | undefined {
  const inner = defOf(schema).innerType!;
  if (inner._zod.optin === 'defaulted') return undefined;
  const parse = compile(inner);
  return (v) => (v === undefined ? undefined : parse(v));
}

function compilePipe(schema: z.core.$ZodType): Step | undefined {
  const def = defOf(schema);
  if ('transform' in def || 'reverseTransform' in def) return undefined; // a codec
  const first = compile(def.in!);
  const second = compile(def.out!);
  return (v) => {
    const r = first(v);
    return isMiss(r) ? r : second(r);
  };
}

function compileTransform(schema: z.core.$ZodType): Step {
  const transform = defOf(schema).transform!;
  return (v) => {
    const payload = { value: v, issues: [] as unknown[], addIssue };
    const out = transform(v, payload);
    if (out instanceof Promise) return NOT_SURE;
    return payload.issues.length === 0 ? out : INVALID;
  };
}

/**
 * Dense mode (`compileParser(schema, { dense: true })`, set for the walk under way): every key of
 * an object shape is set on its output, in shape order, `undefined` where the input has none. Each
 * object schema then yields objects of one hidden class, so the code that reads the parsed value
 * (derivation, rule matching, rating) reads its properties monomorphically instead of through V8's
 * megamorphic path: evaluation is about 30 % faster. The output equals the exact mode's but for
 * those `undefined` keys (`toEqual`, and the same JSON).
 */
let dense = false;
const compiledExact = new WeakMap<z.core.$ZodType, Step>();
const compiledDense = new WeakMap<z.core.$ZodType, Step>();
/** The schemas the walk is inside, to notice a cycle (an object shape with a getter back to itself). */
const walking = new Set<z.core.$ZodType>();

/**
 * A recursive schema. zod parses one of those with a memo per parse (the same input object met
 * twice gives the same output object), which subtrees parsed apart would not reproduce: such a
 * schema is left to zod as a whole.
 */
class RecursiveSchema extends Error {}

/** The step for one schema: modelled when its kind and checks are known, else zod's own parse. */
function compile(schema: z.core.$ZodType): Step {
  const compiled = dense ? compiledDense : compiledExact;
  let step = compiled.get(schema);
  if (step) return step;
  if (walking.has(schema)) throw new RecursiveSchema();
  walking.add(schema);
  try {
    step = build(schema);
  } finally {
    walking.delete(schema);
  }
  compiled.set(schema, step);
  return step;
}

/** Builds the step for one schema kind; anything not modelled becomes a call to zod. */
function build(schema: z.core.$ZodType): Step {
  let step: Step | undefined;
  const def = defOf(schema);
  const hasChecks = (def.checks?.length ?? 0) > 0 || def.check !== undefined;
  switch (def.type) {
    case 'string':
      step = compileString(schema);
      break;
    case 'number':
      step = compileNumber(schema);
      break;
    case 'boolean':
      if (!def.coerce && !hasChecks) step = (v) => (typeof v === 'boolean' ? v : INVALID);
      break;
    case 'enum':
      if (!hasChecks) {
        const values = schema._zod.values!;
        step = (v) => (values.has(v as never) ? v : INVALID);
      }
      break;
    case 'unknown':
    case 'any':
      if (!hasChecks) step = (v) => v;
      break;
    case 'lazy':
      // the way zod schemas recurse: the whole schema is left to zod (see RecursiveSchema)
      throw new RecursiveSchema();
    default: {
      if (hasChecks) break;
      step = kinds[def.type]?.(schema);
    }
  }
  return step ?? delegate(schema);
}

const kinds: Record<string, (schema: z.core.$ZodType) => Step | undefined> = {
  object: compileObject,
  array: compileArray,
  record: compileRecord,
  union: compileUnion,
  optional: compileOptional,
  pipe: compilePipe,
  transform: compileTransform,
};

/**
 * Compiles a fast parser from a zod 4 schema. The parser returns exactly what
 * `schema.parse(input)` returns for input it can vouch for, and `NOT_SURE` otherwise (invalid
 * input included): then run zod.
 * @example
 * const parse = compileParser(z.object({ a: z.string().trim() }));
 * parse({ a: ' x ' }) // { a: 'x' }
 * parse({ a: 1 }) === NOT_SURE // true
 */
export function compileParser(schema: z.core.$ZodType, options: { dense?: boolean } = {}): (input: unknown) => unknown {
  let step: Step;
  const outer = dense;
  dense = options.dense === true;
  try {
    step = compile(schema);
  } catch (error) {
    if (error instanceof RecursiveSchema) return () => NOT_SURE;
    throw error;
  } finally {
    dense = outer;
  }
  return (input) => {
    // the object and record parsers read keys with for…in: an enumerable key on Object.prototype would show up
    for (const _ in Object.prototype) return NOT_SURE;
    try {
      const r = step(input);
      return isMiss(r) ? NOT_SURE : r;
    } catch {
      // a throwing getter, transform or proxy: zod decides what that means
      return NOT_SURE;
    }
  };
}

let snapshotParser: ((input: unknown) => unknown) | undefined;

/**
 * The snapshot as `snapshotSchema.parse` would return it, when the fast path can vouch for the
 * input; undefined otherwise (invalid or unusual input: use zod).
 * @example fastParseSnapshot({ id: ' D-1 ', outcome: '赢单' }) // { id: 'D-1', outcome: 'won' }
 */
export function fastParseSnapshot(input: unknown): Snapshot | undefined {
  snapshotParser ??= compileParser(snapshotSchema);
  const r = snapshotParser(input);
  return r === NOT_SURE ? undefined : (r as Snapshot);
}

let denseSnapshotParser: ((input: unknown) => unknown) | undefined;

/**
 * `fastParseSnapshot` in dense mode, for evaluation: the same snapshot with every key of each
 * object shape set (`undefined` where absent), so its objects share one hidden class per shape.
 * @example denseParseSnapshot({ id: 'D-1' })?.need // undefined, and 'need' in it is true
 */
export function denseParseSnapshot(input: unknown): Snapshot | undefined {
  denseSnapshotParser ??= compileParser(snapshotSchema, { dense: true });
  const r = denseSnapshotParser(input);
  return r === NOT_SURE ? undefined : (r as Snapshot);
}
