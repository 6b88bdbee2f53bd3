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
import { FORMAT_NAMES, formatterOf } from '../formatters/index.js';
import { inputErrorsText } from '../formatters/stylish.js';
import { overThresholds } from '../formatters/types.js';
import { COMMON_OPTIONS, COMMON_USAGE, resolveSettings } from '../settings.js';
import { auditSettingsOf } from '../collect.js';
import type { InputKind } from '../../node/inputs.js';
import { packObjects } from '../packs.js';
import { progressMeter } from '../progress.js';
import { readSheet, xlsxOutput } from '../sheets.js';

const usage = `Usage: dealqual audit <paths…> [options]

Audits deals: JSON files (one deal or an array), directories (recursively, sorted), JSON Lines
(.jsonl, .ndjson; streamed), CSV (.csv, .tsv; , ; or tab), .xlsx sheets, and - for stdin.

Options:
  -f, --format NAME        ${FORMAT_NAMES.join(' | ')} (default stylish)
  -o, --output FILE        write the report to FILE (required for xlsx)
      --detail LEVEL       json/jsonl results: compact (default: codes and params) or full
                           (also every message, title and signal, in --locale)
      --max-warnings N     exit 1 when there are more than N warnings
  -j, --jobs N             audit on N worker threads (output stays in input order)
      --stdin-format KIND  json | jsonl | csv (default: sniffed from the first line)
      --color, --no-color  force colour on or off (default: on a TTY, unless NO_COLOR is set)
      --skip-invalid       report deals and rows that cannot be read or validated (file, line,
                           field path) as skipped and audit the rest; they do not set exit 2
${COMMON_USAGE}
  -h, --help               this help

Exit codes: 0 clean · 1 problems over the thresholds · 2 usage error, or an input that could
not be read or validated (listed after every other deal). See docs/cli.md.`;

/**
 * Worker threads for `--jobs N`: at most one per CPU (more only contend for the same cores and
 * multiply memory), said on stderr when the request is cut. The pool starts a worker only when a
 * batch of deals is waiting for one, so a small input never starts more than it needs.
 */
async function workerCount(requested: number, io: CliIO): Promise<number> {
  const cpus = availableParallelism();
  if (requested <= cpus) return requested;
  await io.stderr.write(`dealqual: --jobs ${requested} capped at ${cpus}, the number of CPUs\n`);
  return cpus;
}

export const audit: Command = {
  name: 'audit',
  summary: 'audit deal files, folders, JSON Lines, CSV or stdin (exit 0 clean, 1 findings, 2 errors)',
  usage,
  async run(args: string[], io: CliIO): Promise<number> {
    const { values, positionals } = parse(
      args,
      {
        ...COMMON_OPTIONS,
        format: { type: 'string', short: 'f' },
        output: { type: 'string', short: 'o' },
        detail: { type: 'string' },
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
      await io.stdout.write(usage + '\n');
      return 0;
    }
    if (positionals.length === 0) throw new UsageError('no input: give deal files, folders, or - for stdin (see "dealqual audit --help")');
    const format = values.format ?? 'stylish';
    if (format === 'xlsx') {
      if (!values.output) throw new UsageError('--format xlsx writes a workbook: give --output FILE.xlsx');
    } else formatterOf(format);
    const stdinKind = values['stdin-format'] as InputKind | undefined;
    if (stdinKind !== undefined && !['json', 'jsonl', 'csv'].includes(stdinKind))
      throw new UsageError(`--stdin-format expects json, jsonl or csv, got "${stdinKind}"`);
    const detail = values.detail ?? 'compact';
    if (detail !== 'compact' && detail !== 'full') throw new UsageError(`--detail expects compact or full, got "${detail}"`);
    const requestedJobs = intFlag(values.jobs, '--jobs', 1) ?? 1;
    const maxWarningsFlag = intFlag(values['max-warnings'], '--max-warnings', -1);
    const settings = await resolveSettings(values, io.cwd, io.stderr);
    const maxWarnings = maxWarningsFlag ?? settings.maxWarnings;
    const toFile = values.output !== undefined;
    const color = values['no-color'] ? false : values.color ? true : !toFile && io.stdoutIsTTY && !io.env.NO_COLOR;

    const base = auditSettingsOf(settings, format);
    const auditSettings: AuditSettings = {
      ...base,
      ...(detail === 'full' ? { detail } : {}),
      context: {
        ...base.context,
        color,
        ...(maxWarnings !== undefined ? { maxWarnings } : {}),
        ...(settings.policy.minProbability !== undefined ? { minProbability: settings.policy.minProbability } : {}),
      },
    };

    let out: Writer = io.stdout;
    let file: OutputFile | undefined;
    let xlsx: ReturnType<typeof xlsxOutput> | undefined;
    if (toFile) {
      await refuseInputAsOutput(values.output!, positionals, io.cwd, '-o');
      file = await openOutput(values.output!, io.cwd);
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
    const progress = io.stderrIsTTY && (toFile || !io.stdoutIsTTY) ? progressMeter(io.stderr) : undefined;
    let summary;
    try {
      const jobs = await workerCount(requestedJobs, io);
      summary = await runAudit(positionals, auditSettings, {
        jobs,
        out,
        read: {
          cwd: io.cwd,
          stdin: io.stdin,
          ...(stdinKind ? { stdinKind } : {}),
          ...(settings.delimiter ? { delimiter: settings.delimiter } : {}),
          ...(settings.encoding ? { encoding: settings.encoding } : {}),
          ...(values.sheet ? { sheet: values.sheet } : {}),
          readSheet,
        },
        ...(progress ? { progress: progress.update } : {}),
        check,
        workerScript: new URL('./cli-worker.js', import.meta.url),
      });
      await progress?.done();
      if (xlsx) await xlsx.finish(values.output!);
      await file?.commit();
    } catch (error) {
      // The previous report stays as it was.
      await file?.abort();
      throw error;
    }
    const colored = io.stderrIsTTY && !io.env.NO_COLOR;
    if (notes.length) await io.stderr.write(notes.map((n) => `note  ${n}`).join('\n') + '\n');
    const skip = values['skip-invalid'] === true;
    const errors = inputErrorsText(summary, colored, skip ? 'skipped' : 'error');
    if (errors) await io.stderr.write(errors);
    const invalid = summary.inputErrors.length + summary.moreInputErrors;
    if (headerErrors > 0 || (invalid > 0 && !skip)) return 2;
    return overThresholds(summary, maxWarnings) ? 1 : 0;
  },
};
