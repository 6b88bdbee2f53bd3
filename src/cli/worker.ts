/**
 * The worker thread of `--jobs N` (dist/cli-worker.js): audits units of deals (batches, or chunks
 * of JSON Lines in bytes), in order, and formats them deal by deal into buffers it sends back
 * transferred; the main thread hands written buffers back (`spare`) for later units.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { auditBatch, giveBack, type Unit } from './audit/batch.js';
import { dealAuditor, type AuditSettings } from './audit/engine.js';
import { formatterOf } from './formatters/index.js';

const settings = (workerData as { settings: AuditSettings }).settings;
const audit = dealAuditor(settings);
const formatter = formatterOf(settings.format);
const spare: ArrayBuffer[] = [];
parentPort!.on('message', ({ seq, unit, state, buffers }: { seq: number; unit: Unit; state?: Record<string, unknown>; buffers?: ArrayBuffer[] }) => {
  for (const buffer of buffers ?? []) giveBack(spare, buffer);
  try {
    const batch = auditBatch(unit, audit, formatter, state, spare);
    // The buffers move to the main thread (transferred, not copied).
    parentPort!.postMessage({ seq, batch }, batch.kind === 'bytes' ? batch.parts.map((p) => p.buffer as ArrayBuffer) : []);
  } catch (error) {
    parentPort!.postMessage({ seq, error: error instanceof Error ? error.message : String(error) });
  }
});
