import { describe, expect, it } from 'vitest';
import { fillMessage } from '../../src/core/assemble.js';
import { deriveFacts } from '../../src/engine/derive.js';

const deal = { id: 'M-1', need: { deadline: '2026-10-01', problems: ['VPN'] }, stakeholders: [{ name: '张总' }] };
const facts = { deal, derived: deriveFacts(deal, { asOf: '2026-11-01', horizonDays: 180 }) };

describe('fillMessage', () => {
  it('fills deal and derived paths and asOf', () =>
    expect(fillMessage('{deal.need.deadline} < {asOf}; {derived.need.problems} problem(s); {deal.stakeholders[0].name}', facts, '2026-11-01')).toBe(
      '2026-10-01 < 2026-11-01; 1 problem(s); 张总',
    ));
  it('leaves placeholders of absent or non-scalar facts as written', () =>
    expect(fillMessage('{deal.funding.budget} {deal.need} {other}', facts, '2026-11-01')).toBe('{deal.funding.budget} {deal.need} {other}'));
  it('returns plain text unchanged', () => expect(fillMessage('no placeholders', facts, '2026-11-01')).toBe('no placeholders'));
});
