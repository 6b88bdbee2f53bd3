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
    expect(w['crm.relationship']!.C).toBeGreaterThan(w['crm.budget']!.C);
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
});
