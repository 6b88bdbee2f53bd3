/** CSV and sheet rows → snapshots, through the shared flat-row convention (src/flat). */
import type { Locale } from '../../locale/messages.js';
import { isColumnIssue, rowToSnapshot } from '../../flat/index.js';
import type { Row } from '../../node/inputs.js';
import type { InputError, Source } from '../errors.js';

export interface RowOptions {
  mapping?: Record<string, string>;
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
  });
  if (parsed.ok) return { ok: true, value: parsed.snapshot };
  return {
    ok: false,
    errors: parsed.issues.map((i) => ({
      source,
      ...(parsed.id !== undefined ? { id: parsed.id } : {}),
      ...(i.path !== '$' ? { path: i.column !== undefined ? `${i.path} (column "${i.column}")` : i.path } : {}),
      message: i.message,
      // A bad header is every row's: reported once per file and column.
      ...(isColumnIssue(i) ? { once: `${source.file}\u0000${i.column ?? ''}\u0000${i.message}` } : {}),
    })),
  };
}
