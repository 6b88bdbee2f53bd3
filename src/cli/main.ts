/**
 * The `dealqual` command line: dispatches to the commands of the registry. User errors print one
 * message and exit 2; no stack traces unless DEALQUAL_DEBUG is set.
 */
import pkg from '../../package.json';
import type { CliIO, Command } from './command.js';
import { UsageError } from './errors.js';
import { nodeIO } from './node-io.js';
import { printableLines } from './terminal.js';

export const VERSION: string = pkg.version;

/**
 * The commands, sorted by name. The registry (and with it the core, the readers and the
 * formatters) loads on first use, so `dealqual --version` starts without it.
 */
export async function commands(): Promise<Command[]> {
  const registry = await import('./commands/index.js');
  return (Object.values(registry) as Command[]).sort((a, b) => (a.name < b.name ? -1 : 1));
}

export async function helpText(): Promise<string> {
  const list = await commands();
  const width = Math.max(...list.map((c) => c.name.length));
  return `dealqual ${VERSION} — qualify B2B sales deals against sales-method checklists

Usage: dealqual <command> [options]

Commands:
${list.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`).join('\n')}

Options:
  -h, --help     help (also after a command: dealqual audit --help)
  -v, --version  the version

Exit codes: 0 clean · 1 findings over the thresholds · 2 usage or input error.
Docs: docs/cli.md. Example: dealqual audit fixtures/deals --as-of 2026-11-01
`;
}

export async function main(argv: readonly string[], io: CliIO): Promise<number> {
  const [name, ...rest] = argv;
  try {
    if (name === undefined) {
      await io.stderr.write(await helpText());
      return 2;
    }
    if (name === '--help' || name === '-h' || name === 'help') {
      const target = name === 'help' && rest[0] ? (await commands()).find((c) => c.name === rest[0]) : undefined;
      await io.stdout.write(target ? target.usage + '\n' : await helpText());
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
      await io.stderr.write(`dealqual: ${printableLines([error.message])[0]}\n`);
      return 2;
    }
    const e = error as Error;
    await io.stderr.write(`dealqual: internal error: ${e?.message ?? String(error)}\n${io.env.DEALQUAL_DEBUG ? `${e?.stack}\n` : 'Set DEALQUAL_DEBUG=1 for the stack trace; please report it.\n'}`);
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
