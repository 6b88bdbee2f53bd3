import { describe, expect, it } from 'vitest';
import { describe as describeResult } from '../../src/describe.js';
import { evaluateSync } from '../../src/evaluate.js';
import { listItems } from '../../src/packs/items.js';
import type { Result } from '../../src/result.js';

const AS_OF = '2026-11-01';
const sevenStep = listItems('sangfor-7step');
const stars = (...steps: number[]) => sevenStep.filter((i) => i.star && steps.includes(i.step)).map((i) => i.id);
const answersC = (ids: string[]) => Object.fromEntries(ids.map((id) => [id, 'C' as const]));

function run(deal: Record<string, unknown>): Result {
  const result = evaluateSync({ id: 'S-1', asOf: AS_OF, ...deal }, { packs: ['sangfor-7step'] });
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return result;
}

describe('stage: the earliest step whose gate is not all C', () => {
  const table: [string, Record<string, unknown>, number][] = [
    ['nothing known', {}, 1],
    ['step 1 ★ confirmed', { answers: answersC(stars(1)) }, 2],
    ['steps 1–2 ★ confirmed', { answers: answersC(stars(1, 2)) }, 3],
    ['steps 1–3 ★ confirmed', { answers: answersC(stars(1, 2, 3)) }, 4],
    ['steps 1–4 ★ confirmed', { answers: answersC(stars(1, 2, 3, 4)) }, 5],
    ['enterprise, steps 1–5 ★ confirmed: step 6 is skipped', { answers: answersC(stars(1, 2, 3, 4, 5)) }, 7],
    ['government buyer, steps 1–5 ★ confirmed: step 6 applies', { customer: { segment: '政府' }, answers: answersC(stars(1, 2, 3, 4, 5)) }, 6],
    ['a tender fact makes step 6 apply to an enterprise', { procurement: { tender: true }, answers: answersC(stars(1, 2, 3, 4, 5)) }, 6],
    ['a state-owned buyer that declares no tender skips step 6', { customer: { segment: 'state-owned' }, procurement: { tender: false }, answers: answersC(stars(1, 2, 3, 4, 5)) }, 7],
    ['a ★ gap in step 2 holds the deal there whatever comes later', { answers: answersC([...stars(1, 3, 4, 5), 's2.2']) }, 2],
    ['non-★ gaps do not hold a step', { answers: { ...answersC(stars(1)), 's1.2': 'W', 's1.4': 'W' } }, 2],
  ];
  it.each(table)('%s → step %i', (_, deal, step) => expect(run(deal).stage.step).toBe(step));

  it('government buyer with steps 6 items confirmed reaches step 7', () => {
    const step6 = sevenStep.filter((i) => i.step === 6).map((i) => i.id);
    expect(step6.length).toBeGreaterThan(0);
    expect(run({ customer: { segment: 'government' }, answers: answersC([...stars(1, 2, 3, 4, 5), ...step6]) }).stage.step).toBe(7);
  });

  it('reports per-step C/F/W counts and whether the step applies', () => {
    const result = run({ answers: { 's1.1': 'C', 's1.2': 'F', 's3.2': 'C' } });
    const step1 = result.stage.steps.find((s) => s.step === 1)!;
    expect(step1).toMatchObject({ applies: true, C: 1, F: 1, W: sevenStep.filter((i) => i.step === 1).length - 2, open: ['s1.3'] });
    expect(result.stage.steps.find((s) => s.step === 6)!.applies).toBe(false);
  });

  it('echoes the step the snapshot claims, only when it claims one', () => {
    expect(run({ claimedStep: 4, answers: answersC(stars(1)) }).stage).toMatchObject({ step: 2, claimed: 4 });
    expect(run({}).stage).not.toHaveProperty('claimed');
  });

  it('reports the furthest step with any C', () => {
    expect(run({ answers: { 's1.1': 'C', 's3.2': 'C' } }).stage).toMatchObject({ step: 1, furthest: 3 });
    expect(run({}).stage.furthest).toBe(0);
  });
});

describe('milestone', () => {
  const table: [string, Record<string, unknown>, string][] = [
    ['nothing known → lead', {}, 'lead'],
    ['s1.3 C → opportunity (商机)', { answers: { 's1.3': 'C' } }, 'opportunity'],
    ['s2.3 C → project (项目)', { answers: { 's1.3': 'C', 's2.3': 'C' } }, 'project'],
    ['s1.3 F → still a lead', { answers: { 's1.3': 'F' } }, 'lead'],
    ['s2.3 C without s1.3 → still a lead: a project is an opportunity first', { answers: { 's2.3': 'C' } }, 'lead'],
    ['outcome won wins', { outcome: 'won' }, 'won'],
    ['outcome lost wins over a project', { outcome: '丢单', answers: { 's1.3': 'C', 's2.3': 'C' } }, 'lost'],
    ['outcome open keeps the derived milestone', { outcome: 'open', answers: { 's1.3': 'C' } }, 'opportunity'],
  ];
  it.each(table)('%s', (_, deal, milestone) => expect(run(deal).stage.milestone).toBe(milestone));
});

describe('missing evidence order', () => {
  it('★ items of the current step first, then earlier steps, then the rest by step', () => {
    const result = run({ answers: answersC([...stars(1, 2)]) });
    expect(result.stage.step).toBe(3);
    const order = result.missing.map((m) => m.item);
    expect(order.slice(0, 3)).toEqual(stars(3));
    const earlier = sevenStep.filter((i) => i.step < 3 && !i.star).map((i) => i.id);
    expect(order.slice(3, 3 + earlier.length)).toEqual(earlier);
    const rest = order.slice(3 + earlier.length);
    const steps = rest.map((id) => sevenStep.find((i) => i.id === id)!.step);
    expect(steps).toEqual([...steps].sort((a, b) => a - b));
    expect(rest).not.toContain('s6.1');
  });

  it('every entry says why it is not C and how to prove it', () => {
    const result = describeResult(run({ answers: { 's1.1': 'F', 's1.2': { rating: 'C', at: '2026-01-01' } } }), { packs: ['sangfor-7step'] });
    const s11 = result.missing.find((m) => m.item === 's1.1')!;
    expect(s11).toMatchObject({ star: true, step: 1, rating: 'F', reason: { code: 'answer' } });
    expect(s11.title.zh).toContain('客户要解决哪些问题');
    const s12 = result.missing.find((m) => m.item === 's1.2')!;
    expect(s12.reason).toMatchObject({ code: 'stale', params: { date: '2026-01-01' } });
    expect(s12.reason.message).toContain('2026-01-01');
    expect(s12.signals.length).toBeGreaterThan(0);
    expect(result.missing.find((m) => m.item === 's1.3')!.reason.code).toBe('nothing-known');
    expect(result.missing.some((m) => m.item === 's1.1' && m.rating === 'C')).toBe(false);
  });
});
