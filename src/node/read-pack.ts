/**
 * Reads a user's rule pack — a pack file, or a folder holding `pack.json` and the files its
 * `itemFiles` name — and validates it as untrusted data with `parsePack`. Problems come back as
 * issues naming the file and the JSON path; nothing is thrown for bad input.
 */
import { readFile, realpath, stat } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { parsePack, type PackIssue, type PackParse } from '../packs/load.js';
import { parseJson } from './json.js';

async function readJson(path: string, label: string): Promise<{ ok: true; value: unknown } | { ok: false; issue: PackIssue }> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    return { ok: false, issue: { file: label, path: '$', message: `cannot read: ${(error as NodeJS.ErrnoException).code ?? String(error)}` } };
  }
  const parsed = parseJson(text);
  if (!parsed.ok) return { ok: false, issue: { file: `${label}:${parsed.line}:${parsed.column}`, path: '$', message: parsed.message } };
  return parsed;
}

/** Why `path` may not be read as a file of the pack in `dir`, or undefined when it may (or is missing). */
async function outsideOf(dir: string, path: string): Promise<string | undefined> {
  let real: string;
  try {
    real = await realpath(path);
  } catch {
    return undefined;
  }
  const inside = relative(await realpath(dir), real);
  if (inside === '' || inside.startsWith('..') || isAbsolute(inside)) return 'is a link to a file outside the pack folder; item files must be inside it';
  return undefined;
}

/**
 * @param target a pack file or folder, relative to `cwd`
 * @example await readPack('packs/my-pack', process.cwd()) // { ok: true, pack } or { ok: false, issues }
 */
export async function readPack(target: string, cwd: string): Promise<PackParse> {
  const absolute = resolve(cwd, target);
  const display = (p: string) => {
    const rel = relative(cwd, p);
    return rel === '' ? basename(p) : rel.startsWith('..') ? p : rel;
  };
  let manifestPath = absolute;
  try {
    if ((await stat(absolute)).isDirectory()) manifestPath = join(absolute, 'pack.json');
  } catch (error) {
    return { ok: false, issues: [{ file: target, path: '$', message: `no such pack file or folder (${(error as NodeJS.ErrnoException).code ?? String(error)})` }] };
  }
  const manifest = await readJson(manifestPath, display(manifestPath));
  if (!manifest.ok) return { ok: false, issues: [manifest.issue] };
  const itemFiles: Record<string, unknown> = {};
  const names = (manifest.value as { itemFiles?: unknown } | null)?.itemFiles;
  if (Array.isArray(names)) {
    const issues: PackIssue[] = [];
    for (const name of names) {
      if (typeof name !== 'string') continue;
      if (name.includes('..') || name.startsWith('/') || name.includes('\\')) {
        issues.push({ file: display(manifestPath), path: '$.itemFiles', message: `item file "${name}" must be a plain file name beside the manifest` });
        continue;
      }
      const path = join(dirname(manifestPath), name);
      // A symlink may point anywhere: resolve it and refuse a file outside the pack folder, without
      // reading it (its content would otherwise be echoed in a parse error).
      const outside = await outsideOf(dirname(manifestPath), path);
      if (outside) {
        issues.push({ file: display(manifestPath), path: '$.itemFiles', message: `item file "${name}" ${outside}` });
        continue;
      }
      const item = await readJson(path, display(path));
      if (item.ok) itemFiles[name] = item.value;
      else if (!item.issue.message.startsWith('cannot read: ENOENT')) issues.push(item.issue);
    }
    if (issues.length > 0) return { ok: false, issues };
  }
  const parsed = parsePack({ manifest: manifest.value, file: display(manifestPath), itemFiles });
  if (parsed.ok) return parsed;
  // Item-file issues name the bare file name; make them paths the user can open.
  const dir = dirname(manifestPath);
  return { ok: false, issues: parsed.issues.map((i) => (i.file in itemFiles ? { ...i, file: display(join(dir, i.file)) } : i)) };
}
