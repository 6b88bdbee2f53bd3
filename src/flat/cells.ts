/**
 * Cell readers of the flat-row convention. A cell arrives as a spreadsheet gives it: a string (CSV,
 * typed text), a number, a boolean (a checkbox), a Date (Google Sheets, an .xlsx date cell) or nothing. Each
 * reader returns the value or an error message saying what the cell accepts; blank cells never get
 * here (they are unknown and omitted).
 */
import type { Rating } from '../snapshot/schema.js';
import { canonicalValue } from '../snapshot/vocabulary.js';
import { CONTACT_ROLE_WORDS } from './presets.js';

export type Read<T> = { ok: true; value: T } | { ok: false; message: string };

const ok = <T>(value: T): Read<T> => ({ ok: true, value });
const fail = (message: string): Read<never> => ({ ok: false, message });

/** A cell as quoted in an error message. */
export function show(cell: unknown): string {
  if (isDate(cell)) return Number.isNaN(cell.getTime()) ? 'an invalid date' : `the date ${cell.toISOString()}`;
  if (typeof cell === 'string') return JSON.stringify(cell.length > 60 ? `${cell.slice(0, 57)}…` : cell);
  return String(cell);
}

/** A Date from any realm (Apps Script and `node:vm` hand over Dates of their own). */
export function isDate(value: unknown): value is Date {
  return Object.prototype.toString.call(value) === '[object Date]';
}

/** Blank: nothing, an empty or white-space string. Such a cell is unknown. */
export function isBlank(cell: unknown): boolean {
  return cell === undefined || cell === null || (typeof cell === 'string' && cell.trim() === '');
}

const norm = (s: string) => s.trim().toLowerCase();

/* @__NO_SIDE_EFFECTS__ */
function table(entries: Record<string, readonly string[]>): Map<string, string> {
  const out = new Map<string, string>();
  for (const [value, words] of Object.entries(entries)) for (const word of words) out.set(norm(word), value);
  return out;
}

/** Spellings of the three ratings. */
export const RATING_SPELLINGS: Record<Rating, readonly string[]> = {
  C: ['C', '✓', '✔', '是', '清楚', '确认', '已确认', 'yes', 'y', 'confirmed'],
  F: ['F', '?', '？', '模糊', '部分', 'fuzzy', 'partly'],
  W: ['W', '✗', '✘', '×', '否', '未知', '不清楚', 'no', 'n', 'unknown'],
};
const ratings = table(RATING_SPELLINGS);

/** Spellings of true and false. */
export const BOOLEAN_SPELLINGS: Record<'true' | 'false', readonly string[]> = {
  true: ['true', 'yes', 'y', '1', '是', '有', '✓', '✔'],
  false: ['false', 'no', 'n', '0', '否', '无', '✗', '✘', '×'],
};
const booleans = table(BOOLEAN_SPELLINGS);

const RATING_EXPECTED = 'a rating: C/F/W, ✓/?/✗, 是/?/否, 清楚/模糊/未知 or yes/no';

const isColon = (ch: string | undefined) => ch === ':' || ch === '：';

/**
 * The parts of an answer cell — `rating [@ date] [: note]` — found by one scan (linear in the cell,
 * unlike a regex with nested quantifiers, which took seconds on a long run of spaces).
 * @example answerParts('✓ @2026-10-20: 财务处确认') // { rating: '✓', at: '2026-10-20', note: '财务处确认' }
 */
export function answerParts(text: string): { rating: string; at?: string; note?: string } | undefined {
  let i = 0;
  while (i < text.length && text[i] !== '@' && !isColon(text[i])) i++;
  if (i === 0) return undefined;
  const out: { rating: string; at?: string; note?: string } = { rating: text.slice(0, i).trimEnd() };
  if (text[i] === '@') {
    const start = i + 1;
    i = start;
    while (i < text.length && !isColon(text[i])) i++;
    if (i === start) return undefined;
    out.at = text.slice(start, i).trim();
  }
  if (isColon(text[i])) out.note = text.slice(i + 1).trimStart();
  return out;
}

