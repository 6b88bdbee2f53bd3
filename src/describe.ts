/**
 * The last step of the pipeline: a compact result's texts, resolved on demand. Reasons and
 * findings get their message in one locale (from the locale table, or the pack's own message with
 * the deal's quoted facts filled in), missing items their title and signals from the pack.
 */
import { fillMessage } from './core/messages.js';
import { format, pick, type Locale } from './locale/messages.js';
import { builtinPack, BUILTIN_PACK_IDS, type DefaultPackId } from './packs/builtin.js';
import type { Item, Pack } from './packs/schema.js';
import type { DescribedFinding, DescribedItemResult, DescribedMissingItem, DescribedReason, DescribedResult, ItemLevel, Reason, Result } from './result.js';
import { OTHERWISE } from './packs/categorical.js';
import { optionIssues } from './options.js';

/** Options of `describe` and `describeFindings`. */
export interface DescribeOptions {
  /** Language of the messages. Default 'en'. */
  locale?: Locale;
  /** The packs the result was evaluated with (the same `packs` option). Default: all built-in packs. */
  packs?: readonly (DefaultPackId | Pack)[];
}

/** The packs a result may name, by id, each with its items by id. */
export interface PackIndex {
  readonly packs: ReadonlyMap<string, { pack: Pack; items: ReadonlyMap<string, Item> }>;
}

const indexes = new WeakMap<Pack, { pack: Pack; items: ReadonlyMap<string, Item> }>();

/** Indexes a pack list once per pack object. */
export function packIndex(packs: readonly (DefaultPackId | Pack)[]): PackIndex {
  const byId = new Map<string, { pack: Pack; items: ReadonlyMap<string, Item> }>();
  for (const p of packs) {
    const pack = typeof p === 'string' ? builtinPack(p) : p;
    let entry = indexes.get(pack);
    if (!entry) indexes.set(pack, (entry = { pack, items: new Map(pack.items.map((i) => [i.id, i])) }));
    byId.set(pack.id, entry);
  }
  return { packs: byId };
}

let builtinIndex: PackIndex | undefined;
const indexOf = (packs: DescribeOptions['packs']): PackIndex => (packs === undefined ? (builtinIndex ??= packIndex(BUILTIN_PACK_IDS)) : packIndex(packs));

/** Described shared (frozen) reasons, per locale: made once, shared and frozen like the reason. */
const sharedTexts: Record<Locale, WeakMap<Reason, DescribedReason>> = { en: new WeakMap(), 'zh-CN': new WeakMap() };

function packOf(index: PackIndex, id: string): { pack: Pack; items: ReadonlyMap<string, Item> } {
  const entry = index.packs.get(id);
  if (!entry) throw new Error(`describe: the result names the pack "${id}", which is not among the packs given (options.packs)`);
  return entry;
}

function reasonText(reason: Reason, pack: Pack, asOf: string, locale: Locale): string {
  if (reason.code !== 'facts') return format(locale, `reason.${reason.code}`, reason.params);
  const text = pack.messages[reason.params.message as string];
  return text === undefined ? String(reason.params.message) : fillMessage(pick(locale, text), reason.params, asOf);
}

function describeReason(reason: Reason, pack: Pack, asOf: string, locale: Locale): DescribedReason {
  const shared = Object.isFrozen(reason);
  const cached = shared ? sharedTexts[locale].get(reason) : undefined;
  if (cached) return cached;
  const described = { code: reason.code, params: reason.params, message: reasonText(reason, pack, asOf, locale) };
  // A frozen reason quotes no fact of the deal, so its text is the same for every result.
  if (shared) sharedTexts[locale].set(reason, Object.freeze(described));
  return described;
}

/** A signed log-odds as the texts show it: `+0.52`, `−0.41`, `0`. */
const signed = (x: number): string => (x === 0 ? '0' : `${x > 0 ? '+' : '−'}${Math.abs(x).toFixed(2)}`);

/**
 * A categorical feature's line: `custom.incumbent = Other → −0.41`; a range or `otherwise` level
 * shows the value read beside it, no level read says so (the reference, 0).
 * @example levelText({ from: 'custom.days', level: '0..90', value: 48 }, 0.3, 'en') // 'custom.days = 48 (0..90) → +0.30'
 */
