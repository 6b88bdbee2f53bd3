/** A fixed pool of worker threads auditing batches of deals; results come back per batch, formatted (batch.ts). */
import { Worker } from 'node:worker_threads';
import type { BatchOutcome } from './batch.js';
import type { AuditSettings, DealEvent } from './engine.js';

interface Task {
  resolve: (batch: BatchOutcome) => void;
  reject: (error: Error) => void;
}

export class WorkerPool {
  private readonly workers: { worker: Worker; busy: number; tasks: Map<number, Task> }[] = [];
  private seq = 0;

  constructor(size: number, settings: AuditSettings, script: URL) {
    for (let i = 0; i < size; i += 1) {
      const worker = new Worker(script, { workerData: { settings } });
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
    }
  }

  /** Audits a batch on the least busy worker. */
  run(events: DealEvent[]): Promise<BatchOutcome> {
    const entry = this.workers.reduce((a, b) => (b.busy < a.busy ? b : a));
    const seq = (this.seq += 1);
    entry.busy += 1;
    return new Promise((resolve, reject) => {
      entry.tasks.set(seq, { resolve, reject });
      entry.worker.postMessage({ seq, events });
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.worker.terminate()));
  }
}
