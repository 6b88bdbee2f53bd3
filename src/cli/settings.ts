/** Flags shared by audit, explain and diff: config + flags → evaluation settings and policy. */
import { resolve } from 'node:path';
import type { Locale } from '../locale/messages.js';
import { dateFlag, intFlag, probabilityFlag, type Options } from './args.js';
import { CONFIG_FILE, loadConfig, RULE_IDS, type Config, type LoadedConfig, type Severity } from './config.js';
import { UsageError } from './errors.js';
import { packObjects, packPaths, resolvePacks, type PackRef } from './packs.js';
import type { ReadFile } from './output-file.js';
import type { Policy } from './policy.js';
import { BUILTIN_PACK_IDS } from '../packs/builtin.js';
import type { Model } from '../model/prior.js';
import { readModelFile } from './model-file.js';
import { modelWarnings } from '../model/file.js';
import type { CliIO } from './command.js';
import { MAX_DAYS } from '../options.js';
import { encodingName } from '../node/decode.js';
import { parseMapping, type Mapping, type MappingInput } from '../flat/mapping.js';
import { PRESET_NAMES, type PresetName } from '../flat/presets.js';
import { readSettingsFile } from './user-file.js';
import { envLocale } from './words.js';
import { writeStderr } from './terminal.js';

export const COMMON_OPTIONS = {
  config: { type: 'string', short: 'c' },
  pack: { type: 'string', short: 'p', multiple: true },
  packs: { type: 'string', multiple: true },
  'as-of': { type: 'string' },
  locale: { type: 'string' },
  'stale-days': { type: 'string' },
  'horizon-days': { type: 'string' },
  'require-evidence': { type: 'boolean' },
  'min-probability': { type: 'string' },
  'fail-on': { type: 'string', multiple: true },
  sheet: { type: 'string' },
  encoding: { type: 'string' },
  model: { type: 'string' },
  mapping: { type: 'string' },
  preset: { type: 'string' },
} as const satisfies Options;

export const COMMON_USAGE = `  -c, --config FILE        policy file (default: the nearest dealqual.config.json in this
                           folder or a parent)
  -p, --pack NAME|PATH     a built-in pack (sangfor-7step, man, bant; opt-in: clmls, roles,
                           lixiang, meddpicc; all: every one) or a pack file or folder; repeat
                           or separate with commas (default: the config's packs, else
                           sangfor-7step, man, bant); --packs is the same option
      --as-of DATE         evaluation date for deals without asOf (reproducible audits)
      --locale en|zh-CN    language of messages and of the CLI's words (default: zh-CN
                           when LC_ALL, LC_MESSAGES or LANG is Chinese, else en)
      --stale-days N       answers and evidence older than N days are stale (default 90)
      --horizon-days N     BANT timeline horizon (default 180)
      --require-evidence   a C answer with no supporting fact or evidence counts as F
      --min-probability P  deals below P (0..1 or 40%) get a low-probability error
      --fail-on RULES      comma-separated rule or item ids to treat as errors
      --sheet NAME         the sheet of .xlsx inputs (default: the first)
      --encoding NAME      text encoding of CSV, JSON and JSON Lines inputs without a byte-order
                           mark: utf-8 (default), gbk, gb18030, big5, utf-16le, shift_jis, …
      --model FILE         probability model file (dealqual calibrate --out; default: the
                           method-based prior); for calibrate, the prior's centre and baseline
      --mapping FILE       column mapping for CSV/xlsx input (JSON; replaces the config's
                           csv.mapping): header → field, value tables, types (docs/sheets.md)
      --preset NAME        start the mapping from a CRM preset: ${PRESET_NAMES.join(', ')}`;

