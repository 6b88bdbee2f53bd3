/**
 * The `dealqual` command line: dispatches to the commands of the registry. User errors print one
 * message and exit 2; no stack traces unless DEALQUAL_DEBUG is set.
 */
import pkg from '../../package.json';
import { usageIn, type CliIO, type Command } from './command.js';
import { UsageError } from './errors.js';
import { nodeIO } from './node-io.js';
import { writeStderr } from './terminal.js';
import type { Locale } from '../locale/messages.js';
import { argsLocale, word } from './words.js';

export const VERSION: string = pkg.version;

/**
 * The commands, sorted by name. The registry (and with it the core, the readers and the
 * formatters) loads on first use, so `dealqual --version` starts without it.
 */
export async function commands(): Promise<Command[]> {
  const registry = await import('./commands/index.js');
  return (Object.values(registry) as Command[]).sort((a, b) => (a.name < b.name ? -1 : 1));
}

/** The commands' one-line summaries in Chinese (the English ones are each command's `summary`). */
const SUMMARY_ZH: Record<string, string> = {
  audit: '审计商机文件、文件夹、JSON Lines、CSV 或标准输入(退出码 0 通过、1 有问题、2 错误)',
  calibrate: '用你的已结商机校准赢率;交叉验证报告',
  diff: '比较两次快照或审计的商机:阶段、赢率和评级的变化(倒退时退出码 1)',
  explain: '一个商机的全部细节:每项评级、理由、贡献和下一步行动',
  items: '列出规则包的条目',
  schema: '打印 JSON Schema:快照、规则包、模型、配置、结果',
};

export async function helpText(locale: Locale = 'en'): Promise<string> {
  const list = await commands();
  const width = Math.max(...list.map((c) => c.name.length));
  const lines = list.map((c) => `  ${c.name.padEnd(width)}  ${(locale === 'zh-CN' ? SUMMARY_ZH[c.name] : undefined) ?? c.summary}`).join('\n');
  if (locale === 'zh-CN')
    return `dealqual ${VERSION} — 按销售方法检查表评估 B2B 商机

${word(locale, 'usage')}:dealqual <命令> [选项]

${word(locale, 'commands')}:
${lines}

${word(locale, 'options')}:
  -h, --help     帮助(也可放在命令后:dealqual audit --help)
  -v, --version  版本
      --locale   en | zh-CN(默认:LC_ALL、LC_MESSAGES 或 LANG 为中文时 zh-CN)

${word(locale, 'exitCodes')}
文档:docs/cli.md。示例:dealqual audit fixtures/deals --as-of 2026-11-01 --locale zh-CN
`;
  return `dealqual ${VERSION} — qualify B2B sales deals against sales-method checklists

Usage: dealqual <command> [options]

Commands:
${lines}

Options:
  -h, --help     help (also after a command: dealqual audit --help)
  -v, --version  the version
      --locale   en | zh-CN (default: zh-CN when LC_ALL, LC_MESSAGES or LANG is Chinese)

${word(locale, 'exitCodes')}
Docs: docs/cli.md. Example: dealqual audit fixtures/deals --as-of 2026-11-01
`;
}

export async function main(argv: readonly string[], io: CliIO): Promise<number> {
  const [name, ...rest] = argv;
  const locale = argsLocale(argv, io.env);
  try {
    if (name === undefined) {
      await io.stderr.write(await helpText(locale));
      return 2;
    }
    if (name === '--help' || name === '-h' || name === 'help' || (name === '--locale' && (rest.includes('--help') || rest.includes('-h')))) {
      const target = name === 'help' && rest[0] ? (await commands()).find((c) => c.name === rest[0]) : undefined;
      await io.stdout.write(target ? (target.name === 'audit' ? (await import('./commands/audit-usage.js')).auditUsage(locale) : usageIn(target, locale)) + '\n' : await helpText(locale));
      return 0;
    }
    if (name === '--version' || name === '-v') {
      await io.stdout.write(VERSION + '\n');
      return 0;
    }
    const list = await commands();
    const command = list.find((c) => c.name === name);
    if (!command) throw new UsageError(`unknown command "${name}"; commands: ${list.map((c) => c.name).join(', ')} (see "dealqual --help")`);
    if (rest.includes('--version') || rest.includes('-v')) {
      await io.stdout.write(VERSION + '\n');
      return 0;
    }
    return await command.run(rest, io);
  } catch (error) {
    if (error instanceof UsageError) {
      await writeStderr(io.stderr, 'dealqual: ', [error.message], { breaks: true });
      return 2;
    }
    const e = error as Error;
    await writeStderr(io.stderr, 'dealqual: internal error: ', [e?.message ?? String(error)]);
    if (io.env.DEALQUAL_DEBUG) await writeStderr(io.stderr, '', [String(e?.stack)], { breaks: true });
    else await io.stderr.write('Set DEALQUAL_DEBUG=1 for the stack trace; please report it.\n');
    return 2;
  }
}

/** Runs the real process (bin/dealqual.js). */
export async function run(): Promise<void> {
  const io = nodeIO();
  const code = await main(process.argv.slice(2), io);
  process.exitCode = code;
  // stdin may have been opened (`-`): let the process end once output is flushed.
  if (!process.stdin.destroyed && (process.stdin as { readableFlowing?: boolean | null }).readableFlowing !== null) process.stdin.destroy();
}
