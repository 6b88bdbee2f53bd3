/**
 * Bench section: `dealqual audit` on generated JSON Lines of 100,000 and 1,000,000 deals (seeded,
 * bench/generate.mjs). Reports deals/s and peak RSS of the CLI process for each size (GNU time -v
 * when present, else the child's own process.resourceUsage via a preload), and their ratios.
 * Target: RSS within 1.2× (bounded memory) and time linear (deals/s about equal).
 *
 * Run alone: node bench/sections/cli.mjs [sizes…] (after npm run build).
 */
import { spawn } from 'node:child_process';
import { createWriteStream, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AS_OF, createRandom, generateSnapshot } from '../generate.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const BIN = join(ROOT, 'bin', 'dealqual.js');

export async function writeJsonl(file, count, seed) {
  const out = createWriteStream(file);
  const random = createRandom(seed);
  let buffer = '';
  for (let i = 0; i < count; i++) {
    buffer += JSON.stringify(generateSnapshot(random, i)) + '\n';
    if (buffer.length > 1 << 20) {
      if (!out.write(buffer)) await new Promise((r) => out.once('drain', r));
      buffer = '';
    }
  }
  out.write(buffer);
  await new Promise((r, j) => out.end((e) => (e ? j(e) : r())));
}

/** Runs the CLI; resolves to { code, seconds, rssMiB }. Output goes to /dev/null-like sink (jsonl to a file). */
export function audit(input, args, dir) {
  const gnuTime = existsSync('/usr/bin/time');
  const rssFile = join(dir, 'rss.txt');
  const preload = join(dir, 'rss-preload.cjs');
  writeFileSync(preload, `process.on('exit', () => require('fs').writeFileSync(${JSON.stringify(rssFile)}, String(process.resourceUsage().maxRSS)));\n`);
  const node = [process.execPath, ...(gnuTime ? [] : ['--require', preload]), BIN, 'audit', input, '--as-of', AS_OF, ...args];
  const command = gnuTime ? ['/usr/bin/time', '-v', ...node] : node;
  const started = process.hrtime.bigint();
  return new Promise((resolve, reject) => {
    const child = spawn(command[0], command.slice(1), { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', async (code) => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      let kib;
      if (gnuTime) kib = Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(stderr)?.[1]);
      else kib = Number((await import('node:fs')).readFileSync(rssFile, 'utf8'));
      if (code !== 0 && code !== 1) return reject(new Error(`dealqual audit exited ${code}: ${stderr.slice(-2000)}`));
      resolve({ code, seconds, rssMiB: kib / 1024 });
    });
  });
}

export async function run(ctx = {}) {
  const log = ctx.log ?? ((line) => console.log(line));
  const sizes = ctx.sizes ?? [100_000, 1_000_000];
  const formats = ctx.formats ?? ['jsonl', 'stylish'];
  const dir = mkdtempSync(join(tmpdir(), 'dealqual-bench-cli-'));
  const rows = [];
  try {
    for (const size of sizes) {
      const input = join(dir, `deals-${size}.jsonl`);
      const t0 = Date.now();
      await writeJsonl(input, size, 42);
      log(`cli: generated ${size.toLocaleString('en-US')} deals in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
      for (const format of formats) {
        const r = await audit(input, ['--format', format], dir);
        const row = { size, format, seconds: r.seconds, dealsPerSecond: size / r.seconds, rssMiB: r.rssMiB };
        rows.push(row);
        log(`cli: audit ${size.toLocaleString('en-US')} deals --format ${format}: ${r.seconds.toFixed(1)} s, ${Math.round(row.dealsPerSecond).toLocaleString('en-US')} deals/s, peak RSS ${r.rssMiB.toFixed(0)} MiB`);
      }
      rmSync(input, { force: true });
    }
    if (sizes.length >= 2) {
      const [small, large] = [sizes[0], sizes[sizes.length - 1]];
      for (const format of formats) {
        const a = rows.find((r) => r.size === small && r.format === format);
        const b = rows.find((r) => r.size === large && r.format === format);
        const rss = b.rssMiB / a.rssMiB;
        const time = b.seconds / a.seconds / (large / small);
        log(`cli: ${format} ${large.toLocaleString('en-US')} vs ${small.toLocaleString('en-US')}: RSS ratio ${rss.toFixed(2)}× (target ≤ 1.2×) ${rss <= 1.2 ? 'OK' : 'OVER'}; time per deal ratio ${time.toFixed(2)} (1.00 = linear)`);
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return rows;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const sizes = process.argv.slice(2).map(Number).filter((n) => n > 0);
  await run(sizes.length ? { sizes } : {});
}
