/**
 * `dealqual explain <file> [--id ID]`: one deal in full — every item's rating, reason and
 * contribution to the logit, the stage gate holding it, the policy's problems and the next actions.
 */
import { describe } from '../../describe.js';
import { compareMethods, type MethodComparison } from '../../core/compare.js';
import { pick } from '../../locale/messages.js';
import type { DescribedFinding, DescribedResult } from '../../result.js';
import { explainProbability, whatIf } from '../../model/explain.js';
import { parse } from '../args.js';
import { argsLocale } from '../words.js';
import { collect } from '../collect.js';
import { usageIn, type Command } from '../command.js';
import { inputErrorText, sourceLabel, UsageError } from '../errors.js';
import { packObjects } from '../packs.js';
import { pct } from '../policy.js';
import { printableLines, writeStderr } from '../terminal.js';
import { COMMON_OPTIONS, COMMON_USAGE, COMMON_USAGE_ZH, resolveSettings } from '../settings.js';

const usage = `Usage: dealqual explain <file> [--id ID] [--format text|json] [options]

Explains one deal: every item's rating, reason and contribution to the probability (log-odds),
the stage gate that holds it, the audit problems, and the next actions (missing items by gain).
<file> is any audit input (JSON, JSON Lines, CSV, xlsx, -); --id picks the deal when it holds several.
With several packs (--packs all: sangfor-7step, man, bant, clmls, roles, lixiang, meddpicc) it
also shows each method's verdict side by side — stage, C/F/W, gaps — and where methods disagree
about one fact (json: { result, problems, methods }).

Options:
      --id ID              the deal to explain
  -f, --format text|json   json: { result, problems }
      --top N              next actions to list (default 5)
${COMMON_USAGE}`;

const usageZh = `用法:dealqual explain <文件> [--id 编号] [--format text|json] [选项]

解释一个商机:每个条目的评级、理由及其对赢率的贡献(对数几率),卡住它的阶段关口,审计问题,
以及下一步行动(按收益排列的缺失条目)。<文件> 可以是任何审计输入(JSON、JSON Lines、CSV、xlsx、-);
输入含多个商机时用 --id 选择。多个规则包时(--packs all:sangfor-7step、man、bant、clmls、roles、
lixiang、meddpicc)还并列给出每种方法的结论(阶段、C/F/W、缺口),以及各方法对同一事实的分歧
(json:{ result, problems, methods })。

选项:
      --id 编号            要解释的商机
  -f, --format text|json   json:{ result, problems }
      --top N              列出的下一步行动数(默认 5)
${COMMON_USAGE_ZH}`;

const sign = (n: number) => (n >= 0 ? '+' : '−') + Math.abs(n).toFixed(2);

/** The methods side by side: one line per method, then the facts they disagree on. */
function methodLines({ methods, disagreements }: MethodComparison<DescribedFinding>): string[] {
  const width = Math.max(...methods.map((m) => m.pack.length));
  const out = ['Methods side by side (verdict · C/F/W · gaps, most urgent first):'];
  for (const m of methods) {
    const verdict = m.stage ?? (m.class ? `class ${m.class}` : '');
    const gaps = m.gaps.length ? `${m.gaps.slice(0, 4).join(', ')}${m.gaps.length > 4 ? `, … (${m.gaps.length})` : ''}` : 'none';
    out.push(`  ${m.pack.padEnd(width)}  ${verdict ? `${verdict} · ` : ''}C ${m.C} F ${m.F} W ${m.W} · gaps: ${gaps}`);
  }
  out.push(`  disagreements: ${disagreements.length ? '' : 'none'}`);
  for (const f of disagreements) out.push(`    ${f.code}: ${f.message}`);
  return out;
}

