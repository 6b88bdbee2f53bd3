/**
 * junit, markdown and sarif put their totals first, so their pieces wait in temporary files
 * (spools) until the end instead of in memory: a spool must give back exactly what was written,
 * number sarif's rule keys even where a read cuts one, and leave no file behind. With --jobs, the
 * buffers a worker's batch comes in go back to the workers (`ByteSink` takes a spare one).
 */
import { readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { describe, expect, it } from 'vitest';
import { ByteSink, giveBack } from '../../src/cli/audit/batch.js';
import { Spool } from '../../src/cli/audit/spool.js';
import { BufferedWriter } from '../../src/cli/audit/writer.js';
import type { Writer } from '../../src/cli/command.js';
import { pieceKeys, splitParts } from '../../src/cli/formatters/types.js';

/** A writer that keeps what it is given, as bytes. */
function collector(): { writer: Writer; text: () => string } {
  const chunks: Buffer[] = [];
  const writer: Writer = {
    write: async (text) => void chunks.push(Buffer.from(text)),
    writeBytes: async (bytes, release) => {
      chunks.push(Buffer.from(bytes));
      release?.();
    },
  };
  return { writer, text: () => Buffer.concat(chunks).toString('utf8') };
}

const spools = () => readdirSync(tmpdir()).filter((f) => f.startsWith('dealqual-spool-'));

describe('Spool', () => {
  it('gives back text and bytes in the order written, from a byte on', async () => {
    const spool = await Spool.open();
    try {
      spool.out.append(',\nfirst 一');
      await spool.out.writeBytes(Buffer.from(',\nsecond 二'));
      spool.out.append(',\nthird');
      const { writer, text } = collector();
      const out = new BufferedWriter(writer);
      await spool.copyTo(out, 2, undefined, 5);
      await out.flush();
      expect(text()).toBe('first 一,\nsecond 二,\nthird');
      expect(spool.size).toBe(Buffer.byteLength(',\nfirst 一,\nsecond 二,\nthird'));
    } finally {
      await spool.close();
    }
  });

  it('writes each \\u0001key\\u0001 as its number, also where a read cuts the key', async () => {
    const spool = await Spool.open();
    try {
      const text = Array.from({ length: 50 }, (_, i) => `"ruleIndex": \u0001${i % 3 ? 's2.2' : 'stale'}\u0001,`).join('\n');
      spool.out.append(text);
      const keys = new Map([
        ['stale', 0],
        ['s2.2', 1],
      ]);
      for (const read of [3, 7, 64, 1 << 20]) {
        const { writer, text: written } = collector();
        const out = new BufferedWriter(writer);
        await spool.copyTo(out, 0, keys, read);
        await out.flush();
        expect(written(), `reads of ${read} bytes`).toBe(text.replace(/\u0001stale\u0001/g, '0').replace(/\u0001s2\.2\u0001/g, '1'));
      }
    } finally {
      await spool.close();
    }
  });

  it('leaves no file behind: its folder is gone as soon as it is open (the open file is removed with the process)', async () => {
    const before = new Set(spools());
    const spool = await Spool.open();
    spool.out.append('x');
    await spool.out.flush();
    try {
      expect(spools().filter((f) => !before.has(f))).toEqual([]);
    } finally {
      await spool.close();
    }
  });
});

describe('spooled pieces', () => {
  it('split into their parts on NUL; keys in order', () => {
    expect(splitParts('\nrow\u0000\ndetail', 2)).toEqual(['\nrow', '\ndetail']);
    expect(splitParts('\nrow\u0000', 2)).toEqual(['\nrow', '']);
    expect(splitParts('a\u0000b', 1)).toEqual(['a\u0000b']);
    expect([...pieceKeys(',\n{ "ruleIndex": \u0001s2.2\u0001 },\n{ "ruleIndex": \u0001stale\u0001 }')]).toEqual(['s2.2', 'stale']);
  });
});

describe('ByteSink', () => {
  it('takes a spare buffer given back (the smallest that fits) rather than new memory', () => {
    const spare: ArrayBuffer[] = [];
    const small = new ArrayBuffer(1 << 12);
    const big = new ArrayBuffer(1 << 16);
    giveBack(spare, big);
    giveBack(spare, small);
    const sink = new ByteSink(1 << 10, spare);
    sink.append('deal 一');
    expect(sink.bytes.buffer).toBe(small);
    expect(Buffer.from(sink.bytes).toString()).toBe('deal 一');
    expect(spare).toEqual([big]);
    // A transferred buffer (no bytes left) is not kept.
    giveBack(spare, new ArrayBuffer(0));
    expect(spare).toHaveLength(1);
  });
});