export const COMMON_USAGE_ZH = `  -c, --config 文件        策略文件(默认:本文件夹或上级文件夹中最近的 dealqual.config.json)
  -p, --pack 名称|路径     内置规则包(sangfor-7step、man、bant;可选:clmls、roles、lixiang、
                           meddpicc;all:全部)或规则包文件、文件夹;可重复或用逗号分隔
                           (默认:配置中的 packs,否则 sangfor-7step、man、bant);--packs 同义
      --as-of 日期         没有 asOf 的商机按此日期评估(可复现的审计)
      --locale en|zh-CN    消息和命令行文字的语言(默认:LC_ALL、LC_MESSAGES 或 LANG
                           为中文时 zh-CN,否则 en)
      --stale-days N       早于 N 天的回答和证据视为过期(默认 90)
      --horizon-days N     BANT 时间线范围(默认 180)
      --require-evidence   没有事实或证据支持的 C 回答按 F 计
      --min-probability P  赢率低于 P(0..1 或 40%)的商机报 low-probability 错误
      --fail-on 规则       逗号分隔的规则或条目编号,视为错误
      --sheet 名称         .xlsx 输入的工作表(默认第一个)
      --encoding 名称      没有字节顺序标记的 CSV、JSON、JSON Lines 输入的文本编码:utf-8(默认)、
                           gbk、gb18030、big5、utf-16le、shift_jis 等
      --model 文件         赢率模型文件(dealqual calibrate -o 的输出;默认:基于方法的先验)
      --mapping 文件       CSV/xlsx 输入的列映射(JSON;取代配置中的 csv.mapping):列名 → 字段、
                           取值表、类型(docs/sheets.md)
      --preset 名称        以 CRM 预设为映射的起点:${PRESET_NAMES.join('、')}`;

type Values = { [K in keyof typeof COMMON_OPTIONS]?: (typeof COMMON_OPTIONS)[K] extends { multiple: true } ? string[] : (typeof COMMON_OPTIONS)[K]['type'] extends 'boolean' ? boolean : string };

export interface Settings {
  loaded: LoadedConfig;
  packs: PackRef[];
  asOf?: string;
  staleDays?: number;
  horizonDays?: number;
  requireEvidence?: boolean;
  policy: Policy;
  mapping?: MappingInput;
  delimiter?: NonNullable<Config['csv']>['delimiter'];
  maxWarnings?: number;
  /** The probability model from `--model`. */
  model?: Model;
  /** `--encoding`: the canonical name of the input text encoding. */
  encoding?: string;
  /** Every file or folder these settings were read from (config, pack, model, mapping): a report may not overwrite them. */
  reads: ReadFile[];
}

/**
 * @param io where a warning about the settings goes (`stderr`, once per run: e.g. a model that
 *   weighs none of the evaluated packs' items) and the environment (`env`: a Chinese `LANG` sets the
 *   default locale)
 */
