/**
 * The audit loop: read inputs as a stream, audit each deal (inline or on worker threads, output
 * kept in input order), write streaming formats deal by deal and keep only summary counters, so a
 * JSON Lines file of any length audits in bounded memory. Input errors are collected (up to a cap)
 * and reported after every other deal.
 */
import { readAuditInputs, type ReadOptions } from '../../node/inputs.js';
import { eachChunkLine } from '../../node/line-chunks.js';
import type { Writer } from '../command.js';
import { formatterOf } from '../formatters/index.js';
import { addDuplicate, addInputError, addStats, emptySummary, type DealStats, type Summary } from '../formatters/types.js';
import type { Source } from '../errors.js';
import { severityOf } from '../policy.js';
import { dealAuditor, type AuditSettings, type DealEvent, type DealOutcome } from './engine.js';
import type { BatchOutcome, UnitOutcomes } from './batch.js';
import { WorkerPool } from './pool.js';
import { FirstPlaces } from './first-places.js';
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
 * into the chunk as it comes (`append`, synchronous: the audit loop awaits only a `flush`); a full
 * chunk waits for the flush as it is, and a new one takes the text. A target without `writeBytes`
 * gets text.
 */
export class BufferedWriter implements Writer {
  private chunk: Buffer;
  private used = 0;
  /** Encoded chunks waiting for the flush, in order. */
  private ready: Uint8Array[] = [];
  private parts: string[] = [];
  private size = 0;
  constructor(private readonly target: Writer, private readonly limit = 1 << 16) {
    this.chunk = Buffer.allocUnsafe(this.target.writeBytes ? limit * 4 : 0);
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
      if (this.used > 0) {
        this.ready.push(this.chunk.subarray(0, this.used));
        this.chunk = Buffer.allocUnsafe(this.chunk.length);
        this.used = 0;
      }
      if (text.length * 3 > this.chunk.length) {
        this.ready.push(Buffer.from(text, 'utf8'));
        return;
      }
    }
    this.used += this.chunk.write(text, this.used);
  }
  write(text: string): Promise<void> {
    this.append(text);
    return this.full ? this.flush() : Promise.resolve();
  }
  /** Bytes formatted on a worker: what is buffered goes first, then the bytes as they are. */
  async writeBytes(bytes: Uint8Array): Promise<void> {
    await this.flush();
    if (bytes.length === 0) return;
    if (this.target.writeBytes) return this.target.writeBytes(bytes);
    return this.target.write(decoder.decode(bytes));
  }
  async flush(): Promise<void> {
    if (this.used > 0) {
      // The stream keeps the written bytes until they are out: the next text goes into a new chunk.
      this.ready.push(this.chunk.subarray(0, this.used));
      this.chunk = Buffer.allocUnsafe(this.chunk.length);
      this.used = 0;
    }
    const ready = this.ready;
    this.ready = [];
    for (const bytes of ready) await this.target.writeBytes!(bytes);
    if (this.parts.length === 0) return;
    const text = this.parts.join('');
    this.parts = [];
    this.size = 0;
    await this.target.write(text);
  }
}

