/** Flags shared by audit, explain and diff: config + flags → evaluation settings and policy. */
import type { Locale } from '../locale/messages.js';
import { dateFlag, intFlag, probabilityFlag, type Options } from './args.js';
import { loadConfig, RULE_IDS, type Config, type LoadedConfig } from './config.js';
import { UsageError } from './errors.js';
import { packObjects, resolvePacks, type PackRef } from './packs.js';
import type { Policy } from './policy.js';
import { BUILTIN_PACK_IDS } from '../packs/builtin.js';
import type { Model } from '../model/prior.js';
import { readModelFile } from './model-file.js';
import { envLocale } from './words.js';

export const COMMON_OPTIONS = {
  config: { type: 'string', short: 'c' },
  pack: { type: 'string', short: 'p', multiple: true },
  'as-of': { type: 'string' },
  locale: { type: 'string' },
  'stale-days': { type: 'string' },
  'horizon-days': { type: 'string' },
  'require-evidence': { type: 'boolean' },
  'min-probability': { type: 'string' },
  'fail-on': { type: 'string', multiple: true },
  sheet: { type: 'string' },
  model: { type: 'string' },
} as const satisfies Options;

export const COMMON_USAGE = `  -c, --config FILE        policy file (default: the nearest dealqual.config.json in this
                           folder or a parent)
  -p, --pack NAME|PATH     a built-in pack (sangfor-7step, man, bant) or a pack file or folder;
                           repeat for several (default: the config's packs, else all built-in)
      --as-of DATE         evaluation date for deals without asOf (reproducible audits)
      --locale en|zh-CN    language of messages and of the CLI's words (default: zh-CN
                           when LC_ALL, LC_MESSAGES or LANG is Chinese, else en)
      --stale-days N       answers and evidence older than N days are stale (default 90)
      --horizon-days N     BANT timeline horizon (default 180)
      --require-evidence   a C answer with no supporting fact or evidence counts as F
      --min-probability P  deals below P (0..1 or 40%) get a low-probability error
      --fail-on RULES      comma-separated rule or item ids to treat as errors
      --sheet NAME         the sheet of .xlsx inputs (default: the first)
      --model FILE         probability model file (dealqual calibrate --out; default: the
                           method-based prior); for calibrate, the prior's centre and baseline`;

export const COMMON_USAGE_ZH = `  -c, --config 文件        策略文件(默认:本文件夹或上级文件夹中最近的 dealqual.config.json)
  -p, --pack 名称|路径     内置规则包(sangfor-7step、man、bant)或规则包文件、文件夹;
                           可重复(默认:配置中的 packs,否则全部内置包)
      --as-of 日期         没有 asOf 的商机按此日期评估(可复现的审计)
      --locale en|zh-CN    消息和命令行文字的语言(默认:LC_ALL、LC_MESSAGES 或 LANG
                           为中文时 zh-CN,否则 en)
      --stale-days N       早于 N 天的回答和证据视为过期(默认 90)
      --horizon-days N     BANT 时间线范围(默认 180)
      --require-evidence   没有事实或证据支持的 C 回答按 F 计
      --min-probability P  赢率低于 P(0..1 或 40%)的商机报 low-probability 错误
      --fail-on 规则       逗号分隔的规则或条目编号,视为错误
      --sheet 名称         .xlsx 输入的工作表(默认第一个)
      --model 文件         赢率模型文件(dealqual calibrate -o 的输出;默认:基于方法的先验)`;

type Values = { [K in keyof typeof COMMON_OPTIONS]?: (typeof COMMON_OPTIONS)[K] extends { multiple: true } ? string[] : (typeof COMMON_OPTIONS)[K]['type'] extends 'boolean' ? boolean : string };

export interface Settings {
  loaded: LoadedConfig;
  packs: PackRef[];
  asOf?: string;
  staleDays?: number;
  horizonDays?: number;
  requireEvidence?: boolean;
  policy: Policy;
  mapping?: Record<string, string>;
  delimiter?: NonNullable<Config['csv']>['delimiter'];
  maxWarnings?: number;
  /** The probability model from `--model`. */
  model?: Model;
}

export async function resolveSettings(values: Values, cwd: string, env: Readonly<Record<string, string | undefined>> = {}): Promise<Settings> {
  const loaded = await loadConfig(values.config, cwd);
  const { config } = loaded;
  const locale = (values.locale ?? config.locale ?? envLocale(env) ?? 'en') as Locale;
  if (locale !== 'en' && locale !== 'zh-CN') throw new UsageError(`--locale expects en or zh-CN, got "${values.locale}"`);
  const packs = values.pack?.length
    ? await resolvePacks(values.pack.flatMap((p) => p.split(',')).filter(Boolean), cwd, cwd)
    : config.packs
      ? await resolvePacks(config.packs, loaded.base, cwd)
      : [...BUILTIN_PACK_IDS];
  const severities: Record<string, 'off' | 'warn' | 'error'> = { ...(config.rules ?? {}) };
  for (const id of (values['fail-on'] ?? []).flatMap((v) => v.split(',')).map((s) => s.trim()).filter(Boolean)) severities[id] = 'error';
  const known = new Set(packObjects(packs).flatMap((p) => p.items.map((i) => i.id)));
  for (const key of Object.keys(severities))
    if (!(RULE_IDS as readonly string[]).includes(key) && !known.has(key))
      throw new UsageError(`unknown rule or item id "${key}" (in ${values['fail-on']?.some((v) => v.split(',').includes(key)) ? '--fail-on' : `${loaded.file ? 'the config' : 'rules'} "rules"`}); rules: ${RULE_IDS.join(', ')}; items: ids of the evaluated packs`);
  const minProbability = probabilityFlag(values['min-probability'], '--min-probability') ?? config.thresholds?.minProbability;
  const asOf = dateFlag(values['as-of'], '--as-of') ?? config.asOf;
  const staleDays = intFlag(values['stale-days'], '--stale-days') ?? config.staleDays;
  const horizonDays = intFlag(values['horizon-days'], '--horizon-days') ?? config.horizonDays;
  const requireEvidence = values['require-evidence'] ?? config.requireEvidence;
  const model = values.model ? await readModelFile(values.model, cwd) : undefined;
  return {
    loaded,
    packs,
    ...(asOf !== undefined ? { asOf } : {}),
    ...(staleDays !== undefined ? { staleDays } : {}),
    ...(horizonDays !== undefined ? { horizonDays } : {}),
    ...(requireEvidence !== undefined ? { requireEvidence } : {}),
    policy: { severities, locale, ...(minProbability !== undefined ? { minProbability } : {}) },
    ...(config.csv?.mapping ? { mapping: config.csv.mapping } : {}),
    ...(config.csv?.delimiter ? { delimiter: config.csv.delimiter } : {}),
    ...(config.thresholds?.maxWarnings !== undefined ? { maxWarnings: config.thresholds.maxWarnings } : {}),
    ...(model ? { model } : {}),
  };
}
