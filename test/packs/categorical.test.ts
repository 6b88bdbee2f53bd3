import { describe, expect, it } from 'vitest';
import { evaluate, evaluateSync } from '../../src/evaluate.js';
import { parsePack } from '../../src/packs/load.js';
import type { Pack } from '../../src/packs/schema.js';
import type { DescribedResult, Result } from '../../src/result.js';

const manifest = {
  id: 'crm-test',
  version: '1.0.0',
  title: { zh: '测试', en: 'Test' },
  docs: 'Categorical items under test.',
  messages: {},
  items: [
    { id: 'crm.budget', step: 2, star: true, from: 'custom.budget', levels: { Yes: 'C', Partial: 'F', No: 'W' } },
    { id: 'crm.rivals', step: 3, kind: 'risk', from: 'custom.rivals', levels: { '0': 'C', '1': 'F' }, otherwise: 'W' },
    { id: 'crm.close', step: 1, from: 'custom.days', levels: { '<0': 'W', '0..90': 'C', '91..180': 'F' }, otherwise: 'W', title: { zh: '签约时间', en: 'Close date' } },
    { id: 'crm.approval', step: 2, from: 'funding.approval', levels: { approved: 'C', pending: 'F' }, messages: { approved: { zh: '已立项', en: 'Approved' } } },
  ],
};

function pack(): Pack {
  const parsed = parsePack({ manifest, file: 'crm-test.json' });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  return parsed.pack;
}

const deals = [
  { id: 'levels', custom: { budget: 'Yes', rivals: 0, days: 45 }, funding: { approval: 'approved' } },
  { id: 'partial', custom: { budget: 'Partial', rivals: '1', days: 120 }, funding: { approval: 'pending' } },
  { id: 'worst', custom: { budget: 'No', rivals: 3, days: -5 }, funding: { approval: 'rejected' } },
  { id: 'unlisted', custom: { budget: 'Maybe', rivals: 'many', days: 400 } },
  { id: 'blank', answers: { 'crm.budget': 'F' } },
];

describe('categorical items', () => {
  it('expand at load into rule items with one message per level; titles and docs default to the field', () => {
    const p = pack();
    const budget = p.items[0]!;
    expect(budget).toMatchObject({ id: 'crm.budget', star: true, kind: 'positive', extension: true, title: { zh: 'custom.budget', en: 'custom.budget' } });
    expect(budget.rules.map((r) => r.event.params)).toEqual([
      { rating: 'C', message: 'crm.budget=Yes' },
      { rating: 'F', message: 'crm.budget=Partial' },
      { rating: 'W', message: 'crm.budget=No' },
    ]);
    expect(budget.docs).toBe('Categorical item rated from `custom.budget`: Yes → C, Partial → F, No → W; any other value or a blank is not observed (the answer counts, else W).');
    expect(p.messages['crm.budget=Yes']).toEqual({ zh: 'custom.budget = Yes', en: 'custom.budget = Yes' });
    expect(p.messages['crm.approval=approved']).toEqual({ zh: '已立项', en: 'Approved' });
    expect(p.items[2]!.title.en).toBe('Close date');
  });

  it('rate each level, numbers and ranges; unlisted values and blanks follow `otherwise`, else the answer, else W', () => {
    const rated = (id: string) => {
      const r = evaluateSync(deals.find((d) => d.id === id), { packs: [pack()], asOf: '2026-11-01' }) as Result;
      return Object.fromEntries(Object.entries(r.items).map(([item, x]) => [item, x.rating]));
    };
    expect(rated('levels')).toEqual({ 'crm.budget': 'C', 'crm.rivals': 'C', 'crm.close': 'C', 'crm.approval': 'C' });
    expect(rated('partial')).toEqual({ 'crm.budget': 'F', 'crm.rivals': 'F', 'crm.close': 'F', 'crm.approval': 'F' });
    expect(rated('worst')).toEqual({ 'crm.budget': 'W', 'crm.rivals': 'W', 'crm.close': 'W', 'crm.approval': 'W' });
    expect(rated('unlisted')).toEqual({ 'crm.budget': 'W', 'crm.rivals': 'W', 'crm.close': 'W', 'crm.approval': 'W' });
    // Blank: budget falls to the seller's answer; items with `otherwise` rate the blank too.
    expect(rated('blank')).toEqual({ 'crm.budget': 'F', 'crm.rivals': 'W', 'crm.close': 'W', 'crm.approval': 'W' });
    const worst = evaluateSync(deals[2], { packs: [pack()], asOf: '2026-11-01', detail: 'full' }) as DescribedResult;
    expect(worst.items['crm.budget']!.reason).toMatchObject({ code: 'facts', message: 'custom.budget = No' });
    expect(worst.items['crm.close']!.reason.message).toBe('custom.days = -5 (<0)');
    const unlisted = evaluateSync(deals[3], { packs: [pack()], asOf: '2026-11-01', detail: 'full' }) as DescribedResult;
    expect(unlisted.items['crm.budget']!.reason.code).toBe('nothing-known');
    expect(unlisted.items['crm.rivals']!.reason.message).toBe('custom.rivals = many (a value not listed)');
  });

  it('both engines give the same results (json-rules-engine reference = compiled)', async () => {
    for (const deal of deals) {
      const options = { packs: [pack()], asOf: '2026-11-01' };
      expect(await evaluate(deal, options)).toEqual(evaluateSync(deal, options));
    }
  });

  it('declaration problems name the file and the JSON path', () => {
    const bad = {
      ...manifest,
      items: [
        { id: 'crm.a', step: 2, from: 'custom.a', levels: { Yes: 'maybe' } },
        { id: 'crm.b', step: 2, from: 'custom.a b', levels: { Yes: 'C' } },
        { id: 'crm.c', step: 2, from: 'custom.c', levels: {} },
        { id: 'crm.d', step: 2, from: 'custom.d', levels: { Yes: 'C' }, rules: [] },
      ],
    };
    const parsed = parsePack({ manifest: bad, file: 'bad.json' });
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.issues.map((i) => `${i.file} ${i.path}`)).toEqual(['bad.json $.items[0].levels.Yes', 'bad.json $.items[1].from', 'bad.json $.items[2].levels', 'bad.json $.items[3]']);
    const clash = parsePack({ manifest: { ...manifest, messages: { 'crm.budget=Yes': { zh: 'x', en: 'x' } } }, file: 'clash.json' });
    expect(clash.ok ? [] : clash.issues.map((i) => i.path)).toEqual(['$.messages["crm.budget=Yes"]']);
  });
});
