/**
 * A deal history read from CRM exports and snapshots, as `dealqual calibrate` reads it: table rows
 * become snapshots through the column mapping (src/flat), each table's header and mapping problems
 * are found once per column, the items the columns can feed are collected for the prior
 * (`observableItems`), and every input that cannot be read is kept as data — where it came from
 * (file, line or row), the deal id, the field path, the column and what was expected — never thrown
 * one by one. `prepareHistory(read, { skipInvalid })` then decides: refuse the history (the default,
 * a `HistoryError`), or report the bad inputs and go on with the rest.
 */
import { columnReport, fedPaths, rowToSnapshot, type FlatIssue } from '../flat/row.js';
import { isBlankRow } from '../flat/row.js';
import type { MappingInput } from '../flat/mapping.js';
import type { Locale } from '../locale/messages.js';
import type { EvaluateOptions } from '../evaluate.js';
import { observableItems } from './observable.js';
import { packsInUse } from './packs.js';

/** Where a history input came from: a file and its line (CSV, JSON Lines) or row (a sheet, a table), or a place in a file (`$[3]`). */
export interface InputSource {
  file?: string;
  line?: number;
  /** The spreadsheet row number (the header row is 1 unless said otherwise). */
  row?: number;
  /** Any other place: `$[3]` inside a JSON array file. */
  at?: string;
}

/** One problem of an input, as data: the field's JSON path, the column it was read from, what was expected. */
export interface InputIssue {
  /** JSON path of the field in the snapshot (`$.custom.days`, `$.need.deadline`); `$` for the input as a whole. */
  path: string;
  /** The table column the field was read from, as its header is written. */
  column?: string;
  /** zod's code, for a snapshot that fails validation. */
  code?: string;
  /** What the field accepts, where known. */
  expected?: string;
  message: string;
}

/** A history input that cannot be used: where it came from, its deal id where readable, and why. */
export interface InvalidInput {
  /** Position among the history's inputs (tables counted row by row), 0-based. */
  index: number;
  source: InputSource;
  id?: string;
  issues: InputIssue[];
}

/** A header or mapping problem of a table, once per column: that column is read in no row. */
export interface ColumnIssue {
  source: InputSource;
  column?: string;
  message: string;
}

/** One history input: a deal snapshot, or one table row under its headers. */
export type HistoryInput =
  | { snapshot: unknown; source?: InputSource }
  | {
      /** The table's header row; pass the same array for every row of a table (problems are found once per array). */
      headers: readonly unknown[];
      values: readonly unknown[];
      /** The row's spreadsheet row number, for messages and for the id of a table with no id column. */
      rowNumber?: number;
      source?: InputSource;
    };

/** A whole table (first row the headers), e.g. a parsed CRM export. */
export interface HistoryTable {
  table: readonly (readonly unknown[])[];
  /** The file name, for messages. */
  file?: string;
  /** The spreadsheet row number of the header row. Default 1. */
  headerRow?: number;
}

/** How `readHistory` reads tables: the column mapping, the packs whose items a header may rate, the words of messages. */
export interface ReadHistoryOptions extends Pick<EvaluateOptions, 'packs' | 'locale'> {
  /** How CRM columns become snapshot fields (as `rowToSnapshot`'s `mapping`): a mapping or a preset. */
  mapping?: MappingInput;
  /** Item ids switched off (never observable: the prior gives them no weight). */
  off?: Iterable<string>;
}

/** A history as read (`readHistory`): the snapshots with their sources, and every problem as data. */
export interface HistoryRead {
  kind: 'history-read';
  /** The inputs that became snapshots (rows read through the mapping, snapshots as given), in input order. */
  snapshots: unknown[];
  /** Per snapshot: its position among the inputs and where it came from. */
  origins: { index: number; source: InputSource }[];
  /** Rows that could not be read into a snapshot (a cell of the wrong type, a blank id…). */
  invalid: InvalidInput[];
  /** Header and mapping problems, once per column per table. A history with any is refused, skipInvalid or not: the column would be missing from every row. */
  columns: ColumnIssue[];
  /** Columns nothing maps, kept under `custom` (once per column per table). */
  notes: ColumnIssue[];
  /** The items the inputs can feed (the union over tables; undefined once a snapshot is given, which can hold any field). */
  observable: Set<string> | undefined;
  /** The packs and options the rows were read with. */
  locale?: Locale;
}

const isTable = (input: HistoryInput | HistoryTable): input is HistoryTable => 'table' in input;

const fromFlat = (i: FlatIssue): InputIssue => ({ path: i.path, ...(i.column !== undefined ? { column: i.column } : {}), message: i.message });

/**
 * Reads a history's inputs: snapshots as given, table rows through the mapping (blank rows skipped).
 * Nothing is thrown for bad data: every problem comes back in `invalid`, `columns` or `notes`.
 * @example readHistory([{ table: csvRows, file: 'export.csv' }], { packs: [crmPack], mapping }).invalid
 *   // [{ index: 6, source: { file: 'export.csv', row: 8 }, id: 'OPP-7', issues: [{ path: '$.custom.days', column: 'Days To Close', message: 'expected a number …' }] }]
 */
