import { readFileSync } from 'node:fs';
import { relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Options } from 'tsup';

type Plugin = NonNullable<Options['esbuildPlugins']>[number];
const ROOT = fileURLToPath(new URL('.', import.meta.url));

/**
 * Rule files (`rules/<pack>/*.json`) become functions returning their JSON (src/packs/embedded.ts),
 * so importing the library builds no pack data until a pack is first used. The ESM and spreadsheet
 * builds inline the JSON in the function; the CommonJS build's function requires the file shipped
 * in rules/, so the packs are not inlined a second time.
 */
const packJson = (format: 'inline' | 'require'): Plugin => ({
  name: 'dealqual-pack-json',
  setup(build) {
    build.onLoad({ filter: /[\\/]rules[\\/][^\\/]+[\\/][^\\/]+\.json$/ }, (args) => {
      const file = relative(ROOT, args.path).split(sep).join('/');
      const contents =
        format === 'inline'
          ? `export default () => (${JSON.stringify(JSON.parse(readFileSync(args.path, 'utf8')))});`
          : `export default () => require(${JSON.stringify(`../${file}`)});`;
      return { contents, loader: 'js' };
    });
    // The CommonJS build's require('../rules/…') stays a require, relative to dist/.
    build.onResolve({ filter: /^\.\.\/rules\// }, (args) => (args.kind === 'require-call' ? { path: args.path, external: true } : undefined));
  },
});

/**
 * `dealqual/packs` (src/packs/optional.ts) reaches the library through its public entry only; in
 * the CommonJS build that import is `require('./index.cjs')`, so both entries share one core.
 */
const packsUseIndex: Plugin = {
  name: 'dealqual-packs-use-index',
  setup(build) {
    build.onResolve({ filter: /^\.\.\/index\.js$/ }, (args) => (/[\\/]src[\\/]packs[\\/]optional\.ts$/.test(args.importer) ? { path: './index.cjs', external: true } : undefined));
  },
};

/**
 * `-f html` loads the charting libraries with `import('vega')` and `import('vega-lite')`: in the
 * build they become `import('./vega.js')` and `import('./vega-lite.js')`, two minified bundles of
 * their own (the last config below), so nothing else loads them and they ship once, small.
 */
const chartLibraries: Plugin = {
  name: 'dealqual-chart-libraries',
  setup(build) {
    build.onResolve({ filter: /^vega(-lite)?$/ }, (args) => (args.kind === 'dynamic-import' ? { path: `./${args.path}.js`, external: true } : undefined));
  },
};

export default defineConfig([
  {
    // The library (ESM) and the CLI with its worker, in ONE build so they share chunks: the
    // embedded rule packs, zod and the core ship once for both. The reference engine
    // (json-rules-engine) is its own chunk, loaded by the first `evaluate` call only.
    // zod and date-fns are bundled (loading zod's ~350 modules from node_modules costs ~100 ms of
    // CPU at import); other dependencies stay external. The charting libraries of `-f html` are
    // their own minified bundles (chartLibraries).
    // bin/dealqual.js imports dist/cli.js (the shebang lives in bin/).
    entry: { index: 'src/index.ts', packs: 'src/packs/optional.ts', cli: 'src/cli/main.ts', 'cli-worker': 'src/cli/worker.ts' },
    format: ['esm'],
    noExternal: [/^zod($|\/)/, /^date-fns\//],
    esbuildPlugins: [packJson('inline'), chartLibraries],
    dts: { entry: { index: 'src/index.ts', packs: 'src/packs/optional.ts' } },
    target: 'node20',
    platform: 'neutral',
    splitting: true,
    clean: true,
    sourcemap: false,
  },
  {
    // The library for require(): one file (CommonJS has no chunks); the reference engine's
    // require('json-rules-engine') runs on the first `evaluate` call only.
    entry: { index: 'src/index.ts', packs: 'src/packs/optional.ts' },
    format: ['cjs'],
    noExternal: [/^zod($|\/)/, /^date-fns\//],
    esbuildPlugins: [packJson('require'), packsUseIndex],
    dts: { entry: { index: 'src/index.ts', packs: 'src/packs/optional.ts' } },
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
    esbuildPlugins: [packJson('inline')],
    dts: false,
    clean: false,
    sourcemap: false,
  },
  {
    // The charting libraries of `-f html` (vega, vega-lite: devDependencies, so users do not
    // install their 25 MB / 75 packages), bundled and minified; they share their common chunks.
    entry: { vega: 'src/vendor/vega.ts', 'vega-lite': 'src/vendor/vega-lite.ts' },
    format: ['esm'],
    noExternal: [/.*/],
    target: 'node20',
    platform: 'neutral',
    splitting: true,
    minify: true,
    dts: false,
    clean: false,
    sourcemap: false,
  },
]);
