/** CRM exports through the CLI: presets, mappings for every command, header problems once, --skip-invalid. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { PRESET_NAMES } from '../../src/flat/presets.js';
import { AS_OF, cli, ensureBuilt } from './helpers.js';

beforeAll(ensureBuilt);

const FIXTURE = {
  salesforce: 'fixtures/crm/presets/salesforce-opportunities.csv',
  hubspot: 'fixtures/crm/presets/hubspot-deals.csv',
  odoo: 'fixtures/crm/presets/odoo-crm-lead.csv',
  dynamics: 'fixtures/crm/presets/dynamics-opportunities.csv',
} as const;

describe('CRM presets audit their fixture exports', () => {
  it.each(PRESET_NAMES)('audit %s-export --preset: every row a deal, no input error, no unmapped column', (preset) => {
    const run = cli(['audit', FIXTURE[preset], '--preset', preset, '--as-of', AS_OF, '-f', 'json']);
    expect(run.stderr).toBe('');
    expect(run.code).not.toBe(2);
    const results = JSON.parse(run.stdout) as { id: string; stage: { milestone: string } }[];
    expect(results.length).toBeGreaterThanOrEqual(3);
    expect(results.map((r) => r.stage.milestone)).toEqual(expect.arrayContaining(['won', 'lost']));
  });

  it('a mapping file { "preset": "salesforce" } reads the same as --preset salesforce, and its columns override the preset', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dq-crm-'));
    writeFileSync(join(dir, 'm.json'), JSON.stringify({ preset: 'salesforce' }));
    const viaFile = cli(['audit', FIXTURE.salesforce, '--mapping', join(dir, 'm.json'), '--as-of', AS_OF, '-f', 'json']);
    const viaFlag = cli(['audit', FIXTURE.salesforce, '--preset', 'salesforce', '--as-of', AS_OF, '-f', 'json']);
    expect(viaFile.stdout).toBe(viaFlag.stdout);
    writeFileSync(join(dir, 'o.json'), JSON.stringify({ preset: 'salesforce', columns: { Stage: { to: 'outcome', values: { 'Closed Won': 'won', 'Closed Lost': 'lost' }, otherwise: 'open' } } }));
    const own = JSON.parse(cli(['audit', FIXTURE.salesforce, '--mapping', join(dir, 'o.json'), '--as-of', AS_OF, '-f', 'json']).stdout) as { stage: { claimed?: number } }[];
    expect(own.every((r) => r.stage.claimed === undefined)).toBe(true);
    expect(cli(['audit', FIXTURE.salesforce, '--preset', 'pipedrive']).stderr).toMatch(/--preset expects one of salesforce, hubspot, odoo, dynamics/);
    writeFileSync(join(dir, 'bad.json'), JSON.stringify({ Stage: { to: 'outcome', values: { Won: ['won'] } } }));
    const bad = cli(['audit', FIXTURE.salesforce, '--mapping', join(dir, 'bad.json')]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/bad\.json \$\.Stage\.values\.Won/);
  });

  it('a mapping file whose keys differ only in case or spaces is an input error naming both keys (exit 2)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dq-crm-'));
    writeFileSync(join(dir, 'm.csv'), 'Deal,Auth\nA,C\n');
    writeFileSync(join(dir, 'm.json'), JSON.stringify({ Deal: 'id', auth: 's1.1', AUTH: 's1.2' }));
    const run = cli(['audit', join(dir, 'm.csv'), '--mapping', join(dir, 'm.json'), '-f', 'csv']);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(`${join(dir, 'm.json')} $.AUTH: "auth" and "AUTH" name the same column`);
    writeFileSync(join(dir, 'v.json'), JSON.stringify({ Deal: 'id', Auth: { to: 's1.1', values: { High: 'C', ' HIGH': 'W' } } }));
    expect(cli(['audit', join(dir, 'm.csv'), '--mapping', join(dir, 'v.json')]).stderr).toContain('$.Auth.values[" HIGH"]: "High" and " HIGH" are the same cell text');
  });

  it.each(['csv', 'xlsx'])('%s output of a preset export keeps its mapped Stage / Probability columns; re-auditing gives the same results', (format) => {
    const dir = mkdtempSync(join(tmpdir(), 'dq-crm-'));
    const out = join(dir, `scored.${format}`);
    const args = ['--preset', 'odoo', '--as-of', AS_OF];
    cli(['audit', FIXTURE.odoo, ...args, '-f', format, '-o', out]);
    const again = cli(['audit', out, ...args, '-f', 'csv']);
    expect(again.stdout.split('\r\n')[0]).toBe('ID,Opportunity,Customer,Expected Revenue,Expected Closing,Stage,Probability,Salesperson,Is Won,stage,milestone,probability,man,missing');
    const first = JSON.parse(cli(['audit', FIXTURE.odoo, ...args, '-f', 'json']).stdout) as { id: string; stage: { claimed?: number } }[];
    const second = JSON.parse(cli(['audit', out, ...args, '-f', 'json']).stdout) as typeof first;
    expect(second).toEqual(first);
    expect(first.some((r) => r.stage.claimed !== undefined)).toBe(true);
    // A third pass over the re-audited table gives it again: the result columns are replaced, not repeated.
    writeFileSync(join(dir, 'again.csv'), again.stdout);
    expect(cli(['audit', join(dir, 'again.csv'), ...args, '-f', 'csv']).stdout).toBe(again.stdout);
  });

  it('explain and diff take --mapping / --preset too', () => {
    const explain = cli(['explain', FIXTURE.hubspot, '--preset', 'hubspot', '--id', '9876543210', '--as-of', AS_OF, '-f', 'json']);
    expect(explain.code).toBe(0);
    expect(JSON.parse(explain.stdout).result.id).toBe('9876543210');
    const diff = cli(['diff', FIXTURE.odoo, FIXTURE.odoo, '--preset', 'odoo', '--as-of', AS_OF]);
    expect(diff.code).toBe(0);
  });
});

describe('errors once, work kept', () => {
  const dir = mkdtempSync(join(tmpdir(), 'dq-crm-'));
  const rows = ['id,outcome,amount,Deal Owner'];
  for (let i = 1; i <= 448; i++) rows.push(`D-${i},${i % 3 ? 'lost' : 'won'},${i === 5 ? 'n/a' : 1000 * i},Owner ${i % 7}`);
  writeFileSync(join(dir, 'deals.csv'), rows.join('\n') + '\n');
  writeFileSync(join(dir, 'bad-mapping.json'), JSON.stringify({ 'Deal Owner': 'owner.name' }));

  it('a 448-row file with a column nothing maps: one note line, not one per row; the rows are audited', () => {
    const run = cli(['audit', join(dir, 'deals.csv'), '--pack', 'bant', '--as-of', AS_OF, '-f', 'json', '--skip-invalid']);
    const lines = run.stderr.trim().split('\n');
    expect(lines.filter((l) => l.startsWith('note'))).toEqual([`note  ${join(dir, 'deals.csv')}: column "Deal Owner" is not mapped: kept as custom.deal_owner`]);
    expect(JSON.parse(run.stdout)).toHaveLength(447);
  });

  it('a mapping problem is one error per column (exit 2), and the other columns of every row are still read', () => {
    const run = cli(['audit', join(dir, 'deals.csv'), '--pack', 'bant', '--as-of', AS_OF, '-f', 'json', '--mapping', join(dir, 'bad-mapping.json'), '--skip-invalid']);
    expect(run.code).toBe(2);
    expect(run.stderr.split('\n').filter((l) => /owner\.name/.test(l))).toHaveLength(1);
    expect(JSON.parse(run.stdout)).toHaveLength(447);
  });

  it('--skip-invalid: a bad row is reported with file, line and field path and does not set exit 2', () => {
    const strict = cli(['audit', join(dir, 'deals.csv'), '--pack', 'bant', '--as-of', AS_OF, '-f', 'json']);
    expect(strict.code).toBe(2);
    const run = cli(['audit', join(dir, 'deals.csv'), '--pack', 'bant', '--as-of', AS_OF, '-f', 'json', '--skip-invalid']);
    expect(run.code).not.toBe(2);
    expect(run.stderr).toContain(`skipped  ${join(dir, 'deals.csv')}:6 (deal D-5): $.amount (column "amount"): expected a number`);
  });
});
