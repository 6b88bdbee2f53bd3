/**
 * Symbolic links (issue 11): a pack item file linking out of the pack folder was read and its content
 * echoed in the error; symlinked deal files in an input folder were skipped in silence. Pack files
 * are resolved and refused outside the pack folder; input folders follow links, reporting loops and
 * broken links.
 */
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readPack } from '../../src/node/read-pack.js';
import { AS_OF, dealsOf, folder, run } from './io.js';

describe('pack item files', () => {
  it('an item file that links outside the pack folder is refused without being read', async () => {
    const dir = folder({ 'secret.json': '{"password": "hunter2"}' });
    mkdirSync(join(dir, 'pack'));
    writeFileSync(join(dir, 'pack', 'pack.json'), JSON.stringify({ id: 'p', itemFiles: ['items.json'] }));
    symlinkSync(join(dir, 'secret.json'), join(dir, 'pack', 'items.json'));
    const read = await readPack('pack', dir);
    expect(read.ok).toBe(false);
    if (read.ok) return;
    expect(read.issues).toEqual([{ file: 'pack/pack.json', path: '$.itemFiles', message: 'item file "items.json" is a link to a file outside the pack folder; item files must be inside it' }]);
    expect(JSON.stringify(read.issues)).not.toContain('hunter2');
  });

  it('a link to a file inside the pack folder is read', async () => {
    const dir = folder();
    mkdirSync(join(dir, 'pack'));
    writeFileSync(join(dir, 'pack', 'pack.json'), JSON.stringify({ id: 'p', itemFiles: ['items.json'] }));
    writeFileSync(join(dir, 'pack', 'real.json'), '{ not json');
    symlinkSync(join(dir, 'pack', 'real.json'), join(dir, 'pack', 'items.json'));
    const read = await readPack('pack', dir);
    expect(read.ok).toBe(false);
    if (!read.ok) expect(read.issues[0]!.file).toMatch(/^pack\/items\.json:1:/);
  });
});

describe('input folders', () => {
  const deal = (id: string) => `{"id":"${id}","asOf":"${AS_OF}","outcome":"won"}\n`;

  it('a symlinked deal file and a symlinked folder are followed', async () => {
    const dir = folder({ 'outside.jsonl': deal('L') });
    mkdirSync(join(dir, 'deals'));
    mkdirSync(join(dir, 'more'));
    writeFileSync(join(dir, 'deals', 'a.jsonl'), deal('A'));
    writeFileSync(join(dir, 'more', 'm.jsonl'), deal('M'));
    symlinkSync(join(dir, 'outside.jsonl'), join(dir, 'deals', 'link.jsonl'));
    symlinkSync(join(dir, 'more'), join(dir, 'deals', 'sub'));
    const r = await run(['audit', 'deals', '-f', 'jsonl'], dir);
    expect(dealsOf(r.stdout).map((d) => d.id)).toEqual(['A', 'L', 'M']);
    expect(r.code).toBe(0);
  });

  it('a link loop and a broken link are reported, and the other deals audited', async () => {
    const dir = folder();
    mkdirSync(join(dir, 'deals'));
    writeFileSync(join(dir, 'deals', 'a.jsonl'), deal('A'));
    symlinkSync(join(dir, 'deals'), join(dir, 'deals', 'loop'));
    symlinkSync(join(dir, 'nowhere.jsonl'), join(dir, 'deals', 'broken.jsonl'));
    const r = await run(['audit', 'deals', '-f', 'jsonl'], dir);
    expect(dealsOf(r.stdout).map((d) => d.id)).toEqual(['A']);
    expect(r.stderr).toMatch(/deals\/broken\.jsonl: a broken symbolic link \(ENOENT\)/);
    expect(r.stderr).toMatch(/deals\/loop: a symbolic link back into a folder that holds it \(a loop\); not followed/);
    expect(r.code).toBe(2);
  });
});
