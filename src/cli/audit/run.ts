/**
 * The audit loop: read inputs as a stream, audit each deal (inline or on worker threads, output
 * kept in input order), write streaming formats deal by deal and keep only summary counters, so a
 * JSON Lines file of any length audits in bounded memory. Input errors are collected (up to a cap)
 * and reported after every other deal.
 */
import { readInputs, type InputEvent, type ReadOptions } from '../../node/inputs.js';
import type { Writer } from '../command.js';
import { formatterOf } from '../formatters/index.js';
import { addInputError, addStats, emptySummary, type Summary } from '../formatters/types.js';
import { dealAuditor, type AuditSettings, type DealEvent, type DealOutcome } from './engine.js';
import { WorkerPool } from './pool.js';

export interface RunOptions {
  jobs: number;
  read: ReadOptions;
  /** Where formatted output goes. */
  out: Writer;
  /** Called with the running deal count (progress display). */
  progress?: (deals: number, errors: number) => void;
  /** The worker script (dist/cli-worker.js). */
  workerScript?: URL;
}

const BATCH = 256;

/** Collects text and writes it in chunks of about 64 KiB (fewer, larger writes). */
export class BufferedWriter implements Writer {
  private parts: string[] = [];
  private size = 0;
  constructor(private readonly target: Writer, private readonly limit = 1 << 16) {}
  write(text: string): Promise<void> {
    this.parts.push(text);
    this.size += text.length;
    return this.size >= this.limit ? this.flush() : Promise.resolve();
  }
  flush(): Promise<void> {
    if (this.parts.length === 0) return Promise.resolve();
    const text = this.parts.join('');
    this.parts = [];
    this.size = 0;
    return this.target.write(text);
  }
}

export async function runAudit(paths: readonly string[], settings: AuditSettings, options: RunOptions): Promise<Summary> {
  const formatter = formatterOf(settings.format);
  const summary = emptySummary();
  const out = new BufferedWriter(options.out);
  const pieces: string[] = [];
  let first = true;
  const state: Record<string, unknown> = {};
  if (formatter.begin) await out.write(formatter.begin(settings.context));

  const take = async (outcome: DealOutcome) => {
    if (!outcome.ok) {
      for (const e of outcome.errors) addInputError(summary, e);
      return;
    }
    addStats(summary, outcome.stats);
    const text = formatter.emit ? formatter.emit(outcome.piece, state) : outcome.piece;
    if (!formatter.streaming) pieces.push(text);
    else {
      if (!first && formatter.separator) await out.write(formatter.separator);
      first = false;
      await out.write(text);
    }
    options.progress?.(summary.deals, summary.inputErrors.length + summary.moreInputErrors);
  };

  const events = readInputs(paths, options.read);
  if (options.jobs <= 1 || !options.workerScript) {
    const audit = dealAuditor(settings);
    for await (const event of events) {
      if (event.kind === 'error') {
        addInputError(summary, event.error);
        continue;
      }
      await take(audit(event));
    }
  } else {
    const pool = new WorkerPool(options.jobs, settings, options.workerScript);
    // Batches in flight, in input order; a read error rides along as a one-item "batch".
    const queue: Promise<DealOutcome[]>[] = [];
    let batch: DealEvent[] = [];
    const drain = async (keep: number) => {
      while (queue.length > keep) for (const o of await queue.shift()!) await take(o);
    };
    const send = () => {
      if (batch.length) queue.push(pool.run(batch));
      batch = [];
    };
    try {
      for await (const event of events as AsyncIterable<InputEvent>) {
        if (event.kind === 'error') {
          send();
          queue.push(Promise.resolve([{ ok: false, errors: [event.error] }]));
        } else {
          batch.push(event);
          if (batch.length >= BATCH) send();
        }
        await drain(options.jobs * 2);
      }
      send();
      await drain(0);
    } finally {
      await pool.close();
    }
  }
  if (formatter.end) await out.write(await formatter.end(summary, settings.context, pieces, state));
  await out.flush();
  return summary;
}
