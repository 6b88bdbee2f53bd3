/**
 * `junit`: JUnit XML so CI systems show deals as tests. Each deal is a test case (classname: its
 * file); a deal with an error-severity problem fails, its warnings go to system-out. An input that
 * could not be read is a test case with an <error>. The totals lead the document, so the test cases
 * wait in a temporary file until the end (`Formatter.spool`): each piece is a line break and a case.
 */
import { inputErrorText, sourceLabel } from '../errors.js';
import { pct } from '../policy.js';
import type { Formatter } from './types.js';

export const xml = (s: string): string =>
  s
    // Characters XML 1.0 cannot hold at all.
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '\uFFFD')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');

export const junit: Formatter = {
  name: 'junit',
  streaming: false,
  deal(record) {
    const { result, problems } = record;
    const errors = problems.filter((p) => p.severity === 'error');
    const warnings = problems.filter((p) => p.severity === 'warn');
    const name = `${result.id}: step ${result.stage.step} ${result.stage.milestone} ${pct(result.probability)}${result.man ? ` ${result.man.class}` : ''}`;
    const lines = [`    <testcase classname="${xml(sourceLabel(record.source))}" name="${xml(name)}">`];
    if (errors.length)
      lines.push(
        `      <failure message="${xml(errors[0]!.message)}" type="${xml(errors[0]!.rule)}">${xml(errors.map((p) => `error ${p.rule}: ${p.message}`).join('\n'))}</failure>`,
      );
    if (warnings.length) lines.push(`      <system-out>${xml(warnings.map((p) => `warn ${p.rule}: ${p.message}`).join('\n'))}</system-out>`);
    lines.push('    </testcase>');
    return '\n' + lines.join('\n');
  },
  spool: {
    parts: 1,
    layout(summary) {
      const bad = summary.inputErrors.length + summary.moreInputErrors;
      const tests = summary.deals + summary.inputErrors.length;
      const suite = `<testsuite name="dealqual audit" tests="${tests}" failures="${summary.failed}" errors="${summary.inputErrors.length}">`;
      const head = ['<?xml version="1.0" encoding="UTF-8"?>', `<testsuites name="dealqual" tests="${tests}" failures="${summary.failed}" errors="${summary.inputErrors.length}">`, `  ${suite}`];
      const tail: string[] = [];
      for (const e of summary.inputErrors)
        tail.push(`    <testcase classname="${xml(sourceLabel(e.source))}" name="${xml(e.id ?? 'unreadable input')}">`, `      <error message="${xml(inputErrorText(e))}" type="input"/>`, '    </testcase>');
      if (summary.moreInputErrors) tail.push(`    <system-err>${xml(`${bad - summary.inputErrors.length} more input errors not listed`)}</system-err>`);
      tail.push('  </testsuite>', '</testsuites>', '');
      return [head.join('\n'), { part: 0 }, tail.map((line) => '\n' + line).join('')];
    },
  },
};
