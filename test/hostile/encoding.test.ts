/**
 * Non-UTF-8 input (issue 11) was silently replaced with U+FFFD. Text is decoded strictly: a byte
 * sequence that is not valid in the encoding is an input error naming the file and line; a BOM
 * (UTF-8, UTF-16 LE/BE, GB18030) picks the encoding; `--encoding gbk` reads a Chinese CRM export.
 */
import { describe, expect, it } from 'vitest';
import { AS_OF, dealsOf, folder, run } from './io.js';

/** GBK bytes, written out by hand (Node can only encode UTF-8): 张三 = D5C5 C8FD, 客户 = BFCD BBA7. */
const bytes = (...parts: (string | number[])[]) => Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : Buffer.from(p))));
const GBK_CSV = bytes('id,asOf,customer.name\n', [0xd5, 0xc5, 0xc8, 0xfd], `,${AS_OF},`, [0xbf, 0xcd, 0xbb, 0xa7], '\n');
const utf16 = (text: string, bigEndian: boolean) => {
  const le = Buffer.from(`\ufeff${text}`, 'utf16le');
  return bigEndian ? Buffer.from(le.map((_, i) => le[i ^ 1]!)) : le;
};
const CSV = `id,asOf,customer.name\n张三,${AS_OF},客户\n`;
const names = (stdout: string) => stdout.trim().split('\n').map((l) => [JSON.parse(l).id]);

describe('text encodings', () => {
  it('a GBK CSV read as UTF-8 is an input error naming the file and line, not mojibake', async () => {
    const r = await run(['audit', 'gbk.csv', '-f', 'jsonl'], folder({ 'gbk.csv': GBK_CSV }));
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^error {2}gbk\.csv:2: not valid UTF-8 text; if the file is in another encoding, name it with --encoding/m);
    expect(r.code).toBe(2);
  });

  it('--encoding gbk reads it (file and stdin), and gb18030 too', async () => {
    for (const encoding of ['gbk', 'GB18030']) {
      const file = await run(['audit', 'gbk.csv', '-f', 'jsonl', '--encoding', encoding], folder({ 'gbk.csv': GBK_CSV }));
      expect(names(file.stdout)).toEqual([['张三']]);
      const stdin = await run(['audit', '-', '-f', 'jsonl', '--encoding', encoding], folder(), GBK_CSV);
      expect(names(stdin.stdout)).toEqual([['张三']]);
    }
  });

  it('UTF-16 LE and BE with a BOM, and UTF-8 with a BOM, are detected', async () => {
    const dir = folder({ 'le.csv': utf16(CSV, false), 'be.csv': utf16(CSV, true), 'bom.csv': Buffer.from(`\ufeff${CSV}`), 'bom.json': Buffer.from(`\ufeff{"id":"J","asOf":"${AS_OF}"}`) });
    const r = await run(['audit', 'le.csv', 'be.csv', 'bom.csv', 'bom.json', '-f', 'jsonl'], dir);
    expect(r.stderr).not.toMatch(/^error/m);
    expect(names(r.stdout)).toEqual([['张三'], ['张三'], ['张三'], ['J']]);
  });

  it('a raw 0xFF in JSON Lines: the lines before it are audited, the error names line 2', async () => {
    const jsonl = Buffer.concat([Buffer.from(`{"id":"A","asOf":"${AS_OF}"}\n{"id":"`), Buffer.from([0xff]), Buffer.from(`"}\n{"id":"C","asOf":"${AS_OF}"}\n`)]);
    for (const [args, stdin] of [[['audit', 'x.jsonl', '-f', 'jsonl'], ''], [['audit', '-', '-f', 'jsonl'], jsonl]] as const) {
      const r = await run([...args], folder({ 'x.jsonl': jsonl }), stdin);
      expect(dealsOf(r.stdout).map((d) => d.id)).toEqual(['A']);
      expect(r.stderr).toMatch(/(x\.jsonl|<stdin>):2: not valid UTF-8 text/);
      expect(r.code).toBe(2);
    }
  });

  it('a JSON file with an invalid byte names its line', async () => {
    const json = Buffer.concat([Buffer.from(`[\n{"id":"A"},\n{"id":"`), Buffer.from([0xc3, 0x28]), Buffer.from('"}\n]')]);
    const r = await run(['audit', 'x.json'], folder({ 'x.json': json }));
    expect(r.stderr).toMatch(/x\.json:3: not valid UTF-8 text/);
    expect(r.code).toBe(2);
  });

  it('an unknown --encoding is a usage error', async () => {
    const r = await run(['audit', 'x.csv', '--encoding', 'klingon'], folder({ 'x.csv': CSV }));
    expect(r.stderr).toMatch(/--encoding: unknown encoding "klingon"/);
    expect(r.code).toBe(2);
  });
});
