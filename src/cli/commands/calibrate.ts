/**
 * `dealqual calibrate <history…> --out model.json`: fits the probability model to a team's closed
 * deals (src/model/calibrate.ts), cross-validates it against the uncalibrated model and the base rate,
 * writes the calibrated model file and prints the report.
 */
import { resolve } from 'node:path';
import { calibrate, repeatedCrossValidate, MAX_SD, MIN_SD, type CrossValidationReport, type HeldOutPrediction, type RepeatedCrossValidation, type ScoreSummary } from '../../model/calibrate.js';
import { prepareHistory, type HistoryItem, type PreparedHistory } from '../../model/history.js';
import { columnIssueText, HistoryError, invalidInputTexts, readHistory, type HistoryInput } from '../../model/inputs.js';
import { levelContribution, levelPrior, type Model } from '../../model/prior.js';
import { dealValue, readInputs } from '../../node/inputs.js';
import { intFlag, parse } from '../args.js';
import { argsLocale } from '../words.js';
import { writeStderr } from '../terminal.js';
import { evaluateOptions } from '../audit/engine.js';
import { packObjects } from '../packs.js';
import { auditSettingsOf } from '../collect.js';
import { usageIn, type Command } from '../command.js';
import { inputErrorText, UsageError, type InputError } from '../errors.js';
import { COMMON_OPTIONS, COMMON_USAGE, COMMON_USAGE_ZH, resolveSettings } from '../settings.js';
import { readSheet } from '../sheets.js';
import { refuseInputAsOutput, writeOutput } from '../output-file.js';

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
      --repeat N           repeat the cross-validation N times with seeds seed … seed+N-1;
                           report the mean and spread of each score (default 1)
      --predictions FILE   write every held-out prediction (.csv or .jsonl): id, repeat, fold,
                           outcome, probability, uncalibrated
      --skip-invalid       report rows and deals that cannot be read (file, line, field path)
                           and calibrate on the rest
  -f, --format text|json|html  json: { auc, brier, logLoss, ece, baseline, baseRate, folds, model, … };
                           html: one self-contained page with a reliability diagram, ROC curves,
                           the per-fold scores and the weights calibration moved (to stdout)
${COMMON_USAGE}

Example (the CRM example shipped in fixtures/crm):
  dealqual calibrate fixtures/crm/history.csv --pack fixtures/crm/pack.json \\
    --mapping fixtures/crm/mapping.json -o crm-model.json`;

const usageZh = `用法:dealqual calibrate <历史…> [-o model.json] [选项]

用你自己的已关闭商机校准赢率。<历史…> 是任何审计输入中的商机快照(JSON、JSON Lines、CSV、xlsx、
文件夹、-);使用结果为赢单或丢单的商机,进行中的忽略。模型是基于条目评级的逻辑回归,其先验以
当前模型为中心(最大后验):商机少时权重变化小,成千上万时变化大。报告在留出的商机上(分层 k 折)
比较校准后的模型、未校准的模型和基准赢率。

选项:
  -o, --output-file 文件   写出校准后的模型文件(配合 --model 使用;--out 同义)
      --folds N            交叉验证折数(默认 10)
      --seed N             分折的随机种子(默认 1)
      --prior-sd X         每个权重的先验标准差,对数几率(默认 0.5)
      --no-monotone        允许较好的评级权重低于较差的(默认:C ≥ F ≥ W)
      --repeat N           用种子 seed … seed+N-1 重复交叉验证 N 次,报告每个指标的均值和离散
                           程度(默认 1)
      --predictions 文件   写出每个留出预测(.csv 或 .jsonl):id、repeat、fold、outcome、
                           probability、uncalibrated
      --skip-invalid       列出无法读取的行和商机(文件、行号、字段路径),用其余的校准
  -f, --format text|json|html  json:{ auc, brier, logLoss, ece, baseline, baseRate, folds, model, … };
                           html:一个独立页面,含可靠性图、ROC 曲线、各折指标和校准改变的权重
                           (输出到标准输出)
${COMMON_USAGE_ZH}

示例(fixtures/crm 中附带的 CRM 示例):
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
  repeat: { type: 'string' },
  predictions: { type: 'string' },
  'skip-invalid': { type: 'boolean' },
  format: { type: 'string', short: 'f' },
} as const;

/** Rounds every number of the report to 6 decimals: stable, readable JSON. */
const rounded = (_key: string, value: unknown) => (typeof value === 'number' && !Number.isInteger(value) ? Math.round(value * 1e6) / 1e6 : value);

const fixed = (x: number | null, digits = 3) => (x === null ? '–' : x.toFixed(digits));

