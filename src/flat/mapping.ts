/**
 * Column mappings: how a CRM export's columns become snapshot fields. A mapping renames a column
 * (header → item id or fact path), translates its values (a level table, yes/no words, C/F/W
 * synonyms) and coerces its type (numbers, dates, yes/no, contact roles). A preset is a mapping
 * written once for a CRM's public field names (src/flat/presets.ts); a mapping may start from one
 * and override any column. The same mapping serves the CLI (`--mapping`, `--preset`, config
 * `csv.mapping`), the library (`rowToSnapshot`, `tableToSnapshots`, `recordToSnapshot`) and the
 * spreadsheet bundle. See docs/sheets.md ("Mapping a CRM export").
 */
import * as z from 'zod';
import { lazySchema } from '../lazy-schema.js';
import { flattenIssues, jsonPath } from '../packs/load.js';
import { PRESETS, PRESET_NAMES, type PresetName } from './presets.js';
import { reservedSegment } from './keys.js';

/** A value a translation gives: text, a number, true/false, or null for "absent" (the cell counts as blank). */
export type MappedValue = string | number | boolean | null;

/** How a column's cells are coerced before the target field reads them. */
export type ColumnType = 'text' | 'number' | 'date' | 'boolean' | 'contacts';

/** One field a column fills, with the translation and coercion of its cells. */
export interface ColumnSpec {
  /** The field: an item id (`bant.authority`), a fact path (`need.deadline`), `custom.<name>`, `id`, or `-` to ignore the column. */
  to: string;
  /** Cell text → value, matched trimmed and case-insensitively: `{ "High": "C", "Mid": "F", "Low": "W" }`. null makes the cell absent. */
  values?: Readonly<Record<string, MappedValue>>;
  /** The value of a cell `values` does not list; null: absent. Default: the cell as it is. */
  otherwise?: MappedValue;
  /**
   * Coercion of a `custom.*` column (fact columns coerce by their own type): number (thousands
   * separators, currency signs), date (date-times with a time zone → the date written), boolean,
   * text. `contacts` turns `Name (Role); Name (Role)` into stakeholder entries (target `stakeholders`).
   */
  type?: ColumnType;
}

/** A column's mapping: a field path, one spec, or several (one column filling several fields). */
export type ColumnMapping = string | ColumnSpec | readonly ColumnSpec[];

/** A structured mapping: a preset to start from, and columns that add to or override it. */
export interface Mapping {
  preset?: PresetName;
  columns?: Readonly<Record<string, ColumnMapping>>;
}

/**
 * What `mapping` options accept: a structured mapping (it has a `preset` or `columns` key), or the
 * plain form, header → column mapping (`{ "商机编号": "id", "预签金额": "amount" }`).
 */
export type MappingInput = Mapping | Readonly<Record<string, ColumnMapping>>;

const mappedValue = /* @__PURE__ */ lazySchema(() => z.union([z.string(), z.number(), z.boolean(), z.null()]));
/** A target field path: never through __proto__, constructor or prototype (they reach JavaScript prototypes). */
const target = /* @__PURE__ */ lazySchema(() =>
  z
    .string()
    .min(1)
    .refine((to) => reservedSegment(to) === undefined, { message: 'a field path may not contain __proto__, constructor or prototype' }),
);
export const columnSpecSchema = /* @__PURE__ */ lazySchema(() =>
  z.strictObject({
    to: target.describe('Item id, fact path, custom.<name>, id, or "-" to ignore the column.'),
    values: z.record(z.string(), mappedValue).optional().describe('Cell text → value (trimmed, case-insensitive); null: absent.'),
    otherwise: mappedValue.optional().describe('Value of a cell not listed in values; null: absent. Default: the cell unchanged.'),
    type: z.enum(['text', 'number', 'date', 'boolean', 'contacts']).optional().describe('Coercion of a custom.* column.'),
  }),
);
const columnMappingSchema = /* @__PURE__ */ lazySchema(() => z.union([target, columnSpecSchema, z.array(columnSpecSchema).min(1)]));
const structuredSchema = /* @__PURE__ */ lazySchema(() =>
  z.strictObject({
    $schema: z.string().optional(),
    preset: z.enum(PRESET_NAMES as unknown as [PresetName, ...PresetName[]]).optional().describe(`A CRM preset: ${PRESET_NAMES.join(', ')}.`),
    columns: z.record(z.string(), columnMappingSchema).optional().describe('Column header → field (adds to or overrides the preset).'),
  }),
);
const plainSchema = /* @__PURE__ */ lazySchema(() => z.record(z.string(), columnMappingSchema));

