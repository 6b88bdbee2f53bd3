/**
 * Glob patterns among input paths (`'deals/**\/*.json'`, quoted so the shell leaves them), expanded
 * with tinyglobby: files only, sorted by path, dot files and node_modules skipped (as directory walks
 * are). A path that exists is taken as it is, even with glob characters in its name.
 */
import { existsSync } from 'node:fs';
import { isAbsolute, relative, resolve } from 'node:path';
import picomatch from 'picomatch';
import { glob } from 'tinyglobby';
import { UsageError } from './errors.js';

const MAGIC = /[*?[\]{}]/;
/** What a pattern never matches: dot files and folders (`dot: false`) and node_modules. */
const SKIPPED = { dot: false, ignore: ['**/node_modules/**'] };
const slashes = (path: string) => path.replace(/\\/g, '/');

/** Whether an argument is a glob pattern (and not an existing path). */
export const isGlob = (path: string, cwd: string): boolean => path !== '-' && MAGIC.test(path) && !existsSync(resolve(cwd, path));

/**
 * The input paths with each glob pattern replaced by the files it matches (code-point order).
 * @throws UsageError when a pattern matches no file
 */
export async function expandGlobs(paths: readonly string[], cwd: string): Promise<string[]> {
  const out: string[] = [];
  for (const path of paths) {
    if (!isGlob(path, cwd)) {
      out.push(path);
      continue;
    }
    const files = await glob(slashes(path), { cwd, onlyFiles: true, ...SKIPPED, expandDirectories: false });
    if (files.length === 0) throw new UsageError(`no files match the pattern "${path}"`);
    out.push(...files.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
  }
  return out;
}

/**
 * Whether the glob pattern picks up `file` (an absolute path, existing or not) by the rules
 * `expandGlobs` globs with: a report written there would be read as a deal by the next run.
 */
export function globPicks(pattern: string, file: string, cwd: string): boolean {
  return picomatch(slashes(pattern), SKIPPED)(slashes(isAbsolute(pattern) ? file : relative(cwd, file)));
}
