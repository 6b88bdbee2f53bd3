/**
 * The audit loop: read inputs as a stream, audit each deal (inline or on worker threads, output
 * kept in input order), write streaming formats deal by deal and keep only summary counters, so a
 * JSON Lines file of any length audits in bounded memory. Input errors are collected (up to a cap)
 * and reported after every other deal.
 */
import { readAuditInputs, type ReadOptions } from '../../node/inputs.js';
import type { Writer } from '../command.js';
import { formatterOf } from '../formatters/index.js';
import { addDuplicate, addInputError, addStats, emptySummary, pieceKeys, splitParts, type DealStats, type Summary } from '../formatters/types.js';
import type { Source } from '../errors.js';
import { severityOf } from '../policy.js';
import { dealAuditor, type AuditSettings, type DealEvent, type DealOutcome } from './engine.js';
import { auditBatch, auditUnit, type BatchOutcome, type Unit } from './batch.js';
import { Spool } from './spool.js';
import { BufferedWriter } from './writer.js';
import { UnsentUnit, WorkerPool } from './pool.js';
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
  /** Input errors found before reading (a glob match through a symbolic-link loop). */
  errors?: readonly InputError[];
  /** Called on the main thread for every deal before it is audited: input errors it returns are added once (header checks). */
  check?: (event: DealEvent) => readonly InputError[] | undefined;
}

const BATCH = 256;

export async function runAudit(paths: readonly string[], settings: AuditSettings, options: RunOptions): Promise<Summary> {
  const formatter = formatterOf(settings.format);
  const summary = emptySummary();
  for (const e of options.errors ?? []) addInputError(summary, e);
  const out = new BufferedWriter(options.out);
  const pieces: string[] = [];
  let first = true;
  const state: Record<string, unknown> = {};
  if (formatter.begin) out.append(formatter.begin(settings.context));
  // A spooled format's parts wait in temporary files; its keys are numbered in order of first use.
  const spools: Spool[] = [];
  const keys = new Map<string, number>();
  const addKey = (key: string) => keys.has(key) || keys.set(key, keys.size);

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
  /** Before a streaming format's next output: the separator, unless it is the first. */
  const separate = () => {
    if (!first && formatter.separator) out.append(formatter.separator);
    first = false;
  };
  const progress = () => options.progress?.(summary.deals, summary.inputErrors.length + summary.moreInputErrors);
  /** One deal's outcome, on the main thread (synchronous: the caller flushes when a buffer is full). */
  const take = (outcome: DealOutcome, source: Source) => {
    if (!outcome.ok) {
      for (const e of outcome.errors) addInputError(summary, e);
      return;
    }
    count(outcome.stats, source);
    const text = formatter.emit ? formatter.emit(outcome.piece, state) : outcome.piece;
    if (formatter.spool) {
      splitParts(text, spools.length).forEach((part, p) => spools[p]!.out.append(part));
      if (formatter.spool.keys) for (const key of pieceKeys(text)) addKey(key);
    } else if (!formatter.streaming) pieces.push(text);
    else {
      separate();
      out.append(text);
    }
  };
  const flushFull = async () => {
    if (out.full) await out.flush();
    for (const spool of spools) if (spool.out.full) await spool.out.flush();
  };

  // A decode error ends the reading of its file (as the streaming reader does): later chunks of it are dropped.
  let stopped: number | undefined;
  const inputs = readAuditInputs(paths, { ...options.read, lineChunks: true });
  try {
    if (formatter.spool) for (let p = 0; p < formatter.spool.parts; p++) spools.push(await Spool.open());
    if (options.jobs <= 1 || !options.workerScript) {
      const audit = dealAuditor(settings);
      for await (const input of inputs) {
        if (input.kind === 'error') addInputError(summary, input.error);
        else if (input.kind === 'lines') {
          if (input.reading === stopped) continue;
          if (auditUnit(input, audit, take)) stopped = input.reading;
        } else {
          for (const e of options.check?.(input) ?? []) addInputError(summary, e);
          take(audit(input), input.source);
        }
        progress();
        await flushFull();
      }
    } else {
      const pool = new WorkerPool(options.jobs, settings, options.workerScript);
      /** A batch from a worker: its pieces one by one, or its bytes part by part, each in one write (the buffer then goes back). */
      const takeBatch = async (batch: BatchOutcome) => {
        if (batch.kind === 'pieces') for (let i = 0; i < batch.outcomes.length; i++) take(batch.outcomes[i]!, batch.sources[i]!);
        else {
          for (const e of batch.errors) addInputError(summary, e);
          for (let i = 0; i < batch.stats.length; i++) count(batch.stats[i]!, batch.sources[i]!);
          for (const key of batch.keys ?? []) addKey(key);
          const release = (bytes: Uint8Array) => () => pool.recycle(bytes.buffer as ArrayBuffer);
          if (formatter.spool) for (let p = 0; p < spools.length; p++) await spools[p]!.out.writeBytes(batch.parts[p]!, release(batch.parts[p]!));
          else if (batch.stats.length > 0) {
            separate();
            await out.writeBytes(batch.parts[0]!, release(batch.parts[0]!));
          } else pool.recycle(batch.parts[0]!.buffer as ArrayBuffer);
        }
        progress();
        await flushFull();
      };
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
      // A unit no worker can be sent (a deal nested too deep to copy between threads) is audited
      // here, exactly as a worker would audit it, in its place in the output.
      let here: ((event: DealEvent) => DealOutcome) | undefined;
      const dispatch = (unit: Unit): Promise<BatchOutcome> => {
        const state = emitState();
        return pool.run(unit, state).catch((error: unknown) => {
          if (error instanceof UnsentUnit) return auditBatch(unit, (here ??= dealAuditor(settings)), formatter, state);
          throw error;
        });
      };
      const send = () => {
        if (batch.length) queue.push({ outcome: dispatch({ kind: 'events', events: batch }) });
        batch = [];
      };
      try {
        for await (const input of inputs) {
          if (input.kind === 'error') {
            send();
            queue.push({ outcome: Promise.resolve(failed([input.error], input.error.source)) });
          } else if (input.kind === 'lines') {
            send();
            queue.push({ reading: input.reading, outcome: dispatch(input) });
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
    if (formatter.spool) {
      for (const spool of spools) await spool.out.flush();
      const layout = formatter.spool.layout(summary, settings.context, spools.map((s) => s.size), [...keys.keys()]);
      for (const entry of layout) {
        if (typeof entry === 'string') out.append(entry);
        else await spools[entry.part]!.copyTo(out, entry.skip ?? 0, formatter.spool.keys ? keys : undefined);
        if (out.full) await out.flush();
      }
    } else if (formatter.end) {
      const closing = await formatter.end(summary, settings.context, pieces, state);
      for (const part of typeof closing === 'string' ? [closing] : closing) {
        out.append(part);
        if (out.full) await out.flush();
      }
    }
  } finally {
    for (const spool of spools) await spool.close();
  }
  await out.flush();
  return summary;
}
