/** The worker thread of `--jobs N` (dist/cli-worker.js): audits batches of deals, in order. */
import { parentPort, workerData } from 'node:worker_threads';
import { dealAuditor, type AuditSettings, type DealEvent } from './audit/engine.js';

const audit = dealAuditor((workerData as { settings: AuditSettings }).settings);
parentPort!.on('message', ({ seq, events }: { seq: number; events: DealEvent[] }) => {
  try {
    parentPort!.postMessage({ seq, outcomes: events.map(audit) });
  } catch (error) {
    parentPort!.postMessage({ seq, error: error instanceof Error ? error.message : String(error) });
  }
});
