/** `--model FILE`: a probability model file (models/default.json, or `dealqual calibrate --out`). */
import { parseModelText } from '../model/file.js';
import type { Model } from '../model/prior.js';
import { UsageError } from './errors.js';
import { readUserText } from './user-file.js';

/** Reads and validates a model file; a `UsageError` lists every issue by file and key. */
export async function readModelFile(path: string, cwd: string): Promise<Model> {
  const parsed = parseModelText(await readUserText(path, cwd, 'model file'), path);
  if (!parsed.ok) throw new UsageError(`invalid model file:\n${parsed.issues.map((i) => `  ${i.file} ${i.path}: ${i.message}`).join('\n')}`);
  return parsed.model;
}
