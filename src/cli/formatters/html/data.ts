/**
 * The data of the HTML report: per deal a compact table row and a card, and the aggregates the
 * charts draw. Everything kept is bounded apart from the table rows (one short array per deal):
 * cards for at most CARD_LIMIT deals (failing first, then with warnings, then the rest, each in input order).
 */
import type { Locale } from '../../../locale/messages.js';
import { sourceLabel } from '../../errors.js';
import { manAction, missingSignals, missingTitle, findingText } from '../text.js';
import type { DescribedResult } from '../../../result.js';
import type { AuditRecord } from '../types.js';

/** An audited deal whose result carries its texts (the html formatter sets `texts`). */
export type DescribedRecord = AuditRecord & { result: DescribedResult };

export const CARD_LIMIT = 200;
export const TOP_CONTRIBUTIONS = 6;

/** A table row: id, source, step, milestone, probability, MAN class, errors, warnings, amount, currency, card index (-1: none). */
export type Row = [...RowHead, number];
type RowHead = [string, string, number, string, number, string, number, number, number | null, string];

export interface Card {
  id: string;
  source: string;
  step: number;
  claimed?: number;
  milestone: string;
  probability: number;
  intercept: number;
  man?: { class: string; action: string };
  problems: { severity: 'error' | 'warn'; rule: string; message: string }[];
  /** Checklist: per pack (and per step of the seven-step pack) the items with their ratings. */
  checklist: { pack: string; step?: number; items: { id: string; star: boolean; rating: string }[] }[];
  missing: { item: string; star: boolean; step: number; rating: string; title: string; signals: string[] }[];
  findings: { code: string; message: string }[];
  /** `level`: what a categorical feature read, as `custom.incumbent = Other → −0.41`. */
  contributions: { item: string; rating: string; value: number; level?: string }[];
}

export interface Piece {
  row: RowHead;
  card: Card;
  findings: string[];
  man?: string;
}

const byId = (a: string, b: string) => a.localeCompare(b, 'en', { numeric: true });
const round = (x: number, digits = 4) => Math.round(x * 10 ** digits) / 10 ** digits;

/** One deal's piece (runs per deal, in a worker with --jobs). */
export function dealPiece(record: DescribedRecord, locale: Locale): Piece {
  const { result, problems } = record;
  let errors = 0;
  for (const p of problems) if (p.severity === 'error') errors += 1;
  const groups = new Map<string, Card['checklist'][number]>();
  for (const id of Object.keys(result.items).sort(byId)) {
    const item = result.items[id]!;
    const seven = item.pack === 'sangfor-7step';
    const key = seven ? `${item.pack}#${item.step}` : item.pack;
    if (!groups.has(key)) groups.set(key, { pack: item.pack, ...(seven ? { step: item.step } : {}), items: [] });
    groups.get(key)!.items.push({ id, star: item.star, rating: item.rating });
  }
  const checklist = [...groups.values()].sort((a, b) => (a.pack === b.pack ? (a.step ?? 0) - (b.step ?? 0) : a.pack === 'sangfor-7step' ? -1 : b.pack === 'sangfor-7step' ? 1 : byId(a.pack, b.pack)));
  const contributions = Object.entries(result.items)
    .filter(([, i]) => i.contribution !== 0)
    .sort(([a, x], [b, y]) => Math.abs(y.contribution) - Math.abs(x.contribution) || byId(a, b))
    .slice(0, TOP_CONTRIBUTIONS)
    .map(([item, i]) => ({ item, rating: i.rating, value: round(i.contribution), ...(i.level ? { level: i.level.message } : {}) }));
  const card: Card = {
    id: result.id,
    source: sourceLabel(record.source),
    step: result.stage.step,
    ...(result.stage.claimed !== undefined ? { claimed: result.stage.claimed } : {}),
    milestone: result.stage.milestone,
    probability: round(result.probability),
    intercept: round(result.intercept),
    ...(result.man ? { man: { class: result.man.class, action: manAction(result.man, locale) } } : {}),
    problems: problems.map((p) => ({ severity: p.severity, rule: p.rule, message: p.message })),
    checklist,
    missing: result.missing.map((m) => ({ item: m.item, star: m.star, step: m.step, rating: m.rating, title: missingTitle(m, locale), signals: missingSignals(m, locale).map((s) => s.text) })),
    findings: result.findings.map((f) => ({ code: f.code, message: findingText(f) })),
    contributions,
  };
  return {
    row: [result.id, sourceLabel(record.source), result.stage.step, result.stage.milestone, round(result.probability), result.man?.class ?? '', errors, problems.length - errors, record.amount ?? null, record.currency ?? ''],
    card,
    findings: result.findings.map((f) => f.code),
    ...(result.man ? { man: result.man.class } : {}),
  };
}

/** What the report keeps while deals stream in. */
export interface ReportState {
  rows: Row[];
  /** Card candidates per priority (0 failing, 1 warnings, 2 clean), each capped at CARD_LIMIT. */
  buckets: [Card[], Card[], Card[]];
  /** Deals per step and milestone. */
  funnel: Record<string, number>;
  /** Deals per probability decile (0–9). */
  histogram: number[];
  /** Weighted pipeline per step and currency (open deals with an amount). */
  pipeline: Record<string, number>;
  man: Record<string, { count: number; action: string }>;
  findings: Record<string, number>;
  /** Problems per rule id. */
  rules: Record<string, number>;
}

export const emptyState = (): ReportState => ({ rows: [], buckets: [[], [], []], funnel: {}, histogram: new Array(10).fill(0), pipeline: {}, man: {}, findings: {}, rules: {} });

/** Adds one deal's piece to the state (main thread, input order). */
export function addPiece(state: ReportState, piece: Piece): void {
  const [, , step, milestone, probability, , errors, warnings, amount, currency] = piece.row;
  const priority = errors > 0 ? 0 : warnings > 0 ? 1 : 2;
  const bucket = state.buckets[priority];
  let card = -1;
  if (bucket.length < CARD_LIMIT) {
    bucket.push(piece.card);
    card = 1;
  }
  state.rows.push([...piece.row, card] as Row);
  state.funnel[`${step}|${milestone}`] = (state.funnel[`${step}|${milestone}`] ?? 0) + 1;
  state.histogram[Math.min(9, Math.floor(probability * 10))]! += 1;
  if (amount !== null && milestone !== 'won' && milestone !== 'lost') state.pipeline[`${step}|${currency}`] = (state.pipeline[`${step}|${currency}`] ?? 0) + amount * probability;
  if (piece.man && piece.card.man) state.man[piece.man] ??= { count: 0, action: piece.card.man.action };
  if (piece.man) state.man[piece.man]!.count += 1;
  for (const code of piece.findings) state.findings[code] = (state.findings[code] ?? 0) + 1;
  for (const p of piece.card.problems) state.rules[p.rule] = (state.rules[p.rule] ?? 0) + 1;
}

/** The cards shown (failing first, up to CARD_LIMIT), and each row's card index (-1 when none). */
export function selectCards(state: ReportState): Card[] {
  const cards = [...state.buckets[0], ...state.buckets[1], ...state.buckets[2]].slice(0, CARD_LIMIT);
  // Rows and cards meet by id and source (ids may repeat across files).
  const key = new Map(cards.map((c, i) => [`${c.id}\u0000${c.source}`, i]));
  for (const row of state.rows) row[10] = row[10] === -1 ? -1 : (key.get(`${row[0]}\u0000${row[1]}`) ?? -1);
  return cards;
}
