import { describe, expect, it } from 'vitest';
import { fillMessage, quotedPaths, quotedValues } from '../../src/core/messages.js';
import { deriveFacts } from '../../src/engine/derive.js';

const deal = { id: 'M-1', need: { deadline: '2026-10-01', problems: ['VPN'] }, stakeholders: [{ name: '张总' }] };
const facts = { deal, derived: deriveFacts(deal, { asOf: '2026-11-01', horizonDays: 180 }) };
const TEXT = '{deal.need.deadline} < {asOf}; {derived.need.problems} problem(s); {deal.stakeholders[0].name}';

describe('quoted facts of pack messages', () => {
  it('lists the deal and derived paths a message quotes, once each, not asOf', () =>
    expect(quotedPaths(`${TEXT} {deal.need.deadline}`)).toEqual(['deal.need.deadline', 'derived.need.problems', 'deal.stakeholders[0].name']));
  it('records the plain values of the quoted paths, leaving out absent and non-scalar facts', () =>
    expect(quotedValues(['deal.need.deadline', 'derived.need.problems', 'deal.stakeholders[0].name', 'deal.funding.budget', 'deal.need'], facts)).toEqual({
      'deal.need.deadline': '2026-10-01',
      'derived.need.problems': 1,
      'deal.stakeholders[0].name': '张总',
    }));
});

describe('fillMessage', () => {
  it('fills deal and derived paths from the recorded values, and asOf', () =>
    expect(fillMessage(TEXT, quotedValues(quotedPaths(TEXT), facts), '2026-11-01')).toBe('2026-10-01 < 2026-11-01; 1 problem(s); 张总'));
  it('leaves placeholders without a recorded value as written', () =>
    expect(fillMessage('{deal.funding.budget} {deal.need} {other}', quotedValues(['deal.funding.budget', 'deal.need'], facts), '2026-11-01')).toBe(
      '{deal.funding.budget} {deal.need} {other}',
    ));
  it('does not read inherited keys of the values', () => expect(fillMessage('{deal.constructor}', {}, '2026-11-01')).toBe('{deal.constructor}'));
  it('returns plain text unchanged', () => expect(fillMessage('no placeholders', {}, '2026-11-01')).toBe('no placeholders'));
});
