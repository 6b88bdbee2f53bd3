/** Runs the built CLI (bin/dealqual.js → dist/cli.js) as a child process. */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const BIN = join(ROOT, 'bin', 'dealqual.js');
export const AS_OF = '2026-11-01';

/** Builds once when dist/cli.js is missing (`npm test` builds first anyway). */
export function ensureBuilt(): void {
  if (existsSync(join(ROOT, 'dist', 'cli.js')) && existsSync(join(ROOT, 'dist', 'cli-worker.js'))) return;
  const built = spawnSync('npx', ['tsup'], { cwd: ROOT, encoding: 'utf8' });
  if (built.status !== 0) throw new Error(`build failed:\n${built.stdout}\n${built.stderr}`);
}

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function cli(args: string[], options: { input?: string; cwd?: string; env?: Record<string, string> } = {}): Run {
  // Colour and language come only from the test's own env: goldens must not depend on the machine's.
  const { NO_COLOR: _n, FORCE_COLOR: _f, LANG: _l, LC_ALL: _a, LC_MESSAGES: _m, ...env } = process.env;
  const run = spawnSync(process.execPath, [BIN, ...args], {
    cwd: options.cwd ?? ROOT,
    input: options.input ?? '',
    encoding: 'utf8',
    env: { ...env, ...options.env },
    maxBuffer: 64 << 20,
  });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}
