/**
 * Categorical features: items weighed per level ("weights": "per-level"). Declaration and model file
 * (valid / invalid tables with file and JSON path), the prior, both engines, the explanation in en
 * and zh-CN, and calibration finding the known answer.
 */
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { CliIO } from '../../src/cli/command.js';
import { explain } from '../../src/cli/commands/explain.js';
import { describe as describeResult } from '../../src/describe.js';
import { evaluate, evaluateSync } from '../../src/evaluate.js';
import { calibrate, repeatedCrossValidate } from '../../src/model/calibrate.js';
import { explainProbability } from '../../src/model/explain.js';
import { modelWarnings, parseModel } from '../../src/model/file.js';
import { prepareHistory } from '../../src/model/history.js';
import { parsePack } from '../../src/packs/load.js';
import type { Pack } from '../../src/packs/schema.js';
import type { Result } from '../../src/result.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

const manifest = (items: unknown[]) => ({ id: 'crm-test', version: '1.0.0', title: { zh: '测试', en: 'Test' }, docs: 'Per-level items under test.', messages: {}, items });

const incumbent = { id: 'crm.incumbent', step: 5, from: 'custom.incumbent', levels: { Us: 'C', None: 'F', Other: 'W' }, weights: 'per-level' };
const days = { id: 'crm.days', step: 1, from: 'custom.days', levels: { '0..90': 'C', '91..180': 'F' }, otherwise: 'W', weights: 'per-level' };
const budget = { id: 'crm.budget', step: 2, from: 'custom.budget', levels: { Yes: 'C', No: 'W' } };

function load(items: unknown[]): Pack {
  const parsed = parsePack({ manifest: manifest(items), file: 'crm-test.json' });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  return parsed.pack;
}

const issuesOf = (items: unknown[]) => {
  const parsed = parsePack({ manifest: manifest(items), file: 'crm-test.json' });
  return parsed.ok ? [] : parsed.issues.map((i) => ({ path: i.path, message: i.message, file: i.file }));
};

describe('pack declaration', () => {
  it('expands a per-level item: each rule names its level (otherwise included), the item its field', () => {
    const pack = load([incumbent, days, budget]);
    expect(pack.items[0]!.feature).toEqual({ from: 'custom.incumbent' });
    expect(pack.items[0]!.rules.map((r) => r.event.params)).toEqual([
      { rating: 'C', message: 'crm.incumbent=Us', level: 'Us' },
      { rating: 'F', message: 'crm.incumbent=None', level: 'None' },
      { rating: 'W', message: 'crm.incumbent=Other', level: 'Other' },
    ]);
    expect(pack.items[1]!.rules.map((r) => r.event.params.level)).toEqual(['0..90', '91..180', 'otherwise']);
    // An item weighed by rating (the default) is unchanged: no level, no feature.
    expect(pack.items[2]!.feature).toBeUndefined();
    expect(pack.items[2]!.rules.every((r) => r.event.params.level === undefined)).toBe(true);
  });

  const handWritten = (params: Record<string, unknown>, feature?: unknown) => ({
    id: 'crm.x',
    step: 1,
    star: false,
    title: { zh: 'x', en: 'x' },
    signals: [],
    docs: 'x',
    ...(feature === undefined ? {} : { feature }),
    rules: [{ conditions: { all: [{ fact: 'deal', path: '$.custom.x', operator: 'equal', value: 'a' }] }, event: { type: 'rate', params: { rating: 'C', message: 'm', ...params } } }],
  });

  it.each([
    ['an unknown weights mode', [{ ...incumbent, weights: 'levels' }], '$.items[0].weights', /rating.*per-level/],
    ['a level named "otherwise" beside otherwise', [{ ...days, levels: { otherwise: 'C', '0..90': 'F' } }], '$.items[0].levels.otherwise', /cannot be listed beside "otherwise"/],
    ['a feature item whose rule names no level', [handWritten({}, { from: 'custom.x' })], '$.items[0].rules[0].event.params', /names the level of every rule/],
    ['a level on an item weighed by rating', [handWritten({ level: 'a' })], '$.items[0].rules[0].event.params.level', /only by an item weighed per level/],
    ['a feature field that is not a dotted path', [handWritten({ level: 'a' }, { from: 'custom[x' })], '$.items[0].feature.from', /dotted snapshot path/],
  ])('refuses %s, naming the file and JSON path', (_name, items, path, message) => {
    const issues = issuesOf(items);
    expect(issues.length).toBeGreaterThan(0);
    expect(issues[0]).toMatchObject({ file: 'crm-test.json', path });
    expect(issues[0]!.message).toMatch(message);
  });
});

