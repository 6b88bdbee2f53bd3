/**
 * The library equivalent of `calibrate --skip-invalid`: readHistory reads CRM tables and snapshots
 * keeping every problem as data; prepareHistory / calibrate refuse a history with bad inputs
 * (HistoryError) unless skipInvalid is set, then leave them out and report them.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { CliIO } from '../../src/cli/command.js';
import { calibrateCommand } from '../../src/cli/commands/calibrate.js';
import { calibrate } from '../../src/model/calibrate.js';
import { prepareHistory } from '../../src/model/history.js';
import { HistoryError, invalidInputTexts, readHistory } from '../../src/model/inputs.js';
import { parsePack } from '../../src/packs/load.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** 40 deals; row 8 (deal D-7) has an amount that is not a number. */
function table(): string[][] {
  const rows = [['id', 'outcome', 'amount', 'bant.budget']];
  for (let i = 1; i <= 40; i++) rows.push([`D-${i}`, i % 3 === 0 ? 'won' : 'lost', i === 7 ? 'lots' : String(1000 * i), i % 2 ? 'C' : 'W']);
  return rows;
}

describe('readHistory + prepareHistory: bad rows and deals as data', () => {
  it('without skipInvalid, a history with a bad row is refused: HistoryError lists every problem with file, row, field path and column', () => {
    const read = readHistory([{ table: table(), file: 'h.csv' }], { packs: ['bant'] });
    expect(read.snapshots).toHaveLength(39);
    expect(read.invalid).toEqual([
      {
        index: 6,
        source: { file: 'h.csv', row: 8 },
        id: 'D-7',
        issues: [{ path: '$.amount', column: 'amount', message: 'expected a number such as 1200000, 1,200,000 or 120万; got "lots"' }],
      },
    ]);
    let thrown: unknown;
    try {
      calibrate(read, { packs: ['bant'] });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(HistoryError);
    const error = thrown as HistoryError;
    expect(error.invalid).toEqual(read.invalid);
    expect(error.message).toBe('1 problem in the history (pass skipInvalid: true to calibrate on the rest); first: h.csv row 8 (deal D-7): $.amount (column "amount"): expected a number such as 1200000, 1,200,000 or 120万; got "lots"');
  });

  it('with skipInvalid, the bad row is reported and the rest calibrated', () => {
    const read = readHistory([{ table: table(), file: 'h.csv' }], { packs: ['bant'] });
    const fitted = calibrate(read, { packs: ['bant'], skipInvalid: true });
    expect(fitted.deals).toBe(39);
    expect(fitted.invalid.map((i) => i.id)).toEqual(['D-7']);
    expect(invalidInputTexts(fitted.invalid[0]!)).toEqual(['h.csv row 8 (deal D-7): $.amount (column "amount"): expected a number such as 1200000, 1,200,000 or 120万; got "lots"']);
  });

  it('snapshots that fail validation are reported with their source, field path and what was expected; arrays of snapshots too', () => {
    const good = Array.from({ length: 10 }, (_, i) => ({ snapshot: { id: `S-${i}`, outcome: i % 2 ? 'won' : 'lost' }, source: { file: 'deals.jsonl', line: i + 1 } }));
    const bad = { snapshot: { id: 'S-X', outcome: 'maybe' }, source: { file: 'deals.jsonl', line: 11 } };
    const prepared = prepareHistory(readHistory([...good, bad], { packs: ['man'] }), { packs: ['man'], skipInvalid: true });
    expect(prepared.deals).toHaveLength(10);
    expect(prepared.invalid).toHaveLength(1);
    expect(prepared.invalid[0]).toMatchObject({ index: 10, id: 'S-X', source: { file: 'deals.jsonl', line: 11 }, issues: [{ path: '$.outcome', code: 'invalid_value' }] });
    expect(prepared.invalid[0]!.issues[0]!.expected).toMatch(/"won"/);
    // A plain array: the position stands in for the source.
    expect(() => prepareHistory([...good.map((g) => g.snapshot), bad.snapshot], { packs: ['man'] })).toThrow(HistoryError);
    expect(prepareHistory([...good.map((g) => g.snapshot), bad.snapshot], { packs: ['man'], skipInvalid: true }).invalid[0]).toMatchObject({ index: 10, source: { at: '[10]' } });
  });

  it('a header or mapping problem is reported once per column and refuses the history, skipInvalid or not', () => {
    const read = readHistory([{ table: table(), file: 'h.csv' }], { packs: ['bant'], mapping: { amount: 'budget.total' } });
    expect(read.columns).toEqual([{ source: { file: 'h.csv', at: 'header row' }, column: 'amount', message: expect.stringMatching(/^column "amount" is mapped to "budget.total", which is/) }]);
    expect(() => prepareHistory(read, { packs: ['bant'], skipInvalid: true })).toThrow(/a column cannot be read/);
  });

  it('the prior spreads over the items the columns feed, as in the CLI', () => {
    const read = readHistory([{ table: table(), file: 'h.csv' }], { packs: ['bant'] });
    expect([...read.observable!]).toEqual(['bant.budget']);
    const prepared = prepareHistory(read, { packs: ['bant'], skipInvalid: true });
    expect(prepared.current.weights['bant.budget']!.C).toBeGreaterThan(0);
    expect(prepared.current.weights['bant.authority']!.C).toBe(0);
    // A snapshot can hold any field: then every item is observable.
    expect(readHistory([{ table: table() }, { snapshot: { id: 'S' } }], { packs: ['bant'] }).observable).toBeUndefined();
  });

  it('the CLI is an adapter: calibrate --skip-invalid writes the model the library fits from the same table', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dq-inputs-'));
    const lines = readFileSync(join(ROOT, 'fixtures/crm/history.csv'), 'utf8').trimEnd().split('\n');
    lines[5] = lines[5]!.replace(/,(-?\d+),(\d),(Yes|No),/, ',soon,$2,$3,'); // row 6: Days To Close is not a number
    writeFileSync(join(dir, 'h.csv'), lines.join('\n') + '\n');
    let err = '';
    const io: CliIO = {
      stdout: { write: async () => undefined },
      stderr: { write: async (t: string) => void (err += t) },
      stdin: Readable.from([]),
      cwd: dir,
      env: {},
      stdoutIsTTY: false,
      stderrIsTTY: false,
      stdinIsTTY: false,
    };
    const pack = join(ROOT, 'fixtures/crm/pack-levels.json');
    const mappingFile = join(ROOT, 'fixtures/crm/mapping.json');
    expect(await calibrateCommand.run(['h.csv', '--pack', pack, '--mapping', mappingFile, '--skip-invalid', '-o', 'm.json', '--folds', '3'], io)).toBe(0);
    expect(err).toMatch(/^skipped {2}h\.csv:6 \(deal OPP-00005\): \$\.custom\.days_to_close \(column "Days To Close"\): /);
    const parsed = parsePack({ manifest: JSON.parse(readFileSync(pack, 'utf8')), file: pack });
    if (!parsed.ok) throw new Error('pack');
    const rows = lines.map((l) => l.split(','));
    const read = readHistory([{ table: rows, file: 'h.csv' }], { packs: [parsed.pack], mapping: JSON.parse(readFileSync(mappingFile, 'utf8')) });
    const fitted = calibrate(read, { packs: [parsed.pack], skipInvalid: true });
    expect(fitted.invalid.map((i) => [i.id, i.source.row])).toEqual([['OPP-00005', 6]]);
    const written = JSON.parse(readFileSync(join(dir, 'm.json'), 'utf8'));
    expect(written.packs).toEqual(JSON.parse(JSON.stringify(fitted.file.packs)));
    expect(written.intercept).toBe(fitted.file.intercept);
  });
});
