/**
 * Prototype pollution through flat rows (issue 11, critical): a header, a mapping target or a
 * Sheets table header such as `custom.__proto__.outcome` must never write to Object.prototype.
 * Each adapter runs on hostile headers; afterwards Object.prototype is untouched and a failing deal
 * read after them still fails.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import vm from 'node:vm';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { rowToSnapshot, tableToSnapshots } from '../../src/flat/index.js';
import { writeXlsx } from '../../src/node/xlsx.js';
import { BIN, ensureBuilt } from '../cli/helpers.js';
import { AS_OF, dealsOf, folder, prototypeState, run } from './io.js';

const HOSTILE = ['custom.__proto__.outcome', 'custom.constructor.prototype.outcome', 'answers.constructor.x', '__proto__', 'custom.prototype', 'Custom.__PROTO__.outcome'];
/** A deal that fails on its own: it claims step 5 with no evidence (stage-unearned, an error). */
const FAILING = `{"id":"B1","asOf":"${AS_OF}","claimedStep":5}\n`;
const G_CSV = 'id,custom.__proto__.outcome\nZZ,won\nZZ2,won\nZZ3,won\n';
const ZZ_ROWS = ['ZZ', 'ZZ2', 'ZZ3'].map((id) => ({ id, milestone: 'lead' }));

let before: ReturnType<typeof prototypeState>;
beforeEach(() => {
  before = prototypeState();
});
afterEach(() => {
  expect(prototypeState()).toEqual(before);
  expect(({} as Record<string, unknown>).outcome).toBeUndefined();
});

describe('the flat-row reader (library)', () => {
  it.each(HOSTILE)('header %s is an issue of its column, never a write', (header) => {
    const read = rowToSnapshot(['id', header], ['D-1', 'won']);
    expect(read.ok).toBe(false);
    if (read.ok) return;
    expect(read.issues).toEqual([expect.objectContaining({ path: '$', column: header, message: expect.stringMatching(/reserved|not an item id/) })]);
  });

  it('a mapping target with a reserved segment is refused, naming the mapping', () => {
    const read = rowToSnapshot(['id', 'Region'], ['D-1', 'won'], { mapping: { Region: 'custom.constructor.prototype.outcome' } });
    expect(read.ok).toBe(false);
    // Checked as a mapping file is (parseMapping), before any row is read.
    if (!read.ok) expect(read.issues[0]!.message).toBe('mapping $.Region: a field path may not contain __proto__, constructor or prototype');
  });

  it('snapshots come back as ordinary objects (the prototype-less containers are normalised)', () => {
    const read = rowToSnapshot(['id', 'custom.region.name', 's1.1'], ['D-1', 'east', 'C']);
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    const snapshot = read.snapshot as unknown as { custom: { region: object }; answers: object };
    expect(Object.getPrototypeOf(snapshot)).toBe(Object.prototype);
    expect(Object.getPrototypeOf(snapshot.custom.region)).toBe(Object.prototype);
    expect(Object.getPrototypeOf(snapshot.answers)).toBe(Object.prototype);
    expect(snapshot).toEqual({ id: 'D-1', custom: { region: { name: 'east' } }, answers: { 's1.1': 'C' } });
  });

  it('a compact cell part such as constructor=… or toString is an issue, not a crash', () => {
    for (const cell of ['张总|constructor=x', '张总|toString', '张总|__proto__=y']) {
      const [read] = tableToSnapshots([['id', 'stakeholders'], ['D-1', cell]]);
      expect(read!.ok).toBe(false);
      if (!read!.ok) expect(read!.issues[0]!.message).toMatch(/is not /);
    }
  });
});