/** The JSON form of a mapping, for config files and `--mapping FILE`. */
export const mappingSchema = /* @__PURE__ */ lazySchema(() => z.union([structuredSchema, plainSchema]));

const isStructured = (input: object): boolean =>
  (typeof (input as Mapping).preset === 'string' || ((input as Mapping).columns !== null && typeof (input as Mapping).columns === 'object')) &&
  Object.keys(input).every((k) => k === 'preset' || k === 'columns' || k === '$schema');

/** A problem in a mapping file: its JSON path and what was expected. */
export interface MappingIssue {
  /** JSON path inside the mapping. */
  path: string;
  message: string;
}

/**
 * Validates a mapping given as JSON (a config's `csv.mapping`, a `--mapping` file).
 * @example parseMapping({ preset: 'hubspot' }) // { ok: true, mapping: { preset: 'hubspot' } }
 */
export function parseMapping(input: unknown): { ok: true; mapping: MappingInput } | { ok: false; issues: MappingIssue[] } {
  if (input === null || typeof input !== 'object' || Array.isArray(input))
    return { ok: false, issues: [{ path: '$', message: 'a mapping is a JSON object: { "preset": …, "columns": { header: field } } or { header: field }' }] };
  const structured = isStructured(input);
  if (!structured && 'preset' in input)
    return { ok: false, issues: [{ path: '$', message: 'a mapping with a "preset" has only "preset" and "columns" keys: put the column mappings under "columns"' }] };
  const schema = structured ? structuredSchema : plainSchema;
  const parsed = schema.safeParse(input);
  if (!parsed.success) return { ok: false, issues: flattenIssues(parsed.error.issues, input).map((i) => ({ path: jsonPath(i.path), message: i.message })) };
  const mapping = parsed.data as MappingInput;
  const clashes = collisions(structured ? ((mapping as Mapping).columns ?? {}) : (mapping as Readonly<Record<string, ColumnMapping>>), structured ? ['columns'] : []);
  return clashes.length > 0 ? { ok: false, issues: clashes } : { ok: true, mapping };
}

/**
 * Keys that match the same text once trimmed and lower-cased — two headers of `columns`, two cell
 * texts of one `values` table: the lookups would silently keep the last, so each pair is an issue.
 */
function collisions(columns: Readonly<Record<string, ColumnMapping>>, prefix: readonly PropertyKey[]): MappingIssue[] {
  const issues: MappingIssue[] = [];
  const clash = (keys: readonly string[], at: readonly PropertyKey[], what: string) => {
    const first = new Map<string, string>();
    for (const key of keys) {
      const other = first.get(norm(key));
      if (other === undefined) first.set(norm(key), key);
      else issues.push({ path: jsonPath([...at, key]), message: `${JSON.stringify(other)} and ${JSON.stringify(key)} ${what} (matched trimmed and in any case); keep one` });
    }
  };
  clash(Object.keys(columns), prefix, 'name the same column');
  for (const [header, m] of Object.entries(columns)) {
    if (typeof m === 'string') continue;
    const specs = Array.isArray(m) ? (m as readonly ColumnSpec[]) : [m as ColumnSpec];
    specs.forEach((spec, i) => {
      if (spec.values) clash(Object.keys(spec.values), [...prefix, header, ...(Array.isArray(m) ? [i] : []), 'values'], 'are the same cell text');
    });
  }
  return issues;
}

const checked = new WeakMap<object, readonly MappingIssue[]>();

/**
 * The problems of a mapping handed to the library or the Sheets bundle in code (none: it is valid):
 * `parseMapping`'s checks, once per mapping object. A preset's name stands for `{ preset: name }`.
 * @example mappingIssues({ amount: { to: 5 } }) // [{ path: '$.amount.to', message: 'Invalid input: expected string, received number' }]
 */
