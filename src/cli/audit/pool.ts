/**
 * A pool of at most `size` worker threads auditing batches of deals; results come back per batch,
 * formatted (batch.ts). A worker is started only when a batch finds every started worker busy, so a
 * run never has more workers than batches. Output buffers the main thread has written go back to
 * the workers with the next units (`recycle`), so the same few buffers circulate.
 */
import { Worker } from 'node:worker_threads';
import type { BatchOutcome, Unit } from './batch.js';
import type { AuditSettings } from './engine.js';

/**
 * A unit that could not be sent to a worker: structured clone gave up on a deal (a value nested
 * deeper than it can copy). The caller audits that unit on its own thread instead.
 */
export class UnsentUnit extends Error {}

interface Task {
  resolve: (batch: BatchOutcome) => void;
  reject: (error: Error) => void;
}

export class WorkerPool {
  private readonly workers: { worker: Worker; busy: number; tasks: Map<number, Task> }[] = [];
  private seq = 0;
  /** Written output buffers, to go back to a worker with its next unit. */
  private readonly spare: ArrayBuffer[] = [];

  constructor(
    private readonly size: number,
    private readonly settings: AuditSettings,
    private readonly script: URL,
  ) {}

  private start(): { worker: Worker; busy: number; tasks: Map<number, Task> } {
    const worker = new Worker(this.script, { workerData: { settings: this.settings } });
    const entry = { worker, busy: 0, tasks: new Map<number, Task>() };
    worker.on('message', (message: { seq: number; batch?: BatchOutcome; error?: string }) => {
      const task = entry.tasks.get(message.seq);
      if (!task) return;
      entry.tasks.delete(message.seq);
      entry.busy -= 1;
      if (message.error !== undefined) task.reject(new Error(message.error));
      else task.resolve(message.batch!);
    });
    const fail = (error: Error) => {
      for (const task of entry.tasks.values()) task.reject(error);
      entry.tasks.clear();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => code !== 0 && fail(new Error(`worker exited with code ${code}`)));
    this.workers.push(entry);
    return entry;
  }

  /** How many workers have been started. */
  get started(): number {
    return this.workers.length;
  }

  /** Takes back a buffer a batch came in, once its bytes are written (at most 16 are kept). */
  recycle(buffer: ArrayBuffer): void {
    if (buffer.byteLength > 0 && this.spare.length < 16) this.spare.push(buffer);
  }

  /**
   * Audits a unit on the least busy worker; a chunk's bytes are transferred (unusable here after).
   * `state`: the format's settled `emit` state, when the worker is to emit.
   */
  run(unit: Unit, state?: Record<string, unknown>): Promise<BatchOutcome> {
    const idle = this.workers.find((w) => w.busy === 0);
    const entry = idle ?? (this.workers.length < this.size ? this.start() : this.workers.reduce((a, b) => (b.busy < a.busy ? b : a)));
    const seq = (this.seq += 1);
    entry.busy += 1;
    return new Promise((resolve, reject) => {
      entry.tasks.set(seq, { resolve, reject });
      const message = unit.kind === 'lines' ? { kind: 'lines', file: unit.file, firstLine: unit.firstLine, bytes: unit.bytes } : unit;
      // A few spare buffers ride along (each worker keeps a handful).
      const buffers = this.spare.splice(0, 4);
      try {
        entry.worker.postMessage({ seq, unit: message, state, buffers }, [...(unit.kind === 'lines' ? [unit.bytes.buffer as ArrayBuffer] : []), ...buffers]);
      } catch (error) {
        // Nothing was sent (cloning fails before transferring): the spare buffers are still ours.
        entry.tasks.delete(seq);
        entry.busy -= 1;
        for (const buffer of buffers) this.recycle(buffer);
        reject(new UnsentUnit(error instanceof Error ? error.message : String(error)));
      }
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.worker.terminate()));
  }
}
