/**
 * Loads bench/internals.ts: bundles it with tsup (the build tool `npm run build` uses) into
 * node_modules/.cache/dealqual-bench/ and imports it. Bench sections call `loadInternals()`.
 */
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const OUT = join(ROOT, 'node_modules', '.cache', 'dealqual-bench');
let loading;

export function loadInternals() {
  loading ??= (async () => {
    mkdirSync(OUT, { recursive: true });
    const { build } = await import('tsup');
    await build({
      config: false,
      entry: { internals: join(ROOT, 'bench', 'internals.ts') },
      outDir: OUT,
      format: ['esm'],
      platform: 'node',
      target: 'node20',
      dts: false,
      clean: false,
      silent: true,
      splitting: false,
      outExtension: () => ({ js: '.mjs' }),
      external: [/^[a-z@][^:]*$/], // dependencies stay imports, whatever the working directory
    });
    return import(pathToFileURL(join(OUT, 'internals.mjs')).href);
  })();
  return loading;
}