export async function runAudit(paths: readonly string[], settings: AuditSettings, options: RunOptions): Promise<Summary> {
  const formatter = formatterOf(settings.format);
  const summary = emptySummary();
  const out = new BufferedWriter(options.out);
  const pieces: string[] = [];
  let first = true;
  const state: Record<string, unknown> = {};
  if (formatter.begin) out.append(formatter.begin(settings.context));

  // Ids seen so far, each with where it was first seen (the only per-deal memory the streaming
  // audit keeps; compact: `FirstPlaces`).
  const seen = new FirstPlaces();
  const duplicates = severityOf(settings.policy, 'duplicate-id');
  const count = (stats: DealStats, source: Source) => {
    addStats(summary, stats);
    const id = stats.id;
    if (id === undefined || duplicates === 'off') return;
    const first = seen.check(id, source);
    if (first !== undefined) addDuplicate(summary, { id, source, first, severity: duplicates });
  };
  const progress = () => options.progress?.(summary.deals, summary.inputErrors.length + summary.moreInputErrors);
  /** One deal's outcome, on the main thread (synchronous: the caller flushes when the buffer is full). */
  const take = (outcome: DealOutcome, source: Source) => {
    if (!outcome.ok) {
      for (const e of outcome.errors) addInputError(summary, e);
      return;
    }
    count(outcome.stats, source);
    const text = formatter.emit ? formatter.emit(outcome.piece, state) : outcome.piece;
    if (!formatter.streaming) pieces.push(text);
    else {
      if (!first && formatter.separator) out.append(formatter.separator);
      first = false;
      out.append(text);
    }
  };
  const takeAll = (unit: UnitOutcomes) => {
    for (let i = 0; i < unit.outcomes.length; i++) take(unit.outcomes[i]!, unit.sources[i]!);
  };

  /** A batch from a worker: its pieces one by one, or its bytes in one write. */
  const takeBatch = async (batch: BatchOutcome) => {
    if (batch.kind === 'pieces') takeAll(batch);
    else {
      for (const e of batch.errors) addInputError(summary, e);
      for (let i = 0; i < batch.stats.length; i++) count(batch.stats[i]!, batch.sources[i]!);
      if (batch.stats.length > 0) {
        if (!first && formatter.separator) out.append(formatter.separator);
        first = false;
        await out.writeBytes(batch.bytes);
      }
    }
    progress();
    if (out.full) await out.flush();
  };

  // A decode error ends the reading of its file (as the streaming reader does): later chunks of it are dropped.
  let stopped: number | undefined;
  const inputs = readAuditInputs(paths, { ...options.read, lineChunks: true });
  if (options.jobs <= 1 || !options.workerScript) {
    const audit = dealAuditor(settings);
    for await (const input of inputs) {
      if (input.kind === 'error') addInputError(summary, input.error);
      else if (input.kind === 'lines') {
        if (input.reading === stopped) continue;
        // Each deal's output is taken as soon as it is made: a chunk's pieces (~180 of ~14 KB) held
        // until the chunk is done outlived young-generation collections (~30 % of the CPU of -f jsonl).
        const error = eachChunkLine(input, (text, source) => take(audit({ kind: 'deal', source, text }), source));
        if (error) {
          addInputError(summary, error);
          stopped = input.reading;
        }
      } else {
        for (const e of options.check?.(input) ?? []) addInputError(summary, e);
        take(audit(input), input.source);
      }
      progress();
      if (out.full) await out.flush();
    }
  } else {
    const pool = new WorkerPool(options.jobs, settings, options.workerScript);
    // Units in flight (at most 2 per worker), in input order; a read error rides along as a one-item "batch".
    const queue: { reading?: number; outcome: Promise<BatchOutcome> }[] = [];
    let batch: DealEvent[] = [];
    // A format's `emit` runs on the workers once its state is settled (csv: the header is known).
    const emitState = () => (formatter.emit && formatter.settled?.(state) ? state : undefined);
    const drain = async (keep: number) => {
      while (queue.length > keep) {
        const { reading, outcome } = queue.shift()!;
        const result = await outcome;
        if (reading !== undefined && reading === stopped) continue;
        await takeBatch(result);
        if (result.stop) stopped = reading;
      }
    };
    const failed = (errors: InputError[], source: Source): BatchOutcome => ({ kind: 'pieces', outcomes: [{ ok: false, errors }], sources: [source] });
    const send = () => {
      if (batch.length) queue.push({ outcome: pool.run({ kind: 'events', events: batch }, emitState()) });
      batch = [];
    };
    try {
      for await (const input of inputs) {
        if (input.kind === 'error') {
          send();
          queue.push({ outcome: Promise.resolve(failed([input.error], input.error.source)) });
        } else if (input.kind === 'lines') {
          send();
          queue.push({ reading: input.reading, outcome: pool.run(input, emitState()) });
        } else {
          const checked = options.check?.(input);
          if (checked?.length) {
            send();
            queue.push({ outcome: Promise.resolve(failed([...checked], input.source)) });
          }
          batch.push(input);
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
  if (formatter.end) {
    const closing = await formatter.end(summary, settings.context, pieces, state);
    for (const part of typeof closing === 'string' ? [closing] : closing) {
      out.append(part);
      if (out.full) await out.flush();
    }
  }
  await out.flush();
  return summary;
}
