import { describe, expect, test } from 'vitest';
import { coerce, columnReport, parseMapping, PRESETS, PRESET_NAMES, recordToSnapshot, rowToSnapshot, tableToSnapshots, type MappingInput } from '../../src/flat/index.js';

const read = (headers: string[], row: unknown[], mapping: MappingInput) => rowToSnapshot(headers, row, { mapping });

describe('mappings that translate', () => {
  test('a value table translates levels (trimmed, any case) before the field reads them; otherwise and null', () => {
    const mapping: MappingInput = {
      Authority: { to: 'bant.authority', values: { High: 'C', Mid: 'F', Low: 'W' } },
      Stage: { to: 'outcome', values: { 'Closed Won': 'won', 'Closed Lost': 'lost' }, otherwise: 'open' },
      Source: { to: 'source', values: { Referral: 'channel', Unknown: null } },
    };
    expect(read(['id', 'Authority', 'Stage', 'Source'], ['D-1', ' mid ', 'Negotiation', 'referral'], mapping)).toEqual({
      ok: true,
      snapshot: { id: 'D-1', answers: { 'bant.authority': 'F' }, outcome: 'open', source: 'channel' },
    });
    // null: the cell is absent, as if blank.
    expect(read(['id', 'Source'], ['D-1', 'Unknown'], mapping)).toEqual({ ok: true, snapshot: { id: 'D-1' } });
    // An unlisted value without `otherwise` reaches the field as it is, and the field says what it expected.
    const bad = read(['id', 'Authority'], ['D-1', 'Very high'], mapping);
    expect(bad).toMatchObject({ ok: false, issues: [{ path: '$.answers["bant.authority"]', column: 'Authority', message: expect.stringMatching(/^expected a rating/) }] });
  });

  test('one column can fill several fields', () => {
    const mapping: MappingInput = { Stage: [{ to: 'claimedStep', values: { Proposal: 5, Won: 7 }, otherwise: null }, { to: 'outcome', values: { Won: 'won' }, otherwise: 'open' }] };
    expect(read(['id', 'Stage'], ['D-1', 'Proposal'], mapping)).toEqual({ ok: true, snapshot: { id: 'D-1', claimedStep: 5, outcome: 'open' } });
    expect(read(['id', 'Stage'], ['D-1', 'Won'], mapping)).toEqual({ ok: true, snapshot: { id: 'D-1', claimedStep: 7, outcome: 'won' } });
  });

  test('types: numeric strings with separators, date-times with time zones, yes/no words; empty cells are absent', () => {
    const mapping: MappingInput = {
      Amount: 'amount',
      Close: 'need.deadline',
      Seats: { to: 'custom.seats', type: 'number' },
      Signed: { to: 'custom.signed', type: 'date' },
      Renewal: { to: 'custom.renewal', type: 'boolean' },
      Code: { to: 'custom.code', type: 'text' },
    };
    expect(read(['id', 'Amount', 'Close', 'Seats', 'Signed', 'Renewal', 'Code'], ['D-1', '$1,200,000.50', '2026-12-31T23:30:00-05:00', '1 200', '2026-10-01T08:00:00.000Z', 'Yes', '007'], mapping)).toEqual({
      ok: true,
      snapshot: { id: 'D-1', amount: 1200000.5, need: { deadline: '2026-12-31' }, custom: { seats: 1200, signed: '2026-10-01', renewal: true, code: '007' } },
    });
    expect(read(['id', 'Amount', 'Close'], ['D-1', '', '  '], mapping)).toEqual({ ok: true, snapshot: { id: 'D-1' } });
    expect(coerce('date', 1798675200000)).toEqual({ ok: true, value: '2026-12-31' });
    expect(coerce('number', 'twelve')).toMatchObject({ ok: false });
  });

  test('contact roles become stakeholders with decision-chain roles', () => {
    const mapping: MappingInput = { Roles: { to: 'stakeholders', type: 'contacts' } };
    expect(read(['id', 'Roles'], ['D-1', 'Dana Wu (Economic Buyer); Li Lei: evaluator\nSam Park (Influencer)'], mapping)).toEqual({
      ok: true,
      snapshot: { id: 'D-1', stakeholders: [{ name: 'Dana Wu', role: 'final-say' }, { name: 'Li Lei', role: 'evaluator' }, { name: 'Sam Park' }] },
    });
  });

  test('columnIssues: false leaves header problems to one report; the rest of each row is read', () => {
    const rows = tableToSnapshots([['id', 'Owner', 'amount'], ['D-1', 'x', '5'], ['D-2', 'y', '6']], { mapping: { Owner: 'owner.name' }, columnIssues: false });
    expect(rows).toEqual([
      { row: 2, ok: true, snapshot: { id: 'D-1', amount: 5 } },
      { row: 3, ok: true, snapshot: { id: 'D-2', amount: 6 } },
    ]);
    expect(tableToSnapshots([['id', 'Owner'], ['D-1', 'x']], { mapping: { Owner: 'owner.name' } })[0]).toMatchObject({ ok: false });
  });

  test('parseMapping validates the JSON form with paths; plain and structured forms', () => {
    expect(parseMapping({ 'Opportunity ID': 'id', Stage: { to: 'outcome', values: { Won: 'won' } } })).toMatchObject({ ok: true });
    expect(parseMapping({ preset: 'odoo', columns: { Owner: '-' } })).toMatchObject({ ok: true });
    expect(parseMapping({ preset: 'pipedrive' })).toMatchObject({ ok: false, issues: [{ path: '$.preset' }] });
    expect(parseMapping({ preset: 'odoo', Owner: '-' })).toMatchObject({ ok: false, issues: [{ path: '$', message: expect.stringMatching(/under "columns"/) }] });
    expect(parseMapping({ Stage: { to: 'outcome', values: { Won: ['won'] } } })).toMatchObject({ ok: false, issues: [{ path: '$.Stage.values.Won' }] });
    expect(parseMapping([])).toMatchObject({ ok: false, issues: [{ path: '$' }] });
  });

  // A mapping handed over in code is checked as a mapping file is: issues naming the key, never a TypeError.
  const bad: [string, unknown, string][] = [
    ['a spec whose "to" is a number', { amount: { to: 5 } }, 'mapping $.amount.to: Invalid input: expected string, received number'],
    ['a column mapped to a number', { amount: 7 }, 'mapping $.amount: Invalid input: expected string'],
    ['a number', 42, 'mapping $: a mapping is a JSON object'],
    ['null', null, 'mapping $: a mapping is a JSON object'],
    ['an unknown preset', { preset: 'pipedrive' }, 'mapping $.preset: Invalid option: expected one of "salesforce"'],
    ["an unknown preset's name", 'pipedrive', 'mapping $.preset: Invalid option'],
    ['a spec with an unknown key', { amount: { to: 'amount', typo: 1 } }, 'mapping $.amount'],
    ['a values table of lists', { amount: { to: 'amount', values: { x: [1] } } }, 'mapping $.amount.values.x'],
  ];
  test.each(bad)('a bad mapping (%s) is an issue of every reader, not a throw', (_, mapping, message) => {
    const options = { mapping: mapping as MappingInput };
    const expectIssue = (r: unknown) => expect(r).toMatchObject({ ok: false, issues: [{ path: '$', message: expect.stringContaining(message) }] });
    expectIssue(rowToSnapshot(['id', 'amount'], ['A', '5'], options));
    expectIssue(recordToSnapshot({ id: 'A', amount: '5' }, options));
    const rows = tableToSnapshots([['id', 'amount'], ['A', '5'], ['B', '6']], options);
    expect(rows).toHaveLength(2);
    rows.forEach(expectIssue);
    // Read with columnIssues: false (as the CLI reads a table), the row still fails; columnReport names the problem.
    expectIssue(rowToSnapshot(['id', 'amount'], ['A', '5'], { ...options, columnIssues: false }));
    expect(columnReport(['id', 'amount'], options).issues[0]!.message).toContain(message);
  });

  test('keys that differ only in case or surrounding spaces are refused, naming both (headers and values tables)', () => {
    expect(parseMapping({ Deal: 'id', auth: 's1.1', AUTH: 's1.2' })).toEqual({
      ok: false,
      issues: [{ path: '$.AUTH', message: '"auth" and "AUTH" name the same column (matched trimmed and in any case); keep one' }],
    });
    expect(parseMapping({ preset: 'odoo', columns: { ' Owner': '-', owner: 'custom.owner' } })).toMatchObject({ ok: false, issues: [{ path: '$.columns.owner', message: expect.stringMatching(/^" Owner" and "owner" name the same column/) }] });
    expect(parseMapping({ Authority: { to: 'bant.authority', values: { High: 'C', HIGH: 'W' } } })).toEqual({
      ok: false,
      issues: [{ path: '$.Authority.values.HIGH', message: '"High" and "HIGH" are the same cell text (matched trimmed and in any case); keep one' }],
    });
    expect(parseMapping({ columns: { Stage: [{ to: 'outcome', values: { won: 'won' } }, { to: 'claimedStep', values: { 'Won ': 7, won: 6 } }] } })).toMatchObject({
      ok: false,
      issues: [{ path: '$.columns.Stage[1].values.won' }],
    });
    expect(rowToSnapshot(['Deal', 'Auth'], ['A', 'C'], { mapping: { Deal: 'id', auth: 's1.1', AUTH: 's1.2' } })).toMatchObject({ ok: false, issues: [{ message: expect.stringContaining('"auth" and "AUTH"') }] });
    // A mapping's own column over a preset's column of the same header is an override, not a clash.
    expect(parseMapping({ preset: 'odoo', columns: { Stage: '-' } })).toMatchObject({ ok: true });
  });

  test('every preset is a valid mapping (no colliding headers or cell texts)', () => {
    for (const name of PRESET_NAMES) expect(parseMapping({ columns: PRESETS[name].columns }), name).toMatchObject({ ok: true });
  });
});
