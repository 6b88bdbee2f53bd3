/**
 * Numbers and dates every entry accepts must be ones the engine can use: `staleDays: 1e12` or
 * `NaN` threw "Invalid time value", `--stale-days 99999999999` and config `staleDays:
 * 9007199254740991` likewise, `asOf: "2026-02-30"` was read as 2 March. Library options come back
 * as `invalid_option` issues (never a throw); CLI flags and config keys exit 2 naming the flag or
 * key and the accepted range. `observable: 'x'` was an internal_error, `detail: 'FULL'` silently
 * compact, `packs: []` 0 items: every option of EvaluateOptions is now checked (table below).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluate, evaluateSync, type EvaluateOptions } from '../../src/evaluate.js';
import { calibrate, crossValidate } from '../../src/model/calibrate.js';
import { MAX_DAYS } from '../../src/options.js';
import { allPacks, builtinPack } from '../../src/packs/optional.js';
import { cli, ensureBuilt } from '../cli/helpers.js';

const deal = { id: 'D-1', answers: { 's1.1': { rating: 'C', at: '2026-02-01' } }, need: { deadline: '2026-05-01' } };

describe('library options', () => {
  it.each([
    ['staleDays', 1e12, 'an integer from 0 to 36500'],
    ['staleDays', Number.NaN, 'an integer from 0 to 36500'],
    ['staleDays', -1, 'an integer from 0 to 36500'],
    ['staleDays', 2.5, 'an integer from 0 to 36500'],
    ['staleDays', '90', 'an integer from 0 to 36500'],
    ['horizonDays', Infinity, 'an integer from 0 to 36500'],
    ['horizonDays', 1e12, 'an integer from 0 to 36500'],
    ['asOf', '2026-02-30', 'an ISO date that exists, such as "2026-11-01"'],
    ['asOf', '2026-13-01', 'an ISO date that exists, such as "2026-11-01"'],
    ['asOf', 20261101, 'an ISO date that exists, such as "2026-11-01"'],
    ['locale', 'fr', '"en" or "zh-CN"'],
    ['locale', '__proto__', '"en" or "zh-CN"'],
    ['requireEvidence', 'yes', 'true or false'],
    ['packs', ['nope'], expect.stringContaining('default pack ids')],
    ['packs', 'man', expect.stringContaining('default pack ids')],
    ['model', { intercept: 0, weights: { 's1.1': { C: 1.7e308, F: 0, redFlag: 0 } } }, expect.stringContaining('at most 50')],
    ['model', { intercept: Number.NaN, weights: {} }, expect.stringContaining('finite')],
  ])('%s = %j is an invalid_option issue, in both APIs', async (name, value, expected) => {
    const options = { asOf: '2026-03-01', [name]: value };
    const result = evaluateSync(deal, options as never);
    expect(result).toEqual({ ok: false, id: 'D-1', issues: [{ code: 'invalid_option', path: `options.${name}`, expected, message: expect.stringContaining(`options.${name}`) }] });
    await expect(evaluate(deal, options as never)).resolves.toEqual(result);
  });

  // Typed over every key of EvaluateOptions: an option added without a row here does not compile.
  const wrong: Record<keyof EvaluateOptions, readonly unknown[]> = {
    packs: [[], 'man', ['nope'], [null], [{ items: [{}] }], [{ id: 'a', items: [] }]],
    asOf: ['2026-02-30', 20261101, ''],
    staleDays: [-1, '90', 2.5],
    requireEvidence: ['yes', 1],
    horizonDays: [Infinity, null],
    locale: ['xx', 'EN', 0],
    model: ['x', { intercept: 0 }, { intercept: 0, weights: { 's1.1': null } }],
    observable: ['x', ['s1.1'], {}, 0],
    detail: ['FULL', 'Full', true, 0],
  };
  it.each(Object.entries(wrong).flatMap(([name, values]) => values.map((value) => [name, value] as const)))(
    'every option: %s = %j is an invalid_option issue naming it and what it expects, in both APIs',
    async (name, value) => {
      const options = { asOf: '2026-03-01', [name]: value };
      const result = evaluateSync(deal, options as never);
      expect(result).toEqual({ ok: false, id: 'D-1', issues: [{ code: 'invalid_option', path: `options.${name}`, expected: expect.any(String), message: expect.stringContaining(`options.${name} must be`) }] });
      await expect(evaluate(deal, options as never)).resolves.toEqual(result);
    },
  );

  it('options that are not an object are an issue too; the largest accepted values evaluate', () => {
    expect(evaluateSync(deal, null as never)).toMatchObject({ ok: false, issues: [{ code: 'invalid_option', path: 'options' }] });
    const edge = evaluateSync(deal, { asOf: '9999-12-31', staleDays: MAX_DAYS, horizonDays: MAX_DAYS });
    expect(edge.ok).not.toBe(false);
    expect(evaluateSync({ ...deal, asOf: '0000-01-01' }, { staleDays: MAX_DAYS }).ok).not.toBe(false);
    const full = evaluateSync(deal, { asOf: '2026-03-01', detail: 'full', observable: new Set(['s1.1']), packs: ['sangfor-7step', builtinPack('clmls')] });
    expect(full.ok).not.toBe(false);
    expect(evaluateSync(deal, { asOf: '2026-03-01', detail: 'compact', packs: allPacks() }).ok).not.toBe(false);
  });

  it('snapshot dates that do not exist are snapshot issues (asOf, evidence, answer dates)', () => {
    for (const bad of [{ asOf: '2026-02-30' }, { evidence: [{ item: 's1.1', date: '2026-02-30' }] }, { answers: { 's1.1': { rating: 'C', at: '2025-02-29' } } }])
      expect(evaluateSync({ id: 'D-2', ...bad })).toMatchObject({ ok: false, issues: [{ code: 'invalid_format' }] });
  });

  it('calibration options outside their ranges are RangeErrors naming the option', () => {
    expect(() => calibrate([], { priorSd: 1e-300 })).toThrow(/priorSd must be a number from 0.001 to 1000/);
    expect(() => crossValidate([], { folds: 1 })).toThrow(/folds must be an integer ≥ 2/);
  });
});

describe('CLI flags and config', () => {
  let tmp: string;
  beforeAll(() => {
    ensureBuilt();
    tmp = mkdtempSync(join(tmpdir(), 'dealqual-ranges-'));
    writeFileSync(join(tmp, 'deal.json'), JSON.stringify(deal));
  });
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  it.each([
    [['--stale-days', '99999999999'], '--stale-days expects an integer from 0 to 36500, got "99999999999"'],
    [['--stale-days', '99999999999999999999999'], '--stale-days expects an integer from 0 to 36500'],
    [['--horizon-days', '36501'], '--horizon-days expects an integer from 0 to 36500'],
    [['--as-of', '2026-02-30'], '--as-of expects an ISO date such as 2026-11-01, got "2026-02-30"'],
    [['--max-warnings', '99999999999999999999'], '--max-warnings expects an integer ≥ -1'],
  ])('audit %j exits 2: %s', (flags, message) => {
    const run = cli(['audit', join(tmp, 'deal.json'), ...flags]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(message);
    expect(run.stderr).not.toMatch(/Invalid time value|RangeError|\n\s+at /);
  });

  it.each([
    [{ staleDays: 9007199254740991 }, '$.staleDays'],
    [{ horizonDays: 1e12 }, '$.horizonDays'],
    [{ asOf: '2026-02-30' }, '$.asOf'],
  ])('config %j exits 2 naming the key', (config, key) => {
    const file = join(tmp, 'dealqual.config.json');
    writeFileSync(file, JSON.stringify(config));
    const run = cli(['audit', join(tmp, 'deal.json'), '--config', file]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`dealqual.config.json ${key}`);
    expect(run.stderr).not.toMatch(/Invalid time value|\n\s+at /);
  });

  it('calibrate --prior-sd and --seed out of range exit 2', () => {
    for (const [flag, value, message] of [['--prior-sd', '1e-300', '--prior-sd expects a number from 0.001 to 1000'], ['--seed', '99999999999', '--seed expects an integer from 0 to 4294967295']]) {
      const run = cli(['calibrate', join(tmp, 'deal.json'), flag!, value!]);
      expect(run.code).toBe(2);
      expect(run.stderr).toContain(message);
    }
  });
});
