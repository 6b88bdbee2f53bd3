/**
 * `--jobs 1000` on 4 deals took 3 GB (issue 11). Workers are capped at the number of CPUs (said on
 * stderr) and started only when a batch waits for one, so a small input starts one.
 * A deal nested deeper than structured clone can copy (5,000 levels) stopped a whole `--jobs` audit
 * with "internal error: Maximum call stack size exceeded": its batch is now audited on the main
 * thread, as a worker would.
 */
import { spawnSync } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { UnsentUnit, WorkerPool } from '../../src/cli/audit/pool.js';
import { auditSettingsOf } from '../../src/cli/collect.js';
import { resolveSettings } from '../../src/cli/settings.js';
import { BIN, ROOT, ensureBuilt } from '../cli/helpers.js';
import { AS_OF } from './io.js';

beforeAll(() => ensureBuilt(), 300_000);

describe('--jobs', () => {
  it('--jobs 1000 is capped at the CPUs, with one line on stderr; the output is that of --jobs 1', () => {
    const args = ['audit', 'fixtures/deals', '--as-of', AS_OF, '-f', 'jsonl'];
    const capped = spawnSync(process.execPath, [BIN, ...args, '--jobs', '1000'], { cwd: ROOT, encoding: 'utf8' });
    const one = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, encoding: 'utf8' });
    expect(capped.stderr).toBe(`dealqual: --jobs 1000 capped at ${availableParallelism()}, the number of CPUs\n`);
    expect(capped.stdout).toBe(one.stdout);
    expect(capped.status).toBe(one.status);
  });

  it('the pool starts a worker only for a batch that finds every started worker busy', async () => {
    const settings = auditSettingsOf(await resolveSettings({}, ROOT), 'jsonl');
    const pool = new WorkerPool(8, settings, pathToFileURL(join(ROOT, 'dist', 'cli-worker.js')));
    try {
      expect(pool.started).toBe(0);
      const batch = await pool.run({ kind: 'events', events: [{ kind: 'deal', source: { file: 'x' }, value: { id: 'A', asOf: AS_OF } }] });
      expect(batch.kind === 'bytes' ? batch.stats : batch.outcomes).toHaveLength(1);
      expect(pool.started).toBe(1);
      await Promise.all([1, 2, 3].map(() => pool.run({ kind: 'events', events: [{ kind: 'deal', source: { file: 'x' }, value: { id: 'B', asOf: AS_OF } }] })));
      expect(pool.started).toBeLessThanOrEqual(3);
    } finally {
      await pool.close();
    }
  }, 60_000);

  describe('a deal too deep to send to a worker', () => {
    const deep = (n: number) => `{"id":"DEEP","asOf":"${AS_OF}","custom":{"x":${'['.repeat(n)}${']'.repeat(n)}}}`;

    it('the pool refuses its batch (UnsentUnit) and stays usable', async () => {
      const settings = auditSettingsOf(await resolveSettings({}, ROOT), 'jsonl');
      const pool = new WorkerPool(1, settings, pathToFileURL(join(ROOT, 'dist', 'cli-worker.js')));
      try {
        const value = JSON.parse(deep(20_000));
        await expect(pool.run({ kind: 'events', events: [{ kind: 'deal', source: { file: 'x' }, value }] })).rejects.toBeInstanceOf(UnsentUnit);
        const next = await pool.run({ kind: 'events', events: [{ kind: 'deal', source: { file: 'x' }, value: { id: 'A', asOf: AS_OF } }] });
        expect(next.kind === 'bytes' ? next.stats : next.outcomes).toHaveLength(1);
      } finally {
        await pool.close();
      }
    });

    it.each(['jsonl', 'stylish', 'html'])('-f %s: every other deal is audited, the output is that of --jobs 1', (format) => {
      const dir = mkdtempSync(join(tmpdir(), 'dq-deep-'));
      writeFileSync(join(dir, 'a.json'), JSON.stringify({ id: 'A', asOf: AS_OF, claimedStep: 5 }));
      writeFileSync(join(dir, 'b.json'), deep(20_000));
      // Many deals in one file: the deep deal's batch holds others.
      writeFileSync(join(dir, 'c.json'), JSON.stringify(Array.from({ length: 600 }, (_, i) => ({ id: `C-${i}`, asOf: AS_OF }))));
      const args = ['audit', dir, '-f', format];
      const two = spawnSync(process.execPath, [BIN, ...args, '--jobs', '2'], { encoding: 'utf8', maxBuffer: 1 << 28 });
      const one = spawnSync(process.execPath, [BIN, ...args, '--jobs', '1'], { encoding: 'utf8', maxBuffer: 1 << 28 });
      expect(two.stderr).not.toContain('internal error');
      expect(two.status).toBe(1);
      expect(two.stdout).toBe(one.stdout);
      for (const id of ['"A"', 'DEEP', 'C-599']) expect(one.stdout).toContain(format === 'jsonl' ? id : id.replace(/"/g, ''));
    });
  });
});
