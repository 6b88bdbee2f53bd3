import { describe, expect, it } from 'vitest';
import { parseModel, parseModelText, type ModelIssue } from '../../src/model/file.js';

const valid = () => ({
  format: 'dealqual-model',
  version: 1,
  name: 'team',
  intercept: -1,
  packs: { 'sangfor-7step': { version: '1.0.0', items: { 's1.1': { C: 0.8, F: 0.3, note: 'why' }, 's3.9': { C: 0.2, F: 0.1, redFlag: -0.5 } } } },
});

const issuesOf = (json: unknown): ModelIssue[] => {
  const parsed = parseModel(json, 'team.json');
  if (parsed.ok) throw new Error('expected issues');
  return parsed.issues;
};

describe('parseModel', () => {
  it('accepts a valid file and flattens it into the evaluator model', () => {
    const parsed = parseModel(valid(), 'team.json');
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.model).toEqual({ intercept: -1, weights: { 's1.1': { C: 0.8, F: 0.3, redFlag: 0 }, 's3.9': { C: 0.2, F: 0.1, redFlag: -0.5 } } });
  });

  it('names the key of a wrong weight', () => {
    const json = valid();
    (json.packs['sangfor-7step'].items['s1.1'] as Record<string, unknown>).C = 'high';
    expect(issuesOf(json)).toEqual([
      { file: 'team.json', path: '$.packs["sangfor-7step"].items["s1.1"].C', message: 'a finite number: the log-odds added when the item is rated C, got "high"' },
    ]);
  });

  it('names a missing weight, an unknown key, a positive red flag and a bad item id', () => {
    const json = valid() as any;
    delete json.packs['sangfor-7step'].items['s1.1'].F;
    json.packs['sangfor-7step'].items['s1.1'].weight = 1;
    json.packs['sangfor-7step'].items['s3.9'].redFlag = 0.4;
    json.packs['sangfor-7step'].items['S 1'] = { C: 1, F: 0 };
    const issues = issuesOf(json);
    const byPath = Object.fromEntries(issues.map((i) => [i.path, i.message]));
    expect(byPath['$.packs["sangfor-7step"].items["s1.1"].F']).toMatch(/^required: a finite number/);
    expect(byPath['$.packs["sangfor-7step"].items["s1.1"].weight']).toBe('unknown key "weight"');
    expect(byPath['$.packs["sangfor-7step"].items["s3.9"].redFlag']).toMatch(/redFlag must be ≤ 0/);
    expect(byPath['$.packs["sangfor-7step"].items["S 1"]']).toMatch(/item id/);
  });

  it('rejects other formats, versions, non-objects, bad JSON and an item weighted in two packs', () => {
    expect(issuesOf({ ...valid(), version: 2 })).toEqual([{ file: 'team.json', path: '$.version', message: 'model file format version 1' }]);
    expect(issuesOf({ ...valid(), format: 'x' })[0]!.path).toBe('$.format');
    expect(issuesOf([])[0]).toMatchObject({ path: '$' });
    const text = parseModelText('{"format":', 'team.json');
    expect(text.ok).toBe(false);
    if (!text.ok) expect(text.issues[0]!.message).toMatch(/^not valid JSON/);
    const json = valid() as any;
    json.packs.mine = { items: { 's1.1': { C: 1, F: 0 } } };
    expect(issuesOf(json)).toEqual([{ file: 'team.json', path: '$.packs.mine.items["s1.1"]', message: 'item "s1.1" is already weighted under pack "sangfor-7step"' }]);
  });
});
