/**
 * The flat-row convention: one spreadsheet row is one deal snapshot. Headers are item ids (the
 * seller's rating of that item) and dotted fact paths; a `mapping` renames a CRM export's headers.
 * Shared by the CLI's CSV and xlsx readers and the Google Sheets bundle.
 */
import { jsonPath } from '../packs/load.js';
import { BUILTIN_PACK_IDS, builtinPack } from '../packs/builtin.js';
import { parseSnapshot } from '../snapshot/issues.js';
import type { SnapshotInput } from '../snapshot/schema.js';
import type { Locale } from '../locale/messages.js';
import { coerce, isBlank, isDate, readAnswer, readContacts, readText, show, type Read } from './cells.js';
import { FACT_COLUMNS, RESULT_COLUMNS, type Column } from './columns.js';
import { mappingIssues, resolveMapping, translate, type ColumnSpec, type MappingInput } from './mapping.js';
import { reservedMessage, reservedSegment } from './keys.js';

/** A problem reading a row: the field path, the column it came from, and what was expected. */
export interface FlatIssue {
  /** JSON path of the snapshot field, e.g. `$.need.deadline`; `$` for a column that maps to none. */
  path: string;
  /** The header of the column the issue is about, as written. */
  column?: string;
  message: string;
}

/** A row read into a snapshot, or the row's issues (with the deal id where it could be read). */
export type RowResult = { ok: true; snapshot: SnapshotInput } | { ok: false; id?: string; issues: FlatIssue[] };

/** How `rowToSnapshot` reads a row. */
export interface FlatOptions {
  /**
   * How CRM columns become snapshot fields: header → item id or fact path (`"预计签约日期": "need.deadline"`,
   * `"-"` ignores a column), or a spec translating values and coercing types
   * (`{ "to": "bant.authority", "values": { "High": "C", "Mid": "F", "Low": "W" } }`), or a structured
   * mapping starting from a CRM preset (`{ "preset": "salesforce", "columns": { … } }`). See `MappingInput`.
   */
  mapping?: MappingInput;
  /** The spreadsheet row number, for messages and for the id of a table with no `id` column (`row 7`). */
  rowNumber?: number;
  /** Item ids a header may rate. Default: the items of the default packs (pass the opt-in packs' ids too when you evaluate them). Any id can also be written `answers.<id>`. */
  items?: Iterable<string>;
  /** Language of validation messages. Default 'en'. */
  locale?: Locale;
  /**
   * Whether each row's issues repeat the problems of its headers (a column mapped to nothing). Default
   * true. A reader of a whole table sets it false and reports `columnReport(headers).issues` once.
   */
  columnIssues?: boolean;
}

type Target = (
  | { kind: 'id' }
  | { kind: 'fact'; column: Column }
  | { kind: 'answer'; item: string }
  | { kind: 'custom'; keys: string[] }
  | { kind: 'ignore' }
) & { spec?: ColumnSpec };

interface Layout {
  /** Per column, the fields it fills (none for a blank header or a column with a problem). */
  targets: Target[][];
  issues: FlatIssue[];
  /** Columns kept under `custom` because nothing maps them (one note per column). */
  notes: FlatIssue[];
  hasId: boolean;
}

const ITEM_ID = /^[a-z0-9-]+(\.[a-z0-9-]+)+$/;
/** The first segments of dotted fact paths, and the fact columns by lower-case path: made on first use (importing stays cheap, and tree-shakeable). */
let factRoots: Set<string> | undefined;
let factsByLower: Map<string, Column> | undefined;
const FACT_ROOTS = () => (factRoots ??= new Set([...FACT_COLUMNS.keys()].filter((p) => p.includes('.')).map((p) => p.split('.')[0]!)));
const factByLower = (lower: string) => (factsByLower ??= new Map([...FACT_COLUMNS.values()].map((c) => [c.path.toLowerCase(), c]))).get(lower);

