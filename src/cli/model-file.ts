/** `--model FILE`: a probability model file (models/default.json, or `dealqual calibrate --out`). */
import { MAX_MODEL_JSON_DEPTH, parseModel } from '../model/file.js';
import type { Model } from '../model/prior.js';
import { UsageError } from './errors.js';
import { readSettingsFile } from './user-file.js';

/** Reads and validates a model file; a `UsageError` lists every issue by file and key. */
export async function readModelFile(path: string, cwd: string): Promise<Model> {
  const parsed = parseModel(await readSettingsFile(path, cwd, 'model file', MAX_MODEL_JSON_DEPTH), path);
  if (!parsed.ok) throw new UsageError(`invalid model file:\n${parsed.issues.map((i) => `  ${i.file} ${i.path}: ${i.message}`).join('\n')}`);
  return parsed.model;
}