const modelFile = (weights: unknown) => ({ format: 'dealqual-model', version: 1, name: 'team', intercept: -1, packs: { 'crm-test': { items: { 'crm.incumbent': weights } } } });

describe('model file: per-level weights', () => {
  it('accepts { levels } and flattens it into the evaluator model', () => {
    const parsed = parseModel(modelFile({ levels: { Us: 0.9, Other: -0.41 }, note: 'fitted' }), 'm.json');
    expect(parsed.ok && parsed.model.weights['crm.incumbent']).toEqual({ C: 0, F: 0, redFlag: 0, levels: { Us: 0.9, Other: -0.41 } });
  });

  it.each([
    ['a weight that is not a number', { levels: { Us: 'high' } }, '$.packs["crm-test"].items["crm.incumbent"].levels.Us', /a finite number: the log-odds added when the item reads this level, got "high"/],
    ['a weight beyond the bound', { levels: { Us: 80 } }, '$.packs["crm-test"].items["crm.incumbent"].levels.Us', /at most 50/],
    ['rating weights mixed in', { levels: { Us: 1 }, C: 1 }, '$.packs["crm-test"].items["crm.incumbent"].C', /unknown key "C"/],
    ['an empty level name', { levels: { '': 1 } }, '$.packs["crm-test"].items["crm.incumbent"].levels[""]', /a level name/],
  ])('refuses %s, naming the JSON path', (_name, weights, path, message) => {
    const parsed = parseModel(modelFile(weights), 'm.json');
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.issues[0]).toMatchObject({ file: 'm.json', path });
    expect(parsed.issues[0]!.message).toMatch(message);
  });
});

