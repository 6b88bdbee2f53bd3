/**
 * Compact encodings: a list of objects (stakeholders, competitors, channels, evidence, …) in one
 * cell. Entries are separated by `;` (or `；`, or a line break); the fields of an entry by `|`.
 * The first field names the entry; the others are words of the snapshot's vocabularies (zh or en,
 * in any order), flags, or `key=value` pairs. See docs/sheets.md for the full table.
 *
 *   张总(信息中心主任)|拍板者|保守者|较多接触|支持者; 李工|评估者|实用主义者|深交|导师|教练|透露信息
 *   Huawei|primary|channel=Shenzhen Tech|supporters=Wang/Zhao; H3C
 */
import { canonicalValue, type Vocabulary } from '../snapshot/vocabulary.js';
import { readBoolean, readCount, readDate, readNumber, show, splitEntries, splitFields, splitNames, type Read } from './cells.js';

type Obj = Record<string, unknown>;
const ok = <T>(value: T): Read<T> => ({ ok: true, value });
const fail = (message: string): Read<never> => ({ ok: false, message });
const norm = (s: string) => s.trim().toLowerCase();
/** Keys ignore case, `-`, `_` and spaces: `endorses-tech`, `endorsesTech` and `Endorses Tech` are one key. */
const keyOf = (s: string) => norm(s).replace(/[-_\s]/g, '');
/** A table entry only when it is the table's own (a cell saying `constructor=…` must not reach Object.prototype). */
const own = <T>(table: Readonly<Record<string, T>> | undefined, key: string): T | undefined =>
  table !== undefined && Object.prototype.hasOwnProperty.call(table, key) ? table[key] : undefined;

/** A flag word sets a boolean field to true; `no-word` / `不…` spellings are listed as false. */
interface EntrySpec {
  /** What one entry is called in messages. */
  noun: string;
  /** The field the first part fills. */
  first: string;
  /** Vocabularies whose words fill a field by themselves (the field is named after the vocabulary key). */
  words?: Partial<Record<string, Vocabulary>>;
  /** Flag spellings → [field, value]. */
  flags?: Record<string, [string, boolean]>;
  /** `key=value` key spellings → field and how to read the value. */
  keys: Record<string, [string, (text: string) => Read<unknown>]>;
  /** A field that takes one free-text part when nothing else matches (evidence note). */
  free?: string;
  /** Reads a part that is neither word, flag nor key (dates, `#2`), or returns undefined. */
  extra?: (part: string) => [string, Read<unknown>] | undefined;
}

const text = (t: string): Read<string> => (t.trim() === '' ? fail('expected text; got nothing') : ok(t.trim()));
const vocab = (name: Vocabulary) => (t: string): Read<string> => {
  const value = canonicalValue(name, t);
  return value ? ok(value) : fail(`${show(t.trim())} is not a ${name} word`);
};
const names = (t: string): Read<string[]> => ok(/^(none|无|没有|-)$/i.test(t.trim()) ? [] : splitNames(t));

function flagsOf(entries: Record<string, readonly string[]>, field: string): Record<string, [string, boolean]> {
  const out: Record<string, [string, boolean]> = {};
  for (const [value, words] of Object.entries(entries)) for (const w of words) out[norm(w)] = [field, value === 'true'];
  return out;
}

const keys = (entries: [readonly string[], string, (t: string) => Read<unknown>][]) => {
  const out: EntrySpec['keys'] = {};
  for (const [spellings, field, read] of entries) for (const s of spellings) out[keyOf(s)] = [field, read];
  return out;
};

const bool = (t: string) => readBoolean(t);

