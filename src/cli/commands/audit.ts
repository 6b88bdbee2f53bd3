/** `dealqual audit <paths…>`: ESLint for deals. */
import { createWriteStream } from 'node:fs';
import { resolve } from 'node:path';
import { intFlag, parse } from '../args.js';
import { runAudit } from '../audit/run.js';
import type { AuditSettings } from '../audit/engine.js';
import type { Command, CliIO, Writer } from '../command.js';
import { UsageError } from '../errors.js';
import { formatterOf } from '../formatters/index.js';
import { inputErrorsText } from '../formatters/stylish.js';
import { overThresholds } from '../formatters/types.js';
import { endStream, streamWriter } from '../node-io.js';
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
        quiet: { type: 'boolean', short: 'q' },
        'no-csv-escape-formulas': { type: 'boolean' },
        'max-warnings': { type: 'string' },
        jobs: { type: 'string', short: 'j' },
        'stdin-format': { type: 'string' },
        color: { type: 'boolean' },
        'no-color': { type: 'boolean' },
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
    const jobs = intFlag(values.jobs, '--jobs', 1) ?? 1;
    const maxWarningsFlag = intFlag(values['max-warnings'], '--max-warnings', -1);
    const settings = await resolveSettings(values, io.cwd, io.env);
    if (values.quiet) settings.policy.quiet = true;
    const maxWarnings = maxWarningsFlag ?? settings.maxWarnings;
    const toFile = output !== undefined;
    const color = colorOf(values, io, toFile);
    const paths = await expandGlobs(positionals, io.cwd);

    const base = auditSettingsOf(settings, format);
    const auditSettings: AuditSettings = {
      ...base,
      context: {
        ...base.context,
        color,
        ...(values['no-csv-escape-formulas'] ? { escapeFormulas: false } : {}),
        ...(format === 'sarif' || format === 'html' ? { items: itemMetas(settings.packs) } : {}),
        ...(maxWarnings !== undefined ? { maxWarnings } : {}),
        ...(settings.policy.minProbability !== undefined ? { minProbability: settings.policy.minProbability } : {}),
      },
    };

    let out: Writer = io.stdout;
    let close = async () => {};
    let xlsx: ReturnType<typeof xlsxOutput> | undefined;
    if (format === 'xlsx') {
      xlsx = xlsxOutput(resolve(io.cwd, output!), {
        ...(settings.mapping ? { mapping: settings.mapping } : {}),
        items: packObjects(settings.packs).flatMap((p) => p.items.map((i) => i.id)),
      });
      out = xlsx.writer;
    } else if (toFile) {
      const stream = createWriteStream(resolve(io.cwd, output!));
      await new Promise<void>((ok, fail) => {
        stream.once('open', () => ok());
        stream.once('error', (e: NodeJS.ErrnoException) => fail(new UsageError(`cannot write ${output}: ${e.code ?? e.message}`)));
      });
      out = streamWriter(stream);
      close = () => endStream(stream);
    }
    // Progress only where it cannot mix with the report: stderr a TTY, the report elsewhere.
    const progress = io.stderrIsTTY && (toFile || !io.stdoutIsTTY) ? progressMeter(io.stderr, { locale: settings.policy.locale }) : undefined;
    progress?.addTotal(await countDeals(paths, io.cwd));
    const sheets: typeof readSheet = progress
      ? async (file, sheet) => {
          const table = await readSheet(file, sheet);
          progress.addTotal(table.rows.length);
          return table;
        }
      : readSheet;
    const summary = await runAudit(paths, auditSettings, {
      jobs,
      out,
      read: {
        cwd: io.cwd,
        stdin: io.stdin,
        ...(stdinKind ? { stdinKind } : {}),
        ...(settings.delimiter ? { delimiter: settings.delimiter } : {}),
        ...(values.sheet ? { sheet: values.sheet } : {}),
        readSheet: sheets,
      },
      ...(progress ? { progress: progress.update } : {}),
      workerScript: new URL('./cli-worker.js', import.meta.url),
    });
    await progress?.done();
    if (xlsx) await xlsx.finish();
    await close();
    const errors = inputErrorsText(summary, colorOf(values, { ...io, stdoutIsTTY: io.stderrIsTTY }, false), settings.policy.locale);
    if (errors) await io.stderr.write(errors);
    if (summary.inputErrors.length + summary.moreInputErrors > 0) return 2;
    return overThresholds(summary, maxWarnings) ? 1 : 0;
  },
};
