/**
 * Bench section: `dealqual audit` on generated JSON Lines (seeded, bench/generate.mjs).
 * 1. Scale: `-f jsonl` at 100,000 and 1,000,000 deals with `--jobs 1` and `--jobs 2`: deals/s
 *    (target ≥ 15,000 single-threaded), CPU seconds (user+sys) and peak RSS of the process
 *    (workers included), and the 1M/100k ratios (target: RSS within 1.2×, time per deal linear).
 * 2. Workers: every format `-f` offers (html and xlsx excepted: they hold every deal for one
 *    document) at the first size, `--jobs 1` against `--jobs 2`: the wall-time ratio
 *    (target ≥ 1.6× on 2 free cores) and the peak RSS of each.
 * 3. The floor of 2: `evaluateSync` + `JSON.stringify` alone (no CLI, no formatting, no messages)
 *    over the same deals on one thread, and split in two halves on 2 worker threads: the wall and
 *    CPU ratios any `--jobs 2` can reach on this machine at that moment (each isolate warms up on
 *    its own: parsing the packs, the JIT, the heap's growth). Its single-thread deals/s is what
 *    `-f jsonl --jobs 1` can at most reach.
 * 4. The machine: two processes running that floor on one thread each at the same time, against one
 *    alone: the throughput two cores give this work when nothing at all is shared between the two
 *    (no transfer, no main thread), the ceiling of any `--jobs 2` ratio on this machine.
 * Figures come from GNU time -v when present (else the child's own process.resourceUsage through a
 * preload, without CPU seconds). Wall-time ratios need free cores: the load average is printed
 * with each run; on a shared machine compare the CPU seconds too.
 *
 * Run alone (after npm run build):
 *   node bench/sections/cli.mjs [sizes…] [--formats jsonl,csv,…] [--repeat N] [--jobs-only] [--scale-only]
 * Each figure is the median of N runs (default 1).
 */
import { spawn } from 'node:child_process';
import { createWriteStream, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { AS_OF, createRandom, generateSnapshot } from '../generate.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const BIN = join(ROOT, 'bin', 'dealqual.js');

/** Every format of `-f` whose output streams or is assembled from pieces (html and xlsx build one document of every deal). */
export const JOB_FORMATS = ['jsonl', 'json', 'csv', 'stylish', 'github', 'junit', 'markdown', 'sarif'];

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

/** The floor script: evaluates the input's deals on 1 thread (`1`) or in halves on 2 workers (`2`). */
const FLOOR = `
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { readFileSync } from 'node:fs';
const { evaluateSync } = await import(process.env.DEALQUAL_INDEX);
const run = (lines) => { let n = 0; for (const l of lines) n += JSON.stringify(evaluateSync(JSON.parse(l), { asOf: process.env.AS_OF })).length; return n; };
if (isMainThread) {
  const lines = readFileSync(process.argv[2], 'utf8').split('\\n').filter(Boolean);
  const jobs = Number(process.argv[3]);
  if (jobs <= 1) run(lines);
  else {
    const size = Math.ceil(lines.length / jobs);
    await Promise.all(Array.from({ length: jobs }, (_, i) => new Promise((ok, fail) => {
      const w = new Worker(new URL(import.meta.url), { workerData: lines.slice(i * size, (i + 1) * size) });
      w.once('message', () => w.terminate().then(ok)).once('error', fail);
    })));
  }
} else parentPort.postMessage(run(workerData));
`;

/** Runs the CLI with its output discarded; resolves to { code, seconds, cpu, rssMiB, load }. */
export function audit(input, args, dir, script = [BIN, 'audit', input, '--as-of', AS_OF]) {
  const gnuTime = existsSync('/usr/bin/time');
  const rssFile = join(dir, 'rss.txt');
  const preload = join(dir, 'rss-preload.cjs');
  writeFileSync(preload, `process.on('exit', () => require('fs').writeFileSync(${JSON.stringify(rssFile)}, String(process.resourceUsage().maxRSS)));\n`);
  const node = [process.execPath, ...(gnuTime ? [] : ['--require', preload]), ...script, ...args];
  const command = gnuTime ? ['/usr/bin/time', '-v', ...node] : node;
  const load = loadavg()[0];
  const started = process.hrtime.bigint();
  return new Promise((resolve, reject) => {
    const env = { ...process.env, DEALQUAL_INDEX: pathToFileURL(join(ROOT, 'dist', 'index.js')).href, AS_OF };
    const child = spawn(command[0], command.slice(1), { stdio: ['ignore', 'ignore', 'pipe'], env });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      let kib;
      let cpu;
      if (gnuTime) {
        kib = Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(stderr)?.[1]);
        cpu = Number(/User time \(seconds\): ([\d.]+)/.exec(stderr)?.[1]) + Number(/System time \(seconds\): ([\d.]+)/.exec(stderr)?.[1]);
      } else kib = Number(readFileSync(rssFile, 'utf8'));
      if (code !== 0 && code !== 1) return reject(new Error(`dealqual audit exited ${code}: ${stderr.replace(/^\t.*\n?/gm, '').trim().slice(-2000)}`));
      resolve({ code, seconds, cpu, rssMiB: kib / 1024, load });
    });
  });
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/** The median of `repeat` runs, figure by figure. */
async function measured(input, args, dir, repeat, script) {
  const runs = [];
  for (let i = 0; i < repeat; i++) runs.push(await audit(input, args, dir, script));
  const of = (k) => (runs.some((r) => r[k] === undefined || Number.isNaN(r[k])) ? undefined : median(runs.map((r) => r[k])));
  return { seconds: of('seconds'), cpu: of('cpu'), rssMiB: of('rssMiB'), load: of('load') };
}