describe('evaluation', () => {
  const pack = load([incumbent, days, budget]);
  const asRating = load([{ ...incumbent, weights: 'rating' }, { ...days, weights: 'rating' }, budget]);
  const deals = [
    { id: 'us', custom: { incumbent: 'Us', days: 48, budget: 'Yes' } },
    { id: 'other', custom: { incumbent: 'Other', days: 400, budget: 'No' } },
    { id: 'blank-answered', answers: { 'crm.incumbent': 'C' }, custom: { days: 120 } },
    { id: 'unlisted', custom: { incumbent: 'Partner' } },
  ];

  it('uncalibrated, a per-level item weighs what its rating weighs when a level is read (the prior centres levels on ratings)', () => {
    for (const deal of deals.slice(0, 2)) {
      const a = evaluateSync(deal, { packs: [pack], asOf: '2026-11-01' }) as Result;
      const b = evaluateSync(deal, { packs: [asRating], asOf: '2026-11-01' }) as Result;
      expect(a.probability).toBeCloseTo(b.probability, 12);
    }
  });

  it('no level read is the reference (0), even when the seller answers: the answer rates the item, not the model', () => {
    const r = evaluateSync(deals[2], { packs: [pack], asOf: '2026-11-01' }) as Result;
    expect(r.items['crm.incumbent']).toMatchObject({ rating: 'C', contribution: 0, level: { from: 'custom.incumbent', level: null } });
    expect(r.items['crm.days']!.level).toEqual({ from: 'custom.days', level: '91..180', value: 120 });
    const unlisted = evaluateSync(deals[3], { packs: [pack], asOf: '2026-11-01' }) as Result;
    expect(unlisted.items['crm.incumbent']).toMatchObject({ contribution: 0, level: { level: null, value: 'Partner' } });
  });

  it('a model with level weights adds the weight of the level read; missing gain is the best C level', () => {
    const parsed = parseModel(
      { format: 'dealqual-model', version: 1, name: 't', intercept: -1, packs: { 'crm-test': { items: { 'crm.incumbent': { levels: { Us: 0.9, None: 0.2, Other: -0.41 } }, 'crm.days': { levels: { otherwise: -0.3 } } } } } },
      'm.json',
    );
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
    const r = evaluateSync(deals[1], { packs: [pack], asOf: '2026-11-01', model: parsed.model }) as Result;
    expect(r.items['crm.incumbent']!.contribution).toBe(-0.41);
    expect(r.items['crm.days']!.contribution).toBe(-0.3);
    // Not in the model: crm.budget adds 0. logit = −1 − 0.41 − 0.3.
    expect(r.logit).toBeCloseTo(-1.71, 12);
    const gain = r.missing.find((m) => m.item === 'crm.incumbent')!.gain;
    expect(gain).toBeCloseTo(1 / (1 + Math.exp(-(r.logit + 0.9 + 0.41))) - r.probability, 12);
    expect(explainProbability(r).negative[0]).toMatchObject({ item: 'crm.incumbent', contribution: -0.41, level: { from: 'custom.incumbent', level: 'Other' } });
  });

  it('warns when a model weighs levels the pack does not read, or an item the pack rates', () => {
    const parsed = parseModel(
      { format: 'dealqual-model', version: 1, name: 't', intercept: -1, packs: { 'crm-test': { items: { 'crm.incumbent': { levels: { Us: 0.9, Othr: -0.4 } }, 'crm.budget': { levels: { Yes: 1 } } } } } },
      'm.json',
    );
    if (!parsed.ok) throw new Error('model');
    expect(modelWarnings(parsed.model, [pack])).toEqual([
      { code: 'model-unknown-level', message: 'the model weighs "Othr" for crm.incumbent, which its level table ("Us", "None", "Other") does not have: that weight is never used' },
      { code: 'model-levels-not-read', message: 'the model weighs crm.budget per level, but the pack rates it ("weights": "per-level" is not set): no level is read and the item adds 0' },
    ]);
    // A rating model over a per-level item weighs it by rating: no warning, the rating's weight.
    const rating = parseModel(modelFile({ C: 0.7, F: 0.2 }), 'm.json');
    if (!rating.ok) throw new Error('model');
    expect(modelWarnings(rating.model, [pack])).toEqual([]);
    expect((evaluateSync(deals[0], { packs: [pack], asOf: '2026-11-01', model: rating.model }) as Result).items['crm.incumbent']!.contribution).toBe(0.7);
  });

  it('both engines give equal results, with a model and with the prior', async () => {
    const parsed = parseModel(modelFile({ levels: { Us: 0.9, Other: -0.41 } }), 'm.json');
    if (!parsed.ok) throw new Error('model');
    for (const deal of deals)
      for (const options of [{ packs: [pack], asOf: '2026-11-01' }, { packs: [pack], asOf: '2026-11-01', model: parsed.model, detail: 'full' as const }])
        expect(await evaluate(deal, options)).toEqual(evaluateSync(deal, options));
  });

  it('explains each contribution as "column = level → weight", in en and zh-CN', () => {
    const parsed = parseModel(modelFile({ levels: { Us: 0.9, Other: -0.41 } }), 'm.json');
    if (!parsed.ok) throw new Error('model');
    const r = evaluateSync(deals[1], { packs: [pack], asOf: '2026-11-01', model: parsed.model }) as Result;
    const en = describeResult(r, { packs: [pack], locale: 'en' });
    const zh = describeResult(r, { packs: [pack], locale: 'zh-CN' });
    expect(en.items['crm.incumbent']!.level!.message).toBe('custom.incumbent = Other → −0.41');
    expect(zh.items['crm.incumbent']!.level!.message).toBe('custom.incumbent = Other → −0.41');
    expect(en.items['crm.days']!.level!.message).toBe('custom.days = 400 (a value not listed) → 0');
    expect(zh.items['crm.days']!.level!.message).toBe('custom.days = 400(未列出的取值)→ 0');
    const us = describeResult(evaluateSync(deals[0], { packs: [pack], asOf: '2026-11-01' }) as Result, { packs: [pack], locale: 'en' });
    expect(us.items['crm.days']!.level!.message).toMatch(/^custom\.days = 48 \(0\.\.90\) → \+\d\.\d\d$/);
    const none = evaluateSync(deals[2], { packs: [pack], asOf: '2026-11-01' }) as Result;
    expect(describeResult(none, { packs: [pack], locale: 'en' }).items['crm.incumbent']!.level!.message).toBe('custom.incumbent: no level read (blank, or a value not listed) → 0, the reference');
    expect(describeResult(none, { packs: [pack], locale: 'zh-CN' }).items['crm.incumbent']!.level!.message).toBe('custom.incumbent:未读到任何取值(空白或未列出的值)→ 0(参照水平)');
    // Items weighed by rating carry no level.
    expect(en.items['crm.budget']!.level).toBeUndefined();
  });

  it('dealqual explain prints the level line under the item and names it among the contributions', async () => {
    let out = '';
    const io: CliIO = {
      stdout: { write: async (t: string) => void (out += t) },
      stderr: { write: async () => undefined },
      stdin: Readable.from([]),
      cwd: ROOT,
      env: {},
      stdoutIsTTY: false,
      stderrIsTTY: false,
      stdinIsTTY: false,
    };
    const code = await explain.run(['fixtures/crm/history.csv', '--id', 'OPP-00001', '--pack', 'fixtures/crm/pack-levels.json', '--mapping', 'fixtures/crm/mapping.json', '--locale', 'zh-CN'], io);
    expect(code).toBe(0);
    // OPP-00001: Incumbent None, Competitors 2, Champion Unknown, 58 days since the last activity.
    expect(out).toMatch(/custom\.incumbent = None → \+0\.15/);
    expect(out).toMatch(/custom\.competitors = 2 → −1\.63/);
    expect(out).toContain('custom.days_since_last_activity = 58(未列出的取值)→ −0.81');
    expect(out).toMatch(/lowered by: {2}crm\.competition \(custom\.competitors = 2\) −1\.63/);
  });
});

