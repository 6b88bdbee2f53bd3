/**
 * Snapshot validation with errors as data: each issue has zod's code, the JSON path of the field,
 * what was expected, and a message in the requested locale (zod's own locale tables).
 */
import * as z from 'zod';
import { zhCN } from 'zod/locales';
import type { Locale } from '../locale/messages.js';
import { jsonPath, flattenIssues } from '../packs/load.js';
import { denseParseSnapshot, fastParseSnapshot } from './fast.js';
import { snapshotSchema, type Snapshot } from './schema.js';

/** A problem in a snapshot, as data: a code, the JSON path of the field, what it expects and a message. */
export interface SnapshotIssue {
  code: string;
  /** JSON path of the field, e.g. `$.stakeholders[0].role`. */
  path: string;
  /** What the field accepts, where zod says. */
  expected?: string;
  message: string;
}

/** The outcome of `parseSnapshot`: the parsed snapshot, or its issues (with the deal id where it could be read). */
export type SnapshotParse = { ok: true; snapshot: Snapshot } | { ok: false; id?: string; issues: SnapshotIssue[] };

/** zod's Chinese messages, made on first use. */
let zhCNErrors: z.core.$ZodErrorMap | undefined;

function expectedOf(issue: z.core.$ZodIssue): string | undefined {
  switch (issue.code) {
    case 'invalid_type':
      return issue.expected;
    case 'invalid_value':
      return issue.values.map((v) => JSON.stringify(v)).join(' | ');
    case 'invalid_format':
      return issue.format === 'date' ? 'an ISO date (yyyy-MM-dd)' : issue.format;
    case 'too_small':
      return `${issue.origin === 'string' || issue.origin === 'array' ? 'length ' : ''}≥ ${issue.minimum}`;
    case 'unrecognized_keys':
      return `no key ${issue.keys.map((k) => JSON.stringify(k)).join(', ')}`;
    default:
      return undefined;
  }
}

/**
 * Validates and parses a snapshot. Valid input takes the fast path compiled from the schema
 * (`fast.ts`, same output as zod); invalid or unusual input is parsed by zod, the one source of issues.
 * @example parseSnapshot({ id: '' }).ok // false, with an issue at `$.id`
 */
export function parseSnapshot(input: unknown, locale: Locale = 'en'): SnapshotParse {
  return parseWith(fastParseSnapshot, input, locale);
}

/**
 * `parseSnapshot` for evaluation: valid input takes the fast path in dense mode (`denseParseSnapshot`:
 * every key of each object shape set, `undefined` where absent, so evaluation reads monomorphic
 * objects); the snapshot is otherwise the same, and so are the issues.
 */
export function parseSnapshotForEvaluation(input: unknown, locale: Locale = 'en'): SnapshotParse {
  return parseWith(denseParseSnapshot, input, locale);
}

function parseWith(fastParse: (input: unknown) => Snapshot | undefined, input: unknown, locale: Locale): SnapshotParse {
  // valid input takes the compiled fast path; anything else gets zod, and zod's issues
  const fast = fastParse(input);
  if (fast !== undefined) return { ok: true, snapshot: fast };
  const parsed = snapshotSchema.safeParse(input, locale === 'zh-CN' ? { error: (zhCNErrors ??= zhCN().localeError) } : undefined);
  if (parsed.success) return { ok: true, snapshot: parsed.data };
  const raw = input as { id?: unknown } | null;
  const id = raw && typeof raw === 'object' && typeof raw.id === 'string' && raw.id.trim() !== '' ? raw.id : undefined;
  const issues = parsed.error.issues.map((issue) => {
    const flat = issue.code === 'invalid_union' ? flattenIssues([issue], input)[0]! : { path: issue.path, message: issue.message };
    const expected = expectedOf(issue);
    return { code: issue.code, path: jsonPath(flat.path), ...(expected === undefined ? {} : { expected }), message: flat.message };
  });
  return { ok: false, ...(id === undefined ? {} : { id }), issues };
}
