/** CSV and sheet rows → snapshots, through the shared flat-row convention (src/flat). */
import type { MappingInput } from '../../flat/mapping.js';
import type { Locale } from '../../locale/messages.js';
import { columnReport, rowToSnapshot } from '../../flat/index.js';
import type { Row } from '../../node/inputs.js';
import type { InputError, Source } from '../errors.js';

export interface RowOptions {
  mapping?: MappingInput;
  /** Item ids a header may rate (the evaluated packs' items). */
  items?: Iterable<string>;
  locale?: Locale;
}

export function rowSnapshot(row: Row, source: Source, options: RowOptions): { ok: true; value: unknown } | { ok: false; errors: InputError[] } {
  const parsed = rowToSnapshot(row.headers, row.values, {
    ...(options.mapping ? { mapping: options.mapping } : {}),
    ...(options.items ? { items: options.items } : {}),
    ...(options.locale ? { locale: options.locale } : {}),
    rowNumber: row.rowNumber,
    columnIssues: false,
  });
  if (parsed.ok) return { ok: true, value: parsed.snapshot };
  return {
    ok: false,
    errors: parsed.issues.map((i) => ({
      source,
      ...(parsed.id !== undefined ? { id: parsed.id } : {}),
      ...(i.path !== '$' ? { path: i.column !== undefined ? `${i.path} (column "${i.column}")` : i.path } : {}),
      message: i.message,
    })),
  };
}

/** The problems of one table's headers: errors (exit 2; those columns are skipped) and notes. */
export interface ColumnCheck {
  errors: InputError[];
  notes: string[];
}

/**
 * Checks each table's headers once (per headers array, which the readers share across a file's
 * rows): header and mapping problems are reported once per column, not once per row.
 */
export function columnChecker(options: RowOptions): (row: Row, source: Source) => ColumnCheck | undefined {
  const seen = new WeakSet<readonly string[]>();
  return (row, source) => {
    if (seen.has(row.headers)) return undefined;
    seen.add(row.headers);
    const report = columnReport(row.headers, { ...(options.mapping ? { mapping: options.mapping } : {}), ...(options.items ? { items: options.items } : {}) });
    const at = { file: source.file, ...(source.line !== undefined ? { line: 1 } : { at: 'header row' }) };
    return {
      errors: report.issues.map((i) => ({ source: at, message: i.path === '$' ? i.message : `${i.message} (column ${JSON.stringify(i.column)})` })),
      notes: report.notes.map((n) => `${source.file}: ${n.message}`),
    };
  };
}
