/** The default format: per deal its stage, milestone, probability, MAN class and problems; then a summary. */
import { inputErrorText, sourceLabel } from '../errors.js';
import { pct } from '../policy.js';
import { printable } from '../terminal.js';
import { MILESTONES, money, type AuditRecord, type FormatContext, type Formatter, type Summary } from './types.js';
import type { Locale } from '../../locale/messages.js';
import { counted, milestoneLabel, stepLabel, word } from '../words.js';

const ansi = (code: string) => (on: boolean, text: string) => (on ? `\u001b[${code}m${text}\u001b[0m` : text);
export const red = ansi('31');
export const yellow = ansi('33');
export const green = ansi('32');
export const dim = ansi('2');
export const bold = ansi('1');
export const underline = ansi('4');


function dealText(record: AuditRecord, context: FormatContext): string {
  const c = context.color;
  const { result, problems } = record;
  const l = context.locale;
  const head = [
    stepLabel(l, result.stage.step),
    milestoneLabel(l, result.stage.milestone),
    pct(result.probability),
    ...(result.man ? [`MAN ${result.man.class}`] : []),
  ].join(' · ');
  const lines = [`${underline(c, printable(sourceLabel(record.source)))}`, `  ${bold(c, printable(result.id))}  ${head}`];
  for (const p of problems) {
    const label = p.severity === 'error' ? red(c, l === 'zh-CN' ? '错误' : 'error') : yellow(c, l === 'zh-CN' ? '警告' : 'warn ');
    lines.push(`    ${label}  ${printable(p.message)}  ${dim(c, p.rule)}`);
  }
  return lines.join('\n') + '\n\n';
}

export function stylishSummary(summary: Summary, context: FormatContext): string {
  const c = context.color;
  const l = context.locale;
  const lines: string[] = [];
  const problems = summary.errors + summary.warnings;
  const mark = summary.errors > 0 ? red(c, '✖') : summary.warnings > 0 ? yellow(c, '⚠') : green(c, '✔');
  const counts = `${counted(l, problems, 'problem', 'problems')} (${counted(l, summary.errors, 'error', 'errors')}, ${counted(l, summary.warnings, 'warning', 'warnings')})`;
  lines.push(
    l === 'zh-CN'
      ? `${mark} ${bold(c, counts)},共 ${summary.deals} 个商机;${summary.failed} 个未通过`
      : `${mark} ${bold(c, counts)} in ${counted(l, summary.deals, 'deal', 'deals')}; ${summary.failed} ${word(l, 'failing')}`,
  );
  const colon = l === 'zh-CN' ? ':' : ': ';
  const steps = Object.keys(summary.steps)
    .map(Number)
    .sort((a, b) => a - b)
    .map((s) => `${stepLabel(l, s)}${colon}${summary.steps[s]}`);
  const pad = (label: string) => (l === 'zh-CN' ? `${label}:` : `${label}:`.padEnd(12));
  if (steps.length) lines.push(`  ${pad(word(l, 'stages'))}${steps.join(' · ')}`);
  const ms = MILESTONES.filter((m) => summary.milestones[m]).map((m) => `${milestoneLabel(l, m)}${colon}${summary.milestones[m]}`);
  if (ms.length) lines.push(`  ${pad(word(l, 'milestones'))}${ms.join(' · ')}`);
  const currencies = Object.keys(summary.pipeline).sort();
  if (currencies.length === 0) lines.push(`  ${word(l, 'weightedPipeline')}${colon}${word(l, 'noPipeline')}`);
  for (const cur of currencies) {
    const p = summary.pipeline[cur]!;
    lines.push(`  ${word(l, 'weightedPipeline')}${cur ? ` (${cur})` : ''}${colon}${money(p.weighted)} = ${word(l, 'pipelineFormula', { deals: p.deals, total: money(p.amount) }).replace(/ over 1 open deals/, ' over 1 open deal')}`);
  }
  if (context.maxWarnings !== undefined && context.maxWarnings >= 0 && summary.warnings > context.maxWarnings)
    lines.push(red(c, `  ${word(l, 'tooManyWarnings', { n: summary.warnings, max: context.maxWarnings })}`));
  const bad = summary.inputErrors.length + summary.moreInputErrors;
  if (bad > 0) lines.push(red(c, `  ${word(l, 'unreadable', { n: counted(l, bad, 'input', 'inputs') })}`));
  return lines.join('\n') + '\n';
}

export const stylish: Formatter = {
  name: 'stylish',
  streaming: true,
  deal: dealText,
  end: (summary, context) => stylishSummary(summary, context),
};

/**
 * Duplicate ids and input errors as stylish lines (always printed on stderr, after every deal);
 * `skipped` labels the errors of `--skip-invalid`.
 */
export function inputErrorsText(summary: Summary, color: boolean, locale: Locale = 'en', label: 'error' | 'skipped' = 'error'): string {
  const zh = locale === 'zh-CN';
  const errorWord = label === 'skipped' ? (zh ? '已跳过' : 'skipped') : zh ? '错误' : 'error';
  const lines = (summary.duplicates ?? []).map(
    (d) =>
      `${d.severity === 'error' ? red(color, zh ? '错误' : 'error') : yellow(color, zh ? '警告' : 'warn ')}  ${printable(`${sourceLabel(d.source)} (deal ${d.id}): the id ${JSON.stringify(d.id)} is also the id of the deal at ${sourceLabel(d.first)}`)}  ${dim(color, 'duplicate-id')}`,
  );
  for (const e of summary.inputErrors) lines.push(`${red(color, errorWord)}  ${printable(inputErrorText(e))}`);
  if (lines.length === 0) return '';
  if (summary.moreInputErrors > 0) lines.push(word(locale, 'moreInputErrors', { n: summary.moreInputErrors }));
  return lines.join('\n') + '\n';
}
