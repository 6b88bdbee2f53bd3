/**
 * Excel and WPS workbooks (.xlsx) for the CLI: a sheet in as a table of cell values for the
 * flat-row convention (read-excel-file), and a scored table out with the rating cells and the
 * probability coloured (write-excel-file). A workbook is a zip of XML files, so a small file can
 * unpack to gigabytes: `readXlsx` first walks the archive with bounded inflation (`inspectXlsx`)
 * and refuses one that unpacks past the byte or cell limits before any parser sees it.
 */
import { readFile, stat, writeFile } from 'node:fs/promises';
import { Unzip, UnzipInflate, type UnzipFile } from 'fflate';
import readXlsxFile from 'read-excel-file/node';
import writeXlsxFile, { type Cell, type SheetData } from 'write-excel-file/node';
import { RESULT_COLUMNS } from '../flat/result.js';
import { columnRoles, type FlatOptions } from '../flat/row.js';
import { readAnswer } from '../flat/cells.js';
import type { Rating } from '../snapshot/schema.js';
import { stampZip } from './zip-times.js';

/** How much a workbook may unpack to. Past either limit `readXlsx` throws an `XlsxError`. */
export interface XlsxLimits {
  /** Bytes all the archive's files may inflate to, together. Default 64 MiB. */
  maxBytes?: number;
  /** Cells in all sheets, and strings in the shared-string table, each. Default 1,000,000. */
  maxCells?: number;
}

export interface ReadXlsxOptions extends XlsxLimits {
  /** The sheet to read, by name. Default: the first sheet. */
  sheet?: string;
}

/** The default limits: a pipeline of 16,000 deals × 60 columns fits; a zip bomb does not. */
export const XLSX_LIMITS: Readonly<Required<XlsxLimits>> = { maxBytes: 64 * 1024 * 1024, maxCells: 1_000_000 };

/** Most files a workbook may hold (a sheet, its styles, strings, relations: a few dozen in practice). */
const MAX_ENTRIES = 10_000;

/** A workbook problem a user can fix (missing sheet, unreadable or oversized file), with a message naming the file. */
export class XlsxError extends Error {
  override name = 'XlsxError';
}

/** What `inspectXlsx` found: the inflated size, the cells of all sheets, the shared strings. */
export interface XlsxInspection {
  bytes: number;
  cells: number;
  sharedStrings: number;
}

/** Counts the matches of `pattern` in a stream of text chunks, across chunk boundaries. */
function counter(pattern: RegExp, overlap: number): (text: string) => number {
  let tail = '';
  return (text) => {
    const joined = tail + text;
    let n = 0;
    for (const m of joined.matchAll(pattern)) if (m.index + m[0].length > tail.length) n++;
    tail = joined.slice(-overlap);
    return n;
  };
}

const CELL = /<(?:[A-Za-z_][\w.-]*:)?c[\s/>]/g;
const SHARED_STRING = /<(?:[A-Za-z_][\w.-]*:)?si[\s/>]/g;

/**
 * Walks a workbook's zip entries, inflating each in a stream and keeping nothing, and counts the
 * bytes, the cells (`<c>` in xl/worksheets/) and the shared strings (`<si>` in sharedStrings.xml).
 * Stops at the first limit passed and throws an `XlsxError` naming the file and the limit; a file
 * that is not a zip is left to the reader, which says so.
 * @example inspectXlsx(await readFile('pipeline.xlsx'), 'pipeline.xlsx') // { bytes: 18231, cells: 420, sharedStrings: 97 }
 */
