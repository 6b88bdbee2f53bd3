/**
 * Formatters, ESLint style: `(records, context) => string`. Each is built from per-deal pieces so
 * the audit can stream: `deal` runs once per deal (in a worker with --jobs), `begin` and `end` once.
 * Streaming formats print as they go; spooled ones (junit, markdown, sarif) keep their pieces in
 * temporary files until the end (`spool`); html and xlsx get every piece at the end.
 */
import type { Locale } from '../../locale/messages.js';
import type { DescribedResult, Result } from '../../result.js';
import type { Row } from '../../node/inputs.js';
import type { MappingInput } from '../../flat/mapping.js';
import type { InputError, Source } from '../errors.js';
import type { Problem } from '../policy.js';

/** One audited deal. */
export interface AuditRecord {
  source: Source;
  /** Compact, or described (with its texts) for `--detail full` and formats that read texts (`Formatter.texts`). */
  result: Result | DescribedResult;
  problems: Problem[];
  /** From the snapshot, for the weighted pipeline. */
  amount?: number;
  currency?: string;
  /** The input row, for CSV and sheet inputs. */
  row?: Row;
}

/** A pack item's metadata (SARIF rule descriptors, HTML cards). */
export interface ItemMeta {
  id: string;
  pack: string;
  step: number;
  star: boolean;
  title: { zh: string; en: string };
  signals: { n: number; zh: string; en: string }[];
  docs: string;
}

export interface FormatContext {
  locale: Locale;
  /** The evaluated packs' items: given to the formats that describe rules (sarif, html). */
  items?: ItemMeta[];
  /** Neutralise spreadsheet formulas in csv/xlsx cells (default true; OWASP CSV injection). */
  escapeFormulas?: boolean;
  /** The input's mapping: csv/xlsx keep an input column named like a result column when it reads it. */
  mapping?: MappingInput;
  /** ANSI colour (stylish on a TTY without NO_COLOR). */
  color: boolean;
  maxWarnings?: number;
  minProbability?: number;
}

/** Counters kept while streaming: all a summary needs, in bounded memory. */
export interface Summary {
  deals: number;
  /** Deals with at least one error. */
  failed: number;
  errors: number;
  warnings: number;
  steps: Record<string, number>;
  milestones: Record<string, number>;
  /** Open deals (not won or lost) with an amount, per currency ('' when none is given). */
  pipeline: Record<string, { weighted: number; amount: number; deals: number }>;
  inputErrors: InputError[];
  /** Input errors beyond those kept in `inputErrors`. */
  moreInputErrors: number;
  /** Deals with the id of an earlier deal (kept up to MAX_KEPT_INPUT_ERRORS; all are counted). */
  duplicates?: Duplicate[];
}

/** A deal whose id an earlier deal of the same run already has (rule `duplicate-id`). */
export interface Duplicate {
  id: string;
  source: Source;
  /** Where the id was first seen. */
  first: Source;
  severity: 'warn' | 'error';
}

/** Per-deal counters, small enough to pass back from a worker. */
export interface DealStats {
  /** The deal id (duplicate ids are found on the main thread, in input order). */
  id?: string;
  step: number;
  milestone: string;
  probability: number;
  errors: number;
  warnings: number;
  amount?: number;
  currency?: string;
}

export interface Formatter {
  name: string;
  /** Whether pieces are printed as they come (else all pieces are handed to `end`). */
  streaming: boolean;
  /** Whether `deal` reads texts (titles, signals, messages): its records then carry the described result. */
  texts?: boolean;
  begin?(context: FormatContext): string;
  deal(record: AuditRecord, context: FormatContext): string;
  /** Turns a piece into output text on the main thread, in input order (`state` lives for one run). */
  emit?(piece: string, state: Record<string, unknown>): string;
  /** Whether `emit` no longer changes `state`: workers (--jobs) may then emit with a copy of it. */
  settled?(state: Record<string, unknown>): boolean;
  /** Between two deal pieces. */
  separator?: string;
  /**
   * The closing text, or its parts in order (a text longer than a string can be: sarif of 100,000
   * deals); `state` is the one `emit` kept (bounded data of buffered formats, e.g. html).
   */
  end?(summary: Summary, context: FormatContext, pieces: readonly string[], state: Record<string, unknown>): string | string[] | Promise<string>;
  /**
   * A buffered format whose pieces wait in temporary files, not in memory, until the totals its
   * head needs are known (junit, markdown, sarif); it has no `end`. A piece is `parts` texts split
   * by NUL, each led by its own separator, appended to its part's spool in input order. With
   * `keys`, each `\u0001key\u0001` in a piece is written as the key's number in order of first use
   * over the run (sarif's ruleIndex). `layout` gives the whole output in order: texts, and the
   * parts (`skip`: the part's first bytes left out, e.g. the separator of its first piece).
   */
  spool?: {
    parts: number;
    keys?: boolean;
    layout(summary: Summary, context: FormatContext, sizes: readonly number[], keys: readonly string[]): (string | { part: number; skip?: number })[];
  };
}

/** A spooled piece's parts (`Formatter.spool`): the texts between NULs, `parts` of them. */
export function splitParts(piece: string, parts: number): string[] {
  if (parts <= 1) return [piece];
  const texts: string[] = [];
  let from = 0;
  for (let p = 0; p < parts; p++) {
    const cut = p === parts - 1 ? piece.length : piece.indexOf('\u0000', from);
    texts.push(piece.slice(from, cut === -1 ? piece.length : cut));
    from = cut === -1 ? piece.length : cut + 1;
  }
  return texts;
}

/**
 * The keys of a spooled piece (`\u0001key\u0001`), in order.
 * @example [...pieceKeys('a \u0001s2.2\u0001 b \u0001stale\u0001')] // ['s2.2', 'stale']
 */