let builtinItems: Set<string> | undefined;
function defaultItems(): Set<string> {
  builtinItems ??= new Set(BUILTIN_PACK_IDS.flatMap((id) => builtinPack(id).items.map((item) => item.id)));
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

/**
 * Whether column `index` is a result column (stage, milestone, probability, man, missing) that the
 * readers skip and the csv/xlsx writers replace: a header of that name the mapping does not read,
 * or one that repeats an earlier header of that name — a scored file's own result column, written
 * after an input column the mapping reads (Odoo's `Stage`, `Probability`), which is kept.
 * @example isResultColumn(['id', 'Stage', 'stage'], 1, { preset: 'odoo' }) // false: the input column
 * @example isResultColumn(['id', 'Stage', 'stage'], 2, { preset: 'odoo' }) // true
 */
export function isResultColumn(headers: readonly string[], index: number, mapping?: MappingInput): boolean {
  const lower = (headers[index] ?? '').trim().toLowerCase();
  if (!(RESULT_COLUMNS as readonly string[]).includes(lower)) return false;
  if (headers.slice(0, index).some((h) => h.trim().toLowerCase() === lower)) return true;
  const specs = mappingIssues(mapping).length === 0 ? resolveMapping(mapping).columns.get(lower) : undefined;
  return !specs || specs.every((s) => s.to.trim() === '' || s.to.trim() === '-');
}

/** The snapshot keys a target writes: `['custom', 'a', 'b']` for custom.a.b. */
const keysOf = (target: Target): string[] =>
  target.kind === 'id'
    ? ['id']
    : target.kind === 'fact'
      ? target.column.path.split('.')
      : target.kind === 'answer'
        ? ['answers', target.item]
        : target.kind === 'custom'
          ? ['custom', ...target.keys]
          : [];

/** Whether `short` is a strict prefix of `long` (a field that holds the other). */
const isPrefix = (short: readonly string[], long: readonly string[]): boolean => short.length < long.length && short.every((k, i) => long[i] === k);

/**
 * The `custom` key of a column nothing maps: the header in lower case, runs of anything but letters
 * and digits as one `_` — so a rule can read it as `$.custom.<key>`.
 * @example customKey('Decision Maker Engaged') // 'decision_maker_engaged'
 * @example customKey('预计 签约日期') // '预计_签约日期'
 */
export function customKey(header: string): string {
  return header
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '_')
    .replace(/^_+|_+$/g, '');
}

function resolvePath(path: string, items: ReadonlySet<string>): Target | string {
  const reserved = reservedSegment(path);
  if (reserved !== undefined) return reservedMessage(reserved);
  const lower = path.toLowerCase();
  if (lower === 'id') return { kind: 'id' };
  const fact = factByLower(lower);
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
  if (FACT_ROOTS().has(root) && lower.includes('.')) {
    const known = [...FACT_COLUMNS.keys()].filter((p) => p.startsWith(`${root}.`));
    return `not a fact path; the ${root} facts are ${known.join(', ')}`;
  }
  if (ITEM_ID.test(lower)) return 'not an item id of the evaluated packs (s1.1 … s7.2, man.*, bant.*), nor a fact path; write answers.<id> for an item of another pack';
  return 'not an item id or a fact path (see docs/sheets.md); map it to one, to "-" to ignore it, or name it custom.<name>';
}

/**
 * Whether an unmapped header names a field by itself. `id`, dotted headers under a fact, `answers`
 * or `custom` root (`need.deadline`, `custom.region`, `answers.acme.fit`) and item ids of the evaluated
 * packs do, in any case; a header written like an item id (lower case: `s1.99`, a typo to report)
 * does too. Other dotted headers (`Account.Name`) are a CRM's own. A one-word fact path (`amount`,
 * `competitors`, `source`, `outcome`…) does only in its documented spelling: a CRM's `Competitors`
 * or `Source` column is the CRM's own, kept under `custom` until a mapping says it is the fact.
 */
function explicitHeader(header: string, items: ReadonlySet<string>): boolean {
  const lower = header.toLowerCase();
  if (lower === 'id' || FACT_COLUMNS.has(header)) return true;
  if (!lower.includes('.')) return false;
  const root = lower.split('.')[0]!;
  return FACT_ROOTS().has(root) || root === 'answers' || root === 'custom' || items.has(lower) || ITEM_ID.test(header);
}

const layouts = new WeakMap<readonly string[], Map<string, Layout>>();

