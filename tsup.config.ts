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
    // `import { z } from 'zod'` keeps all of zod and its 40 locales (670 KB); a namespace import
    // lets esbuild drop what is unused (324 KB). Rewritten here for this bundle only; a no-op once
    // the sources import `* as z` and `zhCN` from 'zod/v4/locales' themselves.
    esbuildPlugins: [
      {
        name: 'zod-namespace-import',
        setup(build) {
          build.onLoad({ filter: /[\\/]src[\\/].*\.ts$/ }, (args) => {
            const source = readFileSync(args.path, 'utf8');
            if (!source.includes("import { z } from 'zod';")) return undefined;
            const contents = source
              .replace("import { z } from 'zod';", "import * as z from 'zod';\nimport { zhCN as zodZhCN } from 'zod/v4/locales';")
              .replace(/\bz\.locales\.zhCN\(\)/g, 'zodZhCN()');
            return { contents, loader: 'ts' };
          });
        },
      },
    ],
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
