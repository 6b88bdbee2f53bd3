/** Reading a file the user named on the command line: a missing or unreadable file is a usage error. */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
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
