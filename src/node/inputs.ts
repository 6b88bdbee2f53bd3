/**
 * Reads audit inputs as a stream of deals: JSON files (one deal or an array), directories
 * (recursively, sorted), JSON Lines (streamed, with line numbers), CSV (csv-parse: `,` `;` or tab
 * detected from the header line, BOM, UTF-8), xlsx sheets, and `-` for stdin. Nothing here throws for
 * bad input: unreadable input becomes an `error` event naming the file, line and field.
 */
import { createReadStream } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import { extname, join, relative, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { parse as csvParse } from 'csv-parse';
import type { InputError, Source } from '../cli/errors.js';
import { arrayElementLines, parseJson } from './json.js';

/** A CSV or sheet row: the headers and this row's cells. */
export interface Row {
  headers: string[];
  /** Cells: strings from CSV; strings, numbers, booleans or Dates from a sheet. */
  values: unknown[];
  /** The spreadsheet row number (the header is row 1; for CSV, the line the record ends on). */
  rowNumber: number;
}

export type InputEvent =
  /** A deal; `text` is unparsed JSON (a JSON Lines line), parsed by whoever evaluates it. */
  | { kind: 'deal'; source: Source; value?: unknown; text?: string; row?: Row }
  | { kind: 'error'; error: InputError };

export type InputKind = 'json' | 'jsonl' | 'csv' | 'xlsx';

export interface ReadOptions {
  cwd: string;
  stdin: Readable;
  /** Force the kind of stdin (default: sniffed from its first line). */
  stdinKind?: InputKind;
  delimiter?: ',' | ';' | '\t' | 'auto';
  /** The sheet of xlsx inputs. Default: the first. */
  sheet?: string;
  /** Reads an xlsx sheet as a table; supplied by the CLI (src/node/xlsx.ts). */
  readSheet?: (file: string, sheet: string | undefined) => Promise<{ headers: string[]; rows: { n: number; values: unknown[] }[] }>;
}

const KINDS: Record<string, InputKind> = {
  '.json': 'json',
  '.jsonl': 'jsonl',
  '.ndjson': 'jsonl',
  '.csv': 'csv',
  '.tsv': 'csv',
  '.xlsx': 'xlsx',
};

/** The input kind of a file name, or undefined for files a directory walk skips. */
export const kindOf = (file: string): InputKind | undefined => KINDS[extname(file).toLowerCase()];

const errorEvent = (source: Source, message: string, path?: string): InputEvent => ({
  kind: 'error',
  error: { source, message, ...(path ? { path } : {}) },
});

/** Files of a directory, recursively, sorted by path (code-point order); hidden entries and node_modules skipped. */
async function* walk(dir: string): AsyncGenerator<string> {
  const entries = (await readdir(dir, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* walk(path);
    else if (entry.isFile() && kindOf(entry.name)) yield path;
  }
}

function* jsonDeals(text: string, file: string): Generator<InputEvent> {
  const parsed = parseJson(text);
  if (!parsed.ok) {
    yield errorEvent({ file, line: parsed.line }, `${parsed.message} (column ${parsed.column})`);
    return;
  }
  if (Array.isArray(parsed.value)) {
    // Each element's line, so reports (SARIF, GitHub annotations) point at the deal.
    const lines = arrayElementLines(text);
    for (const [i, value] of parsed.value.entries()) yield { kind: 'deal', source: { file, ...(lines[i] !== undefined ? { line: lines[i] } : {}), at: `$[${i}]` }, value };
  } else yield { kind: 'deal', source: { file }, value: parsed.value };
}

async function* jsonlDeals(stream: Readable, file: string, first?: { line: string }): AsyncGenerator<InputEvent> {
  let line = 0;
  const lines = createInterface({ input: stream, crlfDelay: Infinity });
  if (first) {
    line += 1;
    if (first.line.trim() !== '') yield { kind: 'deal', source: { file, line }, text: first.line };
  }
  for await (const text of lines) {
    line += 1;
    if (line === 1 && text.charCodeAt(0) === 0xfeff) {
      if (text.length > 1 && text.slice(1).trim() !== '') yield { kind: 'deal', source: { file, line }, text: text.slice(1) };
      continue;
    }
    if (text.trim() === '') continue;
    yield { kind: 'deal', source: { file, line }, text };
  }
}

/** The delimiter of a CSV header line: the most frequent of `,` `;` tab outside quotes (`,` on a tie). */
export function detectDelimiter(header: string): ',' | ';' | '\t' {
  const counts = { ',': 0, ';': 0, '\t': 0 };
  let quoted = false;
  for (const ch of header) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && ch in counts) counts[ch as keyof typeof counts] += 1;
  }
  return counts['\t'] > counts[','] && counts['\t'] >= counts[';'] ? '\t' : counts[';'] > counts[','] ? ';' : ',';
}

