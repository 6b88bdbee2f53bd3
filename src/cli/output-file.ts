/**
 * Report files (`audit -o`, `calibrate --out`): written to a temporary file beside the target and
 * renamed over it only when the run finishes, so Ctrl-C, a crash, a full disk or a bad flag never
 * leave a truncated report (the previous one stays). A target that is not a regular file (a device
 * such as /dev/stdout, a pipe) is written directly. A target that is one of the run's inputs (deals,
 * config, packs, model, mapping) or another output is refused before anything is read.
 */
import { createWriteStream, unlinkSync, type WriteStream } from 'node:fs';
import { chmod, realpath, rename, stat, unlink } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import type { Writer } from './command.js';
import { UsageError } from './errors.js';
import { kindOf, walkSkips } from '../node/inputs.js';
import { globPicks, isGlob } from './globs.js';

const cannot = (display: string, error: unknown) =>
  new UsageError(`cannot write ${display}: ${(error as NodeJS.ErrnoException)?.code ?? (error as Error)?.message ?? String(error)}`);

/** A file or folder a run reads besides its deals: a config, pack, model or mapping file. */
export interface ReadFile {
  /** Its absolute path. */
  path: string;
  /** What reads it, as messages name it: `--model`, `the config's "packs"`, … */
  by: string;
}

/** An output option and the path given to it. */
export interface Output {
  path: string;
  /** How messages name the option, e.g. `-o` */
  flag: string;
}

/**
 * What a path names on disk: its real path (so a symlink or `./x` spelling is the file it leads to)
 * and, for an existing file, its device and inode (so a hard link is the same file too). A path that
 * does not exist yet is its folder's real path joined with its name.
 */
interface Identity {
  real: string;
  node?: string;
  directory: boolean;
}

async function identityOf(path: string): Promise<Identity> {
  try {
    const [real, s] = await Promise.all([realpath(path), stat(path)]);
    return { real, node: `${s.dev}:${s.ino}`, directory: s.isDirectory() };
  } catch {
    const folder = await realpath(dirname(path)).catch(() => dirname(path));
    return { real: join(folder, basename(path)), directory: false };
  }
}

const sameFile = (a: Identity, b: Identity): boolean => a.real === b.real || (a.node !== undefined && a.node === b.node);

/** The path of `target` inside `folder`, or undefined when it is not inside it. */
const insideOf = (folder: string, target: string): string | undefined => {
  const inside = relative(folder, target);
  return inside === '' || inside.startsWith('..') || isAbsolute(inside) ? undefined : inside;
};

/**
 * Refuses output files that would overwrite what the run reads, before anything is read or written:
 * an output that is one of the deal inputs, a file an input folder or glob pattern picks up as a deal
 * (existing or not: the reader's own rules, `walkSkips` and `kindOf`, `globPicks`), a file that another
 * option reads (`files`: config, packs, model, mapping) or a file inside a folder one reads, and two
 * outputs on one file. Files are compared by identity (real path, device and inode).
 * @param deals the deal inputs as the command reads them (`-` is stdin), glob patterns included
 * @throws UsageError naming the output, its option and what reads the file
 */
export async function refuseInputAsOutput(outputs: readonly Output[], deals: readonly string[], files: readonly ReadFile[], cwd: string): Promise<void> {
  const seen: { output: Output; target: Identity }[] = [];
  const realCwd = await realpath(cwd).catch(() => cwd);
  for (const output of outputs) {
    const { path, flag } = output;
    const target = await identityOf(resolve(cwd, path));
    const twin = seen.find((s) => sameFile(s.target, target));
    if (twin) throw new UsageError(`${twin.output.flag} ${twin.output.path} and ${flag} ${path} are the same file: one output would overwrite the other; choose two files`);
    seen.push({ output, target });
    // An existing file there is overwritten; a new one is read as a deal by the next run of the same inputs.
    const why = target.node !== undefined ? 'writing the report would overwrite an input' : 'the next run would read the report as a deal';
    for (const input of deals) {
      if (input === '-') continue;
      if (isGlob(input, cwd)) {
        if (globPicks(input, resolve(cwd, path), cwd) || globPicks(input, target.real, realCwd))
          throw new UsageError(`${flag} ${path} is a file the input pattern ${input} picks up: ${why}; choose another file`);
        continue;
      }
      const source = await identityOf(resolve(cwd, input));
      if (source.node === undefined) continue;
      if (sameFile(source, target)) throw new UsageError(`${flag} ${path} is also an input: writing the report would overwrite the deals it reads; choose another file`);
      const inside = source.directory ? insideOf(source.real, target.real) : undefined;
      if (inside !== undefined && !inside.split(sep).some(walkSkips) && kindOf(target.real))
        throw new UsageError(`${flag} ${path} is a deal file inside the input folder ${input}: ${why}; choose another file`);
    }
    for (const file of files) {
      const source = await identityOf(file.path);
      if (source.node === undefined) continue;
      if (sameFile(source, target)) throw new UsageError(`${flag} ${path} is also an input: ${file.by} reads it; writing the report would overwrite it; choose another file`);
      if (source.directory && insideOf(source.real, target.real) !== undefined)
        throw new UsageError(`${flag} ${path} is also an input: it is inside ${relative(cwd, file.path) || '.'}, a folder ${file.by} reads; choose another file`);
    }
  }
}

