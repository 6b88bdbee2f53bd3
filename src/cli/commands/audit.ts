/** `dealqual audit <paths…>`: ESLint for deals. */
import { availableParallelism } from 'node:os';
import { intFlag, parse } from '../args.js';
import { runAudit } from '../audit/run.js';
import { columnChecker } from '../audit/rows.js';
import { rowOptions, type DealEvent } from '../audit/engine.js';
import type { AuditSettings } from '../audit/engine.js';
import type { Command, CliIO, Writer } from '../command.js';
import { openOutput, refuseInputAsOutput, type OutputFile } from '../output-file.js';
import { UsageError } from '../errors.js';
import { formatterOf } from '../formatters/index.js';
import { inputErrorsText } from '../formatters/stylish.js';
import { overThresholds } from '../formatters/types.js';
import { COMMON_OPTIONS, resolveSettings } from '../settings.js';
import { auditSettingsOf } from '../collect.js';
import type { InputKind } from '../../node/inputs.js';
import { packObjects } from '../packs.js';
import { countDeals, progressMeter } from '../progress.js';
import { expandGlobs } from '../globs.js';
import { argsLocale } from '../words.js';
import type { ItemMeta } from '../formatters/types.js';
import { auditUsage } from './audit-usage.js';
import { readSheet, xlsxOutput } from '../sheets.js';
import { writeStderr } from '../terminal.js';

/**
 * Whether to colour: --color / --no-color, else FORCE_COLOR (set and not 0/false: on; 0/false: off),
 * else NO_COLOR (set and non-empty: off), else on when stdout is a TTY and the report is not a file.
 */
export function colorOf(values: { color?: boolean; 'no-color'?: boolean }, io: Pick<CliIO, 'env' | 'stdoutIsTTY'>, toFile: boolean): boolean {
  if (values['no-color']) return false;
  if (values.color) return true;
  const force = io.env.FORCE_COLOR;
  if (force !== undefined) return !/^(0|false)$/i.test(force);
  if (io.env.NO_COLOR) return false;
  return !toFile && io.stdoutIsTTY;
}

/** The evaluated packs' items as formatter metadata (SARIF rule help, HTML cards). */
const itemMetas = (packs: Parameters<typeof packObjects>[0]): ItemMeta[] =>
  packObjects(packs).flatMap((p) => p.items.map((i) => ({ id: i.id, pack: p.id, step: i.step, star: i.star, title: i.title, signals: i.signals, docs: i.docs })));

/**
 * Worker threads for `--jobs N`: at most one per CPU (more only contend for the same cores and
 * multiply memory), said on stderr when the request is cut. The pool starts a worker only when a
 * batch of deals is waiting for one, so a small input never starts more than it needs.
 */
async function workerCount(requested: number, io: CliIO): Promise<number> {
  const cpus = availableParallelism();
  if (requested <= cpus) return requested;
  await writeStderr(io.stderr, 'dealqual: ', [`--jobs ${requested} capped at ${cpus}, the number of CPUs`]);
  return cpus;
}

