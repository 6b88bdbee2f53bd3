/**
 * `dealqual explain <file> [--id ID]`: one deal in full — every item's rating, reason and
 * contribution to the logit, the stage gate holding it, the policy's problems and the next actions.
 */
import { pick } from '../../locale/messages.js';
import { explainProbability, whatIf } from '../../model/explain.js';
import { parse } from '../args.js';
import { collect } from '../collect.js';
import type { Command } from '../command.js';
import { inputErrorText, sourceLabel, UsageError } from '../errors.js';
import { packObjects } from '../packs.js';
import { pct } from '../policy.js';
import { COMMON_OPTIONS, COMMON_USAGE, resolveSettings } from '../settings.js';

const usage = `Usage: dealqual explain <file> [--id ID] [--format text|json] [options]

Explains one deal: every item's rating, reason and contribution to the probability (log-odds),
the stage gate that holds it, the audit problems, and the next actions (missing items by gain).
<file> is any audit input (JSON, JSON Lines, CSV, xlsx, -); --id picks the deal when it holds several.

Options:
      --id ID              the deal to explain
  -f, --format text|json   json: { result, problems }
      --top N              next actions to list (default 5)
${COMMON_USAGE}`;

const sign = (n: number) => (n >= 0 ? '+' : '−') + Math.abs(n).toFixed(2);

export const explain: Command = {
  name: 'explain',
  summary: "explain one deal: ratings, reasons, contributions, the stage gate, next actions",
  usage,
  async run(args, io) {
    const { values, positionals } = parse(args, { ...COMMON_OPTIONS, id: { type: 'string' }, format: { type: 'string', short: 'f' }, top: { type: 'string' } }, 'explain');
    if (values.help) {
      await io.stdout.write(usage + '\n');
      return 0;
    }
    if (positionals.length !== 1) throw new UsageError('explain takes one file (see "dealqual explain --help")');
    const format = values.format ?? 'text';
    if (format !== 'text' && format !== 'json') throw new UsageError(`unknown format "${format}"; choose text or json`);
    const top = values.top === undefined ? 5 : Number(values.top);
    if (!Number.isInteger(top) || top < 0) throw new UsageError(`--top expects an integer ≥ 0, got "${values.top}"`);
    const settings = await resolveSettings(values, io.cwd, io.env);
    const { deals, errors } = await collect(positionals, settings, io, values.sheet);
    const wanted = values.id;
    const matching = wanted === undefined ? deals : deals.filter((d) => d.result.id === wanted);
    const relevant = wanted === undefined ? errors : errors.filter((e) => e.id === wanted);
    if (matching.length === 0) {
      if (relevant.length) {
        await io.stderr.write(relevant.map((e) => `error  ${inputErrorText(e)}`).join('\n') + '\n');
        return 2;
      }
      throw new UsageError(wanted === undefined ? `no deal in ${positionals[0]}` : `no deal "${wanted}" in ${positionals[0]}; ids: ${deals.slice(0, 10).map((d) => d.result.id).join(', ')}${deals.length > 10 ? ', …' : ''}`);
    }
    if (matching.length > 1)
      throw new UsageError(`${positionals[0]} holds ${matching.length} deals${wanted ? ` with id "${wanted}"` : ''}; pick one with --id (${matching.slice(0, 10).map((d) => d.result.id).join(', ')}${matching.length > 10 ? ', …' : ''})`);
    const { result, problems, source } = matching[0]!;
    if (format === 'json') {
      await io.stdout.write(JSON.stringify({ result, problems }, null, 2) + '\n');
      return 0;
    }
    const locale = settings.policy.locale;
    const titles = new Map(packObjects(settings.packs).flatMap((p) => p.items.map((i) => [i.id, pick(locale, i.title)] as const)));
    const out: string[] = [];
    const { stage } = result;
    out.push(`${result.id}  (${sourceLabel(source)}, as of ${result.asOf})`);
    out.push(`  stage:       step ${stage.step} of 7 · milestone ${stage.milestone} · furthest confirmed evidence at step ${stage.furthest || '–'}`);
    const holding = stage.steps.find((s) => s.step === stage.step);
    if (holding && holding.open.length)
      out.push(`  held by:     the step-${stage.step} gate: ${holding.open.map((id) => `${id}${result.items[id]?.star ? '★' : ''} (${result.items[id]?.rating ?? 'W'})`).join(', ')}`);
    else out.push('  held by:     nothing: every applicable gate is confirmed');
    const sum = Object.values(result.items).reduce((s, i) => s + i.contribution, 0);
    out.push(`  probability: ${pct(result.probability)} = sigmoid(logit ${sign(result.logit)}) = intercept ${sign(result.intercept)} + item contributions ${sign(sum)}`);
    const why = explainProbability(result, { limit: 3 });
    const terms = (list: typeof why.positive) => list.map((c) => `${c.item} ${c.rating} ${sign(c.contribution)}`).join(', ') || 'none';
    out.push(`  raised by:   ${terms(why.positive)}`, `  lowered by:  ${terms(why.negative)}`);
    if (result.man) out.push(`  MAN:         ${result.man.class} — ${pick(locale, result.man.action)}`);
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
      out.push(`      ${id.padEnd(14)} ${item.star ? '★' : ' '} ${item.rating}  ${sign(item.contribution)}  ${titles.get(id) ?? ''}`);
      out.push(`      ${''.padEnd(14)}         ${item.reason.message}`);
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
    await io.stdout.write(out.join('\n') + '\n');
    if (relevant.length) {
      await io.stderr.write(relevant.map((e) => `error  ${inputErrorText(e)}`).join('\n') + '\n');
      return 2;
    }
    return 0;
  },
};
