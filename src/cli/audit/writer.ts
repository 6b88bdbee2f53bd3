/** The audit's output writer: text and bytes into reused chunks, written in order. */
import type { Writer } from '../command.js';

const decoder = new TextDecoder();

/**
 * Collects output and writes it in chunks of about 64 KiB (fewer, larger writes). Text is encoded
 * into the chunk as it comes (`append`, synchronous: the audit loop awaits only a `flush`); a full
 * chunk waits for the flush as it is, and a new one takes the text. Chunks the target has written
 * are reused (`release`), so the writer does not touch fresh memory for every chunk. A target
 * without `writeBytes` gets text.
 */
export class BufferedWriter implements Writer {
  private chunk: Buffer;
  private used = 0;
  /** Encoded chunks waiting for the flush, in order. */
  private ready: Uint8Array[] = [];
  /** Written chunks, free for reuse. */
  private readonly free: Buffer[] = [];
  private parts: string[] = [];
  private size = 0;
  constructor(private readonly target: Writer, private readonly limit = 1 << 16) {
    this.chunk = Buffer.allocUnsafeSlow(this.target.writeBytes ? limit * 4 : 0);
  }
  /** Whether enough is buffered to be flushed. */
  get full(): boolean {
    return this.used >= this.limit || this.ready.length > 0 || this.size >= this.limit;
  }
  /** Adds text to what is buffered. */
  append(text: string): void {
    if (!this.target.writeBytes) {
      this.parts.push(text);
      this.size += text.length;
      return;
    }
    // At most 3 UTF-8 bytes per UTF-16 unit: text that may not fit goes into a new chunk, or alone.
    if (this.used + text.length * 3 > this.chunk.length) {
      this.next();
      if (text.length * 3 > this.chunk.length) {
        this.ready.push(Buffer.from(text, 'utf8'));
        return;
      }
    }
    this.used += this.chunk.write(text, this.used);
  }
  /** Adds UTF-8 bytes to what is buffered (copied: the caller may reuse them at once). */
  appendBytes(bytes: Uint8Array): void {
    if (!this.target.writeBytes) return this.append(decoder.decode(bytes));
    if (this.used + bytes.length > this.chunk.length) {
      this.next();
      if (bytes.length > this.chunk.length) {
        this.ready.push(Buffer.from(bytes));
        return;
      }
    }
    this.chunk.set(bytes, this.used);
    this.used += bytes.length;
  }
  /** The current chunk, if it holds anything, waits for the flush; a free one takes its place. */
  private next(): void {
    if (this.used === 0) return;
    this.ready.push(this.chunk.subarray(0, this.used));
    this.chunk = this.free.pop() ?? Buffer.allocUnsafeSlow(this.chunk.length);
    this.used = 0;
  }
  write(text: string): Promise<void> {
    this.append(text);
    return this.full ? this.flush() : Promise.resolve();
  }
  /** Bytes formatted on a worker: what is buffered goes first, then the bytes as they are (`release`: see `Writer`). */
  async writeBytes(bytes: Uint8Array, release?: () => void): Promise<void> {
    await this.flush();
    if (bytes.length === 0) return release?.();
    if (this.target.writeBytes) return this.target.writeBytes(bytes, release);
    await this.target.write(decoder.decode(bytes));
    release?.();
  }
  async flush(): Promise<void> {
    // The stream keeps the written bytes until they are out: the next text goes into another chunk.
    this.next();
    const ready = this.ready;
    this.ready = [];
    for (const bytes of ready) {
      // One of our chunks comes back to the free list once written; other bytes are dropped.
      const own = bytes.byteOffset === 0 && bytes.buffer.byteLength === this.chunk.length ? Buffer.from(bytes.buffer as ArrayBuffer) : undefined;
      await this.target.writeBytes!(bytes, own && (() => void (this.free.length < 8 && this.free.push(own))));
    }
    if (this.parts.length === 0) return;
    const text = this.parts.join('');
    this.parts = [];
    this.size = 0;
    await this.target.write(text);
  }
}
