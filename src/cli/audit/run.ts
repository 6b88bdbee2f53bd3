/**
 * The audit loop: read inputs as a stream, audit each deal (inline or on worker threads, output
 * kept in input order), write streaming formats deal by deal and keep only summary counters, so a
 * JSON Lines file of any length audits in bounded memory. Input errors are collected (up to a cap)
 * and reported after every other deal.
 */
import { readInputs, type InputEvent, type ReadOptions } from '../../node/inputs.js';
import type { Writer } from '../command.js';
import { formatterOf } from '../formatters/index.js';
import { addDuplicate, addInputError, addStats, emptySummary, type DealStats, type Summary } from '../formatters/types.js';
import type { Source } from '../errors.js';
import { severityOf } from '../policy.js';
import { dealAuditor, type AuditSettings, type DealEvent, type DealOutcome } from './engine.js';
import type { BatchOutcome } from './batch.js';
import { WorkerPool } from './pool.js';
import type { InputError } from '../errors.js';

export interface RunOptions {
  jobs: number;
  read: ReadOptions;
  /** Where formatted output goes. */
  out: Writer;
  /** Called with the running deal count (progress display). */
  progress?: (deals: number, errors: number) => void;
  /** The worker script (dist/cli-worker.js). */
  workerScript?: URL;
  /** Called on the main thread for every deal before it is audited: input errors it returns are added once (header checks). */
  check?: (event: DealEvent) => readonly InputError[] | undefined;
}

const BATCH = 256;
const decoder = new TextDecoder();

/**
 * Collects output and writes it in chunks of about 64 KiB (fewer, larger writes). Text is encoded
 * into the chunk as it comes (joining the strings first and encoding them at the write took more
 * time than evaluating the deals); a target without `writeBytes` gets text.
 */
export class BufferedWriter implements Writer {
  private chunk: Buffer;
  private used = 0;
  private parts: string[] = [];
  private size = 0;
  constructor(private readonly target: Writer, private readonly limit = 1 << 16) {
    this.chunk = Buffer.allocUnsafe(this.target.writeBytes ? limit * 4 : 0);
  }
  write(text: string): Promise<void> {
    if (!this.target.writeBytes) {
      this.parts.push(text);
      this.size += text.length;
      return this.size >= this.limit ? this.flush() : Promise.resolve();
    }
    // At most 3 UTF-8 bytes per UTF-16 unit: text that may not fit goes after a flush, or alone.
    if (this.used + text.length * 3 > this.chunk.length) {
      if (text.length * 3 > this.chunk.length) return this.flush().then(() => this.target.write(text));
      return this.flush().then(() => this.write(text));
    }
    this.used += this.chunk.write(text, this.used);
    return this.used >= this.limit ? this.flush() : Promise.resolve();
  }
  /** Bytes formatted on a worker: what is buffered goes first, then the bytes as they are. */
  async writeBytes(bytes: Uint8Array): Promise<void> {
    await this.flush();
    if (this.target.writeBytes) return this.target.writeBytes(bytes);
    return this.target.write(decoder.decode(bytes));
  }
  flush(): Promise<void> {
    if (this.used > 0) {
      const bytes = this.chunk.subarray(0, this.used);
      // The stream keeps the written bytes until they are out: the next text goes into a new chunk.
      this.chunk = Buffer.allocUnsafe(this.chunk.length);
      this.used = 0;
      return this.target.writeBytes!(bytes);
    }
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

  // Ids seen so far (one entry per deal: the only per-deal memory the streaming audit keeps).
  const seen = new Map<string, Source>();
  const duplicates = severityOf(settings.policy, 'duplicate-id');
  const count = (stats: DealStats, source: Source) => {
    addStats(summary, stats);
    const id = stats.id;
    if (id === undefined || duplicates === 'off') return;
    const earlier = seen.get(id);
    if (earlier) addDuplicate(summary, { id, source, first: earlier, severity: duplicates });
    else seen.set(id, source);
  };
  const take = async (outcome: DealOutcome, source: Source) => {
    if (!outcome.ok) {
      for (const e of outcome.errors) addInputError(summary, e);
      return;
    }
    count(outcome.stats, source);
    const text = formatter.emit ? formatter.emit(outcome.piece, state) : outcome.piece;
    if (!formatter.streaming) pieces.push(text);
    else {
      if (!first && formatter.separator) await out.write(formatter.separator);
      first = false;
      await out.write(text);
    }
    options.progress?.(summary.deals, summary.inputErrors.length + summary.moreInputErrors);
  };

  /** A batch from a worker: its pieces one by one, or its bytes in one write. */
  const takeBatch = async (batch: BatchOutcome, sources: readonly Source[]) => {
    if (batch.kind === 'pieces') {
      for (let i = 0; i < batch.outcomes.length; i++) await take(batch.outcomes[i]!, sources[i]!);
      return;
    }
    for (const e of batch.errors) addInputError(summary, e);
    for (let i = 0; i < batch.stats.length; i++) count(batch.stats[i]!, sources[batch.positions[i]!]!);
    if (batch.stats.length > 0) {
      if (!first && formatter.separator) await out.write(formatter.separator);
      first = false;
      await out.writeBytes(batch.bytes);
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
      for (const e of options.check?.(event) ?? []) addInputError(summary, e);
      await take(audit(event), event.source);
    }
  } else {
    const pool = new WorkerPool(options.jobs, settings, options.workerScript);
    // Batches in flight (at most 2 per worker), in input order; a read error rides along as a one-item "batch".
    const queue: { sources: Source[]; outcome: Promise<BatchOutcome> }[] = [];
    let batch: DealEvent[] = [];
    const drain = async (keep: number) => {
      while (queue.length > keep) {
        const { sources, outcome } = queue.shift()!;
        await takeBatch(await outcome, sources);
      }
    };
    const send = () => {
      if (batch.length) queue.push({ sources: batch.map((e) => e.source), outcome: pool.run(batch) });
      batch = [];
    };
    try {
      for await (const event of events as AsyncIterable<InputEvent>) {
        if (event.kind === 'error') {
          send();
          queue.push({ sources: [event.error.source], outcome: Promise.resolve({ kind: 'pieces', outcomes: [{ ok: false, errors: [event.error] }] }) });
        } else {
          const checked = options.check?.(event);
          if (checked?.length) {
            send();
            queue.push({ sources: [event.source], outcome: Promise.resolve({ kind: 'pieces', outcomes: [{ ok: false, errors: [...checked] }] }) });
          }
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
