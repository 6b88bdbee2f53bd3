/** The real process as a `CliIO`. */
import type { Writable } from 'node:stream';
import type { CliIO, Writer } from './command.js';

export function streamWriter(stream: Writable): Writer {
  let failure: Error | undefined;
  stream.on('error', (error) => (failure = error));
  // `release`: the stream's callback, once the chunk is handed to the system (it keeps it until then).
  const write = (chunk: string | Uint8Array, release?: () => void) =>
    new Promise<void>((resolve, reject) => {
      if (failure) return reject(failure);
      if (stream.write(chunk, release && (() => release()))) resolve();
      else stream.once('drain', () => (failure ? reject(failure) : resolve()));
    });
  return { write, writeBytes: write };
}

/** Ends a stream and waits until everything is written (or it fails). */
export function endStream(stream: Writable): Promise<void> {
  return new Promise((resolve, reject) => {
    stream.once('error', reject);
    stream.end(() => resolve());
  });
}

export function nodeIO(): CliIO {
  // A closed pipe (`dealqual audit … | head`) ends the run quietly.
  for (const s of [process.stdout, process.stderr])
    s.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
      throw error;
    });
  return {
    stdout: streamWriter(process.stdout),
    stderr: streamWriter(process.stderr),
    stdin: process.stdin,
    cwd: process.cwd(),
    env: process.env,
    stdoutIsTTY: Boolean(process.stdout.isTTY),
    stderrIsTTY: Boolean(process.stderr.isTTY),
    stdinIsTTY: Boolean(process.stdin.isTTY),
  };
}
