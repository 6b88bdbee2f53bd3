/**
 * `dealqual diff <old> <new>`: compares two snapshots of the same deals (or two JSON audits) by
 * deal id: stage, milestone, probability and rating changes. Exits 1 on a regression — the stage
 * step goes back, the milestone goes back (lead < opportunity < project), or a ★ item that was C
 * is no longer C — so a pull request that edits deal files can be gated.
 */
import type { Result } from '../../result.js';
import { parse } from '../args.js';
import { argsLocale } from '../words.js';
import { collect } from '../collect.js';
import { usageIn, type Command } from '../command.js';
import { inputErrorText, sourceLabel, UsageError, type InputError, type Source } from '../errors.js';
import { pct } from '../policy.js';
import { printableLines, writeStderr } from '../terminal.js';
import { COMMON_OPTIONS, COMMON_USAGE, COMMON_USAGE_ZH, resolveSettings } from '../settings.js';

const usage = `Usage: dealqual diff <old> <new> [--format text|json] [options]

Compares two versions of the same deals, matched by id. Each side is any audit input (a file,
a folder, JSON Lines, CSV, -) of snapshots, or a JSON / JSON Lines audit (dealqual audit --format json).
Exit 1 on a regression: the stage step goes back, the milestone goes back, or a ★ item that was
C is no longer C. Exit 2 when an input cannot be read or validated.

Options:
  -f, --format text|json
${COMMON_USAGE}`;

const usageZh = `用法:dealqual diff <旧> <新> [--format text|json] [选项]

按编号比较同一批商机的两个版本。每一侧可以是任何审计输入(文件、文件夹、JSON Lines、CSV、-)
中的快照,或 JSON / JSON Lines 审计结果(dealqual audit --format json)。
出现倒退时退出码为 1:阶段步骤后退、里程碑后退,或原为 C 的 ★ 条目不再是 C。输入无法读取或
校验时退出码为 2。

选项:
  -f, --format text|json
${COMMON_USAGE_ZH}`;

const RANK: Record<string, number> = { lead: 0, opportunity: 1, project: 2 };

export interface DealDiff {
  id: string;
  change: 'added' | 'removed' | 'changed' | 'same';
  stage?: { from: number; to: number };
  milestone?: { from: string; to: string };
  probability?: { from: number; to: number };
  ratings: { item: string; star: boolean; from: string; to: string }[];
  regressions: string[];
}

export function diffResults(before: Result, after: Result): DealDiff {
  const d: DealDiff = { id: after.id, change: 'same', ratings: [], regressions: [] };
  if (before.stage.step !== after.stage.step) {
    d.stage = { from: before.stage.step, to: after.stage.step };
    if (after.stage.step < before.stage.step) d.regressions.push(`stage back from step ${before.stage.step} to ${after.stage.step}`);
  }
  if (before.stage.milestone !== after.stage.milestone) {
    d.milestone = { from: before.stage.milestone, to: after.stage.milestone };
    const a = RANK[before.stage.milestone];
    const b = RANK[after.stage.milestone];
    if (a !== undefined && b !== undefined && b < a) d.regressions.push(`milestone back from ${before.stage.milestone} to ${after.stage.milestone}`);
  }
  if (Math.abs(before.probability - after.probability) >= 0.0005) d.probability = { from: before.probability, to: after.probability };
  for (const [item, now] of Object.entries(after.items)) {
    const was = before.items[item];
    if (!was || was.rating === now.rating) continue;
    d.ratings.push({ item, star: now.star, from: was.rating, to: now.rating });
    if (now.star && was.rating === 'C') d.regressions.push(`★ ${item} lost: C → ${now.rating}`);
  }
  for (const [item, was] of Object.entries(before.items))
    if (!(item in after.items)) d.ratings.push({ item, star: was.star, from: was.rating, to: '–' });
  if (d.stage || d.milestone || d.probability || d.ratings.length) d.change = 'changed';
  return d;
}

export const diff: Command = {
  name: 'diff',
  summary: 'compare two versions of the same deals; exit 1 on a regression (stage back, ★ item lost)',
  usage,
  usageZh,
  async run(args, io) {
    const { values, positionals } = parse(args, { ...COMMON_OPTIONS, format: { type: 'string', short: 'f' } }, 'diff');
    if (values.help) {
      await io.stdout.write(usageIn({ usage, usageZh }, argsLocale(args, io.env)) + '\n');
      return 0;
    }
    if (positionals.length !== 2) throw new UsageError('diff takes two inputs: <old> <new> (see "dealqual diff --help")');
    if (positionals[0] === '-' && positionals[1] === '-') throw new UsageError('only one side of diff can be stdin (-)');
    const format = values.format ?? 'text';
    if (format !== 'text' && format !== 'json') throw new UsageError(`unknown format "${format}"; choose text or json`);
    const settings = await resolveSettings(values, io.cwd, io);
    const [before, after] = [await collect([positionals[0]!], settings, io, values.sheet), await collect([positionals[1]!], settings, io, values.sheet)];
    // Deals are matched by id: an id twice on one side would hide one of them, so it is an input error.
    const duplicates: InputError[] = [];
    const byId = (list: typeof before.deals) => {
      const map = new Map<string, Result>();
      const where = new Map<string, Source>();
      for (const d of list) {
        const first = where.get(d.result.id);
        if (first) duplicates.push({ source: d.source, id: d.result.id, message: `duplicate deal id: ${sourceLabel(first)} has the same id; diff matches deals by id, so each id may appear once per side` });
        else {
          where.set(d.result.id, d.source);
          map.set(d.result.id, d.result);
        }
      }
      return map;
    };
    const old = byId(before.deals);
    const now = byId(after.deals);
    const diffs: DealDiff[] = [];
    for (const [id, result] of now) diffs.push(old.has(id) ? diffResults(old.get(id)!, result) : { id, change: 'added', ratings: [], regressions: [] });
    for (const id of old.keys()) if (!now.has(id)) diffs.push({ id, change: 'removed', ratings: [], regressions: [] });
    diffs.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    const regressions = diffs.filter((d) => d.regressions.length).length;
    if (format === 'json') await io.stdout.write(JSON.stringify({ regressions, deals: diffs }, null, 2) + '\n');
    else {
      const out: string[] = [];
      for (const d of diffs) {
        if (d.change === 'same') continue;
        if (d.change !== 'changed') {
          out.push(`${d.id}  ${d.change}`);
          continue;
        }
        const head = [
          d.stage ? `step ${d.stage.from} → ${d.stage.to}` : '',
          d.milestone ? `${d.milestone.from} → ${d.milestone.to}` : '',
          d.probability ? `${pct(d.probability.from)} → ${pct(d.probability.to)}` : '',
        ].filter(Boolean);
        out.push(`${d.id}  ${head.join(' · ') || 'ratings changed'}`);
        for (const r of d.ratings) out.push(`    ${r.item}${r.star ? '★' : ''}  ${r.from} → ${r.to}`);
        for (const r of d.regressions) out.push(`    regression: ${r}`);
      }
      const changed = diffs.filter((d) => d.change !== 'same').length;
      out.push(`${changed} of ${diffs.length} deals changed; ${regressions} ${regressions === 1 ? 'regression' : 'regressions'}`);
      await io.stdout.write(printableLines(out).join('\n') + '\n');
    }
    const errors = [...before.errors, ...after.errors, ...duplicates];
    if (errors.length) {
      await writeStderr(io.stderr, 'error  ', errors.map(inputErrorText));
      return 2;
    }
    return regressions > 0 ? 1 : 0;
  },
};
