/**
 * Bench section: `dealqual audit -f html` — the report's size for fixtures/deals and for 100,000
 * generated deals (seeded, bench/generate.mjs), its time and peak RSS against `-f jsonl` on the same
 * input in the same run (the baseline). The report keeps one table row per deal and at most 200
 * cards, so its size grows by the table row only.
 *
 * Run alone: node bench/sections/html-report.mjs [size] (after npm run build).
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { audit, writeJsonl } from './cli.mjs';

const ROOT = join(fileURLToPath(import.meta.url), '..', '..', '..');
const mib = (bytes) => `${(bytes / 1024 / 1024).toFixed(2)} MiB`;

export async function run(ctx = {}) {
  const log = ctx.log ?? ((line) => console.log(line));
  const size = ctx.htmlSize ?? 100_000;
  const dir = mkdtempSync(join(tmpdir(), 'dealqual-bench-html-'));
  try {
    const fixtures = join(dir, 'fixtures.html');
    const f = await audit(join(ROOT, 'fixtures', 'deals'), ['-f', 'html', '-o', fixtures], dir);
    log(`html: fixtures/deals (19 deals): ${(statSync(fixtures).size / 1024).toFixed(0)} KiB in ${f.seconds.toFixed(2)} s`);
    const input = join(dir, `deals-${size}.jsonl`);
    await writeJsonl(input, size, 42);
    const base = await audit(input, ['-f', 'jsonl', '-o', join(dir, 'out.jsonl')], dir);
    const out = join(dir, 'report.html');
    const html = await audit(input, ['-f', 'html', '-o', out], dir);
    const bytes = statSync(out).size;
    log(`html: ${size.toLocaleString('en-US')} deals: ${mib(bytes)} (${(bytes / size).toFixed(0)} bytes/deal), ${html.seconds.toFixed(1)} s, peak RSS ${html.rssMiB.toFixed(0)} MiB`);
    log(`html: vs jsonl on the same input (${base.seconds.toFixed(1)} s, ${base.rssMiB.toFixed(0)} MiB): time ${(html.seconds / base.seconds).toFixed(2)}×, RSS ${(html.rssMiB / base.rssMiB).toFixed(2)}×`);
    return { fixturesBytes: statSync(fixtures).size, bytes, seconds: html.seconds, baseSeconds: base.seconds };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const size = Number(process.argv[2]) || undefined;
  await run(size ? { htmlSize: size } : {});
}
