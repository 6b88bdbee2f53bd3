/** The worker thread of `--jobs N` (dist/cli-worker.js): audits units of deals (batches, or chunks of JSON Lines in bytes), in order, and formats them. */
import { parentPort, workerData } from 'node:worker_threads';
import { auditUnit, batchOutcome, type Unit } from './audit/batch.js';
import { dealAuditor, type AuditSettings } from './audit/engine.js';
import { formatterOf } from './formatters/index.js';

const settings = (workerData as { settings: AuditSettings }).settings;
const audit = dealAuditor(settings);
const formatter = formatterOf(settings.format);
parentPort!.on('message', ({ seq, unit, state }: { seq: number; unit: Unit; state?: Record<string, unknown> }) => {
  try {
    const batch = batchOutcome(formatter, auditUnit(unit, audit), state);
    // The buffer moves to the main thread (transferred, not copied).
    parentPort!.postMessage({ seq, batch }, batch.kind === 'bytes' ? [batch.bytes.buffer as ArrayBuffer] : []);
  } catch (error) {
    parentPort!.postMessage({ seq, error: error instanceof Error ? error.message : String(error) });
  }
});
