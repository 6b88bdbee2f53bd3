/**
 * The CLI's own words (help, summaries, labels, progress) in en and zh-CN, as the core's messages
 * are (src/locale/messages.ts). The locale is `--locale`, else the config's `locale`, else a Chinese
 * `LC_ALL` / `LC_MESSAGES` / `LANG` (`zh_CN.UTF-8`, `zh_TW`, `zh`…), else en.
 */
import type { Locale } from '../locale/messages.js';

const en = {
  deal: 'deal',
  deals: 'deals',
  problem: 'problem',
  problems: 'problems',
  error: 'error',
  errors: 'errors',
  warning: 'warning',
  warnings: 'warnings',
  warn: 'warn',
  failing: 'failing',
  step: 'step',
  stages: 'stages',
  milestones: 'milestones',
  input: 'input',
  inputs: 'inputs',
  lead: 'lead',
  opportunity: 'opportunity',
  project: 'project',
  won: 'won',
  lost: 'lost',
  probability: 'probability',
  deal_col: 'Deal',
  file: 'File',
  milestone: 'Milestone',
  amount: 'Amount',
  weightedPipeline: 'weighted pipeline',
  weightedPipelineTitle: 'Weighted pipeline',
  pipelineFormula: 'Σ amount × probability over {deals} open deals (total {total})',
  noPipeline: 'no open deal has an amount',
  tooManyWarnings: 'too many warnings: {n} > --max-warnings {max}',
  unreadable: '{n} could not be read or validated (listed on stderr)',
  moreInputErrors: '… and {n} more input errors',
  inputErrorsProgress: '{n} input errors',
  perSecond: '/s',
  eta: 'ETA',
  usage: 'Usage',
  commands: 'Commands',
  options: 'Options',
  exitCodes: 'Exit codes: 0 clean · 1 findings over the thresholds · 2 usage or input error.',
} as const;

export type Word = keyof typeof en;

const zh: Record<Word, string> = {
  deal: '个商机',
  deals: '个商机',
  problem: '个问题',
  problems: '个问题',
  error: '个错误',
  errors: '个错误',
  warning: '个警告',
  warnings: '个警告',
  warn: '警告',
  failing: '个未通过',
  step: '第几步',
  stages: '阶段',
  milestones: '里程碑',
  input: '个输入',
  inputs: '个输入',
  lead: '线索',
  opportunity: '商机',
  project: '项目',
  won: '赢单',
  lost: '丢单',
  probability: '赢率',
  deal_col: '商机',
  file: '文件',
  milestone: '里程碑',
  amount: '金额',
  weightedPipeline: '加权管道',
  weightedPipelineTitle: '加权管道',
  pipelineFormula: 'Σ 金额 × 赢率,共 {deals} 个未结商机(总额 {total})',
  noPipeline: '没有带金额的未结商机',
  tooManyWarnings: '警告过多:{n} > --max-warnings {max}',
  unreadable: '{n} 无法读取或校验(见 stderr)',
  moreInputErrors: '…… 另有 {n} 个输入错误',
  inputErrorsProgress: '{n} 个输入错误',
  perSecond: '/秒',
  eta: '预计剩余',
  usage: '用法',
  commands: '命令',
  options: '选项',
  exitCodes: '退出码:0 通过 · 1 有超过阈值的问题 · 2 用法或输入错误。',
};

const TABLES: Record<Locale, Record<Word, string>> = { en, 'zh-CN': zh };

/**
 * A CLI word in `locale`, `{name}` filled from `params`.
 * @example word('zh-CN', 'tooManyWarnings', { n: 3, max: 1 }) // '警告过多:3 > --max-warnings 1'
 */
export function word(locale: Locale, key: Word, params: Record<string, string | number> = {}): string {
  return TABLES[locale][key].replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
}

/**
 * A count with its noun: `3 errors`, `1 error`; in Chinese `3 个错误` (no plural).
 * @example counted('en', 1, 'error', 'errors') // '1 error'
 */
export function counted(locale: Locale, n: number, one: Word, many: Word): string {
  return locale === 'zh-CN' ? `${n} ${word(locale, many)}` : `${n} ${word(locale, n === 1 ? one : many)}`;
}

/** `step 3` / `第 3 步`. */
export const stepLabel = (locale: Locale, step: number | string): string => (locale === 'zh-CN' ? `第 ${step} 步` : `step ${step}`);

/** A milestone's name in `locale` (unknown names as they are). */
export const milestoneLabel = (locale: Locale, m: string): string => (m in en ? word(locale, m as Word) : m);

/** Whether a POSIX locale variable names Chinese (`zh_CN.UTF-8`, `zh-Hans`, `zh`). */
const chinese = (v: string | undefined): boolean | undefined => (v ? /^zh([_.-]|$)/i.test(v) : undefined);

/**
 * The locale the environment asks for: LC_ALL, then LC_MESSAGES, then LANG (the POSIX order);
 * zh-CN when the first one set names Chinese, else undefined (the caller's default).
 * @example envLocale({ LANG: 'zh_CN.UTF-8' }) // 'zh-CN'
 */
export function envLocale(env: Readonly<Record<string, string | undefined>>): Locale | undefined {
  for (const key of ['LC_ALL', 'LC_MESSAGES', 'LANG']) {
    const v = env[key];
    if (v) return chinese(v) ? 'zh-CN' : undefined;
  }
  return undefined;
}

/**
 * The locale of a command line before its flags are parsed (for help and usage errors): the value
 * of `--locale`, else the environment's.
 */
export function argsLocale(args: readonly string[], env: Readonly<Record<string, string | undefined>>): Locale {
  const at = args.findIndex((a) => a === '--locale' || a.startsWith('--locale='));
  const v = at === -1 ? undefined : args[at]!.includes('=') ? args[at]!.slice('--locale='.length) : args[at + 1];
  if (v === 'zh-CN' || v === 'en') return v;
  return envLocale(env) ?? 'en';
}
