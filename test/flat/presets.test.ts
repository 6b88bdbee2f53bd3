import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { describe, expect, test } from 'vitest';
import { columnReport, PRESET_NAMES, PRESETS, recordToSnapshot, tableToSnapshots, type PresetName } from '../../src/flat/index.js';
import { evaluateSync } from '../../src/evaluate.js';

const DIR = fileURLToPath(new URL('../../fixtures/crm/presets/', import.meta.url));
const FIXTURES: Record<PresetName, string> = {
  salesforce: 'salesforce-opportunities.csv',
  hubspot: 'hubspot-deals.csv',
  odoo: 'odoo-crm-lead.csv',
  dynamics: 'dynamics-opportunities.csv',
};
const table = (preset: PresetName) => parse(readFileSync(DIR + FIXTURES[preset], 'utf8'), { bom: true }) as string[][];
const snapshots = (preset: PresetName) =>
  tableToSnapshots(table(preset), { mapping: { preset } }).map((r) => {
    if (!r.ok) throw new Error(`${preset} row ${r.row}: ${JSON.stringify(r.issues)}`);
    return r.snapshot;
  });

describe('CRM presets', () => {
  test.each(PRESET_NAMES)('%s: every column of its fixture export is mapped (no notes, no issues), every row reads', (preset) => {
    expect(columnReport(table(preset)[0]!, { mapping: { preset } })).toEqual({ issues: [], notes: [] });
    for (const snapshot of snapshots(preset)) expect(evaluateSync(snapshot, { asOf: '2026-11-01' }).ok).toBe(true);
  });

  test('salesforce: stage → claimedStep and outcome, amount with separators, lead source words, contact roles → stakeholders', () => {
    const [open, won, lost, early] = snapshots('salesforce');
    expect(open).toMatchObject({ id: '0065g00000AbCdE1', customer: { name: 'Harbor Logistics' }, amount: 120000, currency: 'USD', claimedStep: 7, outcome: 'open', source: 'channel', need: { deadline: '2026-12-31' } });
    expect(open!.stakeholders).toEqual([{ name: 'Dana Wu', role: 'final-say' }, { name: 'Li Lei', role: 'evaluator' }, { name: 'Sam Park' }]);
    expect(won).toMatchObject({ outcome: 'won', claimedStep: 7, source: 'inquiry', stakeholders: [{ name: 'Ann Lee', role: 'decision-maker' }] });
    expect(lost).toMatchObject({ outcome: 'lost' });
    expect(lost).not.toHaveProperty('claimedStep');
    expect(early).toMatchObject({ claimedStep: 1, outcome: 'open' });
    expect(early).not.toHaveProperty('amount');
    expect(early).not.toHaveProperty('source');
  });

  test('hubspot: stage labels, date-times → dates, thousands separators; the default stages cover the pipeline', () => {
    const [contract, won, lost, first] = snapshots('hubspot');
    expect(contract).toMatchObject({ id: '9876543210', amount: 120000, claimedStep: 7, outcome: 'open', need: { deadline: '2026-12-31' }, custom: { deal_name: 'Redstone Energy – SASE', create_date: '2026-08-02' } });
    expect(won).toMatchObject({ amount: 45500, outcome: 'won' });
    expect(lost).toMatchObject({ outcome: 'lost' });
    expect(first).toMatchObject({ claimedStep: 1, outcome: 'open' });
  });

  test('odoo: won_status → outcome, stage → claimedStep, expected revenue → amount', () => {
    const [proposition, won, lost] = snapshots('odoo');
    expect(proposition).toMatchObject({ id: '__export__.crm_lead_12_3f9a1c', customer: { name: 'Northgate Bank' }, amount: 150000, claimedStep: 5, outcome: 'open', need: { deadline: '2026-12-20' } });
    expect(won).toMatchObject({ outcome: 'won', claimedStep: 7 });
    expect(lost).toMatchObject({ outcome: 'lost', claimedStep: 2 });
  });

  test('dynamics: status → outcome, pipeline phase → claimedStep, currency names, a date-time with an offset is the date it writes', () => {
    const [open, won, lost] = snapshots('dynamics');
    expect(open).toMatchObject({ customer: { name: 'Harbor Health' }, amount: 120000, currency: 'USD', claimedStep: 5, outcome: 'open', need: { deadline: '2026-12-31' } });
    expect(open!.stakeholders).toEqual([{ name: 'Maria Gomez', role: 'decision-maker' }, { name: 'Tom Reed', role: 'evaluator' }]);
    expect(won).toMatchObject({ outcome: 'won', claimedStep: 7, need: { deadline: '2026-10-15' } });
    expect(lost).toMatchObject({ outcome: 'lost', claimedStep: 3 });
  });

  test('a HubSpot-style JSON deal (API names, numeric and date-time strings) is coerced by the preset', () => {
    const deal = { hs_object_id: '42', dealname: 'Acme', amount: '120000', closedate: '2026-12-31T00:00:00.000Z', dealstage: 'contractsent', createdate: '1798675200000' };
    expect(recordToSnapshot(deal, { mapping: { preset: 'hubspot' } })).toEqual({
      ok: true,
      snapshot: { id: '42', amount: 120000, need: { deadline: '2026-12-31' }, claimedStep: 7, outcome: 'open', custom: { deal_name: 'Acme', create_date: '2026-12-31' } },
    });
  });

  test('each preset names its CRM object and field source', () => {
    for (const name of PRESET_NAMES) expect(PRESETS[name]).toMatchObject({ object: expect.any(String), source: expect.any(String) });
  });
});