export function readHistory(inputs: readonly (HistoryInput | HistoryTable)[], options: ReadHistoryOptions = {}): HistoryRead {
  const packs = packsInUse(options);
  const items = new Set(packs.flatMap((p) => p.items.map((i) => i.id)));
  const off = [...(options.off ?? [])];
  const flat = { ...(options.mapping ? { mapping: options.mapping } : {}), items };
  const read: HistoryRead = { kind: 'history-read', snapshots: [], origins: [], invalid: [], columns: [], notes: [], observable: new Set(), ...(options.locale ? { locale: options.locale } : {}) };
  const seen = new WeakSet<readonly unknown[]>();
  let index = 0;
  const addRow = (headers: readonly unknown[], values: readonly unknown[], rowNumber: number | undefined, source: InputSource) => {
    if (!seen.has(headers)) {
      seen.add(headers);
      const at = { ...(source.file !== undefined ? { file: source.file } : {}), ...(source.line !== undefined ? { line: 1 } : { at: 'header row' }) };
      const report = columnReport(headers, flat);
      for (const i of report.issues) read.columns.push({ source: at, ...(i.column !== undefined ? { column: i.column } : {}), message: i.message });
      for (const n of report.notes) read.notes.push({ source: at, ...(n.column !== undefined ? { column: n.column } : {}), message: n.message });
      for (const id of observableItems(packs, fedPaths(headers, flat), off)) read.observable?.add(id);
    }
    const parsed = rowToSnapshot(headers, values, { ...flat, ...(options.locale ? { locale: options.locale } : {}), ...(rowNumber !== undefined ? { rowNumber } : {}), columnIssues: false });
    if (parsed.ok) {
      read.snapshots.push(parsed.snapshot);
      read.origins.push({ index, source });
    } else read.invalid.push({ index, source, ...(parsed.id !== undefined ? { id: parsed.id } : {}), issues: parsed.issues.map(fromFlat) });
    index += 1;
  };
  for (const input of inputs) {
    if (isTable(input)) {
      const [headers = [], ...rows] = input.table;
      const first = (input.headerRow ?? 1) + 1;
      rows.forEach((values, r) => {
        if (isBlankRow(values)) return;
        addRow(headers, values ?? [], first + r, { ...(input.file !== undefined ? { file: input.file } : {}), row: first + r });
      });
    } else if ('headers' in input) addRow(input.headers, input.values, input.rowNumber, input.source ?? { row: input.rowNumber ?? index + 1 });
    else {
      read.snapshots.push(input.snapshot);
      read.origins.push({ index, source: input.source ?? { at: `[${index}]` } });
      index += 1;
      // A snapshot can hold any field: every item not switched off can be fed.
      read.observable = undefined;
    }
  }
  if (off.length > 0 && read.observable === undefined) read.observable = observableItems(packs, undefined, off);
  if (read.observable !== undefined && read.snapshots.length === 0 && read.invalid.length === 0) read.observable = undefined;
  return read;
}

/**
 * A history refused (`prepareHistory`, `calibrate` without `skipInvalid`): every input that cannot
 * be used and every column problem, as data. Its message counts them and quotes the first.
 */
export class HistoryError extends Error {
  readonly invalid: readonly InvalidInput[];
  readonly columns: readonly ColumnIssue[];
  constructor(invalid: readonly InvalidInput[], columns: readonly ColumnIssue[]) {
    const total = invalid.reduce((n, i) => n + i.issues.length, 0) + columns.length;
    const first = columns[0] ? columnIssueText(columns[0]) : invalid[0] ? invalidInputTexts(invalid[0])[0] : '';
    super(
      `${total} problem${total === 1 ? '' : 's'} in the history (${columns.length > 0 ? 'a column cannot be read' : 'pass skipInvalid: true to calibrate on the rest'}); first: ${first}`,
    );
    this.name = 'HistoryError';
    this.invalid = invalid;
    this.columns = columns;
  }
}

/**
 * Where an input came from, as text: `export.csv:8`, `export.csv row 8`, `deals.json $[3]`.
 * @example sourceText({ file: 'export.csv', row: 8 }) // 'export.csv row 8'
 */
export function sourceText(source: InputSource): string {
  const place = [source.line !== undefined ? `:${source.line}` : '', source.row !== undefined && source.line === undefined ? ` row ${source.row}` : '', source.at ? ` ${source.at}` : ''].join('');
  return `${source.file ?? '(history)'}${place}`;
}

/**
 * One line per issue of an invalid input: `export.csv row 8 (deal OPP-7): $.custom.days (column "Days To Close"): expected a number`.
 * @example invalidInputTexts(read.invalid[0])
 */
export function invalidInputTexts(input: InvalidInput): string[] {
  return input.issues.map((i) => `${sourceText(input.source)}${input.id !== undefined ? ` (deal ${input.id})` : ''}: ${issuePath(i)}${issueMessage(i)}`);
}

/** An issue's field path with its column: `$.custom.days (column "Days To Close"): `; nothing for `$`. */
export const issuePath = (i: InputIssue): string => (i.path === '$' ? '' : `${i.path}${i.column !== undefined ? ` (column ${JSON.stringify(i.column)})` : ''}: `);

/** An issue's message, with what was expected where the message does not already say it. */
export const issueMessage = (i: InputIssue): string =>
  i.expected !== undefined && !i.message.replace(/\s/g, '').includes(i.expected.replace(/\s/g, '')) ? `${i.message} (expected ${i.expected})` : i.message;

/** A column problem as text: `export.csv header row: column "Stage" is mapped to …`. */
export const columnIssueText = (c: ColumnIssue): string => `${sourceText(c.source)}: ${c.message}`;
