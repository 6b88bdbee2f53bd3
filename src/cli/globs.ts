/**
 * Glob patterns among input paths (`'deals/**\/*.json'`, quoted so the shell leaves them), expanded
 * with tinyglobby: files only, sorted by path, dot files and node_modules skipped (as directory walks
 * are). A path that exists is taken as it is, even with glob characters in its name. Symbolic links
 * are followed as a directory walk follows them: a match reached through a link back into a folder
 * that holds it (a loop) is dropped and the link reported, never audited twice in silence.
 */
import { existsSync } from 'node:fs';
import { lstat, realpath } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import picomatch from 'picomatch';
import { glob } from 'tinyglobby';
import { LOOP_FOLDER, LOOP_LINK } from '../node/inputs.js';
import { UsageError, type InputError } from './errors.js';

const MAGIC = /[*?[\]{}]/;
/** What a pattern never matches: dot files and folders (`dot: false`) and node_modules. */
const SKIPPED = { dot: false, ignore: ['**/node_modules/**'] };
const slashes = (path: string) => path.replace(/\\/g, '/');

/** Whether an argument is a glob pattern (and not an existing path). */
export const isGlob = (path: string, cwd: string): boolean => path !== '-' && MAGIC.test(path) && !existsSync(resolve(cwd, path));

/** The folder a pattern's matches are all under: its leading segments without glob characters. */
export function baseOf(pattern: string): string {
  const parts = pattern.split('/');
  const fixed: string[] = [];
  for (const part of parts.slice(0, -1)) {
    if (MAGIC.test(part)) break;
    fixed.push(part);
  }
  return fixed.join('/') || '.';
}

/**
 * Where a matched path (relative to `cwd`), below its pattern's `base` folder, first enters a folder
 * it has already passed through (by real path, the base included): the link that closes a loop
 * (relative to `cwd`), or undefined. `real` caches real paths by absolute folder.
 */
async function loopOf(file: string, base: string, cwd: string, real: Map<string, Promise<string>>): Promise<string | undefined> {
  const from = resolve(cwd, base);
  const rest = relative(from, resolve(cwd, file)).split(sep);
  const seen = new Set<string>();
  let folder = from;
  for (let i = 0; i < rest.length; i++) {
    if (i > 0) folder = join(folder, rest[i - 1]!);
    let at = real.get(folder);
    if (!at) real.set(folder, (at = realpath(folder).catch(() => folder)));
    const path = await at;
    if (seen.has(path)) return relative(cwd, folder).split(sep).join('/');
    seen.add(path);
  }
  return undefined;
}

/**
 * The input paths with each glob pattern replaced by the files it matches (code-point order), and
 * the links that close a loop (each once, as input errors).
 * @throws UsageError when a pattern matches no file
 */
export async function expandGlobs(paths: readonly string[], cwd: string): Promise<{ paths: string[]; errors: InputError[] }> {
  const out: string[] = [];
  const loops = new Set<string>();
  const real = new Map<string, Promise<string>>();
  for (const path of paths) {
    if (!isGlob(path, cwd)) {
      out.push(path);
      continue;
    }
    const pattern = slashes(path);
    const files = await glob(pattern, { cwd, onlyFiles: true, ...SKIPPED, expandDirectories: false });
    const kept: string[] = [];
    const base = baseOf(pattern);
    for (const file of files) {
      const loop = await loopOf(file, base, cwd, real);
      if (loop === undefined) kept.push(file);
      else loops.add(loop);
    }
    if (kept.length === 0 && loops.size === 0) throw new UsageError(`no files match the pattern "${path}"`);
    out.push(...kept.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
  }
  const errors: InputError[] = [];
  for (const file of [...loops].sort()) {
    // A folder gone since the glob (a race) still closed a loop when it was read.
    const link = await lstat(resolve(cwd, file)).then((s) => s.isSymbolicLink(), () => false);
    errors.push({ source: { file }, message: link ? LOOP_LINK : LOOP_FOLDER });
  }
  return { paths: out, errors };
}

/**
 * Whether the glob pattern picks up `file` (an absolute path, existing or not) by the rules
 * `expandGlobs` globs with: a report written there would be read as a deal by the next run.
 */
export function globPicks(pattern: string, file: string, cwd: string): boolean {
  return picomatch(slashes(pattern), SKIPPED)(slashes(isAbsolute(pattern) ? file : relative(cwd, file)));
}
