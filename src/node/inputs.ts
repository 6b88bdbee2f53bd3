/**
 * Reads audit inputs as a stream of deals: JSON files (one deal or an array), directories
 * (recursively, sorted, symbolic links followed), JSON Lines (streamed, with line numbers), CSV
 * (src/node/csv.ts: `,` `;` or tab detected from the header line), xlsx sheets, and `-` for stdin. Text is
 * decoded strictly (src/node/decode.ts: UTF-8 unless a byte-order mark or `encoding` says otherwise).
 * Nothing here throws for bad input: unreadable input becomes an `error` event naming the file, line
 * and field, and a named input that holds no deal is an error too (docs/cli.md, "Inputs with no deals").
 */
import { createReadStream } from 'node:fs';
import { readdir, readFile, realpath, stat } from 'node:fs/promises';
import { extname, join, relative, resolve } from 'node:path';
import type { Readable } from 'node:stream';
import type { InputError, Source } from '../cli/errors.js';
import { csvFaultMessage, csvRecords } from './csv.js';
import { decodeBuffer, DecodeError, decodeStream, linesOf } from './decode.js';
import { arrayElementLines, parseJson } from './json.js';
import { lineChunks, type LinesChunk } from './line-chunks.js';

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
  /** The text encoding of CSV, JSON and JSON Lines inputs without a byte-order mark. Default UTF-8. */
  encoding?: string;
  /**
   * UTF-8 JSON Lines files as chunks of whole lines in bytes (`readAuditInputs`), decoded and split
   * by whoever audits them (src/node/line-chunks.ts); other inputs come deal by deal.
   */
  lineChunks?: boolean;
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

/** What a walk (and a glob expansion) says of a symbolic link back into a folder that holds it. */
export const LOOP_LINK = 'a symbolic link back into a folder that holds it (a loop); not followed';
/** … and of a folder reached again below such a link (the link itself leads elsewhere first). */
export const LOOP_FOLDER = 'a folder already being walked, reached again through a symbolic link above it (a loop); not followed';
/** Whether a directory walk skips an entry of this name (and everything under it): hidden entries and node_modules. */
export const walkSkips = (name: string): boolean => name.startsWith('.') || name === 'node_modules';

/**
 * Files of a directory, recursively, sorted by path (code-point order); hidden entries and
 * node_modules skipped. Symbolic links are followed; a link back into a folder being walked (a loop)
 * and a broken link are reported, never skipped in silence.
 */
