/**
 * One deal through the audit: input event → snapshot → `evaluateSync` → problems → formatted piece
 * and counters. Pure apart from the formatter; runs on the main thread or in a worker (--jobs).
 */
import type { MappingInput } from '../../flat/mapping.js';
import { evaluateSync, type EvaluateOptions } from '../../evaluate.js';
import type { Model } from '../../model/prior.js';
import type { DefaultPackId } from '../../packs/builtin.js';
import type { Pack } from '../../packs/schema.js';
import { dealValue, type InputEvent, type Row } from '../../node/inputs.js';
import type { InputError } from '../errors.js';
import { problemsOf, type Policy } from '../policy.js';
import { formatterOf } from '../formatters/index.js';
import { statsOf, type AuditRecord, type DealStats, type FormatContext } from '../formatters/types.js';
import { packObjects } from '../packs.js';
import { rowSnapshot, type RowOptions } from './rows.js';
import { fedPaths } from '../../flat/row.js';
import { observableItems } from '../../model/observable.js';

/** Everything a worker needs: plain data only (structured-clone safe). */
export interface AuditSettings {
  packs: (DefaultPackId | Pack)[];
  asOf?: string;
  staleDays?: number;
  requireEvidence?: boolean;
  horizonDays?: number;
  model?: Model;
  policy: Policy;
  mapping?: MappingInput;
  /** `full`: results with their texts (json/jsonl output); default compact. */
  detail?: 'full';
  format: string;
  context: FormatContext;
}

export type DealOutcome = { ok: true; piece: string; stats: DealStats } | { ok: false; errors: InputError[] };

export type DealEvent = Extract<InputEvent, { kind: 'deal' }>;

export function evaluateOptions(settings: AuditSettings): EvaluateOptions {
  return {
    packs: settings.packs,
    locale: settings.policy.locale,
    ...(settings.asOf !== undefined ? { asOf: settings.asOf } : {}),
    ...(settings.staleDays !== undefined ? { staleDays: settings.staleDays } : {}),
    ...(settings.requireEvidence !== undefined ? { requireEvidence: settings.requireEvidence } : {}),
    ...(settings.horizonDays !== undefined ? { horizonDays: settings.horizonDays } : {}),
    ...(settings.model ? { model: settings.model } : {}),
    ...(settings.detail ? { detail: settings.detail } : {}),
  };
}

export function rowOptions(settings: AuditSettings): RowOptions {
  return {
    ...(settings.mapping ? { mapping: settings.mapping } : {}),
    items: new Set(packObjects(settings.packs).flatMap((p) => p.items.map((i) => i.id))),
    locale: settings.policy.locale,
  };
}

/** The snapshot value of an event, or the errors that stop it being one. */
export function snapshotOf(event: DealEvent, rows: RowOptions): { ok: true; value: unknown } | { ok: false; errors: InputError[] } {
  if (event.row) return rowSnapshot(event.row, event.source, rows);
  const v = dealValue(event);
  return v.ok ? v : { ok: false, errors: [v.error] };
}

/**
 * The items each input can feed (docs/probability.md): for a table, those its columns reach; for
 * any input, not those switched off in the config. Undefined where every item can be fed.
 */
export function observableOf(settings: AuditSettings, rows: RowOptions = rowOptions(settings)): (event: DealEvent) => ReadonlySet<string> | undefined {
  const packs = packObjects(settings.packs);
  const off = packs.flatMap((p) => p.items.map((i) => i.id)).filter((id) => settings.policy.severities[id] === 'off');
  const always = off.length > 0 ? observableItems(packs, undefined, off) : undefined;
  const byHeaders = new WeakMap<readonly string[], ReadonlySet<string>>();
  return (event) => {
    if (!event.row) return always;
    let set = byHeaders.get(event.row.headers);
    if (!set) {
      const fed = fedPaths(event.row.headers, { ...(rows.mapping ? { mapping: rows.mapping } : {}), ...(rows.items ? { items: rows.items } : {}) });
      byHeaders.set(event.row.headers, (set = observableItems(packs, fed, off)));
    }
    return set;
  };
}

/** Audits one deal: the record (for explain and tests) or input errors. */
export function auditRecord(
  event: DealEvent,
  settings: AuditSettings,
  options = evaluateOptions(settings),
  rows = rowOptions(settings),
  observable = observableOf(settings, rows),
): { ok: true; record: AuditRecord } | { ok: false; errors: InputError[] } {
  const snapshot = snapshotOf(event, rows);
  if (!snapshot.ok) return snapshot;
  const fed = settings.model ? undefined : observable(event);
  const result = evaluateSync(snapshot.value, fed ? { ...options, observable: fed } : options);
  if (!result.ok)
    return {
      ok: false,
      errors: result.issues.map((i) => ({
        source: event.source,
        ...(result.id !== undefined ? { id: result.id } : {}),
        path: i.path,
        message: i.expected !== undefined && !i.message.replace(/\s/g, '').includes(i.expected.replace(/\s/g, '')) ? `${i.message} (expected ${i.expected})` : i.message,
      })),
    };
  const raw = snapshot.value as { amount?: unknown; currency?: unknown };
  const record: AuditRecord = {
    source: event.source,
    result,
    problems: problemsOf(result, settings.policy, settings.packs),
    ...(typeof raw.amount === 'number' ? { amount: raw.amount } : {}),
    ...(typeof raw.currency === 'string' ? { currency: raw.currency } : {}),
    ...(event.row ? { row: event.row as Row } : {}),
  };
  return { ok: true, record };
}

/** Makes a per-deal function for these settings (formatter and evaluate options resolved once). */
export function dealAuditor(settings: AuditSettings): (event: DealEvent) => DealOutcome {
  const formatter = formatterOf(settings.format);
  // Texts are resolved last, and only for a format that prints them.
  const options: EvaluateOptions = formatter.texts ? { ...evaluateOptions(settings), detail: 'full' } : evaluateOptions(settings);
  const rows = rowOptions(settings);
  const observable = observableOf(settings, rows);
  return (event) => {
    try {
      const audited = auditRecord(event, settings, options, rows, observable);
      if (!audited.ok) return audited;
      return { ok: true, piece: formatter.deal(audited.record, settings.context), stats: statsOf(audited.record) };
    } catch (error) {
      // A bug must cost one deal, not the audit: it is reported as that deal's error.
      return { ok: false, errors: [{ source: event.source, path: '$', message: `internal error (please report it): ${error instanceof Error ? error.message : String(error)}` }] };
    }
  };
}
