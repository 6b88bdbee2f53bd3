/**
 * The main entry is pure and light: a browser bundle of `import { evaluateSync } from 'dealqual'`
 * carries no json-rules-engine (nor eventemitter2, jsonpath-plus…) and runs in a bare vm context —
 * no setTimeout, no process, no Buffer — as in an edge runtime. `evaluate` still works and loads
 * the reference engine on demand.
 */
import { build } from 'esbuild';
import vm from 'node:vm';
import { describe, expect, test } from 'vitest';
import { ensureBuilt, ROOT } from '../cli/helpers.js';

async function bundle(contents: string) {
  ensureBuilt();
  const out = await build({
    stdin: { contents, resolveDir: ROOT, loader: 'js' },
    bundle: true,
    minify: true,
    platform: 'browser',
    format: 'iife',
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  const used = Object.entries(Object.values(out.metafile.outputs)[0]!.inputs)
    .filter(([, input]) => input.bytesInOutput > 0)
    .map(([path]) => /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path)?.[1] ?? 'dealqual');
  return { code: out.outputFiles[0]!.text, packages: [...new Set(used)].sort() };
}

describe("import { evaluateSync } from 'dealqual' (the built ESM entry, bundled for the browser)", () => {
  test('holds only dealqual (zod and date-fns are bundled into dist), no opt-in pack (nor json-rules-engine)', async () => {
    const { code, packages } = await bundle(`import { evaluateSync } from './dist/index.js'; globalThis.out = evaluateSync({ id: 'D-1', answers: { 's1.1': 'C' } }, { asOf: '2026-11-01' });`);
    expect(packages).toEqual(['dealqual']);
    // The opt-in packs' titles (摧龙六式's first step, MEDDPICC's metrics) are in dealqual/packs only.
    expect(code).not.toMatch(/\\u5BA2\\u6237\\u5206\\u6790|客户分析|Economic buyer/);
  });

  test('loads and evaluates in a vm context with no globals (no timers, no process)', async () => {
    const { code } = await bundle(`import { evaluateSync } from './dist/index.js'; globalThis.out = evaluateSync({ id: 'D-1', answers: { 's1.1': 'C' } }, { asOf: '2026-11-01' });`);
    const context = vm.createContext({});
    vm.runInContext(code, context);
    const out = context.out as { ok: boolean; id: string; items: Record<string, { rating: string }> };
    expect(out.ok).toBe(true);
    expect(out.items['s1.1']!.rating).toBe('C');
    expect(vm.runInContext('typeof setTimeout + typeof process', context)).toBe('undefinedundefined');
  });

  test('importing the built entry does not load json-rules-engine; the first evaluate does', async () => {
    const { spawnSync } = await import('node:child_process');
    const script = `
      const loaded = () => Object.keys(require.cache).some((f) => f.includes('json-rules-engine'));
      const { evaluate } = require('./dist/index.cjs');
      const before = loaded();
      evaluate({ id: 'D-1', answers: { 's1.1': 'C' } }, { asOf: '2026-11-01' }).then((r) => console.log(JSON.stringify({ before, after: loaded(), ok: r.ok })));`;
    const run = spawnSync(process.execPath, ['-e', script], { cwd: ROOT, encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout)).toEqual({ before: false, after: true, ok: true });
  });
});
