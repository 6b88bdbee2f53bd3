#!/usr/bin/env node
/**
 * The long differential run: json-rules-engine against the compiled engine on many more random
 * cases than `npm test` runs. Prints the case counts and the number of differences.
 *
 *   node scripts/differential-long.mjs [rulePacks=100000] [snapshots=20000] [seed]
 *
 * Runs test/engine/differential.test.ts through vitest with DIFF_RUNS / DIFF_RESULT_RUNS; exits 1
 * when any difference is found (fast-check then prints the counterexample and its seed).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const [packs = '100000', snapshots = '20000', seed] = process.argv.slice(2);
const report = join(mkdtempSync(join(tmpdir(), 'dealqual-diff-')), 'report.json');
const env = { ...process.env, DIFF_RUNS: packs, DIFF_RESULT_RUNS: snapshots, DIFF_REPORT: report, ...(seed ? { DIFF_SEED: seed } : {}) };
const started = Date.now();
console.log(`differential run: ${packs} random rule packs, ${snapshots} random realistic snapshots${seed ? `, seed ${seed}` : ''}`);
const run = spawnSync('npx', ['vitest', 'run', 'test/engine/differential.test.ts', '--reporter=dot'], { env, stdio: 'inherit' });
if (!existsSync(report)) {
  console.error('no report written: the test run failed before finishing');
  process.exit(1);
}
const stats = JSON.parse(readFileSync(report, 'utf8'));
const seconds = ((Date.now() - started) / 1000).toFixed(0);
console.log(`
rule packs                 ${stats.rulePacks}
fact documents             ${stats.factDocuments}
rule results compared      ${stats.ruleComparisons} (${stats.ruleMatches} matched)
item first-matches         ${stats.itemComparisons}
whole results compared     ${stats.resultComparisons} (evaluate vs evaluateSync)
cases                      ${stats.rulePacks + stats.resultComparisons}
differences                ${stats.differences}
time                       ${seconds} s`);
process.exit(run.status === 0 && stats.differences === 0 ? 0 : 1);
