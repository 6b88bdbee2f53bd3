import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { evaluateSync } from '../../src/evaluate.js';
import { rowToSnapshot } from '../../src/flat/index.js';
import { parsePack } from '../../src/packs/load.js';
import type { Result } from '../../src/result.js';

const DIR = fileURLToPath(new URL('../../fixtures/crm/', import.meta.url));
const read = (name: string) => readFileSync(DIR + name, 'utf8');

describe('fixtures/crm', () => {
  it('history.csv is what generate.mjs writes (deterministic)', () => {
    const run = spawnSync(process.execPath, [DIR + 'generate.mjs', '--check'], { encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
  });

  it('the pack is ten categorical declarations, every mapped column exists, and rows rate the items from custom facts', () => {
    const manifest = JSON.parse(read('pack.json')) as { items: Record<string, unknown>[] };
    expect(manifest.items.every((i) => 'from' in i && 'levels' in i && !('rules' in i))).toBe(true);
    const parsed = parsePack({ manifest, file: 'pack.json' });
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
    const mapping = JSON.parse(read('mapping.json')) as Record<string, string>;
    const [header, ...lines] = read('history.csv').trim().split('\n');
    const headers = header!.split(',');
    expect(Object.keys(mapping).sort()).toEqual([...headers].sort());
    expect(lines).toHaveLength(420);
    // Every item reads a field the mapping fills.
    const filled = new Set(Object.values(mapping).map((m) => (typeof m === 'string' ? m : (m as { to: string }).to)));
    for (const item of manifest.items) expect(filled).toContain(item.from);
    const items = parsed.pack.items.map((i) => i.id);
    const row = rowToSnapshot(headers, lines[0]!.split(','), { mapping, items });
    if (!row.ok) throw new Error(JSON.stringify(row.issues));
    expect(row.snapshot.custom).toMatchObject({ competitors: expect.any(Number), existing_customer: expect.any(String) });
    const result = evaluateSync(row.snapshot, { packs: [parsed.pack] }) as Result;
    expect(Object.keys(result.items)).toEqual(items);
    expect(Object.values(result.items).filter((i) => i.reason.code === 'facts').length).toBeGreaterThanOrEqual(8);
  });
});
