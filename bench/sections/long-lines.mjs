/**
 * Bench section: reading is linear in the input, whatever its lines. One deal whose line is very
 * long (a CSV cell, a JSON Lines deal with a long note), read from a file and from stdin (the
 * streaming text reader), at 4 MiB and 16 MiB: time per MiB at 16 MiB against 4 MiB should stay
 * near 1× (linear). The readers before 2026-12-01, which copied a line again with every chunk,
 * gave 2.4–4.0× here (16 MiB: 11–24 s; a 40 MiB CSV cell took 57 s); now 0.4–0.6× (0.55–1.09 s).
 *
 * Run alone: node bench/sections/long-lines.mjs (after npm run build).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, openSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const BIN = join(ROOT, 'bin', 'dealqual.js');
const MiB = 1 << 20;

const inputs = {
  'csv, a long cell (file)': (n) => ({ name: 'long.csv', text: `id,asOf,customer.name\nA,2026-11-01,${'x'.repeat(n)}\nB,2026-11-01,ok\n` }),
  'csv, a long cell (stdin)': (n) => ({ name: 'long.csv', text: `id,asOf,customer.name\nA,2026-11-01,${'x'.repeat(n)}\nB,2026-11-01,ok\n`, stdin: true }),
  'jsonl, a long note (file)': (n) => ({ name: 'long.jsonl', text: `{"id":"A","asOf":"2026-11-01","custom":{"note":"${'y'.repeat(n)}"}}\n{"id":"B","asOf":"2026-11-01"}\n` }),
  'jsonl, a long note (stdin)': (n) => ({ name: 'long.jsonl', text: `{"id":"A","asOf":"2026-11-01","custom":{"note":"${'y'.repeat(n)}"}}\n{"id":"B","asOf":"2026-11-01"}\n`, stdin: true }),
};

/** Seconds for `dealqual audit` of the input (best of 3), with `node -e 0`'s start taken off. */
function seconds(dir, input, base) {
  const path = join(dir, input.name);
  writeFileSync(path, input.text);
  let best = Infinity;
  for (let i = 0; i < 3; i++) {
    const start = process.hrtime.bigint();
    const args = input.stdin ? [BIN, 'audit', '-', '-f', 'stylish'] : [BIN, 'audit', path, '-f', 'stylish'];
    spawnSync(process.execPath, args, { stdio: [input.stdin ? openSync(path, 'r') : 'ignore', 'ignore', 'ignore'] });
    best = Math.min(best, Number(process.hrtime.bigint() - start) / 1e9);
  }
  return Math.max(best - base, 1e-3);
}

export async function run(ctx) {
  const dir = mkdtempSync(join(tmpdir(), 'dealqual-long-'));
  try {
    const start = process.hrtime.bigint();
    spawnSync(process.execPath, ['-e', '0']);
    const base = Number(process.hrtime.bigint() - start) / 1e9;
    ctx.log('one deal with a long line, then a short one; seconds beyond node -e 0 (best of 3), and time per MiB at 16 MiB against 4 MiB (linear: about 1×)');
    for (const [name, make] of Object.entries(inputs)) {
      const small = seconds(dir, make(4 * MiB), base);
      const large = seconds(dir, make(16 * MiB), base);
      ctx.log(`  ${name.padEnd(28)} 4 MiB ${small.toFixed(2)} s   16 MiB ${large.toFixed(2)} s   per MiB ${(large / 4 / small).toFixed(2)}×`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await run({ log: console.log });
