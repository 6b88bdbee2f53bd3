/**
 * A unit of audit work and what comes back from it. A unit is a batch of deal events, or a chunk
 * of JSON Lines in bytes (src/node/line-chunks.ts) that the auditing side decodes and splits itself.
 * With --jobs, a worker sends back the output of a streaming or spooled format as UTF-8 bytes,
 * encoded deal by deal as each is audited (a unit's pieces are never held together), and
 * transferred rather than copied: the main thread only writes them, in input order, and hands the
 * buffers back for the next units (`ByteSink`). html and xlsx send their pieces as text (one
 * document of every deal, built on the main thread).
 */
import { eachChunkLine, type LinesChunk } from '../../node/line-chunks.js';
import type { InputError, Source } from '../errors.js';
import { pieceKeys, splitParts, type DealStats, type Formatter } from '../formatters/types.js';
import type { DealEvent, DealOutcome } from './engine.js';

export type Unit = { kind: 'events'; events: DealEvent[] } | Omit<LinesChunk, 'reading'>;

/**
 * Audits a unit deal by deal, each outcome handed to `take` as soon as it is made: each deal of a
 * batch, or each non-blank line of a chunk. Returns true when the rest of the unit's file is not to
 * be read (a decode error, handed over as the last outcome).
 */
export function auditUnit(unit: Unit, audit: (event: DealEvent) => DealOutcome, take: (outcome: DealOutcome, source: Source) => void): boolean {
  if (unit.kind === 'events') {
    for (const event of unit.events) take(audit(event), event.source);
    return false;
  }
  const error = eachChunkLine(unit, (text, source) => take(audit({ kind: 'deal', source, text }), source));
  if (!error) return false;
  take({ ok: false, errors: [error] }, error.source);
  return true;
}

export type BatchOutcome =
  | { kind: 'pieces'; outcomes: DealOutcome[]; sources: Source[]; stop?: boolean }
  | {
      kind: 'bytes';
      /**
       * The batch's output per part (a streaming format has one: its deals' pieces joined by the
       * format's separator, empty when it has no deal; a spooled format one per spool).
       */
      parts: Uint8Array[];
      /** Per audited deal, in input order. */
      stats: DealStats[];
      /** Each `stats` entry's source. */
      sources: Source[];
      /** Input errors, in input order. */
      errors: InputError[];
      /** A spooled format's keys, each once, in order of first use in the batch (`Formatter.spool`). */
      keys?: string[];
      stop?: boolean;
    };

/**
 * Whether a format's batches can travel as bytes: a spooled format, a streaming one without
 * `emit`, or one whose `emit` state is settled (`state` given: the worker emits with a copy of it).
 */
export const sendsBytes = (formatter: Formatter, state?: Record<string, unknown>): boolean =>
  formatter.spool !== undefined || (formatter.streaming && (!formatter.emit || state !== undefined));

/** How many spare buffers a worker keeps for its next batches (the rest are dropped). */
const SPARE_BUFFERS = 8;

/**
 * UTF-8 text appended into one growing buffer of its own (transferable: never a pooled slice),
 * taken from `spare` (buffers the main thread gave back) where one is big enough, so a worker
 * does not touch fresh memory for every batch.
 */
export class ByteSink {
  private buffer: Buffer;
  private used = 0;
  constructor(size: number, private readonly spare: ArrayBuffer[] = []) {
    this.buffer = take(spare, size);
  }
  append(text: string): void {
    // At most 3 UTF-8 bytes per UTF-16 unit.
    if (this.used + text.length * 3 > this.buffer.length) {
      const bigger = take(this.spare, Math.max(this.buffer.length * 2, this.used + text.length * 3));
      this.buffer.copy(bigger, 0, 0, this.used);
      giveBack(this.spare, this.buffer.buffer as ArrayBuffer);
      this.buffer = bigger;
    }
    this.used += this.buffer.write(text, this.used);
  }
  get bytes(): Uint8Array {
    return new Uint8Array(this.buffer.buffer, this.buffer.byteOffset, this.used);
  }
}

/** A spare buffer of at least `size` bytes (the smallest that fits), else a new one. */
function take(spare: ArrayBuffer[], size: number): Buffer {
  let best = -1;
  for (let i = 0; i < spare.length; i++) if (spare[i]!.byteLength >= size && (best < 0 || spare[i]!.byteLength < spare[best]!.byteLength)) best = i;
  if (best < 0) return Buffer.allocUnsafeSlow(size);
  const [buffer] = spare.splice(best, 1);
  return Buffer.from(buffer!);
}

