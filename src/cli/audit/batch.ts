/**
 * What a worker thread sends back for a batch of deals (--jobs). Streaming formats whose pieces
 * need no main-thread step (json, jsonl, stylish) come back as one UTF-8 buffer per batch, the
 * pieces already joined by the format's separator, transferred rather than copied; the main thread
 * only writes it. Other formats send their pieces as text (csv aligns columns on the main thread;
 * junit, markdown and xlsx keep every piece for the end).
 */
import type { InputError } from '../errors.js';
import type { Formatter } from '../formatters/types.js';
import type { DealStats } from '../formatters/types.js';
import type { DealOutcome } from './engine.js';

export type BatchOutcome =
  | { kind: 'pieces'; outcomes: DealOutcome[] }
  | {
      kind: 'bytes';
      /** The batch's output: its deals' pieces joined by the format's separator (empty when it has no deal). */
      bytes: Uint8Array;
      /** Per audited deal, in input order. */
      stats: DealStats[];
      /** Where each `stats` entry's deal sits in the batch (the batch may hold deals that failed). */
      positions: number[];
      /** Input errors, in input order. */
      errors: InputError[];
    };

/** Whether a format's batches can travel as bytes. */
export const sendsBytes = (formatter: Formatter): boolean => formatter.streaming && !formatter.emit;

const encoder = new TextEncoder();

/** A batch's outcomes as a worker sends them. */
export function batchOutcome(formatter: Formatter, outcomes: DealOutcome[]): BatchOutcome {
  if (!sendsBytes(formatter)) return { kind: 'pieces', outcomes };
  const pieces: string[] = [];
  const stats: DealStats[] = [];
  const positions: number[] = [];
  const errors: InputError[] = [];
  for (let i = 0; i < outcomes.length; i++) {
    const o = outcomes[i]!;
    if (o.ok) {
      pieces.push(o.piece);
      stats.push(o.stats);
      positions.push(i);
    } else errors.push(...o.errors);
  }
  return { kind: 'bytes', bytes: encoder.encode(pieces.join(formatter.separator ?? '')), stats, positions, errors };
}
