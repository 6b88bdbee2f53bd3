/**
 * The flat-row convention: one spreadsheet row is one deal snapshot. Headers are item ids (the
 * seller's rating of that item) and dotted fact paths; a `mapping` renames a CRM export's headers.
 * Shared by the CLI's CSV and xlsx readers and the Google Sheets bundle.
 */
import { jsonPath } from '../packs/load.js';
import { AVAILABLE_PACK_IDS, builtinPack } from '../packs/builtin.js';
import { parseSnapshot } from '../snapshot/issues.js';
import type { SnapshotInput } from '../snapshot/schema.js';
import type { Locale } from '../locale/messages.js';
import { isBlank, readAnswer, readCustom, readText, show } from './cells.js';
import { FACT_COLUMNS, RESULT_COLUMNS, type Column } from './columns.js';

export interface FlatIssue {
  /** JSON path of the snapshot field, e.g. `$.need.deadline`; `$` for a column that maps to none. */
  path: string;
  /** The header of the column the issue is about, as written. */
  column?: string;
  message: string;
}

export type RowResult = { ok: true; snapshot: SnapshotInput } | { ok: false; id?: string; issues: FlatIssue[] };

export interface FlatOptions {
  /** Renames headers: CRM header → item id or fact path (`"预计签约日期": "need.deadline"`). Map to `"-"` to ignore a column. */
  mapping?: Readonly<Record<string, string>>;
  /** The spreadsheet row number, for messages and for the id of a table with no `id` column (`row 7`). */
  rowNumber?: number;
  /** Item ids a header may rate. Default: the items of the built-in packs. Any id can also be written `answers.<id>`. */
  items?: Iterable<string>;
  /** Language of validation messages. Default 'en'. */
  locale?: Locale;
}

type Target =
  | { kind: 'id' }
  | { kind: 'fact'; column: Column }
  | { kind: 'answer'; item: string }
  | { kind: 'custom'; keys: string[] }
  | { kind: 'ignore' };

interface Layout {
  targets: (Target | undefined)[];
  issues: FlatIssue[];
  hasId: boolean;
}

const ITEM_ID = /^[a-z0-9-]+(\.[a-z0-9-]+)+$/;
const FACT_ROOTS = new Set([...FACT_COLUMNS.keys()].filter((p) => p.includes('.')).map((p) => p.split('.')[0]!));
const factsByLower = new Map([...FACT_COLUMNS.values()].map((c) => [c.path.toLowerCase(), c]));

let builtinItems: Set<string> | undefined;
function defaultItems(): Set<string> {
  builtinItems ??= new Set(AVAILABLE_PACK_IDS.flatMap((id) => builtinPack(id).items.map((item) => item.id)));
  return builtinItems;
}

const pathOf = (target: Target): string =>
  target.kind === 'id'
    ? '$.id'
    : target.kind === 'fact'
      ? jsonPath(target.column.path.split('.'))
      : target.kind === 'answer'
        ? jsonPath(['answers', target.item])
        : target.kind === 'custom'
          ? jsonPath(['custom', ...target.keys])
          : '$';

function resolvePath(path: string, items: ReadonlySet<string>): Target | string {
  const lower = path.toLowerCase();
  if (lower === 'id') return { kind: 'id' };
  const fact = factsByLower.get(lower);
  if (fact) return { kind: 'fact', column: fact };
  if (lower.startsWith('answers.')) {
    const item = lower.slice('answers.'.length);
    return ITEM_ID.test(item) ? { kind: 'answer', item } : `${show(item)} is not an item id (such as s2.2 or man.money)`;
  }
  if (lower.startsWith('custom.')) {
    const keys = path.slice('custom.'.length).split('.');
    return keys.every((k) => k.trim() !== '') ? { kind: 'custom', keys: keys.map((k) => k.trim()) } : 'a custom column needs a name after "custom." (custom.region)';
  }
  if (items.has(lower)) return { kind: 'answer', item: lower };
  const root = lower.split('.')[0]!;
  if (FACT_ROOTS.has(root)) {
    const known = [...FACT_COLUMNS.keys()].filter((p) => p.startsWith(`${root}.`));
    return `not a fact path; the ${root} facts are ${known.join(', ')}`;
  }
  if (ITEM_ID.test(lower)) return 'not an item id of the evaluated packs (s1.1 … s7.2, man.*, bant.*), nor a fact path; write answers.<id> for an item of another pack';
  return 'not an item id or a fact path (see docs/sheets.md); map it to one, to "-" to ignore it, or name it custom.<name>';
}

