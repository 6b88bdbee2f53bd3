/**
 * `xlsx`: the same table as `csv` (input columns + result columns), handed to src/node/xlsx.ts by
 * the audit command (a workbook is binary and needs --output). Buffered: the end text is the table as JSON.
 */
import { RESULT_COLUMNS } from '../../flat/index.js';
import { csv, type Piece } from './csv.js';
import type { Formatter } from './types.js';

export const xlsx: Formatter = {
  name: 'xlsx',
  streaming: false,
  deal: csv.deal,
  end(_summary, _context, pieces) {
    let header: string[] | undefined;
    const rows: (string | number)[][] = [];
    for (const text of pieces) {
      const p = JSON.parse(text) as Piece;
      header ??= p.h;
      const at = new Map(p.h.map((h, i) => [h, i]));
      rows.push([...header.map((h) => (at.has(h) ? (p.v[at.get(h)!] ?? '') : '')), ...p.r]);
    }
    return JSON.stringify({ headers: [...(header ?? ['id']), ...RESULT_COLUMNS], rows });
  },
};
