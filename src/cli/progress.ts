/**
 * A progress line on stderr (TTY only), redrawn at most 5 times a second: deals audited, rate,
 * input errors, and — when the number of deals is known (files counted up front, CSV and JSON Lines
 * lines, sheet rows once the sheet is read) — a percentage bar and the time left (ETA).
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { createReadStream } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Locale } from '../locale/messages.js';
import { kindOf } from '../node/inputs.js';
import { arrayElementLines } from '../node/json.js';
import type { Writer } from './command.js';
import { word } from './words.js';

/**
 * `1:05`, `12s`: a duration for the ETA.
 * @example duration(65) // '1:05'
 */
export function duration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s}s`;
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const r = String(s % 60).padStart(2, '0');
  return h ? `${h}:${String(m).padStart(2, '0')}:${r}` : `${m}:${r}`;
}

/** The progress text for `deals` of `total` after `elapsed` seconds (exported for tests). */
export function progressText(deals: number, total: number | undefined, elapsed: number, errors: number, locale: Locale = 'en'): string {
  const width = 20;
  const rate = elapsed > 0 ? deals / elapsed : 0;
  const parts: string[] = [];
  if (total !== undefined && total > 0) {
    const share = Math.min(1, deals / total);
    const filled = Math.floor(share * width);
    parts.push(`${'█'.repeat(filled)}${'░'.repeat(width - filled)} ${Math.floor(share * 100)}%`, `${deals.toLocaleString('en-US')}/${total.toLocaleString('en-US')}`);
  } else {
    // No known total: a bar that fills once per 10,000 deals and starts over (motion only).
    const filled = Math.floor(((deals % 10_000) / 10_000) * width);
    parts.push(`${'█'.repeat(filled)}${'░'.repeat(width - filled)} ${deals.toLocaleString('en-US')}`);
  }
  parts.push(`${Math.round(rate).toLocaleString('en-US')}${word(locale, 'perSecond')}`);
  if (total !== undefined && total > deals && rate > 0) parts.push(`${word(locale, 'eta')} ${duration((total - deals) / rate)}`);
  if (errors) parts.push(word(locale, 'inputErrorsProgress', { n: errors }));
  return parts.join(' · ');
}

export function progressMeter(stderr: Writer, options: { locale?: Locale; now?: () => number } = {}) {
  const now = options.now ?? (() => Date.now());
  const start = now();
  let last = 0;
  let shown = false;
  let total: number | undefined;
  let pending: Promise<void> = Promise.resolve();
  return {
    /** Sets or raises the known total (undefined: unknown). */
    addTotal(n: number | undefined) {
      total = n === undefined ? total : (total ?? 0) + n;
    },
    update(deals: number, errors: number) {
      const t = now();
      if (t - last < 200 || t - start < 500) return;
      last = t;
      shown = true;
      pending = stderr.write(`\r\u001b[2K${progressText(deals, total, (t - start) / 1000, errors, options.locale)}`);
    },
    async done() {
      await pending;
      if (shown) await stderr.write('\r\u001b[2K');
    },
  };
}

async function countLines(path: string): Promise<number> {
  let lines = 0;
  let lastNewline = true;
  for await (const chunk of createReadStream(path) as AsyncIterable<Buffer>) {
    for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) lines += 1;
    if (chunk.length) lastNewline = chunk[chunk.length - 1] === 10;
  }
  return lines + (lastNewline ? 0 : 1);
}

/**
 * The number of deals in the inputs, counted cheaply before the audit: a JSON file's deals (one, or
 * its array's elements), JSON Lines lines, CSV lines less the header (a quoted cell spanning lines
 * overcounts: the bar then ends short of 100%). Sheets count 0 here and add their rows once read.
 * Undefined when unknowable (stdin).
 */
export async function countDeals(paths: readonly string[], cwd: string): Promise<number | undefined> {
  let total = 0;
  const visit = async (path: string): Promise<boolean> => {
    const info = await stat(path).catch(() => undefined);
    if (!info) return true;
    if (info.isDirectory()) {
      for (const entry of (await readdir(path, { withFileTypes: true })).filter((e) => !e.name.startsWith('.') && e.name !== 'node_modules'))
        if (entry.isDirectory() || (entry.isFile() && kindOf(entry.name))) await visit(join(path, entry.name));
      return true;
    }
    const kind = kindOf(path);
    if (kind === 'json') {
      const text = await readFile(path, 'utf8').catch(() => '');
      total += text.trimStart().replace(/^\uFEFF/, '').startsWith('[') ? arrayElementLines(text).length : 1;
    } else if (kind === 'jsonl') total += await countLines(path);
    else if (kind === 'csv') total += Math.max(0, (await countLines(path)) - 1);
    return kind !== undefined;
  };
  for (const p of paths) {
    if (p === '-') return undefined;
    if (!(await visit(resolve(cwd, p)))) return undefined;
  }
  return total;
}
