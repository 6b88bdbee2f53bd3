/** `--model FILE`: a probability model file (models/default.json, or `dealqual calibrate --out`). */
import { parseModel } from '../model/file.js';
import type { Model } from '../model/prior.js';
import { UsageError } from './errors.js';
import { jsonOf, readUserText } from './user-file.js';

/** Reads and validates a model file (parseModel refuses keys that reach a prototype); a `UsageError` lists every issue by file and key. */
export async function readModelFile(path: string, cwd: string): Promise<Model> {
  const parsed = parseModel(jsonOf(await readUserText(path, cwd, 'model file'), path), path);
  if (!parsed.ok) throw new UsageError(`invalid model file:\n${parsed.issues.map((i) => `  ${i.file} ${i.path}: ${i.message}`).join('\n')}`);
  return parsed.model;
}