const n = (x) => Math.round(x).toLocaleString('en-US');
const cpuText = (r) => (r.cpu !== undefined ? `, CPU ${r.cpu.toFixed(1)} s` : '');

export async function run(ctx = {}) {
  const log = ctx.log ?? ((line) => console.log(line));
  const sizes = ctx.sizes ?? [100_000, 1_000_000];
  const formats = ctx.formats ?? JOB_FORMATS;
  const repeat = ctx.repeat ?? 1;
  const dir = mkdtempSync(join(tmpdir(), 'dealqual-bench-cli-'));
  const rows = [];
  try {
    for (const [index, size] of sizes.entries()) {
      const input = join(dir, `deals-${size}.jsonl`);
      const t0 = Date.now();
      await writeJsonl(input, size, 42);
      log(`cli: generated ${n(size)} deals in ${((Date.now() - t0) / 1000).toFixed(1)} s (median of ${repeat} run${repeat > 1 ? 's' : ''} per figure)`);
      if (ctx.scale !== false)
        for (const jobs of [1, 2]) {
          const r = await measured(input, ['-f', 'jsonl', '--jobs', String(jobs)], dir, repeat);
          rows.push({ kind: 'scale', size, jobs, ...r });
          log(`cli: ${n(size)} deals -f jsonl --jobs ${jobs}: ${r.seconds.toFixed(1)} s, ${n(size / r.seconds)} deals/s${cpuText(r)}, peak RSS ${r.rssMiB.toFixed(0)} MiB (load ${r.load.toFixed(1)})${jobs === 1 ? ` — target ≥ 15,000 deals/s: ${size / r.seconds >= 15_000 ? 'OK' : 'UNDER'}` : ''}`);
        }
      if (index === 0 && ctx.workers !== false) {
        const floorScript = join(dir, 'floor.mjs');
        writeFileSync(floorScript, FLOOR);
        const one = await measured(input, ['1'], dir, repeat, [floorScript, input]);
        const two = await measured(input, ['2'], dir, repeat, [floorScript, input]);
        log(
          `cli: floor (JSON.parse + evaluateSync + JSON.stringify alone, no CLI) 1 thread ${n(size / one.seconds)} deals/s (what -f jsonl --jobs 1 can at most reach); 2 workers vs 1 thread: ${(one.seconds / two.seconds).toFixed(2)}×; ` +
            `${one.seconds.toFixed(1)} s → ${two.seconds.toFixed(1)} s, CPU ${one.cpu?.toFixed(1) ?? '?'} s → ${two.cpu?.toFixed(1) ?? '?'} s (load ${one.load.toFixed(1)}, ${two.load.toFixed(1)})`,
        );
        // Two whole processes at once, each with its own copy of the work: nothing shared but the machine.
        const pair = await Promise.all([1, 2].map((k) => audit(input, ['1'], mkdtempSync(join(dir, `pair-${k}-`)), [floorScript, input])));
        const slowest = Math.max(...pair.map((r) => r.seconds));
        log(
          `cli: machine: 2 floor processes at once vs 1 alone: ${((2 * one.seconds) / slowest).toFixed(2)}× the throughput (2.00 = two free cores; the ceiling of any --jobs 2 ratio here); ` +
            `${one.seconds.toFixed(1)} s alone, ${pair.map((r) => r.seconds.toFixed(1)).join(' s and ')} s together (load ${pair[0].load.toFixed(1)})`,
        );
      }
      if (index === 0 && ctx.workers !== false)
        for (const format of formats) {
          let one;
          let two;
          try {
            one = await measured(input, ['-f', format, '--jobs', '1'], dir, repeat);
            two = await measured(input, ['-f', format, '--jobs', '2'], dir, repeat);
          } catch (error) {
            // One format failing must not hide the others' figures.
            log(`cli: -f ${format.padEnd(8)} FAILED: ${String(error.message).split('\n').slice(0, 2).join(' ')}`);
            continue;
          }
          const ratio = one.seconds / two.seconds;
          rows.push({ kind: 'jobs', size, format, one, two, ratio });
          log(
            `cli: -f ${format.padEnd(8)} --jobs 2 vs 1: ${ratio.toFixed(2)}× (target ≥ 1.6×) ${ratio >= 1.6 ? 'OK' : 'UNDER'}; ` +
              `${one.seconds.toFixed(1)} s → ${two.seconds.toFixed(1)} s, CPU ${one.cpu?.toFixed(1) ?? '?'} s → ${two.cpu?.toFixed(1) ?? '?'} s, ` +
              `peak RSS ${one.rssMiB.toFixed(0)} → ${two.rssMiB.toFixed(0)} MiB (load ${one.load.toFixed(1)}, ${two.load.toFixed(1)})`,
          );
        }
      rmSync(input, { force: true });
    }
    if (sizes.length >= 2 && ctx.scale !== false) {
      const [small, large] = [sizes[0], sizes[sizes.length - 1]];
      for (const jobs of [1, 2]) {
        const a = rows.find((r) => r.kind === 'scale' && r.size === small && r.jobs === jobs);
        const b = rows.find((r) => r.kind === 'scale' && r.size === large && r.jobs === jobs);
        const rss = b.rssMiB / a.rssMiB;
        const time = b.seconds / a.seconds / (large / small);
        log(`cli: jsonl --jobs ${jobs} ${n(large)} vs ${n(small)}: RSS ratio ${rss.toFixed(2)}× (target ≤ 1.2×) ${rss <= 1.2 ? 'OK' : 'OVER'}; time per deal ratio ${time.toFixed(2)} (1.00 = linear)`);
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return rows;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const value = (flag) => {
    const i = args.indexOf(flag);
    return i === -1 ? undefined : args[i + 1];
  };
  const flags = new Set(['--formats', '--repeat']);
  const sizes = args.filter((a, i) => !flags.has(args[i - 1]) && /^\d+$/.test(a)).map(Number);
  await run({
    ...(sizes.length ? { sizes } : {}),
    ...(value('--formats') ? { formats: value('--formats').split(',') } : {}),
    ...(value('--repeat') ? { repeat: Number(value('--repeat')) } : {}),
    ...(args.includes('--jobs-only') ? { scale: false } : {}),
    ...(args.includes('--scale-only') ? { workers: false } : {}),
  });
}