describe('calibration', () => {
  /** Deals where level A wins 80% and level B 20% (deterministic counts), some blank. */
  function history(perLevel: number) {
    const deals: unknown[] = [];
    let n = 0;
    const add = (level: string | undefined, won: boolean) =>
      deals.push({ id: `D-${String(++n).padStart(4, '0')}`, asOf: '2026-06-30', outcome: won ? 'won' : 'lost', custom: level === undefined ? {} : { plan: level } });
    for (let i = 0; i < perLevel; i++) {
      add('A', i % 5 !== 0);
      add('B', i % 5 === 0);
      if (i % 4 === 0) add(undefined, i % 8 === 0);
    }
    return deals;
  }
  // The table rates B better than A: the data say the opposite, and per-level weights follow the data.
  const plan = load([{ id: 'crm.plan', step: 2, from: 'custom.plan', levels: { A: 'F', B: 'C' }, weights: 'per-level' }]);

  it('fits one weight per level in the direction the data show (A wins 80%, B 20%)', () => {
    const fitted = calibrate(history(400), { packs: [plan] });
    const levels = fitted.model.weights['crm.plan']!.levels!;
    expect(levels.A).toBeGreaterThan(levels.B!);
    // With a weak prior the fit is the data's: no level read (the blanks, won 50%) is the reference,
    // intercept + A ≈ logit(0.8), intercept + B ≈ logit(0.2).
    const weak = calibrate(history(400), { packs: [plan], priorSd: 10, interceptSd: 10 }).model;
    expect(weak.intercept).toBeCloseTo(0, 1);
    expect(weak.intercept + weak.weights['crm.plan']!.levels!.A!).toBeCloseTo(Math.log(0.8 / 0.2), 1);
    expect(weak.intercept + weak.weights['crm.plan']!.levels!.B!).toBeCloseTo(Math.log(0.2 / 0.8), 1);
    expect(fitted.counts['crm.plan']).toMatchObject({ levels: { A: 400, B: 400 }, none: 100 });
    const entry = fitted.file.packs['crm-test']!.items['crm.plan']!;
    expect(Object.keys(entry)).toEqual(['levels', 'note']);
    expect(entry.note).toMatch(/^read A 400, B 400, no level 100 times \(the reference, 0\) in 900 closed deals; prior A 2\.442, B 4\.885 → fitted A 2\.\d+, B -0\.\d+$/);
    // The calibrated file loads and gives evaluate the fitted log-odds.
    const parsed = parseModel(JSON.parse(JSON.stringify(fitted.file)), 'calibrated.json');
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
    const r = evaluateSync({ id: 'x', custom: { plan: 'B' } }, { packs: [plan], model: parsed.model, asOf: '2026-06-30' }) as Result;
    expect(r.logit).toBeCloseTo(fitted.model.intercept + levels.B!, 12);
  });

  it('with few deals the weights stay near the prior (the table rating), with many they follow the data', () => {
    const few = calibrate(history(5), { packs: [plan] }).model.weights['crm.plan']!.levels!;
    const many = calibrate(history(400), { packs: [plan] }).model.weights['crm.plan']!.levels!;
    expect(few.B! - few.A!).toBeGreaterThan(many.B! - many.A!);
    expect(many.B! - many.A!).toBeLessThan(-2);
  });

  it('cross-validation and --repeat work with per-level items; held-out predictions come from fitted levels', () => {
    const prepared = prepareHistory(history(150), { packs: [plan] });
    const repeated = repeatedCrossValidate(prepared, { folds: 5, repeat: 3 });
    expect(repeated.repeats).toHaveLength(3);
    // The prior ranks B above A; the held-out fit ranks A above B, as the outcomes do.
    expect(repeated.report.baseline.auc!).toBeLessThan(0.5);
    expect(repeated.mean.auc!).toBeGreaterThan(0.7);
    expect(repeated.predictions).toHaveLength(3 * prepared.deals.length);
  });
});
