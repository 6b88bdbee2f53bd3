/** `dealqual items <pack> [--format json]`: a pack's items (contract fields). */
import { listItems } from '../../packs/items.js';
import { pick } from '../../locale/messages.js';
import { parse } from '../args.js';
import { argsLocale } from '../words.js';
import { usageIn, type Command } from '../command.js';
import { UsageError } from '../errors.js';
import { resolvePacks } from '../packs.js';

const usage = `Usage: dealqual items <pack> [--format text|json|markdown] [--locale en|zh-CN]

Lists a pack's items: a built-in pack (sangfor-7step, man, bant; opt-in: clmls, roles,
lixiang, meddpicc) or a pack file or folder
(validated first; a pack that fails validation exits 2 naming the file and JSON path).
--format json prints [{ id, step, star, kind, extension, redFlag, decisive, minSignals, sameFactAs,
title: { zh, en }, signals }]. In text, (decisive) marks an item whose W from facts or evidence holds
the deal at its step and vetoes the probability; (red flag) one whose W from facts is a red flag.`;

const usageZh = `用法:dealqual items <规则包> [--format text|json|markdown] [--locale en|zh-CN]

列出规则包的条目:内置规则包(sangfor-7step、man、bant;可选:clmls、roles、lixiang、meddpicc)
或规则包文件、文件夹(先校验;校验失败时退出码为 2,并指出文件和 JSON 路径)。
--format json 输出 [{ id, step, star, kind, extension, redFlag, decisive, minSignals, sameFactAs,
title: { zh, en }, signals }]。文本格式中,(decisive) 标出一旦因事实或证据评为 W 就把商机卡在
该步骤并否决赢率的条目;(red flag) 标出因事实评为 W 即为危险信号的条目。`;

export const items: Command = {
  name: 'items',
  summary: "list a pack's items (id, step, ★, title, signals)",
  usage,
  usageZh,
  async run(args, io) {
    const { values, positionals } = parse(args, { format: { type: 'string', short: 'f' }, locale: { type: 'string' } }, 'items');
    if (values.help) {
      await io.stdout.write(usageIn({ usage, usageZh }, argsLocale(args, io.env)) + '\n');
      return 0;
    }
    if (positionals.length !== 1) throw new UsageError('items takes one pack: a built-in name (sangfor-7step, man, bant, clmls, roles, lixiang, meddpicc) or a pack file or folder');
    const locale = values.locale ?? 'en';
    if (locale !== 'en' && locale !== 'zh-CN') throw new UsageError(`--locale expects en or zh-CN, got "${locale}"`);
    const [pack] = await resolvePacks(positionals, io.cwd, io.cwd);
    const list = listItems(pack!);
    const format = values.format ?? 'text';
    if (format === 'json') await io.stdout.write(JSON.stringify(list, null, 2) + '\n');
    else if (format === 'markdown') {
      const flag = (i: (typeof list)[number]) => (i.decisive ? 'decisive' : i.redFlag ? 'red flag' : '');
      const rows = list.map((i) => `| ${i.id} | ${i.step} | ${i.star ? '★' : ''} | ${flag(i)} | ${pick(locale, i.title).replace(/\|/g, '\\|')} | ${i.signals.length} |`);
      await io.stdout.write(['| id | step | ★ | W from facts | title | signals |', '|---|---:|---|---|---|---:|', ...rows].join('\n') + '\n');
    } else if (format === 'text') {
      const width = Math.max(...list.map((i) => i.id.length));
      const lines = list.map((i) => `${i.id.padEnd(width)}  step ${i.step}  ${i.star ? '★' : ' '}  ${pick(locale, i.title)}${i.kind === 'risk' ? ' (risk)' : ''}${i.decisive ? ' (decisive)' : i.redFlag ? ' (red flag)' : ''}${i.extension ? ' (extension)' : ''}`);
      await io.stdout.write(lines.join('\n') + '\n');
    } else throw new UsageError(`unknown format "${format}"; choose text, json or markdown`);
    return 0;
  },
};