/** Keeps a buffer for later batches (the largest SPARE_BUFFERS). */
export function giveBack(spare: ArrayBuffer[], buffer: ArrayBuffer): void {
  // A transferred (detached) buffer has no bytes.
  if (buffer.byteLength === 0) return;
  spare.push(buffer);
  if (spare.length > SPARE_BUFFERS) {
    spare.sort((a, b) => b.byteLength - a.byteLength);
    spare.length = SPARE_BUFFERS;
  }
}

/** Output bytes of the latest batch, per part: the next batch's buffers are sized from it (growing one copies; units are alike in size). */
const latest: number[] = [];

/**
 * Builds a unit's outcome as a worker sends it: deal by deal (`add`, as each is audited), then
 * `finish`. Pieces of a streaming format go to one sink (the separator between them); a spooled
 * format's pieces are split on NUL into its parts' sinks, each part as it is.
 */
export class BatchBuilder {
  private readonly bytes: boolean;
  private readonly sinks: ByteSink[] = [];
  private readonly stats: DealStats[] = [];
  private readonly sources: Source[] = [];
  private readonly errors: InputError[] = [];
  private readonly outcomes: DealOutcome[] = [];
  private readonly keys = new Set<string>();
  private readonly emitState: Record<string, unknown> | undefined;
  private readonly parts: number;
  private deals = 0;

  constructor(
    private readonly formatter: Formatter,
    state: Record<string, unknown> | undefined,
    spare: ArrayBuffer[] = [],
  ) {
    this.bytes = sendsBytes(formatter, state);
    this.emitState = state && { ...state };
    this.parts = formatter.spool?.parts ?? 1;
    if (this.bytes)
      for (let p = 0; p < this.parts; p++) this.sinks.push(new ByteSink(Math.max(1 << 12, Math.ceil((latest[p] ?? 0) * 1.25)), spare));
  }

  add(outcome: DealOutcome, source: Source): void {
    this.deals += 1;
    if (!this.bytes) {
      this.outcomes.push(outcome);
      this.sources.push(source);
      return;
    }
    if (!outcome.ok) {
      for (const e of outcome.errors) this.errors.push(e);
      return;
    }
    const { formatter } = this;
    if (formatter.spool) {
      splitParts(outcome.piece, this.parts).forEach((text, p) => this.sinks[p]!.append(text));
      if (formatter.spool.keys) for (const key of pieceKeys(outcome.piece)) this.keys.add(key);
    } else {
      if (this.stats.length > 0 && formatter.separator) this.sinks[0]!.append(formatter.separator);
      this.sinks[0]!.append(this.emitState && formatter.emit ? formatter.emit(outcome.piece, this.emitState) : outcome.piece);
    }
    this.stats.push(outcome.stats);
    this.sources.push(source);
  }

  finish(stop: boolean): BatchOutcome {
    if (!this.bytes) return { kind: 'pieces', outcomes: this.outcomes, sources: this.sources, ...(stop ? { stop: true } : {}) };
    const parts = this.sinks.map((s) => s.bytes);
    if (this.deals > 0) parts.forEach((bytes, p) => (latest[p] = bytes.length));
    return {
      kind: 'bytes',
      parts,
      stats: this.stats,
      sources: this.sources,
      errors: this.errors,
      ...(this.formatter.spool?.keys ? { keys: [...this.keys] } : {}),
      ...(stop ? { stop: true } : {}),
    };
  }
}

/**
 * A unit audited and formatted as a worker sends it back (`BatchBuilder`): what a worker does with
 * each unit, and what the main thread does with a unit no worker can be sent.
 * @param state the format's settled `emit` state, when the unit is to be emitted
 * @param spare buffers for the output (a worker's, given back by the main thread)
 */
export function auditBatch(unit: Unit, audit: (event: DealEvent) => DealOutcome, formatter: Formatter, state?: Record<string, unknown>, spare?: ArrayBuffer[]): BatchOutcome {
  const builder = new BatchBuilder(formatter, state, spare);
  return builder.finish(auditUnit(unit, audit, (outcome, source) => builder.add(outcome, source)));
}

