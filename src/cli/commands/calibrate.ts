/**
 * `dealqual calibrate <history…> --out model.json`: fits the probability model to a team's closed
 * deals (src/model/calibrate.ts), cross-validates it against the uncalibrated model and the base rate,
 * writes the calibrated model file and prints the report.
 */
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { calibrate, crossValidate, type CrossValidationReport, type ScoreSummary } from '../../model/calibrate.js';
import { prepareHistory } from '../../model/history.js';
import type { Model } from '../../model/prior.js';
import { readInputs } from '../../node/inputs.js';
import { parseJson } from '../../node/json.js';
import { intFlag, parse } from '../args.js';
import { evaluateOptions, rowOptions, snapshotOf } from '../audit/engine.js';
import { auditSettingsOf } from '../collect.js';
import type { Command } from '../command.js';
import { inputErrorText, UsageError, type InputError } from '../errors.js';
import { COMMON_OPTIONS, COMMON_USAGE, resolveSettings } from '../settings.js';
import { readSheet } from '../sheets.js';
import { readUserText } from '../user-file.js';

const usage = `Usage: dealqual calibrate <history…> [-o model.json] [options]

Calibrates the win probability on your own closed deals. <history…> are deal snapshots in any audit
input (JSON, JSON Lines, CSV, xlsx, folders, -); deals with outcome won or lost are used, open ones
ignored. The model is a logistic regression over the item ratings whose prior is centred on the
current model (MAP): few deals move the weights a little, thousands a lot. The report compares, on
held-out deals (stratified k-fold), the calibrated model with the uncalibrated one and the base rate.

Options:
  -o, --output-file FILE   write the calibrated model file (use it with --model; --out is an alias)
      --folds N            cross-validation folds (default 10)
      --seed N             seed of the fold assignment (default 1)
      --prior-sd X         prior standard deviation of each weight, log-odds (default 0.5)
      --no-monotone        let a rating weigh less than a worse one (default: C ≥ F ≥ W)
      --mapping FILE       JSON object: CSV column header → snapshot field (id, outcome, custom.x, …)
  -f, --format text|json|html  json: { auc, brier, logLoss, ece, baseline, baseRate, folds, model, … };
                           html: one self-contained page with a reliability diagram, ROC curves,
                           the per-fold scores and the weights calibration moved (to stdout)
${COMMON_USAGE}

Example (the CRM example shipped in fixtures/crm):
  dealqual calibrate fixtures/crm/history.csv --pack fixtures/crm/pack.json \\
    --mapping fixtures/crm/mapping.json -o crm-model.json`;

const OPTIONS = {
  ...COMMON_OPTIONS,
  'output-file': { type: 'string', short: 'o' },
  out: { type: 'string' },
  folds: { type: 'string' },
  seed: { type: 'string' },
  'prior-sd': { type: 'string' },
  'no-monotone': { type: 'boolean' },
  mapping: { type: 'string' },
  format: { type: 'string', short: 'f' },
} as const;

/** Rounds every number of the report to 6 decimals: stable, readable JSON. */
const rounded = (_key: string, value: unknown) => (typeof value === 'number' && !Number.isInteger(value) ? Math.round(value * 1e6) / 1e6 : value);

async function readMapping(path: string, cwd: string): Promise<Record<string, string>> {
  const parsed = parseJson(await readUserText(path, cwd, 'mapping'));
  if (!parsed.ok) throw new UsageError(`${path}:${parsed.line}: ${parsed.message} (column ${parsed.column})`);
  const value = parsed.value;
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    throw new UsageError(`${path}: a mapping is a JSON object of column header → snapshot field, e.g. { "Opportunity ID": "id", "Competitors": "custom.competitors" }`);
  for (const [header, target] of Object.entries(value))
    if (typeof target !== 'string') throw new UsageError(`${path}: $[${JSON.stringify(header)}]: expected a snapshot field path (text) or "-", got ${JSON.stringify(target)}`);
  return value as Record<string, string>;
}

const fixed = (x: number | null, digits = 3) => (x === null ? '–' : x.toFixed(digits));

function textReport(report: CrossValidationReport, extra: { out?: string; changes: Change[]; open: number }): string {
  const lines: string[] = [];
  lines.push(
    `Closed deals: ${report.deals} (${report.won} won, ${report.lost} lost${report.winRate !== null ? `, win rate ${(report.winRate * 100).toFixed(1)}%` : ''}); ${extra.open} open ignored.`,
  );
  const s = report.settings;
  lines.push('', `Held-out scores (${s.folds}-fold stratified cross-validation, seed ${s.seed}; prior sd ${s.priorSd}, ${s.monotone ? 'monotone' : 'unconstrained'}):`);
  lines.push(`  ${''.padEnd(10)}${'calibrated'.padStart(12)}${'uncalibrated'.padStart(14)}${'base rate'.padStart(12)}`);
  const row = (label: string, key: keyof ScoreSummary, note: string) =>
    lines.push(`  ${label.padEnd(10)}${fixed(report[key] as number | null).padStart(12)}${fixed(report.baseline[key] as number | null).padStart(14)}${fixed(report.baseRate[key] as number | null).padStart(12)}   ${note}`);
  row('AUC', 'auc', 'higher ranks won deals above lost ones');
  row('Brier', 'brier', 'lower is better');
  row('log loss', 'logLoss', 'lower is better');
  row('ECE', 'ece', 'calibration error: lower is better');
  if (extra.changes.length) {
    lines.push('', 'Largest weight changes (log-odds added by the rating; W = 0):');
    for (const c of extra.changes) lines.push(`  ${c.item.padEnd(18)} ${c.rating.padEnd(9)} ${fixed(c.before).padStart(7)} → ${fixed(c.after).padStart(7)}`);
  }
  lines.push('', extra.out ? `Calibrated model written to ${extra.out} (use it with --model).` : 'No model written: give --out FILE to write the calibrated model.');
  return lines.join('\n') + '\n';
}