export function mappingIssues(input: unknown): readonly MappingIssue[] {
  if (input === undefined) return [];
  if (typeof input === 'string') {
    // A built-in preset is valid (a test checks every one); any other name gets parseMapping's words.
    if (Object.prototype.hasOwnProperty.call(PRESETS, input)) return [];
    const parsed = parseMapping({ preset: input });
    return parsed.ok ? [] : parsed.issues;
  }
  const cached = input !== null && typeof input === 'object' ? checked.get(input) : undefined;
  if (cached) return cached;
  const parsed = parseMapping(input);
  const issues = parsed.ok ? [] : parsed.issues;
  if (input !== null && typeof input === 'object') checked.set(input, issues);
  return issues;
}

/** A mapping resolved for lookups: per header (trimmed, lower case), the specs of the column. */
export interface ResolvedMapping {
  key: string;
  columns: ReadonlyMap<string, readonly ColumnSpec[]>;
}

const resolvedCache = new WeakMap<object, ResolvedMapping>();
const norm = (s: string) => s.trim().toLowerCase();
const specsOf = (m: ColumnMapping): readonly ColumnSpec[] => (typeof m === 'string' ? [{ to: m }] : Array.isArray(m) ? (m as readonly ColumnSpec[]) : [m as ColumnSpec]);

/**
 * Resolves a mapping (plain, structured, or a preset's name) into per-header specs: the preset's
 * columns first, the mapping's own columns over them.
 * @example resolveMapping({ preset: 'salesforce' }).columns.get('stagename') // [{ to: 'claimedStep', … }, { to: 'outcome', … }]
 */
export function resolveMapping(input: MappingInput | PresetName | undefined): ResolvedMapping {
  if (input === undefined) return { key: '', columns: new Map() };
  if (typeof input === 'string') return resolveMapping({ preset: input });
  const cached = resolvedCache.get(input);
  if (cached) return cached;
  const structured = isStructured(input);
  const preset = structured ? (input as Mapping).preset : undefined;
  if (preset !== undefined && !Object.prototype.hasOwnProperty.call(PRESETS, preset))
    throw new RangeError(`unknown mapping preset ${JSON.stringify(preset)}; presets: ${PRESET_NAMES.join(', ')}`);
  const own = structured ? ((input as Mapping).columns ?? {}) : (input as Readonly<Record<string, ColumnMapping>>);
  const columns = new Map<string, readonly ColumnSpec[]>();
  if (preset) for (const [header, m] of Object.entries(PRESETS[preset].columns)) columns.set(norm(header), specsOf(m));
  for (const [header, m] of Object.entries(own)) columns.set(norm(header), specsOf(m));
  const resolved = { key: JSON.stringify([preset ?? null, own]), columns };
  resolvedCache.set(input, resolved);
  return resolved;
}

const lookupKey = (cell: unknown): string | undefined =>
  typeof cell === 'string' ? norm(cell) : typeof cell === 'number' || typeof cell === 'boolean' ? String(cell).toLowerCase() : undefined;

const tables = new WeakMap<Readonly<Record<string, MappedValue>>, Map<string, MappedValue>>();
function tableOf(values: Readonly<Record<string, MappedValue>>): Map<string, MappedValue> {
  let table = tables.get(values);
  if (!table) {
    table = new Map(Object.entries(values).map(([k, v]) => [norm(k), v]));
    tables.set(values, table);
  }
  return table;
}

/**
 * A cell through a spec's value table: the listed value, else `otherwise`, else the cell itself.
 * `undefined` means absent.
 * @example translate({ to: 'bant.authority', values: { High: 'C', Mid: 'F' } }, ' mid ') // 'F'
 */
export function translate(spec: ColumnSpec, cell: unknown): unknown {
  if (!spec.values && spec.otherwise === undefined) return cell;
  const key = lookupKey(cell);
  const table = spec.values ? tableOf(spec.values) : undefined;
  const hit = key !== undefined && table?.has(key) ? table.get(key) : spec.otherwise !== undefined ? spec.otherwise : cell;
  return hit === null ? undefined : hit;
}