function mappedPath(header: string, mapping: Readonly<Record<string, string>> | undefined): string | undefined {
  if (!mapping) return undefined;
  if (Object.prototype.hasOwnProperty.call(mapping, header)) return mapping[header];
  const lower = header.toLowerCase();
  const key = Object.keys(mapping).find((k) => k.trim().toLowerCase() === lower);
  return key === undefined ? undefined : mapping[key];
}

const layouts = new WeakMap<readonly string[], Map<string, Layout>>();

/** Resolves each header to the field it fills (cached per headers array and options). */
function layoutOf(headers: readonly unknown[], options: FlatOptions): Layout {
  const cacheKey = options.items === undefined ? JSON.stringify(options.mapping ?? {}) : undefined;
  const cached = cacheKey !== undefined ? layouts.get(headers as readonly string[])?.get(cacheKey) : undefined;
  if (cached) return cached;
  const items = options.items === undefined ? defaultItems() : new Set([...options.items].map((i) => i.toLowerCase()));
  const targets: (Target | undefined)[] = [];
  const issues: FlatIssue[] = [];
  const seen = new Map<string, string>();
  headers.forEach((raw) => {
    const header = isBlank(raw) ? '' : (readText(raw) as { value?: string }).value ?? String(raw);
    if (header === '') {
      targets.push(undefined);
      return;
    }
    const mapped = mappedPath(header, options.mapping);
    if (mapped !== undefined && (mapped.trim() === '' || mapped.trim() === '-')) {
      targets.push({ kind: 'ignore' });
      return;
    }
    if (mapped === undefined && (RESULT_COLUMNS as readonly string[]).includes(header.toLowerCase())) {
      targets.push({ kind: 'ignore' });
      return;
    }
    const resolved = resolvePath((mapped ?? header).trim(), items);
    if (typeof resolved === 'string') {
      const via = mapped === undefined ? '' : ` is mapped to ${show(mapped)}, which is`;
      issues.push({ path: '$', column: header, message: `column ${show(header)}${via || ':'} ${resolved}` });
      targets.push(undefined);
      return;
    }
    const path = pathOf(resolved);
    const other = seen.get(path);
    if (other !== undefined) {
      issues.push({ path, column: header, message: `columns ${show(other)} and ${show(header)} both give ${path}` });
      targets.push(undefined);
      return;
    }
    seen.set(path, header);
    targets.push(resolved);
  });
  const layout = { targets, issues, hasId: targets.some((t) => t?.kind === 'id') };
  if (cacheKey !== undefined && Array.isArray(headers)) {
    let byOptions = layouts.get(headers as readonly string[]);
    if (!byOptions) layouts.set(headers as readonly string[], (byOptions = new Map()));
    byOptions.set(cacheKey, layout);
  }
  return layout;
}

function setPath(target: Record<string, unknown>, keys: readonly string[], value: unknown): void {
  let node = target;
  for (const key of keys.slice(0, -1)) {
    const next = node[key];
    if (next === undefined || next === null || typeof next !== 'object' || Array.isArray(next)) node[key] = {};
    node = node[key] as Record<string, unknown>;
  }
  node[keys[keys.length - 1]!] = value;
}

/** The header cells as text (Sheets may hand over numbers or dates as headers). */
export function headerTexts(headers: readonly unknown[]): string[] {
  return headers.map((h) => (isBlank(h) ? '' : ((readText(h) as { value?: string }).value ?? String(h)).trim()));
}

/** Whether every cell of a row is blank. */
export function isBlankRow(row: readonly unknown[] | undefined): boolean {
  return !row || row.every(isBlank);
}

/**
 * One row → one snapshot, or the issues (each naming the column and the field path).
 * Blank cells are unknown and omitted. With no `id` column the deal is named after its row (`row 7`).
 * @example rowToSnapshot(['id', 's1.1', 'need.deadline'], ['D-1', '✓', '2026-12-31'])
 *   // { ok: true, snapshot: { id: 'D-1', answers: { 's1.1': 'C' }, need: { deadline: '2026-12-31' } } }
 */