export const explain: Command = {
  name: 'explain',
  summary: "explain one deal: ratings, reasons, contributions, the stage gate, next actions",
  usage,
  usageZh,
  async run(args, io) {
    const { values, positionals } = parse(args, { ...COMMON_OPTIONS, id: { type: 'string' }, format: { type: 'string', short: 'f' }, top: { type: 'string' } }, 'explain');
    if (values.help) {
      await io.stdout.write(usageIn({ usage, usageZh }, argsLocale(args, io.env)) + '\n');
      return 0;
    }
    if (positionals.length !== 1) throw new UsageError('explain takes one file (see "dealqual explain --help")');
    const format = values.format ?? 'text';
    if (format !== 'text' && format !== 'json') throw new UsageError(`unknown format "${format}"; choose text or json`);
    const top = values.top === undefined ? 5 : Number(values.top);
    if (!Number.isInteger(top) || top < 0) throw new UsageError(`--top expects an integer ≥ 0, got "${values.top}"`);
    const settings = await resolveSettings(values, io.cwd, io);
    const { deals, errors, notes } = await collect(positionals, settings, io, values.sheet);
    await writeStderr(io.stderr, 'note  ', notes);
    const wanted = values.id;
    const matching = wanted === undefined ? deals : deals.filter((d) => d.result.id === wanted);
    const relevant = wanted === undefined ? errors : errors.filter((e) => e.id === wanted);
    if (matching.length === 0) {
      if (relevant.length) {
        await writeStderr(io.stderr, 'error  ', relevant.map(inputErrorText));
        return 2;
      }
      throw new UsageError(wanted === undefined ? `no deal in ${positionals[0]}` : `no deal "${wanted}" in ${positionals[0]}; ids: ${deals.slice(0, 10).map((d) => d.result.id).join(', ')}${deals.length > 10 ? ', …' : ''}`);
    }
    if (matching.length > 1)
      throw new UsageError(`${positionals[0]} holds ${matching.length} deals${wanted ? ` with id "${wanted}"` : ''}; pick one with --id (${matching.slice(0, 10).map((d) => d.result.id).join(', ')}${matching.length > 10 ? ', …' : ''})`);
    const { problems, source } = matching[0]!;
    const locale = settings.policy.locale;
    let result: DescribedResult;
    try {
      result = describe(matching[0]!.result, { locale, packs: settings.packs });
    } catch (error) {
      throw new UsageError(`${(error as Error).message.replace(/^describe: /, '')}; pass the packs it was evaluated with (--pack)`);
    }
    const packs = packObjects(settings.packs);
    const comparison = packs.length > 1 ? compareMethods(result, packs, locale) : undefined;
    if (format === 'json') {
      await io.stdout.write(JSON.stringify({ result, problems, ...(comparison ? { methods: comparison } : {}) }, null, 2) + '\n');
      return 0;
    }
    const titles = new Map(packs.flatMap((p) => p.items.map((i) => [i.id, pick(locale, i.title)] as const)));
    const out: string[] = [];
    const { stage } = result;
    out.push(`${result.id}  (${sourceLabel(source)}, as of ${result.asOf})`);
    out.push(`  stage:       step ${stage.step} of 7 · milestone ${stage.milestone} · furthest confirmed evidence at step ${stage.furthest || '–'}`);
    const holding = stage.steps.find((s) => s.step === stage.step);
    const decisive = new Set(result.findings.filter((f) => f.code === 'red-flag' && f.params.decisive !== undefined).flatMap((f) => f.items));
    if (holding && holding.open.length)
      out.push(`  held by:     the step-${stage.step} gate: ${holding.open.map((id) => `${id}${result.items[id]?.star ? '★' : ''} (${result.items[id]?.rating ?? 'W'}${decisive.has(id) ? ', decisive' : ''})`).join(', ')}`);
    else out.push('  held by:     nothing: every applicable gate is confirmed');
    const sum = Object.values(result.items).reduce((s, i) => s + i.contribution, 0);
    out.push(`  probability: ${pct(result.probability)} = sigmoid(logit ${sign(result.logit)}) = intercept ${sign(result.intercept)} + item contributions ${sign(sum)}`);
    const why = explainProbability(result, { limit: 3 });
    const vetoOf = (id: string) => result.items[id]?.veto;
    const terms = (list: typeof why.positive) =>
      list
        .map((c) => (c.level ? `${c.item} (${c.level.from} = ${c.level.level ?? '–'}) ${sign(c.contribution)}` : `${c.item} ${c.rating} ${sign(c.contribution)}${vetoOf(c.item) ? ` (veto ${sign(vetoOf(c.item)!)})` : ''}`))
        .join(', ') || 'none';
    out.push(`  raised by:   ${terms(why.positive)}`, `  lowered by:  ${terms(why.negative)}`);
    if (result.man) out.push(`  MAN:         ${result.man.class} — ${pick(locale, result.man.action)}`);
    if (comparison) out.push('', ...methodLines(comparison));
    out.push('', 'Items (rating, contribution to the logit, reason):');
    let lastPack = '';
    let lastStep = 0;
    for (const [id, item] of Object.entries(result.items)) {
      if (item.pack !== lastPack) {
        out.push(`  ${item.pack}`);
        lastPack = item.pack;
        lastStep = 0;
      }
      if (item.pack === 'sangfor-7step' && item.step !== lastStep) {
        const s = stage.steps.find((x) => x.step === item.step);
        out.push(`    step ${item.step}${s && !s.applies ? ' (does not apply: no formal tender)' : ''}`);
        lastStep = item.step;
      }
      out.push(`      ${id.padEnd(14)} ${item.star ? '★' : ' '} ${item.rating}  ${sign(item.contribution)}  ${titles.get(id) ?? ''}${item.veto ? `  [veto ${sign(item.veto)}: decisive, against us]` : ''}`);
      out.push(`      ${''.padEnd(14)}         ${item.reason.message}`);
      if (item.level) out.push(`      ${''.padEnd(14)}         ${item.level.message}`);
    }
    if (result.findings.length) {
      out.push('', 'Findings:');
      for (const f of result.findings) out.push(`  ${f.code.padEnd(24)} ${f.message}`);
    }
    out.push('', 'Problems (audit policy):');
    if (problems.length === 0) out.push('  none');
    for (const p of problems) out.push(`  ${p.severity === 'error' ? 'error' : 'warn '}  ${p.message}  (${p.rule})`);
    const next = whatIf(result).slice(0, top);
    out.push('', `Next actions (missing items by gain in probability):`);
    if (next.length === 0) out.push('  none: every applicable item is confirmed');
    next.forEach((m, i) => {
      out.push(`  ${i + 1}. ${m.item}${m.star ? '★' : ''} (${m.rating}, step ${m.step}) +${(m.gain * 100).toFixed(1)} pts  ${pick(locale, m.title)}`);
      for (const s of m.signals.slice(0, 3)) out.push(`       ${s.n}) ${pick(locale, s)}`);
    });
    await io.stdout.write(printableLines(out).join('\n') + '\n');
    if (relevant.length) {
      await writeStderr(io.stderr, 'error  ', relevant.map(inputErrorText));
      return 2;
    }
    return 0;
  },
};