export function levelText(level: ItemLevel, weight: number, locale: Locale): string {
  const params = { from: level.from, level: level.level ?? '', value: level.value ?? '', weight: signed(weight) };
  if (level.level === null) return format(locale, 'level.none', params);
  if (level.level === OTHERWISE) return format(locale, 'level.otherwise', params);
  return format(locale, level.value === undefined || String(level.value) === level.level ? 'level.read' : 'level.range', params);
}

/**
 * Resolves a result's texts with the packs it was evaluated with (`describeWith` over a `packIndex`).
 */
export function describeWith(result: Result, index: PackIndex, locale: Locale): DescribedResult {
  const items: Record<string, DescribedItemResult> = {};
  for (const id in result.items) {
    const item = result.items[id]!;
    const { pack } = packOf(index, item.pack);
    const reason = describeReason(item.reason, pack, result.asOf, locale);
    if (item.level === undefined) items[id] = (item.veto === undefined ? { ...item, reason } : { ...item, reason, veto: item.veto }) as DescribedItemResult;
    else items[id] = { ...item, reason, level: { ...item.level, message: levelText(item.level, item.contribution, locale) } };
  }
  const missing = result.missing.map((m): DescribedMissingItem => {
    const item = items[m.item];
    if (!item) throw new Error(`describe: the result's missing item "${m.item}" is not in its items`);
    const source = packOf(index, item.pack).items.get(m.item);
    if (!source) throw new Error(`describe: the pack "${item.pack}" has no item "${m.item}"`);
    return { item: m.item, pack: item.pack, star: m.star, step: item.step, rating: item.rating, title: source.title, reason: item.reason, signals: source.signals, gain: m.gain };
  });
  return { ...result, items, missing, findings: findingsWith(result, index, locale, (id) => items[id]?.reason.message) };
}

function findingsWith(result: Result, index: PackIndex, locale: Locale, reasonOf: (item: string) => string | undefined): DescribedFinding[] {
  return result.findings.map((f): DescribedFinding => {
    let params = f.params;
    // A red flag's text quotes its item's reason (a described result already carries it).
    if (f.code === 'red-flag' && typeof params.reason !== 'string') params = { ...params, reason: reasonOf(params.item as string) ?? '' };
    // A decisive red flag (params.decisive) has its own words: it holds the stage at its step.
    const words = f.code === 'red-flag' && params.decisive === 'true' ? 'decisive' : f.code;
    return { code: f.code, items: f.items, params, message: format(locale, `finding.${words}`, params) };
  });
}

/**
 * The locale of valid describe options; a bad `locale` or `packs` throws a TypeError whose message
 * is the one `evaluate` gives for that option (`invalid_option`), whatever the result holds.
 */
function checkedLocale(options: DescribeOptions): Locale {
  const given = options === null || typeof options !== 'object' ? options : { locale: options.locale, packs: options.packs };
  const issue = optionIssues(given)[0];
  if (issue) throw new TypeError(`describe: ${issue.message}`);
  return options.locale ?? 'en';
}

/**
 * Only the findings of a result, with their messages (what an audit's problems quote).
 * @example describeFindings(result, { locale: 'zh-CN' })[0].message
 */
export function describeFindings(result: Result, options: DescribeOptions = {}): DescribedFinding[] {
  const locale = checkedLocale(options);
  if (result.findings.length === 0) return [];
  const index = indexOf(options.packs);
  return findingsWith(result, index, locale, (id) => {
    const item = result.items[id];
    const entry = item && index.packs.get(item.pack);
    return entry && describeReason(item.reason, entry.pack, result.asOf, locale).message;
  });
}

/**
 * A result with its texts resolved: every reason's and finding's message in `locale`, each
 * missing item's title and signals. Pass the same `packs` the result was evaluated with (default:
 * the built-in packs). Results are compact by default; `evaluateSync(input, { detail: 'full' })`
 * returns the same as `describe(evaluateSync(input), { locale })`.
 * @throws TypeError for a `locale` other than `en` and `zh-CN` or a bad `packs` option (the
 *   message `evaluate`'s invalid_option issue gives), and an Error when the result names a pack or
 *   item the packs do not have
 * @example describe(evaluateSync(deal), { locale: 'zh-CN' }).missing[0].title.zh // '客户需求…'
 */
export function describe(result: Result, options: DescribeOptions = {}): DescribedResult {
  const locale = checkedLocale(options);
  return describeWith(result, indexOf(options.packs), locale);
}
