/** Reading a file the user named on the command line: a missing or unreadable file is a usage error. */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { checkJson, jsonProblemMessage } from '../json-guard.js';
import { parseJson } from '../node/json.js';
import { jsonPath } from '../packs/load.js';
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
 * The JSON value of a file's text (`parseJson`: a leading BOM ignored); a syntax error is a usage
 * error naming the file, line and column.
 * @param name how messages name the file
 */
export function jsonOf(text: string, name: string): unknown {
  const parsed = parseJson(text);
  if (!parsed.ok) throw new UsageError(`${name}:${parsed.line}:${parsed.column}: ${parsed.message}`);
  return parsed.value;
}

/** The most a config or mapping file may nest: far more than either needs, and checked without recursion. */
export const MAX_SETTINGS_JSON_DEPTH = 64;

/**
 * The JSON of a config or mapping file, whose schemas would drop an own `__proto__` key in silence:
 * `jsonOf`, then refused where it nests deeper than MAX_SETTINGS_JSON_DEPTH or has a key that
 * reaches a prototype (`checkJson`), each a usage error with its JSON path. (Model and pack files
 * get the same check from `parseModel` and `parsePack`.)
 * @param what the kind of file, for the message: 'config', 'mapping'
 * @example settingsJson('{"rules":{"__proto__":1}}', 'c.json', 'config') // throws: invalid config: c.json $.rules.__proto__: the key "__proto__" is not allowed anywhere in a config (…)
 */
export function settingsJson(text: string, name: string, what: string): unknown {
  const value = jsonOf(text, name);
  const problem = checkJson(value, MAX_SETTINGS_JSON_DEPTH);
  if (problem) throw new UsageError(`invalid ${what}:\n  ${name} ${jsonPath(problem.path)}: ${jsonProblemMessage(problem, what, MAX_SETTINGS_JSON_DEPTH)}`);
  return value;
}

/** Reads and parses a config or mapping file named by a flag (`settingsJson`), relative to `cwd`. */
export async function readSettingsFile(path: string, cwd: string, what: string): Promise<unknown> {
  return settingsJson(await readUserText(path, cwd, what), path, what);
}
