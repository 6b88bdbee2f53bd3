/** Reading a file the user named on the command line: a missing or unreadable file is a usage error. */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseSettingsJson } from '../node/json.js';
import { UsageError } from './errors.js';

/**
 * The text of a file named by a flag, relative to `cwd`.
 * @param what how the message names the file, e.g. 'model file', 'mapping'
 */
export async function readUserText(path: string, cwd: string, what: string): Promise<string> {
  try {
    return await readFile(resolve(cwd, path), 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read the ${what} ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
}

/**
 * The JSON of a settings file (config, mapping, model file) by `parseSettingsJson`: a syntax error
 * (with line and column) or a key that reaches a prototype (with its JSON path) is a usage error.
 * @param name how messages name the file
 */
export function settingsJson(text: string, name: string, what: string, maxDepth?: number): unknown {
  const parsed = parseSettingsJson(text, what, maxDepth);
  if (parsed.ok) return parsed.value;
  if ('line' in parsed) throw new UsageError(`${name}:${parsed.line}:${parsed.column}: ${parsed.message}`);
  throw new UsageError(`invalid ${what}:\n  ${name} ${parsed.path}: ${parsed.message}`);
}

/** Reads and parses a settings file named by a flag (`settingsJson`), relative to `cwd`. */
export async function readSettingsFile(path: string, cwd: string, what: string, maxDepth?: number): Promise<unknown> {
  return settingsJson(await readUserText(path, cwd, what), path, what, maxDepth);
}
