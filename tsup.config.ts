import { readFileSync } from 'node:fs';
import { defineConfig } from 'tsup';

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
    dts: false,
    clean: false,
    sourcemap: false,
  },
  {
    // The CLI (bin/dealqual.js imports dist/cli.js; the shebang lives in bin/) and its worker thread
    // (--jobs). ESM for Node; dependencies stay external, except the charting libraries of `-f html`
    // (vega, vega-lite: devDependencies), bundled into a chunk that only `-f html` loads: users do not
    // install their 25 MB / 75 packages, and other formats never load them.
    entry: { cli: 'src/cli/main.ts', 'cli-worker': 'src/cli/worker.ts' },
    format: ['esm'],
    noExternal: ['vega', 'vega-lite', /^vega-/, /^d3-/],
    splitting: true,
    platform: 'node',
    target: 'node20',
    dts: false,
    clean: false,
    sourcemap: false,
  },
]);
