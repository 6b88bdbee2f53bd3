/**
 * Bench section: the Google Sheets bundle dist/dealqual.gs.js — its size (bytes, gzip, brotli),
 * the cold start of a fresh Apps Script-like context (load + first DEALQUAL_STAGE call; Sheets may
 * start a new one per recalculation), and DEALQUAL_AUDIT throughput on the template's deals
 * repeated to 1,000 rows. Target: under 400 KB raw, cold start well under Sheets' 30 s limit.
 *
 * Run alone: node bench/sections/bundle-size.mjs (after npm run build).
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';
import { brotliCompressSync, gzipSync } from 'node:zlib';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const BUNDLE = join(ROOT, 'dist', 'dealqual.gs.js');
const TEMPLATE = join(ROOT, 'fixtures', 'sheets', 'pipeline-template.csv');
const AS_OF = '2026-11-01';

/** RFC 4180 rows (the template has quoted cells with commas). */
function parseCsv(text) {
  const rows = [];
  let row = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (cell += '"'), i++;
      else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') row.push(cell), (cell = '');
    else if (c === '\n') row.push(cell), rows.push(row), (row = []), (cell = '');
    else if (c !== '\r') cell += c;
  }
  if (cell !== '' || row.length > 0) row.push(cell), rows.push(row);
  return rows;
}

const ms = (from) => Number(process.hrtime.bigint() - from) / 1e6;
const kb = (n) => `${(n / 1024).toFixed(1)} KiB`;

export async function run(ctx = {}) {
  const log = ctx.log ?? ((line) => console.log(line));
  const rowsWanted = ctx.rows ?? 1000;
  const code = readFileSync(BUNDLE);
  const bytes = code.length;
  const gzip = gzipSync(code, { level: 9 }).length;
  const brotli = brotliCompressSync(code).length;
  log(`bundle dist/dealqual.gs.js: ${bytes} bytes (${kb(bytes)}), gzip ${gzip} bytes (${kb(gzip)}), brotli ${brotli} bytes (${kb(brotli)})`);

  const [headers, ...deals] = parseCsv(readFileSync(TEMPLATE, 'utf8'));
  const text = code.toString('utf8');
  const colds = [];
  for (let i = 0; i < 5; i++) {
    const start = process.hrtime.bigint();
    const context = vm.createContext({});
    vm.runInContext(text, context);
    context.DealQual.configure({ asOf: AS_OF });
    context.DEALQUAL_STAGE([headers], [deals[0]]);
    colds.push(ms(start));
  }
  colds.sort((a, b) => a - b);
  log(`cold start (new context, load, first DEALQUAL_STAGE): median ${colds[2].toFixed(1)} ms, best ${colds[0].toFixed(1)} ms`);

  const context = vm.createContext({});
  vm.runInContext(text, context);
  context.DealQual.configure({ asOf: AS_OF });
  const table = [headers];
  for (let i = 0; table.length <= rowsWanted; i++) table.push([`${deals[i % deals.length][0]}-${i}`, ...deals[i % deals.length].slice(1)]);
  context.DEALQUAL_AUDIT(table.slice(0, 10));
  const start = process.hrtime.bigint();
  const out = context.DEALQUAL_AUDIT(table);
  const elapsed = ms(start);
  const errors = out.slice(1).filter((r) => String(r[0]).startsWith('#DEALQUAL')).length;
  log(`DEALQUAL_AUDIT on ${rowsWanted} rows: ${elapsed.toFixed(0)} ms (${Math.round((rowsWanted / elapsed) * 1000)} rows/s), ${errors} error rows`);
  return { bytes, gzip, brotli, coldStartMs: colds[2], auditRowsPerSecond: (rowsWanted / elapsed) * 1000, errors };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await run();
