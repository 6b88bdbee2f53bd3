/**
 * `csv`: the input columns (CSV and sheet inputs; `id` for JSON deals) plus the result columns of
 * the flat-row convention (stage, milestone, probability, man, missing). Columns follow the first
 * deal's input header; later rows are aligned to it by header name. RFC 4180 quoting, `,`. Cells a
 * spreadsheet would execute are neutralised unless `--no-csv-escape-formulas` (see `neutralise`).
 */
import { RESULT_COLUMNS, isResultColumn, resultRow } from '../../flat/index.js';
import type { Formatter } from './types.js';

/** A cell as text: sheet Dates as ISO dates (or date-times), everything else as written. */
export const cellText = (v: unknown): string =>
  v instanceof Date ? (v.toISOString().endsWith('T00:00:00.000Z') ? v.toISOString().slice(0, 10) : v.toISOString()) : v === undefined || v === null ? '' : String(v);

export const csvCell = (v: unknown): string => {
  const s = cellText(v);
  return /[",\r\n]|^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};
const line = (cells: readonly unknown[]) => cells.map(csvCell).join(',') + '\r\n';

/**
 * Neutralises a cell a spreadsheet would run as a formula (OWASP CSV injection): text starting with
 * `=`, `+`, `-`, `@`, tab or carriage return gets a leading `'`, which spreadsheets show as text.
 * Numbers (`-12`, `+3.5`, `1e3`) are left alone, so they stay numbers.
 * @example neutralise('=HYPERLINK("http://x")') // "'=HYPERLINK(\"http://x\")"
 * @example neutralise('-12.5') // '-12.5'
 */
export function neutralise(cell: string): string {
  if (!/^[=+\-@\t\r]/.test(cell)) return cell;
  if (/^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(cell)) return cell;
  return `'${cell}`;
}

/** One deal's row: headers, input values, result values (shared with the xlsx formatter). */
export interface Piece {
  h: string[];
  v: string[];
  r: (string | number)[];
}

export const csv: Formatter = {
  name: 'csv',
  streaming: true,
  deal(record, context) {
    const h = record.row ? record.row.headers : ['id'];
    const v = record.row ? record.row.values : [record.result.id];
    // Result columns of a re-audited output are replaced, not repeated; an input column of the same
    // name that the mapping reads (Odoo's Stage) is kept, ahead of the result columns.
    const keep = h.map((_, i) => (isResultColumn(h, i, context.mapping) ? -1 : i)).filter((i) => i >= 0);
    const safe = context.escapeFormulas === false ? (c: string) => c : neutralise;
    const piece: Piece = {
      h: keep.map((i) => safe(h[i]!)),
      v: keep.map((i) => safe(cellText(v[i]))),
      r: resultRow(record.result).map((c) => (typeof c === 'string' ? safe(c) : c)),
    };
    return JSON.stringify(piece);
  },
  // The header is the first deal's: once it is known, every later row is aligned to it alone.
  settled: (state: { header?: string[] }) => state.header !== undefined,
  emit(text, state: { header?: string[] }) {
    const piece = JSON.parse(text) as Piece;
    if (!state.header) {
      state.header = piece.h;
      return line([...piece.h, ...RESULT_COLUMNS]) + line([...piece.v, ...piece.r]);
    }
    const same = piece.h.length === state.header.length && piece.h.every((h, i) => h === state.header![i]);
    if (same) return line([...piece.v, ...piece.r]);
    const at = new Map(piece.h.map((h, i) => [h, i]));
    return line([...state.header.map((h) => (at.has(h) ? (piece.v[at.get(h)!] ?? '') : '')), ...piece.r]);
  },
};
