import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { CliIO } from '../../src/cli/command.js';
import { calibrateCommand } from '../../src/cli/commands/calibrate.js';
import { UsageError } from '../../src/cli/errors.js';
import { parseModel } from '../../src/model/file.js';
import { syntheticHistory } from '../../src/model/synthetic.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

function memoryIO(cwd = ROOT): CliIO & { out: () => string; err: () => string } {
  let out = '';
  let err = '';
  return {
    stdout: { write: async (t: string) => void (out += t) },
    stderr: { write: async (t: string) => void (err += t) },
    stdin: Readable.from([]),
    cwd,
    env: {},
    stdoutIsTTY: false,
    stderrIsTTY: false,
    stdinIsTTY: false,
    out: () => out,
    err: () => err,
  };
}

const CRM = ['fixtures/crm/history.csv', '--pack', 'fixtures/crm/pack.json', '--mapping', 'fixtures/crm/mapping.json'];

describe('dealqual calibrate', () => {
  it('calibrates the CRM example: custom pack over CSV columns, JSON report with the contract fields', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dq-cal-'));
    const io = memoryIO();
    const code = await calibrateCommand.run([...CRM, '--out', join(dir, 'crm.json'), '--format', 'json'], io);
    expect(io.err()).toBe('');
    expect(code).toBe(0);
    const report = JSON.parse(io.out());
    for (const key of ['auc', 'brier', 'logLoss', 'ece', 'baseline', 'folds']) expect(report).toHaveProperty(key);
    for (const key of ['auc', 'brier', 'logLoss', 'ece']) expect(typeof report.baseline[key]).toBe('number');
    expect(report.deals).toBe(380);
    expect(report.open).toBe(40);
    expect(report.folds).toHaveLength(10);
    // Relationship and competition carry the signal in this export; calibration finds it.
    expect(report.auc).toBeGreaterThan(report.baseline.auc);
    expect(report.logLoss).toBeLessThan(report.baseline.logLoss);
    const file = parseModel(JSON.parse(readFileSync(join(dir, 'crm.json'), 'utf8')), 'crm.json');
    expect(file.ok).toBe(true);
    if (!file.ok) return;
    const w = file.model.weights;
    expect(w['crm.incumbent']!.C).toBeGreaterThan(w['crm.budget']!.C);
    expect(w['crm.competition']!.C).toBeGreaterThan(w['crm.authority']!.C);
    expect(Object.keys(file.file.packs)).toEqual(['crm-signals']);
    // Same input, same seed: the same bytes.
    const again = memoryIO();
    await calibrateCommand.run([...CRM, '--format', 'json'], again);
    expect(JSON.parse(again.out()).folds).toEqual(report.folds);
  });

  it('uses a calibrated model as the next prior, and prints a text report', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dq-cal-'));
    const { history } = syntheticHistory({ deals: 300, seed: 4 });
    writeFileSync(join(dir, 'history.jsonl'), history.map((h) => JSON.stringify(h)).join('\n') + '\n');
    const io = memoryIO(dir);
    expect(await calibrateCommand.run(['history.jsonl', '--out', 'm.json', '--folds', '5'], io)).toBe(0);
    expect(io.out()).toMatch(/AUC\s+\d\.\d{3}\s+\d\.\d{3}\s+\d\.\d{3}/);
    expect(io.out()).toMatch(/Calibrated model written to m\.json/);
    const next = memoryIO(dir);
    expect(await calibrateCommand.run(['history.jsonl', '--model', 'm.json', '--format', 'json', '--folds', '5'], next)).toBe(0);
    expect(JSON.parse(next.out()).model.prior).toBe('m.json');
  });

  it('reports input errors with the deal and field, and writes nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dq-cal-'));
    writeFileSync(join(dir, 'h.json'), JSON.stringify([{ id: 'D-1', outcome: 'won' }, { id: 'D-2', outcome: 'maybe' }]));
    const io = memoryIO(dir);
    expect(await calibrateCommand.run(['h.json', '--out', 'm.json'], io)).toBe(2);
    expect(io.err()).toMatch(/h\.json:1 \$\[1\] \(deal D-2\): \$\.outcome/);
    expect(() => readFileSync(join(dir, 'm.json'))).toThrow();
  });

  it('usage errors: no closed deals, a bad model file (naming the key), a bad flag', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dq-cal-'));
    writeFileSync(join(dir, 'open.json'), JSON.stringify([{ id: 'D-1', outcome: 'open' }]));
    writeFileSync(join(dir, 'bad.json'), JSON.stringify({ format: 'dealqual-model', version: 1, name: 'x', intercept: 'low', packs: {} }));
    await expect(calibrateCommand.run(['open.json'], memoryIO(dir))).rejects.toThrow(/no closed deals/);
    await expect(calibrateCommand.run(['open.json', '--model', 'bad.json'], memoryIO(dir))).rejects.toThrow(/bad\.json \$\.intercept: a finite number/);
    await expect(calibrateCommand.run(['open.json', '--folds', '1'], memoryIO(dir))).rejects.toThrow(UsageError);
  });

  it('--repeat N: mean and spread over N seeds; --predictions writes every held-out prediction (CSV or JSONL)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dq-cal-'));
    const io = memoryIO();
    const args = [...CRM, '--repeat', '3', '--folds', '5', '--predictions', join(dir, 'p.csv'), '--format', 'json'];
    expect(await calibrateCommand.run(args, io)).toBe(0);
    const report = JSON.parse(io.out());
    expect(report.repeat.runs.map((r: { seed: number }) => r.seed)).toEqual([1, 2, 3]);
    expect(report.repeat.runs[0].auc).toBe(report.auc);
    const aucs = report.repeat.runs.map((r: { auc: number }) => r.auc) as number[];
    expect(report.repeat.mean.auc).toBeCloseTo(aucs.reduce((a, b) => a + b, 0) / 3, 5);
    expect(report.repeat.sd.auc).toBeGreaterThan(0);
    const [header, ...lines] = readFileSync(join(dir, 'p.csv'), 'utf8').trim().split('\n');
    expect(header).toBe('id,repeat,fold,outcome,probability,uncalibrated');
    expect(lines).toHaveLength(3 * 380);
    // The analyst recomputes the first repetition's Brier score from the file.
    const first = lines.map((l) => l.split(',')).filter((c) => c[1] === '1');
    const brier = first.reduce((s, c) => s + (Number(c[4]) - (c[3] === 'won' ? 1 : 0)) ** 2, 0) / first.length;
    expect(brier).toBeCloseTo(report.brier, 5);
    expect(new Set(first.map((c) => c[2]))).toEqual(new Set(['1', '2', '3', '4', '5']));
    const jsonl = memoryIO();
    expect(await calibrateCommand.run([...CRM, '--folds', '5', '--predictions', join(dir, 'p.jsonl')], jsonl)).toBe(0);
    const rows = readFileSync(join(dir, 'p.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(rows[0]).toEqual({ id: expect.any(String), repeat: 1, fold: expect.any(Number), outcome: expect.stringMatching(/^(won|lost)$/), probability: expect.any(Number), uncalibrated: expect.any(Number) });
    expect(jsonl.out()).toMatch(/Reliability of the held-out calibrated probabilities \(seed 1\):\n\s+bin\s+deals\s+predicted\s+observed\n\s+0\.\d–0\.\d\s+\d+/);
    await expect(calibrateCommand.run([...CRM, '--predictions', 'p.txt'], memoryIO())).rejects.toThrow(/\.csv or \.jsonl/);
  });

  it('--skip-invalid: bad rows are reported with file, line and field path, the rest is calibrated', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dq-cal-'));
    const rows = ['id,outcome,amount,custom.x'];
    for (let i = 1; i <= 40; i++) rows.push(`D-${i},${i % 3 === 0 ? 'won' : 'lost'},${i === 7 ? 'lots' : 1000 * i},${i % 2 ? 'a' : 'b'}`);
    writeFileSync(join(dir, 'h.csv'), rows.join('\n') + '\n');
    const strict = memoryIO(dir);
    expect(await calibrateCommand.run(['h.csv', '--pack', 'bant', '--folds', '4'], strict)).toBe(2);
    expect(strict.err()).toMatch(/or give --skip-invalid/);
    const io = memoryIO(dir);
    expect(await calibrateCommand.run(['h.csv', '--pack', 'bant', '--folds', '4', '--skip-invalid', '--format', 'json'], io)).toBe(0);
    expect(io.err()).toBe('skipped  h.csv:8 (deal D-7): $.amount (column "amount"): expected a number such as 1200000, 1,200,000 or 120万; got "lots"\n');
    expect(JSON.parse(io.out())).toMatchObject({ deals: 39, skipped: 1 });
  });

  it('a column nothing maps is noted once, not once per row; a bad mapping is one error per column', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dq-cal-'));
    const rows = ['id,outcome,Sales Region'];
    for (let i = 1; i <= 448; i++) rows.push(`D-${i},${i % 3 === 0 ? 'won' : 'lost'},North`);
    writeFileSync(join(dir, 'h.csv'), rows.join('\n') + '\n');
    const io = memoryIO(dir);
    expect(await calibrateCommand.run(['h.csv', '--pack', 'bant', '--folds', '4'], io)).toBe(0);
    expect(io.err()).toBe('note  h.csv: column "Sales Region" is not mapped: kept as custom.sales_region\n');
    writeFileSync(join(dir, 'm.json'), JSON.stringify({ 'Sales Region': 'region.name' }));
    const bad = memoryIO(dir);
    expect(await calibrateCommand.run(['h.csv', '--pack', 'bant', '--mapping', 'm.json'], bad)).toBe(2);
    expect(bad.err().trim().split('\n')).toEqual([
      'error  h.csv:1: column "Sales Region" is mapped to "region.name", which is not an item id of the evaluated packs (s1.1 … s7.2, man.*, bant.*), nor a fact path; write answers.<id> for an item of another pack',
      '1 input error: fix them, then calibrate again (no model written).',
    ]);
  });
});
