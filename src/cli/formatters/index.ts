/** The formatters by name (`--format`). */
import { UsageError } from '../errors.js';
import { csv } from './csv.js';
import { github } from './github.js';
import { html } from './html/index.js';
import { sarif } from './sarif.js';
import { json, jsonl } from './json.js';
import { junit } from './junit.js';
import { markdown } from './markdown.js';
import { stylish } from './stylish.js';
import { xlsx } from './xlsx.js';
import type { Formatter } from './types.js';

export const FORMATTERS: Record<string, Formatter> = { stylish, json, jsonl, junit, markdown, csv, xlsx, html, sarif, github };

/** Format names for --help; `xlsx` is written by the audit command (binary, needs --output). */
export const FORMAT_NAMES = Object.keys(FORMATTERS);

export function formatterOf(name: string): Formatter {
  const f = FORMATTERS[name];
  if (!f) throw new UsageError(`unknown format "${name}"; choose one of: ${FORMAT_NAMES.join(', ')}`);
  return f;
}

export type { Formatter, FormatContext, AuditRecord, Summary } from './types.js';
export { formatAll } from './types.js';