/** Resolves each header to the fields it fills (cached per headers array and options). */
function layoutOf(headers: readonly unknown[], options: Omit<FlatOptions, 'rowNumber'>): Layout {
  const invalid = mappingIssues(options.mapping);
  if (invalid.length > 0) return { targets: headers.map(() => []), issues: mappingProblems(invalid), notes: [], hasId: false };
  const mapping = resolveMapping(options.mapping);
  const cacheKey = options.items === undefined ? mapping.key : undefined;
  const cached = cacheKey !== undefined ? layouts.get(headers as readonly string[])?.get(cacheKey) : undefined;
  if (cached) return cached;
  const items = options.items === undefined ? defaultItems() : new Set([...options.items].map((i) => i.toLowerCase()));
  const targets: Target[][] = [];
  const issues: FlatIssue[] = [];
  const notes: FlatIssue[] = [];
  const seen = new Map<string, string>();
  const given: { keys: string[]; header: string }[] = [];
  const add = (header: string, target: Target, into: Target[]) => {
    if (target.kind === 'ignore') return;
    const path = pathOf(target);
    const other = seen.get(path);
    if (other !== undefined) {
      issues.push({ path, column: header, message: `columns ${show(other)} and ${show(header)} both give ${path}` });
      return;
    }
    // A field inside another column's field (custom.a and custom.a.b): one would overwrite the other.
    const keys = keysOf(target);
    const outer = given.find((g) => isPrefix(g.keys, keys) || isPrefix(keys, g.keys));
    if (outer !== undefined) {
      const [a, b] = outer.keys.length < keys.length ? [jsonPath(outer.keys), path] : [path, jsonPath(outer.keys)];
      issues.push({ path, column: header, message: `columns ${show(outer.header)} and ${show(header)} overlap: ${b} is inside ${a}, so one would overwrite the other` });
      return;
    }
    seen.set(path, header);
    given.push({ keys, header });
    into.push(target);
  };
  const texts = headerTexts(headers);
  headers.forEach((raw, index) => {
    const header = texts[index]!;
    const into: Target[] = [];
    targets.push(into);
    if (header === '') return;
    if (isResultColumn(texts, index, options.mapping)) return;
    if (header.length > MAX_CELL_CHARS) {
      issues.push({ path: '$', column: header, message: `column ${show(header.slice(0, 40))}…: ${tooLong(header)}` });
      return;
    }
    const specs = mapping.columns.get(header.toLowerCase());
    if (specs) {
      for (const spec of specs) {
        const to = spec.to.trim();
        if (to === '' || to === '-') continue;
        const resolved = resolvePath(to, items);
        if (typeof resolved === 'string') issues.push({ path: '$', column: header, message: `column ${show(header)} is mapped to ${show(spec.to)}, which is ${resolved}` });
        else add(header, { ...resolved, spec }, into);
      }
      return;
    }
    if (explicitHeader(header, items)) {
      const resolved = resolvePath(header, items);
      if (typeof resolved === 'string') issues.push({ path: '$', column: header, message: `column ${show(header)}: ${resolved}` });
      else add(header, resolved, into);
      return;
    }
    // A header that names a reserved key (`__proto__`, `Constructor`) is refused, not renamed.
    const named = reservedSegment(header);
    if (named !== undefined) {
      issues.push({ path: '$', column: header, message: `column ${show(header)}: ${reservedMessage(named)}; map it to a field or to "-"` });
      return;
    }
    const key = customKey(header);
    if (key === '') {
      issues.push({ path: '$', column: header, message: `column ${show(header)}: not an item id or a fact path, and has no letters or digits to name a custom fact; map it to a field or to "-"` });
      return;
    }
    const reserved = reservedSegment(key);
    if (reserved !== undefined) {
      issues.push({ path: '$', column: header, message: `column ${show(header)}: ${reservedMessage(reserved)}; map it to a field or to "-"` });
      return;
    }
    const target: Target = { kind: 'custom', keys: [key] };
    const fact = factByLower(header.toLowerCase());
    const hint = fact ? ` (headers name the fact ${fact.path} only in that spelling: map the column to "${fact.path}" to read it as the fact)` : '';
    notes.push({ path: pathOf(target), column: header, message: `column ${show(header)} is not mapped: kept as ${pathOf(target).slice(2)}${hint}` });
    add(header, target, into);
  });
  const layout = { targets, issues, notes, hasId: targets.some((t) => t.some((x) => x.kind === 'id')) };
  if (cacheKey !== undefined && Array.isArray(headers)) {
    let byOptions = layouts.get(headers as readonly string[]);
    if (!byOptions) layouts.set(headers as readonly string[], (byOptions = new Map()));
    byOptions.set(cacheKey, layout);
  }
  return layout;
}

