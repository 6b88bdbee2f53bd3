/**
 * Excel and WPS workbooks (.xlsx) for the CLI, through exceljs: a sheet in as a table of cell
 * values for the flat-row convention, and a scored table out with the rating cells and the
 * probability coloured.
 */
import ExcelJS from 'exceljs';
import { RESULT_COLUMNS } from '../flat/result.js';
import { columnRoles, type FlatOptions } from '../flat/row.js';
import { isDate, readAnswer } from '../flat/cells.js';
import type { Rating } from '../snapshot/schema.js';

export interface ReadXlsxOptions {
  /** The sheet to read, by name. Default: the first sheet. */
  sheet?: string;
}

/** A workbook problem a user can fix (missing sheet, unreadable file), with a message naming the file. */
export class XlsxError extends Error {
  override name = 'XlsxError';
}

/** The plain value of an exceljs cell: formulas give their result, rich text its text, dates stay Dates. */
function plain(value: ExcelJS.CellValue): unknown {
  if (value === null || value === undefined) return '';
  if (typeof value !== 'object' || isDate(value)) return value;
  if ('richText' in value) return value.richText.map((r) => r.text).join('');
  if ('formula' in value || 'sharedFormula' in value) return plain((value as ExcelJS.CellFormulaValue).result as ExcelJS.CellValue);
  if ('error' in value) return String(value.error);
  if ('hyperlink' in value) return plain((value as ExcelJS.CellHyperlinkValue).text as ExcelJS.CellValue);
  if ('text' in value) return String((value as { text: unknown }).text);
  return String(value);
}

/**
 * Reads one sheet as a table: row 1 (the headers) first, cells as the workbook holds them —
 * strings, numbers, booleans, Dates (date cells; UTC midnight), '' for empty cells. Trailing
 * empty rows are dropped; every row has the sheet's width.
 * @example const table = await readXlsx('pipeline.xlsx'); tableToSnapshots(table)
 */
export async function readXlsx(file: string, options: ReadXlsxOptions = {}): Promise<unknown[][]> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.readFile(file);
  } catch (error) {
    throw new XlsxError(`${file}: not a readable .xlsx workbook (${error instanceof Error ? error.message : String(error)})`);
  }
  const sheets = workbook.worksheets;
  const sheet = options.sheet === undefined ? sheets[0] : sheets.find((s) => s.name === options.sheet) ?? sheets.find((s) => s.name.toLowerCase() === options.sheet!.toLowerCase());
  if (!sheet) {
    const names = sheets.map((s) => JSON.stringify(s.name)).join(', ');
    throw new XlsxError(options.sheet === undefined ? `${file}: the workbook has no sheet` : `${file}: no sheet named ${JSON.stringify(options.sheet)}; the sheets are ${names}`);
  }
  const width = sheet.columnCount;
  const table: unknown[][] = [];
  for (let r = 1; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    const cells: unknown[] = [];
    for (let c = 1; c <= width; c++) cells.push(plain(row.getCell(c).value));
    table.push(cells);
  }
  while (table.length > 0 && table[table.length - 1]!.every((v) => v === '' || (typeof v === 'string' && v.trim() === ''))) table.pop();
  return table;
}

export interface WriteXlsxOptions extends Pick<FlatOptions, 'mapping' | 'items'> {
  /** Headers of the result columns. Default: the convention's (stage, milestone, probability, man, missing). */
  resultColumns?: readonly string[];
  /** The sheet's name. Default 'dealqual'. */
  sheetName?: string;
}

/** Fills and font colours of the three ratings (Excel's Good / Neutral / Bad styles). */
export const RATING_STYLE: Record<Rating, { fill: string; font: string }> = {
  C: { fill: 'FFC6EFCE', font: 'FF006100' },
  F: { fill: 'FFFFEB9C', font: 'FF9C5700' },
  W: { fill: 'FFFFC7CE', font: 'FF9C0006' },
};

/** The probability band of a value: ≥ 0.6 as C, ≥ 0.3 as F, below as W. */
export function probabilityBand(p: number): Rating {
  return p >= 0.6 ? 'C' : p >= 0.3 ? 'F' : 'W';
}

function style(cell: ExcelJS.Cell, rating: Rating): void {
  const { fill, font } = RATING_STYLE[rating];
  cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: fill } };
  cell.font = { ...(cell.font ?? {}), color: { argb: font } };
}

/** The workbook of a scored table (see `writeXlsx`). */
export function scoredWorkbook(headers: readonly string[], rows: readonly (readonly unknown[])[], options: WriteXlsxOptions = {}): ExcelJS.Workbook {
  const resultHeaders = new Set((options.resultColumns ?? RESULT_COLUMNS).map((h) => h.toLowerCase()));
  const roles = columnRoles(headers, { ...(options.mapping ? { mapping: options.mapping } : {}), ...(options.items ? { items: options.items } : {}) });
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'dealqual';
  const sheet = workbook.addWorksheet(options.sheetName ?? 'dealqual', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.addRow([...headers]);
  const head = sheet.getRow(1);
  head.font = { bold: true };
  headers.forEach((h, i) => {
    if (resultHeaders.has(h.toLowerCase())) head.getCell(i + 1).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };
  });
  const probability = headers.findIndex((h) => h.toLowerCase() === 'probability' && resultHeaders.has('probability'));
  const firstResult = headers.findIndex((h) => resultHeaders.has(h.toLowerCase()));
  for (const values of rows) {
    const row = sheet.addRow(headers.map((_, i) => (values[i] === undefined || values[i] === null ? '' : values[i])));
    headers.forEach((_, i) => {
      const value = values[i];
      const cell = row.getCell(i + 1);
      if (roles[i] === 'answer' && !resultHeaders.has(headers[i]!.toLowerCase())) {
        const read = value === undefined || value === '' ? undefined : readAnswer(value);
        if (read?.ok) style(cell, typeof read.value === 'string' ? read.value : read.value.rating);
      } else if (i === probability && typeof value === 'number') {
        cell.numFmt = '0%';
        style(cell, probabilityBand(value));
      } else if (i === firstResult && typeof value === 'string' && value.startsWith('#DEALQUAL')) {
        cell.font = { color: { argb: RATING_STYLE.W.font } };
      }
    });
  }
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: Math.max(1, headers.length) } };
  sheet.columns.forEach((column, i) => {
    const longest = Math.max(String(headers[i] ?? '').length, ...rows.slice(0, 200).map((r) => String(r[i] ?? '').length));
    column.width = Math.min(60, Math.max(8, longest + 2));
  });
  return workbook;
}

/**
 * Writes a scored table as .xlsx: the input columns and the result columns, rating cells filled
 * green/amber/red (C/F/W), probability as a percentage filled by band, error cells in red.
 * Rows hold cell values aligned with `headers` (strings, numbers, booleans, Dates).
 * @example await writeXlsx('scored.xlsx', [...inputHeaders, ...RESULT_COLUMNS], rows)
 */
export async function writeXlsx(file: string, headers: readonly string[], rows: readonly (readonly unknown[])[], options: WriteXlsxOptions = {}): Promise<void> {
  await scoredWorkbook(headers, rows, options).xlsx.writeFile(file);
}
