/**
 * The Google Sheets bundle (`dist/dealqual.gs.js`, global `DealQual`). Apps Script passes a range
 * as a 2-D array (a single cell as a plain value); these functions take that shape and give back
 * cell values. Nothing throws to the sheet: a problem becomes a `#DEALQUAL: …` cell. The custom
 * functions themselves (`DEALQUAL_AUDIT`, …) are top-level declarations appended by the build
 * (see `functions.ts`), because Apps Script only finds functions declared at the top level.
 */
import type { EvaluateOptions, Evaluation } from '../evaluate.js';
import type { Result } from '../result.js';
import { RESULT_COLUMNS, errorCell, missingCell, resultRow } from '../flat/result.js';
import { isBlankRow, rowToSnapshot, tableToSnapshots, type FlatOptions, type RowResult } from '../flat/row.js';
import { mappingIssues } from '../flat/mapping.js';
import { evaluateSync } from './evaluate-sync.js';

export { evaluateSync, rowToSnapshot, tableToSnapshots, resultRow, RESULT_COLUMNS };
export { listItems } from '../packs/items.js';
/** For packs the bundle does not carry (the opt-in methods, a team's own): validate, then `configure({ packs })`. */
export { parsePack } from '../packs/load.js';

type Cell = string | number | boolean | Date;
export type SheetsOptions = Omit<EvaluateOptions, 'packs' | 'model'> & Pick<FlatOptions, 'mapping'> & { packs?: EvaluateOptions['packs'] };

let defaults: SheetsOptions = {};
/** The error cell every function gives while `configure` holds a bad mapping. */
let configureError: string | undefined;

/**
 * Sets options for every custom function of this project: `mapping` (sheet header → item id or
 * fact path), `locale`, `asOf`, `staleDays`, `horizonDays`, `requireEvidence`, `packs`.
 * Call it at the top level of a script file: `DealQual.configure({ mapping: { 预签金额: 'amount' } });`
 * A bad mapping does not throw (nothing throws to the sheet): every function then gives
 * `#DEALQUAL: DealQual.configure: mapping $.… : …`, naming the key and what was expected.
 */
export function configure(options: SheetsOptions): SheetsOptions {
  defaults = { ...options };
  const issues = mappingIssues(defaults.mapping);
  configureError = issues.length > 0 ? `#DEALQUAL: DealQual.configure: ${issues.map((i) => `mapping ${i.path}: ${i.message}`).join('; ')}` : undefined;
  return defaults;
}

/** The 2-D array of a range; a single cell (a plain value) becomes a 1×1 table. */
function matrix(value: unknown): unknown[][] {
  if (!Array.isArray(value)) return [[value]];
  if (value.every(Array.isArray)) return value as unknown[][];
  return [value];
}

/** A header range: one row, or one column (read top to bottom). */
function headerRow(value: unknown): unknown[] | string {
  const m = matrix(value);
  if (m.length === 1) return m[0]!;
  if (m.every((r) => r.length === 1)) return m.map((r) => r[0]);
  return `headers must be one row (or one column); got ${m.length} rows`;
}

function evaluateRow(headers: readonly unknown[], row: readonly unknown[], rowNumber: number | undefined): Evaluation | (RowResult & { ok: false }) {
  const { mapping, ...evaluation } = defaults;
  const flat = rowToSnapshot(headers, row, { ...(mapping ? { mapping } : {}), ...(rowNumber === undefined ? {} : { rowNumber }), ...(evaluation.locale ? { locale: evaluation.locale } : {}) });
  if (!flat.ok) return flat;
  return evaluateSync(flat.snapshot, evaluation);
}

const message = (error: unknown) => `#DEALQUAL: internal error: ${error instanceof Error ? error.message : String(error)}`;

/** Runs a cell computation, turning any throw into an error cell. */
function guard<T>(run: () => T): T | string {
  try {
    return run();
  } catch (error) {
    return message(error);
  }
}

/**
 * `DEALQUAL_AUDIT(range)`: the table with its header row → the result table, one row per input
 * row (header row first; blank rows stay blank so the output lines up with the input).
 */
export function audit(range: unknown): Cell[][] {
  const out = guard((): Cell[][] => {
    if (configureError !== undefined) return [[configureError]];
    const table = matrix(range);
    if (table.length === 0 || isBlankRow(table[0])) return [['#DEALQUAL: the range must start with the header row (item ids and fact paths)']];
    const [headers, ...rows] = table;
    const blank = RESULT_COLUMNS.map(() => '');
    return [
      [...RESULT_COLUMNS],
      ...rows.map((row, index) => {
        if (isBlankRow(row)) return blank;
        try {
          const evaluation = evaluateRow(headers!, row, index + 2);
          return resultRow(evaluation);
        } catch (error) {
          return [message(error), '', '', '', ''];
        }
      }),
    ];
  });
  return typeof out === 'string' ? [[out]] : out;
}

/** Applies `cell` to each row of a row argument: one value for one row, a column for several. */
function perRow(headers: unknown, rows: unknown, cell: (evaluation: Result) => Cell): Cell | Cell[][] {
  const out = guard((): Cell | Cell[][] => {
    if (configureError !== undefined) return configureError;
    const h = headerRow(headers);
    if (typeof h === 'string') return `#DEALQUAL: ${h}`;
    const m = matrix(rows);
    const one = (row: unknown[]): Cell =>
      guard((): Cell => {
        if (isBlankRow(row)) return '';
        const evaluation = evaluateRow(h, row, undefined);
        return evaluation.ok ? cell(evaluation) : errorCell(evaluation);
      });
    return m.length === 1 ? one(m[0]!) : m.map((row) => [one(row)]);
  });
  return out;
}

/** `DEALQUAL_STAGE(headers, row)`: the step reached, 1–7. */
export const stage = (headers: unknown, row: unknown) => perRow(headers, row, (r) => r.stage.step);
/** `DEALQUAL_PROBABILITY(headers, row)`: the win probability, 0–1 (format the cell as a percentage). */
export const probability = (headers: unknown, row: unknown) => perRow(headers, row, (r) => r.probability);
/** `DEALQUAL_MISSING(headers, row)`: the most urgent missing items, ★ for star items. */
export const missing = (headers: unknown, row: unknown) => perRow(headers, row, (r) => missingCell(r));
