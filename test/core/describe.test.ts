import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe as group, expect, it } from 'vitest';
import { describeFindings } from '../../src/describe.js';
import { describe, evaluate, evaluateSync } from '../../src/index.js';
import type { Result } from '../../src/result.js';

const DIR = join(__dirname, '..', '..', 'fixtures', 'deals');
const deals = readdirSync(DIR)
  .filter((f) => f.endsWith('.json'))
  .map((f) => JSON.parse(readFileSync(join(DIR, f), 'utf8')) as { id: string });

const ok = (r: ReturnType<typeof evaluateSync>): Result => {
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r;
};

/** Every key anywhere in a value, except inside params (data, whose keys are the params' names). */
function keysOf(value: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(value)) value.forEach((v) => keysOf(v, out));
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) out.add(k), k === 'params' || keysOf(v, out);
  return out;
}

group('compact results', () => {
  it('carry codes and params, no texts: no message, title or signals anywhere', () => {
    for (const deal of deals) {
      const keys = keysOf(ok(evaluateSync(deal)));
      for (const text of ['message', 'title', 'signals']) expect(keys.has(text), `${deal.id}: ${text}`).toBe(false);
    }
  });
  it('keep the contract fields and, per missing item, its id, star and gain only: its rating, reason, pack and step are said once, in items', () => {
    const result = ok(evaluateSync(deals[0]));
    expect(Object.keys(result)).toEqual(expect.arrayContaining(['id', 'stage', 'probability', 'items', 'missing', 'man']));
    expect(result.missing.length).toBeGreaterThan(0);
    for (const m of result.missing) {
      expect(Object.keys(m)).toEqual(['item', 'star', 'gain']);
      expect(result.items[m.item], m.item).toBeDefined();
      expect(result.items[m.item]!.rating, m.item).not.toBe('C');
      expect(result.items[m.item]!.star, m.item).toBe(m.star);
    }
    expect(result.man!.action.zh).toBeTruthy();
  });
  it('described, each missing item has again its pack, step, rating and reason, as its item has them', () => {
    for (const deal of deals) {
      const result = ok(evaluateSync(deal));
      const full = describe(result, { locale: 'zh-CN' });
      expect(full.missing.map((m) => m.item)).toEqual(result.missing.map((m) => m.item));
      for (const m of full.missing) {
        const item = full.items[m.item]!;
        expect(Object.keys(m)).toEqual(['item', 'pack', 'star', 'step', 'rating', 'title', 'reason', 'signals', 'gain']);
        expect({ pack: m.pack, step: m.step, rating: m.rating, reason: m.reason }).toEqual({ pack: item.pack, step: item.step, rating: item.rating, reason: item.reason });
      }
    }
  });
  it('a pack message quoting a fact records its value in the params', () => {
    const result = ok(evaluateSync({ id: 'Q-1', asOf: '2026-11-01', need: { deadline: '2026-10-01' } }));
    expect(result.items['bant.timeline']!.reason).toEqual({ code: 'facts', params: { message: 'deadlinePassed', 'deal.need.deadline': '2026-10-01' } });
  });
});

group('describe', () => {
  it("equals detail: 'full', in both engines and both locales, on every fixture deal", async () => {
    for (const locale of ['en', 'zh-CN'] as const)
      for (const deal of deals) {
        const full = evaluateSync(deal, { locale, detail: 'full' });
        expect(describe(ok(evaluateSync(deal, { locale })), { locale })).toEqual(full);
        expect(await evaluate(deal, { locale, detail: 'full' })).toEqual(full);
      }
  });
  it('resolves titles, signals and messages in the locale asked for', () => {
    const lapsed = ok(evaluateSync({ id: 'Q-2', asOf: '2026-11-01', need: { deadline: '2026-10-01' } }));
    expect(describe(lapsed, { locale: 'zh-CN' }).items['bant.timeline']!.reason.message).toContain('截止日期 2026-10-01 早于评估日期 2026-11-01');
    const result = ok(evaluateSync({ id: 'Q-3', asOf: '2026-11-01', answers: { 's1.2': { rating: 'C', at: '2026-01-01' } } }));
    const en = describe(result);
    expect(en.items['s1.2']!.reason.message).toBe('Stale since 2026-01-01: older than the 90-day window, so C drops to F.');
    const missing = en.missing.find((m) => m.item === 's1.1')!;
    expect(missing.title.zh).toContain('客户要解决哪些问题');
    expect(en.missing.find((m) => m.item === 's1.2')!.signals.length).toBeGreaterThan(0);
    expect(en.findings.find((f) => f.code === 'stale')!.message).toContain('s1.2');
  });
  it('a red flag quotes its item\'s reason', () => {
    const deal = deals.map((d) => ok(evaluateSync(d))).find((r) => r.findings.some((f) => f.code === 'red-flag'));
    expect(deal, 'a fixture deal with a red flag').toBeDefined();
    const described = describe(deal!);
    const flag = described.findings.find((f) => f.code === 'red-flag')!;
    expect(flag.message).toContain(described.items[flag.items[0]!]!.reason.message);
  });
  it('names the pack it cannot find when given other packs than the evaluation', () => {
    const result = ok(evaluateSync(deals[0]));
    expect(() => describe(result, { packs: ['man'] })).toThrow(/"sangfor-7step", which is not among the packs given/);
  });
  // A bad locale threw "Cannot read properties of undefined (reading 'get')" for a result with a
  // shared reason, and returned without error for others: now one TypeError, whatever the result.
  it.each([
    ['a result with evidence', { id: 'x', asOf: '2026-11-01', answers: { 's1.1': 'C' }, evidence: [{ item: 's1.2', date: '2026-01-01' }] }],
    ['a result with nothing known', { id: 'y', asOf: '2026-11-01' }],
  ])('an unknown locale throws the invalid_option message of evaluate, for %s', (_, deal) => {
    const result = ok(evaluateSync(deal));
    const message = (evaluateSync(deal, { locale: 'xx' as never }) as { issues: { message: string }[] }).issues[0]!.message;
    for (const locale of ['xx', 'toString', 'EN'])
      expect(() => describe(result, { locale: locale as never })).toThrow(new TypeError(`describe: ${message.replace('"xx"', JSON.stringify(locale))}`));
    expect(() => describeFindings(result, { locale: 'xx' as never })).toThrow(new TypeError(`describe: ${message}`));
    expect(() => describe(result, { packs: [] })).toThrow(/^describe: Evaluation option options\.packs must be a non-empty list/);
  });
  it('leaves the compact result as it was', () => {
    const result = ok(evaluateSync(deals[0]));
    const before = JSON.stringify(result);
    describe(result, { locale: 'zh-CN' });
    expect(JSON.stringify(result)).toBe(before);
  });
});
