/**
 * The command interface every `dealqual` subcommand implements, and the I/O a command may use.
 * Commands never touch `process` directly: tests and the bin shim hand them a `CliIO`.
 */
import type { Readable } from 'node:stream';

/** A text sink. `write` resolves once the text is accepted (after a `drain` under backpressure). */
export interface Writer {
  write(text: string): Promise<void>;
  /**
   * Writes UTF-8 bytes (output formatted on a worker thread); where absent, they are decoded and
   * written as text. `release` is called once the bytes are out and their buffer may be reused.
   */
  writeBytes?(bytes: Uint8Array, release?: () => void): Promise<void>;
}

export interface CliIO {
  stdout: Writer;
  stderr: Writer;
  stdin: Readable;
  /** The working directory relative paths resolve against. */
  cwd: string;
  env: Readonly<Record<string, string | undefined>>;
  stdoutIsTTY: boolean;
  stderrIsTTY: boolean;
  stdinIsTTY: boolean;
}

export interface Command {
  /** The subcommand word, e.g. `audit`. */
  name: string;
  /** One line for `dealqual --help`. */
  summary: string;
  /** The full `dealqual <name> --help` text. */
  usage: string;
  /** The same in zh-CN (`--locale zh-CN`, or a Chinese LC_ALL / LC_MESSAGES / LANG). */
  usageZh?: string;
  /**
   * Runs the command with the arguments after its name. Resolves to the exit code:
   * 0 clean, 1 findings over the thresholds, 2 usage or input error. Throw `UsageError` (src/cli/errors.ts)
   * for a user error: it is printed without a stack trace and exits 2.
   */
  run(args: string[], io: CliIO): Promise<number>;
}

/**
 * A command's `--help` text in a locale: its zh-CN text where it has one, else the English.
 * @example usageIn(explain, 'zh-CN').startsWith('用法') // true
 */
export const usageIn = (command: Pick<Command, 'usage' | 'usageZh'>, locale: string): string => (locale === 'zh-CN' && command.usageZh ? command.usageZh : command.usage);