export function inspectXlsx(data: Uint8Array, file: string, limits: XlsxLimits = {}): XlsxInspection {
  const maxBytes = limits.maxBytes ?? XLSX_LIMITS.maxBytes;
  const maxCells = limits.maxCells ?? XLSX_LIMITS.maxCells;
  const found: XlsxInspection = { bytes: 0, cells: 0, sharedStrings: 0 };
  let entries = 0;
  let failure: XlsxError | undefined;
  const fail = (what: string) => (failure ??= new XlsxError(`${file}: the workbook is too large to read: ${what}. Export the sheet as CSV (read as a stream, in bounded memory) or split it.`));
  const unzip = new Unzip();
  unzip.register(UnzipInflate);
  unzip.onfile = (entry: UnzipFile) => {
    if (failure) return;
    if (++entries > MAX_ENTRIES) return fail(`more than ${MAX_ENTRIES.toLocaleString('en')} files in the archive`);
    const cells = /^xl\/worksheets\/[^/]+\.xml$/i.test(entry.name) ? counter(CELL, 64) : undefined;
    const strings = /^xl\/sharedStrings\.xml$/i.test(entry.name) ? counter(SHARED_STRING, 64) : undefined;
    const decoder = cells || strings ? new TextDecoder() : undefined;
    entry.ondata = (error, chunk, final) => {
      if (failure) return;
      if (error) return; // a corrupt stream: the reader reports it
      found.bytes += chunk.length;
      if (found.bytes > maxBytes) {
        entry.terminate();
        return fail(`it unpacks to more than ${maxBytes.toLocaleString('en')} bytes`);
      }
      if (decoder) {
        const text = decoder.decode(chunk, { stream: !final });
        if (cells && (found.cells += cells(text)) > maxCells) fail(`more than ${maxCells.toLocaleString('en')} cells`);
        if (strings && (found.sharedStrings += strings(text)) > maxCells) fail(`more than ${maxCells.toLocaleString('en')} shared strings`);
        if (failure) entry.terminate();
      }
    };
    entry.start();
  };
  // Deflate expands at most ~1032:1, so a 4 KB slice inflates to at most ~4 MB at a time.
  const slice = 4 * 1024;
  try {
    for (let at = 0; at < data.length && !failure; at += slice) unzip.push(data.subarray(at, at + slice), at + slice >= data.length);
  } catch {
    // not a zip, or a corrupt one: the reader names the problem
  }
  if (failure) throw failure;
  return found;
}

/**
 * Reads one sheet as a table: row 1 (the headers) first, cells as the workbook holds them —
 * strings, numbers, booleans, Dates (date cells; UTC midnight), '' for empty cells; formulas give
 * their cached result, rich text its text. Trailing empty rows are dropped; every row has the
 * sheet's width. A workbook past the limits (`XLSX_LIMITS`) is an `XlsxError` before it is parsed.
 * @example const table = await readXlsx('pipeline.xlsx'); tableToSnapshots(table)
 */
export async function readXlsx(file: string, options: ReadXlsxOptions = {}): Promise<unknown[][]> {
  const maxBytes = options.maxBytes ?? XLSX_LIMITS.maxBytes;
  const size = (await stat(file)).size;
  if (size > maxBytes) throw new XlsxError(`${file}: the workbook is too large to read: ${size.toLocaleString('en')} bytes on disk, more than ${maxBytes.toLocaleString('en')}. Export the sheet as CSV (read as a stream, in bounded memory) or split it.`);
  const data = await readFile(file);
  inspectXlsx(data, file, options);
  let sheets: { sheet: string; data: unknown[][] }[];
  try {
    sheets = await readXlsxFile(data);
  } catch (error) {
    throw new XlsxError(`${file}: not a readable .xlsx workbook (${error instanceof Error ? error.message : String(error)})`);
  }
  const wanted = options.sheet;
  const sheet = wanted === undefined ? sheets[0] : sheets.find((s) => s.sheet === wanted) ?? sheets.find((s) => s.sheet.toLowerCase() === wanted.toLowerCase());
  if (!sheet) {
    const names = sheets.map((s) => JSON.stringify(s.sheet)).join(', ');
    throw new XlsxError(wanted === undefined ? `${file}: the workbook has no sheet` : `${file}: no sheet named ${JSON.stringify(wanted)}; the sheets are ${names}`);
  }
  const width = Math.max(0, ...sheet.data.map((row) => row.length));
  const table = sheet.data.map((row) => Array.from({ length: width }, (_, i) => row[i] ?? ''));
  while (table.length > 0 && table[table.length - 1]!.every((v) => v === '' || (typeof v === 'string' && v.trim() === ''))) table.pop();
  return table;
}

export interface WriteXlsxOptions extends Pick<FlatOptions, 'mapping' | 'items'> {
  /** Headers of the result columns. Default: the convention's (stage, milestone, probability, man, missing). */
  resultColumns?: readonly string[];
  /** The sheet's name. Default 'dealqual'. */
  sheetName?: string;
}