/**
 * The problems of a table's headers, once per column: `issues` (a column mapped to nothing, two
 * columns giving one field; those columns are skipped) and `notes` (columns nothing maps, kept under
 * `custom`). Report them once per table and read its rows with `columnIssues: false`.
 * @example columnReport(['id', 'Region']).notes[0].message // 'column "Region" is not mapped: kept as custom.region'
 */
export function columnReport(headers: readonly unknown[], options: Omit<FlatOptions, 'rowNumber'> = {}): { issues: FlatIssue[]; notes: FlatIssue[] } {
  const { issues, notes } = layoutOf(headers, options);
  return { issues: [...issues], notes: [...notes] };
}

/**
 * The snapshot fields a table with these headers can fill, as paths (`answers.s1.1`, `need.deadline`,
 * `custom.region`), for `observableItems`.
 */
export function fedPaths(headers: readonly unknown[], options: Omit<FlatOptions, 'rowNumber'> = {}): string[] {
  const { targets } = layoutOf(headers, options);
  return targets.flat().flatMap((t) =>
    t.kind === 'fact' ? [t.column.path] : t.kind === 'answer' ? [`answers.${t.item}`] : t.kind === 'custom' ? [['custom', ...t.keys].join('.')] : [],
  );
}

/**
 * The longest cell the flat-row readers take: 32,767 characters, Excel's own limit for a cell. A
 * longer cell is an issue of its row (and a longer header, of its column), never read.
 */
export const MAX_CELL_CHARS = 32_767;
const tooLong = (text: string) => `the cell holds ${text.length.toLocaleString('en')} characters; a cell holds at most ${MAX_CELL_CHARS.toLocaleString('en')} (Excel's limit)`;

type Node = Record<string, unknown>;
/** A container built from data: no prototype, so no key of it can reach Object.prototype. */
const bare = (): Node => Object.create(null) as Node;

/** Writes `value` at `keys` under `target`, through prototype-less containers; reserved keys are refused. */
function setPath(target: Node, keys: readonly string[], value: unknown): void {
  if (keys.some((k) => reservedSegment(k) !== undefined)) throw new Error(`reserved path segment in ${keys.join('.')}`);
  let node = target;
  for (const key of keys.slice(0, -1)) {
    const next = Object.prototype.hasOwnProperty.call(node, key) ? node[key] : undefined;
    if (next === undefined || next === null || typeof next !== 'object' || Array.isArray(next)) node[key] = bare();
    node = node[key] as Node;
  }
  node[keys[keys.length - 1]!] = value;
}

/** The snapshot as ordinary objects again (copied key by key as own data properties). */
function normalised(node: Node): Node {
  const out: Node = {};
  for (const key of Object.keys(node)) {
    const value = node[key];
    const plain = value !== null && typeof value === 'object' && !Array.isArray(value) && Object.getPrototypeOf(value) === null ? normalised(value as Node) : value;
    Object.defineProperty(out, key, { value: plain, enumerable: true, writable: true, configurable: true });
  }
  return out;
}

/** A mapping's problems as flat-row issues: `mapping $.amount.to: …`, naming the key in the mapping. */
const mappingProblems = (issues: readonly { path: string; message: string }[]): FlatIssue[] =>
  issues.map((i) => ({ path: '$', message: `mapping ${i.path}: ${i.message}` }));

/** The header cells as text (Sheets may hand over numbers or dates as headers). */
export function headerTexts(headers: readonly unknown[]): string[] {
  return headers.map((h) => (isBlank(h) ? '' : ((readText(h) as { value?: string }).value ?? String(h)).trim()));
}

/** Whether every cell of a row is blank. */
export function isBlankRow(row: readonly unknown[] | undefined): boolean {
  return !row || row.every(isBlank);
}

/** One (translated) cell as the value of its target field. */
function readTarget(target: Target, cell: unknown): Read<unknown> {
  switch (target.kind) {
    case 'id':
      return readText(cell);
    case 'answer':
      return readAnswer(cell);
    case 'fact':
      return target.spec?.type === 'contacts' ? readContacts(cell, target.column.read) : target.column.read(cell);
    case 'custom':
      return coerce(target.spec?.type, cell);
    default:
      return { ok: false, message: 'ignored' };
  }
}

/**
 * One row → one snapshot, or the issues (each naming the column and the field path).
 * Blank cells are unknown and omitted. With no `id` column the deal is named after its row (`row 7`).
 * @example rowToSnapshot(['id', 's1.1', 'need.deadline'], ['D-1', '✓', '2026-12-31'])
 *   // { ok: true, snapshot: { id: 'D-1', answers: { 's1.1': 'C' }, need: { deadline: '2026-12-31' } } }
 */