export async function resolveSettings(values: Values, cwd: string, io: Partial<Pick<CliIO, 'stderr' | 'env'>> = {}): Promise<Settings> {
  const warn = io.stderr;
  const env = io.env ?? {};
  const loaded = await loadConfig(values.config, cwd);
  const { config } = loaded;
  const locale = (values.locale ?? config.locale ?? envLocale(env) ?? 'en') as Locale;
  if (locale !== 'en' && locale !== 'zh-CN') throw new UsageError(`--locale expects en or zh-CN, got "${values.locale}"`);
  const named = [...(values.pack ?? []), ...(values.packs ?? [])].flatMap((p) => p.split(',')).filter(Boolean);
  const packs = named.length
    ? await resolvePacks(named, cwd, cwd)
    : config.packs
      ? await resolvePacks(config.packs, loaded.base, cwd)
      : [...BUILTIN_PACK_IDS];
  const failOn = (values['fail-on'] ?? []).flatMap((v) => v.split(',')).map((s) => s.trim()).filter(Boolean);
  const severities = severityMap(config.rules, failOn);
  const known = new Set(packObjects(packs).flatMap((p) => p.items.map((i) => i.id)));
  for (const key of Object.keys(severities))
    if (!(RULE_IDS as readonly string[]).includes(key) && !known.has(key))
      throw new UsageError(`unknown rule or item id "${key}" (in ${failOn.includes(key) ? '--fail-on' : `${loaded.file ? 'the config' : 'rules'} "rules"`}); rules: ${RULE_IDS.join(', ')}; items: ids of the evaluated packs`);
  const minProbability = probabilityFlag(values['min-probability'], '--min-probability') ?? config.thresholds?.minProbability;
  const asOf = dateFlag(values['as-of'], '--as-of') ?? config.asOf;
  const staleDays = intFlag(values['stale-days'], '--stale-days', 0, MAX_DAYS) ?? config.staleDays;
  const horizonDays = intFlag(values['horizon-days'], '--horizon-days', 0, MAX_DAYS) ?? config.horizonDays;
  const requireEvidence = values['require-evidence'] ?? config.requireEvidence;
  const model = values.model ? await readModelFile(values.model, cwd) : undefined;
  if (model && warn) await writeStderr(warn, 'dealqual: warning: ', modelWarnings(model, packObjects(packs)).map((w) => `${values.model}: ${w.message}`));
  const encoding = values.encoding === undefined ? undefined : encodingName(values.encoding);
  if (values.encoding !== undefined && encoding === undefined)
    throw new UsageError(`--encoding: unknown encoding "${values.encoding}"; give a WHATWG encoding label such as utf-8, gbk, gb18030, big5, utf-16le`);
  const mapping = withPreset(values.mapping ? await readMapping(values.mapping, cwd) : config.csv?.mapping, values.preset);
  const reads: ReadFile[] = [
    ...(loaded.file ? [{ path: loaded.file, by: values.config !== undefined ? '--config' : `the config lookup (the nearest ${CONFIG_FILE})` }] : []),
    ...(named.length ? packPaths(named, cwd).map((path) => ({ path, by: '--pack' })) : packPaths(config.packs ?? [], loaded.base).map((path) => ({ path, by: `the config's "packs"` }))),
    ...(values.model ? [{ path: resolve(cwd, values.model), by: '--model' }] : []),
    ...(values.mapping ? [{ path: resolve(cwd, values.mapping), by: '--mapping' }] : []),
  ];
  return {
    loaded,
    packs,
    ...(asOf !== undefined ? { asOf } : {}),
    ...(staleDays !== undefined ? { staleDays } : {}),
    ...(horizonDays !== undefined ? { horizonDays } : {}),
    ...(requireEvidence !== undefined ? { requireEvidence } : {}),
    policy: { severities, locale, ...(minProbability !== undefined ? { minProbability } : {}) },
    ...(mapping ? { mapping } : {}),
    ...(config.csv?.delimiter ? { delimiter: config.csv.delimiter } : {}),
    ...(config.thresholds?.maxWarnings !== undefined ? { maxWarnings: config.thresholds.maxWarnings } : {}),
    ...(model ? { model } : {}),
    ...(encoding ? { encoding } : {}),
    reads,
  };
}

/**
 * The severity per rule or item id: the config's `rules`, then `error` for each `--fail-on` id. The
 * ids are the user's, so the map has no prototype: `__proto__` (or `constructor`, `toString`) is an
 * own key like any other, which the unknown-id check sees, rather than a prototype to set or an
 * inherited property to read.
 * @example Object.keys(severityMap({}, ['__proto__'])) // ['__proto__']
 */
export function severityMap(rules: Readonly<Record<string, Severity>> | undefined, failOn: readonly string[]): Record<string, Severity> {
  const severities: Record<string, Severity> = Object.create(null);
  for (const [id, severity] of Object.entries(rules ?? {})) severities[id] = severity;
  for (const id of failOn) severities[id] = 'error';
  return severities;
}

/** Reads `--mapping FILE`: JSON, validated (every problem with its JSON path). */
export async function readMapping(path: string, cwd: string): Promise<MappingInput> {
  const mapping = parseMapping(await readSettingsFile(path, cwd, 'mapping'));
  if (!mapping.ok) throw new UsageError(`invalid mapping:\n${mapping.issues.map((i) => `  ${path} ${i.path}: ${i.message}`).join('\n')}`);
  return mapping.mapping;
}

/** A mapping with `--preset NAME` under it (the mapping's own columns win). */
export function withPreset(mapping: MappingInput | undefined, preset: string | undefined): MappingInput | undefined {
  if (preset === undefined) return mapping;
  if (!(PRESET_NAMES as readonly string[]).includes(preset)) throw new UsageError(`--preset expects one of ${PRESET_NAMES.join(', ')}, got "${preset}"`);
  if (mapping === undefined) return { preset: preset as PresetName };
  const structured = 'preset' in mapping || 'columns' in mapping;
  const columns = structured ? (mapping as Mapping).columns : (mapping as Mapping['columns']);
  return { preset: preset as PresetName, ...(columns ? { columns } : {}) };
}
