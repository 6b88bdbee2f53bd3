/**
 * Symbolic links (issue 11): a pack item file linking out of the pack folder was read and its content
 * echoed in the error; symlinked deal files in an input folder were skipped in silence. Pack files
 * are resolved and refused outside the pack folder; input folders follow links, reporting loops and
 * broken links. A glob pattern through a link loop audited the same file twice (with a duplicate-id
 * warning and the deal counted twice): a glob follows links as a folder walk does, and reports the
 * link that closes a loop in the walk's words.
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

describe('glob patterns', () => {
  const deal = (id: string) => `{"id":"${id}","asOf":"${AS_OF}","outcome":"won"}\n`;
  const tree = () => {
    const dir = folder();
    mkdirSync(join(dir, 'deals', 'sub'), { recursive: true });
    mkdirSync(join(dir, 'more'));
    writeFileSync(join(dir, 'deals', 'a.jsonl'), deal('A'));
    writeFileSync(join(dir, 'deals', 'sub', 'b.jsonl'), deal('B'));
    writeFileSync(join(dir, 'more', 'm.jsonl'), deal('M'));
    symlinkSync(join(dir, 'more'), join(dir, 'deals', 'linked'));
    return dir;
  };

  it('a symlinked folder is followed, as a folder walk follows it', async () => {
    const dir = tree();
    const r = await run(['audit', 'deals/**/*.jsonl', '-f', 'jsonl'], dir);
    expect(dealsOf(r.stdout).map((d) => d.id)).toEqual(['A', 'M', 'B']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
  });

  it.each([
    ['a link to the pattern\'s own folder', 'deals', 'deals/sub/up', ['deals/**/*.jsonl'], 'deals/sub/up: a symbolic link back into a folder that holds it'],
    ['a link to a folder above it', 'deals/sub', 'deals/sub/back', ['deals/**/*.jsonl'], 'deals/sub/back: a symbolic link back into a folder that holds it'],
    // The link leads above the pattern's folder, whose own sub-folder then closes the loop (the
    // folder walk read b.jsonl twice here too).
    ['a pattern that starts below the link', 'deals', 'deals/sub/up', ['deals/sub/**/*.jsonl'], 'deals/sub/up/sub: a folder already being walked, reached again through a symbolic link above it'],
  ])('%s: each deal once, the loop reported as the walk reports it', async (_, target, link, args, said) => {
    const dir = tree();
    symlinkSync(join(dir, target), join(dir, link));
    const r = await run(['audit', ...args, '-f', 'jsonl'], dir);
    const ids = dealsOf(r.stdout).map((d) => d.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(r.stdout).not.toContain('duplicate-id');
    const walked = await run(['audit', args[0]!.replace('/**/*.jsonl', ''), '-f', 'jsonl'], dir);
    expect(ids.sort()).toEqual(dealsOf(walked.stdout).map((d) => d.id).sort());
    expect(r.stderr).toBe(walked.stderr);
    expect(r.stderr).toContain(`${said} (a loop); not followed`);
    expect(r.code).toBe(2);
  });
});