export function rowToSnapshot(headers: readonly unknown[], row: readonly unknown[], options: FlatOptions = {}): RowResult {
  const layout = layoutOf(headers, options);
  const issues: FlatIssue[] = [...layout.issues];
  const out: Record<string, unknown> = {};
  const columnOfPath = new Map<string, string>();
  const headerText = headerTexts(headers);
  const width = Math.max(headers.length, row.length);
  for (let i = 0; i < width; i++) {
    const cell = row[i];
    if (isBlank(cell)) continue;
    const target = layout.targets[i];
    const header = headerText[i] ?? '';
    if (!target) {
      if (header === '') issues.push({ path: '$', message: `cell ${columnLetter(i)}${options.rowNumber ?? ''} holds ${show(cell)} but its column has no header` });
      continue;
    }
    if (target.kind === 'ignore') continue;
    const path = pathOf(target);
    columnOfPath.set(path, header);
    const fail = (message: string) => issues.push({ path, column: header, message });
    switch (target.kind) {
      case 'id': {
        const id = readText(cell);
        if (id.ok) out.id = id.value;
        else fail(id.message);
        break;
      }
      case 'fact': {
        const read = target.column.read(cell);
        if (read.ok) setPath(out, target.column.path.split('.'), read.value);
        else fail(read.message);
        break;
      }
      case 'answer': {
        const read = readAnswer(cell);
        if (read.ok) ((out.answers ??= {}) as Record<string, unknown>)[target.item] = read.value;
        else fail(read.message);
        break;
      }
      case 'custom': {
        const read = readCustom(cell);
        if (read.ok) setPath(out, ['custom', ...target.keys], read.value);
        else fail(read.message);
        break;
      }
    }
  }
  if (!layout.hasId) out.id = `row ${options.rowNumber ?? 1}`;
  else if (out.id === undefined) issues.push({ path: '$.id', column: headerText[layout.targets.findIndex((t) => t?.kind === 'id')], message: 'the deal id is blank; every row needs one' });
  const id = typeof out.id === 'string' && out.id !== '' ? out.id : undefined;
  if (issues.length > 0) return { ok: false, ...(id === undefined ? {} : { id }), issues };
  // What the cell readers let through, the schema still checks (a negative amount, a bad currency…).
  const parsed = parseSnapshot(out, options.locale ?? 'en');
  if (!parsed.ok) {
    const columns = [...columnOfPath].sort((a, b) => b[0].length - a[0].length);
    const column = (path: string) => columns.find(([p]) => path === p || path.startsWith(`${p}.`) || path.startsWith(`${p}[`))?.[1];
    return {
      ok: false,
      ...(id === undefined ? {} : { id }),
      issues: parsed.issues.map((i) => {
        const c = column(i.path);
        return { path: i.path, ...(c === undefined ? {} : { column: c }), message: i.expected && !i.message.includes(i.expected) ? `${i.message} (expected ${i.expected})` : i.message };
      }),
    };
  }
  return { ok: true, snapshot: out as SnapshotInput };
}

/** `A`, `B`, … `AA` for a zero-based column index. */
export function columnLetter(index: number): string {
  let n = index + 1;
  let out = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    out = String.fromCharCode(65 + r) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

export interface TableOptions extends Omit<FlatOptions, 'rowNumber'> {
  /** The spreadsheet row number of the header row. Default 1, so the first deal is row 2. */
  headerRow?: number;
}

/**
 * A table (first row = headers) → one result per non-blank row, with its spreadsheet row number.
 * @example tableToSnapshots([['id', 'amount'], ['D-1', '1,200,000'], [], ['D-2', '']])
 *   // [{ row: 2, ok: true, snapshot: { id: 'D-1', amount: 1200000 } }, { row: 4, ok: true, snapshot: { id: 'D-2' } }]
 */
export function tableToSnapshots(table: readonly (readonly unknown[])[], options: TableOptions = {}): ({ row: number } & RowResult)[] {
  const [headers = [], ...rows] = table;
  const first = (options.headerRow ?? 1) + 1;
  const out: ({ row: number } & RowResult)[] = [];
  rows.forEach((row, index) => {
    if (isBlankRow(row)) return;
    out.push({ row: first + index, ...rowToSnapshot(headers, row ?? [], { ...options, rowNumber: first + index }) });
  });
  return out;
}

/** One issue as a line: `$.need.deadline (column "交付日期"): expected a date …`. */
export function formatFlatIssue(issue: FlatIssue): string {
  if (issue.path === '$') return issue.message;
  const plain = issue.column === undefined || `$.${issue.column}`.toLowerCase() === issue.path.toLowerCase() || jsonPath(['answers', issue.column.toLowerCase()]) === issue.path;
  return `${issue.path}${plain ? '' : ` (column ${show(issue.column)})`}: ${issue.message}`;
}

export type ColumnRole = 'id' | 'fact' | 'answer' | 'custom' | 'ignore' | 'unknown';

/**
 * What each header fills: the deal id, a fact, an item answer, a custom fact, nothing (ignored
 * or result columns), or 'unknown' (blank or not part of the convention). For writers that style
 * columns (the xlsx writer colours answer cells).
 */
export function columnRoles(headers: readonly unknown[], options: Omit<FlatOptions, 'rowNumber'> = {}): ColumnRole[] {
  const { targets } = layoutOf(headers, options);
  return headers.map((_, i) => targets[i]?.kind ?? 'unknown');
}
