/**
 * The columns of the flat-row convention: every fact path a header may name, and how its cells
 * read. One table serves the reader, the docs (docs/sheets.md) and the test that checks it covers
 * every field of the snapshot schema.
 */
import { canonicalValue, spellings, type Vocabulary } from '../snapshot/vocabulary.js';
import { readBoolean, readDate, readNumber, readText, show, splitList, type Read } from './cells.js';
import { CHANNEL, COMPETITOR, CONCERN, EVIDENCE, STAKEHOLDER, VISIT, readBreakdown, readEntries, readProducts } from './compact.js';

export type ColumnKind =
  | { kind: 'text' }
  | { kind: 'number' }
  | { kind: 'boolean' }
  | { kind: 'date' }
  | { kind: 'currency' }
  | { kind: 'term'; vocabulary: Vocabulary }
  | { kind: 'list' }
  | { kind: 'terms'; vocabulary: Vocabulary }
  | { kind: 'compact'; encoding: string };

export interface Column {
  path: string;
  type: ColumnKind;
  read: (cell: unknown) => Read<unknown>;
}

const ok = <T>(value: T): Read<T> => ({ ok: true, value });
const fail = (message: string): Read<never> => ({ ok: false, message });

/* @__NO_SIDE_EFFECTS__ */
function term(vocabulary: Vocabulary): Column['read'] {
  return (cell) => {
    const word = typeof cell === 'string' ? canonicalValue(vocabulary, cell) : typeof cell === 'boolean' && vocabulary === 'specsInfluence' ? (cell ? 'yes' : 'no') : undefined;
    if (word) return ok(word);
    const words = spellings(vocabulary);
    return fail(`expected one of ${words.slice(0, 12).join(', ')}${words.length > 12 ? ', …' : ''}; got ${show(cell)}`);
  };
}

const list: Column['read'] = (cell) => {
  const t = readText(cell);
  return t.ok ? ok(splitList(t.value)) : t;
};

/* @__NO_SIDE_EFFECTS__ */
function terms(vocabulary: Vocabulary): Column['read'] {
  const one = term(vocabulary);
  return (cell) => {
    const parts = list(cell);
    if (!parts.ok) return parts;
    const out: unknown[] = [];
    for (const part of parts.value as string[]) {
      const read = one(part);
      if (!read.ok) return read;
      out.push(read.value);
    }
    return ok(out);
  };
}

const CURRENCIES: Record<string, string> = { 人民币: 'CNY', rmb: 'CNY', 元: 'CNY', 美元: 'USD', 欧元: 'EUR', 港币: 'HKD', 港元: 'HKD' };
const currency: Column['read'] = (cell) => {
  if (typeof cell !== 'string') return fail(`expected an ISO 4217 code such as CNY; got ${show(cell)}`);
  const code = CURRENCIES[cell.trim().toLowerCase()] ?? cell.trim().toUpperCase();
  return /^[A-Z]{3}$/.test(code) ? ok(code) : fail(`expected an ISO 4217 code such as CNY (or 人民币, 美元); got ${show(cell)}`);
};

/* @__NO_SIDE_EFFECTS__ */
function compact(encoding: string, read: (text: string) => Read<unknown>): Column['read'] {
  return (cell) => (typeof cell === 'string' ? read(cell) : fail(`expected ${encoding} entries separated by ";"; got ${show(cell)}`));
}

const T = { kind: 'text' } as const;
const N = { kind: 'number' } as const;
const B = { kind: 'boolean' } as const;
const D = { kind: 'date' } as const;