interface Change {
  item: string;
  rating: 'C' | 'F' | 'redFlag' | 'intercept';
  before: number;
  after: number;
}

function changesOf(before: Model, after: Model, limit = 8): Change[] {
  const all: Change[] = [{ item: '(intercept)', rating: 'intercept', before: before.intercept, after: after.intercept }];
  for (const [item, w] of Object.entries(after.weights)) {
    const b = before.weights[item] ?? { C: 0, F: 0, redFlag: 0 };
    for (const rating of ['C', 'F', 'redFlag'] as const) if (w[rating] !== b[rating]) all.push({ item, rating, before: b[rating], after: w[rating] });
  }
  return all
    .map((c, order) => ({ c, order }))
    .sort((a, b) => Math.abs(b.c.after - b.c.before) - Math.abs(a.c.after - a.c.before) || a.order - b.order)
    .slice(0, limit)
    .map(({ c }) => c);
}

export const calibrateCommand: Command = {
  name: 'calibrate',
  summary: 'calibrate the win probability on your closed deals; cross-validated report',
  usage,
  async run(args, io) {
    const { values, positionals } = parse(args, OPTIONS, 'calibrate');
    if (values.help) {
      await io.stdout.write(usage + '\n');
      return 0;
    }
    if (positionals.length === 0) throw new UsageError('no history: give files or folders of closed deals (see "dealqual calibrate --help")');
    const format = values.format ?? 'text';
    if (format !== 'text' && format !== 'json' && format !== 'html') throw new UsageError(`unknown format "${format}"; choose text, json or html`);
    const folds = intFlag(values.folds, '--folds', 2) ?? 10;
    const seed = intFlag(values.seed, '--seed', 0) ?? 1;
    const priorSd = values['prior-sd'] === undefined ? undefined : Number(values['prior-sd']);
    if (priorSd !== undefined && !(priorSd > 0 && Number.isFinite(priorSd))) throw new UsageError(`--prior-sd expects a positive number, got "${values['prior-sd']}"`);
    const settings = await resolveSettings(values, io.cwd, io.env);
    if (values.mapping) settings.mapping = await readMapping(values.mapping, io.cwd);
    const model = settings.model;

    const audit = auditSettingsOf(settings);
    const rows = rowOptions(audit);
    const history: unknown[] = [];
    const errors: InputError[] = [];
    for await (const event of readInputs(positionals, { cwd: io.cwd, stdin: io.stdin, readSheet, ...(values.sheet ? { sheet: values.sheet } : {}), ...(settings.delimiter ? { delimiter: settings.delimiter } : {}) })) {
      if (event.kind === 'error') {
        errors.push(event.error);
        continue;
      }
      const value = snapshotOf(event, rows);
      if (value.ok) history.push({ value: value.value, source: event.source });
      else errors.push(...value.errors);
    }
    const entries = history as { value: unknown; source: InputError['source'] }[];
    const prepared = prepareHistory(
      entries.map((e) => e.value),
      { ...evaluateOptions(audit), ...(model ? { model, modelName: values.model } : {}) },
    );
    for (const invalid of prepared.invalid)
      for (const issue of invalid.issues)
        errors.push({ source: entries[invalid.index]!.source, ...(invalid.id !== undefined ? { id: invalid.id } : {}), path: issue.path, message: issue.message });
    if (errors.length > 0) {
      await io.stderr.write(errors.map((e) => `error  ${inputErrorText(e)}`).join('\n') + `\n${errors.length} input error${errors.length === 1 ? '' : 's'}: fix them, then calibrate again (no model written).\n`);
      return 2;
    }
    if (prepared.deals.length === 0)
      throw new UsageError(`no closed deals in the history (${prepared.open} open): calibration needs deals with outcome won or lost — is the outcome column mapped?`);

    const options = { ...(priorSd !== undefined ? { priorSd } : {}), monotone: !values['no-monotone'] };
    const fitted = calibrate(prepared, options);
    const report = crossValidate(prepared, { ...options, folds, seed, ...(format === 'html' ? { predictions: true } : {}) });
    let out: string | undefined;
    const target = values['output-file'] ?? values.out;
    if (target) {
      out = target;
      try {
        await writeFile(resolve(io.cwd, out), JSON.stringify(fitted.file, null, 2) + '\n');
      } catch (error) {
        throw new UsageError(`cannot write ${out}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
      }
    }
    const changes = changesOf(prepared.current, fitted.model);
    if (format === 'html') {
      const { calibrationHtml } = await import('../formatters/html/calibrate.js');
      await io.stdout.write(await calibrationHtml(report, changesOf(prepared.current, fitted.model, 20), settings.policy.locale));
    } else if (format === 'json') {
      const json = {
        ...report,
        model: {
          ...(out ? { out } : {}),
          prior: prepared.currentName,
          iterations: fitted.iterations,
          converged: fitted.converged,
          intercept: fitted.model.intercept,
          changes,
        },
      };
      await io.stdout.write(JSON.stringify(json, rounded, 2) + '\n');
    } else await io.stdout.write(textReport(report, { ...(out ? { out } : {}), changes, open: prepared.open }));
    return 0;
  },
};
