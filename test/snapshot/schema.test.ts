import { describe, expect, it } from 'vitest';
import { evaluate, evaluateSync } from '../../src/evaluate.js';
import { parseSnapshot } from '../../src/snapshot/issues.js';
import { snapshotJsonSchema } from '../../src/snapshot/schema.js';
import { canonicalValue, exactCanonicalValue, spellings, vocabularies, type Vocabulary } from '../../src/snapshot/vocabulary.js';

const issuesOf = (input: unknown) => {
  const result = parseSnapshot(input);
  if (result.ok) throw new Error('expected invalid');
  return result;
};

describe('snapshot: the contract part', () => {
  it('a snapshot with only id and answers is valid', () => expect(parseSnapshot({ id: 'D-1', answers: { 's1.1': 'C', 's2.2': { rating: 'F', note: 'n', at: '2026-10-20' } } }).ok).toBe(true));
  it('id is required and non-empty', () => {
    expect(issuesOf({}).issues).toEqual([expect.objectContaining({ path: '$.id', code: 'invalid_type' })]);
    expect(issuesOf({ id: '  ' }).issues[0]).toMatchObject({ path: '$.id', code: 'too_small' });
  });
  it('asOf must be an ISO date', () => expect(issuesOf({ id: 'D-1', asOf: '2026-02-30' }).issues[0]).toMatchObject({ path: '$.asOf', expected: 'an ISO date (yyyy-MM-dd)' }));
  it('outcome accepts open/won/lost and the Chinese words', () => {
    const parsed = parseSnapshot({ id: 'D-1', outcome: '赢单' });
    expect(parsed.ok && parsed.snapshot.outcome).toBe('won');
    expect(issuesOf({ id: 'D-1', outcome: 'maybe' }).issues[0]!.path).toBe('$.outcome');
  });
  it('an answer rating must be C, F or W, short or long form', () => {
    expect(issuesOf({ id: 'D-1', answers: { 's1.1': 'X' } }).issues[0]!.path).toBe('$.answers["s1.1"]');
    expect(issuesOf({ id: 'D-1', answers: { 's1.1': { rating: 'C', at: 'yesterday' } } }).issues[0]!.path).toBe('$.answers["s1.1"].at');
  });
  it('names the deal id when it can be read', () => expect(issuesOf({ id: 'D-9', amount: -1 })).toMatchObject({ id: 'D-9', issues: [{ path: '$.amount' }] }));
  it('unknown keys are rejected, naming the key', () => expect(issuesOf({ id: 'D-1', budget: 5 }).issues[0]).toMatchObject({ code: 'unrecognized_keys', path: '$', expected: 'no key "budget"' }));
});

describe('snapshot: facts', () => {
  it('accepts Chinese and English spellings and parses to the English value', () => {
    const parsed = parseSnapshot({
      id: 'D-1',
      customer: { segment: '国企' },
      stakeholders: [
        { name: '张总', role: '拍板者', personality: '保守者', contact: '深交', stance: '导师', coach: true },
        { name: 'Li', role: 'evaluator', personality: 'pragmatist', contact: 'some', stance: 'neutral' },
      ],
    });
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
    expect(parsed.snapshot.customer?.segment).toBe('state-owned');
    expect(parsed.snapshot.stakeholders?.[0]).toMatchObject({ role: 'final-say', personality: 'conservative', contact: 'close', stance: 'mentor' });
  });
  it('a bad value deep in a list names its path and what was expected', () => {
    const result = issuesOf({ id: 'D-1', stakeholders: [{ name: 'A' }, { name: 'B', stance: 'friendly' }] });
    expect(result.issues[0]).toMatchObject({ path: '$.stakeholders[1].stance', code: 'invalid_value' });
    expect(result.issues[0]!.expected).toContain('"supporter"');
    expect(result.issues[0]!.expected).toContain('"支持者"');
  });
  it('reports every issue, not only the first', () =>
    expect(issuesOf({ id: 'D-1', amount: 'lots', need: { deadline: '31/12/2026' }, evidence: [{ item: 's1.1' }] }).issues.map((i) => i.path)).toEqual([
      '$.amount',
      '$.need.deadline',
      '$.evidence[0].date',
    ]));
  it('zh-CN messages come from the zh locale', () => {
    const result = parseSnapshot({ id: 'D-1', amount: 'lots' }, 'zh-CN');
    expect(!result.ok && result.issues[0]!.message).toMatch(/期望/);
  });
});

describe('evaluate: invalid input comes back as data', () => {
  it('never throws or rejects', async () => {
    for (const input of [null, 42, 'deal', [], { id: 1 }, { id: 'D-1', stakeholders: 'all of them' }]) {
      expect(evaluateSync(input)).toMatchObject({ ok: false });
      await expect(evaluate(input)).resolves.toMatchObject({ ok: false });
    }
  });
});

describe('JSON Schema export', () => {
  const schema = snapshotJsonSchema() as { required: string[]; properties: Record<string, any> };
  it('requires id only', () => expect(schema.required).toEqual(['id']));
  it('lists the accepted spellings of enumerated fields', () => {
    const role = schema.properties.stakeholders.items.properties.role;
    expect(role.enum).toEqual(expect.arrayContaining(['final-say', '拍板者', 'evaluator', '评估者']));
  });
});

describe('vocabularies: JSON snapshots and flat rows read a spelling the same way', () => {
  const names = Object.keys(vocabularies) as Vocabulary[];
  it.each(names)('%s: every listed spelling has the same canonical value exactly and ignoring case', (name) => {
    for (const spelling of spellings(name)) expect(exactCanonicalValue(name, spelling), spelling).toBe(canonicalValue(name, spelling));
  });
});
