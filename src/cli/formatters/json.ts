/** `json`: a JSON array of results (the contract); `jsonl`: one result per line. */
import type { Formatter } from './types.js';

export const json: Formatter = {
  name: 'json',
  streaming: true,
  begin: () => '[\n',
  deal: (record) => JSON.stringify(record.result),
  separator: ',\n',
  end: (summary) => (summary.deals > 0 ? '\n]\n' : ']\n'),
};

export const jsonl: Formatter = {
  name: 'jsonl',
  streaming: true,
  deal: (record) => JSON.stringify(record.result) + '\n',
};