async function* csvDeals(stream: Readable, file: string, options: ReadOptions, prefix?: string): AsyncGenerator<InputEvent> {
  // Read up to the first newline to pick the delimiter, then hand everything to csv-parse.
  const chunks: Buffer[] = prefix === undefined ? [] : [Buffer.from(prefix)];
  const iterator = stream[Symbol.asyncIterator]() as AsyncIterator<Buffer | string>;
  let head = Buffer.concat(chunks).toString('utf8');
  while (!head.includes('\n')) {
    const next = await iterator.next();
    if (next.done) break;
    const chunk = typeof next.value === 'string' ? Buffer.from(next.value) : next.value;
    chunks.push(chunk);
    head += chunk.toString('utf8');
  }
  const firstLine = head.replace(/^\uFEFF/, '').split(/\r?\n/)[0] ?? '';
  const delimiter = options.delimiter && options.delimiter !== 'auto' ? options.delimiter : detectDelimiter(firstLine);
  const parser = csvParse({ delimiter, bom: true, relax_column_count: true, skip_empty_lines: true, info: true, trim: false });
  const feed = (async () => {
    try {
      for (const chunk of chunks) if (!parser.write(chunk)) await new Promise((r) => parser.once('drain', r));
      for (let next = await iterator.next(); !next.done; next = await iterator.next())
        if (!parser.write(next.value)) await new Promise((r) => parser.once('drain', r));
      parser.end();
    } catch (error) {
      parser.destroy(error as Error);
    }
  })();
  let headers: string[] | undefined;
  try {
    for await (const record of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      if (!headers) {
        headers = record.record.map((h) => h.trim());
        const blank = headers.findIndex((h) => h === '');
        if (blank !== -1 && headers.slice(blank).some((h) => h !== '')) {
          yield errorEvent({ file, line: record.info.lines }, `column ${blank + 1} of the header row is empty`);
          return;
        }
        continue;
      }
      if (record.record.every((cell) => cell.trim() === '')) continue;
      yield { kind: 'deal', source: { file, line: record.info.lines }, row: { headers, values: record.record, rowNumber: record.info.lines } };
    }
  } catch (error) {
    const e = error as { message?: string; lines?: number };
    yield errorEvent({ file, ...(e.lines ? { line: e.lines } : {}) }, `invalid CSV: ${e.message ?? String(error)}`);
  }
  await feed;
}

async function* sheetDeals(path: string, file: string, options: ReadOptions): AsyncGenerator<InputEvent> {
  if (!options.readSheet) {
    yield errorEvent({ file }, 'xlsx input is not available in this build');
    return;
  }
  let table: { headers: string[]; rows: { n: number; values: unknown[] }[] };
  try {
    table = await options.readSheet(path, options.sheet);
  } catch (error) {
    yield errorEvent({ file }, (error as Error).message.replace(`${path}: `, ''));
    return;
  }
  for (const { n, values } of table.rows) yield { kind: 'deal', source: { file, at: `row ${n}` }, row: { headers: table.headers, values, rowNumber: n } };
}

