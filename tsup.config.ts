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
    entry: { index: 'src/index.ts' },
    format: ['esm', 'cjs'],
    dts: true,
    target: 'node20',
    platform: 'neutral',
    clean: true,
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
  {
    // The CLI (bin/dealqual.js imports dist/cli.js; the shebang lives in bin/) and its worker thread
    // (--jobs). ESM for Node; dependencies stay external.
    entry: { cli: 'src/cli/main.ts', 'cli-worker': 'src/cli/worker.ts' },
    format: ['esm'],
    platform: 'node',
    target: 'node20',
    dts: false,
    clean: false,
    sourcemap: false,
  },
]);
