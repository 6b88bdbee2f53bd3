/**
 * `github`: GitHub Actions workflow commands, one annotation per problem
 * (`::error file=deals/a.json,line=3,title=…::message`), shown on the pull request's files.
 * Escaping follows the runner's rules: in data `%` `\r` `\n`; in property values also `:` and `,`.
 */
import type { InputError } from '../errors.js';
import { isStdin, reportedRule } from './problems.js';
import type { AuditRecord, Formatter } from './types.js';

/** Escapes the message part of a workflow command. */
export const escapeData = (s: string): string => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');

/** Escapes a property value (file, title) of a workflow command. */
export const escapeProperty = (s: string): string => escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

const command = (kind: 'error' | 'warning', props: Record<string, string | number | undefined>, message: string): string => {
  const list = Object.entries(props)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k}=${escapeProperty(String(v))}`)
    .join(',');
  return `::${kind}${list ? ` ${list}` : ''}::${escapeData(message)}\n`;
};

const fileOf = (file: string) => (isStdin(file) ? undefined : file.replace(/\\/g, '/'));

function deal(record: AuditRecord): string {
  return record.problems
    .map((p) =>
      command(
        p.severity === 'error' ? 'error' : 'warning',
        { file: fileOf(record.source.file), line: isStdin(record.source.file) ? undefined : (record.source.line ?? 1), title: `dealqual ${reportedRule(p)} (${record.result.id})` },
        p.message,
      ),
    )
    .join('');
}

const inputError = (e: InputError): string =>
  command('error', { file: fileOf(e.source.file), line: e.source.line, title: 'dealqual input error' }, `${e.id ? `deal ${e.id}: ` : ''}${e.path ? `${e.path}: ` : ''}${e.message}`);

export const github: Formatter = {
  name: 'github',
  streaming: true,
  deal,
  end: (summary) => summary.inputErrors.map(inputError).join(''),
};