/** Fills and font colours (ARGB) of the three ratings (Excel's Good / Neutral / Bad styles). */
export const RATING_STYLE: Record<Rating, { fill: string; font: string }> = {
  C: { fill: 'FFC6EFCE', font: 'FF006100' },
  F: { fill: 'FFFFEB9C', font: 'FF9C5700' },
  W: { fill: 'FFFFC7CE', font: 'FF9C0006' },
};

/** The fill of result-column headers (ARGB). */
const RESULT_HEADER_FILL = 'FFDDEBF7';

/** The probability band of a value: ≥ 0.6 as C, ≥ 0.3 as F, below as W. */
export function probabilityBand(p: number): Rating {
  return p >= 0.6 ? 'C' : p >= 0.3 ? 'F' : 'W';
}

/** '#RRGGBB' of an ARGB colour. */
const rgb = (argb: string): string => `#${argb.slice(2)}`;

const rated = (rating: Rating) => ({ backgroundColor: rgb(RATING_STYLE[rating].fill), textColor: rgb(RATING_STYLE[rating].font) });

/** A cell of the writer: strings, numbers, booleans and Dates keep their type; anything else is its text. */
function cellValue(value: unknown): Cell {
  if (value === undefined || value === null || value === '') return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' || value instanceof Date) return value;
  return String(value);
}

/** The sheet data of a scored table (see `writeXlsx`): header row bold, then the styled rows. */
export function scoredSheet(headers: readonly string[], rows: readonly (readonly unknown[])[], options: WriteXlsxOptions = {}): SheetData {
  const resultHeaders = new Set((options.resultColumns ?? RESULT_COLUMNS).map((h) => h.toLowerCase()));
  const roles = columnRoles(headers, { ...(options.mapping ? { mapping: options.mapping } : {}), ...(options.items ? { items: options.items } : {}) });
  // A result column is the last of its name: an input column before it may share the name (Odoo's Probability).
  const isResult = (i: number) => resultHeaders.has(headers[i]!.toLowerCase()) && !headers.slice(i + 1).some((h) => h.toLowerCase() === headers[i]!.toLowerCase());
  const probability = headers.findIndex((h, i) => h.toLowerCase() === 'probability' && isResult(i));
  const firstResult = headers.findIndex((_, i) => isResult(i));
  const head = headers.map((h, i) => ({ value: h, fontWeight: 'bold' as const, ...(isResult(i) ? { backgroundColor: rgb(RESULT_HEADER_FILL) } : {}) }));
  const body = rows.map((values) =>
    headers.map((header, i): Cell => {
      const value = values[i];
      const cell = cellValue(value);
      if (roles[i] === 'answer' && !isResult(i)) {
        const read = cell === null ? undefined : readAnswer(value);
        if (read?.ok) return { value: cell as string, ...rated(typeof read.value === 'string' ? read.value : read.value.rating) };
      } else if (i === probability && typeof value === 'number') {
        return { value, type: Number, format: '0%', ...rated(probabilityBand(value)) };
      } else if (i === firstResult && typeof value === 'string' && value.startsWith('#DEALQUAL')) {
        return { value, textColor: rgb(RATING_STYLE.W.font) };
      }
      return value instanceof Date ? { value, type: Date, format: 'yyyy-mm-dd' } : cell;
    }),
  );
  return [head, ...body];
}

/**
 * Writes a scored table as .xlsx: the input columns and the result columns, rating cells filled
 * green/amber/red (C/F/W), probability as a percentage filled by band, error cells in red, the
 * header row bold and frozen. Rows hold cell values aligned with `headers` (strings, numbers,
 * booleans, Dates). The same table gives the same bytes (entry times fixed: zip-times.ts).
 * @example await writeXlsx('scored.xlsx', [...inputHeaders, ...RESULT_COLUMNS], rows)
 */
export async function writeXlsx(file: string, headers: readonly string[], rows: readonly (readonly unknown[])[], options: WriteXlsxOptions = {}): Promise<void> {
  const columns = headers.map((h, i) => {
    const longest = Math.max(String(h).length, ...rows.slice(0, 200).map((r) => String(r[i] ?? '').length));
    return { width: Math.min(60, Math.max(8, longest + 2)) };
  });
  const bytes = await writeXlsxFile(scoredSheet(headers, rows, options), { sheet: options.sheetName ?? 'dealqual', columns, stickyRowsCount: 1 }).toBuffer();
  // The zip writer stamps each entry with the time of writing: fixed, the same table is the same bytes.
  stampZip(bytes);
  await writeFile(file, bytes);
}
