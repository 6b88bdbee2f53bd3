/**
 * Malformed CSV (issue 11): a stray or unclosed quote used to end the run silently (exit 13). Every
 * csv-parse error is an input error naming the file and line; the good rows are still audited; exit 2.
 */
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { readInputs } from '../../src/node/inputs.js';
import { AS_OF, dealsOf, folder, run } from './io.js';

const STRAY = `id,asOf,s1.1\nA1,${AS_OF},C\nA"2,${AS_OF},C\nA3,${AS_OF},F\n`;
const UNCLOSED = `id,asOf,s1.1\nA1,${AS_OF},C\n"A2,${AS_OF},C\nA3,${AS_OF},F\n`;

describe('malformed CSV', () => {
  it('a stray quote in an unquoted field (file): the line is named, the rows around it are audited', async () => {
    const r = await run(['audit', 'bad.csv', '-f', 'jsonl'], folder({ 'bad.csv': STRAY }));
    expect(dealsOf(r.stdout).map((d) => d.id)).toEqual(['A1', 'A3']);
    expect(r.stderr).toMatch(/^error {2}bad\.csv:3: invalid CSV: Invalid Opening Quote/m);
    expect(r.code).toBe(2);
  });

  it('the same from stdin', async () => {
    const r = await run(['audit', '-', '-f', 'jsonl'], folder(), STRAY);
    expect(dealsOf(r.stdout).map((d) => d.id)).toEqual(['A1', 'A3']);
    expect(r.stderr).toMatch(/^error {2}<stdin>:3: invalid CSV/m);
    expect(r.code).toBe(2);
  });

  it('an unclosed quote: the rows before it are audited and the error names the file', async () => {
    for (const [args, stdin] of [[['audit', 'bad.csv', '-f', 'jsonl'], ''], [['audit', '-', '--stdin-format', 'csv', '-f', 'jsonl'], UNCLOSED]] as const) {
      const r = await run([...args], folder({ 'bad.csv': UNCLOSED }), stdin);
      expect(dealsOf(r.stdout).map((d) => d.id)).toEqual(['A1']);
      expect(r.stderr).toMatch(/(bad\.csv|<stdin>):\d+: invalid CSV: Quote Not Closed/);
      expect(r.code).toBe(2);
    }
  });

  it('explain and diff read CSV the same way (an input error, exit 2, no crash)', async () => {
    const dir = folder({ 'bad.csv': STRAY });
    const diff = await run(['diff', 'bad.csv', 'bad.csv'], dir);
    expect(diff.stderr).toMatch(/bad\.csv:3: invalid CSV/);
    expect(diff.code).toBe(2);
  });
});

describe('large CSV', () => {
  it('a file of many chunks is read without piling up listeners on the parser (no MaxListenersExceededWarning)', async () => {
    // 40,000 rows (1.5 MB) are some 24 chunks of the file stream, each one a wait for the parser to drain.
    const rows = Array.from({ length: 40_000 }, (_, i) => `D${i},${AS_OF},C,Customer ${i}\n`).join('');
    const dir = folder({ 'big.csv': `id,asOf,s1.1,customer.name\n${rows}` });
    const warnings: string[] = [];
    const onWarning = (w: Error) => warnings.push(`${w.name}: ${w.message}`);
    process.on('warning', onWarning);
    let deals = 0;
    try {
      for await (const e of readInputs(['big.csv'], { cwd: dir, stdin: Readable.from([]) })) if (e.kind === 'deal') deals += 1;
      await new Promise((r) => setImmediate(r)); // warnings are emitted on the next tick
    } finally {
      process.off('warning', onWarning);
    }
    expect(deals).toBe(40_000);
    expect(warnings).toEqual([]);
  });
});
