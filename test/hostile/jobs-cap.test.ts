/**
 * `--jobs 1000` on 4 deals took 3 GB (issue 11). Workers are capped at the number of CPUs (said on
 * stderr) and started only when a batch waits for one, so a small input starts one.
 */
import { spawnSync } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { WorkerPool } from '../../src/cli/audit/pool.js';
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
});
