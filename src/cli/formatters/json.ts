/**
 * `json`: a JSON array of results (the contract), each with its `problems` (rule, severity, items,
 * code, params, message) as ESLint's results carry their messages; `jsonl`: one such result per line.
 */
import { problemJson } from './problems.js';
import type { AuditRecord, Formatter } from './types.js';

const withProblems = (record: AuditRecord): string => JSON.stringify({ ...record.result, problems: record.problems.map(problemJson) });

export const json: Formatter = {
  name: 'json',
  streaming: true,
  begin: () => '[\n',
  deal: withProblems,
  separator: ',\n',
  end: (summary) => (summary.deals > 0 ? '\n]\n' : ']\n'),
};

export const jsonl: Formatter = {
  name: 'jsonl',
  streaming: true,
  deal: (record) => withProblems(record) + '\n',
};
