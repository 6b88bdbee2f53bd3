#!/usr/bin/env node
/**
 * `npm run bench`: builds, then runs every bench/sections/*.mjs module in sorted file-name order
 * in this one process. Each section exports `async function run(ctx)` and prints its own lines
 * through `ctx.log`. Benchmarks print ratios against baselines measured in the same run; nothing
 * here is a test.
 *
 *   node --expose-gc bench/run.mjs [name…]   run only the sections whose file name contains a name
 *
 * ctx: { log(line), root, seed: 42, snapshots(count) → the seeded realistic snapshots of
 * bench/generate.mjs (cached per count), internals() → bench/internals.ts bundled (engines, steps) }
 */
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { generateSnapshots } from './generate.mjs';
import { loadInternals } from './internals.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const SECTIONS = join(ROOT, 'bench', 'sections');
const SEED = 42;

const filters = process.argv.slice(2);
const files = readdirSync(SECTIONS)
  .filter((f) => f.endsWith('.mjs'))
  .sort()
  .filter((f) => filters.length === 0 || filters.some((name) => f.includes(name)));

const cache = new Map();
const ctx = {
  log: (line = '') => console.log(line),
  root: ROOT,
  seed: SEED,
  snapshots: (count = 10_000) => {
    if (!cache.has(count)) cache.set(count, generateSnapshots(count, SEED));
    return cache.get(count);
  },
  internals: loadInternals,
};

console.log(`dealqual bench — node ${process.version}, ${process.platform}/${process.arch}${globalThis.gc ? '' : ' (run with --expose-gc for allocation figures)'}`);
let failed = 0;
for (const file of files) {
  const started = process.hrtime.bigint();
  console.log(`\n## ${file.replace(/\.mjs$/, '')}`);
  try {
    const section = await import(pathToFileURL(join(SECTIONS, file)).href);
    await section.run(ctx);
  } catch (error) {
    failed++;
    console.log(`section ${file} failed: ${error instanceof Error ? error.message : String(error)}`);
  }
  console.log(`(${file}: ${(Number(process.hrtime.bigint() - started) / 1e9).toFixed(1)} s)`);
}
process.exitCode = failed > 0 ? 1 : 0;
