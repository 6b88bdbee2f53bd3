/** Reads whole inputs into memory (explain, diff): each deal's result, or input errors. */
import { evaluateSync } from '../evaluate.js';
import type { Result } from '../result.js';
import { readInputs } from '../node/inputs.js';
import type { CliIO } from './command.js';
import { evaluateOptions, observableOf, rowOptions, snapshotOf, type AuditSettings } from './audit/engine.js';
import { columnChecker } from './audit/rows.js';
import type { InputError, Source } from './errors.js';
import { problemsOf, type Problem } from './policy.js';
import { readSheet } from './sheets.js';
import type { Settings } from './settings.js';

export interface Collected {
  source: Source;
  result: Result;
  problems: Problem[];
  /** The input was already a result (a JSON audit), not a snapshot. */
  fromAudit: boolean;
}

export function auditSettingsOf(settings: Settings, format = 'json'): AuditSettings {
  return {
    packs: settings.packs,
    ...(settings.asOf !== undefined ? { asOf: settings.asOf } : {}),
    ...(settings.staleDays !== undefined ? { staleDays: settings.staleDays } : {}),
    ...(settings.horizonDays !== undefined ? { horizonDays: settings.horizonDays } : {}),
    ...(settings.requireEvidence !== undefined ? { requireEvidence: settings.requireEvidence } : {}),
    policy: settings.policy,
    ...(settings.model ? { model: settings.model } : {}),
    ...(settings.mapping ? { mapping: settings.mapping } : {}),
    format,
    context: { locale: settings.policy.locale, color: false },
  };
}

const isResult = (v: unknown): v is Result =>
  typeof v === 'object' && v !== null && (v as Result).ok === true && typeof (v as Result).stage === 'object' && typeof (v as Result).items === 'object';

export async function collect(paths: readonly string[], settings: Settings, io: CliIO, sheet?: string): Promise<{ deals: Collected[]; errors: InputError[]; notes: string[] }> {
  const audit = auditSettingsOf(settings);
  const options = evaluateOptions(audit);
  const rows = rowOptions(audit);
  const checkColumns = columnChecker(rows);
  const observable = observableOf(audit, rows);
  const notes: string[] = [];
  const deals: Collected[] = [];
  const errors: InputError[] = [];
  for await (const event of readInputs(paths, { cwd: io.cwd, stdin: io.stdin, readSheet, ...(sheet ? { sheet } : {}), ...(settings.delimiter ? { delimiter: settings.delimiter } : {}), ...(settings.encoding ? { encoding: settings.encoding } : {}) })) {
    if (event.kind === 'error') {
      errors.push(event.error);
      continue;
    }
    const checked = event.row ? checkColumns(event.row, event.source) : undefined;
    if (checked) {
      errors.push(...checked.errors);
      notes.push(...checked.notes);
    }
    const value = snapshotOf(event, rows);
    if (!value.ok) {
      errors.push(...value.errors);
      continue;
    }
    if (isResult(value.value)) {
      deals.push({ source: event.source, result: value.value, problems: problemsOf(value.value, settings.policy, settings.packs), fromAudit: true });
      continue;
    }
    const fed = settings.model ? undefined : observable(event);
    const result = evaluateSync(value.value, fed ? { ...options, observable: fed } : options);
    if (!result.ok) {
      for (const i of result.issues) errors.push({ source: event.source, ...(result.id ? { id: result.id } : {}), path: i.path, message: i.message });
      continue;
    }
    deals.push({ source: event.source, result, problems: problemsOf(result, settings.policy, settings.packs), fromAudit: false });
  }
  return { deals, errors, notes };
}