/** Stakeholders: `name(title)|role|personality|contact|stance|flags…`. */
export const STAKEHOLDER: EntrySpec = {
  noun: 'stakeholder',
  first: 'name',
  words: { role: 'role', personality: 'personality', contact: 'contact', stance: 'stance' },
  flags: {
    ...flagsOf({ true: ['coach', '教练', '枪手', '内线'], false: ['no-coach', '非教练'] }, 'coach'),
    ...flagsOf({ true: ['shares-info', '透露信息', '提供信息'], false: ['no-info', '不透露信息'] }, 'sharesInfo'),
    ...flagsOf({ true: ['helps-us', '帮助我们', '协助我们'], false: ['no-help', '不帮助我们'] }, 'helpsUs'),
    ...flagsOf({ true: ['backs-competitor', '支持对手', '倾向对手'], false: [] }, 'backsCompetitor'),
    ...flagsOf({ true: ['works-against-us', '对我方不利', '给我方设障', '提供黑材料'], false: [] }, 'worksAgainstUs'),
    ...flagsOf({ true: ['endorses-tech', '认可技术', '认可方案'], false: ['doubts-tech', '不认可技术'] }, 'endorsesTech'),
  },
  keys: keys([
    [['title', '职务', '职位'], 'title', text],
    [['role', '角色', '职务属性'], 'role', vocab('role')],
    [['personality', '性格', '性格属性'], 'personality', vocab('personality')],
    [['contact', '交往', '交往程度'], 'contact', vocab('contact')],
    [['stance', '立场', '立场属性'], 'stance', vocab('stance')],
    [['coach', '教练'], 'coach', bool],
    [['sharesInfo', '透露信息'], 'sharesInfo', bool],
    [['helpsUs', '帮助我们'], 'helpsUs', bool],
    [['backsCompetitor', '支持对手'], 'backsCompetitor', bool],
    [['worksAgainstUs', '对我方不利'], 'worksAgainstUs', bool],
    [['endorsesTech', '认可技术'], 'endorsesTech', bool],
    [['faction', '派系', '圈子'], 'faction', text],
  ]),
};

/** Competitors: `name|primary|channel=…|relation=…|supporters=A/B`. */
export const COMPETITOR: EntrySpec = {
  noun: 'competitor',
  first: 'name',
  flags: flagsOf({ true: ['primary', 'main', '主要', '主要对手'], false: ['secondary', '次要'] }, 'primary'),
  keys: keys([
    [['primary', '主要'], 'primary', bool],
    [['channel', '渠道'], 'channel', text],
    [['relation', 'channelRelation', '渠道关系'], 'channelRelation', text],
    [['supporters', '支持者', '支持人'], 'supporters', names],
  ]),
};

/** Channels: `name|我方/对手/中立|trusted-by-top|works-with-us`. */
export const CHANNEL: EntrySpec = {
  noun: 'channel',
  first: 'name',
  words: { relation: 'channelRelation' },
  flags: {
    ...flagsOf({ true: ['trusted-by-top', '高层信任', '老板信任'], false: ['not-trusted', '高层不信任'] }, 'trustedByTop'),
    ...flagsOf({ true: ['works-with-us', '配合我方', '与我方合作'], false: ['not-with-us', '不配合'] }, 'worksWithUs'),
  },
  keys: keys([
    [['relation', '关系'], 'relation', vocab('channelRelation')],
    [['trustedByTop', '高层信任'], 'trustedByTop', bool],
    [['worksWithUs', '配合我方'], 'worksWithUs', bool],
  ]),
};

