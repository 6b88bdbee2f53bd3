#!/usr/bin/env node
// The CLI is built into dist/ (`npm run build`; the published package ships it built).
import { existsSync } from 'node:fs';

const entry = new URL('../dist/cli.js', import.meta.url);
if (!existsSync(entry)) {
  process.stderr.write('dealqual: the CLI is not built (dist/cli.js is missing): run `npm run build` in the dealqual folder\n');
  process.exit(2);
}
const { run } = await import(entry.href);
await run();