export function* pieceKeys(piece: string): Generator<string> {
  for (let at = piece.indexOf('\u0001'); at !== -1; ) {
    const end = piece.indexOf('\u0001', at + 1);
    if (end === -1) return;
    yield piece.slice(at + 1, end);
    at = piece.indexOf('\u0001', end + 1);
  }
}

export const emptySummary = (): Summary => ({
  deals: 0,
  failed: 0,
  errors: 0,
  warnings: 0,
  steps: {},
  milestones: {},
  pipeline: {},
  inputErrors: [],
  moreInputErrors: 0,
});

export function statsOf(record: AuditRecord): DealStats {
  let errors = 0;
  let warnings = 0;
  for (const p of record.problems) p.severity === 'error' ? (errors += 1) : (warnings += 1);
  return {
    id: record.result.id,
    step: record.result.stage.step,
    milestone: record.result.stage.milestone,
    probability: record.result.probability,
    errors,
    warnings,
    ...(record.amount !== undefined ? { amount: record.amount } : {}),
    ...(record.currency !== undefined ? { currency: record.currency } : {}),
  };
}

export function addStats(summary: Summary, s: DealStats): void {
  summary.deals += 1;
  summary.errors += s.errors;
  summary.warnings += s.warnings;
  if (s.errors > 0) summary.failed += 1;
  summary.steps[s.step] = (summary.steps[s.step] ?? 0) + 1;
  summary.milestones[s.milestone] = (summary.milestones[s.milestone] ?? 0) + 1;
  if (s.amount !== undefined && s.milestone !== 'won' && s.milestone !== 'lost') {
    const p = (summary.pipeline[s.currency ?? ''] ??= { weighted: 0, amount: 0, deals: 0 });
    p.weighted += s.amount * s.probability;
    p.amount += s.amount;
    p.deals += 1;
  }
}

export const MAX_KEPT_INPUT_ERRORS = 1000;

/**
 * Counts a `duplicate-id` problem: a deal with the id of an earlier deal. It is a problem of the
 * input set, not of either deal, so it is listed on stderr with the input errors; its severity
 * (default warn) counts toward the exit code like any other problem.
 */
export function addDuplicate(summary: Summary, duplicate: Duplicate): void {
  if (duplicate.severity === 'error') summary.errors += 1;
  else summary.warnings += 1;
  const list = (summary.duplicates ??= []);
  if (list.length < MAX_KEPT_INPUT_ERRORS) list.push(duplicate);
}

export function addInputError(summary: Summary, error: InputError): void {
  if (summary.inputErrors.length < MAX_KEPT_INPUT_ERRORS) summary.inputErrors.push(error);
  else summary.moreInputErrors += 1;
}

/** Whether the audit fails (exit 1): an error, or more warnings than allowed. */
export const overThresholds = (summary: Summary, maxWarnings: number | undefined): boolean =>
  summary.errors > 0 || (maxWarnings !== undefined && maxWarnings >= 0 && summary.warnings > maxWarnings);

/**
 * Whole-number amount with thousands separators, independent of the host locale; every digit of a
 * large amount is written out. A sum beyond the largest double (about 1.8e308) says it overflowed.
 * @example money(1234567.4) // '1,234,567'
 * @example money(Infinity) // 'more than 1.8e308 (the sum overflowed)'
 */
export const money = (n: number): string => {
  if (!Number.isFinite(n)) return Number.isNaN(n) ? 'not a number' : `${n < 0 ? 'less than -1.8e308' : 'more than 1.8e308'} (the sum overflowed)`;
  const r = Math.round(n);
  const digits = Math.abs(r) < 1e21 ? String(Math.abs(r)) : BigInt(Math.abs(r)).toString();
  return (r < 0 ? '-' : '') + digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
};

export const MILESTONES = ['lead', 'opportunity', 'project', 'won', 'lost'] as const;

/** Runs a formatter over records already in memory (the ESLint-style `(results, context) => string`). */
export async function formatAll(formatter: Formatter, records: readonly AuditRecord[], context: FormatContext, inputErrors: readonly InputError[] = []): Promise<string> {
  const summary = emptySummary();
  const pieces = records.map((r) => {
    addStats(summary, statsOf(r));
    return formatter.deal(r, context);
  });
  for (const e of inputErrors) addInputError(summary, e);
  const state: Record<string, unknown> = {};
  const texts = formatter.emit ? pieces.map((p) => formatter.emit!(p, state)) : pieces;
  if (formatter.spool) {
    // The spools as strings: each part's texts joined, keys numbered in order of first use.
    const { parts, keys, layout } = formatter.spool;
    const joined = Array.from({ length: parts }, (_, p) => texts.map((t) => splitParts(t, parts)[p]).join(''));
    const numbers = new Map<string, number>();
    if (keys) for (const t of texts) for (const k of pieceKeys(t)) if (!numbers.has(k)) numbers.set(k, numbers.size);
    const number = (text: string) => (keys ? text.replace(/\u0001([^\u0001]*)\u0001/g, (_, k: string) => String(numbers.get(k) ?? k)) : text);
    const sizes = joined.map((t) => Buffer.byteLength(t));
    return layout(summary, context, sizes, [...numbers.keys()])
      .map((e) => (typeof e === 'string' ? e : number(joined[e.part]!.slice(e.skip ?? 0))))
      .join('');
  }
  const begin = formatter.begin?.(context) ?? '';
  const closing = (await formatter.end?.(summary, context, formatter.streaming ? [] : texts, state)) ?? '';
  const end = typeof closing === 'string' ? closing : closing.join('');
  return formatter.streaming ? begin + texts.join(formatter.separator ?? '') + end : begin + end;
}
