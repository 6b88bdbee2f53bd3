/** `--model FILE`: a probability model file (models/default.json, or `dealqual calibrate --out`). */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseModelText } from '../model/file.js';
import type { Model } from '../model/prior.js';
import { UsageError } from './errors.js';

/** Reads and validates a model file; a `UsageError` lists every issue by file and key. */
export async function readModelFile(path: string, cwd: string): Promise<Model> {
  let text: string;
  try {
    text = await readFile(resolve(cwd, path), 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read the model file ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  const parsed = parseModelText(text, path);
  if (!parsed.ok) throw new UsageError(`invalid model file:\n${parsed.issues.map((i) => `  ${i.file} ${i.path}: ${i.message}`).join('\n')}`);
  return parsed.model;
}
