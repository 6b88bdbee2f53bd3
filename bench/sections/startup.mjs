/**
 * Bench section: what a library user and a CLI user pay before any work.
 * - The browser bundle of `import { evaluateSync } from 'dealqual'` (esbuild, minified): bytes,
 *   gzip, the packages in it (json-rules-engine must not be), and whether it loads in a bare vm
 *   context (no timers, no process: an edge runtime).
 * - Cold start, as ratios and differences against `node -e 0` measured in the same run (median of
 *   ten fresh processes each): `require('dealqual')`, `import('dealqual')`, `dealqual --version`.
 *   Target: `dealqual --version` within 0.15 s, i.e. little over Node's own start.
 *
 * Run alone: node bench/sections/startup.mjs (after npm run build).
 */
import { spawnSync } from 'node:child_process';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const kb = (n) => `${(n / 1024).toFixed(1)} KiB`;

/** Median wall time (ms) of `runs` fresh `node args…` processes. */
function median(args, runs = 10) {
  const times = [];
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    const run = spawnSync(process.execPath, args, { cwd: ROOT, stdio: 'ignore' });
    if (run.status !== 0) throw new Error(`node ${args.join(' ')} exited ${run.status}`);
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(runs / 2)];
}

/** A minified browser bundle of `import { evaluateSync } from <entry>`, and its bytes by package. */
async function bundleOf(entry) {
  const out = await build({
    stdin: { contents: `import { evaluateSync } from '${entry}'; globalThis.out = evaluateSync({ id: 'D-1', answers: { 's1.1': 'C' } }, { asOf: '2026-11-01' });`, resolveDir: ROOT },
    bundle: true,
    minify: true,
    platform: 'browser',
    format: 'iife',
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  const byPackage = {};
  for (const [path, input] of Object.entries(Object.values(out.metafile.outputs)[0].inputs)) {
    const name = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path)?.[1] ?? (/^rules\//.test(path) ? 'dealqual (rule packs)' : 'dealqual');
    byPackage[name] = (byPackage[name] ?? 0) + input.bytesInOutput;
  }
  return { out, byPackage: Object.entries(byPackage).filter(([, b]) => b > 0).map(([n, b]) => `${n} ${kb(b)}`).join(', ') };
}

export async function run(ctx = {}) {
  const log = ctx.log ?? ((line) => console.log(line));
  // dist/ bundles zod and date-fns, so its bundle attributes them to dealqual; the same bundle from
  // the sources shows the split by package.
  const { out, byPackage } = await bundleOf('./dist/index.js');
  const sources = await bundleOf('./src/index.ts');
  const code = out.outputFiles[0].contents;
  let loads;
  try {
    const context = vm.createContext({});
    vm.runInContext(out.outputFiles[0].text, context);
    loads = context.out?.ok === true ? 'yes' : 'no result';
  } catch (error) {
    loads = `no (${error.message})`;
  }
  log(`browser bundle of import { evaluateSync } from 'dealqual': ${code.length} bytes (${kb(code.length)}), gzip ${kb(gzipSync(code, { level: 9 }).length)}; by package: ${byPackage}; loads in a bare vm context: ${loads}`);
  log(`  the same from the sources (src/index.ts), by package: ${sources.out.outputFiles[0].contents.length} bytes; ${sources.byPackage}`);

  const node = median(['-e', '0']);
  const rows = [
    ["require('dealqual')", ['-e', "require('./dist/index.cjs')"]],
    ["import('dealqual')", ['--input-type=module', '-e', "await import('./dist/index.js')"]],
    ['dealqual --version', ['bin/dealqual.js', '--version']],
  ];
  log(`cold start, median of 10 processes: node -e 0 ${node.toFixed(0)} ms (the baseline)`);
  const result = { bundleBytes: code.length, baselineMs: node };
  for (const [name, args] of rows) {
    const t = median(args);
    log(`  ${name.padEnd(20)} ${t.toFixed(0).padStart(5)} ms  = ${(t / node).toFixed(2)}× node, +${(t - node).toFixed(0)} ms`);
    result[name] = t;
  }
  return result;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await run();