/** Temporary files not yet renamed into place: removed when the process ends early. */
const pending = new Set<string>();
const removePending = () => {
  for (const path of pending) {
    try {
      unlinkSync(path);
    } catch {
      // already gone
    }
  }
  pending.clear();
};
const onSignal = (signal: NodeJS.Signals) => {
  removePending();
  process.exit(signal === 'SIGINT' ? 130 : 143);
};
function track(path: string): void {
  if (pending.size === 0) {
    process.once('exit', removePending);
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
  }
  pending.add(path);
}
function untrack(path: string): void {
  pending.delete(path);
  if (pending.size === 0) {
    process.removeListener('exit', removePending);
    process.removeListener('SIGINT', onSignal);
    process.removeListener('SIGTERM', onSignal);
  }
}

export interface OutputFile {
  /** Where to write now: the temporary file (or the target itself when it is a device or pipe). */
  path: string;
  /** A text writer on `path`; a failed write is a UsageError "cannot write …". */
  writer: Writer;
  /** Finishes writing and renames the file into place. */
  commit(): Promise<void>;
  /** Drops the temporary file; the previous report stays. */
  abort(): Promise<void>;
}

async function targetIsSpecial(target: string): Promise<boolean> {
  try {
    return !(await stat(target)).isFile();
  } catch {
    return false;
  }
}

/**
 * Opens a report file for writing through a temporary file in the target's folder.
 * @param display how messages name the file (as the user wrote it)
 */
export async function openOutput(output: string, cwd: string, display = output): Promise<OutputFile> {
  const target = resolve(cwd, output);
  const direct = await targetIsSpecial(target);
  const path = direct ? target : join(dirname(target), `.${basename(target)}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`);
  let stream: WriteStream | undefined;
  let failure: unknown;
  const open = () =>
    (stream ??= (() => {
      const s = createWriteStream(path, { flags: direct ? 'w' : 'wx' });
      s.on('error', (error) => (failure ??= error));
      return s;
    })());
  if (!direct) track(path);
  await new Promise<void>((ok, fail) => {
    const s = open();
    s.once('open', () => ok());
    s.once('error', (error) => fail(cannot(display, error)));
  }).catch(async (error) => {
    untrack(path);
    throw error;
  });
  // Each write resolves once the text is handed to the file (its callback), so a failure such as
  // ENOSPC rejects the write that met it rather than leaving a 'drain' that never comes.
  const write = (chunk: string | Uint8Array) =>
    new Promise<void>((ok, fail) => {
      if (failure) return fail(cannot(display, failure));
      open().write(chunk, (error) => (error ? fail(cannot(display, (failure ??= error))) : ok()));
    });
  // Bytes (from --jobs workers) are written as they are; once written, their buffer is free.
  const writer: Writer = { write, writeBytes: (bytes, release) => write(bytes).finally(release) };
  const end = () =>
    new Promise<void>((ok, fail) => {
      if (failure) return fail(cannot(display, failure));
      const s = open();
      s.once('error', (error) => fail(cannot(display, error)));
      s.end((error?: Error | null) => (error || failure ? fail(cannot(display, error ?? failure)) : ok()));
    });
  const abort = async () => {
    stream?.destroy();
    if (!direct) {
      await unlink(path).catch(() => undefined);
      untrack(path);
    }
  };
  return {
    path,
    writer,
    abort,
    async commit() {
      try {
        await end();
        if (!direct) {
          const mode = await stat(target).then((s) => s.mode & 0o777, () => undefined);
          if (mode !== undefined) await chmod(path, mode);
          await rename(path, target);
        }
      } catch (error) {
        await abort();
        throw error instanceof UsageError ? error : cannot(display, error);
      }
      untrack(path);
    },
  };
}

/** Writes a whole text file through a temporary file (calibrate --out). */
export async function writeOutput(output: string, cwd: string, text: string): Promise<void> {
  const file = await openOutput(output, cwd);
  try {
    await file.writer.write(text);
  } catch (error) {
    await file.abort();
    throw error;
  }
  await file.commit();
}
