/**
 * Model files are untrusted too: weights of ±1.7e308 made the logit Infinity − Infinity (`null` in
 * JSON). Weights and the intercept are bounded (|w| ≤ MAX_WEIGHT log-odds), so the logit and the
 * probability are always finite; and a model that weighs none of the evaluated items — which gave
 * every deal the intercept's 8% silently — is a warning, from the library and once from the CLI.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluateSync } from '../../src/evaluate.js';
import { MAX_WEIGHT, modelWarnings, parseModel } from '../../src/model/file.js';
import { builtinPack } from '../../src/packs/builtin.js';
import { ROOT, cli, ensureBuilt } from '../cli/helpers.js';

const defaultModel = JSON.parse(readFileSync(join(ROOT, 'models/default.json'), 'utf8'));
const withWeights = (C: number, F: number, intercept = defaultModel.intercept) => {
  const copy = structuredClone(defaultModel);
  copy.intercept = intercept;
  for (const pack of Object.values(copy.packs) as { items: Record<string, { C: number; F: number }> }[])
    for (const w of Object.values(pack.items)) Object.assign(w, { C, F });
  return copy;
};

describe('model weight bounds', () => {
  it.each([1.7e308, -1.7e308, MAX_WEIGHT + 0.001])('rejects a weight of %d with the path and the bound', (w) => {
    const parsed = parseModel(withWeights(w, 0), 'm.json');
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.issues[0]).toEqual({ file: 'm.json', path: '$.packs["sangfor-7step"].items["s1.1"].C', message: expect.stringMatching(/at (most|least) -?50 \(log-odds\)/) });
  });

  it('rejects an intercept past the bound', () =>
    expect(parseModel(withWeights(1, 0.5, -1e300), 'm.json')).toMatchObject({ ok: false, issues: [{ path: '$.intercept' }] }));

  it('keeps the logit and the probability finite at the bounds', () => {
    for (const [C, intercept] of [[MAX_WEIGHT, MAX_WEIGHT], [-MAX_WEIGHT, -MAX_WEIGHT]] as const) {
      const parsed = parseModel(withWeights(C, C, intercept), 'm.json');
      if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
      const answers = Object.fromEntries(builtinPack('sangfor-7step').items.map((i) => [i.id, 'C']));
      const result = evaluateSync({ id: 'M-1', answers }, { model: parsed.model, asOf: '2026-11-01' });
      if (result.ok === false) throw new Error(JSON.stringify(result.issues));
      expect(Number.isFinite(result.logit)).toBe(true);
      expect(result.probability).toBeGreaterThanOrEqual(0);
      expect(result.probability).toBeLessThanOrEqual(1);
      expect(JSON.parse(JSON.stringify(result)).logit).toBe(result.logit);
    }
  });
});

describe('a model that shares no item with the packs', () => {
  const bantOnly = () => {
    const copy = structuredClone(defaultModel);
    copy.packs = { bant: copy.packs.bant };
    return copy;
  };

  it('modelWarnings says so, naming the packs and the probability every deal gets', () => {
    const parsed = parseModel(bantOnly(), 'm.json');
    if (!parsed.ok) throw new Error('model');
    expect(modelWarnings(parsed.model, [builtinPack('man')])).toEqual([{ code: 'model-shares-no-item', message: expect.stringContaining('weighs none of the items of man: every deal gets its intercept\'s probability (8%)') }]);
    expect(modelWarnings(parsed.model, [builtinPack('bant'), builtinPack('man')])).toEqual([]);
  });

  describe('the CLI', () => {
    let tmp: string;
    beforeAll(() => {
      ensureBuilt();
      tmp = mkdtempSync(join(tmpdir(), 'dealqual-model-'));
    });
    afterAll(() => rmSync(tmp, { recursive: true, force: true }));

    it('prints the warning once, however many deals, and still audits', () => {
      const file = join(tmp, 'bant-only.json');
      writeFileSync(file, JSON.stringify(bantOnly()));
      const run = cli(['audit', 'fixtures/deals', '--pack', 'man', '--model', file, '--as-of', '2026-11-01', '--format', 'json']);
      expect(run.stderr.match(/warning: .*weighs none of the items of man/g)).toHaveLength(1);
      const results = JSON.parse(run.stdout) as { probability: number }[];
      expect(results.length).toBeGreaterThan(1);
    });

    it('warns once when the model was made for another version of an evaluated pack, and still audits', () => {
      const file = join(tmp, 'old-seven.json');
      const old = structuredClone(defaultModel);
      old.packs['sangfor-7step'].version = '0.9.0';
      writeFileSync(file, JSON.stringify(old));
      const run = cli(['audit', 'fixtures/deals', '--model', file, '--as-of', '2026-11-01', '--format', 'json']);
      expect(run.stderr.match(/warning: .*old-seven\.json: the model was made for sangfor-7step 0\.9\.0, and the evaluated sangfor-7step is \d+\.\d+\.\d+/g)).toHaveLength(1);
      expect(run.stderr).not.toMatch(/made for (man|bant)/);
      expect((JSON.parse(run.stdout) as unknown[]).length).toBeGreaterThan(1);
    });

    it('refuses a model file with a weight of 1.7e308, exit 2 naming the key', () => {
      const file = join(tmp, 'huge.json');
      writeFileSync(file, JSON.stringify(withWeights(1.7e308, 0)));
      const run = cli(['audit', 'fixtures/deals', '--model', file]);
      expect(run.code).toBe(2);
      expect(run.stderr).toContain('$.packs["sangfor-7step"].items["s1.1"].C: at most 50 (log-odds)');
    });
  });
});