function textReport(report: CrossValidationReport, extra: { out?: string; changes: Change[]; open: number; repeated: RepeatedCrossValidation; skipped: number }): string {
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
  const r = extra.repeated;
  if (r.repeats.length > 1) {
    const seeds = `${r.repeats[0]!.seed}–${r.repeats[r.repeats.length - 1]!.seed}`;
    lines.push('', `Repeated cross-validation (${r.repeats.length} × ${s.folds}-fold, seeds ${seeds}), calibrated model:`);
    lines.push(`  ${''.padEnd(10)}${'mean'.padStart(8)}${'sd'.padStart(8)}${'min'.padStart(8)}${'max'.padStart(8)}`);
    for (const [label, key] of [['AUC', 'auc'], ['Brier', 'brier'], ['log loss', 'logLoss'], ['ECE', 'ece']] as const)
      lines.push(`  ${label.padEnd(10)}${fixed(r.mean[key]).padStart(8)}${fixed(r.sd[key]).padStart(8)}${fixed(r.min[key]).padStart(8)}${fixed(r.max[key]).padStart(8)}`);
  }
  lines.push('', `Reliability of the held-out calibrated probabilities (seed ${s.seed}):`);
  lines.push(`  ${'bin'.padEnd(11)}${'deals'.padStart(6)}${'predicted'.padStart(11)}${'observed'.padStart(10)}`);
  for (const b of report.bins)
    if (b.deals > 0) lines.push(`  ${`${b.from.toFixed(1)}–${b.to.toFixed(1)}`.padEnd(11)}${String(b.deals).padStart(6)}${fixed(b.predicted).padStart(11)}${fixed(b.observed).padStart(10)}`);
  if (extra.changes.length) {
    lines.push('', 'Largest weight changes (log-odds added by the rating, or by the level read; W and no level = 0):');
    for (const c of extra.changes) lines.push(`  ${c.item.padEnd(18)} ${c.rating.padEnd(9)} ${fixed(c.before).padStart(7)} → ${fixed(c.after).padStart(7)}`);
  }
  if (extra.skipped > 0) lines.push('', `${extra.skipped} invalid input${extra.skipped === 1 ? '' : 's'} skipped (listed on stderr).`);
  lines.push('', extra.out ? `Calibrated model written to ${extra.out} (use it with --model).` : 'No model written: give --out FILE to write the calibrated model.');
  return lines.join('\n') + '\n';
}

interface Change {
  item: string;
  /** C, F, redFlag, veto, intercept, or `= <level>` for a categorical feature's level. */
  rating: string;
  before: number;
  after: number;
}