export const audit: Command = {
  name: 'audit',
  summary: 'audit deal files, folders, JSON Lines, CSV or stdin (exit 0 clean, 1 findings, 2 errors)',
  get usage() {
    return auditUsage('en');
  },
  async run(args: string[], io: CliIO): Promise<number> {
    const { values, positionals } = parse(
      args,
      {
        ...COMMON_OPTIONS,
        format: { type: 'string', short: 'f' },
        'output-file': { type: 'string', short: 'o' },
        output: { type: 'string' },
        detail: { type: 'string' },
        quiet: { type: 'boolean', short: 'q' },
        'no-csv-escape-formulas': { type: 'boolean' },
        'max-warnings': { type: 'string' },
        jobs: { type: 'string', short: 'j' },
        'stdin-format': { type: 'string' },
        color: { type: 'boolean' },
        'no-color': { type: 'boolean' },
        'skip-invalid': { type: 'boolean' },
      },
      'audit',
    );
    if (values.help) {
      await io.stdout.write(auditUsage(argsLocale(args, io.env)) + '\n');
      return 0;
    }
    const output = values['output-file'] ?? values.output;
    if (positionals.length === 0) throw new UsageError('no input: give deal files, folders, or - for stdin (see "dealqual audit --help")');
    const format = values.format ?? 'stylish';
    if (format === 'xlsx') {
      if (!output) throw new UsageError('--format xlsx writes a workbook: give --output-file FILE.xlsx');
    } else formatterOf(format);
    const stdinKind = values['stdin-format'] as InputKind | undefined;
    if (stdinKind !== undefined && !['json', 'jsonl', 'csv'].includes(stdinKind))
      throw new UsageError(`--stdin-format expects json, jsonl or csv, got "${stdinKind}"`);
    const detail = values.detail ?? 'compact';
    if (detail !== 'compact' && detail !== 'full') throw new UsageError(`--detail expects compact or full, got "${detail}"`);
    const requestedJobs = intFlag(values.jobs, '--jobs', 1) ?? 1;
    const maxWarningsFlag = intFlag(values['max-warnings'], '--max-warnings', -1);
    const settings = await resolveSettings(values, io.cwd, io);
    if (values.quiet) settings.policy.quiet = true;
    const maxWarnings = maxWarningsFlag ?? settings.maxWarnings;
    const toFile = output !== undefined;
    const color = colorOf(values, io, toFile);
    const { paths, errors: globErrors } = await expandGlobs(positionals, io.cwd);

    const base = auditSettingsOf(settings, format);
    const auditSettings: AuditSettings = {
      ...base,
      ...(detail === 'full' ? { detail } : {}),
      context: {
        ...base.context,
        color,
        ...(values['no-csv-escape-formulas'] ? { escapeFormulas: false } : {}),
        ...(settings.mapping ? { mapping: settings.mapping } : {}),
        ...(format === 'sarif' || format === 'html' ? { items: itemMetas(settings.packs) } : {}),
        ...(maxWarnings !== undefined ? { maxWarnings } : {}),
        ...(settings.policy.minProbability !== undefined ? { minProbability: settings.policy.minProbability } : {}),
      },
    };

    let out: Writer = io.stdout;
    let file: OutputFile | undefined;
    let xlsx: ReturnType<typeof xlsxOutput> | undefined;
    if (toFile) {
      // The patterns as given (a new file they would pick up) and the files read, each input once.
      await refuseInputAsOutput([{ path: output, flag: values['output-file'] !== undefined ? '-o' : '--output' }], [...new Set([...positionals, ...paths])], settings.reads, io.cwd);
      file = await openOutput(output, io.cwd);
    }
    if (format === 'xlsx') {
      xlsx = xlsxOutput(file!.path, {
        ...(settings.mapping ? { mapping: settings.mapping } : {}),
        items: packObjects(settings.packs).flatMap((p) => p.items.map((i) => i.id)),
      });
      out = xlsx.writer;
    } else if (file) out = file.writer;
    const checkColumns = columnChecker(rowOptions(auditSettings));
    const notes: string[] = [];
    let headerErrors = 0;
    const check = (event: DealEvent) => {
      if (!event.row) return undefined;
      const checked = checkColumns(event.row, event.source);
      if (!checked) return undefined;
      notes.push(...checked.notes);
      headerErrors += checked.errors.length;
      return checked.errors;
    };
    // Progress only where it cannot mix with the report: stderr a TTY, the report elsewhere.
    const progress = io.stderrIsTTY && (toFile || !io.stdoutIsTTY) ? progressMeter(io.stderr, { locale: settings.policy.locale }) : undefined;
    progress?.addTotal(await countDeals(paths, io.cwd));
    const sheets: typeof readSheet = progress
      ? async (name, sheet) => {
          const table = await readSheet(name, sheet);
          progress.addTotal(table.rows.length);
          return table;
        }
      : readSheet;
    let summary;
    try {
      const jobs = await workerCount(requestedJobs, io);
      summary = await runAudit(paths, auditSettings, {
        jobs,
        ...(globErrors.length ? { errors: globErrors } : {}),
        out,
        read: {
          cwd: io.cwd,
          stdin: io.stdin,
          ...(stdinKind ? { stdinKind } : {}),
          ...(settings.delimiter ? { delimiter: settings.delimiter } : {}),
          ...(settings.encoding ? { encoding: settings.encoding } : {}),
          ...(values.sheet ? { sheet: values.sheet } : {}),
          readSheet: sheets,
        },
        ...(progress ? { progress: progress.update } : {}),
        check,
        workerScript: new URL('./cli-worker.js', import.meta.url),
      });
      await progress?.done();
      if (xlsx) await xlsx.finish(output);
      await file?.commit();
    } catch (error) {
      // The previous report stays as it was.
      await file?.abort();
      throw error;
    }
    const colored = colorOf(values, { ...io, stdoutIsTTY: io.stderrIsTTY }, false);
    await writeStderr(io.stderr, 'note  ', notes);
    const skip = values['skip-invalid'] === true;
    // Made printable piece by piece by inputErrorsText (its colours must pass).
    const errors = inputErrorsText(summary, colored, settings.policy.locale, skip ? 'skipped' : 'error');
    if (errors) await io.stderr.write(errors);
    const invalid = summary.inputErrors.length + summary.moreInputErrors;
    if (headerErrors > 0 || (invalid > 0 && !skip)) return 2;
    return overThresholds(summary, maxWarnings) ? 1 : 0;
  },
};