describe('the CLI adapters', () => {
  it('CSV file: the issue repro (g.csv then f.jsonl) — the column is an input error reported once at the header and never read; B1 still fails', async () => {
    const dir = folder({ 'g.csv': G_CSV, 'f.jsonl': FAILING });
    const r = await run(['audit', 'g.csv', 'f.jsonl', '-f', 'jsonl'], dir);
    // The rows are audited without the refused column: none of them is won, and B1 is not either.
    expect(dealsOf(r.stdout)).toEqual([...ZZ_ROWS, { id: 'B1', milestone: 'lead' }]);
    expect(r.stderr.match(/reserved/g)).toHaveLength(1);
    expect(r.stderr).toMatch(/g\.csv:1: column "custom\.__proto__\.outcome": "__proto__" cannot be part of a field path/);
    // An input error (2) outranks the failing deal (1); never 0.
    expect(r.code).toBe(2);
    const alone = await run(['audit', 'f.jsonl', '-f', 'jsonl'], dir);
    expect(alone.code).toBe(1);
  });

  it('stdin CSV', async () => {
    const dir = folder({ 'f.jsonl': FAILING });
    const r = await run(['audit', '-', 'f.jsonl', '-f', 'jsonl'], dir, G_CSV);
    expect(dealsOf(r.stdout)).toEqual([...ZZ_ROWS, { id: 'B1', milestone: 'lead' }]);
    expect(r.stderr).toMatch(/<stdin>:1: column "custom\.__proto__\.outcome"/);
    expect(r.code).toBe(2);
  });

  it('xlsx', async () => {
    const dir = folder({ 'f.jsonl': FAILING });
    await writeXlsx(join(dir, 'g.xlsx'), ['id', 'custom.__proto__.outcome', 'custom.constructor.prototype.outcome'], [['ZZ', 'won', 'won']]);
    const r = await run(['audit', 'g.xlsx', 'f.jsonl', '-f', 'jsonl'], dir);
    expect(dealsOf(r.stdout)).toEqual([{ id: 'ZZ', milestone: 'lead' }, { id: 'B1', milestone: 'lead' }]);
    expect(r.stderr).toMatch(/g\.xlsx header row: column "custom\.__proto__\.outcome"/);
    expect(r.stderr).toMatch(/g\.xlsx header row: column "custom\.constructor\.prototype\.outcome"/);
    expect(r.code).toBe(2);
  });

  it('csv.mapping in the config: a reserved target is a config error naming the key', async () => {
    const dir = folder({
      'g.csv': 'id,Region\nZZ,won\n',
      'f.jsonl': FAILING,
      'dealqual.config.json': JSON.stringify({ csv: { mapping: { Region: 'custom.__proto__.outcome' } } }),
    });
    const r = await run(['audit', 'g.csv', 'f.jsonl'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/dealqual\.config\.json \$\.csv\.mapping\.Region: a field path may not contain __proto__/);
  });

  it('the config file itself: a "__proto__" key is refused as an unknown key, not merged', async () => {
    const dir = folder({ 'f.jsonl': FAILING, 'dealqual.config.json': '{"__proto__":{"outcome":"won"},"csv":{"mapping":{"__proto__":{"x":"y"}}}}' });
    const r = await run(['audit', 'f.jsonl'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/invalid config/);
  });

  it('calibrate --mapping: a reserved target is refused, naming the file and header', async () => {
    const dir = folder({ 'h.csv': 'id,outcome,Region\nA,won,x\n', 'm.json': JSON.stringify({ Region: 'custom.__proto__.outcome' }) });
    const r = await run(['calibrate', 'h.csv', '--mapping', 'm.json'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/m\.json \$\.Region: a field path may not contain __proto__, constructor or prototype/);
  });
});

describe('worker threads and the Sheets bundle', () => {
  beforeAll(() => ensureBuilt(), 300_000);

  it('--jobs 2 (built CLI): B1 still fails after the hostile CSV', () => {
    const dir = folder({ 'g.csv': G_CSV, 'f.jsonl': FAILING });
    const r = spawnSync(process.execPath, [BIN, 'audit', 'g.csv', 'f.jsonl', '--jobs', '2', '-f', 'jsonl'], { cwd: dir, encoding: 'utf8' });
    expect(dealsOf(r.stdout)).toEqual([...ZZ_ROWS, { id: 'B1', milestone: 'lead' }]);
    expect(r.stderr.match(/reserved/g)).toHaveLength(1);
    expect(r.stderr).toMatch(/g\.csv:1: column "custom\.__proto__\.outcome"/);
    expect(r.status).toBe(2);
  });

  it('DEALQUAL_AUDIT and DealQual.* in a vm: hostile headers leave the sandbox Object.prototype untouched', () => {
    const bundle = 'dist/dealqual.gs.js';
    expect(existsSync(bundle)).toBe(true);
    const context = vm.createContext({});
    vm.runInContext(readFileSync(bundle, 'utf8'), context);
    const inside = (code: string): unknown => vm.runInContext(code, context);
    const names = inside('Object.getOwnPropertyNames(Object.prototype).sort().join()');
    inside(`DealQual.configure({ asOf: '${AS_OF}' })`);
    const table = [['id', 'custom.__proto__.outcome', 'claimedStep'], ['ZZ', 'won', ''], ['B1', '', 5]];
    const audited = (inside('DEALQUAL_AUDIT') as (r: unknown) => unknown[][])(table);
    expect(String(audited[1]![0])).toMatch(/^#DEALQUAL: .*"__proto__" cannot be part of a field path/);
    expect(String(audited[2]![0])).toMatch(/^#DEALQUAL: .*"__proto__" cannot be part of a field path/);
    expect((inside('DEALQUAL_STAGE') as (h: unknown, r: unknown) => unknown)([table[0]], [table[1]])).toMatch(/^#DEALQUAL/);
    inside(`DealQual.configure({ asOf: '${AS_OF}', mapping: { Region: 'custom.constructor.prototype.outcome' } })`);
    (inside('DEALQUAL_AUDIT') as (r: unknown) => unknown)([['id', 'Region'], ['ZZ', 'won']]);
    expect(inside('Object.getOwnPropertyNames(Object.prototype).sort().join()')).toBe(names);
    expect(inside('({}).outcome')).toBeUndefined();
    // A deal after the hostile rows is evaluated as itself: not won.
    inside(`DealQual.configure({ asOf: '${AS_OF}' })`);
    const after = (inside('DEALQUAL_AUDIT') as (r: unknown) => unknown[][])([['id', 'claimedStep'], ['B1', 5]]);
    expect(after[1]![1]).toBe('lead');
  });
});