async function* fileDeals(path: string, file: string, kind: InputKind | undefined, options: ReadOptions): AsyncGenerator<InputEvent> {
  try {
    switch (kind) {
      case 'jsonl':
        yield* jsonlDeals(createReadStream(path), file);
        return;
      case 'csv':
        yield* csvDeals(createReadStream(path), file, path.toLowerCase().endsWith('.tsv') ? { ...options, delimiter: '\t' } : options);
        return;
      case 'xlsx':
        yield* sheetDeals(path, file, options);
        return;
      case 'json':
        yield* jsonDeals(await readFile(path, 'utf8'), file);
        return;
      default:
        yield* sniffed(createReadStream(path), file, options);
    }
  } catch (error) {
    yield errorEvent({ file }, `cannot read: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
}

/**
 * Input of unknown kind (stdin, a file with another extension): a first line that is a whole JSON
 * value means JSON Lines (streamed); `{` or `[` otherwise means one JSON document; else CSV.
 */
async function* sniffed(stream: Readable, file: string, options: ReadOptions, forced?: InputKind): AsyncGenerator<InputEvent> {
  if (forced === 'jsonl') return yield* jsonlDeals(stream, file);
  if (forced === 'csv') return yield* csvDeals(stream, file, options);
  const iterator = stream[Symbol.asyncIterator]() as AsyncIterator<Buffer | string>;
  let head = '';
  let done = false;
  while (!head.includes('\n') && !done) {
    const next = await iterator.next();
    if (next.done) done = true;
    else head += typeof next.value === 'string' ? next.value : next.value.toString('utf8');
  }
  // Re-assemble a stream of what is left after `head`.
  const { Readable: R } = await import('node:stream');
  const rest = R.from((async function* () {
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) yield next.value;
  })());
  const body = head.replace(/^\uFEFF/, '');
  const trimmed = body.trimStart();
  if (forced === 'json' || trimmed.startsWith('[') || trimmed.startsWith('{')) {
    const newline = body.indexOf('\n');
    const firstLine = newline === -1 ? body : body.slice(0, newline);
    if (forced !== 'json' && firstLine.trim().startsWith('{') && parseJson(firstLine).ok) {
      const tail = newline === -1 ? '' : body.slice(newline + 1);
      yield* jsonlDeals(R.from((async function* () {
        if (tail) yield Buffer.from(tail);
        for await (const chunk of rest) yield chunk;
      })()), file, { line: firstLine });
      return;
    }
    let text = body;
    for await (const chunk of rest) text += typeof chunk === 'string' ? chunk : (chunk as Buffer).toString('utf8');
    yield* jsonDeals(text, file);
    return;
  }
  if (trimmed === '' && done) return;
  yield* csvDeals(rest, file, options, body);
}

/**
 * Every deal of the given paths, in order: each path as given, directories walked recursively and
 * sorted. File names in sources are relative to `cwd`.
 */
export async function* readInputs(paths: readonly string[], options: ReadOptions): AsyncGenerator<InputEvent> {
  for (const path of paths) {
    if (path === '-') {
      yield* sniffed(options.stdin, '<stdin>', options, options.stdinKind);
      continue;
    }
    const absolute = resolve(options.cwd, path);
    let isDirectory: boolean;
    try {
      isDirectory = (await stat(absolute)).isDirectory();
    } catch (error) {
      yield errorEvent({ file: path }, `cannot read: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file or directory' : (error as Error).message}`);
      continue;
    }
    if (isDirectory) {
      let any = false;
      for await (const file of walk(absolute)) {
        any = true;
        yield* fileDeals(file, relative(options.cwd, file) || file, kindOf(file), options);
      }
      if (!any) yield errorEvent({ file: path }, 'the directory holds no .json, .jsonl, .ndjson, .csv, .tsv or .xlsx file');
    } else yield* fileDeals(absolute, path, kindOf(absolute), options);
  }
}

/** The deal value of an event: parses JSON Lines text. */
export function dealValue(event: Extract<InputEvent, { kind: 'deal' }>): { ok: true; value: unknown } | { ok: false; error: InputError } {
  if (event.text === undefined) return { ok: true, value: event.value };
  const parsed = parseJson(event.text);
  if (parsed.ok) return parsed;
  return { ok: false, error: { source: event.source, message: `${parsed.message} (column ${parsed.column})` } };
}