/** Evidence: `item|date|#signal|against|note`. */
export const EVIDENCE: EntrySpec = {
  noun: 'evidence',
  first: 'item',
  flags: flagsOf({ true: ['against', '不利', '反向'], false: [] }, 'against'),
  keys: keys([
    [['date', '日期'], 'date', readDate],
    [['signal', '信号'], 'signal', readCount],
    [['note', '备注', '说明'], 'note', text],
    [['against', '不利'], 'against', bool],
  ]),
  free: 'note',
  extra: (part) => {
    const signal = /^(?:#|signal\s*|信号\s*)(\d+)$/iu.exec(part);
    if (signal) return ['signal', readCount(signal[1]!)];
    if (/^\d{4}\s*[-/.年]/u.test(part)) return ['date', readDate(part)];
    return undefined;
  },
};

/** Technical concerns: `text|resolved|blocking`. */
export const CONCERN: EntrySpec = {
  noun: 'concern',
  first: 'text',
  flags: {
    ...flagsOf({ true: ['resolved', '已解决'], false: ['open', 'unresolved', '未解决'] }, 'resolved'),
    ...flagsOf({ true: ['blocking', '阻塞', '卡点'], false: ['minor', '不阻塞'] }, 'blocking'),
  },
  keys: keys([
    [['resolved', '已解决'], 'resolved', bool],
    [['blocking', '阻塞'], 'blocking', bool],
  ]),
};

/** Visits: `总部|2026-10-12|张总/李工` — kind first, then a date and the visitors. */
export const VISIT: EntrySpec = {
  noun: 'visit',
  first: 'kind',
  keys: keys([
    [['date', '日期'], 'date', readDate],
    [['visitors', '参观人', '人员'], 'visitors', names],
  ]),
  free: 'visitors',
  extra: (part) => (/^\d{4}\s*[-/.年]/u.test(part) ? ['date', readDate(part)] : undefined),
};

/** Products: `line|model|quantity`, positional (model may be left empty: `AC||2`). */
export const PRODUCT = 'line|model|quantity';
/** Budget breakdown: `item|amount`, positional. */
export const BREAKDOWN = 'item|amount';

const OPEN = new Set(['(', '（']);
const PARENS = new Set(['(', '（', ')', '）']);

/**
 * `张总(信息中心主任)` → name and title: a trailing bracket holding no other bracket. A scan, not a
 * regex, so a long cell takes linear time.
 * @example titleOf('张总 (主任)') // { name: '张总', title: '主任' }
 */
export function titleOf(head: string): { name: string; title: string } | undefined {
  const last = head.slice(-1);
  if (last !== ')' && last !== '）') return undefined;
  for (let i = head.length - 2; i >= 0; i--) {
    const ch = head[i]!;
    if (!PARENS.has(ch)) continue;
    return OPEN.has(ch) ? { name: head.slice(0, i).trimEnd(), title: head.slice(i + 1, -1) } : undefined;
  }
  return undefined;
}

/**
 * `key=value` (or `key: value`, `key：value`): split at the first separator, in linear time.
 * @example keyValue('channel = Shenzhen Tech') // { key: 'channel', value: 'Shenzhen Tech' }
 */
export function keyValue(part: string): { key: string; value: string } | undefined {
  let i = 0;
  while (i < part.length && part[i] !== '=' && part[i] !== ':' && part[i] !== '：') i++;
  if (i === 0 || i === part.length) return undefined;
  return { key: part.slice(0, i).trimEnd(), value: part.slice(i + 1).trimStart() };
}

function readEntry(spec: EntrySpec, entry: string): Read<Obj> {
  const [head = '', ...parts] = splitFields(entry);
  const out: Obj = {};
  let name = head;
  if (spec === STAKEHOLDER) {
    const titled = titleOf(head);
    if (titled) {
      name = titled.name;
      if (titled.title.trim() !== '') out.title = titled.title.trim();
    }
  }
  if (name.trim() === '') return fail(`${spec.noun} ${show(entry)}: the first part (${spec.first}) is empty`);
  if (spec === VISIT) {
    const kind = canonicalValue('visitKind', name);
    if (!kind) return fail(`visit ${show(entry)}: ${show(name)} is not a visit kind (总部/hq, 样板/reference)`);
    out.kind = kind;
  } else out[spec.first] = name.trim();
  for (const raw of parts) {
    const part = raw.trim();
    if (part === '') continue;
    const where = `${spec.noun} ${show(out[spec.first] ?? name)}`;
    const set = (field: string, read: Read<unknown>): Read<Obj> | undefined => {
      if (!read.ok) return fail(`${where}: ${field}: ${read.message}`);
      if (field in out && field !== 'visitors') return fail(`${where}: ${field} is given twice`);
      out[field] = field === 'visitors' && Array.isArray(out.visitors) ? [...(out.visitors as string[]), ...(read.value as string[])] : read.value;
      return undefined;
    };
    const kv = keyValue(part);
    const key = kv && own(spec.keys, keyOf(kv.key));
    if (kv && key) {
      const failed = set(key[0], key[1](kv.value));
      if (failed) return failed;
      continue;
    }
    const flag = own(spec.flags, norm(part));
    if (flag) {
      const failed = set(flag[0], ok(flag[1]));
      if (failed) return failed;
      continue;
    }
    const word = Object.entries(spec.words ?? {}).find(([, vocabulary]) => canonicalValue(vocabulary!, part) !== undefined);
    if (word) {
      const failed = set(word[0], ok(canonicalValue(word[1]!, part)));
      if (failed) return failed;
      continue;
    }
    const extra = spec.extra?.(part);
    if (extra) {
      const failed = set(extra[0], extra[1]);
      if (failed) return failed;
      continue;
    }
    if (spec.free && !(spec.free in out)) {
      out[spec.free] = spec.free === 'visitors' ? splitNames(part) : part;
      continue;
    }
    return fail(`${where}: ${show(part)} is not ${describe(spec)}`);
  }
  return ok(out);
}

function describe(spec: EntrySpec): string {
  const kinds = [
    ...Object.values(spec.words ?? {}).map((v) => `a ${v} word`),
    spec.flags && Object.keys(spec.flags).length > 0 ? `a flag (${[...new Set(Object.keys(spec.flags).filter((f) => /^[a-z-]+$/.test(f)))].join(', ')})` : '',
    `key=value (${[...new Set(Object.values(spec.keys).map(([field]) => field))].join(', ')})`,
  ].filter((s) => s !== '');
  return kinds.join(', ');
}

/** Reads a cell of `;`-separated entries of a keyed encoding. */
export function readEntries(spec: EntrySpec, cell: string): Read<Obj[]> {
  const out: Obj[] = [];
  for (const entry of splitEntries(cell)) {
    const read = readEntry(spec, entry);
    if (!read.ok) return read;
    out.push(read.value);
  }
  return ok(out);
}

/** `line|model|quantity; …` */
export function readProducts(cell: string): Read<Obj[]> {
  const out: Obj[] = [];
  for (const entry of splitEntries(cell)) {
    const [line = '', model = '', quantity = '', ...rest] = splitFields(entry);
    if (line === '') return fail(`product ${show(entry)}: the product line (first part) is empty`);
    if (rest.some((r) => r !== '')) return fail(`product ${show(entry)}: expected ${PRODUCT}`);
    const product: Obj = { line };
    if (model !== '') product.model = model;
    if (quantity !== '') {
      const q = readCount(quantity.replace(/^[x×*]\s*/iu, '').trimEnd().replace(/(台|套|个|pcs?)$/iu, ''));
      if (!q.ok) return fail(`product ${show(line)}: quantity: ${q.message}`);
      product.quantity = q.value;
    }
    out.push(product);
  }
  return ok(out);
}

/** `item|amount; …` */
export function readBreakdown(cell: string): Read<Obj[]> {
  const out: Obj[] = [];
  for (const entry of splitEntries(cell)) {
    const [item = '', amount = '', ...rest] = splitFields(entry);
    if (item === '') return fail(`breakdown entry ${show(entry)}: the item (first part) is empty`);
    if (rest.some((r) => r !== '')) return fail(`breakdown entry ${show(entry)}: expected ${BREAKDOWN}`);
    const line: Obj = { item };
    if (amount !== '') {
      const n = readNumber(amount);
      if (!n.ok) return fail(`breakdown entry ${show(item)}: amount: ${n.message}`);
      line.amount = n.value;
    }
    out.push(line);
  }
  return ok(out);
}
