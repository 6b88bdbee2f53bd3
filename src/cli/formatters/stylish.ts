/** The default format: per deal its stage, milestone, probability, MAN class and problems; then a summary. */
import { inputErrorText, sourceLabel } from '../errors.js';
import { pct } from '../policy.js';
import { printable } from '../terminal.js';
import { MILESTONES, money, type AuditRecord, type FormatContext, type Formatter, type Summary } from './types.js';

const ansi = (code: string) => (on: boolean, text: string) => (on ? `\u001b[${code}m${text}\u001b[0m` : text);
export const red = ansi('31');
export const yellow = ansi('33');
export const green = ansi('32');
export const dim = ansi('2');
export const bold = ansi('1');
export const underline = ansi('4');

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

function dealText(record: AuditRecord, context: FormatContext): string {
  const c = context.color;
  const { result, problems } = record;
  const head = [
    `step ${result.stage.step}`,
    result.stage.milestone,
    pct(result.probability),
    ...(result.man ? [`MAN ${result.man.class}`] : []),
  ].join(' · ');
  const lines = [`${underline(c, printable(sourceLabel(record.source)))}`, `  ${bold(c, printable(result.id))}  ${head}`];
  for (const p of problems) {
    const label = p.severity === 'error' ? red(c, 'error') : yellow(c, 'warn ');
    lines.push(`    ${label}  ${printable(p.message)}  ${dim(c, p.rule)}`);
  }
  return lines.join('\n') + '\n\n';
}

export function stylishSummary(summary: Summary, context: FormatContext): string {
  const c = context.color;
  const lines: string[] = [];
  const problems = summary.errors + summary.warnings;
  const mark = summary.errors > 0 ? red(c, '✖') : summary.warnings > 0 ? yellow(c, '⚠') : green(c, '✔');
  lines.push(
    `${mark} ${bold(c, `${plural(problems, 'problem')} (${plural(summary.errors, 'error')}, ${plural(summary.warnings, 'warning')})`)} in ${summary.deals} ${summary.deals === 1 ? 'deal' : 'deals'}; ${summary.failed} failing`,
  );
  const steps = Object.keys(summary.steps)
    .map(Number)
    .sort((a, b) => a - b)
    .map((s) => `step ${s}: ${summary.steps[s]}`);
  if (steps.length) lines.push(`  stages:     ${steps.join(' · ')}`);
  const ms = MILESTONES.filter((m) => summary.milestones[m]).map((m) => `${m}: ${summary.milestones[m]}`);
  if (ms.length) lines.push(`  milestones: ${ms.join(' · ')}`);
  const currencies = Object.keys(summary.pipeline).sort();
  if (currencies.length === 0) lines.push('  weighted pipeline: no open deal has an amount');
  for (const cur of currencies) {
    const p = summary.pipeline[cur]!;
    lines.push(`  weighted pipeline${cur ? ` (${cur})` : ''}: ${money(p.weighted)} = Σ amount × probability over ${plural(p.deals, 'open deal')} (total ${money(p.amount)})`);
  }
  if (context.maxWarnings !== undefined && context.maxWarnings >= 0 && summary.warnings > context.maxWarnings)
    lines.push(red(c, `  too many warnings: ${summary.warnings} > --max-warnings ${context.maxWarnings}`));
  const bad = summary.inputErrors.length + summary.moreInputErrors;
  if (bad > 0) lines.push(red(c, `  ${plural(bad, 'input')} could not be read or validated (listed on stderr)`));
  return lines.join('\n') + '\n';
}

export const stylish: Formatter = {
  name: 'stylish',
  streaming: true,
  deal: dealText,
  end: (summary, context) => stylishSummary(summary, context),
};

/** Duplicate ids and input errors as stylish lines (always printed on stderr, after every deal); `skipped` labels the errors of `--skip-invalid`. */
export function inputErrorsText(summary: Summary, color: boolean, label: 'error' | 'skipped' = 'error'): string {
  const lines = (summary.duplicates ?? []).map(
    (d) =>
      `${d.severity === 'error' ? red(color, 'error') : yellow(color, 'warn ')}  ${printable(`${sourceLabel(d.source)} (deal ${d.id}): the id ${JSON.stringify(d.id)} is also the id of the deal at ${sourceLabel(d.first)}`)}  ${dim(color, 'duplicate-id')}`,
  );
  for (const e of summary.inputErrors) lines.push(`${red(color, label)}  ${printable(inputErrorText(e))}`);
  if (lines.length === 0) return '';
  if (summary.moreInputErrors > 0) lines.push(`… and ${summary.moreInputErrors} more input errors`);
  return lines.join('\n') + '\n';
}
