/**
 * Inputs with no deals (issue 11) disagreed: empty JSONL/CSV and closed stdin exited 0, an empty
 * folder 2. The rule now (docs/cli.md): every input named on the command line must hold at least one
 * deal; one that holds none is an input error naming it (exit 2).
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AS_OF, folder, run } from './io.js';

describe('inputs with no deals', () => {
  it.each([
    ['an empty JSON Lines file', 'e.jsonl', '', /e\.jsonl: no deals: the file holds none/],
    ['a JSON Lines file of blank lines', 'e.jsonl', '\n\n  \n', /e\.jsonl: no deals/],
    ['an empty CSV', 'e.csv', '', /e\.csv: no deals/],
    ['a CSV with only its header', 'e.csv', 'id,s1.1\n', /e\.csv: no deals/],
    ['an empty JSON array', 'e.json', '[]', /e\.json: no deals/],
  ])('%s is exit 2', async (_, name, content, message) => {
    const r = await run(['audit', name], folder({ [name]: content }));
    expect(r.stderr).toMatch(message);
    expect(r.code).toBe(2);
  });

  it('closed stdin is exit 2', async () => {
    const r = await run(['audit', '-'], folder());
    expect(r.stderr).toMatch(/<stdin>: no deals: stdin is empty/);
    expect(r.code).toBe(2);
  });

  it('an empty folder, and a folder of empty files, are exit 2', async () => {
    const dir = folder({ 'x.jsonl': '' });
    mkdirSync(join(dir, 'empty'));
    const empty = await run(['audit', 'empty'], dir);
    expect(empty.stderr).toMatch(/empty: no deals: the directory holds no \.json/);
    expect(empty.code).toBe(2);
    const blank = await run(['audit', '.'], dir);
    expect(blank.stderr).toMatch(/no deals: every file in the directory is empty/);
    expect(blank.code).toBe(2);
  });

  it('an empty file inside a folder that holds deals is not an error: the folder is the input', async () => {
    const r = await run(['audit', '.', '-f', 'jsonl'], folder({ 'a.jsonl': `{"id":"A","asOf":"${AS_OF}","outcome":"won"}\n`, 'b.jsonl': '' }));
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
  });

  it('diff and explain follow the same rule', async () => {
    const dir = folder({ 'e.jsonl': '', 'a.jsonl': `{"id":"A","asOf":"${AS_OF}"}\n` });
    const diff = await run(['diff', 'a.jsonl', 'e.jsonl'], dir);
    expect(diff.stderr).toMatch(/e\.jsonl: no deals/);
    expect(diff.code).toBe(2);
  });
});
