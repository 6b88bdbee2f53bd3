import { describe, expect, it } from 'vitest';
import { factsRated, freshFrom, rateItem, type RateContext } from '../../src/engine/rate.js';
import { itemSchema } from '../../src/packs/schema.js';

const item = itemSchema.parse({
  id: 'x.one',
  step: 1,
  star: true,
  title: { zh: '测试', en: 'Test' },
  signals: [],
  docs: 'test item',
  rules: [],
});
const threeSignals = { ...item, minSignals: 3 };
const ctx: RateContext = { asOf: '2026-11-01', staleDays: 90, requireEvidence: false };
const facts = (rating: 'C' | 'F' | 'W') => factsRated(rating, 'm');

describe('freshFrom', () => {
  it('is asOf minus the window', () => expect(freshFrom(ctx)).toBe('2026-08-03'));
  it('crosses a leap day', () => expect(freshFrom({ asOf: '2028-03-01', staleDays: 1 })).toBe('2028-02-29'));
  it('a zero window keeps only asOf itself fresh', () => expect(freshFrom({ asOf: '2026-11-01', staleDays: 0 })).toBe('2026-11-01'));
});

describe('rateItem: facts and answers', () => {
  it('nothing known is W', () => expect(rateItem(item, undefined, [], undefined, ctx)).toMatchObject({ rating: 'W', code: 'nothing-known' }));
  it('facts silent: the answer counts', () => expect(rateItem(item, undefined, [], 'C', ctx)).toMatchObject({ rating: 'C', code: 'answer' }));
  it('facts win over a different answer and record the contradiction', () =>
    expect(rateItem(item, facts('W'), [], 'C', ctx)).toEqual({ rating: 'W', code: 'facts', params: { message: 'm' }, contradicts: 'C' }));
  it('an answer equal to the facts is no contradiction', () => expect(rateItem(item, facts('F'), [], 'F', ctx).contradicts).toBeUndefined());
  it('long-form answers carry their date', () =>
    expect(rateItem(item, undefined, [], { rating: 'F', at: '2026-10-01' }, ctx)).toMatchObject({ rating: 'F', code: 'answer', params: { date: '2026-10-01' } }));
});

describe('rateItem: staleness at the window edges', () => {
  it('an answer dated exactly 90 days before asOf is fresh', () =>
    expect(rateItem(item, undefined, [], { rating: 'C', at: '2026-08-03' }, ctx)).toMatchObject({ rating: 'C', code: 'answer' }));
  it('an answer dated 91 days before asOf is stale: C drops to F with the date', () =>
    expect(rateItem(item, undefined, [], { rating: 'C', at: '2026-08-02' }, ctx)).toEqual({ rating: 'F', code: 'stale', params: { date: '2026-08-02', days: 90 } }));
  it('staleness never raises a rating: a stale W stays W', () =>
    expect(rateItem(item, undefined, [], { rating: 'W', at: '2020-01-01' }, ctx)).toMatchObject({ rating: 'W' }));
  it('the window is configurable', () =>
    expect(rateItem(item, undefined, [], { rating: 'C', at: '2026-10-01' }, { ...ctx, staleDays: 30 })).toMatchObject({ rating: 'F', code: 'stale' }));
  it('evidence exactly at the edge proves; a day older is stale', () => {
    expect(rateItem(item, undefined, [{ item: 'x.one', date: '2026-08-03' }], undefined, ctx)).toMatchObject({ rating: 'C', code: 'evidence' });
    expect(rateItem(item, undefined, [{ item: 'x.one', date: '2026-08-02' }], undefined, ctx)).toEqual({ rating: 'F', code: 'stale', params: { date: '2026-08-02', days: 90 } });
  });
});

describe('rateItem: evidence', () => {
  it('fresh evidence raises partial facts to C', () =>
    expect(rateItem(item, facts('F'), [{ item: 'x.one', signal: 1, date: '2026-10-01' }], undefined, ctx)).toMatchObject({ rating: 'C', code: 'evidence' }));
  it('contrary facts beat supporting evidence', () =>
    expect(rateItem(item, facts('W'), [{ item: 'x.one', signal: 1, date: '2026-10-01' }], undefined, ctx)).toMatchObject({ rating: 'W', code: 'facts' }));
  it('evidence against us makes the item W', () =>
    expect(rateItem(item, facts('C'), [{ item: 'x.one', date: '2026-10-01', against: true, note: 'backs rival' }], undefined, ctx)).toEqual({
      rating: 'W',
      code: 'evidence-against',
      params: { date: '2026-10-01', note: 'backs rival' },
    }));
  it('evidence dated after asOf is not yet known', () =>
    expect(rateItem(item, undefined, [{ item: 'x.one', date: '2026-11-02' }], undefined, ctx)).toMatchObject({ rating: 'W', code: 'nothing-known' }));
  it('fewer distinct signals than minSignals give F; enough give C', () => {
    const two = [1, 2].map((signal) => ({ item: 'x.one', signal, date: '2026-10-01' }));
    expect(rateItem(threeSignals, undefined, two, undefined, ctx)).toMatchObject({ rating: 'F', code: 'evidence-partial', params: { count: 2, needed: 3 } });
    const repeated = [1, 1, 1].map((signal) => ({ item: 'x.one', signal, date: '2026-10-01' }));
    expect(rateItem(threeSignals, undefined, repeated, undefined, ctx)).toMatchObject({ rating: 'F', params: { count: 1 } });
    const three = [1, 2, 3].map((signal) => ({ item: 'x.one', signal, date: '2026-10-01' }));
    expect(rateItem(threeSignals, undefined, three, undefined, ctx)).toMatchObject({ rating: 'C', params: { signals: '1, 2, 3' } });
  });
  it('an answer contradicted by evidence is recorded', () =>
    expect(rateItem(item, undefined, [{ item: 'x.one', date: '2026-10-01' }], 'W', ctx)).toMatchObject({ rating: 'C', contradicts: 'W' }));
});

describe('rateItem: requireEvidence', () => {
  const strict = { ...ctx, requireEvidence: true };
  it('a C answer with nothing behind it is an unsupported claim (F)', () =>
    expect(rateItem(item, undefined, [], 'C', strict)).toEqual({ rating: 'F', code: 'unsupported', params: {} }));
  it('a C answer with only stale evidence is F, stale since its date', () =>
    expect(rateItem(item, undefined, [{ item: 'x.one', date: '2026-01-05' }], 'C', strict)).toMatchObject({ rating: 'F', code: 'stale', params: { date: '2026-01-05' } }));
  it('F and W answers are unchanged', () => {
    expect(rateItem(item, undefined, [], 'F', strict)).toMatchObject({ rating: 'F', code: 'answer' });
    expect(rateItem(item, undefined, [], 'W', strict)).toMatchObject({ rating: 'W', code: 'answer' });
  });
  it('facts support the claim', () => expect(rateItem(item, facts('C'), [], 'C', strict)).toMatchObject({ rating: 'C', code: 'facts' }));
  it('without requireEvidence a fresh C answer beside stale evidence stays C', () =>
    expect(rateItem(item, undefined, [{ item: 'x.one', date: '2026-01-05' }], 'C', ctx)).toMatchObject({ rating: 'C', code: 'answer' }));
});
