/** The worker thread of `--jobs N` (dist/cli-worker.js): audits batches of deals, in order, and formats them. */
import { parentPort, workerData } from 'node:worker_threads';
import { batchOutcome } from './audit/batch.js';
import { dealAuditor, type AuditSettings, type DealEvent } from './audit/engine.js';
import { formatterOf } from './formatters/index.js';

const settings = (workerData as { settings: AuditSettings }).settings;
const audit = dealAuditor(settings);
const formatter = formatterOf(settings.format);
parentPort!.on('message', ({ seq, events }: { seq: number; events: DealEvent[] }) => {
  try {
    const batch = batchOutcome(formatter, events.map(audit));
    // The buffer moves to the main thread (transferred, not copied).
    parentPort!.postMessage({ seq, batch }, batch.kind === 'bytes' ? [batch.bytes.buffer as ArrayBuffer] : []);
  } catch (error) {
    parentPort!.postMessage({ seq, error: error instanceof Error ? error.message : String(error) });
  }
});