export function rowToSnapshot(headers: readonly unknown[], row: readonly unknown[], options: FlatOptions = {}): RowResult {
  // A bad mapping fails every row, whatever `columnIssues` says: no row can be read without it.
  const invalid = mappingIssues(options.mapping);
  if (invalid.length > 0) return { ok: false, issues: mappingProblems(invalid) };
  const layout = layoutOf(headers, options);
  const issues: FlatIssue[] = options.columnIssues === false ? [] : [...layout.issues];
  const built = bare();
  const columnOfPath = new Map<string, string>();
  const headerText = headerTexts(headers);
  const width = Math.max(headers.length, row.length);
  for (let i = 0; i < width; i++) {
    const raw = row[i];
    if (isBlank(raw)) continue;
    const targets = layout.targets[i] ?? [];
    const header = headerText[i] ?? '';
    if (header === '') issues.push({ path: '$', message: `cell ${columnLetter(i)}${options.rowNumber ?? ''} holds ${show(raw)} but its column has no header` });
    if (typeof raw === 'string' && raw.length > MAX_CELL_CHARS) {
      issues.push({ path: targets[0] ? pathOf(targets[0]) : '$', column: header, message: tooLong(raw) });
      continue;
    }
    for (const target of targets) {
      const cell = target.spec ? translate(target.spec, raw) : raw;
      if (isBlank(cell)) continue;
      const path = pathOf(target);
      columnOfPath.set(path, header);
      const read = readTarget(target, cell);
      if (!read.ok) issues.push({ path, column: header, message: read.message });
      else if (target.kind === 'id') built.id = read.value;
      else if (target.kind === 'answer') setPath(built, ['answers', target.item], read.value);
      else if (target.kind === 'fact') setPath(built, target.column.path.split('.'), read.value);
      else if (target.kind === 'custom') setPath(built, ['custom', ...target.keys], read.value);
    }
  }
  if (!layout.hasId) built.id = `row ${options.rowNumber ?? 1}`;
  const out = normalised(built);
  if (layout.hasId && out.id === undefined) issues.push({ path: '$.id', column: headerText[layout.targets.findIndex((t) => t.some((x) => x.kind === 'id'))], message: 'the deal id is blank; every row needs one' });
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

/**
 * One CRM record (a JSON object of field → value, as a CRM API or webhook gives a deal) → one
 * snapshot, read as a one-row table whose headers are the record's keys: the same mapping,
 * translation and coercion as a CSV export.
 * @example recordToSnapshot({ hs_object_id: '42', amount: '120000', closedate: '2026-12-31T00:00:00.000Z' }, { mapping: { preset: 'hubspot' } })
 *   // { ok: true, snapshot: { id: '42', amount: 120000, need: { deadline: '2026-12-31' } } }
 */
export function recordToSnapshot(record: Readonly<Record<string, unknown>>, options: FlatOptions = {}): RowResult {
  if (record === null || typeof record !== 'object' || Array.isArray(record))
    return { ok: false, issues: [{ path: '$', message: `expected a record object of field → value; got ${Array.isArray(record) ? 'a list' : show(record)}` }] };
  const keys = Object.keys(record);
  const values = keys.map((k) => {
    const v = record[k];
    return v === null || typeof v !== 'object' || isDate(v) ? v : JSON.stringify(v);
  });
  return rowToSnapshot(keys, values, options);
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

/** How `tableToSnapshots` reads a table. */
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
 * What each header fills (the first field, where a mapping fills several): the deal id, a fact, an
 * item answer, a custom fact (also a column nothing maps), nothing (ignored or result columns), or
 * 'unknown' (blank, or a header with a problem). For writers that style
 * columns (the xlsx writer colours answer cells).
 */
export function columnRoles(headers: readonly unknown[], options: Omit<FlatOptions, 'rowNumber'> = {}): ColumnRole[] {
  const { targets, issues } = layoutOf(headers, options);
  const texts = headerTexts(headers);
  const failed = new Set(issues.map((i) => i.column));
  return headers.map((_, i) => targets[i]?.[0]?.kind ?? (texts[i] === '' || failed.has(texts[i]) ? 'unknown' : 'ignore'));
}
