/**
 * Words for every reason, finding and issue code, in en and zh-CN. Data lives in the result as
 * code and params; these templates turn it into text. `{name}` is replaced by `params.name`.
 */
export type Locale = 'en' | 'zh-CN';
/** The locales of messages: `en` and `zh-CN`. */
export const LOCALES: readonly Locale[] = ['en', 'zh-CN'];

type Table = Record<string, string>;

const en: Table = {
  'reason.facts': '{fact}',
  'reason.evidence': 'Proven by dated evidence (signals {signals}, newest {date}).',
  'reason.evidence-partial': 'Evidence shows {count} of the {needed} signals needed (newest {date}).',
  'reason.evidence-against': 'Evidence against us dated {date}: {note}',
  'reason.answer': "The seller's answer ({rating}); no facts or evidence.",
  'reason.stale': 'Stale since {date}: older than the {days}-day window, so C drops to F.',
  'reason.unsupported': 'Unsupported claim: answered C with no supporting fact or evidence.',
  'reason.nothing-known': 'Nothing known: no facts, evidence or answer.',
  'reason.same-fact': 'Nothing of its own: takes {rating} from {item}, which reads the same fact.',
  'finding.contradiction': '{item}: the answer says {answer} but the facts show {rating}; the facts win.',
  'finding.cross-pack-contradiction': 'Answers disagree about the same fact: {first} is {firstRating} but {second} is {secondRating}.',
  'finding.method-disagreement': 'Methods disagree about the same fact: {first} is {firstRating} but {second} is {secondRating}.',
  'finding.unsupported': '{item} is answered C with no supporting fact or evidence.',
  'finding.stale': '{item}: the latest answer or evidence is from {date}, older than the {days}-day window.',
  'finding.red-flag': 'Red flag on {item}: {reason}',
  'finding.decisive': 'Decisive red flag on {item}: {reason} This holds the deal at step {step} and vetoes the probability.',
  'issue.invalid': '{path}: {problem}',
  'issue.invalid_option': 'Evaluation option {path} must be {expected}; got {got}.',
  'issue.internal_error': 'Internal error while evaluating this deal (please report it): {error}',
  'level.read': '{from} = {level} → {weight}',
  'level.range': '{from} = {value} ({level}) → {weight}',
  'level.otherwise': '{from} = {value} (a value not listed) → {weight}',
  'level.none': '{from}: no level read (blank, or a value not listed) → {weight}, the reference',
};

const zh: Table = {
  'reason.facts': '{fact}',
  'reason.evidence': '有日期的证据证明(信号 {signals},最新 {date})。',
  'reason.evidence-partial': '证据只显示了所需 {needed} 个信号中的 {count} 个(最新 {date})。',
  'reason.evidence-against': '{date} 的证据对我方不利:{note}',
  'reason.answer': '销售自评({rating});没有事实或证据。',
  'reason.stale': '自 {date} 起已过期:超过 {days} 天的时效窗口,C 降为 F。',
  'reason.unsupported': '无依据的判断:自评为 C,但没有支持的事实或证据。',
  'reason.nothing-known': '一无所知:没有事实、证据或自评。',
  'reason.same-fact': '本项没有自己的事实、证据或自评:沿用读同一事实的 {item} 的评级 {rating}。',
  'finding.contradiction': '{item}:自评为 {answer},但事实显示为 {rating};以事实为准。',
  'finding.cross-pack-contradiction': '对同一事实的自评互相矛盾:{first} 为 {firstRating},而 {second} 为 {secondRating}。',
  'finding.method-disagreement': '不同方法对同一事实的判断相反:{first} 为 {firstRating},而 {second} 为 {secondRating}。',
  'finding.unsupported': '{item} 自评为 C,但没有支持的事实或证据。',
  'finding.stale': '{item}:最新的自评或证据日期为 {date},超过 {days} 天的时效窗口。',
  'finding.red-flag': '{item} 出现危险信号:{reason}',
  'finding.decisive': '{item} 出现决定性危险信号:{reason} 项目停在第 {step} 步,赢率被否决。',
  'issue.invalid': '{path}:{problem}',
  'issue.invalid_option': '评估选项 {path} 必须是 {expected};实际为 {got}。',
  'issue.internal_error': '评估此商机时发生内部错误(请报告):{error}',
  'level.read': '{from} = {level} → {weight}',
  'level.range': '{from} = {value}({level})→ {weight}',
  'level.otherwise': '{from} = {value}(未列出的取值)→ {weight}',
  'level.none': '{from}:未读到任何取值(空白或未列出的值)→ {weight}(参照水平)',
};

const tables: Record<Locale, Table> = { en, 'zh-CN': zh };
const hasOwn = Object.prototype.hasOwnProperty;
/** A template by own keys only: a key or locale such as `toString` never reaches a prototype. */
const template = (locale: Locale, key: string): string =>
  (hasOwn.call(tables, locale) && hasOwn.call(tables[locale], key) ? tables[locale][key] : hasOwn.call(en, key) ? en[key] : undefined) ?? key;

/** A template split once into literal text (even indexes) and parameter names (odd indexes). */
const compiled = new Map<string, readonly string[]>();

function partsOf(template: string): readonly string[] {
  let parts = compiled.get(template);
  if (!parts) compiled.set(template, (parts = template.split(/\{(\w+)\}/)));
  return parts;
}

/**
 * Fills a message template with params; a placeholder without a param stays as written.
 * @example format('en', 'reason.stale', { date: '2026-01-01', days: 90 })
 * // 'Stale since 2026-01-01: older than the 90-day window, so C drops to F.'
 */
export function format(locale: Locale, key: string, params: Record<string, string | number>): string {
  const parts = partsOf(template(locale, key));
  let out = parts[0]!;
  for (let i = 1; i < parts.length; i += 2) {
    const name = parts[i]!;
    out += (hasOwn.call(params, name) ? String(params[name]) : `{${name}}`) + parts[i + 1]!;
  }
  return out;
}

/** Picks the text of a bilingual pair for a locale. */
export const pick = (locale: Locale, text: { zh: string; en: string }): string => (locale === 'zh-CN' ? text.zh : text.en);
