/**
 * Qualifies every deal of a pipeline table: stage, milestone, win probability, MAN class and the
 * most urgent missing items per row.
 * @param {Array<Array<*>>} range The table, header row first (item ids such as s1.1 and fact paths such as amount, need.deadline).
 * @return {Array<Array<*>>} One result row per input row, under a header row.
 * @customfunction
 */
function DEALQUAL_AUDIT(range) {
  return DealQual.audit(range);
}

/**
 * The sales stage (step 1 to 7) a deal has reached.
 * @param {Array<Array<*>>} headers The header row.
 * @param {Array<Array<*>>} row The deal's row (or several rows: one result each).
 * @return {number} The step.
 * @customfunction
 */
function DEALQUAL_STAGE(headers, row) {
  return DealQual.stage(headers, row);
}

/**
 * The explainable win probability of a deal, 0 to 1.
 * @param {Array<Array<*>>} headers The header row.
 * @param {Array<Array<*>>} row The deal's row (or several rows: one result each).
 * @return {number} The probability.
 * @customfunction
 */
function DEALQUAL_PROBABILITY(headers, row) {
  return DealQual.probability(headers, row);
}

/**
 * The most urgent missing items of a deal (★ marks the method's star items).
 * @param {Array<Array<*>>} headers The header row.
 * @param {Array<Array<*>>} row The deal's row (or several rows: one result each).
 * @return {string} Item ids, most urgent first.
 * @customfunction
 */
function DEALQUAL_MISSING(headers, row) {
  return DealQual.missing(headers, row);
}
