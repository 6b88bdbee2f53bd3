/**
 * Output targets (issue 11): `-o` naming an input truncated it before it was read. An output that is
 * an input is refused (by real path); every report goes through a temporary file renamed into place
 * on success, so a bad flag, Ctrl-C or a write failure keeps the previous report; a write failure
 * is exit 2 "cannot write …".
 */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { BIN, ensureBuilt } from '../cli/helpers.js';
import { AS_OF, folder, run } from './io.js';

const DEAL = `{"id":"B1","asOf":"${AS_OF}","claimedStep":5}\n`;
const PREVIOUS = 'the previous report\n';
const leftovers = (dir: string) => readdirSync(dir).filter((f) => f.endsWith('.tmp'));

describe('an output that is an input is refused before anything is read', () => {
  it('-o naming the input, the same file through ./ or a symlink, or a deal file in an input folder', async () => {
    const dir = folder({ 's.jsonl': DEAL });
    symlinkSync(join(dir, 's.jsonl'), join(dir, 'link.jsonl'));
    for (const [input, output] of [['s.jsonl', 's.jsonl'], ['s.jsonl', './s.jsonl'], ['s.jsonl', 'link.jsonl'], ['.', 's.jsonl']]) {
      const r = await run(['audit', input!, '-f', 'jsonl', '-o', output!], dir);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/-o .* (is also an input|is a deal file inside the input folder)/);
      expect(readFileSync(join(dir, 's.jsonl'), 'utf8')).toBe(DEAL);
    }
  });

  it('calibrate --out naming an input is refused too', async () => {
    const dir = folder({ 'h.json': '[]' });
    const r = await run(['calibrate', 'h.json', '--out', 'h.json'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--out h\.json is also an input/);
    expect(readFileSync(join(dir, 'h.json'), 'utf8')).toBe('[]');
  });
});

describe('the previous report survives a run that does not finish', () => {
  it('a bad flag value', async () => {
    const dir = folder({ 's.jsonl': DEAL, 'out.json': PREVIOUS });
    const r = await run(['audit', 's.jsonl', '-f', 'json', '-o', 'out.json', '--stale-days', 'x'], dir);
    expect(r.code).toBe(2);
    expect(readFileSync(join(dir, 'out.json'), 'utf8')).toBe(PREVIOUS);
    expect(leftovers(dir)).toEqual([]);
  });

  it('a finished run replaces it whole, keeping its permissions', async () => {
    const dir = folder({ 's.jsonl': DEAL, 'out.json': PREVIOUS });
    const r = await run(['audit', 's.jsonl', '-f', 'json', '-o', 'out.json'], dir);
    expect(r.code).toBe(1);
    expect(JSON.parse(readFileSync(join(dir, 'out.json'), 'utf8'))[0].id).toBe('B1');
    expect(leftovers(dir)).toEqual([]);
  });

  it('a write failure (disk full: /dev/full) is exit 2 "cannot write …: ENOSPC"', async () => {
    for (const format of ['json', 'xlsx']) {
      const r = await run(['audit', 's.jsonl', '-f', format, '-o', '/dev/full'], folder({ 's.jsonl': DEAL }));
      expect(r.stderr).toBe('dealqual: cannot write /dev/full: ENOSPC\n');
      expect(r.code).toBe(2);
    }
  });

  it('a folder that does not exist, or a path through a file, is exit 2 "cannot write …"', async () => {
    const dir = folder({ 's.jsonl': DEAL });
    for (const out of ['missing/out.json', 's.jsonl/out.json']) {
      const r = await run(['audit', 's.jsonl', '-o', out], dir);
      expect(r.stderr).toMatch(new RegExp(`^dealqual: cannot write ${out.replace('.', '\\.')}: (ENOENT|ENOTDIR)\\n$`));
      expect(r.code).toBe(2);
    }
  });
});

describe('Ctrl-C (built CLI)', () => {
  beforeAll(() => ensureBuilt(), 300_000);

  it('SIGINT while the report is being written: exit 130, the previous report intact, no temporary file left', async () => {
    const dir = folder({ 'out.json': PREVIOUS });
    const child = spawn(process.execPath, [BIN, 'audit', '-', '-f', 'json', '-o', 'out.json'], { cwd: dir, stdio: ['pipe', 'ignore', 'pipe'] });
    child.stdin.write(DEAL.repeat(50));
    // Wait until the temporary file exists (the run is under way), then interrupt it; stdin stays open.
    const started = Date.now();
    while (leftovers(dir).length === 0 && Date.now() - started < 60_000) await new Promise((r) => setTimeout(r, 50));
    expect(leftovers(dir)).toHaveLength(1);
    const code = await new Promise<number | null>((resolve) => {
      child.once('exit', (c) => resolve(c));
      child.kill('SIGINT');
    });
    expect(code).toBe(130);
    expect(readFileSync(join(dir, 'out.json'), 'utf8')).toBe(PREVIOUS);
    expect(leftovers(dir)).toEqual([]);
    expect(existsSync(join(dir, 'out.json'))).toBe(true);
  }, 120_000);
});
