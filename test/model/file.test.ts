import { describe, expect, it } from 'vitest';
import { modelWarnings, parseModel, parseModelText, type ModelIssue } from '../../src/model/file.js';
import { builtinPack } from '../../src/packs/builtin.js';
import type { Pack } from '../../src/packs/schema.js';

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
    expect(parsed.model).toEqual({
      intercept: -1,
      weights: { 's1.1': { C: 0.8, F: 0.3, redFlag: 0 }, 's3.9': { C: 0.2, F: 0.1, redFlag: -0.5 } },
      packs: { 'sangfor-7step': '1.0.0' },
    });
  });

  it('keeps no pack versions where the file names none', () => {
    const json = valid();
    delete (json.packs['sangfor-7step'] as { version?: string }).version;
    const parsed = parseModel(json, 'team.json');
    expect(parsed.ok && parsed.model).toEqual({ intercept: -1, weights: expect.any(Object) });
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

describe('modelWarnings: model-pack-version', () => {
  const seven = builtinPack('sangfor-7step');
  const modelFor = (version: string | undefined) => {
    const json = valid();
    const pack = json.packs['sangfor-7step'] as { version?: string };
    if (version === undefined) delete pack.version;
    else pack.version = version;
    const parsed = parseModel(json, 'team.json');
    if (!parsed.ok) throw new Error('expected a model');
    return parsed.model;
  };
  const versionWarnings = (version: string | undefined, packs: readonly Pack[]) => modelWarnings(modelFor(version), packs).filter((w) => w.code === 'model-pack-version');

  it.each([
    ['the version the model names', seven.version, []],
    ['no version in the model file', undefined, []],
  ] as const)('valid: %s', (_, version, expected) => expect(versionWarnings(version, [seven])).toEqual(expected));

  it('invalid: another version of an evaluated pack, named with both versions', () => {
    expect(versionWarnings('0.9.0', [seven])).toEqual([
      {
        code: 'model-pack-version',
        message: `the model was made for sangfor-7step 0.9.0, and the evaluated sangfor-7step is ${seven.version}: its rules may rate deals differently from those the weights were fitted on; recalibrate (dealqual calibrate) or use the pack version the model names`,
      },
    ]);
  });

  it('valid: a pack the model does not name (its items may still be weighed under another pack)', () => {
    expect(versionWarnings('0.9.0', [builtinPack('man'), { ...seven, id: 'team-seven' }])).toEqual([]);
  });

  it('a model made by hand (no pack versions) never gets it', () => {
    expect(modelWarnings({ intercept: -1, weights: { 's1.1': { C: 1, F: 0.5, redFlag: 0 } } }, [seven])).toEqual([]);
  });
});
