/**
 * Temporary files that hold a buffered format's pieces (junit, markdown, sarif: their head needs
 * totals known only at the end) until the end, so such a report of any length is written in
 * bounded memory. A spool lives in os.tmpdir(); it is unlinked as soon as it is open where the
 * system allows it (nothing is left behind even by a crash or a kill), else removed when closed
 * and when the process exits.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { open, rm, type FileHandle } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Writer } from '../command.js';
import { BufferedWriter } from './writer.js';

/** Folders of spools not yet removed: removed at exit. */
const pending = new Set<string>();
let listening = false;
const removePending = () => {
  for (const dir of pending) rmSync(dir, { recursive: true, force: true });
  pending.clear();
};

/** Bytes per read: a writer chunk (BufferedWriter), so each read is copied into a reused one. */
const READ = 1 << 18;

/**
 * One spool: written in order through `out` (a BufferedWriter, text or bytes), then read back once
 * with `copyTo`.
 */
export class Spool {
  /** Bytes written so far. */
  size = 0;
  readonly out: BufferedWriter;
  private constructor(
    private readonly handle: FileHandle,
    private readonly dir: string | undefined,
  ) {
    const write = async (bytes: Uint8Array | string) => {
      const { bytesWritten } = typeof bytes === 'string' ? await handle.write(bytes, this.size, 'utf8') : await handle.write(bytes, 0, bytes.length, this.size);
      this.size += bytesWritten;
    };
    const target: Writer = { write, writeBytes: (bytes, release) => write(bytes).finally(release) };
    this.out = new BufferedWriter(target, 1 << 18);
  }

  static async open(): Promise<Spool> {
    const dir = mkdtempSync(join(tmpdir(), 'dealqual-spool-'));
    if (!listening) process.once('exit', removePending);
    listening = true;
    pending.add(dir);
    const path = join(dir, 'pieces');
    const handle = await open(path, 'w+');
    try {
      await rm(dir, { recursive: true });
      pending.delete(dir);
      return new Spool(handle, undefined);
    } catch {
      // The system keeps an open file (Windows): removed on close, or at exit.
      return new Spool(handle, dir);
    }
  }

  /**
   * Writes the spool's bytes from byte `from` to `target`, in order. `keys`: each `\u0001key\u0001`
   * in the bytes is written as the key's number (`Formatter.spool`). `read`: bytes per read.
   */
  async copyTo(target: BufferedWriter, from = 0, keys?: ReadonlyMap<string, number>, read = READ): Promise<void> {
    await this.out.flush();
    let buffer = Buffer.allocUnsafeSlow(read);
    let carry = 0;
    for (let position = from; position < this.size; ) {
      if (carry === buffer.length) {
        // A key longer than a read: the buffer grows.
        const bigger = Buffer.allocUnsafeSlow(buffer.length * 2);
        buffer.copy(bigger);
        buffer = bigger;
      }
      const { bytesRead } = await this.handle.read(buffer, carry, Math.min(buffer.length - carry, this.size - position), position);
      if (bytesRead === 0) break;
      position += bytesRead;
      const end = carry + bytesRead;
      carry = keys ? numbered(buffer.subarray(0, end), target, keys, position >= this.size) : (target.appendBytes(buffer.subarray(0, end)), 0);
      // What was not written yet (a key cut by the read) moves to the front.
      if (carry) buffer.copy(buffer, 0, end - carry, end);
      if (target.full) await target.flush();
    }
  }

  async close(): Promise<void> {
    await this.handle.close();
    if (this.dir) {
      await rm(this.dir, { recursive: true, force: true });
      pending.delete(this.dir);
    }
  }
}

/**
 * Writes bytes with each `\u0001key\u0001` as the key's number; returns how many bytes at the end
 * are left for the next read (a key not closed yet), none at the `last` read.
 */
function numbered(bytes: Buffer, target: BufferedWriter, keys: ReadonlyMap<string, number>, last: boolean): number {
  let start = 0;
  for (;;) {
    const open = bytes.indexOf(1, start);
    if (open === -1) break;
    const close = bytes.indexOf(1, open + 1);
    if (close === -1) {
      if (last) break;
      target.appendBytes(bytes.subarray(start, open));
      return bytes.length - open;
    }
    target.appendBytes(bytes.subarray(start, open));
    const key = bytes.toString('latin1', open + 1, close);
    target.append(String(keys.get(key) ?? key));
    start = close + 1;
  }
  target.appendBytes(bytes.subarray(start));
  return 0;
}
