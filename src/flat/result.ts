/**
 * The result columns a flat table gets (CSV, xlsx and Google Sheets output): stage, milestone,
 * probability, MAN class and the most urgent missing items.
 */
import type { Result } from '../result.js';
import { RESULT_COLUMNS } from './columns.js';
import { formatFlatIssue, type FlatIssue } from './row.js';

export { RESULT_COLUMNS };
export type ResultColumn = (typeof RESULT_COLUMNS)[number];

/** How many missing items the `missing` column lists. */
export const TOP_MISSING = 5;

/** A failed row: flat-row issues or the evaluator's snapshot issues. */
export interface FailedRow {
  ok: false;
  id?: string;
  issues: readonly FlatIssue[];
}

/** The text of a failed row's error cell: `#DEALQUAL: $.need.deadline: expected a date …`. */
export function errorCell(failure: FailedRow): string {
  return `#DEALQUAL: ${failure.issues.map(formatFlatIssue).join('; ')}`;
}

/** The `missing` cell: the most urgent missing items, ★ marking the source's star items (`s2.2★, s1.2★, s3.3`). */
export function missingCell(result: Result, top = TOP_MISSING): string {
  return result.missing
    .slice(0, top)
    .map((m) => `${m.item}${m.star ? '★' : ''}`)
    .join(', ');
}

/**
 * The result cells of one deal, in `RESULT_COLUMNS` order: step (1–7), milestone, probability
 * (0–1), MAN class ('' when the man pack is not evaluated), the top missing items. A failed row
 * gives the error text in the first cell and blanks after it.
 * @example resultRow(evaluateSync(snapshot)) // [3, 'opportunity', 0.42, 'M-a-N', 's2.2★, s3.3★, s4.1']
 */
export function resultRow(result: Result | FailedRow, options: { top?: number } = {}): (string | number)[] {
  if (!result.ok) return [errorCell(result), '', '', '', ''];
  return [result.stage.step, result.stage.milestone, result.probability, result.man?.class ?? '', missingCell(result, options.top)];
}
