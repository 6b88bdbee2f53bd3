/**
 * The opt-in method packs through the CLI: `--pack NAME`, `--packs all`, the 立项 registration
 * gate (`audit --pack lixiang --fail-on missing`), `items <pack> --format json`, and `explain
 * --packs all` showing each method's verdict side by side.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { AS_OF, cli, ensureBuilt } from './helpers.js';

beforeAll(ensureBuilt);

const DEALS = 'fixtures/deals';
const REGISTERED = `${DEALS}/30-maternity-hospital-lixiang-registered.json`;
const PAID = `${DEALS}/31-logistics-sdwan-paid-in-full.json`;

describe('audit --pack lixiang --fail-on missing: the registration gate', () => {
  it('passes (exit 0) a deal with every 立项 line recorded', () => {
    const run = cli(['audit', REGISTERED, '--pack', 'lixiang', '--fail-on', 'missing', '--as-of', AS_OF, '-f', 'json']);
    expect(run.code).toBe(0);
    const [result] = JSON.parse(run.stdout);
    expect(result.stages.lixiang).toEqual({ step: 1, of: 1, passed: 1, open: [] });
    expect(Object.keys(result.items).every((id: string) => id.startsWith('lixiang.'))).toBe(true);
  });
  it('fails (exit 1) an open deal missing lines, naming them; the complete deal beside it passes', () => {
    const run = cli(['audit', `${DEALS}/04-autoparts-sdwan-step4.json`, REGISTERED, '--pack', 'lixiang', '--fail-on', 'missing', '--as-of', AS_OF, '-f', 'json']);
    expect(run.code).toBe(1);
    const results = JSON.parse(run.stdout);
    expect(results.map((r: { stages: { lixiang: { open: string[] } } }) => r.stages.lixiang.open)).toEqual([['lixiang.biggest-project', 'lixiang.entry-plan'], []]);
    const text = cli(['audit', `${DEALS}/04-autoparts-sdwan-step4.json`, REGISTERED, '--pack', 'lixiang', '--fail-on', 'missing', '--as-of', AS_OF]).stdout;
    expect(text).toMatch(/lixiang\.biggest-project is W \(step 1\)/);
    expect(text).toMatch(/lixiang\.entry-plan is W \(step 1\)/);
    const registered = text.slice(text.indexOf('30-maternity'), text.indexOf('problems ('));
    expect(registered).not.toMatch(/error|warn/);
  });
  it('does not gate a deal already won or lost (history is not registered)', () => {
    expect(cli(['audit', PAID, '--pack', 'lixiang', '--fail-on', 'missing', '--as-of', AS_OF]).code).toBe(0);
  });
  it('without --fail-on the gaps are listed in the result but do not fail the audit', () => {
    const run = cli(['audit', PAID, '--pack', 'lixiang', '--as-of', AS_OF, '-f', 'json']);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)[0].stages.lixiang.open).toEqual(['lixiang.entry-plan']);
  });
  it('reads a CSV export with the checklist columns', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dealqual-lixiang-'));
    const csv = join(dir, 'crm.csv');
    writeFileSync(
      csv,
      'id,customer.name,customer.industry,customer.biggestProject,need.problems,need.raisedBy,competitors,entryPlan.date,entryPlan.action,amount,stakeholders\n' +
        'R-1,市一医院,医疗,新院区,上网审计,使用者,网康|primary,2026-11-12,拜访信息科,380000,王院长|拍板者|保守者|一般接触|中立者\n' +
        'R-2,市一医院,医疗,,上网审计,使用者,网康|primary,,,380000,王院长|拍板者|保守者|一般接触|中立者\n',
    );
    const run = cli(['audit', csv, '--pack', 'lixiang', '--fail-on', 'missing', '--as-of', AS_OF, '-f', 'json']);
    expect(run.stderr).toBe('');
    const results = JSON.parse(run.stdout);
    expect(results.map((r: { stages: { lixiang: { open: string[] } } }) => r.stages.lixiang.open)).toEqual([[], ['lixiang.biggest-project', 'lixiang.entry-plan']]);
    expect(run.code).toBe(1);
  });
});

describe('pack names', () => {
  it('--packs all evaluates all seven built-in packs; with no pack option only the default three', () => {
    const all = JSON.parse(cli(['audit', PAID, '--packs', 'all', '--as-of', AS_OF, '-f', 'json']).stdout)[0];
    expect([...new Set(Object.values(all.items).map((i) => (i as { pack: string }).pack))]).toEqual(['sangfor-7step', 'man', 'bant', 'clmls', 'roles', 'lixiang', 'meddpicc']);
    expect(all.stages.clmls).toEqual({ step: 6, of: 6, passed: 6, open: [] });
    const plain = JSON.parse(cli(['audit', PAID, '--as-of', AS_OF, '-f', 'json']).stdout)[0];
    expect([...new Set(Object.values(plain.items).map((i) => (i as { pack: string }).pack))]).toEqual(['sangfor-7step', 'man', 'bant']);
    expect(plain.stages).toBeUndefined();
  });
  it('an unknown pack name lists every built-in pack and all', () => {
    const run = cli(['audit', PAID, '--pack', 'spin']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('neither a built-in pack (sangfor-7step, man, bant, clmls, roles, lixiang, meddpicc, or all)');
  });
});

describe('items <pack> --format json', () => {
  it.each([
    ['clmls', 14],
    ['roles', 5],
    ['lixiang', 7],
    ['meddpicc', 8],
  ])('%s lists %i items with the contract fields', (pack, count) => {
    const run = cli(['items', pack, '--format', 'json']);
    expect(run.code).toBe(0);
    const items = JSON.parse(run.stdout);
    expect(items).toHaveLength(count);
    for (const i of items) expect(Object.keys(i)).toEqual(['id', 'step', 'star', 'kind', 'extension', 'redFlag', 'decisive', 'minSignals', 'sameFactAs', 'title', 'signals']);
  });
});

describe('items: what decides how an item weighs', () => {
  it('sangfor-7step lists the decisive items (s5.4, s5.6, s5.7, s6.1) and the red flags', () => {
    const items = JSON.parse(cli(['items', 'sangfor-7step', '--format', 'json']).stdout) as { id: string; decisive: boolean; redFlag: boolean; kind: string }[];
    expect(items.filter((i) => i.decisive).map((i) => i.id)).toEqual(['s5.4', 's5.6', 's5.7', 's6.1']);
    // every decisive or risk item is a red flag, and s3.2, s3.3 are marked so (the customer's technical verdict)
    expect(items.filter((i) => i.redFlag).map((i) => i.id)).toEqual(['s3.2', 's3.3', 's3.9', 's5.4', 's5.6', 's5.7', 's6.1']);
    const text = cli(['items', 'sangfor-7step']).stdout.split('\n');
    expect(text.find((l) => l.startsWith('s5.7'))).toMatch(/\(decisive\)/);
    expect(text.find((l) => l.startsWith('s3.2'))).toMatch(/\(red flag\)/);
    expect(text.find((l) => l.startsWith('s1.1'))).not.toMatch(/decisive|red flag/);
    const markdown = cli(['items', 'sangfor-7step', '--format', 'markdown']).stdout;
    expect(markdown).toContain('| s5.4 | 5 |  | decisive |');
  });

  it('man and bant list the items they share a fact with (counted once)', () => {
    const man = JSON.parse(cli(['items', 'man', '--format', 'json']).stdout) as { id: string; sameFactAs: string[] }[];
    expect(man.find((i) => i.id === 'man.money')!.sameFactAs.length).toBeGreaterThan(0);
  });
});

describe('explain --packs all: the methods side by side', () => {
  it('shows every method’s verdict, its gaps and the disagreements', () => {
    const run = cli(['explain', `${DEALS}/04-autoparts-sdwan-step4.json`, '--packs', 'all', '--as-of', AS_OF]);
    expect(run.code).toBe(0);
    const block = run.stdout.slice(run.stdout.indexOf('Methods side by side'), run.stdout.indexOf('Items ('));
    expect(block.split('\n').filter((l) => /^ {2}[a-z]/.test(l)).map((l) => l.trim().split(/\s+/)[0])).toEqual([
      'sangfor-7step', 'man', 'bant', 'clmls', 'roles', 'lixiang', 'meddpicc', 'disagreements:',
    ]);
    expect(block).toMatch(/sangfor-7step +step 4 of 7 · milestone project · C \d+ F \d+ W \d+ · gaps: s4\.3, s4\.4, s4\.5/);
    expect(block).toMatch(/clmls +step 2 of 6 · 建立信任 Build trust · .* gaps: clmls\.2\.trust,/);
    expect(block).toMatch(/man +class M-a-N/);
  });
  it('lists a disagreement about one fact, and gives it in json as methods', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dealqual-methods-'));
    const file = join(dir, 'deal.json');
    writeFileSync(file, JSON.stringify({ id: 'D-1', funding: { budgetInPlace: true, source: 'own', approval: 'rejected' } }));
    const text = cli(['explain', file, '--packs', 'sangfor-7step,clmls', '--as-of', AS_OF]).stdout;
    expect(text).toContain('method-disagreement: Methods disagree about the same fact: clmls.1.budget is W but s2.2 is C.');
    const json = JSON.parse(cli(['explain', file, '--packs', 'all', '--as-of', AS_OF, '-f', 'json']).stdout);
    expect(json.methods.methods.map((m: { pack: string }) => m.pack)).toEqual(['sangfor-7step', 'man', 'bant', 'clmls', 'roles', 'lixiang', 'meddpicc']);
    expect(json.methods.disagreements.map((f: { items: string[] }) => f.items.join(' '))).toContain('clmls.1.budget s2.2');
  });
  it('with one pack there is no comparison', () => {
    const run = cli(['explain', PAID, '--as-of', AS_OF, '--pack', 'clmls']);
    expect(run.stdout).not.toContain('Methods side by side');
  });
});
