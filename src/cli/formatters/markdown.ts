/** `markdown`: for pull-request comments — a summary and a table first, then each deal's problems. */
import { inputErrorText, sourceLabel } from '../errors.js';
import { pct } from '../policy.js';
import { MILESTONES, money, type Formatter } from './types.js';

/**
 * Data as inert markdown text in a table cell or list item: HTML (`<img …>`) becomes entities; the
 * characters of links, images, emphasis, code and tables are backslash-escaped; line breaks become
 * spaces (a row is one line); NUL becomes U+FFFD, as CommonMark reads it.
 * @example cell('[x](https://e.test) <img src=x> a|b') // '\\[x\\](https://e.test) &lt;img src=x&gt; a\\|b'
 */
export const cell = (s: string): string =>
  s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/[\\`*_~[\]|]/g, '\\$&')
    .replace(/\r\n?|\n/g, ' ')
    .replace(/\u0000/g, '\uFFFD');
/** Data in a code span: backticks cannot be escaped there, so they become quotes; line breaks spaces; NUL U+FFFD (as CommonMark reads it). */
const code = (s: string) => '`' + s.replace(/`/g, "'").replace(/\r\n?|\n/g, ' ').replace(/\u0000/g, '\uFFFD') + '`';

export const markdown: Formatter = {
  name: 'markdown',
  streaming: false,
  deal(record) {
    const { result, problems } = record;
    const errors = problems.filter((p) => p.severity === 'error').length;
    const row = `| ${errors > 0 ? '❌' : problems.length > 0 ? '⚠️' : '✅'} | ${cell(result.id)} | ${result.stage.step} | ${result.stage.milestone} | ${pct(result.probability)} | ${result.man ? code(result.man.class) : '–'} | ${errors} | ${problems.length - errors} |`;
    const detail = problems.length
      ? [`#### ${cell(result.id)} — ${code(sourceLabel(record.source))}`, '', ...problems.map((p) => `- ${p.severity === 'error' ? '❌ **error**' : '⚠️ warn'} ${cell(p.message)} ${code(p.rule)}`), ''].join('\n')
      : '';
    // Two parts, split on the NUL (data holds none): the table row, then the details (none for a deal with no problem).
    return `\n${row}\u0000${detail ? '\n' + detail : ''}`;
  },
  // The summary leads the report: rows and details wait in temporary files until the end.
  spool: {
    parts: 2,
    layout(summary, _context, sizes) {
      const out: string[] = ['## dealqual audit', ''];
      out.push(
        `**${summary.deals} ${summary.deals === 1 ? 'deal' : 'deals'}** · ${summary.errors} ${summary.errors === 1 ? 'error' : 'errors'} · ${summary.warnings} ${summary.warnings === 1 ? 'warning' : 'warnings'} · ${summary.failed} failing`,
        '',
      );
      const steps = Object.keys(summary.steps).map(Number).sort((a, b) => a - b);
      if (steps.length) out.push(`**Stages:** ${steps.map((s) => `step ${s}: ${summary.steps[s]}`).join(' · ')}  `);
      const ms = MILESTONES.filter((m) => summary.milestones[m]);
      if (ms.length) out.push(`**Milestones:** ${ms.map((m) => `${m}: ${summary.milestones[m]}`).join(' · ')}  `);
      const currencies = Object.keys(summary.pipeline).sort();
      for (const cur of currencies) {
        const p = summary.pipeline[cur]!;
        out.push(`**Weighted pipeline${cur ? ` (${cur})` : ''}:** ${money(p.weighted)} (Σ amount × probability over ${p.deals} open ${p.deals === 1 ? 'deal' : 'deals'}; total ${money(p.amount)})  `);
      }
      if (currencies.length === 0) out.push('**Weighted pipeline:** no open deal has an amount  ');
      out.push('');
      const layout: (string | { part: number })[] = [];
      if (summary.deals > 0) {
        out.push('| | Deal | Step | Milestone | Probability | MAN | Errors | Warnings |', '|---|---|---:|---|---:|---|---:|---:|');
        layout.push(out.join('\n'), { part: 0 }, '\n');
        if (sizes[1]! > 0) layout.push('\n### Problems\n', { part: 1 });
      } else layout.push(out.join('\n'));
      const bad = summary.inputErrors.length + summary.moreInputErrors;
      if (bad) {
        const lines = ['### Inputs that could not be read', ''];
        for (const e of summary.inputErrors) lines.push(`- ❌ ${cell(inputErrorText(e))}`);
        if (summary.moreInputErrors) lines.push(`- … and ${summary.moreInputErrors} more`);
        lines.push('');
        layout.push(lines.map((line) => '\n' + line).join(''));
      }
      return layout;
    },
  },
};