/**
 * An answer cell: a rating, optionally with the date it was last confirmed and a note —
 * `C`, `C @2026-10-20`, `F: budget said verbally`, `✓ @2026-10-20: 财务处确认`. A checkbox is C
 * when ticked and W when not.
 */
export function readAnswer(cell: unknown): Read<Rating | { rating: Rating; at?: string; note?: string }> {
  if (typeof cell === 'boolean') return ok(cell ? 'C' : 'W');
  if (typeof cell !== 'string') return fail(`expected ${RATING_EXPECTED}; got ${show(cell)}`);
  const parts = answerParts(cell.trim());
  const rating = parts && ratings.get(norm(parts.rating));
  if (!parts || !rating) return fail(`expected ${RATING_EXPECTED}; got ${show(cell)}`);
  const { at, note } = parts;
  if (at === undefined && (note === undefined || note.trim() === '')) return ok(rating as Rating);
  const out: { rating: Rating; at?: string; note?: string } = { rating: rating as Rating };
  if (at !== undefined) {
    const date = readDate(at);
    if (!date.ok) return fail(`the date after "@": ${date.message}`);
    out.at = date.value;
  }
  if (note !== undefined && note.trim() !== '') out.note = note.trim();
  return ok(out);
}

export function readBoolean(cell: unknown): Read<boolean> {
  if (typeof cell === 'boolean') return ok(cell);
  if (typeof cell === 'number' && (cell === 0 || cell === 1)) return ok(cell === 1);
  const value = typeof cell === 'string' ? booleans.get(norm(cell)) : undefined;
  if (value !== undefined) return ok(value === 'true');
  return fail(`expected a yes/no value: true/false, yes/no, 是/否, 1/0 or ✓/✗; got ${show(cell)}`);
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');
const isoOf = (y: number, m: number, d: number) => `${pad(y, 4)}-${pad(m)}-${pad(d)}`;

function validDate(y: number, m: number, d: number): string | undefined {
  const t = new Date(Date.UTC(y, m - 1, d));
  if (y < 1 || y > 9999 || t.getUTCFullYear() !== y || t.getUTCMonth() !== m - 1 || t.getUTCDate() !== d) return undefined;
  return isoOf(y, m, d);
}

/** The largest serial a spreadsheet shows as a date (9999-12-31). */
const MAX_SERIAL = 2958465;

/**
 * A spreadsheet serial number in the 1900 date system as an ISO date. Serial 1 is 1900-01-01;
 * serial 60 is Lotus 1-2-3's 1900-02-29, a day that never was, so it is refused; from serial 61 on
 * (1900-03-01) the count is exact. A fraction is the time of day and is dropped.
 */
export function serialToIso(serial: number): Read<string> {
  const day = Math.floor(serial);
  if (!Number.isFinite(serial) || day < 1 || day > MAX_SERIAL) {
    return fail(`expected a date; the number ${serial} is not a spreadsheet date serial (1 … ${MAX_SERIAL})`);
  }
  if (day === 60) return fail('serial 60 is 1900-02-29, a day that does not exist (the 1900 leap-year bug of spreadsheets)');
  const t = new Date(Date.UTC(1899, 11, day < 60 ? 31 : 30) + day * 86_400_000);
  return ok(isoOf(t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate()));
}

/**
 * A Date cell as the calendar day it shows. An .xlsx reader gives a date cell as UTC midnight; Google Sheets
 * gives midnight in the script's time zone. So a Date at UTC midnight is read in UTC, any other in
 * the local time zone (set the Apps Script project's time zone to the spreadsheet's).
 */
export function dateToIso(date: Date): Read<string> {
  if (Number.isNaN(date.getTime())) return fail('expected a date; got an invalid date');
  const utcMidnight = date.getUTCHours() === 0 && date.getUTCMinutes() === 0 && date.getUTCSeconds() === 0 && date.getUTCMilliseconds() === 0;
  const iso = utcMidnight
    ? validDate(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate())
    : validDate(date.getFullYear(), date.getMonth() + 1, date.getDate());
  return iso ? ok(iso) : fail(`expected a date between years 1 and 9999; got ${show(date)}`);
}

/** Numbers from here on are epoch milliseconds (1973-03-03 on), not date serials (at most 2958465): CRM APIs give dates so. */
const EPOCH_MS_FROM = 1e11;

/** Epoch milliseconds (HubSpot's API dates) as the UTC calendar day. */
function epochToIso(ms: number): Read<string> {
  const t = new Date(ms);
  return Number.isNaN(t.getTime()) ? fail(`expected a date; the number ${ms} is not a time in milliseconds`) : dateToIso(new Date(Date.UTC(t.getUTCFullYear(), t.getUTCMonth(), t.getUTCDate())));
}

const DATE_EXPECTED = 'expected a date: ISO yyyy-MM-dd (a date-time such as 2026-12-31T00:00:00Z gives its date; also yyyy/M/d, yyyy.M.d, yyyy年M月d日), a date cell, a date serial number or epoch milliseconds';

/** A date cell: ISO or slash/dot/年月日 text, a Date, or a serial number (1900 date system). */
export function readDate(cell: unknown): Read<string> {
  if (isDate(cell)) return dateToIso(cell);
  if (typeof cell === 'number') return cell >= EPOCH_MS_FROM ? epochToIso(cell) : serialToIso(cell);
  if (typeof cell !== 'string') return fail(`${DATE_EXPECTED}; got ${show(cell)}`);
  const text = cell.trim();
  if (/^\d{11,14}$/.test(text)) return epochToIso(Number(text));
  const match =
    /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/.exec(text) ??
    /^(\d{4})[/.](\d{1,2})[/.](\d{1,2})$/.exec(text) ??
    /^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]?$/.exec(text);
  if (match) {
    const iso = validDate(Number(match[1]), Number(match[2]), Number(match[3]));
    return iso ? ok(iso) : fail(`${show(cell)} is not a day of the calendar`);
  }
  if (/^\d+(\.\d+)?$/.test(text)) return serialToIso(Number(text));
  return fail(`${DATE_EXPECTED}; got ${show(cell)}`);
}

