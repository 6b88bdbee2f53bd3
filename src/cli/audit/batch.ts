/**
 * A unit of audit work and what comes back from it. A unit is a batch of deal events, or a chunk
 * of JSON Lines in bytes (src/node/line-chunks.ts) that the auditing side decodes and splits itself.
 * With --jobs, a worker sends back streaming output as UTF-8 bytes, the pieces already joined by
 * the format's separator (and already emitted, for a format whose `emit` state is settled),
 * transferred rather than copied: the main thread only writes them, in input order. Other formats
 * send their pieces as text (junit, markdown, sarif, html and xlsx keep every piece for the end).
 */
import { chunkLines, type LinesChunk } from '../../node/line-chunks.js';
import type { InputError, Source } from '../errors.js';
import type { Formatter } from '../formatters/types.js';
import type { DealStats } from '../formatters/types.js';
import type { DealEvent, DealOutcome } from './engine.js';

export type Unit = { kind: 'events'; events: DealEvent[] } | Omit<LinesChunk, 'reading'>;

/** The outcomes of a unit, in input order, with their sources; `stop`: the rest of its file is not to be read (a decode error). */
export interface UnitOutcomes {
  outcomes: DealOutcome[];
  sources: Source[];
  stop?: boolean;
}

/** Audits a unit: each deal of a batch, or each non-blank line of a chunk. */
export function auditUnit(unit: Unit, audit: (event: DealEvent) => DealOutcome): UnitOutcomes {
  if (unit.kind === 'events') return { outcomes: unit.events.map(audit), sources: unit.events.map((e) => e.source) };
  const { lines, error } = chunkLines(unit);
  const outcomes = new Array<DealOutcome>(lines.length);
  const sources = new Array<Source>(lines.length);
  for (let i = 0; i < lines.length; i++) {
    const { source, text } = lines[i]!;
    outcomes[i] = audit({ kind: 'deal', source, text });
    sources[i] = source;
  }
  if (!error) return { outcomes, sources };
  outcomes.push({ ok: false, errors: [error] });
  sources.push(error.source);
  return { outcomes, sources, stop: true };
}

export type BatchOutcome =
  | ({ kind: 'pieces' } & UnitOutcomes)
  | {
      kind: 'bytes';
      /** The batch's output: its deals' pieces joined by the format's separator (empty when it has no deal). */
      bytes: Uint8Array;
      /** Per audited deal, in input order. */
      stats: DealStats[];
      /** Each `stats` entry's source. */
      sources: Source[];
      /** Input errors, in input order. */
      errors: InputError[];
      stop?: boolean;
    };

/**
 * Whether a format's batches can travel as bytes: a streaming format without `emit`, or one whose
 * `emit` state is settled (`state` given: the worker emits with a copy of it).
 */
export const sendsBytes = (formatter: Formatter, state?: Record<string, unknown>): boolean => formatter.streaming && (!formatter.emit || state !== undefined);

/** UTF-8 text appended into one growing buffer of its own (transferable: never a pooled slice). */
export class ByteSink {
  private buffer: Buffer;
  private used = 0;
  constructor(size: number) {
    this.buffer = Buffer.allocUnsafeSlow(size);
  }
  append(text: string): void {
    // At most 3 UTF-8 bytes per UTF-16 unit.
    if (this.used + text.length * 3 > this.buffer.length) {
      const bigger = Buffer.allocUnsafeSlow(Math.max(this.buffer.length * 2, this.used + text.length * 3));
      this.buffer.copy(bigger, 0, 0, this.used);
      this.buffer = bigger;
    }
    this.used += this.buffer.write(text, this.used);
  }
  get bytes(): Uint8Array {
    return new Uint8Array(this.buffer.buffer, this.buffer.byteOffset, this.used);
  }
}

/** Output bytes per deal of the latest batch: the next batch's buffer is sized from it (growing it copies). */
let bytesPerDeal = 0;

/** A unit's outcomes as a worker sends them. */
export function batchOutcome(formatter: Formatter, unit: UnitOutcomes, state?: Record<string, unknown>): BatchOutcome {
  if (!sendsBytes(formatter, state)) return { kind: 'pieces', ...unit };
  const sink = new ByteSink(Math.max(1 << 12, Math.ceil(bytesPerDeal * 1.25 * unit.outcomes.length)));
  const stats: DealStats[] = [];
  const sources: Source[] = [];
  const errors: InputError[] = [];
  const separator = formatter.separator ?? '';
  const emitState = state && { ...state };
  for (let i = 0; i < unit.outcomes.length; i++) {
    const o = unit.outcomes[i]!;
    if (!o.ok) {
      errors.push(...o.errors);
      continue;
    }
    if (stats.length > 0 && separator) sink.append(separator);
    sink.append(emitState && formatter.emit ? formatter.emit(o.piece, emitState) : o.piece);
    stats.push(o.stats);
    sources.push(unit.sources[i]!);
  }
  const bytes = sink.bytes;
  if (unit.outcomes.length > 0) bytesPerDeal = Math.max(bytesPerDeal * 0.5, bytes.length / unit.outcomes.length);
  return { kind: 'bytes', bytes, stats, sources, errors, ...(unit.stop ? { stop: true } : {}) };
}
