/** docs/sheets.md stays true: it names every column, and its DEALQUAL_AUDIT table is the bundle's output. */
import { execSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import vm from 'node:vm';
import { parse } from 'csv-parse/sync';
import { expect, test } from 'vitest';
import { FACT_COLUMNS } from '../../src/flat/index.js';

const doc = readFileSync('docs/sheets.md', 'utf8');

test('every fact column is documented', () => {
  for (const path of FACT_COLUMNS.keys()) expect(doc, path).toContain(`\`${path}\``);
});

test('the documented DEALQUAL_AUDIT output on the template is what the bundle gives', () => {
  const table = parse(readFileSync('fixtures/sheets/pipeline-template.csv', 'utf8')) as string[][];
  if (!existsSync('dist/dealqual.gs.js')) execSync('npm run build', { stdio: 'ignore' });
  const context = vm.createContext({});
  vm.runInContext(readFileSync('dist/dealqual.gs.js', 'utf8'), context);
  vm.runInContext("DealQual.configure({ asOf: '2026-11-01' })", context);
  const out = (context.DEALQUAL_AUDIT as (r: unknown) => (string | number)[][])(table);
  const rendered = [
    `| id | ${out[0]!.join(' | ')} |`,
    '| --- | --- | --- | --- | --- | --- |',
    ...out.slice(1).map((row, i) => `| ${table[i + 1]![0]} | ${row.map((c, j) => (j === 2 ? `${((c as number) * 100).toFixed(1)}%` : c)).join(' | ')} |`),
  ].join('\n');
  expect(doc).toContain(rendered);
}, 120_000);
