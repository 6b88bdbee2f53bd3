import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Options } from 'tsup';

/** The spreadsheet bundle carries the default packs only: the opt-in packs' module is swapped for an empty one. */
const withoutOptionalPacks: NonNullable<Options['esbuildPlugins']>[number] = {
  name: 'dealqual-without-optional-packs',
  setup(build) {
    const stand = fileURLToPath(new URL('./src/sheets/optional-packs.ts', import.meta.url));
    build.onResolve({ filter: /[\\/]optional\.js$/ }, (args) => (args.importer.includes('packs') ? { path: stand } : undefined));
  },
};

export default defineConfig([
  {
    // The library (ESM) and the CLI with its worker, in ONE build so they share chunks: the
    // embedded rule packs, zod and the core ship once for both. The reference engine
    // (json-rules-engine) is its own chunk, loaded by the first `evaluate` call only.
    // Dependencies stay external, except the charting libraries of `-f html` (vega, vega-lite:
    // devDependencies), bundled into chunks that only `-f html` loads: users do not install their
    // 25 MB / 75 packages, and no other format (nor the library entry) loads them.
    // bin/dealqual.js imports dist/cli.js (the shebang lives in bin/).
    entry: { index: 'src/index.ts', cli: 'src/cli/main.ts', 'cli-worker': 'src/cli/worker.ts' },
    format: ['esm'],
    noExternal: ['vega', 'vega-lite', /^vega-/, /^d3-/],
    dts: { entry: { index: 'src/index.ts' } },
    target: 'node20',
    platform: 'neutral',
    splitting: true,
    clean: true,
    sourcemap: false,
  },
  {
    // The library for require(): one file (CommonJS has no chunks); the reference engine's
    // require('json-rules-engine') runs on the first `evaluate` call only.
    entry: { index: 'src/index.ts' },
    format: ['cjs'],
    dts: { entry: { index: 'src/index.ts' } },
    target: 'node20',
    platform: 'neutral',
    clean: false,
    sourcemap: false,
  },
  {
    // Google Sheets (Apps Script V8): one IIFE defining the global DealQual, the sync evaluator only,
    // with the custom functions appended as top-level declarations (Apps Script finds only those).
    entry: { 'dealqual.gs': 'src/sheets/index.ts' },
    format: ['iife'],
    globalName: 'DealQual',
    platform: 'browser',
    target: 'es2019',
    minify: true,
    noExternal: [/.*/],
    outExtension: () => ({ js: '.js' }),
    footer: { js: readFileSync('src/sheets/functions.js', 'utf8') },
    define: { 'process.env.NODE_ENV': '"production"' },
    esbuildPlugins: [withoutOptionalPacks],
    dts: false,
    clean: false,
    sourcemap: false,
  },
]);
