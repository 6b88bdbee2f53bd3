/**
 * Inputs that are not regular files: a named pipe (FIFO) called `deals.jsonl` failed with "cannot
 * read: ESPIPE", because JSON Lines files are read by position (src/node/line-chunks.ts). A pipe or
 * a device is now streamed, as stdin is, whatever its name.
 */
import { execFileSync } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AS_OF, dealsOf, folder, run } from './io.js';

const lines = ['A', 'B', 'C'].map((id) => JSON.stringify({ id, asOf: AS_OF, outcome: 'won' })).join('\n') + '\n';
const csv = `id,asOf,outcome\nA,${AS_OF},won\nB,${AS_OF},won\nC,${AS_OF},won\n`;

describe.skipIf(process.platform === 'win32')('a named pipe', () => {
  it.each([
    ['deals.jsonl', lines],
    ['deals.ndjson', lines],
    ['deals.json', `[${lines.trim().split('\n').join(',')}]`],
    ['deals.csv', csv],
  ])('%s is read as a stream: every deal audited', async (name, content) => {
    const dir = folder();
    const fifo = join(dir, name);
    execFileSync('mkfifo', [fifo]);
    // The writer waits for the reader to open the pipe (both on libuv's thread pool).
    const [r] = await Promise.all([run(['audit', name, '-f', 'jsonl'], dir), writeFile(fifo, content)]);
    expect(r.stderr).toBe('');
    expect(dealsOf(r.stdout).map((d) => d.id)).toEqual(['A', 'B', 'C']);
    expect(r.code).toBe(0);
  });
});
