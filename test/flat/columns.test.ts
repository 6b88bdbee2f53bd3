import { expect, test } from 'vitest';
import { FACT_COLUMNS, rowToSnapshot } from '../../src/flat/index.js';
import { snapshotJsonSchema, vocabularies, canonicalValue, parseSnapshot } from '../../src/index.js';
import { STAKEHOLDER, CHANNEL, COMPETITOR, EVIDENCE, CONCERN } from '../../src/flat/compact.js';

type Schema = { type?: string; properties?: Record<string, Schema>; anyOf?: Schema[] };

/** Leaf paths of the snapshot schema: scalars and arrays (a list or a compact list of objects). */
function leaves(schema: Schema, prefix: string[] = []): string[] {
  if (schema.type === 'object' && schema.properties) return Object.entries(schema.properties).flatMap(([k, s]) => leaves(s, [...prefix, k]));
  return [prefix.join('.')];
}

test('the convention has exactly one column per fact of the snapshot schema', () => {
  const schema = snapshotJsonSchema() as Schema;
  // `$schema` names the file's JSON Schema for editors: not a fact, no column
  const facts = leaves(schema).filter((p) => !['$schema', 'id', 'answers', 'custom'].includes(p));
  expect([...FACT_COLUMNS.keys()].sort()).toEqual(facts.sort());
});

const COMPACT_EXAMPLES: Record<string, string> = {
  'need.products': 'AC|AC-1000|2; SSL',
  'funding.breakdown': '硬件|300,000; 服务',
  'technical.visits': '总部|2026-10-12|张总/李工',
  'technical.concerns': '日志留存|阻塞',
  stakeholders: '张总(主任)|拍板者|保守者|较多接触|支持者|教练',
  competitors: '华为|主要|渠道=星网|支持者=无',
  channels: '星网|我方|高层信任',
  evidence: 's2.2|2026-10-15|#1|note',
};

test('one row with a cell in every column, each in a Chinese spelling, is a valid snapshot', () => {
  const headers = ['id'];
  const row: unknown[] = ['D-1'];
  for (const { path, type } of FACT_COLUMNS.values()) {
    const firstAlias = (v: keyof typeof vocabularies) => Object.values(vocabularies[v] as Record<string, readonly string[]>)[0]![0]!;
    const cell =
      type.kind === 'text' ? '文本' :
      type.kind === 'number' ? (path === 'claimedStep' ? '3' : '1,000') :
      type.kind === 'boolean' ? '是' :
      type.kind === 'date' ? '2026年10月1日' :
      type.kind === 'currency' ? '人民币' :
      type.kind === 'term' ? firstAlias(type.vocabulary) :
      type.kind === 'terms' ? firstAlias(type.vocabulary) :
      type.kind === 'list' ? '甲、乙' :
      COMPACT_EXAMPLES[path];
    expect(cell, path).toBeDefined();
    headers.push(path);
    row.push(cell);
  }
  const result = rowToSnapshot(headers, row);
  expect(result.ok ? [] : result.issues).toEqual([]);
  const parsed = parseSnapshot(result.ok ? result.snapshot : {});
  expect(parsed.ok).toBe(true);
});

test('compact words are unambiguous: no spelling belongs to two stakeholder vocabularies or to a flag', () => {
  for (const spec of [STAKEHOLDER, CHANNEL, COMPETITOR, EVIDENCE, CONCERN]) {
    const owners = new Map<string, string>();
    for (const [field, vocabulary] of Object.entries(spec.words ?? {})) {
      const table = vocabularies[vocabulary!] as Record<string, readonly string[]>;
      for (const [canonical, aliases] of Object.entries(table)) {
        for (const word of [canonical, ...aliases]) {
          const key = word.toLowerCase();
          expect(owners.get(key) ?? field, `${spec.noun}: "${word}"`).toBe(field);
          owners.set(key, field);
        }
      }
    }
    for (const flag of Object.keys(spec.flags ?? {})) {
      expect(owners.has(flag), `${spec.noun}: flag "${flag}" is also a vocabulary word`).toBe(false);
      for (const vocabulary of Object.values(spec.words ?? {})) expect(canonicalValue(vocabulary!, flag)).toBeUndefined();
    }
  }
});