const spec: [string, ColumnKind, Column['read']][] = [
  ['asOf', D, readDate],
  ['outcome', { kind: 'term', vocabulary: 'outcome' }, term('outcome')],
  ['claimedStep', N, readNumber],
  ['customer.name', T, readText],
  ['customer.segment', { kind: 'term', vocabulary: 'segment' }, term('segment')],
  ['customer.industry', T, readText],
  ['customer.biggestProject', T, readText],
  ['amount', N, readNumber],
  ['currency', { kind: 'currency' }, currency],
  ['productLines', { kind: 'list' }, list],
  ['source', { kind: 'term', vocabulary: 'opportunitySource' }, term('opportunitySource')],
  ['need.problems', { kind: 'list' }, list],
  ['need.deadline', D, readDate],
  ['need.deadlineReason', T, readText],
  ['need.raisedBy', { kind: 'term', vocabulary: 'raisedBy' }, term('raisedBy')],
  ['need.products', { kind: 'compact', encoding: 'line|model|quantity' }, compact('line|model|quantity', readProducts)],
  ['need.networkMapped', B, readBoolean],
  ['need.installedBaseKnown', B, readBoolean],
  ['need.alternatives', B, readBoolean],
  ['need.metrics', { kind: 'list' }, list],
  ['funding.approval', { kind: 'term', vocabulary: 'approval' }, term('approval')],
  ['funding.budgetInPlace', B, readBoolean],
  ['funding.budget', N, readNumber],
  ['funding.source', { kind: 'term', vocabulary: 'fundingSource' }, term('fundingSource')],
  ['funding.breakdown', { kind: 'compact', encoding: 'item|amount' }, compact('item|amount', readBreakdown)],
  ['technical.requirementsMet', B, readBoolean],
  ['technical.standardAdopted', B, readBoolean],
  ['technical.edgeAcknowledged', B, readBoolean],
  ['technical.trial', { kind: 'term', vocabulary: 'trial' }, term('trial')],
  ['technical.visits', { kind: 'compact', encoding: 'kind|date|visitors' }, compact('kind|date|visitors', (t) => readEntries(VISIT, t))],
  ['technical.lockIn', B, readBoolean],
  ['technical.barriers', { kind: 'terms', vocabulary: 'barrier' }, terms('barrier')],
  ['technical.concerns', { kind: 'compact', encoding: 'text|resolved|blocking' }, compact('text|resolved|blocking', (t) => readEntries(CONCERN, t))],
  ['stakeholders', { kind: 'compact', encoding: 'name(title)|role|personality|contact|stance|flags' }, compact('name|role|personality|contact|stance', (t) => readEntries(STAKEHOLDER, t))],
  ['competitors', { kind: 'compact', encoding: 'name|primary|channel=…|relation=…|supporters=A/B' }, compact('name|primary|channel=…', (t) => readEntries(COMPETITOR, t))],
  ['competition', { kind: 'term', vocabulary: 'competition' }, term('competition')],
  ['channels', { kind: 'compact', encoding: 'name|relation|trusted-by-top|works-with-us' }, compact('name|relation|…', (t) => readEntries(CHANNEL, t))],
  ['procurement.processKnown', B, readBoolean],
  ['procurement.historyKnown', B, readBoolean],
  ['procurement.tender', B, readBoolean],
  ['procurement.specsInfluenced', { kind: 'term', vocabulary: 'specsInfluence' }, term('specsInfluence')],
  ['procurement.scheduleKnown', B, readBoolean],
  ['procurement.agency', T, readText],
  ['commercial.modelAccepted', B, readBoolean],
  ['commercial.specsFromUs', B, readBoolean],
  ['commercial.terms', { kind: 'term', vocabulary: 'terms' }, term('terms')],
  ['contract.approvalSteps', { kind: 'list' }, list],
  ['contract.currentStep', T, readText],
  ['contract.handler', T, readText],
  ['contract.delayReason', T, readText],
  ['contract.status', { kind: 'term', vocabulary: 'contractStatus' }, term('contractStatus')],
  ['contract.payment', { kind: 'term', vocabulary: 'payment' }, term('payment')],
  ['entryPlan.date', D, readDate],
  ['entryPlan.action', T, readText],
  ['evidence', { kind: 'compact', encoding: 'item|date|#signal|against|note' }, compact('item|date|#signal|note', (t) => readEntries(EVIDENCE, t))],
];

/** Every fact column, by path, in the order of the snapshot schema. */
export const FACT_COLUMNS: ReadonlyMap<string, Column> = /* @__PURE__ */ new Map(/* @__PURE__ */ spec.map(([path, type, read]) => [path, { path, type, read }]));

/** Headers of the result columns: ignored on input, so a scored file can be read again. */
export const RESULT_COLUMNS = ['stage', 'milestone', 'probability', 'man', 'missing'] as const;