function changesOf(before: Model, after: Model, items: readonly HistoryItem[], limit = 8): Change[] {
  const all: Change[] = [{ item: '(intercept)', rating: 'intercept', before: before.intercept, after: after.intercept }];
  const levelsOf = new Map(items.map((i) => [i.id, i.levels]));
  for (const [item, w] of Object.entries(after.weights)) {
    const b = before.weights[item] ?? { C: 0, F: 0, redFlag: 0 };
    const levels = levelsOf.get(item);
    if (w.levels && levels) {
      const prior = b.levels ?? levelPrior(levels, b);
      for (const { level } of levels) {
        const [x, y] = [levelContribution(prior, level), levelContribution(w.levels, level)];
        if (x !== y) all.push({ item, rating: `= ${level}`, before: x, after: y });
      }
      continue;
    }
    for (const rating of ['C', 'F', 'redFlag', 'veto'] as const) if ((w[rating] ?? 0) !== (b[rating] ?? 0)) all.push({ item, rating, before: b[rating] ?? 0, after: w[rating] ?? 0 });
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
  usageZh,
  async run(args, io) {
    const { values, positionals } = parse(args, OPTIONS, 'calibrate');
    if (values.help) {
      await io.stdout.write(usageIn({ usage, usageZh }, argsLocale(args, io.env)) + '\n');
      return 0;
    }
    if (positionals.length === 0) throw new UsageError('no history: give files or folders of closed deals (see "dealqual calibrate --help")');
    const format = values.format ?? 'text';
    if (format !== 'text' && format !== 'json' && format !== 'html') throw new UsageError(`unknown format "${format}"; choose text, json or html`);
    const folds = intFlag(values.folds, '--folds', 2) ?? 10;
    const seed = intFlag(values.seed, '--seed', 0, 0xffffffff) ?? 1;
    const repeat = intFlag(values.repeat, '--repeat', 1) ?? 1;
    if (values.predictions !== undefined && !/\.(csv|jsonl|ndjson)$/i.test(values.predictions))
      throw new UsageError(`--predictions writes .csv or .jsonl (by the file's extension), got "${values.predictions}"`);
    const priorSd = values['prior-sd'] === undefined ? undefined : Number(values['prior-sd']);
    if (priorSd !== undefined && !(priorSd >= MIN_SD && priorSd <= MAX_SD)) throw new UsageError(`--prior-sd expects a number from ${MIN_SD} to ${MAX_SD} (log-odds), got "${values['prior-sd']}"`);
    const settings = await resolveSettings(values, io.cwd, io);
    const target = values['output-file'] ?? values.out;
    const outputs = [
      ...(target ? [{ path: target, flag: values['output-file'] !== undefined ? '-o' : '--out' }] : []),
      ...(values.predictions ? [{ path: values.predictions, flag: '--predictions' }] : []),
    ];
    await refuseInputAsOutput(outputs, positionals, settings.reads, io.cwd);
    const model = settings.model;

    // Reading is the library's (readHistory, prepareHistory with skipInvalid): this adapter feeds it
    // the rows and deals of the files, and prints what comes back.
    const audit = auditSettingsOf(settings);
    const inputs: HistoryInput[] = [];
    const unreadable: InputError[] = [];
    for await (const event of readInputs(positionals, { cwd: io.cwd, stdin: io.stdin, readSheet, ...(values.sheet ? { sheet: values.sheet } : {}), ...(settings.delimiter ? { delimiter: settings.delimiter } : {}), ...(settings.encoding ? { encoding: settings.encoding } : {}) })) {
      if (event.kind === 'error') unreadable.push(event.error);
      else if (event.row) inputs.push({ headers: event.row.headers, values: event.row.values, rowNumber: event.row.rowNumber, source: event.source });
      else {
        const value = dealValue(event);
        if (value.ok) inputs.push({ snapshot: value.value, source: event.source });
        else unreadable.push(value.error);
      }
    }
    const packs = packObjects(audit.packs);
    const off = packs.flatMap((p) => p.items.map((i) => i.id)).filter((id) => audit.policy.severities[id] === 'off');
    const read = readHistory(inputs, { packs: audit.packs, locale: audit.policy.locale, off, ...(audit.mapping ? { mapping: audit.mapping } : {}) });
    await writeStderr(io.stderr, 'note  ', read.notes.map((n) => `${n.source.file ?? '(history)'}: ${n.message}`));
    const skip = values['skip-invalid'] === true;
    const unreadableLines = unreadable.map((e) => inputErrorText(e));
    let prepared: PreparedHistory;
    try {
      prepared = prepareHistory(read, { ...evaluateOptions(audit), skipInvalid: skip, ...(model ? { model, modelName: values.model } : {}) });
      if (unreadable.length > 0 && !skip) throw new HistoryError([], []);
    } catch (error) {
      if (!(error instanceof HistoryError)) throw error;
      const lines = [...error.columns.map(columnIssueText), ...unreadableLines, ...error.invalid.flatMap(invalidInputTexts)];
      await writeStderr(io.stderr, 'error  ', lines);
      await io.stderr.write(`${lines.length} input error${lines.length === 1 ? '' : 's'}: fix them${error.columns.length === 0 ? ' or give --skip-invalid' : ''}, then calibrate again (no model written).\n`);
      return 2;
    }
    const skipped = [...unreadableLines, ...prepared.invalid.flatMap(invalidInputTexts)];
    await writeStderr(io.stderr, 'skipped  ', skipped);
    if (prepared.deals.length === 0)
      throw new UsageError(`no closed deals in the history (${prepared.open} open): calibration needs deals with outcome won or lost — is the outcome column mapped?`);

    const options = { ...(priorSd !== undefined ? { priorSd } : {}), monotone: !values['no-monotone'] };
    const fitted = calibrate(prepared, options);
    const repeated = repeatedCrossValidate(prepared, { ...options, folds, seed, repeat, ...(format === 'html' ? { predictions: true } : {}) });
    const report = repeated.report;
    if (values.predictions) await writePredictions(values.predictions, io.cwd, repeated.predictions);
    let out: string | undefined;
    if (target) {
      out = target;
      await writeOutput(out, io.cwd, JSON.stringify(fitted.file, null, 2) + '\n');
    }
    const changes = changesOf(prepared.current, fitted.model, prepared.items);
    if (format === 'html') {
      const { calibrationHtml } = await import('../formatters/html/calibrate.js');
      await io.stdout.write(await calibrationHtml(report, changesOf(prepared.current, fitted.model, prepared.items, 20), settings.policy.locale));
    } else if (format === 'json') {
      const json = {
        ...report,
        ...(repeat > 1 ? { repeat: { runs: repeated.repeats, mean: repeated.mean, sd: repeated.sd, min: repeated.min, max: repeated.max } } : {}),
        ...(skipped.length > 0 ? { skipped: skipped.length } : {}),
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
    } else await io.stdout.write(textReport(report, { ...(out ? { out } : {}), changes, open: prepared.open, repeated, skipped: skipped.length }));
    return 0;
  },
};

/** Writes held-out predictions: CSV (with a header) or JSON Lines, by the file's extension. */
async function writePredictions(file: string, cwd: string, predictions: readonly HeldOutPrediction[]): Promise<void> {
  const r6 = (x: number) => Math.round(x * 1e6) / 1e6;
  const csvCell = (s: string) => (/[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  const text = /\.csv$/i.test(file)
    ? ['id,repeat,fold,outcome,probability,uncalibrated', ...predictions.map((p) => [csvCell(p.id), p.repeat, p.fold, p.outcome, r6(p.probability), r6(p.uncalibrated)].join(','))].join('\n') + '\n'
    : predictions.map((p) => JSON.stringify({ ...p, probability: r6(p.probability), uncalibrated: r6(p.uncalibrated) })).join('\n') + '\n';
  await writeOutput(file, cwd, text);
}