async function* walk(dir: string, ancestors: ReadonlySet<string> = new Set()): AsyncGenerator<{ file: string } | { path: string; error: string }> {
  const seen = new Set(ancestors).add(await realpath(dir));
  const entries = (await readdir(dir, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    if (walkSkips(entry.name)) continue;
    const path = join(dir, entry.name);
    let isDirectory = entry.isDirectory();
    let isFile = entry.isFile();
    if (entry.isSymbolicLink()) {
      let target;
      try {
        target = await stat(path);
      } catch (error) {
        yield { path, error: `a broken symbolic link (${(error as NodeJS.ErrnoException).code ?? String(error)})` };
        continue;
      }
      isDirectory = target.isDirectory();
      isFile = target.isFile();
    }
    // A folder is walked once per path from the top: a link may lead back to it, directly or
    // through a folder of its own that a link above has already entered.
    if (isDirectory && seen.has(await realpath(path))) {
      yield { path, error: entry.isSymbolicLink() ? LOOP_LINK : LOOP_FOLDER };
      continue;
    }
    if (isDirectory) yield* walk(path, seen);
    else if (isFile && kindOf(entry.name)) yield { file: path };
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

const decodeErrorEvent = (file: string, error: unknown): InputEvent => {
  if (error instanceof DecodeError) return errorEvent({ file, line: error.line }, error.message);
  throw error;
};

/** Decoded text of a byte stream, without a leading byte-order mark. */
async function* textOf(stream: AsyncIterable<Uint8Array | string>, options: ReadOptions): AsyncGenerator<string> {
  let first = true;
  for await (const text of decodeStream(stream, options.encoding)) {
    const body = first && text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
    first = false;
    if (body !== '') yield body;
  }
}

async function* jsonlDeals(chunks: AsyncIterable<string>, file: string, first?: { line: string }): AsyncGenerator<InputEvent> {
  let line = 0;
  if (first) {
    line += 1;
    if (first.line.trim() !== '') yield { kind: 'deal', source: { file, line }, text: first.line };
  }
  try {
    for await (const text of linesOf(chunks)) {
      line += 1;
      if (text.trim() === '') continue;
      yield { kind: 'deal', source: { file, line }, text };
    }
  } catch (error) {
    yield decodeErrorEvent(file, error);
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

async function* csvDeals(chunks: AsyncIterable<string>, file: string, options: ReadOptions, prefix?: string): AsyncGenerator<InputEvent> {
  // Read up to the first line end (`\n`, `\r\n` or a lone `\r`, as the record reader) to pick the
  // delimiter, then read the records (src/node/csv.ts). Each chunk is searched once.
  const iterator = chunks[Symbol.asyncIterator]();
  const head: string[] = prefix === undefined ? [] : [prefix];
  let decodeError: unknown;
  try {
    for (let ended = prefix !== undefined && /[\r\n]/.test(prefix); !ended; ) {
      const next = await iterator.next();
      if (next.done) break;
      head.push(next.value);
      ended = /[\r\n]/.test(next.value);
    }
  } catch (error) {
    decodeError = error;
  }
  const firstLine = head.join('').split(/\r\n|\r|\n/)[0] ?? '';
  const delimiter = options.delimiter && options.delimiter !== 'auto' ? options.delimiter : detectDelimiter(firstLine);
  // The text up to a byte sequence that cannot be decoded (reported after the rows before it).
  const text = async function* (): AsyncGenerator<string> {
    try {
      yield* head;
      if (decodeError === undefined) for (let next = await iterator.next(); !next.done; next = await iterator.next()) yield next.value;
    } catch (error) {
      decodeError = error;
    } finally {
      await iterator.return?.();
    }
  };
  let headers: string[] | undefined;
  for await (const item of csvRecords(text(), delimiter)) {
    if (item.kind === 'error') {
      // A record with a quote out of place is reported with its line; reading goes on at the next line.
      const message = `invalid CSV: ${csvFaultMessage(item, delimiter, headers?.[item.field])}`;
      yield errorEvent({ file, line: item.line }, headers ? message : `${message}; without the header row no row of the file is read`);
      if (!headers) break;
      continue;
    }
    if (!headers) {
      // An empty header is the table's, as in xlsx and Sheets: a row with a value under it is
      // reported ("its column has no header"), the other rows are read (src/flat/row.ts).
      headers = item.values.map((h) => h.trim());
      continue;
    }
    if (item.values.every((cell) => cell.trim() === '')) continue;
    yield { kind: 'deal', source: { file, line: item.line }, row: { headers, values: item.values, rowNumber: item.line } };
  }
  if (decodeError !== undefined) yield decodeErrorEvent(file, decodeError);
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

async function* fileDeals(path: string, file: string, kind: InputKind | undefined, options: ReadOptions): AsyncGenerator<InputEvent | LinesChunk> {
  try {
    switch (kind) {
      case 'jsonl': {
        const chunks = options.lineChunks ? await lineChunks(path, file, options.encoding) : undefined;
        if (chunks) yield* chunks;
        else yield* jsonlDeals(textOf(createReadStream(path), options), file);
        return;
      }
      case 'csv':
        yield* csvDeals(textOf(createReadStream(path), options), file, path.toLowerCase().endsWith('.tsv') ? { ...options, delimiter: '\t' } : options);
        return;
      case 'xlsx':
        yield* sheetDeals(path, file, options);
        return;
      case 'json': {
        let text: string;
        try {
          text = decodeBuffer(await readFile(path), options.encoding);
        } catch (error) {
          yield decodeErrorEvent(file, error);
          return;
        }
        yield* jsonDeals(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, file);
        return;
      }
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
  const chunks = textOf(stream, options);
  if (forced === 'jsonl') return yield* jsonlDeals(chunks, file);
  if (forced === 'csv') return yield* csvDeals(chunks, file, options);
  const iterator = chunks[Symbol.asyncIterator]();
  let head = '';
  let done = false;
  let failure: unknown;
  try {
    // Each chunk is searched once (searching `head` again would copy it with every chunk).
    for (let ended = false; !ended && !done; ) {
      const next = await iterator.next();
      if (next.done) done = true;
      else {
        head += next.value;
        ended = next.value.includes('\n');
      }
    }
  } catch (error) {
    failure = error;
    done = true;
  }
  // What is left after `head`; an undecodable first line comes out of it as the error it is.
  const rest = (async function* () {
    if (failure !== undefined) throw failure;
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) yield next.value;
  })();
  const trimmed = head.trimStart();
  if (forced === 'json' || trimmed.startsWith('[') || trimmed.startsWith('{')) {
    const newline = head.indexOf('\n');
    const firstLine = (newline === -1 ? head : head.slice(0, newline)).replace(/\r$/, '');
    if (forced !== 'json' && firstLine.trim().startsWith('{') && parseJson(firstLine).ok) {
      const tail = newline === -1 ? '' : head.slice(newline + 1);
      yield* jsonlDeals((async function* () {
        if (tail) yield tail;
        yield* rest;
      })(), file, { line: firstLine });
      return;
    }
    let text = head;
    try {
      for await (const chunk of rest) text += chunk;
    } catch (error) {
      yield decodeErrorEvent(file, error);
      return;
    }
    yield* jsonDeals(text, file);
    return;
  }
  if (trimmed === '' && failure !== undefined) {
    yield decodeErrorEvent(file, failure);
    return;
  }
  if (trimmed === '' && done) return;
  yield* csvDeals(rest, file, options, head);
}

/**
 * Every deal of the given paths, in order: each path as given, directories walked recursively and
 * sorted. File names in sources are relative to `cwd`. A path that gives neither a deal nor an error
 * (an empty file, a header-only CSV, `[]`, closed stdin, a folder with no deal file) is an error:
 * every input named must hold at least one deal.
 */
export function readInputs(paths: readonly string[], options: ReadOptions): AsyncGenerator<InputEvent> {
  return readAll(paths, { ...options, lineChunks: false }) as AsyncGenerator<InputEvent>;
}

/** As `readInputs`, with UTF-8 JSON Lines files as chunks of lines when `options.lineChunks` (the audit). */
export function readAuditInputs(paths: readonly string[], options: ReadOptions): AsyncGenerator<InputEvent | LinesChunk> {
  return readAll(paths, options);
}

async function* readAll(paths: readonly string[], options: ReadOptions): AsyncGenerator<InputEvent | LinesChunk> {
  for (const path of paths) {
    let events = 0;
    const counted = async function* <T>(source: AsyncIterable<T>): AsyncGenerator<T> {
      for await (const event of source) {
        events += 1;
        yield event;
      }
    };
    if (path === '-') {
      yield* counted(sniffed(options.stdin, '<stdin>', options, options.stdinKind));
      if (events === 0) yield errorEvent({ file: '<stdin>' }, 'no deals: stdin is empty');
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
      let files = 0;
      for await (const found of walk(absolute)) {
        const name = relative(options.cwd, 'file' in found ? found.file : found.path) || path;
        if ('error' in found) {
          events += 1;
          yield errorEvent({ file: name }, found.error);
          continue;
        }
        files += 1;
        yield* counted(fileDeals(found.file, name, kindOf(found.file), options));
      }
      if (files === 0 && events === 0) yield errorEvent({ file: path }, 'no deals: the directory holds no .json, .jsonl, .ndjson, .csv, .tsv or .xlsx file');
      else if (events === 0) yield errorEvent({ file: path }, 'no deals: every file in the directory is empty');
    } else {
      yield* counted(fileDeals(absolute, path, kindOf(absolute), options));
      if (events === 0) yield errorEvent({ file: path }, 'no deals: the file holds none');
    }
  }
}

/** The deal value of an event: parses JSON Lines text. */
export function dealValue(event: Extract<InputEvent, { kind: 'deal' }>): { ok: true; value: unknown } | { ok: false; error: InputError } {
  if (event.text === undefined) return { ok: true, value: event.value };
  const parsed = parseJson(event.text);
  if (parsed.ok) return parsed;
  return { ok: false, error: { source: event.source, message: `${parsed.message} (column ${parsed.column})` } };
}