const MULTIPLIERS: Record<string, number> = { '万': 1e4, '亿': 1e8 };

/**
 * A number cell. Text may carry thousands separators (`1,200,000`, `1 200 000`), a currency sign
 * (`¥`, `$`, `€`, `£`), a trailing `元`, and `万` (10⁴) or `亿` (10⁸): `120万` is 1200000.
 */
export function readNumber(cell: unknown): Read<number> {
  if (typeof cell === 'number') return Number.isFinite(cell) ? ok(cell) : fail(`expected a number; got ${show(cell)}`);
  if (typeof cell !== 'string') return fail(`expected a number; got ${show(cell)}`);
  // Suffixes are cut with endsWith/trimEnd: a `\s*元$` regex is quadratic on a long run of spaces.
  let text = cell.trim().replace(/^[¥￥$€£]\s*/u, '');
  if (text.endsWith('元')) text = text.slice(0, -1).trimEnd();
  let factor = 1;
  const unit = text.slice(-1);
  if (unit === '万' || unit === '亿') {
    factor = MULTIPLIERS[unit]!;
    text = text.slice(0, -1).trimEnd();
  }
  const grouped = /^-?\d{1,3}(?:([,，  \u202f])\d{3})(?:\1\d{3})*(?:\.\d+)?$/u.test(text);
  const plain = /^-?(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?$/i.test(text);
  if (!grouped && !plain) return fail(`expected a number such as 1200000, 1,200,000 or 120万; got ${show(cell)}`);
  const value = Number(text.replace(/[,，  \u202f]/gu, '')) * factor;
  return Number.isFinite(value) ? ok(factor === 1 ? value : Math.round(value * 1e6) / 1e6) : fail(`expected a number; got ${show(cell)}`);
}

/** A positive whole number (a quantity, a signal number). */
export function readCount(cell: unknown): Read<number> {
  const read = readNumber(cell);
  if (!read.ok) return read;
  return Number.isInteger(read.value) && read.value > 0 ? read : fail(`expected a whole number ≥ 1; got ${show(cell)}`);
}

/** Text: a string as typed (trimmed), a number or a date written out. */
export function readText(cell: unknown): Read<string> {
  if (typeof cell === 'string') return ok(cell.trim());
  if (typeof cell === 'number' || typeof cell === 'boolean') return ok(String(cell));
  if (isDate(cell)) return dateToIso(cell);
  return fail(`expected text; got ${show(cell)}`);
}

/** The parts of a list cell: split on `;` `；` `、` `,` `，` and line breaks; empty parts dropped. */
export function splitList(text: string): string[] {
  return text
    .split(/[;；、,，\n\r]/u)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

/** The entries of a compact cell: split on `;` `；` and line breaks (not commas, which names contain). */
export function splitEntries(text: string): string[] {
  return text
    .split(/[;；\n\r]/u)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

/** The fields of one compact entry: split on `|` or `｜`. */
export function splitFields(entry: string): string[] {
  return entry.split(/[|｜]/u).map((s) => s.trim());
}

/** Names inside one field (visitors, supporters): split on `/` `、` `,` `，`. */
export function splitNames(text: string): string[] {
  return text
    .split(/[/、,，]/u)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

/** A custom cell keeps its type: numbers, booleans; dates become ISO; text stays text (numeric text becomes a number). */
export function readCustom(cell: unknown): Read<unknown> {
  if (typeof cell === 'number' || typeof cell === 'boolean') return ok(cell);
  if (isDate(cell)) return dateToIso(cell);
  if (typeof cell === 'string') {
    const text = cell.trim();
    if (/^-?\d+(\.\d+)?$/.test(text)) return ok(Number(text));
    if (/^(true|false)$/i.test(text)) return ok(text.toLowerCase() === 'true');
    return ok(text);
  }
  return fail(`expected a text, number, yes/no or date cell; got ${show(cell)}`);
}

/**
 * A custom cell coerced as its mapping says: number (thousands separators, currency signs, 万/亿),
 * date (a date-time with a time zone is the date it writes), boolean, text; with no type, as
 * `readCustom` reads it.
 * @example coerce('number', '1,200,000') // { ok: true, value: 1200000 }
 * @example coerce('date', '2026-12-31T23:00:00-05:00') // { ok: true, value: '2026-12-31' }
 */
export function coerce(type: 'text' | 'number' | 'date' | 'boolean' | 'contacts' | undefined, cell: unknown): Read<unknown> {
  switch (type) {
    case 'number':
      return readNumber(cell);
    case 'date':
      return readDate(cell);
    case 'boolean':
      return readBoolean(cell);
    case 'text':
    case 'contacts':
      return readText(cell);
    default:
      return readCustom(cell);
  }
}

/**
 * A CRM's contact-roles cell (`Dana Wu (Economic Buyer); Li Lei (Technical Buyer)`, also
 * `Name: Role` or `Name|Role`) as stakeholder entries, read by `read` (the stakeholders column).
 * Role words: the CRMs' (`CONTACT_ROLE_WORDS`) or the snapshot's own; a role with no place in the
 * decision chain (Influencer) gives a stakeholder without a role.
 * @example readContacts('Dana Wu (Economic Buyer)', stakeholders.read) // { ok: true, value: [{ name: 'Dana Wu', role: 'final-say' }] }
 */
export function readContacts(cell: unknown, read: (cell: unknown) => Read<unknown>): Read<unknown> {
  const text = readText(cell);
  if (!text.ok) return text;
  const entries = splitEntries(text.value).map((entry) => {
    const match = /^(.*?)\s*(?:\(([^()]*)\)|[:：|｜]\s*(.*))\s*$/u.exec(entry);
    const name = (match ? match[1]! : entry).replace(/[|｜;；]/gu, ' ').trim();
    const role = match ? (match[2] ?? match[3] ?? '').trim().toLowerCase() : '';
    const canonical = CONTACT_ROLE_WORDS[role] ?? canonicalValue('role', role);
    return canonical ? `${name}|${canonical}` : name;
  });
  return read(entries.join('; '));
}
