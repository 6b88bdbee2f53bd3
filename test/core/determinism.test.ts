import { describe, expect, it } from 'vitest';
import { evaluate, evaluateSync } from '../../src/evaluate.js';

const deal = {
  id: 'DET-1',
  asOf: '2026-11-01',
  customer: { name: '某市人民医院', segment: '政府' },
  amount: 1_200_000,
  productLines: ['SSL', 'AC'],
  need: { problems: ['远程办公VPN', '等保2.0合规'], deadline: '2026-12-31', deadlineReason: '年底预算', raisedBy: '使用者' },
  funding: { approval: '审批中', budgetInPlace: true },
  stakeholders: [{ name: '王主任', role: '拍板者', personality: '保守者', contact: '一般接触', stance: '中立者' }],
  answers: { 's3.2': 'C', 's4.2': { rating: 'C', at: '2026-03-01' } },
  evidence: [{ item: 's1.1', signal: 1, date: '2026-10-12', note: '客户书面需求' }],
};

describe('determinism', () => {
  it('the same input gives byte-identical output, in both engines', async () => {
    const first = JSON.stringify(evaluateSync(deal));
    expect(JSON.stringify(evaluateSync(structuredClone(deal)))).toBe(first);
    expect(JSON.stringify(await evaluate(structuredClone(deal)))).toBe(first);
  });
  it('the input is not mutated', () => {
    const copy = structuredClone(deal);
    evaluateSync(copy);
    expect(copy).toEqual(deal);
  });
  it('concurrent reference runs equal sequential ones', async () => {
    const deals = Array.from({ length: 40 }, (_, i) => ({ ...deal, id: `DET-${i}`, amount: i * 1000, answers: { 's1.1': (['C', 'F', 'W'] as const)[i % 3]! } }));
    const concurrent = await Promise.all(deals.map((d) => evaluate(d)));
    const sequential = [];
    for (const d of deals) sequential.push(await evaluate(d));
    expect(concurrent).toEqual(sequential);
    expect(concurrent).toEqual(deals.map((d) => evaluateSync(d)));
  });
  it('pack order in the options does not change the result', () => {
    expect(evaluateSync(deal, { packs: ['bant', 'man', 'sangfor-7step'] })).toEqual(evaluateSync(deal));
  });
  it('zh-CN and en differ only in words', () => {
    const en = evaluateSync(deal, { detail: 'full' });
    const zh = evaluateSync(deal, { locale: 'zh-CN', detail: 'full' });
    if (!en.ok || !zh.ok) throw new Error('invalid');
    expect(zh.probability).toBe(en.probability);
    expect(zh.missing.map((m) => m.item)).toEqual(en.missing.map((m) => m.item));
    expect(zh.items['s4.2']!.reason.message).toMatch(/过期/);
    expect(en.items['s4.2']!.reason.message).toMatch(/Stale since 2026-03-01/);
  });
});
