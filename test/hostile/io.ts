/**
 * In-process runs of the CLI for the hostile-input tests: `main` with a memory CliIO (fast: no
 * child process), in a fresh temporary folder. Tests that need the real process (worker threads,
 * signals) use test/cli/helpers.ts instead.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import type { CliIO } from '../../src/cli/command.js';
import { main } from '../../src/cli/main.js';

export const AS_OF = '2026-11-01';

/** A fresh folder holding `files` (name → text or bytes). */
export function folder(files: Record<string, string | Uint8Array> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'dq-hostile-'));
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  return dir;
}

export interface Ran {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `dealqual …args` in-process; `stdin` is what the process reads on `-` (closed when omitted). */
export async function run(args: string[], cwd: string, stdin: string | Uint8Array = ''): Promise<Ran> {
  let stdout = '';
  let stderr = '';
  const io: CliIO = {
    stdout: { write: async (t) => void (stdout += t) },
    stderr: { write: async (t) => void (stderr += t) },
    stdin: Readable.from(stdin.length === 0 ? [] : [typeof stdin === 'string' ? Buffer.from(stdin) : Buffer.from(stdin)]),
    cwd,
    env: {},
    stdoutIsTTY: false,
    stderrIsTTY: false,
    stdinIsTTY: false,
  };
  const code = await main(args, io);
  return { code, stdout, stderr };
}

/** What Object.prototype holds now: compare before and after a run. */
export function prototypeState(): { names: string[]; probe: unknown } {
  return { names: Object.getOwnPropertyNames(Object.prototype).sort(), probe: ({} as Record<string, unknown>).outcome };
}

/** The ids and milestones of a `-f jsonl` report. */
export const dealsOf = (jsonl: string): { id: string; milestone: string }[] =>
  jsonl
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => {
      const r = JSON.parse(l) as { id: string; stage: { milestone: string } };
      return { id: r.id, milestone: r.stage.milestone };
    });
